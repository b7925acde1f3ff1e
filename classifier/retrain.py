"""The yearly routine: import a year's results, audit labels, compare models, promote one."""
from __future__ import annotations

import json
import os
from pathlib import Path

import numpy as np

from .data import expand_paths, load_examples
from .errors import DataError, InputError, ModelFileError
from .metrics import head_metrics
from .modelfile import CARD_FILE, POINTER_FILE, in_use_dir, load_model, models_root, read_card
from .tabular import read_rows
from .taxonomy import load_taxonomy

__all__ = ["import_results", "read_category_mapping", "compare_models", "promote", "list_models", "suspects"]


def _key(name) -> str:
    return " ".join(str(name).split()).casefold()


def read_category_mapping(pairs=(), mapping_file=None) -> dict:
    """'Thai name=label_id' pairs and/or a file of such lines (or a JSON object) -> {normalised name: id}."""
    mapping = {}
    lines = list(pairs)
    if mapping_file:
        text = Path(mapping_file).read_text("utf-8")
        if text.lstrip().startswith("{"):
            lines += [f"{k}={v}" for k, v in json.loads(text).items()]
        else:
            lines += [line for line in text.splitlines() if line.strip() and not line.startswith("#")]
    for line in lines:
        name, sep, label = line.rpartition("=")
        if not sep or not name.strip():
            raise InputError(f"mapping '{line}' is not NAME=label_id; write e.g. 'ประเภทเปิดใจใกล้ชิดประชาชน=open_governance'")
        mapping[_key(name)] = label.strip()
    return mapping


def _label_lookup(taxonomy, extra_categories: dict):
    levels, categories = {}, {}
    for label, info in taxonomy.level_names.items():
        for name in [label, info["th"], info["en"], *info.get("variants", [])]:
            levels[_key(name)] = label
    for label, info in taxonomy.category_info.items():
        for name in [label, info["th"], info["en"], *info.get("variants", [])]:
            categories[_key(name)] = label
    categories.update(extra_categories)
    return levels, categories


def import_results(path, year: int, out, text_columns, level_column="level", category_column="category",
                   id_column=None, agency_column=None, title_column=None, category_mapping=None,
                   sheet=None, encoding=None) -> dict:
    """OPDC's results file -> training JSONL for `year`. Rows that cannot be mapped are listed with their
    row numbers (the header is row 1), never dropped silently."""
    taxonomy = load_taxonomy()
    valid = taxonomy.categories_for(year)
    levels, categories = _label_lookup(taxonomy, category_mapping or {})
    written, unmapped = 0, []
    rows = read_rows(str(path), encoding=encoding, sheet=sheet)
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    with open(out, "w", encoding="utf-8") as handle:
        for number, row in enumerate(rows, 2):
            missing = [c for c in [*text_columns, level_column, category_column] if c not in row]
            if missing:
                raise InputError(f"{path}: no column {', '.join(repr(c) for c in missing)} (columns: "
                                 f"{', '.join(row)}); give the column options")
            text = "\n".join(str(row[c] or "").strip() for c in text_columns).strip()
            level = levels.get(_key(row[level_column] or ""))
            category = categories.get(_key(row[category_column] or ""))
            problems = []
            if not text:
                problems.append("empty text")
            if level is None:
                problems.append(f"level '{row[level_column]}' not recognised")
            if category is None:
                problems.append(f"category '{row[category_column]}' not recognised (add --map-category)")
            elif category not in valid:
                problems.append(f"category '{category}' not valid in {year}")
            if problems:
                unmapped.append({"row": number, "problems": problems})
                continue
            record = {"id": str(row[id_column]) if id_column else f"{year}-{number:04d}", "year": year,
                      "agency": str(row.get(agency_column, "") or "") if agency_column else "",
                      "agency_type": "", "title": str(row.get(title_column, "") or "") if title_column else "",
                      "text": text, "level": level, "category": category, "applied_category": category,
                      "note": f"imported from {Path(path).name} row {number}"}
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
            written += 1
    return {"written": written, "unmapped": unmapped, "out": str(out)}


