"""Why the model said what it said: contributions (feature value x coefficient) mapped back to
readable Thai words and phrases, the sentences that carry them, and what the next level up has
that the text lacks."""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import defaultdict
from functools import lru_cache
from weakref import WeakKeyDictionary

import numpy as np

from .features import feature_word
from .text import normalize_text

__all__ = ["evidence_phrases", "evidence_sentences", "missing_for_next_level"]

_NAMES: "WeakKeyDictionary" = WeakKeyDictionary()


def _feature_names(model) -> np.ndarray:
    try:
        return _NAMES[model]
    except KeyError:
        names = _NAMES[model] = model.vectorizer.get_feature_names_out()
        return names


def _coefficients(classifier, label: str) -> np.ndarray | None:
    classes = list(classifier.classes_)
    if label not in classes:
        return None
    coef = classifier.coef_
    if coef.shape[0] == 1:  # a binary head stores one row, for classes_[1]
        return coef[0] if classes.index(label) == 1 else -coef[0]
    return coef[classes.index(label)]


@lru_cache(maxsize=1)
def _stopwords() -> frozenset:
    from pythainlp.corpus import thai_stopwords

    return frozenset(thai_stopwords()) | {"the", "and", "of", "to", "in", "a"}


def _readable(gram: str) -> bool:
    return len(gram) >= 2 and "<" not in gram and not gram.isdigit() and gram not in _stopwords()


def _token_starts(tokens) -> list[int]:
    starts, position = [], 0
    for token in tokens:
        starts.append(position)
        position += len(token)
    return starts


def _phrase_at(starts, tokens, start, end) -> str:
    """The tokens that the character span [start, end) of the joined text falls in, joined."""
    first = bisect_right(starts, start) - 1
    last = bisect_left(starts, end)
    return "".join(tokens[first:last])


def _occurrences(text: str, gram: str, limit: int = 5) -> list[int]:
    found, position = [], text.find(gram)
    while position >= 0 and len(found) < limit:
        found.append(position)
        position = text.find(gram, position + 1)
    return found


def evidence_phrases(model, head: str, x_row, label: str, tokens, limit: int = 8,
                     candidates: int = 60) -> list[tuple[str, float]]:
    """The words and phrases that pushed `head` most towards `label`, char n-grams folded into
    the words they fall in. Only the `candidates` strongest features are folded: the rest are
    too weak to reach the top `limit`."""
    classifier = model.level_classifier if head == "level" else model.category_classifier
    coef = _coefficients(classifier, label)
    if coef is None:
        return []
    x_row = x_row.tocsr() if hasattr(x_row, "tocsr") else x_row
    names = _feature_names(model)
    contribution = x_row.data * coef[x_row.indices]
    strongest = np.argsort(-contribution)[:candidates]
    joined, starts = "".join(tokens), _token_starts(tokens)
    weights = defaultdict(float)
    for position in strongest:
        value = float(contribution[position])
        if value <= 0:
            break
        part, gram = feature_word(names[x_row.indices[position]])
        if part == "word":
            if _readable(gram):
                weights[gram] += value
            continue
        places = _occurrences(joined, gram)
        for start in places:
            phrase = _phrase_at(starts, tokens, start, start + len(gram))
            if _readable(phrase):
                weights[phrase] += value / len(places)
    # a phrase inside a stronger, longer phrase adds nothing for a reader
    ranked = sorted(weights.items(), key=lambda item: -item[1])
    kept = []
    for phrase, weight in ranked:
        if any(phrase in other for other, _ in kept):
            continue
        kept.append((phrase, round(weight, 4)))
        if len(kept) == limit:
            break
    return kept


_SENTENCE_BREAK = re.compile(r"\n+|(?<=[.!?ฯ])\s+|\s{2,}|(?<=\S)\s(?=\d+[.)]\s)|(?<=\s)[•▪●\-–]\s")


def _sentences(text: str) -> list[str]:
    pieces = []
    for piece in _SENTENCE_BREAK.split(text):
        piece = (piece or "").strip()
        while len(piece) > 260:
            cut = piece.rfind(" ", 80, 260)
            if cut <= 0:
                cut = 260
            pieces.append(piece[:cut].strip())
            piece = piece[cut:].strip()
        if len(piece) >= 15:
            pieces.append(piece)
    return pieces


def evidence_sentences(text: str, phrases, limit: int = 3) -> list[str]:
    """The sentences of the text that hold most of the evidence phrases' weight, in text order."""
    scored = []
    for order, sentence in enumerate(_sentences(text)):
        normal = normalize_text(sentence).replace(" ", "")
        score = sum(weight for phrase, weight in phrases if phrase in normal)
        if score > 0:
            scored.append((score, order, sentence))
    best = sorted(scored, key=lambda item: -item[0])[:limit]
    return [sentence for _, _, sentence in sorted(best, key=lambda item: item[1])]


def missing_for_next_level(model, x_row, level: str, limit: int = 6) -> tuple[str | None, list[str]]:
    """The next level up and the word features that most separate it from `level`, absent from the text."""
    levels = list(model.levels)
    if level not in levels or levels.index(level) == len(levels) - 1:
        return None, []
    upper = levels[levels.index(level) + 1]
    up, here = _coefficients(model.level_classifier, upper), _coefficients(model.level_classifier, level)
    if up is None or here is None:
        return upper, []
    present = set(x_row.tocsr().indices if hasattr(x_row, "tocsr") else x_row.indices)
    names = _feature_names(model)
    words = []
    for index in np.argsort(-(up - here)):
        if index in present:
            continue
        part, gram = feature_word(names[index])
        if part != "word" or not _readable(gram) or len(gram) < 3 or any(gram in w or w in gram for w in words):
            continue
        words.append(gram)
        if len(words) == limit:
            break
    return upper, words
