"""Every command's success and error paths, through click's CliRunner."""
import csv
import json
import shutil

import pytest
from click.testing import CliRunner
from sklearn.metrics import f1_score

from classifier.cli import main

from .conftest import DEFAULT_MODEL, ROOT

WATER = (ROOT / "examples" / "draft_community_water.txt").read_text("utf-8")
NEWS = (ROOT / "examples" / "draft_website_news.txt").read_text("utf-8")


def run(*args, input=None):
    return CliRunner().invoke(main, [str(a) for a in args], input=input, catch_exceptions=False)


def write_csv(path, rows, encoding="utf-8"):
    with open(path, "w", encoding=encoding, newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    return path


ROWS = [{"work_id": "A1", "applied_category": "effective_change", "text": WATER},
        {"work_id": "A2", "applied_category": "", "text": ""},
        {"work_id": "A3", "applied_category": "open_governance", "text": NEWS}]


# --- score -----------------------------------------------------------------------------------------

def test_score_csv_returns_every_row_in_order_with_the_failed_one(tmp_path):
    out = tmp_path / "out.csv"
    result = run("score", write_csv(tmp_path / "in.csv", ROWS), "--out", out, "--jobs", "1")
    assert result.exit_code == 0, result.output
    with open(out, encoding="utf-8-sig") as handle:
        rows = list(csv.DictReader(handle))
    assert [r["work_id"] for r in rows] == ["A1", "A2", "A3"]
    assert rows[1]["error"] == "empty text: fill in the submission text" and rows[1]["level"] == ""
    assert rows[0]["level"] in ("collaborate", "empower") and rows[0]["error"] == ""
    assert {"level_p_inform", "level_p_empower", "category_p_public_service", "needs_review", "flags"} <= set(rows[0])
    assert "3 rows: 2 scored, 1 failed" in result.output


def test_score_jsonl_stdin_to_stdout_keeps_fields(tmp_path):
    lines = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in ROWS)
    result = run("score", "-", "--out", "-", "--quiet", "--jobs", "1", input=lines)
    assert result.exit_code == 0
    out = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["work_id"] for r in out] == ["A1", "A2", "A3"]
    assert set(out[0]["level_probabilities"]) == {"inform", "consult", "involve", "collaborate", "empower"}
    assert isinstance(out[0]["needs_review"], bool) and out[1]["error"]


def test_score_with_two_workers_matches_one_worker(tmp_path):
    source = write_csv(tmp_path / "in.csv", ROWS * 20)
    run("score", source, "--out", tmp_path / "one.jsonl", "--jobs", "1", "--quiet")
    run("score", source, "--out", tmp_path / "two.jsonl", "--jobs", "2", "--quiet")
    assert (tmp_path / "one.jsonl").read_text("utf-8") == (tmp_path / "two.jsonl").read_text("utf-8")


def test_score_joins_several_text_columns(tmp_path):
    rows = [{"id": "1", "title": "ธนาคารน้ำใต้ดิน", "body": WATER}]
    out = tmp_path / "o.jsonl"
    result = run("score", write_csv(tmp_path / "in.csv", rows), "--out", out, "--text-column", "title",
                 "--text-column", "body", "--quiet", "--jobs", "1")
    assert result.exit_code == 0
    assert json.loads(out.read_text("utf-8"))["level"]


def test_score_missing_text_column_is_one_line_error(tmp_path):
    result = run("score", write_csv(tmp_path / "in.csv", [{"a": "x"}]), "--out", tmp_path / "o.csv",
                 "--text-column", "body")
    assert result.exit_code == 1
    assert result.output == ("Error: no column 'body' in the input (columns: a); give --text-column with one "
                             "of them\n")


def test_score_missing_input_file(tmp_path):
    result = run("score", tmp_path / "nope.csv", "--out", tmp_path / "o.csv")
    assert result.exit_code == 1
    assert result.output == f"Error: {tmp_path / 'nope.csv'}: no such file; check the path\n"


