"""The web app through FastAPI's TestClient: the JSON API, the limits, readable errors, and the
HTML form round trip exactly as a browser without JavaScript sends it."""
import io
import logging
import re
import subprocess
import sys
import tempfile

import pytest

fastapi = pytest.importorskip("fastapi", reason="the web extra is not installed: pip install -e '.[web]'")
from fastapi.testclient import TestClient  # noqa: E402

from classifier.modelfile import read_card  # noqa: E402
from classifier.scoring import Scorer  # noqa: E402
from classifier.taxonomy import load_taxonomy  # noqa: E402
from classifier.web import create_app  # noqa: E402
from classifier.web.highlight import highlight  # noqa: E402
from classifier.web.limits import MAX_BATCH_TEXTS, MAX_TEXT_CHARS, MAX_UPLOAD_BYTES  # noqa: E402

from .conftest import DEFAULT_MODEL, ROOT  # noqa: E402

WATER = (ROOT / "examples" / "draft_community_water.txt").read_text("utf-8")
NEWS = (ROOT / "examples" / "draft_website_news.txt").read_text("utf-8")
ROW_FIELDS = {"level", "category", "level_probabilities", "category_probabilities", "needs_review", "flags", "error",
              "level_evidence", "category_evidence", "criteria"}


@pytest.fixture(scope="module")
def client(default_model):
    return TestClient(create_app(model_and_card=default_model))


def post_form(client, text="", file=None, year="2567", applied="", lang="th"):
    """What a browser sends for the page's form: multipart, with an empty file part when none is chosen."""
    files = {"file": file or ("", b"", "application/octet-stream")}
    return client.post(f"/check?lang={lang}", data={"text": text, "year": year, "applied_category": applied},
                       files=files)


def docx_bytes(text: str) -> bytes:
    from docx import Document

    document, buffer = Document(), io.BytesIO()
    for line in text.splitlines():
        document.add_paragraph(line)
    document.save(buffer)
    return buffer.getvalue()


def error_message(page: str) -> str:
    match = re.search(r'<p class="error" role="alert">(.*?)</p>', page, re.S)
    return match.group(1) if match else ""


# --- JSON API ------------------------------------------------------------------------------------

def test_score_returns_the_same_row_as_prescreen_score(client, default_model):
    response = client.post("/api/score", json={"text": WATER, "year": 2567, "applied_category": "effective_change"})
    assert response.status_code == 200
    body = response.json()
    assert set(body) == ROW_FIELDS
    expected = Scorer(model_and_card=default_model).score_many([(WATER, 2567, "effective_change")])[0]
    assert body == {**expected, "error": ""}
    assert body["level"] in ("collaborate", "empower") and body["category"] == "effective_change"
    assert set(body["level_probabilities"]) == set(load_taxonomy().levels)


def test_score_uses_the_newest_year_when_none_is_given(client):
    body = client.post("/api/score", json={"text": NEWS}).json()
    assert body["category"] in load_taxonomy().categories_for(load_taxonomy().newest_year)


@pytest.mark.parametrize("payload, status, words", [
    ({"text": ""}, 400, "empty text"),
    ({"text": WATER, "year": 2400}, 400, "year 2400 is not an award year"),
    ({"text": WATER, "year": 2567, "applied_category": "participation_expanded"}, 400, "not open in 2567"),
    ({"text": WATER, "applied_category": "best_agency"}, 400, "'best_agency' is not open"),
    ({"text": "ก" * (MAX_TEXT_CHARS + 1)}, 413, "100,000"),
    ({"txt": WATER}, 422, "text: Field required"),
])
def test_score_refuses_bad_requests_with_a_readable_message(client, payload, status, words):
    response = client.post("/api/score", json=payload)
    assert response.status_code == status
    assert words in response.json()["detail"]
    assert "Traceback" not in response.text and WATER[:40] not in response.text


def test_a_body_over_the_limit_is_refused_before_it_is_parsed(client):
    response = client.post("/api/score", content=b"x" * (2 * 1024 * 1024),
                           headers={"content-type": "application/json"})
    assert response.status_code == 413
    assert "larger than" in response.json()["detail"]


def test_batch_keeps_order_and_reports_each_failed_item(client):
    items = [{"text": WATER}, {"text": ""}, {"text": NEWS, "applied_category": "participation_expanded"},
             {"text": NEWS, "year": 2566, "applied_category": "participation_expanded"}]
    response = client.post("/api/score-batch", json={"items": items})
    assert response.status_code == 200
    body = response.json()
    assert body["model"] == "default" and len(body["results"]) == 4
    assert all(set(row) == ROW_FIELDS for row in body["results"])
    good, empty, closed, open_then = body["results"]
    assert good["error"] == "" and good["level"] in ("collaborate", "empower")
    assert empty["error"] == "empty text: fill in the submission text" and empty["level"] == ""
    assert "not open in 2567" in closed["error"] and closed["needs_review"] is True
    assert open_then["error"] == "" and open_then["level"]


