"""Model cards: what a model was trained on, how, how well, and with which library versions."""
from __future__ import annotations

import collections
import datetime
import platform
from importlib import metadata

from .taxonomy import load_taxonomy
from .text import TEXT_SETTINGS

__all__ = ["build_card", "render_model_card", "library_versions"]


def library_versions() -> dict:
    versions = {"python": platform.python_version()}
    for package in ("scikit-learn", "pythainlp", "numpy", "scipy", "joblib", "nlpo3"):
        try:
            versions[package] = metadata.version(package)
        except metadata.PackageNotFoundError:
            versions[package] = None
    return versions


def build_card(training_card: dict, examples, data_files, version: str) -> dict:
    from .modelfile import sha256_of

    return {
        "version": version,
        "created": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
        "training_data": [{"file": str(path), "sha256": sha256_of(path)} for path in data_files],
        "examples": len(examples),
        "examples_per_label": {
            "level": dict(sorted(collections.Counter(e.level for e in examples).items())),
            "category": dict(sorted(collections.Counter(e.category for e in examples).items())),
            "year": {str(k): v for k, v in sorted(collections.Counter(e.year for e in examples).items())},
        },
        "label_order": {"level": list(load_taxonomy().levels), "category": list(load_taxonomy().categories)},
        "text_preparation": {"normalize": "classifier.text.normalize_text", "tokenize": "classifier.text.tokenize",
                             **TEXT_SETTINGS, "engine": training_card["hyperparameters"]["engine"]},
        "versions": library_versions(),
        **training_card,
    }


def _table(report: dict) -> list[str]:
    lines = ["| label | precision | recall | F1 | support |", "|---|---|---|---|---|"]
    for label, row in report["per_class"].items():
        lines.append(f"| {label} | {row['precision']:.3f} | {row['recall']:.3f} | {row['f1']:.3f} | {row['support']} |")
    lines.append(f"\nmacro-F1 **{report['macro_f1']:.3f}**, accuracy {report['accuracy']:.3f}")
    lines.append("\nConfusion matrix (rows = true, columns = predicted, order as above):\n")
    lines += ["    " + " ".join(f"{v:4d}" for v in row) for row in report["confusion_matrix"]]
    return lines


def render_model_card(card: dict) -> str:
    cv = card["cross_validation"]
    level = cv["level"]
    lines = [f"# Model card: prescreen {card['version']}", "",
             f"Created {card['created']}. Trained on {card['examples']} hand-written, labelled submissions.",
             "", "## Use", "",
             "Pre-screens Thai submissions to the Public Sector Excellence Awards: predicts the IAP2 participation "
             "level and the award category a screener would advise. It is a screening aid: a person decides.",
             "", "## Training data", ""]
    lines += [f"- `{d['file']}` sha256 `{d['sha256']}`" for d in card["training_data"]]
    lines += ["", f"Examples per level: {card['examples_per_label']['level']}",
              f"Examples per category: {card['examples_per_label']['category']}",
              f"Examples per year: {card['examples_per_label']['year']}",
              "", "## Hyperparameters (chosen by cross-validation)", "",
              "```", *(f"{k}: {v}" for k, v in card["hyperparameters"].items()), "```",
              "", f"## Cross-validated quality ({cv['folds']}-fold, seed {cv['seed']})", "",
              "### Level", "", *_table(level), "",
              f"Mean absolute error {level['mae']:.3f} levels; quadratic weighted kappa {level['qwk']:.3f}; "
              f"within one level {level['within_one_level']:.3f}.",
              "", "### Category (masked to each example's year)", "", *_table(cv["category"]), "",
              f"Review thresholds (top probability below which cross-validated predictions were right less than "
              f"75% of the time, so the row goes to a person): {card['review_thresholds']}",
              "", "The figures are for the chosen configuration on the same folds used to choose it, so they are "
              "slightly optimistic; on real submissions written by others expect lower.",
              "", "## Text preparation", "", "```", *(f"{k}: {v}" for k, v in card["text_preparation"].items()), "```",
              "", "## Versions", "", "```", *(f"{k}: {v}" for k, v in card["versions"].items()), "```",
              "", f"model file sha256: `{card.get('model_sha256', '')}`", ""]
    return "\n".join(lines)
