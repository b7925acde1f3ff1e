"""`prescreen data check`: keeps labelled data honest as it grows every year.

Errors (exit 1): bad JSON, missing fields, unknown labels, categories not valid in their
year, exact duplicates, near-duplicates (character 5-gram Jaccard above 0.5) within or across
files, overlap with an evaluation file. Warnings: classes under the corpus minimums (errors
with --strict) and template smell (sentences recurring in many examples)."""
from __future__ import annotations

import collections
import re
import unicodedata

import numpy as np
import scipy.sparse as sp

from .data import expand_paths
from .errors import InputError
from .tabular import read_rows
from .taxonomy import load_taxonomy

__all__ = ["check_data", "render_data_report", "near_duplicate_pairs", "REQUIRED_FIELDS", "MINIMUMS"]

REQUIRED_FIELDS = ("id", "year", "text", "level", "category")
AGENCY_TYPES = ("department", "province", "local_government", "public_organisation", "state_enterprise",
                "university", "hospital", "other")
MINIMUMS = {"level": 180, "level:empower": 100, "category_per_year": 60}
NEAR_DUPLICATE_JACCARD = 0.5
SHINGLE = 5


def _shingles(text: str) -> set[str]:
    compact = re.sub(r"\s+", "", unicodedata.normalize("NFC", text))
    return {compact[i:i + SHINGLE] for i in range(max(1, len(compact) - SHINGLE + 1))}


def near_duplicate_pairs(texts_a, texts_b=None, threshold: float = NEAR_DUPLICATE_JACCARD):
    """(i, j, jaccard) for pairs above threshold: within texts_a (i < j), or between a and b."""
    vocabulary = {}

    def matrix(texts):
        rows, cols = [], []
        for row, text in enumerate(texts):
            for shingle in _shingles(text):
                rows.append(row)
                cols.append(vocabulary.setdefault(shingle, len(vocabulary)))
        return rows, cols

    ra, ca = matrix(texts_a)
    rb, cb = matrix(texts_b) if texts_b is not None else ([], [])
    width = len(vocabulary)
    A = sp.csr_matrix((np.ones(len(ra)), (ra, ca)), shape=(len(texts_a), width))
    B = A if texts_b is None else sp.csr_matrix((np.ones(len(rb)), (rb, cb)), shape=(len(texts_b), width))
    inter = (A @ B.T).tocoo()
    size_a, size_b = np.asarray(A.sum(1)).ravel(), np.asarray(B.sum(1)).ravel()
    pairs = []
    for i, j, shared in zip(inter.row, inter.col, inter.data):
        if texts_b is None and i >= j:
            continue
        jaccard = shared / (size_a[i] + size_b[j] - shared)
        if jaccard > threshold:
            pairs.append((int(i), int(j), round(float(jaccard), 3)))
    return sorted(pairs)


def _schema_errors(row, where, taxonomy) -> list[str]:
    errors = [f"{where}: missing field '{f}'" for f in REQUIRED_FIELDS if row.get(f) in (None, "")]
    if errors:
        return errors
    try:
        year = int(row["year"])
    except (TypeError, ValueError):
        return [f"{where}: year '{row['year']}' is not a number"]
    if year not in taxonomy.years:
        return [f"{where}: year {year} is not in the taxonomy; add it to classifier/data/taxonomy.json"]
    if row["level"] not in taxonomy.levels:
        errors.append(f"{where}: unknown level '{row['level']}'")
    for field in ("category", "applied_category"):
        value = row.get(field)
        if value not in (None, "") and value not in taxonomy.years[year]:
            errors.append(f"{where}: {field} '{value}' is not valid in {year}")
    if row.get("agency_type") not in (None, "") and row["agency_type"] not in AGENCY_TYPES:
        errors.append(f"{where}: unknown agency_type '{row['agency_type']}'")
    return errors


def _load(paths, taxonomy):
    records, errors = [], []
    for path in expand_paths(paths):
        try:
            for number, row in enumerate(read_rows(str(path)), 1):
                where = f"{path}:{number}"
                problems = _schema_errors(row, where, taxonomy)
                errors += problems
                if not problems:
                    records.append({"where": where, "file": str(path), **row})
        except InputError as exc:
            errors.append(str(exc))
    return records, errors


def _template_smell(records, min_examples: int = 3) -> list[dict]:
    seen = collections.defaultdict(set)
    for index, record in enumerate(records):
        for sentence in re.split(r"\n+|\s{2,}|(?<=[.!?])\s", str(record["text"])):
            sentence = sentence.strip()
            if len(sentence) >= 30:
                seen[sentence].add(index)
    return [{"sentence": s[:100], "examples": len(ix)} for s, ix in
            sorted(seen.items(), key=lambda kv: -len(kv[1])) if len(ix) >= min_examples]


