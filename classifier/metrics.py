"""Classification metrics for both heads, with ordinal measures for the level."""
from __future__ import annotations

import numpy as np
from sklearn.metrics import cohen_kappa_score, confusion_matrix, f1_score, precision_recall_fscore_support

__all__ = ["head_metrics", "level_ordinal_metrics"]


def head_metrics(truth, predicted, labels) -> dict:
    """Per-class precision/recall/F1/support, macro-F1, accuracy, confusion matrix (rows = truth)."""
    labels = [label for label in labels if label in set(truth) | set(predicted)]
    precision, recall, f1, support = precision_recall_fscore_support(truth, predicted, labels=labels,
                                                                     zero_division=0)
    return {
        "labels": labels,
        "per_class": {label: {"precision": round(float(p), 4), "recall": round(float(r), 4),
                              "f1": round(float(f), 4), "support": int(s)}
                      for label, p, r, f, s in zip(labels, precision, recall, f1, support)},
        "macro_f1": round(float(f1_score(truth, predicted, labels=labels, average="macro", zero_division=0)), 4),
        "accuracy": round(float(np.mean(np.asarray(truth) == np.asarray(predicted))), 4),
        "confusion_matrix": confusion_matrix(truth, predicted, labels=labels).tolist(),
        "n": len(truth),
    }


def level_ordinal_metrics(truth, predicted, levels) -> dict:
    """Mean absolute error in levels and quadratic weighted kappa on the ordered scale."""
    rank = {level: i for i, level in enumerate(levels)}
    t = np.array([rank[x] for x in truth])
    p = np.array([rank[x] for x in predicted])
    kappa = cohen_kappa_score(t, p, weights="quadratic", labels=list(range(len(levels))))
    return {"mae": round(float(np.abs(t - p).mean()), 4),
            "qwk": round(float(0.0 if np.isnan(kappa) else kappa), 4),
            "within_one_level": round(float((np.abs(t - p) <= 1).mean()), 4)}
