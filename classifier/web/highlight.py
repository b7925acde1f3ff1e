"""Evidence phrases marked in the submitted text.

The model's phrases are joined tokens of the normalised text (whitespace dropped, Latin lower
case), so each is matched in the original text allowing whitespace and zero-width characters
between its letters and ignoring case."""
from __future__ import annotations

import html
import re

__all__ = ["highlight"]

_GAP = r"[\s\u200b-\u200d\ufeff]*"


def _pattern(phrase: str) -> str:
    return _GAP.join(re.escape(character) for character in phrase if not character.isspace())


def highlight(text: str, level_phrases, category_phrases) -> str:
    """HTML of `text` (escaped) with each evidence phrase in <mark class="ev-level|ev-category|ev-both">."""
    kinds: dict[str, str] = {}
    for kind, phrases in (("level", level_phrases), ("category", category_phrases)):
        for phrase in phrases:
            phrase = phrase.strip()
            if phrase:
                kinds[phrase] = "both" if kinds.get(phrase, kind) != kind else kind
    if not kinds:
        return html.escape(text)
    # longest first, so a phrase inside a longer one does not cut it short
    ordered = sorted(kinds, key=len, reverse=True)
    combined = re.compile("|".join(f"(?P<p{i}>{_pattern(p)})" for i, p in enumerate(ordered)), re.IGNORECASE)
    out, position = [], 0
    for match in combined.finditer(text):
        kind = kinds[ordered[int(match.lastgroup[1:])]]
        out.append(html.escape(text[position:match.start()]))
        out.append(f'<mark class="ev-{kind}">{html.escape(match.group())}</mark>')
        position = match.end()
    out.append(html.escape(text[position:]))
    return "".join(out)
