"""Training with cross-validated model selection.

Each text is tokenised once. Raw n-gram counts are computed once for the whole corpus;
inside each fold the TF-IDF weights (min_df, idf, sublinear tf, l2 norm: the same
formula TfidfVectorizer uses) are recomputed from the training part only, so no fold
sees its test part's document frequencies. The final model is a real TfidfVectorizer
fitted on all data with the chosen settings."""
from __future__ import annotations

import itertools
import time
import warnings
from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp
from joblib import Parallel, delayed
from sklearn.exceptions import ConvergenceWarning
from sklearn.feature_extraction.text import CountVectorizer
from sklearn.model_selection import StratifiedKFold
from sklearn.preprocessing import normalize as l2_normalize

from .errors import DataError
from .features import CharNgrams, WordNgrams, build_vectorizer
from .linear import BalancedLogisticRegression
from .metrics import head_metrics, level_ordinal_metrics
from .model import PrescreenModel, mask_categories
from .ordinal import OrdinalClassifier
from .parallel import default_jobs, prepare_all
from .taxonomy import load_taxonomy

__all__ = ["train", "TrainingResult", "SEARCH_SPACE", "choose_review_threshold", "out_of_fold", "year_weights"]

SEARCH_SPACE = {
    "word_max_n": (1, 2),
    "min_df": (2, 3),
    "char": (False, True),
    "C": (2.0, 8.0, 32.0),
}
CHAR_RANGE = (1, 3)
CHAR_TOLERANCE = 0.005


@dataclass
class TrainingResult:
    model: PrescreenModel
    card: dict
    out_of_fold: dict


def _classifier(C: float, seed: int = 0, balanced: bool = True) -> BalancedLogisticRegression:
    """The product's classifier; `balanced=False` only for ablations (the public benchmark)."""
    return BalancedLogisticRegression(C=C, max_iter=2000, tol=3e-3, random_state=seed, balanced=balanced)


def _head_classifier(head: str, C: float, seed: int = 0):
    if head == "level_ordinal":
        return OrdinalClassifier(order=load_taxonomy().levels, estimator=_classifier(C, seed))
    return _classifier(C, seed)


def _tfidf(counts: sp.csr_matrix, train_rows: np.ndarray, min_df: int) -> tuple[sp.csr_matrix, np.ndarray]:
    """TfidfVectorizer(sublinear_tf, smooth_idf, norm='l2') weights learnt from train_rows only."""
    df = np.bincount(counts[train_rows].indices, minlength=counts.shape[1])
    keep = np.flatnonzero(df >= min_df)
    n = len(train_rows)
    idf = np.log((1 + n) / (1 + df[keep])) + 1
    sub = counts[:, keep].astype(np.float64)
    sub.data = 1 + np.log(sub.data)
    return l2_normalize(sub @ sp.diags(idf)), keep


def _fold_features(counts: dict, config: dict, train_rows) -> sp.csr_matrix:
    word = counts["word"] if config["word_max_n"] == 2 else counts["word"][:, counts["unigram_columns"]]
    parts = [_tfidf(word, train_rows, config["min_df"])[0]]
    if config["char"]:
        parts.append(_tfidf(counts["char"], train_rows, config["min_df"])[0])
    return sp.hstack(parts).tocsr()


def _stratify_key(levels, categories, folds):
    joint = np.array([f"{l}|{c}" for l, c in zip(levels, categories)])
    values, counts = np.unique(joint, return_counts=True)
    if counts.min() >= folds:
        return joint
    return np.array(levels)


REVIEW_ACCURACY = 0.75


def choose_review_threshold(confidence: np.ndarray, correct: np.ndarray) -> float:
    """The highest top-probability below which cross-validated predictions were right less than
    REVIEW_ACCURACY of the time: rows under it go to a person."""
    chosen = 0.0
    for threshold in np.arange(0.30, 0.91, 0.05):
        below = confidence < threshold
        if below.sum() >= 5 and correct[below].mean() < REVIEW_ACCURACY:
            chosen = float(round(threshold, 2))
    return chosen or 0.5


