"""One draft from .txt, .docx or .pdf (or stdin) as plain text."""
from __future__ import annotations

import logging
import sys
from pathlib import Path

from .errors import InputError
from .tabular import detect_encoding, read_text_file

__all__ = ["read_document", "DOCUMENT_TYPES", "document_text_from_bytes"]

DOCUMENT_TYPES = (".txt", ".docx", ".pdf")


def _docx_text(source) -> str:
    from docx import Document

    try:
        document = Document(source)
    except Exception as exc:
        raise InputError(f"cannot read the .docx file ({type(exc).__name__}); save it again from Word as .docx") from None
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.append(" ".join(cell.text for cell in row.cells))
    return "\n".join(parts)


def _pdf_text(source) -> str:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    # pypdf logs its repair attempts ("EOF marker not found"); our one-line error says what matters
    logging.getLogger("pypdf").setLevel(logging.ERROR)

    try:
        reader = PdfReader(source)
        text = "\n".join(page.extract_text() or "" for page in reader.pages)
    except (PdfReadError, ValueError, OSError) as exc:
        raise InputError(f"cannot read the PDF ({exc}); export it again as PDF or paste the text") from None
    if not text.strip():
        raise InputError("the PDF has no text layer (a scanned image?); run OCR on it or paste the text")
    return text


def document_text_from_bytes(data: bytes, filename: str) -> str:
    """Text of an uploaded file, by its name's extension."""
    import io

    suffix = Path(filename).suffix.lower()
    if suffix == ".docx":
        return _docx_text(io.BytesIO(data))
    if suffix == ".pdf":
        return _pdf_text(io.BytesIO(data))
    if suffix in (".txt", ""):
        return data.decode(detect_encoding(data[:65536], filename))
    raise InputError(f"{filename}: unsupported file type '{suffix}'; use .txt, .docx or .pdf")


def read_document(path: str, encoding: str | None = None) -> str:
    if path == "-":
        raw = sys.stdin.buffer.read()
        return raw.decode(detect_encoding(raw[:65536], "stdin", encoding))
    file = Path(path)
    if not file.is_file():
        raise InputError(f"{path}: no such file; check the path")
    suffix = file.suffix.lower()
    if suffix == ".docx":
        return _docx_text(str(file))
    if suffix == ".pdf":
        return _pdf_text(str(file))
    if suffix in (".txt", ".md", ""):
        return read_text_file(path, encoding)
    raise InputError(f"{path}: unsupported file type '{suffix}'; use .txt, .docx or .pdf")