def test_batch_limits(client):
    too_many = client.post("/api/score-batch", json={"items": [{"text": "ก"}] * (MAX_BATCH_TEXTS + 1)})
    assert too_many.status_code == 413 and f"at most {MAX_BATCH_TEXTS}" in too_many.json()["detail"]
    too_much = client.post("/api/score-batch", json={"items": [{"text": "a" * 20_000}] * 51})
    assert too_much.status_code == 413 and "characters in all" in too_much.json()["detail"]
    items = [{"text": "a"}, {"text": "a" * (MAX_TEXT_CHARS + 1)}]
    one_too_long = client.post("/api/score-batch", json={"items": items})
    assert one_too_long.status_code == 413 and one_too_long.json()["detail"].startswith("item 1:")


def test_healthz_model_card_and_openapi(client):
    assert client.get("/healthz").json() == {"status": "ok", "model": "default"}
    assert client.get("/api/model").json() == read_card(DEFAULT_MODEL)
    schema = client.get("/openapi.json").json()
    assert {"/api/score", "/api/score-batch", "/api/model", "/healthz"} <= set(schema["paths"])
    assert "/check" not in schema["paths"]
    assert set(schema["components"]["schemas"]["ScoreResult"]["properties"]) == ROW_FIELDS
    assert "At most 100 texts" in schema["components"]["schemas"]["BatchRequest"]["properties"]["items"]["description"]


def test_unknown_api_path_is_json_404(client):
    response = client.get("/api/nothing")
    assert response.status_code == 404 and response.json() == {"detail": "Not Found"}


# --- the page, without JavaScript ----------------------------------------------------------------

def test_form_page_is_thai_by_default_and_lists_years_and_categories(client):
    page = client.get("/").text
    taxonomy = load_taxonomy()
    assert '<html lang="th">' in page and 'name="viewport"' in page
    assert re.search(r'<form id="check-form"[^>]*method="post" action="/check\?lang=th"\s+'
                     r'enctype="multipart/form-data"', page)
    assert '<textarea id="text" name="text"' in page and 'type="file" id="file" name="file"' in page
    for year in taxonomy.years:
        assert f'<option value="{year}"' in page
    assert f'<option value="{taxonomy.newest_year}" selected>' in page
    for label in taxonomy.categories:
        assert taxonomy.thai_name(label) in page
    assert 'href="/?lang=en"' in page
    english = client.get("/?lang=en").text
    assert '<html lang="en">' in english and taxonomy.english_name("open_governance") in english


def test_form_round_trip_shows_level_category_evidence_checklist_and_advice(client, default_model):
    from classifier.api import check_text

    expected = check_text(WATER, model_and_card=default_model, year=2567, applied_category="effective_change")
    response = post_form(client, WATER, applied="effective_change")
    assert response.status_code == 200
    page, taxonomy = response.text, load_taxonomy()
    assert f'id="level" data-label="{expected["level"]}">{taxonomy.thai_name(expected["level"])}<' in page
    assert f'id="category" data-label="{expected["category"]}">{taxonomy.thai_name(expected["category"])}<' in page
    marks = re.findall(r'<mark class="ev-(?:level|category|both)">([^<]+)</mark>', page.split('id="draft"')[1])
    assert marks and {m.replace(" ", "") for m in marks} & {p for p, _ in expected["level_evidence"]}
    assert 'id="criteria"' in page and "ระบุกลุ่มผู้มีส่วนได้ส่วนเสียหลัก" in page
    assert 'id="advice"' in page
    # the form comes back filled in, to edit and check again
    assert 'value="effective_change" data-years="2565 2566 2567" selected' in page
    assert "ธนาคารน้ำใต้ดินบ้านหนองแวง" in page.split("<textarea")[1]
    assert response.headers["cache-control"] == "no-store"
    assert "default-src 'self'" in response.headers["content-security-policy"]


def test_form_in_english_uses_english_names_and_flags(client):
    page = post_form(client, NEWS, applied="open_governance", lang="en").text
    assert '<html lang="en">' in page and "Criteria checklist" in page
    assert "missing evidence:" in page or "a person should review this" in page
    assert 'formaction="/check?lang=th"' in page  # the switch re-checks the same text in Thai


