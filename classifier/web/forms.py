"""The self-check form, read entirely in memory: an uploaded draft never touches the disk.

Starlette spools an upload to a temporary file past 1 MB; here the spool is as large as the
whole accepted body, which the guard has already capped (limits.FORM_BODY_BYTES)."""
from __future__ import annotations

from fastapi import HTTPException, Request
from starlette.datastructures import FormData
from starlette.formparsers import MultiPartException, MultiPartParser

from .limits import FORM_BODY_BYTES

__all__ = ["read_form"]


class _InMemoryParser(MultiPartParser):
    spool_max_size = FORM_BODY_BYTES


async def read_form(request: Request) -> FormData:
    """The fields and (at most one) file of the form; 400 with the parser's reason if it is malformed."""
    content_type = request.headers.get("content-type", "")
    try:
        if content_type.startswith("multipart/form-data"):
            parser = _InMemoryParser(request.headers, request.stream(), max_files=1, max_fields=8,
                                     max_part_size=FORM_BODY_BYTES)
            return await parser.parse()
        return await request.form(max_files=0, max_fields=8, max_part_size=FORM_BODY_BYTES)
    except MultiPartException as exc:
        raise HTTPException(400, f"the form could not be read ({exc.message})") from None