def _counts(records, taxonomy):
    level = collections.Counter(r["level"] for r in records)
    by_year = collections.defaultdict(collections.Counter)
    for r in records:
        by_year[int(r["year"])][r["category"]] += 1
    cells = collections.Counter((int(r["year"]), r["level"], r["category"]) for r in records)
    lengths = [len(str(r["text"])) for r in records]
    under = []
    for label in taxonomy.levels:
        minimum = MINIMUMS.get(f"level:{label}", MINIMUMS["level"])
        if level[label] < minimum:
            under.append(f"level {label}: {level[label]} examples, minimum {minimum}")
    for year, counter in sorted(by_year.items()):
        for category in taxonomy.years[year]:
            if counter[category] < MINIMUMS["category_per_year"]:
                under.append(f"{year} {category}: {counter[category]} examples, minimum "
                             f"{MINIMUMS['category_per_year']}")
    return {
        "examples": len(records),
        "level": {l: level[l] for l in taxonomy.levels},
        "category_by_year": {str(y): dict(c) for y, c in sorted(by_year.items())},
        "year_level_category": {f"{y} {l} {c}": n for (y, l, c), n in sorted(cells.items())},
        "length": {"under_300": sum(n < 300 for n in lengths), "300_to_1500": sum(300 <= n <= 1500 for n in lengths),
                   "over_1500": sum(n > 1500 for n in lengths), "median": int(np.median(lengths)) if lengths else 0,
                   "max": max(lengths, default=0)},
    }, under


def check_data(paths, against=(), strict: bool = False) -> dict:
    taxonomy = load_taxonomy()
    records, errors = _load(paths, taxonomy)
    warnings = []
    ids = collections.Counter(str(r["id"]) for r in records)
    errors += [f"duplicate id '{i}' ({n} rows)" for i, n in ids.items() if n > 1]
    texts = [str(r["text"]) for r in records]
    exact = collections.defaultdict(list)
    for record in records:
        exact[_exact_key(record)].append(record["where"])
    errors += [f"exact duplicate text: {', '.join(w)}" for w in exact.values() if len(w) > 1]
    near = [(records[i]["where"], records[j]["where"], jac) for i, j, jac in near_duplicate_pairs(texts)
            if _exact_key(records[i]) != _exact_key(records[j])]
    errors += [f"near-duplicate (char-5-gram Jaccard {jac}): {a} ~ {b}" for a, b, jac in near]
    overlap = []
    if against:
        evaluation, eval_errors = _load(against, taxonomy)
        errors += eval_errors
        overlap = [(records[i]["where"], evaluation[j]["where"], jac) for i, j, jac in
                   near_duplicate_pairs(texts, [str(r["text"]) for r in evaluation])]
        errors += [f"training/evaluation overlap (Jaccard {jac}): {a} ~ {b}" for a, b, jac in overlap]
    counts, under = _counts(records, taxonomy)
    (errors if strict else warnings).extend(f"under minimum: {u}" for u in under)
    smell = _template_smell(records)
    warnings += [f"template smell: sentence in {s['examples']} examples: {s['sentence']}" for s in smell]
    return {"files": [str(p) for p in expand_paths(paths)], "errors": errors, "warnings": warnings,
            "near_duplicates": len(near), "overlap_with_evaluation": len(overlap), "counts": counts}


def _exact_key(record) -> str:
    return re.sub(r"\s+", " ", str(record["text"]).strip())


def render_data_report(report: dict) -> str:
    counts = report["counts"]
    lines = [f"{counts['examples']} examples in {len(report['files'])} file(s)",
             "level: " + ", ".join(f"{k} {v}" for k, v in counts["level"].items())]
    for year, cats in counts["category_by_year"].items():
        lines.append(f"{year}: " + ", ".join(f"{k} {v}" for k, v in cats.items()))
    length = counts["length"]
    lines.append(f"length: {length['under_300']} under 300 chars, {length['300_to_1500']} 300-1500, "
                 f"{length['over_1500']} over 1500 (median {length['median']}, max {length['max']})")
    lines.append(f"near-duplicates: {report['near_duplicates']}; overlap with evaluation: "
                 f"{report['overlap_with_evaluation']}")
    lines += [f"warning: {w}" for w in report["warnings"]]
    lines += [f"error: {e}" for e in report["errors"]]
    lines.append(f"{len(report['errors'])} error(s), {len(report['warnings'])} warning(s)")
    return "\n".join(lines)
