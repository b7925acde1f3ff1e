"""Reading and writing rows as JSONL, CSV or XLSX, chosen by file extension.

Readers stream (XLSX excepted for writing): a year's 2,000 submissions or a 100,000-row
file cost the same memory. Text files are decoded as UTF-8 (with or without BOM),
UTF-16 (by its BOM) or cp874/TIS-620; a file that decodes to none of them is refused."""
from __future__ import annotations

import codecs
import csv
import io
import json
import re
import sys
from pathlib import Path
from typing import Iterator

from .errors import InputError

__all__ = ["read_rows", "count_rows", "RowWriter", "detect_encoding", "file_format", "FORMATS", "ENCODINGS_TRIED",
           "read_text_file"]

FORMATS = ("jsonl", "csv", "xlsx")
ENCODINGS_TRIED = ("utf-8", "utf-8-sig", "utf-16", "cp874")
_SUFFIXES = {".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "jsonl", ".csv": "csv", ".xlsx": "xlsx"}
_PLAUSIBLE = re.compile(r"[\u0e00-\u0e7f\x20-\x7e\s\u2010-\u203a\u00a0-\u00ff\u201c\u201d]")
csv.field_size_limit(sys.maxsize)


def file_format(path: str) -> str:
    if path == "-":
        return "jsonl"
    fmt = _SUFFIXES.get(Path(path).suffix.lower())
    if fmt is None:
        raise InputError(f"{path}: unknown file type '{Path(path).suffix}'; use .jsonl, .csv or .xlsx")
    return fmt


def _looks_like_text(sample: str) -> bool:
    if not sample:
        return True
    return sum(1 for ch in sample if _PLAUSIBLE.match(ch)) / len(sample) >= 0.97


def detect_encoding(raw: bytes, name: str, encoding: str | None = None) -> str:
    """The encoding of a file's first bytes; `encoding` forces one."""
    if encoding:
        try:
            codecs.lookup(encoding)
        except LookupError:
            raise InputError(f"{name}: unknown encoding '{encoding}'; use utf-8, utf-16 or cp874") from None
        return encoding
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    if raw.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    for candidate in ("utf-8", "cp874"):
        try:
            text = raw.decode(candidate)
        except UnicodeDecodeError as exc:
            if candidate == "utf-8" and exc.start >= len(raw) - 3:  # a character cut by the sample's end
                return "utf-8"
            continue
        if _looks_like_text(text[:20000]):
            return candidate
    raise InputError(f"{name}: cannot decode the file as text (tried {', '.join(ENCODINGS_TRIED)}); "
                     "save it as UTF-8 or give --encoding")


def _open_text(path: str, encoding: str | None):
    if path == "-":
        raw = sys.stdin.buffer.read()
        enc = detect_encoding(raw[:65536], "stdin", encoding)
        return io.StringIO(raw.decode(enc, errors="strict"))
    try:
        with open(path, "rb") as handle:
            sample = handle.read(65536)
    except FileNotFoundError:
        raise InputError(f"{path}: no such file; check the path") from None
    except IsADirectoryError:
        raise InputError(f"{path}: is a directory; give a file") from None
    enc = detect_encoding(sample, path, encoding)
    return open(path, encoding=enc, newline="")


def read_text_file(path: str, encoding: str | None = None) -> str:
    with _open_text(path, encoding) as handle:
        try:
            return handle.read()
        except UnicodeDecodeError as exc:
            raise InputError(f"{path}: not valid {handle.encoding} ({exc.reason}); save it as UTF-8 or "
                             "give --encoding") from None


def _decode_errors(path: str, lines) -> Iterator:
    try:
        yield from lines
    except UnicodeDecodeError as exc:
        raise InputError(f"{path}: not valid text in the detected encoding ({exc.reason}); save it as UTF-8 "
                         "or give --encoding") from None


def _read_jsonl(path: str, encoding) -> Iterator[dict]:
    with _open_text(path, encoding) as handle:
        for number, line in enumerate(_decode_errors(path, handle), 1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except json.JSONDecodeError as exc:
                raise InputError(f"{path} line {number}: not valid JSON ({exc.msg}); fix that line") from None
            if not isinstance(row, dict):
                raise InputError(f"{path} line {number}: expected a JSON object per line")
            yield row


def _read_csv(path: str, encoding) -> Iterator[dict]:
    with _open_text(path, encoding) as handle:
        reader = csv.DictReader(_decode_errors(path, handle))
        if reader.fieldnames is None:
            return
        for row in reader:
            yield {key: ("" if value is None else value) for key, value in row.items() if key is not None}


def xlsx_sheets(path: str):
    from openpyxl import load_workbook

    try:
        return load_workbook(path, read_only=True, data_only=True)
    except FileNotFoundError:
        raise InputError(f"{path}: no such file; check the path") from None
    except Exception as exc:
        raise InputError(f"{path}: not a readable .xlsx file ({type(exc).__name__}); save it from Excel "
                         "as .xlsx") from None


def _sheet_rows(sheet) -> Iterator[dict]:
    rows = sheet.iter_rows(values_only=True)
    header = next(rows, None)
    if header is None:
        return
    names = [str(h) if h is not None else f"column_{i + 1}" for i, h in enumerate(header)]
    for values in rows:
        if values is None or all(v is None for v in values):
            continue
        yield {name: ("" if v is None else v) for name, v in zip(names, values)}


def _read_xlsx(path: str, sheet: str | None) -> Iterator[dict]:
    book = xlsx_sheets(path)
    if sheet is not None and sheet not in book.sheetnames:
        raise InputError(f"{path}: no sheet '{sheet}' (sheets: {', '.join(book.sheetnames)}); give --sheet")
    yield from _sheet_rows(book[sheet] if sheet else book.worksheets[0])
    book.close()


def count_rows(path: str, encoding: str | None = None, sheet: str | None = None) -> int | None:
    """How many rows read_rows will give, for a progress bar; None for stdin."""
    if path == "-":
        return None
    return sum(1 for _ in read_rows(path, encoding=encoding, sheet=sheet))


def read_rows(path: str, encoding: str | None = None, sheet: str | None = None) -> Iterator[dict]:
    """Rows of a JSONL, CSV or XLSX file (or '-' for JSONL on stdin), streamed."""
    fmt = file_format(path)
    if fmt == "xlsx":
        return _read_xlsx(path, sheet)
    return _read_jsonl(path, encoding) if fmt == "jsonl" else _read_csv(path, encoding)


def _cell(value):
    if isinstance(value, (dict, list)):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, bool):
        return "true" if value else "false"
    return value


class RowWriter:
    """Writes rows to JSONL/CSV (streamed) or XLSX (at close), keeping the first row's column order.

    For XLSX, `source_xlsx` and `sheet` copy the input workbook's other sheets around the
    scored one, in their original order."""

    def __init__(self, path: str, flatten=None, source_xlsx: str | None = None, sheet: str | None = None):
        self.path, self.format = path, file_format(path)
        self.flatten = flatten or (lambda row: row)
        self.source_xlsx, self.sheet = source_xlsx, sheet
        self._columns = None
        self._rows = []
        if self.format == "jsonl":
            self._handle = sys.stdout if path == "-" else open(path, "w", encoding="utf-8")
        elif self.format == "csv":
            # utf-8-sig so Excel opens Thai CSV correctly.
            self._handle = open(path, "w", encoding="utf-8-sig", newline="")
            self._csv = None

    def write(self, row: dict) -> None:
        if self.format == "jsonl":
            self._handle.write(json.dumps(row, ensure_ascii=False, default=str) + "\n")
            return
        flat = self.flatten(row)
        if self._columns is None:
            self._columns = list(flat)
        if self.format == "csv":
            if self._csv is None:
                self._csv = csv.DictWriter(self._handle, fieldnames=self._columns, extrasaction="ignore")
                self._csv.writeheader()
            self._csv.writerow({k: _cell(v) for k, v in flat.items()})
        else:
            self._rows.append([_cell(flat.get(c, "")) for c in self._columns])

    def close(self) -> None:
        if self.format == "xlsx":
            self._write_xlsx()
        elif self._handle is not sys.stdout:
            self._handle.close()
        else:
            self._handle.flush()

    def _write_xlsx(self) -> None:
        from openpyxl import Workbook

        book = Workbook(write_only=True)
        scored_title = self.sheet or "scored"
        others = []
        if self.source_xlsx:
            source = xlsx_sheets(self.source_xlsx)
            scored_title = self.sheet or source.sheetnames[0]
            others = [(name, source[name]) for name in source.sheetnames]
        else:
            others = [(scored_title, None)]
        for name, sheet in others:
            out = book.create_sheet(title=name)
            if name == scored_title:
                out.append(self._columns or [])
                for values in self._rows:
                    out.append(values)
            else:
                for values in sheet.iter_rows(values_only=True):
                    out.append(list(values))
        book.save(self.path)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()
