"""Model directories: card, sha256 refusal before unpickling, version warning, label masking."""
import json
import shutil
import warnings

import numpy as np
import pytest

from classifier.errors import ModelFileError, ModelIntegrityError, ModelVersionWarning
from classifier.model import mask_categories
from classifier.modelfile import load_model, read_card
from classifier.taxonomy import load_taxonomy

from .conftest import DEFAULT_MODEL


def test_masking_by_year_returns_only_valid_categories():
    taxonomy = load_taxonomy()
    categories = taxonomy.categories
    probabilities = np.full((2, len(categories)), 0.01)
    probabilities[:, categories.index("participation_expanded")] = 0.9
    masked = mask_categories(probabilities, [2566, 2567], categories)
    assert categories[masked[0].argmax()] == "participation_expanded"
    assert masked[1, categories.index("participation_expanded")] == 0
    assert categories[masked[1].argmax()] in taxonomy.categories_for(2567)
    assert np.allclose(masked.sum(1), 1)


def test_prediction_for_2567_never_returns_a_retired_category(default_model):
    model, _ = default_model
    text = ("ผลงานเดิมได้รับรางวัลบริหารราชการแบบมีส่วนร่วมปี 2564 ต่อมาขยายผลไปอีก 12 ตำบล "
            "โดยชุมชนร่วมวางแผนและลงทุนร่วมกับเทศบาล")
    assert model.predict([text], year=2567)[0].category != "participation_expanded"
    assert set(model.predict([text], year=2567)[0].category_probabilities) == set(load_taxonomy().categories)
    assert model.predict([text], year=2567)[0].category_probabilities["participation_expanded"] == 0


def test_probabilities_are_in_documented_order(default_model):
    model, _ = default_model
    prediction = model.predict(["ชุมชนร่วมกันตัดสินใจ"], year=2566)[0]
    assert list(prediction.level_probabilities) == ["inform", "consult", "involve", "collaborate", "empower"]
    assert list(prediction.category_probabilities) == list(load_taxonomy().categories)
    assert abs(sum(prediction.level_probabilities.values()) - 1) < 1e-3


def _copy_model(tmp_path):
    target = tmp_path / "copy"
    shutil.copytree(DEFAULT_MODEL, target)
    return target


def test_changed_model_file_is_refused_before_unpickling(tmp_path):
    target = _copy_model(tmp_path)
    with open(target / "model.joblib", "ab") as handle:
        handle.write(b"tampered")
    with pytest.raises(ModelIntegrityError, match="does not match the sha256 in its card"):
        load_model(target)


def test_foreign_pickle_is_refused(tmp_path):
    target = _copy_model(tmp_path)
    (target / "model.joblib").write_bytes(b"not a model at all")
    with pytest.raises(ModelIntegrityError):
        load_model(target)


def test_directory_without_card_is_refused(tmp_path):
    with pytest.raises(ModelFileError, match="is not a model directory"):
        load_model(tmp_path)


def test_corrupt_or_foreign_card_is_refused(tmp_path):
    (tmp_path / "card.json").write_text("{not json", "utf-8")
    with pytest.raises(ModelFileError, match="corrupt"):
        read_card(tmp_path)
    (tmp_path / "card.json").write_text(json.dumps({"hello": 1}), "utf-8")
    with pytest.raises(ModelFileError, match="not a prescreen model card"):
        read_card(tmp_path)


def test_other_scikit_learn_version_loads_with_a_warning_naming_both(tmp_path):
    import sklearn

    target = _copy_model(tmp_path)
    card = json.loads((target / "card.json").read_text("utf-8"))
    card["versions"]["scikit-learn"] = "0.0.1"
    (target / "card.json").write_text(json.dumps(card), "utf-8")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        load_model(target)
    messages = [str(w.message) for w in caught if issubclass(w.category, ModelVersionWarning)]
    assert messages and "0.0.1" in messages[0] and sklearn.__version__ in messages[0]


def test_card_has_what_a_maintainer_needs():
    card = read_card(DEFAULT_MODEL)
    for key in ("version", "created", "training_data", "examples_per_label", "hyperparameters",
                "cross_validation", "text_preparation", "versions", "model_sha256", "review_thresholds"):
        assert key in card
    assert {"mae", "qwk", "macro_f1", "confusion_matrix", "per_class"} <= set(card["cross_validation"]["level"])
    assert all("sha256" in d for d in card["training_data"])
    assert (DEFAULT_MODEL / "MODEL_CARD.md").read_text("utf-8").startswith("# Model card")
