"""Model directories: `model.joblib` + `card.json` + `MODEL_CARD.md`.

The card records the joblib file's sha256; loading checks it before unpickling, so a
changed or foreign file is refused without running any of its code."""
from __future__ import annotations

import hashlib
import json
import os
import warnings
from pathlib import Path

import joblib
import sklearn

from .errors import EngineMismatchError, ModelFileError, ModelIntegrityError, ModelVersionWarning
from .model import PrescreenModel

__all__ = ["save_model", "load_model", "read_card", "sha256_of", "MODEL_FILE", "CARD_FILE", "CARD_FORMAT",
           "default_model_dir", "models_root", "in_use_dir", "POINTER_FILE"]

MODEL_FILE = "model.joblib"
CARD_FILE = "card.json"
CARD_MD = "MODEL_CARD.md"
CARD_FORMAT = "prescreen-model/1"


def models_root() -> Path:
    """Where model versions live: $PRESCREEN_MODELS, else `models/` of the checkout."""
    if os.environ.get("PRESCREEN_MODELS"):
        return Path(os.environ["PRESCREEN_MODELS"])
    return Path(__file__).resolve().parent.parent / "models"


POINTER_FILE = "CURRENT"


def in_use_dir() -> Path:
    """The model `score` and `check` use without --model: the version named in models/CURRENT
    (written by `prescreen promote`), else models/default."""
    root = models_root()
    pointer = root / POINTER_FILE
    if pointer.is_file():
        name = pointer.read_text("utf-8").strip()
        if name:
            return root / name
    return root / "default"


default_model_dir = in_use_dir


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def read_card(model_dir) -> dict:
    """The card alone: nothing is unpickled."""
    model_dir = Path(model_dir)
    card_path = model_dir / CARD_FILE
    if not card_path.is_file():
        raise ModelFileError(f"{model_dir} is not a model directory (no {CARD_FILE}); "
                             "give --model a directory written by 'prescreen train'")
    try:
        card = json.loads(card_path.read_text("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ModelFileError(f"{card_path} is corrupt ({exc}); retrain or restore the model directory") from exc
    if not isinstance(card, dict) or card.get("format") != CARD_FORMAT:
        raise ModelFileError(f"{card_path} is not a prescreen model card; "
                             "give --model a directory written by 'prescreen train'")
    return card


def save_model(model: PrescreenModel, card: dict, model_dir) -> dict:
    from .card import render_model_card

    model_dir = Path(model_dir)
    model_dir.mkdir(parents=True, exist_ok=True)
    model_path = model_dir / MODEL_FILE
    joblib.dump(model, model_path, compress=3)
    card = dict(card, format=CARD_FORMAT, model_file=MODEL_FILE, model_sha256=sha256_of(model_path))
    (model_dir / CARD_FILE).write_text(json.dumps(card, ensure_ascii=False, indent=2) + "\n", "utf-8")
    (model_dir / CARD_MD).write_text(render_model_card(card), "utf-8")
    return card


def load_model(model_dir=None, engine: str | None = None) -> tuple[PrescreenModel, dict]:
    """The model and its card. `engine`, if given, must be the engine the model was trained with."""
    from .text import require_engine

    model_dir = Path(model_dir) if model_dir else default_model_dir()
    card = read_card(model_dir)
    trained_engine = card.get("hyperparameters", {}).get("engine", "newmm")
    if engine and engine != trained_engine:
        raise EngineMismatchError(f"model {model_dir} was trained with the {trained_engine} tokenizer; scoring "
                                  f"with {engine} would change its features: drop --engine or retrain with "
                                  f"--engine {engine}")
    require_engine(trained_engine)
    model_path = model_dir / card.get("model_file", MODEL_FILE)
    if not model_path.is_file():
        raise ModelFileError(f"{model_path} is missing; retrain with 'prescreen train' or restore the file")
    if sha256_of(model_path) != card.get("model_sha256"):
        raise ModelIntegrityError(f"{model_path} does not match the sha256 in its card: the file was changed "
                                  "or is not ours; refusing to load it (retrain or restore the original)")
    trained_with = card.get("versions", {}).get("scikit-learn")
    if trained_with and trained_with != sklearn.__version__:
        warnings.warn(f"model {model_dir} was written by scikit-learn {trained_with}, this is "
                      f"{sklearn.__version__}; predictions may differ: retrain with 'prescreen train'",
                      ModelVersionWarning, stacklevel=2)
    with warnings.catch_warnings():
        # sklearn's own InconsistentVersionWarning is replaced by ours above, which names both versions.
        warnings.filterwarnings("ignore", message="Trying to unpickle estimator")
        try:
            model = joblib.load(model_path)
        except Exception as exc:
            raise ModelFileError(f"{model_path} cannot be read ({type(exc).__name__}); retrain with "
                                 "'prescreen train'") from exc
    if not isinstance(model, PrescreenModel):
        raise ModelFileError(f"{model_path} does not hold a prescreen model; retrain with 'prescreen train'")
    return model, card
