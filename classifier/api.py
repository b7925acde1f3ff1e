"""The library's workflows, one function each: train, evaluate, check one draft."""
from __future__ import annotations

import datetime
from pathlib import Path

from .card import build_card
from .data import expand_paths, load_examples
from .errors import ModelFileError
from .explain import evidence_sentences, missing_for_next_level
from .metrics import head_metrics, level_ordinal_metrics
from .modelfile import CARD_FILE, in_use_dir, load_model, save_model
from .screening import screen
from .taxonomy import load_taxonomy
from .text import normalize_text, require_engine, tokenize
from .training import train

__all__ = ["train_model", "evaluate_model", "check_text", "CheckResult"]


def train_model(data_paths, out_dir, folds: int = 5, seed: int = 0, engine: str = "newmm", jobs=None,
                force: bool = False, year_decay: float = 1.0, log=lambda message: None) -> dict:
    """Train with cross-validation and write a model directory; the model in use is never overwritten."""
    out_dir = Path(out_dir)
    in_use = in_use_dir()
    if in_use.exists() and out_dir.resolve() == in_use.resolve() and (in_use / CARD_FILE).exists():
        raise ModelFileError(f"{out_dir} is the model in use; train into a new directory (e.g. models/"
                             f"{datetime.date.today():%Y%m%d}) and then 'prescreen promote' it")
    if (out_dir / CARD_FILE).exists() and not force:
        raise ModelFileError(f"{out_dir} already holds a model; choose another --out or add --force")
    require_engine(engine)
    files = expand_paths(data_paths)
    examples = load_examples(files)
    log(f"{len(examples)} labelled examples from {len(files)} file(s)")
    result = train(examples, folds=folds, seed=seed, engine=engine, jobs=jobs, year_decay=year_decay, log=log)
    card = build_card(result.card, examples, files, version=out_dir.name)
    return save_model(result.model, card, out_dir)


def evaluate_model(data_paths, model_dir=None, model_and_card=None) -> dict:
    """Metrics of a model on labelled data, each example's category masked to its own year."""
    model, card = model_and_card or load_model(model_dir)
    taxonomy = load_taxonomy()
    examples = load_examples(expand_paths(data_paths))
    predictions = model.predict_tokens(model.prepare([e.text for e in examples]), [e.year for e in examples])
    levels = [e.level for e in examples]
    predicted_levels = [p.level for p in predictions]
    level = head_metrics(levels, predicted_levels, taxonomy.levels)
    level.update(level_ordinal_metrics(levels, predicted_levels, taxonomy.levels))
    category = head_metrics([e.category for e in examples], [p.category for p in predictions], taxonomy.categories)
    return {"model": card.get("version"), "examples": len(examples), "level": level, "category": category,
            "predictions": [{"id": e.id, "source": e.source, "line": e.line, "level": e.level,
                             "category": e.category, "predicted_level": p.level, "predicted_category": p.category}
                            for e, p in zip(examples, predictions)]}


class CheckResult(dict):
    """Everything the self-check report shows, as plain data (also the JSON output)."""


def check_text(text: str, model_dir=None, year=None, applied_category: str = "", model_and_card=None,
               engine: str | None = None) -> CheckResult:
    model, card = model_and_card or load_model(model_dir, engine=engine)
    taxonomy = load_taxonomy()
    year = taxonomy.newest_year if year is None else int(year)
    taxonomy.categories_for(year)
    normalized = normalize_text(text)
    tokens = tokenize(normalized, engine=model.engine)
    x = model.features([tokens])
    prediction = model.predict_features(x, [year])[0]
    screening = screen(model, card, text, tokens, x[0], prediction, applied_category, normalized=normalized,
                       evidence_limit=8)
    level_phrases, category_phrases = screening.level_evidence, screening.category_evidence
    next_level, lacking = missing_for_next_level(model, x[0], prediction.level)
    return CheckResult(
        model=card.get("version"), year=year, applied_category=applied_category or None,
        level=prediction.level, category=prediction.category,
        level_probabilities=prediction.level_probabilities, category_probabilities=prediction.category_probabilities,
        level_runner_up=prediction.runner_up("level"), category_runner_up=prediction.runner_up("category"),
        level_evidence=level_phrases, category_evidence=category_phrases,
        evidence_sentences=evidence_sentences(text, level_phrases + category_phrases),
        next_level=next_level, next_level_lacking=lacking,
        criteria=[{"name": c.name, "status": c.status, "evidence": c.evidence} for c in screening.checks],
        flags=screening.flags, needs_review=screening.needs_review, characters=len(normalized),
        expected_levels=taxonomy.category_info[prediction.category]["expected_levels"],
        valid_categories=list(taxonomy.categories_for(year)))
