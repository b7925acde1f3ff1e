"""Exceptions raised by the library. The CLI turns each into a one-line message."""


class PrescreenError(Exception):
    """Base class: every message says what is wrong and what to do."""


class InputError(PrescreenError):
    """An input file cannot be read: missing, wrong format, wrong encoding, missing column."""


class DataError(PrescreenError):
    """Labelled data is unusable: unknown labels, empty, too few examples."""


class ModelFileError(PrescreenError):
    """A model directory is missing, incomplete, corrupt or not ours."""


class ModelIntegrityError(ModelFileError):
    """The model file's sha256 does not match its card: refused before unpickling."""


class EngineMismatchError(PrescreenError):
    """The tokenizer engine asked for differs from the one the model was trained with."""


class ModelVersionWarning(UserWarning):
    """The model was written by another scikit-learn version than the one installed."""
