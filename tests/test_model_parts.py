"""The ordinal level model, engine enforcement and the explanation helpers."""
import numpy as np
import pytest
from click.testing import CliRunner
from scipy import sparse
from sklearn.linear_model import LogisticRegression

from classifier.cli import main
from classifier.errors import EngineMismatchError
from classifier.explain import evidence_phrases, missing_for_next_level
from classifier.modelfile import load_model
from classifier.ordinal import OrdinalClassifier

from .conftest import DEFAULT_MODEL


def test_ordinal_classifier_probabilities_and_order():
    rng = np.random.default_rng(0)
    order = ("inform", "consult", "involve", "collaborate", "empower")
    ranks = rng.integers(0, 5, 400)
    X = np.column_stack([ranks + rng.normal(0, 0.4, 400), rng.normal(0, 1, 400)])
    y = np.array(order)[ranks]
    model = OrdinalClassifier(order=order, estimator=LogisticRegression()).fit(X, y)
    probabilities = model.predict_proba(X)
    assert list(model.classes_) == list(order)
    assert np.allclose(probabilities.sum(1), 1) and (probabilities >= 0).all()
    assert (model.predict(X) == y).mean() > 0.8
    assert model.coef_.shape == (5, 2)


def test_ordinal_classifier_accepts_sparse_input_and_weights():
    X = sparse.csr_matrix(np.eye(6))
    y = np.array(["inform", "inform", "consult", "consult", "empower", "empower"])
    model = OrdinalClassifier(estimator=LogisticRegression()).fit(X, y, sample_weight=np.ones(6))
    assert list(model.classes_) == ["inform", "consult", "empower"]
    assert model.predict_proba(X).shape == (6, 3)


def test_engine_mismatch_is_refused():
    with pytest.raises(EngineMismatchError, match="was trained with the newmm tokenizer"):
        load_model(DEFAULT_MODEL, engine="nlpo3")


def test_engine_mismatch_through_cli():
    result = CliRunner().invoke(main, ["check", "-", "--engine", "nlpo3"], input="ชุมชนร่วมกันดูแลป่า")
    assert result.exit_code == 1
    assert result.output == (f"Error: model {DEFAULT_MODEL} was trained with the newmm tokenizer; scoring with "
                             "nlpo3 would change its features: drop --engine or retrain with --engine nlpo3\n")


def test_evidence_and_next_level_are_readable_words(default_model):
    model, _ = default_model
    text = "ชาวบ้านลงมติเลือกจุดขุดบ่อเอง ลงแรงขุด อบต.ออกค่าท่อ คณะกรรมการที่ชาวบ้านเลือกดูแลกองทุน"
    tokens = model.prepare([text])[0]
    x = model.features([tokens])[0]
    phrases = evidence_phrases(model, "level", x, "collaborate", tokens)
    assert phrases and all(weight > 0 for _, weight in phrases)
    assert all(phrase in text.replace(" ", "") for phrase, _ in phrases)
    upper, lacking = missing_for_next_level(model, x, "involve")
    assert upper == "collaborate" and all(len(word) >= 3 for word in lacking)
    assert missing_for_next_level(model, x, "empower") == (None, [])


def test_balanced_logistic_regression_solves_sklearns_balanced_objective():
    from classifier.linear import BalancedLogisticRegression

    rng = np.random.default_rng(0)
    X = rng.normal(size=(600, 20))
    y = np.where(X[:, 0] + 0.3 * rng.normal(size=600) > 1.3, "rare", np.where(X[:, 1] > 0, "a", "b"))
    reference = LogisticRegression(C=2, class_weight="balanced", max_iter=5000, tol=1e-8).fit(X, y)
    ours = BalancedLogisticRegression(C=2, tol=1e-6, max_iter=5000).fit(X, y)
    assert list(ours.classes_) == list(reference.classes_)
    assert np.abs(ours.coef_ - reference.coef_).max() < 1e-2
    assert np.abs(ours.predict_proba(X) - reference.predict_proba(X)).max() < 1e-3