def compare_models(model_dirs, data_paths) -> dict:
    """Both models on the same labelled data: metrics side by side and the rows whose prediction changed."""
    from .api import evaluate_model

    if len(model_dirs) != 2:
        raise ModelFileError("compare takes exactly two models: --model A --model B")
    results = [evaluate_model(data_paths, model_dir=d) for d in model_dirs]
    taxonomy = load_taxonomy()
    differences = {}
    for head, labels in (("level", taxonomy.levels), ("category", taxonomy.categories)):
        a, b = results[0][head]["per_class"], results[1][head]["per_class"]
        differences[head] = {label: round(b.get(label, {"f1": 0})["f1"] - a.get(label, {"f1": 0})["f1"], 4)
                             for label in labels if label in a or label in b}
    changed = [{"id": pa["id"], "line": pa["line"], "level": pa["level"], "category": pa["category"],
                "a": [pa["predicted_level"], pa["predicted_category"]],
                "b": [pb["predicted_level"], pb["predicted_category"]]}
               for pa, pb in zip(results[0]["predictions"], results[1]["predictions"])
               if (pa["predicted_level"], pa["predicted_category"]) != (pb["predicted_level"], pb["predicted_category"])]
    return {"models": [str(d) for d in model_dirs], "versions": [r["model"] for r in results],
            "examples": results[0]["examples"], "a": {h: _headline(results[0][h]) for h in ("level", "category")},
            "b": {h: _headline(results[1][h]) for h in ("level", "category")}, "f1_difference": differences,
            "changed": changed}


def _headline(report: dict) -> dict:
    return {k: report[k] for k in ("macro_f1", "accuracy", "mae", "qwk") if k in report}


def _version_dir(version) -> Path:
    path = Path(version)
    if path.is_dir():
        return path
    return models_root() / str(version)


def promote(version) -> Path:
    """Make a model version the one in use, atomically (models/CURRENT is replaced in one rename)."""
    target = _version_dir(version)
    load_model(target)  # refuse a missing, corrupt or foreign model before it is in use
    root = models_root()
    if target.resolve().parent != root.resolve():
        raise ModelFileError(f"{target} is not under {root}; copy it into {root}/ first")
    temporary = root / (POINTER_FILE + ".tmp")
    temporary.write_text(target.name + "\n", "utf-8")
    os.replace(temporary, root / POINTER_FILE)
    return target


def list_models() -> list[dict]:
    root, in_use = models_root(), in_use_dir().resolve()
    listing = []
    for path in sorted(p for p in root.iterdir() if (p / CARD_FILE).is_file()) if root.is_dir() else []:
        try:
            card = read_card(path)
        except ModelFileError as exc:
            listing.append({"version": path.name, "error": str(exc), "in_use": False})
            continue
        cv = card["cross_validation"]
        listing.append({"version": path.name, "created": card["created"], "examples": card["examples"],
                        "level_macro_f1": cv["level"]["macro_f1"], "level_qwk": cv["level"].get("qwk"),
                        "category_macro_f1": cv["category"]["macro_f1"], "in_use": path.resolve() == in_use})
    return listing


def suspects(data_paths, model_dir=None, folds: int = 5, seed: int = 0, limit: int = 30, jobs=None) -> list[dict]:
    """Rows whose given label the cross-validated model most strongly disagrees with, most suspicious first."""
    from .training import out_of_fold

    examples = load_examples(expand_paths(data_paths))
    hyperparameters = read_card(model_dir or in_use_dir())["hyperparameters"]
    taxonomy = load_taxonomy()
    counts = np.unique([e.level for e in examples], return_counts=True)[1]
    if len(examples) < 2 * folds or counts.min() < folds:
        raise DataError(f"too few examples per level for {folds}-fold cross-validation; lower --folds")
    oof = out_of_fold(examples, hyperparameters, folds=folds, seed=seed, jobs=jobs)
    rows = []
    for index, example in enumerate(examples):
        for head, labels, given in (("level", taxonomy.levels, example.level),
                                    ("category", taxonomy.categories, example.category)):
            proba = oof[head][index]
            rows.append({"source": example.source, "line": example.line, "id": example.id, "head": head,
                         "given": given, "p_given": round(float(proba[labels.index(given)]), 4),
                         "predicted": labels[int(proba.argmax())], "p_predicted": round(float(proba.max()), 4)})
    rows = [r for r in rows if r["predicted"] != r["given"]]
    return sorted(rows, key=lambda r: r["p_given"])[:limit]
