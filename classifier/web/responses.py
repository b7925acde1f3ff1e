"""Errors as readable answers (JSON for the API, the form page for people), never a stack trace;
and the guard in front of the app: request size limits and safety headers.

No draft is ever logged: the one log line written here names the exception type and the code
frames, not the exception's message (which could quote the text)."""
from __future__ import annotations

import logging
import traceback
from urllib.parse import parse_qs

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from starlette.exceptions import HTTPException

from ..errors import PrescreenError
from .limits import MAX_BATCH_CHARS, MAX_TEXT_CHARS, body_limit, megabytes
from .words import pick_language, word

__all__ = ["BodyTooLarge", "Guard", "error_response", "install_error_handlers"]

log = logging.getLogger("prescreen.web")

SAFETY_HEADERS = [
    # the page renders people's text: allow nothing but our own files, even if escaping ever failed
    (b"content-security-policy", b"default-src 'self'; img-src 'self' data:; form-action 'self'; "
                                 b"frame-ancestors 'none'; base-uri 'none'"),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
]
NO_STORE = (b"cache-control", b"no-store")  # results hold a draft: no copy in a shared computer's cache


class BodyTooLarge(HTTPException):
    def __init__(self, limit: int, path: str, lang: str):
        if _is_api(path):
            message = (f"the request body is larger than {megabytes(limit)}; a text may have at most "
                       f"{MAX_TEXT_CHARS:,} characters and a batch {MAX_BATCH_CHARS:,} in all")
        else:
            message = word("body_too_big", lang, limit=megabytes(limit), chars=MAX_TEXT_CHARS)
        super().__init__(413, message)


def _is_api(path: str) -> bool:
    return path.startswith("/api/") or path in ("/healthz", "/openapi.json")


def error_response(path: str, lang: str, status: int, message: str) -> Response:
    if _is_api(path):
        return JSONResponse({"detail": message}, status_code=status)
    from .pages import form_page  # here, so the guard's module does not pull in the page renderer first

    return HTMLResponse(form_page(lang, None, message), status_code=status)


def _lang_of(query_string: bytes) -> str:
    return pick_language(parse_qs(query_string.decode("latin-1")).get("lang", ["th"])[-1])


def _readable(exc: RequestValidationError) -> str:
    parts = []
    for error in exc.errors():  # each error also holds the input, which may be a draft: leave it out
        where = ".".join(str(p) for p in error.get("loc", ()) if p != "body")
        parts.append(f"{where}: {error.get('msg', 'invalid')}" if where else str(error.get("msg", "invalid")))
    return "; ".join(parts) or "the request is not valid"


def install_error_handlers(app: FastAPI) -> None:
    def lang(request: Request) -> str:
        return pick_language(request.query_params.get("lang"))

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, exc: HTTPException):
        return error_response(request.url.path, lang(request), exc.status_code, str(exc.detail))

    @app.exception_handler(RequestValidationError)
    async def invalid_request(request: Request, exc: RequestValidationError):
        return error_response(request.url.path, lang(request), 422, _readable(exc))

    @app.exception_handler(PrescreenError)
    async def library_error(request: Request, exc: PrescreenError):
        return error_response(request.url.path, lang(request), 400, str(exc))


async def _drain(receive, most: int) -> None:
    """Read and drop a refused body (up to `most` bytes), so the browser gets our 413 page rather
    than a reset connection while it is still sending."""
    seen = 0
    while seen <= most:
        message = await receive()
        if message["type"] != "http.request" or not message.get("more_body"):
            return
        seen += len(message.get("body", b""))


class Guard:
    """Pure ASGI middleware: refuses a body over its path's limit with 413 (by Content-Length before
    reading, else while reading), adds the safety headers, and answers an unexpected error with a
    plain 500 page or JSON."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        path, lang = scope["path"], _lang_of(scope.get("query_string", b""))
        limit = body_limit(path)
        received, started = 0, False

        async def capped_receive():
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    raise BodyTooLarge(limit, path, lang)
            return message

        async def send_with_headers(message):
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                extra = SAFETY_HEADERS + ([] if path.startswith("/static/") else [NO_STORE])
                message = {**message, "headers": list(message.get("headers", [])) + extra}
            await send(message)

        declared = dict(scope["headers"]).get(b"content-length", b"0")
        if not declared.isdigit():
            response = error_response(path, lang, 400, "invalid Content-Length header")
            return await response(scope, receive, send_with_headers)
        if int(declared) > limit:
            await _drain(receive, 16 * limit)
            response = error_response(path, lang, 413, BodyTooLarge(limit, path, lang).detail)
            return await response(scope, receive, send_with_headers)
        try:
            await self.app(scope, capped_receive, send_with_headers)
        except Exception as exc:  # noqa: BLE001  (the last line of defence: no stack trace to the user)
            log.error("unexpected %s on %s %s\n%s", type(exc).__name__, scope.get("method"), path,
                      "".join(traceback.format_tb(exc.__traceback__)))
            if not started:
                await error_response(path, lang, 500, word("server_error", lang))(scope, receive, send_with_headers)
