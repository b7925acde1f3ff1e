"""The self-check page in a real browser: `prescreen serve` in a subprocess on 127.0.0.1, driven by
headless Chromium (Debian's /usr/bin/chromium) through Playwright.

Skipped only when Chromium is missing outside CI; in CI (CI=true) a missing browser fails.
Set PRESCREEN_WEB_SCREENSHOT=docs/web-result.png to also save the README's screenshot."""
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
if not CHROMIUM.exists() and os.environ.get("CI") != "true":
    pytest.skip("needs Debian's Chromium at /usr/bin/chromium (apt-get install chromium); CI installs it and "
                "runs this test", allow_module_level=True)

from playwright.sync_api import sync_playwright  # noqa: E402

from classifier.api import check_text  # noqa: E402
from classifier.taxonomy import load_taxonomy  # noqa: E402

from .conftest import DEFAULT_MODEL, ROOT  # noqa: E402

WATER = (ROOT / "examples" / "draft_community_water.txt").read_text("utf-8")
NEWS = (ROOT / "examples" / "draft_website_news.txt").read_text("utf-8")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def server():
    port = free_port()
    process = subprocess.Popen([sys.executable, "-m", "classifier", "serve", "--host", "127.0.0.1", "--port",
                                str(port), "--model", str(DEFAULT_MODEL)],
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 90
    try:
        while True:
            try:
                with urllib.request.urlopen(f"{url}/healthz", timeout=2):
                    break
            except OSError:
                if process.poll() is not None:
                    pytest.fail(f"prescreen serve exited with {process.returncode}:\n{process.stdout.read()}")
                if time.monotonic() > deadline:
                    pytest.fail("prescreen serve did not answer /healthz within 90 s")
                time.sleep(0.3)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@pytest.fixture(scope="module")
def browser():
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1200, "height": 900})
    context.set_default_timeout(60_000)
    yield context.new_page()
    context.close()


def expected_for(text, default_model, applied=""):
    result = check_text(text, model_and_card=default_model, year=2567, applied_category=applied)
    return result, load_taxonomy()


def assert_result_shown(page, result, taxonomy):
    page.wait_for_selector("#result")
    assert page.inner_text("#level") == taxonomy.thai_name(result["level"])
    assert page.inner_text("#category") == taxonomy.thai_name(result["category"])
    marks = page.locator("#draft mark").all_inner_texts()
    evidence = {p for p, _ in result["level_evidence"] + result["category_evidence"]}
    assert marks and {m.replace(" ", "").lower() for m in marks} & evidence
    assert page.locator("#criteria li").count() == len(result["criteria"])


def test_pasted_draft_shows_level_category_and_highlighted_evidence(server, page, default_model):
    result, taxonomy = expected_for(WATER, default_model, "effective_change")
    page.goto(server)
    assert page.get_attribute("html", "lang") == "th"
    page.fill("#text", WATER)
    page.select_option("#year", "2567")
    page.select_option("#applied_category", "effective_change")
    page.click("button.primary")
    assert_result_shown(page, result, taxonomy)
    assert page.locator(".bars li.top").count() == 2
    if os.environ.get("PRESCREEN_WEB_SCREENSHOT"):
        page.screenshot(path=os.environ["PRESCREEN_WEB_SCREENSHOT"], full_page=True)
    # the switch re-checks the same text in English
    page.click("button.switch")
    page.wait_for_selector("html[lang=en] #result")
    assert page.inner_text("#level") == taxonomy.english_name(result["level"])


def test_uploaded_docx_shows_the_same(server, page, default_model, tmp_path):
    from docx import Document

    document = Document()
    for line in NEWS.splitlines():
        document.add_paragraph(line)
    document.save(tmp_path / "draft_news.docx")
    result, taxonomy = expected_for(NEWS, default_model)
    page.goto(server)
    page.set_input_files("#file", str(tmp_path / "draft_news.docx"))
    page.click("button.primary")
    assert_result_shown(page, result, taxonomy)
    assert "draft_news.docx" in page.inner_text(".source")
    assert page.locator("#flags li").count() >= 1


def test_the_page_works_without_javascript(server, browser, default_model):
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(f"{server}/?lang=en")
        page.fill("#text", WATER)
        page.click("button.primary")
        page.wait_for_selector("#result")
        result, taxonomy = expected_for(WATER, default_model)
        assert page.inner_text("#level") == taxonomy.english_name(result["level"])
        assert page.locator("#draft mark").count() > 0
    finally:
        context.close()


def test_script_stops_an_empty_form_and_offers_only_open_categories(server, page):
    page.goto(server)
    page.click("button.primary")
    assert "กรุณาวางข้อความผลงาน" in page.inner_text("#status")
    assert page.url.rstrip("/") == server  # nothing was sent
    assert page.locator("#applied_category option[value=participation_expanded]").is_disabled()
    page.select_option("#year", "2566")
    assert page.locator("#applied_category option[value=participation_expanded]").is_enabled()


def test_readable_on_a_phone(server, browser):
    context = browser.new_context(viewport={"width": 375, "height": 740}, is_mobile=True, has_touch=True)
    try:
        page = context.new_page()
        page.goto(server)
        page.fill("#text", WATER)
        page.click("button.primary")
        page.wait_for_selector("#result")
        overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0, "the result page scrolls sideways on a phone"
    finally:
        context.close()
