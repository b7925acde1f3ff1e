"""prescreen: participation level and award category of Thai award submissions."""
from . import _offline  # noqa: F401  (before anything imports pythainlp)

__version__ = "0.1.0"

from .errors import (DataError, EngineMismatchError, InputError, ModelFileError, ModelIntegrityError,  # noqa: E402
                     ModelVersionWarning, PrescreenError)

__all__ = ["__version__", "PrescreenError", "InputError", "DataError", "ModelFileError", "ModelIntegrityError",
           "EngineMismatchError", "ModelVersionWarning", "normalize_text", "tokenize", "load_model", "train_model",
           "evaluate_model", "check_text", "score_rows"]


def __getattr__(name):
    # Lazy, so `prescreen info` and `--help` start without importing scikit-learn or pythainlp.
    if name in ("normalize_text", "tokenize"):
        from . import text
        return getattr(text, name)
    if name == "load_model":
        from .modelfile import load_model
        return load_model
    if name in ("train_model", "evaluate_model", "check_text"):
        from . import api
        return getattr(api, name)
    if name == "score_rows":
        from .scoring import score_rows
        return score_rows
    raise AttributeError(name)
