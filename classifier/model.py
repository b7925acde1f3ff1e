"""The fitted model: one feature extractor, two logistic regressions (level, category).

Probabilities are always returned in taxonomy order: levels inform < consult < involve <
collaborate < empower, categories in the order of `data/taxonomy.json`. Category
probabilities are masked to the categories valid in the asked year and renormalised."""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from .taxonomy import load_taxonomy
from .text import prepare

__all__ = ["PrescreenModel", "Prediction"]


@dataclass
class Prediction:
    level: str
    category: str
    level_probabilities: dict
    category_probabilities: dict
    year: int

    def runner_up(self, head: str) -> tuple[str, float]:
        probabilities = getattr(self, f"{head}_probabilities")
        ranked = sorted(probabilities.items(), key=lambda item: -item[1])
        return ranked[1] if len(ranked) > 1 else ranked[0]


def _in_order(classifier, probabilities: np.ndarray, order: tuple[str, ...]) -> np.ndarray:
    """Columns of predict_proba (sklearn's alphabetical classes_) -> taxonomy order; absent labels get 0."""
    out = np.zeros((probabilities.shape[0], len(order)))
    position = {label: i for i, label in enumerate(order)}
    for column, label in enumerate(classifier.classes_):
        out[:, position[label]] = probabilities[:, column]
    return out


def mask_categories(probabilities: np.ndarray, years, categories: tuple[str, ...]) -> np.ndarray:
    """Zero the categories not valid in each row's year and renormalise each row."""
    taxonomy = load_taxonomy()
    masked = probabilities.copy()
    for row, year in enumerate(years):
        valid = set(taxonomy.categories_for(year))
        for column, category in enumerate(categories):
            if category not in valid:
                masked[row, column] = 0.0
        total = masked[row].sum()
        masked[row] = masked[row] / total if total > 0 else np.isin(categories, list(valid)) / len(valid)
    return masked


@dataclass(eq=False)
class PrescreenModel:
    vectorizer: object
    level_classifier: object
    category_classifier: object
    engine: str = "newmm"
    levels: tuple = field(default_factory=lambda: load_taxonomy().levels)
    categories: tuple = field(default_factory=lambda: load_taxonomy().categories)

    def prepare(self, texts) -> list[list[str]]:
        return [prepare(text, engine=self.engine) for text in texts]

    def features(self, token_lists):
        return self.vectorizer.transform(token_lists)

    def probabilities(self, features, years) -> tuple[np.ndarray, np.ndarray]:
        level = _in_order(self.level_classifier, self.level_classifier.predict_proba(features), self.levels)
        category = _in_order(self.category_classifier, self.category_classifier.predict_proba(features),
                             self.categories)
        return level, mask_categories(category, years, self.categories)

    def predict_tokens(self, token_lists, years) -> list[Prediction]:
        return self.predict_features(self.features(token_lists), years)

    def predict_features(self, features, years) -> list[Prediction]:
        level, category = self.probabilities(features, years)
        return [Prediction(level=self.levels[int(lp.argmax())], category=self.categories[int(cp.argmax())],
                           level_probabilities={k: round(float(v), 4) for k, v in zip(self.levels, lp)},
                           category_probabilities={k: round(float(v), 4) for k, v in zip(self.categories, cp)},
                           year=int(year))
                for lp, cp, year in zip(level, category, years)]

    def predict(self, texts, year: int | None = None) -> list[Prediction]:
        year = load_taxonomy().newest_year if year is None else int(year)
        return self.predict_tokens(self.prepare(texts), [year] * len(texts))
