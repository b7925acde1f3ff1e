"""Ordinal classification for the participation level (Frank & Hall, 2001).

The guide labels "the highest level for which the text shows concrete evidence". One
binary logistic regression per threshold answers "does the text show evidence of level k or
higher?"; the class probabilities are the differences of those cumulative probabilities.
Unlike a multinomial model, a text rich in inform activities (websites, leaflets) is not
pulled down when it also shows collaborate evidence: each threshold looks for its own."""
from __future__ import annotations

import numpy as np
from sklearn.base import BaseEstimator, ClassifierMixin, clone
from sklearn.linear_model import LogisticRegression

__all__ = ["OrdinalClassifier"]


class OrdinalClassifier(ClassifierMixin, BaseEstimator):
    def __init__(self, order=("inform", "consult", "involve", "collaborate", "empower"), estimator=None):
        self.order = order
        self.estimator = estimator

    def fit(self, X, y, sample_weight=None):
        y = np.asarray(y)
        rank = {label: i for i, label in enumerate(self.order)}
        ranks = np.array([rank[label] for label in y])
        present = sorted(set(ranks))
        self.classes_ = np.array([self.order[i] for i in present])
        base = self.estimator if self.estimator is not None else LogisticRegression()
        self.thresholds_ = present[1:]
        self.estimators_ = []
        for threshold in self.thresholds_:
            target = (ranks >= threshold).astype(int)
            self.estimators_.append(clone(base).fit(X, target, sample_weight=sample_weight))
        # coef_[i] reads "evidence for classes_[i] or higher"; the lowest class gets the opposite of
        # the first threshold, so explanations can use the same rows as for a multinomial model.
        rows = [-self.estimators_[0].coef_[0]] + [e.coef_[0] for e in self.estimators_] if self.estimators_ else []
        self.coef_ = np.vstack(rows) if rows else np.zeros((1, X.shape[1]))
        return self

    def predict_proba(self, X):
        if not self.estimators_:
            return np.ones((X.shape[0], 1))
        at_least = np.column_stack([e.predict_proba(X)[:, 1] for e in self.estimators_])
        # cumulative probabilities must not rise with the level
        at_least = np.minimum.accumulate(at_least, axis=1)
        cumulative = np.hstack([np.ones((X.shape[0], 1)), at_least, np.zeros((X.shape[0], 1))])
        probabilities = np.clip(cumulative[:, :-1] - cumulative[:, 1:], 0, None)
        return probabilities / probabilities.sum(axis=1, keepdims=True)

    def predict(self, X):
        return self.classes_[self.predict_proba(X).argmax(axis=1)]
