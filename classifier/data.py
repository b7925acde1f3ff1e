"""Labelled examples for training and evaluation, with their labels checked against the taxonomy."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .errors import DataError, InputError
from .tabular import FORMATS, read_rows
from .taxonomy import load_taxonomy

__all__ = ["Example", "load_examples", "expand_paths"]


@dataclass
class Example:
    text: str
    level: str
    category: str
    year: int
    source: str
    line: int
    id: str = ""


def expand_paths(paths) -> list[Path]:
    """Files as given; a directory means every .jsonl/.csv/.xlsx file directly in it, sorted."""
    files = []
    for path in paths:
        path = Path(path)
        if path.is_dir():
            found = sorted(p for p in path.iterdir() if p.suffix.lower().lstrip(".") in FORMATS)
            if not found:
                raise InputError(f"{path}: no .jsonl, .csv or .xlsx files in this directory")
            files += found
        elif path.exists():
            files.append(path)
        else:
            raise InputError(f"{path}: no such file or directory; check the path")
    return files


def _example(row: dict, source: str, line: int, taxonomy) -> Example:
    missing = [column for column in ("text", "level", "category") if column not in row]
    if missing:
        raise DataError(f"{source} row {line}: missing column(s) {', '.join(missing)}; labelled data needs "
                        "text, level, category (and year)")
    text = str(row["text"] or "").strip()
    if not text:
        raise DataError(f"{source} row {line}: empty text; remove the row or fill in its text")
    level, category = str(row["level"]).strip(), str(row["category"]).strip()
    year = int(row.get("year") or taxonomy.newest_year)
    if level not in taxonomy.levels:
        raise DataError(f"{source} row {line}: unknown level '{level}'; use one of {', '.join(taxonomy.levels)}")
    valid = taxonomy.categories_for(year)
    if category not in valid:
        raise DataError(f"{source} row {line}: category '{category}' is not valid in {year}; use one of "
                        f"{', '.join(valid)}")
    return Example(text=text, level=level, category=category, year=year, source=source, line=line,
                   id=str(row.get("id", "")))


def load_examples(paths) -> list[Example]:
    taxonomy = load_taxonomy()
    examples = []
    for path in expand_paths(paths):
        for line, row in enumerate(read_rows(str(path)), 1):
            examples.append(_example(row, str(path), line, taxonomy))
    if not examples:
        raise DataError("no labelled examples in " + ", ".join(str(p) for p in paths) + "; check the files")
    return examples