def _fit_fold(counts, config, C_by_head, levels, categories, train_rows, test_rows, seed, weights):
    """Out-of-fold probabilities of one fold, for each head and C asked."""
    X = _fold_features(counts, config, train_rows)
    out = {}
    for head, y in (("level", levels), ("level_ordinal", levels), ("category", categories)):
        for C in C_by_head.get(head, ()):
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", ConvergenceWarning)
                clf = _head_classifier(head, C, seed).fit(X[train_rows], y[train_rows],
                                                          sample_weight=weights[train_rows])
            out[(head, C)] = (clf.classes_, clf.predict_proba(X[test_rows]))
    return test_rows, out


def _cross_validate(counts, config, C_by_head, levels, categories, years, splits, seed, jobs, weights):
    """Out-of-fold probabilities in taxonomy order (category masked by year) for each (head, C)."""
    taxonomy = load_taxonomy()
    order = {"level": taxonomy.levels, "level_ordinal": taxonomy.levels, "category": taxonomy.categories}
    # threads: saga runs without the GIL, and the count matrices are shared rather than pickled per task
    folds = Parallel(n_jobs=jobs, prefer="threads")(
        delayed(_fit_fold)(counts, config, C_by_head, levels, categories, train_rows, test_rows, seed, weights)
        for train_rows, test_rows in splits)
    oof = {(head, C): np.zeros((len(levels), len(order[head]))) for head in C_by_head for C in C_by_head[head]}
    for test_rows, out in folds:
        for (head, C), (classes, proba) in out.items():
            for column, label in enumerate(classes):
                oof[(head, C)][test_rows, order[head].index(label)] = proba[:, column]
    for key in oof:
        if key[0] == "category":
            oof[key] = mask_categories(oof[key], years, taxonomy.categories)
    return oof


def _selection_score(head, proba, truth):
    """Category: macro-F1. Level: the mean of macro-F1 and quadratic weighted kappa, since the level
    is judged on both."""
    taxonomy = load_taxonomy()
    if head == "category":
        return head_metrics(truth, np.array(taxonomy.categories)[proba.argmax(1)], taxonomy.categories)["macro_f1"]
    predicted = np.array(taxonomy.levels)[proba.argmax(1)]
    return (head_metrics(truth, predicted, taxonomy.levels)["macro_f1"]
            + level_ordinal_metrics(truth, predicted, taxonomy.levels)["qwk"]) / 2


def _splits(levels, categories, folds, seed):
    splitter = StratifiedKFold(n_splits=folds, shuffle=True, random_state=seed)
    return list(splitter.split(np.zeros(len(levels)), _stratify_key(levels, categories, folds)))


