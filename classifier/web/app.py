"""The FastAPI app: the self-check page (`GET /`, `POST /check`) and the JSON API (`/api/...`).

The model is loaded once, when the app is made; requests score under a lock, one at a time,
since scoring is CPU-bound and the model object is shared."""
from __future__ import annotations

import threading
from pathlib import Path

from fastapi import FastAPI, HTTPException, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, RedirectResponse
from fastapi.staticfiles import StaticFiles
from starlette.datastructures import UploadFile

from .. import __version__
from ..api import check_text
from ..documents import document_text_from_bytes
from ..errors import InputError
from ..modelfile import in_use_dir, load_model
from ..scoring import Scorer
from ..taxonomy import load_taxonomy
from .forms import read_form
from .limits import MAX_BATCH_CHARS, MAX_BATCH_TEXTS, MAX_TEXT_CHARS, MAX_UPLOAD_BYTES, megabytes
from .pages import FormValues, form_page, result_page
from .responses import Guard, install_error_handlers
from .schemas import (EMPTY_RESULT, BatchRequest, BatchResponse, ErrorMessage, Health, ModelCard, ScoreRequest,
                      ScoreResult)
from .words import pick_language, word

__all__ = ["create_app"]

STATIC = Path(__file__).parent / "static"
_ERRORS = {status: {"model": ErrorMessage} for status in (400, 413, 422)}


def problem_with(year, applied_category: str, lang: str = "en") -> str | None:
    """Why a year or applied category cannot be checked, or None."""
    taxonomy = load_taxonomy()
    try:
        number = taxonomy.newest_year if year in (None, "") else int(year)
    except (TypeError, ValueError):
        number = None
    if number not in taxonomy.years:
        return word("bad_year", lang, year=year, known=", ".join(map(str, sorted(taxonomy.years))))
    year = number
    if applied_category and applied_category not in taxonomy.categories_for(year):
        return word("bad_category", lang, category=applied_category, year=year,
                    open=", ".join(taxonomy.categories_for(year)))
    return None


