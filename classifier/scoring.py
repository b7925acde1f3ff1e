"""Batch scoring: every input row comes back, in order, with labels, probabilities and flags.

Rows are read and written as a stream; texts are prepared and predicted in chunks by
worker processes that each load the model once. A row that cannot be scored keeps its
place with `error` filled in."""
from __future__ import annotations

import multiprocessing
from pathlib import Path
from typing import Iterable, Iterator

from .errors import DataError, InputError, PrescreenError
from .modelfile import load_model
from .parallel import chunked, default_jobs
from .screening import screen
from .taxonomy import load_taxonomy
from .text import normalize_text, tokenize

__all__ = ["score_rows", "Scorer", "OUTPUT_FIELDS", "flatten_row", "pick_text_columns"]

OUTPUT_FIELDS = ("level", "category", "level_probabilities", "category_probabilities", "needs_review",
                 "flags", "error", "level_evidence", "category_evidence", "criteria")
TEXT_COLUMN_GUESSES = ("text", "ข้อความ", "เนื้อหา", "รายละเอียดผลงาน", "content", "body")


class Scorer:
    """A loaded model plus what scoring one row needs; one per process."""

    def __init__(self, model_dir=None, model_and_card=None, engine: str | None = None):
        self.model, self.card = model_and_card or load_model(model_dir, engine=engine)
        self.taxonomy = load_taxonomy()
        # build the dictionaries now, once per process, not inside the first row's timing
        tokenize(normalize_text("ทีส่ร้าง กมุภาพันธ์"), engine=self.model.engine)

    def _year(self, requested, row_year):
        year = requested if requested is not None else (row_year or self.taxonomy.newest_year)
        try:
            year = int(year)
        except (TypeError, ValueError):
            raise DataError(f"year '{year}' is not a number; give a Buddhist-era year such as 2567") from None
        self.taxonomy.categories_for(year)
        return year

    def score_many(self, items: list[tuple[str, object, str]], year=None) -> list[dict]:
        """items: (text, row year, applied category) -> result fields for each, in order."""
        results, batch = [None] * len(items), []
        for index, (text, row_year, applied) in enumerate(items):
            try:
                if not str(text).strip():
                    raise DataError("empty text: fill in the submission text")
                row_year = self._year(year, row_year)
                normalized = normalize_text(str(text))
                batch.append((index, str(text), normalized, tokenize(normalized, engine=self.model.engine),
                              row_year, applied))
            except PrescreenError as exc:
                results[index] = {"error": str(exc)}
        if batch:
            features = self.model.features([b[3] for b in batch])
            predictions = self.model.predict_features(features, [b[4] for b in batch])
            for row, ((index, text, normalized, tokens, _, applied), prediction) in enumerate(zip(batch, predictions)):
                results[index] = screen(self.model, self.card, text, tokens, features[row], prediction,
                                        applied, normalized=normalized).as_row()
        return results


_WORKER: Scorer | None = None


def _init_worker(model_dir, engine):
    global _WORKER
    _WORKER = Scorer(model_dir, engine=engine)


def _score_chunk(args):
    items, year = args
    return _WORKER.score_many(items, year)


def pick_text_columns(columns, text_columns) -> list[str]:
    if text_columns:
        missing = [c for c in text_columns if c not in columns]
        if missing:
            raise InputError(f"no column {', '.join(repr(c) for c in missing)} in the input (columns: "
                             f"{', '.join(columns)}); give --text-column with one of them")
        return list(text_columns)
    for guess in TEXT_COLUMN_GUESSES:
        if guess in columns:
            return [guess]
    raise InputError(f"no text column found (columns: {', '.join(columns)}); give --text-column")


def _empty_result(error: str) -> dict:
    """Every output field, so a failed first row still gives CSV/XLSX their full header."""
    return {"level": "", "category": "", "level_probabilities": {}, "category_probabilities": {},
            "needs_review": True, "flags": [], "error": error, "level_evidence": [], "category_evidence": [],
            "criteria": {}}


def score_rows(rows: Iterable[dict], model_dir=None, text_columns=None, year=None, jobs: int | None = None,
               chunk_size: int = 16, applied_column: str = "applied_category",
               scorer: Scorer | None = None, engine: str | None = None) -> Iterator[dict]:
    """Yield each input row with the output fields added (an existing field of the same name is replaced)."""
    rows = iter(rows)
    first = next(rows, None)
    if first is None:
        return
    columns = pick_text_columns(list(first), text_columns)
    jobs = jobs or default_jobs()

    def with_first():
        yield first
        yield from rows

    def item(row):
        return ("\n".join(str(row.get(c) or "") for c in columns), row.get("year"), str(row.get(applied_column) or ""))

    if jobs <= 1:
        scorer = scorer or Scorer(model_dir, engine=engine)
        for chunk in chunked(with_first(), chunk_size):
            for row, result in zip(chunk, scorer.score_many([item(r) for r in chunk], year)):
                yield {**row, **_empty_result(""), **result}
        return
    model_dir = str(Path(model_dir)) if model_dir else None
    Scorer(model_dir, engine=engine)  # fail here, once, with a clear message rather than in every worker
    window = jobs * 4
    with multiprocessing.get_context("fork").Pool(jobs, initializer=_init_worker,
                                                   initargs=(model_dir, engine)) as pool:
        for group in chunked(chunked(with_first(), chunk_size), window):
            outputs = pool.map(_score_chunk, [([item(r) for r in chunk], year) for chunk in group])
            for chunk, results in zip(group, outputs):
                for row, result in zip(chunk, results):
                    yield {**row, **_empty_result(""), **result}


def flatten_row(row: dict) -> dict:
    """Probabilities as level_p_<label> / category_p_<label> columns, flags joined, for CSV and XLSX."""
    taxonomy = load_taxonomy()
    flat = {k: v for k, v in row.items() if k not in ("level_probabilities", "category_probabilities", "flags")}
    for head, labels in (("level", taxonomy.levels), ("category", taxonomy.categories)):
        probabilities = row.get(f"{head}_probabilities") or {}
        for label in labels:
            flat[f"{head}_p_{label}"] = probabilities.get(label, "")
    flat["flags"] = ";".join(row.get("flags") or [])
    return flat