def _search(counts, levels, categories, years, folds, seed, jobs, log, weights):
    """Stages, so that the costly fits only run where they can win: word n-gram range and min_df on word
    features alone; then character n-grams on and off for the best of those; then C for each head; then
    the ordinal form of the level head at its best C. Every stage uses the same folds."""
    splits = _splits(levels, categories, folds, seed)
    truth = {"level": levels, "category": categories}
    middle = SEARCH_SPACE["C"][len(SEARCH_SPACE["C"]) // 2]
    grid = []

    def evaluate(config):
        oof = _cross_validate(counts, config, {"level": [middle], "category": [middle]}, levels, categories, years,
                              splits, seed, jobs, weights)
        scores = {head: _selection_score(head, oof[(head, middle)], truth[head]) for head in truth}
        log(f"  word 1-{config['word_max_n']} min_df {config['min_df']} char {'on ' if config['char'] else 'off'} "
            f"C {middle:g} -> level {scores['level']:.3f}, category {scores['category']:.3f}")
        grid.append({**config, "C": middle, "level_score": round(scores["level"], 4),
                     "category_macro_f1": round(scores["category"], 4), "_oof": oof})
        return grid[-1]

    def total(entry):
        return entry["level_score"] + entry["category_macro_f1"]

    words = [evaluate(dict(word_max_n=w, min_df=m, char=False))
             for w, m in itertools.product(SEARCH_SPACE["word_max_n"], SEARCH_SPACE["min_df"])]
    best = max(words, key=total)
    if True in SEARCH_SPACE["char"]:
        with_char = evaluate({**{k: best[k] for k in ("word_max_n", "min_df")}, "char": True})
        # Character n-grams are kept unless they clearly lose: cross-validation on our own, mostly clean
        # texts cannot see the tokenisation errors of unseen PDF text, and on held-out writers they helped.
        if total(with_char) >= total(best) - CHAR_TOLERANCE:
            best = with_char
    config = {k: best[k] for k in ("word_max_n", "min_df", "char")}
    others = [C for C in SEARCH_SPACE["C"] if C != middle]
    oof = _cross_validate(counts, config, {"level": others, "category": others}, levels, categories, years, splits,
                          seed, jobs, weights)
    oof.update(best["_oof"])
    scores = {key: _selection_score(key[0], proba, truth[key[0]]) for key, proba in oof.items()}
    level_C = max(SEARCH_SPACE["C"], key=lambda C: (scores[("level", C)], -abs(np.log(C / middle))))
    # the ordinal form of the level head, at the multinomial's best C
    oof.update(_cross_validate(counts, config, {"level_ordinal": [level_C]}, levels, categories, years, splits,
                               seed, jobs, weights))
    scores[("level_ordinal", level_C)] = _selection_score("level", oof[("level_ordinal", level_C)], levels)
    for head in ("level", "category"):
        log(f"  {head}: C " + ", ".join(f"{C:g} -> {scores[(head, C)]:.3f}" for C in SEARCH_SPACE["C"]))
    log(f"  level, ordinal model: C {level_C:g} -> {scores[('level_ordinal', level_C)]:.3f}")
    level_key = max([("level", level_C), ("level_ordinal", level_C)], key=lambda k: scores[k])
    category_key = ("category", max(SEARCH_SPACE["C"], key=lambda C: (scores[("category", C)],
                                                                       -abs(np.log(C / middle)))))
    for g in grid:
        g.pop("_oof")
    chosen = {"level": level_key[1], "level_model": "ordinal" if level_key[0] == "level_ordinal" else "multinomial",
              "category": category_key[1]}
    return config, chosen, oof[level_key], oof[category_key], grid


def year_weights(years, year_decay: float = 1.0) -> np.ndarray:
    """Each example weighs year_decay ** (years before the newest): 1.0 weighs all years alike."""
    years = np.asarray(years)
    return np.power(float(year_decay), years.max() - years)


def _counts(tokens):
    word_counter = CountVectorizer(analyzer=WordNgrams(2), lowercase=False, dtype=np.float64)
    char_counter = CountVectorizer(analyzer=CharNgrams(*CHAR_RANGE), lowercase=False, dtype=np.float64)
    word = word_counter.fit_transform(tokens).tocsr()
    names = word_counter.get_feature_names_out()
    return {"word": word, "char": char_counter.fit_transform(tokens).tocsr(),
            "unigram_columns": np.flatnonzero([" " not in name for name in names])}


def out_of_fold(examples, hyperparameters: dict, folds: int = 5, seed: int = 0, jobs=None,
                year_decay: float = 1.0) -> dict:
    """Cross-validated probabilities of every example under fixed hyperparameters (for `data suspects`)."""
    levels = np.array([e.level for e in examples])
    categories = np.array([e.category for e in examples])
    years = [e.year for e in examples]
    tokens = prepare_all([e.text for e in examples], engine=hyperparameters.get("engine", "newmm"), jobs=jobs)
    config = {k: hyperparameters[k] for k in ("word_max_n", "min_df", "char")}
    level_head = "level_ordinal" if hyperparameters.get("level_model") == "ordinal" else "level"
    C = {level_head: [hyperparameters["level_C"]], "category": [hyperparameters["category_C"]]}
    oof = _cross_validate(_counts(tokens), config, C, levels, categories, years,
                          _splits(levels, categories, folds, seed), seed, jobs or default_jobs(),
                          year_weights(years, year_decay))
    return {"level": oof[(level_head, C[level_head][0])], "category": oof[("category", C["category"][0])]}


def train(examples, folds: int = 5, seed: int = 0, engine: str = "newmm", jobs: int | None = None,
          year_decay: float = 1.0, log=lambda message: None) -> TrainingResult:
    taxonomy = load_taxonomy()
    levels = np.array([e.level for e in examples])
    categories = np.array([e.category for e in examples])
    years = [e.year for e in examples]
    smallest = min(np.unique(levels, return_counts=True)[1].min(), np.unique(categories, return_counts=True)[1].min())
    if len(examples) < 2 * folds or smallest < folds:
        raise DataError(f"too few examples for {folds}-fold cross-validation ({len(examples)} examples, smallest "
                        f"class has {smallest}); add examples or lower --folds")
    started = time.perf_counter()
    tokens = prepare_all([e.text for e in examples], engine=engine, jobs=jobs)
    tokenised = time.perf_counter()
    log(f"tokenised {len(examples)} texts in {tokenised - started:.1f}s ({engine})")
    weights = year_weights(years, year_decay)
    config, chosen, level_oof, category_oof, grid = _search(_counts(tokens), levels, categories, years, folds, seed,
                                                            jobs or default_jobs(), log, weights)
    level_C, category_C = chosen["level"], chosen["category"]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        vectorizer = build_vectorizer(word_max_n=config["word_max_n"], min_df=config["min_df"],
                                      char=config["char"], char_range=CHAR_RANGE)
        X = vectorizer.fit_transform(tokens)
        model = PrescreenModel(vectorizer=vectorizer, level_classifier=_head_classifier(
                                   "level_ordinal" if chosen["level_model"] == "ordinal" else "level", level_C, seed
                               ).fit(X, levels, sample_weight=weights),
                               category_classifier=_classifier(category_C, seed).fit(X, categories,
                                                                                     sample_weight=weights), engine=engine)
    level_pred = np.array(taxonomy.levels)[level_oof.argmax(1)]
    category_pred = np.array(taxonomy.categories)[category_oof.argmax(1)]
    level_report = head_metrics(levels, level_pred, taxonomy.levels)
    level_report.update(level_ordinal_metrics(levels, level_pred, taxonomy.levels))
    category_report = head_metrics(categories, category_pred, taxonomy.categories)
    card = {
        "hyperparameters": {**config, "char_range": list(CHAR_RANGE), "level_C": level_C, "level_model": chosen["level_model"],
                            "category_C": category_C,
                            "class_weight": "balanced", "sublinear_tf": True, "engine": engine,
                            "year_decay": year_decay},
        "search": {"space": {k: list(v) for k, v in SEARCH_SPACE.items()}, "folds": folds, "seed": seed,
                   "char_tolerance": CHAR_TOLERANCE,
                   "results": grid},
        "cross_validation": {"folds": folds, "seed": seed, "level": level_report, "category": category_report},
        "review_thresholds": {
            "level": choose_review_threshold(level_oof.max(1), level_pred == levels),
            "category": choose_review_threshold(category_oof.max(1), category_pred == categories)},
        "timing_seconds": {"tokenise": round(tokenised - started, 2),
                           "total": round(time.perf_counter() - started, 2)},
    }
    return TrainingResult(model=model, card=card, out_of_fold={
        "level": level_oof, "category": category_oof, "level_pred": level_pred, "category_pred": category_pred})
