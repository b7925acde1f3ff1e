"""The label sets: ordered participation levels and the award categories valid in each year.

Everything comes from `data/taxonomy.json`, so a new year's categories are one entry
there (see README, "Adding a year")."""
from __future__ import annotations

import json
import os
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

from .errors import DataError

__all__ = ["Taxonomy", "load_taxonomy", "LEVELS", "add_year", "taxonomy_path"]


@dataclass(frozen=True)
class Taxonomy:
    levels: tuple[str, ...]
    level_names: dict
    categories: tuple[str, ...]
    category_info: dict
    years: dict

    @property
    def newest_year(self) -> int:
        return max(self.years)

    def categories_for(self, year: int | None) -> tuple[str, ...]:
        year = self.newest_year if year is None else int(year)
        if year not in self.years:
            known = ", ".join(str(y) for y in sorted(self.years))
            raise DataError(f"year {year} is not in the taxonomy (known: {known}); "
                            "add it to classifier/data/taxonomy.json")
        return self.years[year]

    def level_rank(self, level: str) -> int:
        return self.levels.index(level)

    def thai_name(self, label: str) -> str:
        if label in self.level_names:
            return self.level_names[label]["th"]
        return self.category_info[label]["th"]

    def english_name(self, label: str) -> str:
        if label in self.level_names:
            return self.level_names[label]["en"]
        return self.category_info[label]["en"]


def _from_dict(raw: dict) -> Taxonomy:
    levels = tuple(entry["id"] for entry in raw["levels"])
    categories = tuple(raw["categories"])
    years = {int(year): tuple(cats) for year, cats in raw["years"].items()}
    for year, cats in years.items():
        unknown = set(cats) - set(categories)
        if unknown:
            raise DataError(f"taxonomy year {year} names unknown categories {sorted(unknown)}; "
                            "define them under 'categories' first")
    return Taxonomy(levels=levels, level_names={e["id"]: e for e in raw["levels"]},
                    categories=categories, category_info=raw["categories"], years=years)


def taxonomy_path() -> Path:
    """$PRESCREEN_TAXONOMY if set (a maintainer's working copy), else the packaged file."""
    if os.environ.get("PRESCREEN_TAXONOMY"):
        return Path(os.environ["PRESCREEN_TAXONOMY"])
    return Path(str(resources.files("classifier").joinpath("data/taxonomy.json")))


@lru_cache(maxsize=4)
def _load(path: str, mtime: float) -> Taxonomy:
    try:
        raw = json.loads(Path(path).read_text("utf-8"))
    except (OSError, ValueError) as exc:
        raise DataError(f"taxonomy file {path} cannot be read ({exc}); restore it or fix its JSON") from None
    return _from_dict(raw)


def load_taxonomy() -> Taxonomy:
    path = taxonomy_path()
    return _load(str(path), path.stat().st_mtime if path.exists() else 0.0)


def add_year(year: int, categories) -> Path:
    """Add (or replace) one year's list of valid categories in the taxonomy file in use."""
    path = taxonomy_path()
    raw = json.loads(path.read_text("utf-8"))
    unknown = [c for c in categories if c not in raw["categories"]]
    if unknown:
        raise DataError(f"unknown categories {', '.join(unknown)}; define them under 'categories' in {path} first")
    raw["years"][str(int(year))] = list(categories)
    raw["years"] = dict(sorted(raw["years"].items()))
    temporary = path.with_suffix(".tmp")
    temporary.write_text(json.dumps(raw, ensure_ascii=False, indent=2) + "\n", "utf-8")
    os.replace(temporary, path)
    return path


LEVELS = load_taxonomy().levels