def create_app(model_dir=None, model_and_card=None) -> FastAPI:
    model, card = model_and_card or load_model(model_dir or in_use_dir())
    scorer = Scorer(model_and_card=(model, card))
    version = str(card.get("version") or "")
    lock = threading.Lock()

    app = FastAPI(title="prescreen self-check", version=__version__,
                  description="Participation level and award category of a Thai submission to the Public Sector "
                              "Excellence Awards (รางวัลเลิศรัฐ), with evidence and flags.",
                  # Swagger UI and ReDoc load their scripts from a CDN; the schema alone is served instead.
                  docs_url=None, redoc_url=None)
    app.add_middleware(Guard)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    install_error_handlers(app)

    def score(items: list[tuple[str, object, str]]) -> list[dict]:
        with lock:
            return [{**EMPTY_RESULT, **row} for row in scorer.score_many(items, year=None)]

    def check(text: str, year: int, applied: str) -> dict:
        with lock:
            return check_text(text, model_and_card=(model, card), year=year, applied_category=applied)

    @app.get("/healthz", response_model=Health, tags=["service"])
    def healthz():
        return {"status": "ok", "model": version}

    @app.get("/api/model", response_model=ModelCard, tags=["service"])
    def model_card():
        """The card of the model in use: version, training data, cross-validated metrics."""
        return card

    @app.post("/api/score", response_model=ScoreResult, responses=_ERRORS, tags=["scoring"])
    def score_one(item: ScoreRequest):
        """Score one text: the fields of a row of `prescreen score`. 400 if it cannot be scored."""
        if len(item.text) > MAX_TEXT_CHARS:
            raise HTTPException(413, word("text_too_long", "en", n=len(item.text), limit=MAX_TEXT_CHARS))
        problem = problem_with(item.year, item.applied_category)
        if problem:
            raise HTTPException(400, problem)
        row = score([(item.text, item.year, item.applied_category)])[0]
        if row["error"]:
            raise HTTPException(400, row["error"])
        return row

    @app.post("/api/score-batch", response_model=BatchResponse, responses=_ERRORS, tags=["scoring"],
              description=f"Score up to {MAX_BATCH_TEXTS} texts ({MAX_BATCH_CHARS:,} characters in all); results "
                          "come back in order, a text that could not be scored with `error` set.")
    def score_batch(batch: BatchRequest):
        if len(batch.items) > MAX_BATCH_TEXTS:
            raise HTTPException(413, f"{len(batch.items)} texts; at most {MAX_BATCH_TEXTS} per request: "
                                     "split the batch")
        if sum(len(item.text) for item in batch.items) > MAX_BATCH_CHARS:
            raise HTTPException(413, f"more than {MAX_BATCH_CHARS:,} characters in all; split the batch")
        for index, item in enumerate(batch.items):
            if len(item.text) > MAX_TEXT_CHARS:
                raise HTTPException(413, f"item {index}: " + word("text_too_long", "en", n=len(item.text),
                                                                   limit=MAX_TEXT_CHARS))
        results = [{**EMPTY_RESULT, "error": problem_with(item.year, item.applied_category) or ""}
                   for item in batch.items]
        todo = [index for index, row in enumerate(results) if not row["error"]]
        scored = score([(batch.items[i].text, batch.items[i].year, batch.items[i].applied_category) for i in todo])
        for index, row in zip(todo, scored, strict=True):
            results[index] = row
        return {"model": version, "results": results}

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def home(lang: str = "th"):
        return form_page(pick_language(lang))

    @app.get("/check", include_in_schema=False)
    def check_without_form(lang: str = "th"):
        return RedirectResponse(f"/?lang={pick_language(lang)}", status_code=303)

    @app.post("/check", response_class=HTMLResponse, include_in_schema=False)
    async def check_page(request: Request, lang: str = "th"):
        lang = pick_language(lang)
        form = await read_form(request)
        values = FormValues(text=str(form.get("text") or "").replace("\r\n", "\n"),
                            applied_category=str(form.get("applied_category") or ""))
        year = str(form.get("year") or "")
        values.year = int(year) if year.isdigit() else None
        try:
            source = await _take_upload(form.get("file"), values, lang)
            if not values.text.strip():
                raise _PageProblem(400, word("empty", lang))
            if len(values.text) > MAX_TEXT_CHARS:
                raise _PageProblem(413, word("text_too_long", lang, n=len(values.text), limit=MAX_TEXT_CHARS))
            problem = problem_with(year or None, values.applied_category, lang)
            if problem:
                raise _PageProblem(400, problem)
        except _PageProblem as exc:
            if len(values.text) > MAX_TEXT_CHARS:  # do not echo a huge text back into the form
                values.text = ""
            return HTMLResponse(form_page(lang, values, exc.message), status_code=exc.status)
        finally:
            await form.close()
        result = await run_in_threadpool(check, values.text, values.year, values.applied_category)
        return HTMLResponse(result_page(result, values.text, lang, values, source))

    return app


class _PageProblem(Exception):
    """Something the person can fix: shown above the form, with the status code."""

    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status, self.message = status, message


async def _take_upload(upload, values: FormValues, lang: str) -> str | None:
    """A chosen file's text replaces the pasted text; returns the file's name, or None without a file."""
    if not isinstance(upload, UploadFile) or not upload.filename:
        return None
    data = await upload.read(MAX_UPLOAD_BYTES + 1)
    if len(data) > MAX_UPLOAD_BYTES:
        size = megabytes(max(upload.size or 0, len(data)))
        raise _PageProblem(413, word("file_too_big", lang, size=size, limit=megabytes(MAX_UPLOAD_BYTES)))
    try:
        values.text = await run_in_threadpool(document_text_from_bytes, data, upload.filename)
    except InputError as exc:
        raise _PageProblem(400, f"{word('bad_file', lang)}: {exc}") from None
    return upload.filename