def test_score_unknown_output_type(tmp_path):
    result = run("score", write_csv(tmp_path / "in.csv", ROWS), "--out", tmp_path / "o.txt")
    assert result.exit_code == 1
    assert result.output == f"Error: {tmp_path / 'o.txt'}: unknown file type '.txt'; use .jsonl, .csv or .xlsx\n"


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16", "cp874"])
def test_score_reads_excel_and_thai_legacy_encodings(tmp_path, encoding):
    source = write_csv(tmp_path / "in.csv", ROWS, encoding=encoding)
    out = tmp_path / "o.jsonl"
    assert run("score", source, "--out", out, "--quiet", "--jobs", "1").exit_code == 0
    assert json.loads(out.read_text("utf-8").splitlines()[0])["text"] == WATER


def test_score_garbage_bytes_name_the_encodings_tried(tmp_path):
    source = tmp_path / "in.csv"
    source.write_bytes(b"text\n" + bytes(range(0x80, 0xA0)) * 50)
    result = run("score", source, "--out", tmp_path / "o.csv")
    assert result.exit_code == 1
    assert result.output == (f"Error: {source}: cannot decode the file as text (tried utf-8, utf-8-sig, utf-16, "
                             "cp874); save it as UTF-8 or give --encoding\n")


def test_score_xlsx_keeps_columns_and_sheets(tmp_path):
    from openpyxl import Workbook, load_workbook

    book = Workbook()
    book.active.title = "ข้อมูลผลงาน"
    book.active.append(["work_id", "text"])
    for row in ROWS:
        book.active.append([row["work_id"], row["text"]])
    notes = book.create_sheet("หมายเหตุ")
    notes.append(["ผู้จัดทำ", "กองพัฒนา"])
    book.save(tmp_path / "in.xlsx")
    result = run("score", tmp_path / "in.xlsx", "--out", tmp_path / "out.xlsx", "--quiet", "--jobs", "1")
    assert result.exit_code == 0, result.output
    out = load_workbook(tmp_path / "out.xlsx")
    assert out.sheetnames == ["ข้อมูลผลงาน", "หมายเหตุ"]
    header = [c.value for c in out["ข้อมูลผลงาน"][1]]
    assert header[:2] == ["work_id", "text"] and "level" in header and "level_p_collaborate" in header
    assert [r[0].value for r in out["ข้อมูลผลงาน"].iter_rows(min_row=2)] == ["A1", "A2", "A3"]
    assert out["หมายเหตุ"]["B1"].value == "กองพัฒนา"


def test_score_review_queue_most_doubtful_first(tmp_path):
    queue = tmp_path / "queue.jsonl"
    result = run("score", write_csv(tmp_path / "in.csv", ROWS), "--out", tmp_path / "o.csv", "--review-queue",
                 queue, "--id-column", "work_id", "--jobs", "1")
    assert result.exit_code == 0
    entries = [json.loads(line) for line in queue.read_text("utf-8").splitlines()]
    assert entries[0]["id"] == "A2" and entries[0]["error"]
    assert [e["doubt"] for e in entries] == sorted((e["doubt"] for e in entries), reverse=True)


def test_score_with_corrupt_model_is_one_line_error(tmp_path):
    target = tmp_path / "m"
    shutil.copytree(DEFAULT_MODEL, target)
    (target / "model.joblib").write_bytes(b"junk")
    result = run("score", write_csv(tmp_path / "in.csv", ROWS), "--out", tmp_path / "o.csv", "--model", target)
    assert result.exit_code == 1
    assert result.output.startswith("Error: ") and "does not match the sha256 in its card" in result.output
    assert result.output.count("\n") == 1


# --- check -----------------------------------------------------------------------------------------

