"""Flags a screener would raise, on top of the two predictions (labeling guide sections 3-4)."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .criteria import MISSING, Check, run_checks
from .explain import evidence_phrases
from .taxonomy import load_taxonomy
from .text import MAX_CHARS, normalize_text

__all__ = ["Screening", "screen", "FLAGS", "REVIEW_FLAGS", "MIN_CHARS"]

MIN_CHARS = 150
FLAGS = ("category_mismatch", "level_below_category", "missing_evidence:<check>", "low_confidence", "too_short",
         "not_thai", "truncated")
# Flags that send a row to a person on their own; missing evidence does so from two checks up.
REVIEW_FLAGS = {"category_mismatch", "level_below_category", "low_confidence", "too_short", "not_thai", "truncated"}
_THAI = re.compile(r"[\u0e01-\u0e4f]")
_LETTER = re.compile(r"[^\W\d_]")


@dataclass
class Screening:
    prediction: object
    flags: list = field(default_factory=list)
    checks: list = field(default_factory=list)
    level_evidence: list = field(default_factory=list)
    category_evidence: list = field(default_factory=list)

    @property
    def needs_review(self) -> bool:
        missing = sum(flag.startswith("missing_evidence:") for flag in self.flags)
        return bool(REVIEW_FLAGS & set(self.flags)) or missing >= 2

    def as_row(self) -> dict:
        p = self.prediction
        return {"level": p.level, "category": p.category, "level_probabilities": p.level_probabilities,
                "category_probabilities": p.category_probabilities, "needs_review": self.needs_review,
                "flags": self.flags, "error": "",
                "level_evidence": [phrase for phrase, _ in self.level_evidence],
                "category_evidence": [phrase for phrase, _ in self.category_evidence],
                "criteria": {check.name: check.status for check in self.checks}}


def _level_below(category: str, level: str, checks: list[Check]) -> bool:
    taxonomy = load_taxonomy()
    info = taxonomy.category_info.get(category)
    if not info:
        return False
    if category == "open_governance":
        return any(c.name == "organisation_wide" and c.status == MISSING for c in checks)
    lowest = min(taxonomy.level_rank(l) for l in info["expected_levels"])
    return taxonomy.level_rank(level) < lowest


def screen(model, card: dict, text: str, tokens, x_row, prediction, applied_category: str = "",
           normalized: str | None = None, evidence_limit: int = 5) -> Screening:
    normalized = normalized if normalized is not None else normalize_text(text)
    applied = applied_category.strip()
    taxonomy = load_taxonomy()
    target = applied if applied in taxonomy.categories_for(prediction.year) else prediction.category
    checks = run_checks(normalized, [prediction.category, target])
    flags = []
    if applied and applied in taxonomy.categories and applied != prediction.category:
        flags.append("category_mismatch")
    if _level_below(target, prediction.level, checks):
        flags.append("level_below_category")
    flags += [f"missing_evidence:{c.name}" for c in checks if c.status == MISSING]
    thresholds = card.get("review_thresholds", {})
    if (max(prediction.level_probabilities.values()) < thresholds.get("level", 0.4)
            or max(prediction.category_probabilities.values()) < thresholds.get("category", 0.4)):
        flags.append("low_confidence")
    if len(normalized) < MIN_CHARS:
        flags.append("too_short")
    letters = len(_LETTER.findall(normalized))
    if letters and len(_THAI.findall(normalized)) / letters < 0.5:
        flags.append("not_thai")
    if len(text) > MAX_CHARS:
        flags.append("truncated")
    return Screening(prediction=prediction, flags=flags, checks=checks,
                     level_evidence=evidence_phrases(model, "level", x_row, prediction.level, tokens,
                                                     limit=evidence_limit),
                     category_evidence=evidence_phrases(model, "category", x_row, prediction.category, tokens,
                                                        limit=evidence_limit))
