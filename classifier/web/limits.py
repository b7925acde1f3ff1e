"""The sizes the web app accepts; the README's "Web page and API" section documents them."""
import math

MAX_TEXT_CHARS = 100_000          # one draft, pasted or read from a file
MAX_UPLOAD_BYTES = 2 * 1024 * 1024  # one uploaded .txt/.docx/.pdf
MAX_BATCH_TEXTS = 100             # texts in one POST /api/score-batch
MAX_BATCH_CHARS = 1_000_000       # all texts of one batch together, so one request cannot hog the CPU

# Whole request bodies, checked before anything is parsed. Thai is 3 bytes a character in UTF-8
# and up to 6 as a JSON \u escape, hence the factor 6.
FORM_BODY_BYTES = MAX_UPLOAD_BYTES + MAX_TEXT_CHARS * 3 + 64 * 1024
SINGLE_BODY_BYTES = MAX_TEXT_CHARS * 6 + 64 * 1024
BATCH_BODY_BYTES = MAX_BATCH_CHARS * 6 + MAX_BATCH_TEXTS * 1024


def body_limit(path: str) -> int:
    if path == "/check":
        return FORM_BODY_BYTES
    if path == "/api/score-batch":
        return BATCH_BODY_BYTES
    return SINGLE_BODY_BYTES


def megabytes(size: int) -> str:
    """Rounded up, so a file just over the limit never reads as "2.0 MB, more than 2 MB"."""
    tenths = math.ceil(size * 10 / (1024 * 1024))
    return f"{tenths // 10} MB" if tenths % 10 == 0 else f"{tenths / 10:.1f} MB"
