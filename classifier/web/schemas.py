"""Request and response bodies of the JSON API; FastAPI publishes them in /openapi.json."""
from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field

from .limits import MAX_BATCH_CHARS, MAX_BATCH_TEXTS, MAX_TEXT_CHARS


class ScoreRequest(BaseModel):
    text: str = Field(description=f"The submission text in Thai, at most {MAX_TEXT_CHARS:,} characters.")
    year: int | None = Field(None, description="Award year, Buddhist era (e.g. 2567); default: the newest year.")
    applied_category: str = Field("", description="The category the agency applies for (a label id), or empty.")


class ScoreResult(BaseModel):
    """The fields of one row of `prescreen score`."""
    level: str = Field(description="inform, consult, involve, collaborate or empower; empty if `error`.")
    category: str = Field(description="An award category valid in the year; empty if `error`.")
    level_probabilities: dict[str, float]
    category_probabilities: dict[str, float]
    needs_review: bool
    flags: list[str]
    error: str = Field(description="Empty unless this text could not be scored.")
    level_evidence: list[str]
    category_evidence: list[str]
    criteria: dict[str, str] = Field(description="Each screening check: present, missing or unclear.")


class BatchRequest(BaseModel):
    items: list[ScoreRequest] = Field(
        description=f"At most {MAX_BATCH_TEXTS} texts and {MAX_BATCH_CHARS:,} characters in all; "
                    "a larger batch is refused with 413.")


class BatchResponse(BaseModel):
    model: str = Field(description="Version of the model that scored the texts.")
    results: list[ScoreResult] = Field(description="One per item, in order; a failed item has `error` set.")


class Health(BaseModel):
    status: str
    model: str


class ErrorMessage(BaseModel):
    detail: str = Field(description="What is wrong and what to do, in English.")


ModelCard = dict[str, Any]

EMPTY_RESULT = {"level": "", "category": "", "level_probabilities": {}, "category_probabilities": {},
                "needs_review": True, "flags": [], "error": "", "level_evidence": [], "category_evidence": [],
                "criteria": {}}
