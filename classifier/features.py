"""Feature extraction over token lists: TF-IDF of word n-grams and of character n-grams.

Documents reach the vectorizers already tokenised, so a training run tokenises each text
once and every fold and grid point reuses the tokens. The analyzers are module-level
classes so a saved model unpickles without this session's closures."""
from __future__ import annotations

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.pipeline import FeatureUnion

__all__ = ["WordNgrams", "CharNgrams", "build_vectorizer", "feature_word"]


class WordNgrams:
    """Token list -> word n-grams joined with a space (Thai has no spaces of its own)."""

    def __init__(self, max_n: int = 1):
        self.max_n = max_n

    def __call__(self, tokens: list[str]) -> list[str]:
        grams = list(tokens)
        for n in range(2, self.max_n + 1):
            grams += [" ".join(tokens[i:i + n]) for i in range(len(tokens) - n + 1)]
        return grams


class CharNgrams:
    """Token list -> character n-grams of the text re-joined without spaces.

    Joining first makes the n-grams independent of where newmm put the boundaries, which
    is what rescues misspelt and out-of-dictionary words."""

    def __init__(self, min_n: int = 1, max_n: int = 3):
        self.min_n, self.max_n = min_n, max_n

    def __call__(self, tokens: list[str]) -> list[str]:
        text = "".join(tokens)
        return [text[i:i + n] for n in range(self.min_n, self.max_n + 1) for i in range(len(text) - n + 1)]


def build_vectorizer(word_max_n: int = 2, min_df: int = 2, char: bool = True,
                     char_range: tuple[int, int] = (1, 3), max_features: int | None = None) -> FeatureUnion:
    common = dict(lowercase=False, sublinear_tf=True, min_df=min_df, max_features=max_features, dtype=np.float32)
    parts = [("word", TfidfVectorizer(analyzer=WordNgrams(word_max_n), **common))]
    if char:
        parts.append(("char", TfidfVectorizer(analyzer=CharNgrams(*char_range), **common)))
    return FeatureUnion(parts)


def feature_word(name: str) -> tuple[str, str]:
    """'word__การ มี' -> ('word', 'การมี'): the part and the readable Thai text of a feature."""
    part, _, gram = name.partition("__")
    return part, gram.replace(" ", "") if part == "word" else gram
