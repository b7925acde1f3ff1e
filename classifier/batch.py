"""Scoring a whole file: rows in, every row out in order, a summary and a review queue."""
from __future__ import annotations

import collections

from .errors import InputError
from .scoring import flatten_row, score_rows
from .tabular import RowWriter, file_format, read_rows
from .taxonomy import load_taxonomy

__all__ = ["score_file", "doubt"]


def doubt(row: dict) -> float:
    """Higher = more doubtful: failed rows first, then the least confident prediction."""
    if row.get("error"):
        return 2.0
    confidence = min(max((row.get("level_probabilities") or {"": 0}).values()),
                     max((row.get("category_probabilities") or {"": 0}).values()))
    return 1.0 - confidence + 0.01 * len(row.get("flags") or [])


def score_file(input_path: str, output_path: str, model_dir=None, year=None, text_columns=(), id_column=None,
               applied_column="applied_category", review_path=None, sheet=None, encoding=None, jobs=None,
               on_row=None, engine=None) -> dict:
    file_format(output_path)
    if year is not None:
        load_taxonomy().categories_for(year)  # an unknown --year fails once, not on every row
    if review_path:
        file_format(review_path)
    rows = read_rows(input_path, encoding=encoding, sheet=sheet)
    source_xlsx = input_path if file_format(input_path) == "xlsx" and file_format(output_path) == "xlsx" else None
    summary = {"rows": 0, "scored": 0, "errors": 0, "needs_review": 0, "level": collections.Counter(),
               "category": collections.Counter(), "flags": collections.Counter()}
    review = []
    with RowWriter(output_path, flatten=flatten_row, source_xlsx=source_xlsx, sheet=sheet) as writer:
        for number, row in enumerate(score_rows(rows, model_dir=model_dir, text_columns=text_columns or None,
                                                year=year, jobs=jobs, applied_column=applied_column,
                                                engine=engine), 1):
            if id_column and id_column not in row:
                raise InputError(f"no column '{id_column}' in the input; give --id-column with an existing column")
            writer.write(row)
            summary["rows"] += 1
            if row["error"]:
                summary["errors"] += 1
            else:
                summary["scored"] += 1
                summary["level"][row["level"]] += 1
                summary["category"][row["category"]] += 1
            summary["flags"].update(row["flags"])
            if row["needs_review"]:
                summary["needs_review"] += 1
                review.append({"row": number, **({"id": row[id_column]} if id_column else {}),
                               "level": row["level"], "category": row["category"],
                               "doubt": round(doubt(row), 4), "flags": row["flags"], "error": row["error"]})
            if on_row:
                on_row()
    if review_path:
        review.sort(key=lambda r: -r["doubt"])
        with RowWriter(review_path) as queue:
            for entry in review:
                queue.write(entry)
    summary["review_queue"] = review_path
    return summary
