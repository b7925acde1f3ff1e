"""Thai text preparation: normalisation with PDF-artefact repair, and tokenisation.

`normalize_text` and `tokenize` are the only two steps between a submission and the
features; both are module-level so a saved model refers to them by name, and their
settings are recorded in the model card (`TEXT_SETTINGS`).
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from . import _offline  # noqa: F401  (must precede pythainlp)
from pythainlp.util import normalize as pythainlp_normalize

__all__ = ["normalize_text", "tokenize", "prepare", "require_engine", "TEXT_SETTINGS", "ENGINES", "MAX_CHARS"]

ENGINES = ("newmm", "nlpo3")
# Long inputs are cut here: an award form runs to 10-20 pages (20,000-40,000 characters); past that
# the cost grows with no gain in evidence.
MAX_CHARS = 50_000

TEXT_SETTINGS = {
    "unicode_form": "NFC",
    "pythainlp_normalize": True,
    "removed": "zero-width and control characters",
    "repairs": ["space before a combining mark", "split SARA AM", "mark after the next consonant",
                "line break inside Thai text"],
    "thai_digits": "to Arabic",
    "max_chars": MAX_CHARS,
    "tokenizer": "pythainlp word_tokenize, whitespace dropped, join_broken_num off",
    "latin": "lower-cased",
    "numbers": "shape tokens: <year> for 2500-2599 and 1900-2099, <num> otherwise, <pct> before %",
}

_CONSONANT = "\u0e01-\u0e2e"
_UPPER_LOWER = "\u0e34\u0e35\u0e36\u0e37\u0e38\u0e39"  # ิ ี ึ ื ุ ู
_TONE_MARKS = "\u0e48\u0e49\u0e4a\u0e4b"  # ่ ้ ๊ ๋
_COMBINING = "\u0e31\u0e34-\u0e3a\u0e47-\u0e4e"
_THAI_CHAR = "\u0e01-\u0e4f"

_ZERO_WIDTH_OR_CONTROL = re.compile(r"[\u200b-\u200f\u2060\ufeff\u00ad\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_SPACE_BEFORE_MARK = re.compile(rf"(?<=[{_CONSONANT}{_COMBINING}]) +(?=[{_COMBINING}])")
_SPLIT_SARA_AM = re.compile(rf"\u0e4d([{_TONE_MARKS}]?)\u0e32")
_TONE_AFTER_NEXT = re.compile(rf"([{_CONSONANT}])([{_UPPER_LOWER}]?)([{_CONSONANT}])([{_TONE_MARKS}])")
_VOWEL_AFTER_NEXT = re.compile(rf"([{_CONSONANT}])([{_CONSONANT}])([{_UPPER_LOWER}])")
_LINE_BREAK_IN_THAI = re.compile(rf"(?<=[{_THAI_CHAR}])[ \t]*\n[ \t]*(?=[{_THAI_CHAR}])")
_WHITESPACE = re.compile(r"\s+")
_THAI_DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")


def _dictionary_trie():
    """newmm's own dictionary trie: shared, so the repair costs no second build at start-up."""
    from pythainlp.tokenize import word_dict_trie

    return word_dict_trie()


_WORD_STARTS = frozenset(chr(c) for c in range(0x0E01, 0x0E2F)) | frozenset("เแโใไ")


def _longest_word_over(text: str, position: int, trie) -> int:
    """Length of the longest dictionary word that contains the character at `position`."""
    longest = 0
    for start in range(max(0, position - 8), position + 1):
        if text[start] not in _WORD_STARTS:  # no Thai word starts with a mark or a following vowel
            continue
        words = trie.prefixes(text, start)
        if words and start + len(words[-1]) > position:
            longest = max(longest, len(words[-1]))
    return longest


@lru_cache(maxsize=1)
def _mark_contexts() -> frozenset:
    """Every 2-3 character piece of a dictionary word that ends in, or holds in its middle, a tone
    mark or an upper/lower vowel: a repair can only make a word if it makes one of these pieces."""
    from pythainlp.corpus import thai_words

    marks = set(_TONE_MARKS + _UPPER_LOWER)
    pieces = set()
    for word in thai_words():
        for i, char in enumerate(word):
            if char in marks:
                pieces.update((word[max(0, i - 1):i + 1], word[max(0, i - 2):i + 1], word[max(0, i - 1):i + 2]))
    return frozenset(pieces)