def test_check_prints_thai_report_with_runner_up(tmp_path):
    source = tmp_path / "draft.txt"
    source.write_text(WATER, "utf-8")
    result = run("check", source)
    assert result.exit_code == 0
    assert "ระดับการมีส่วนร่วมที่ข้อความแสดงได้" in result.output and "อันดับรอง" in result.output
    assert "\x1b[" not in result.output


def test_check_stdin_json_and_english(tmp_path):
    result = run("check", "-", "--format", "json", input=NEWS)
    report = json.loads(result.output)
    assert report["level"] in ("inform", "consult") and report["category_runner_up"]
    english = run("check", "-", "--lang", "en", input=NEWS)
    assert "Participation level the text supports" in english.output


def test_check_docx(tmp_path):
    from docx import Document

    document = Document()
    for paragraph in WATER.split("\n"):
        document.add_paragraph(paragraph)
    document.save(tmp_path / "draft.docx")
    result = run("check", tmp_path / "draft.docx", "--format", "json")
    assert result.exit_code == 0
    assert json.loads(result.output)["level"] in ("collaborate", "empower")


def test_check_empty_draft(tmp_path):
    (tmp_path / "empty.txt").write_text("  \n", "utf-8")
    result = run("check", tmp_path / "empty.txt")
    assert result.exit_code == 1
    assert result.output == f"Error: {tmp_path / 'empty.txt'}: the draft is empty; give a file with the submission text\n"


def test_check_scanned_pdf_without_text(tmp_path):
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    with open(tmp_path / "scan.pdf", "wb") as handle:
        writer.write(handle)
    result = run("check", tmp_path / "scan.pdf")
    assert result.exit_code == 1
    assert result.output == "Error: the PDF has no text layer (a scanned image?); run OCR on it or paste the text\n"


def test_check_unknown_year(tmp_path):
    result = run("check", "-", "--year", "2590", input=WATER)
    assert result.exit_code == 1
    assert result.output == ("Error: year 2590 is not in the taxonomy (known: 2565, 2566, 2567); add it to "
                             "classifier/data/taxonomy.json\n")


# --- train, evaluate, info -----------------------------------------------------------------------------

def test_train_writes_model_directory(tmp_path, small_data):
    result = run("train", "--data", small_data, "--out", tmp_path / "m", "--folds", "2", "--jobs", "1")
    assert result.exit_code == 0, result.output
    assert "cross-validated (2-fold, seed 0)" in result.output and "macro-F1" in result.output
    assert {p.name for p in (tmp_path / "m").iterdir()} == {"model.joblib", "card.json", "MODEL_CARD.md"}


def test_train_refuses_to_overwrite(tmp_path, small_data, small_model):
    result = run("train", "--data", small_data, "--out", small_model, "--folds", "2")
    assert result.exit_code == 1
    assert result.output == f"Error: {small_model} already holds a model; choose another --out or add --force\n"


def test_train_unknown_label(tmp_path):
    bad = tmp_path / "bad.jsonl"
    bad.write_text(json.dumps({"text": "ข้อความ", "level": "participate", "category": "public_service",
                               "year": 2567}, ensure_ascii=False) + "\n", "utf-8")
    result = run("train", "--data", bad, "--out", tmp_path / "m")
    assert result.exit_code == 1
    assert result.output == (f"Error: {bad} row 1: unknown level 'participate'; use one of inform, consult, "
                             "involve, collaborate, empower\n")


def test_train_missing_data(tmp_path):
    result = run("train", "--data", tmp_path / "none", "--out", tmp_path / "m")
    assert result.exit_code == 1
    assert result.output == f"Error: {tmp_path / 'none'}: no such file or directory; check the path\n"


def test_usage_error_exits_2():
    assert run("train").exit_code == 2