def test_uploaded_docx_is_read_and_checked(client):
    file = ("ร่างผลงาน.docx", docx_bytes(WATER),
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document")
    response = post_form(client, file=file)
    assert response.status_code == 200
    assert 'id="level"' in response.text and "ร่างผลงาน.docx" in response.text
    assert "<mark" in response.text.split('id="draft"')[1]


@pytest.mark.parametrize("file, status, words", [
    (("draft.pdf", b"%PDF-1.4 broken", "application/pdf"), 400, "อ่านไฟล์ไม่ได้"),
    (("draft.docx", b"not a zip", "application/octet-stream"), 400, "save it again from Word"),
    (("draft.exe", b"MZ", "application/octet-stream"), 400, "use .txt, .docx or .pdf"),
    (("big.txt", b"a" * (MAX_UPLOAD_BYTES + 1), "text/plain"), 413, "เกินที่รับได้ 2 MB"),
    (("huge.txt", b"a" * (4 * MAX_UPLOAD_BYTES), "text/plain"), 413, "ไฟล์ต้องไม่เกิน 2 MB"),
])
def test_bad_or_large_uploads_get_a_readable_page(client, file, status, words):
    response = post_form(client, file=file)
    assert response.status_code == status
    assert words in error_message(response.text)
    assert "Traceback" not in response.text and '<form id="check-form"' in response.text


def test_empty_and_too_long_texts_get_a_readable_page(client):
    empty = post_form(client, "   ")
    assert empty.status_code == 400 and "กรุณาวางข้อความผลงาน" in error_message(empty.text)
    long = post_form(client, "ก" * (MAX_TEXT_CHARS + 5), lang="en")
    assert long.status_code == 413 and "100,005 characters" in error_message(long.text)
    assert "ก" * 100 not in long.text  # a huge text is not echoed back


def test_category_not_open_in_the_year_is_explained(client):
    response = post_form(client, WATER, year="2567", applied="participation_expanded")
    assert response.status_code == 400 and "ไม่เปิดรับในปี 2567" in error_message(response.text)
    assert "ธนาคารน้ำใต้ดิน" in response.text.split("<textarea")[1]  # the text is kept


def test_get_check_goes_back_to_the_form(client):
    response = client.get("/check?lang=en", follow_redirects=False)
    assert response.status_code == 303 and response.headers["location"] == "/?lang=en"


def test_static_files_are_served(client):
    assert "font-family" in client.get("/static/style.css").text
    assert "check-form" in client.get("/static/app.js").text


# --- drafts stay private ---------------------------------------------------------------------------

def test_an_upload_is_kept_in_memory_never_spooled_to_disk(client, monkeypatch):
    def refuse(self):
        raise AssertionError("an upload was written to a temporary file")

    monkeypatch.setattr(tempfile.SpooledTemporaryFile, "rollover", refuse)
    # 1.5 MB: past Starlette's default 1 MB spool, under our 2 MB limit
    response = post_form(client, file=("draft.txt", ("ก" * 500_000).encode(), "text/plain"))
    assert response.status_code == 413 and "500,000" in error_message(response.text)


def test_an_unexpected_error_is_a_plain_500_and_the_draft_is_not_logged(default_model, monkeypatch, caplog):
    import classifier.web.app as web_app

    def explode(*args, **kwargs):
        raise RuntimeError(f"boom while reading {args[0][:30]}")

    monkeypatch.setattr(web_app, "check_text", explode)
    client = TestClient(create_app(model_and_card=default_model), raise_server_exceptions=False)
    with caplog.at_level(logging.DEBUG):
        response = post_form(client, WATER, lang="en")
    assert response.status_code == 500 and "Something went wrong" in error_message(response.text)
    assert "RuntimeError" in caplog.text
    assert WATER[:30] not in caplog.text and WATER[:30] not in response.text


# --- pieces ----------------------------------------------------------------------------------------

def test_highlight_escapes_the_text_and_marks_phrases_across_spaces():
    html = highlight("<b>อบต. ออกค่า</b> ชาวบ้าน & Facebook", ["อบต.ออก"], ["ชาวบ้าน", "facebook", "อบต.ออก"])
    assert html == ('&lt;b&gt;<mark class="ev-both">อบต. ออก</mark>ค่า&lt;/b&gt; '
                    '<mark class="ev-category">ชาวบ้าน</mark> &amp; <mark class="ev-category">Facebook</mark>')
    assert highlight("<i>", [], []) == "&lt;i&gt;"


def test_the_web_package_does_not_import_click():
    code = "import sys, classifier.web; print('click' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"