def _move_marks_back(text: str, pattern: re.Pattern, reorder) -> str:
    """Undo a mark stored after the next consonant, where only the repaired form makes words."""
    trie, contexts = _dictionary_trie(), _mark_contexts()
    tone = pattern is _TONE_AFTER_NEXT
    pieces, last = [], 0
    for match in pattern.finditer(text):
        if match.start() < last:
            continue
        repaired = reorder(match)
        if (repaired[:-1] if tone else repaired) not in contexts:
            continue
        left = max(0, match.start() - 8)
        offset = match.start() - left
        window = text[left:match.end() + 14]
        candidate = window[:offset] + repaired + window[offset + len(repaired):]
        after = _longest_word_over(candidate, offset + 1 + (len(match.group(2)) if tone else 0), trie)
        if after >= 3 and after >= _longest_word_over(window, match.end() - 1 - left, trie) + 2:
            pieces.append(text[last:match.start()])
            pieces.append(repaired)
            last = match.end()
    pieces.append(text[last:])
    return "".join(pieces)


def _repair_pdf_artefacts(text: str) -> str:
    text = _SPACE_BEFORE_MARK.sub("", text)
    text = _SPLIT_SARA_AM.sub(lambda m: m.group(1) + "\u0e33", text)
    text = _move_marks_back(text, _TONE_AFTER_NEXT, lambda m: m.group(1) + m.group(2) + m.group(4) + m.group(3))
    text = _move_marks_back(text, _VOWEL_AFTER_NEXT, lambda m: m.group(1) + m.group(3) + m.group(2))
    return _LINE_BREAK_IN_THAI.sub("", text)


def normalize_text(text: str) -> str:
    """Raw submission text -> the text the model sees (see TEXT_SETTINGS)."""
    text = unicodedata.normalize("NFC", text[: MAX_CHARS * 2])
    text = _ZERO_WIDTH_OR_CONTROL.sub("", text)
    text = _repair_pdf_artefacts(text)
    text = pythainlp_normalize(text)
    text = text.translate(_THAI_DIGITS)
    return _WHITESPACE.sub(" ", text).strip()[:MAX_CHARS]


_NUMBER = re.compile(r"^[+-]?\d[\d,]*(\.\d+)?$")


def _shape(token: str) -> str:
    if _NUMBER.match(token):
        digits = token.replace(",", "").split(".")[0].lstrip("+-")
        if len(digits) == 4 and (digits.startswith("25") or digits[:2] in ("19", "20")):
            return "<year>"
        return "<num>"
    if token == "%":
        return "<pct>"
    return token.lower()


def require_engine(engine: str) -> None:
    """Fail early, with the fix, when an engine is unknown or not installed."""
    from .errors import PrescreenError

    if engine not in ENGINES:
        raise PrescreenError(f"unknown tokenizer engine '{engine}'; use one of {', '.join(ENGINES)}")
    if engine == "nlpo3":
        try:
            import nlpo3  # noqa: F401
        except ImportError:
            raise PrescreenError("the nlpo3 engine is not installed; pip install 'prescreen[fast]' (or nlpo3)") \
                from None


def tokenize(text: str, engine: str = "newmm") -> list[str]:
    """Normalised text -> word tokens: no whitespace tokens, Latin lower-cased, numbers as shapes."""
    from pythainlp.tokenize import word_tokenize

    # join_broken_num is off: it is quadratic on long digit runs, and the shapes below make "1", ",",
    # "234" and "1,234" equally informative
    return [_shape(token) for token in word_tokenize(text, engine=engine, keep_whitespace=False,
                                                     join_broken_num=False)
            if token.strip()]


def prepare(text: str, engine: str = "newmm") -> list[str]:
    """Raw text -> tokens; the one path from submission to features."""
    return tokenize(normalize_text(text), engine=engine)