def test_evaluate_agrees_with_independent_metric(small_data, default_model):
    model, _ = default_model
    rows = [json.loads(line) for line in small_data.read_text("utf-8").splitlines()]
    result = run("evaluate", "--data", small_data, "--json")
    assert result.exit_code == 0
    report = json.loads(result.output)
    predicted = [model.predict([r["text"]], year=r["year"])[0] for r in rows]
    truth = [r["level"] for r in rows]
    labels = sorted(set(truth) | {p.level for p in predicted})
    expected = f1_score(truth, [p.level for p in predicted], labels=labels, average="macro", zero_division=0)
    assert report["level"]["macro_f1"] == pytest.approx(expected, abs=1e-4)
    expected_category = f1_score([r["category"] for r in rows], [p.category for p in predicted], average="macro",
                                 zero_division=0)
    assert report["category"]["macro_f1"] == pytest.approx(expected_category, abs=1e-4)


def test_info_reads_card_without_unpickling(tmp_path):
    target = tmp_path / "m"
    shutil.copytree(DEFAULT_MODEL, target)
    (target / "model.joblib").write_bytes(b"would fail to unpickle")
    result = run("info", "--model", target)
    assert result.exit_code == 0
    assert "cross-validated level macro-F1" in result.output


def test_info_on_non_model_directory(tmp_path):
    result = run("info", "--model", tmp_path)
    assert result.exit_code == 1
    assert result.output == (f"Error: {tmp_path} is not a model directory (no card.json); give --model a "
                             "directory written by 'prescreen train'\n")


def _one_page_pdf(text: str) -> bytes:
    """A minimal PDF with one line of Helvetica text: enough for pypdf's text extraction."""
    stream = f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET".encode()
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
               b"/Resources << /Font << /F1 5 0 R >> >> >>",
               b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
               b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
    out, offsets = b"%PDF-1.4\n", []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    return out + b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)


def test_check_pdf_with_a_text_layer(tmp_path):
    (tmp_path / "draft.pdf").write_bytes(_one_page_pdf("The district office publishes its budget every month."))
    result = run("check", tmp_path / "draft.pdf", "--format", "json")
    assert result.exit_code == 0
    assert "not_thai" in json.loads(result.output)["flags"]


def test_check_corrupt_pdf(tmp_path):
    (tmp_path / "broken.pdf").write_bytes(b"%PDF-1.4 this is not really a pdf")
    result = run("check", tmp_path / "broken.pdf")
    assert result.exit_code == 1 and result.output.startswith("Error: ")
    assert result.output.count("\n") == 1


def test_score_csv_whose_first_row_fails_keeps_every_column(tmp_path):
    out = tmp_path / "out.csv"
    result = run("score", write_csv(tmp_path / "in.csv", [ROWS[1], ROWS[0]]), "--out", out, "--jobs", "1", "--quiet")
    assert result.exit_code == 0
    with open(out, encoding="utf-8-sig") as handle:
        rows = list(csv.DictReader(handle))
    assert rows[0]["error"] and rows[1]["level_evidence"] and rows[1]["criteria"]


def test_score_unknown_year_fails_once(tmp_path):
    result = run("score", write_csv(tmp_path / "in.csv", ROWS), "--out", tmp_path / "o.csv", "--year", "2590")
    assert result.exit_code == 1
    assert result.output == ("Error: year 2590 is not in the taxonomy (known: 2565, 2566, 2567); add it to "
                             "classifier/data/taxonomy.json\n")


def test_score_row_with_a_bad_year_keeps_its_place(tmp_path):
    rows = [dict(ROWS[0], year="2567"), dict(ROWS[2], year="ปีหน้า")]
    out = tmp_path / "o.jsonl"
    assert run("score", write_csv(tmp_path / "in.csv", rows), "--out", out, "--quiet", "--jobs", "1").exit_code == 0
    scored = [json.loads(line) for line in out.read_text("utf-8").splitlines()]
    assert scored[0]["level"] and scored[1]["error"] == ("year 'ปีหน้า' is not a number; give a Buddhist-era year "
                                                         "such as 2567")
