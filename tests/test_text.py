"""Normalisation repairs (each with a real PDF-extraction example) and tokenisation."""
import pytest

from classifier.text import normalize_text, prepare, tokenize


@pytest.mark.parametrize("broken, repaired", [
    # tone mark stored after the next consonant (clinic Q&A 2567, question 1)
    ("มีผลการดำเนินงานทีส่ร้างผลกระทบ", "มีผลการดำเนินงานที่สร้างผลกระทบ"),
    # upper/lower vowel after the next consonant (the clinic Q&A's own date line)
    ("วันจันทร์ที่ 12 กมุภาพันธ์ 2567", "วันจันทร์ที่ 12 กุมภาพันธ์ 2567"),
    # a space before a tone mark (question 1: "เกี ่ยวข้อง")
    ("ผู้มีส่วนได้ส่วนเสียที่เกี ่ยวข้องกับผลงาน", "ผู้มีส่วนได้ส่วนเสียที่เกี่ยวข้องกับผลงาน"),
    ("ตั ้งแต่การให้ข้อมูลข่าวสาร", "ตั้งแต่การให้ข้อมูลข่าวสาร"),
    # SARA AM split into NIKHAHIT + SARA AA, with and without a tone mark
    ("นํามาใช้ในหลักสูตร", "นำมาใช้ในหลักสูตร"),
    ("ระดับน ํ ้าในบ่อ", "ระดับน้ำในบ่อ"),
    # a word broken by a line break
    ("ระดับการมีส่วน\nร่วมของประชาชน", "ระดับการมีส่วนร่วมของประชาชน"),
    ("ความร่วม\nมือ (Collaborate)", "ความร่วมมือ (Collaborate)"),
    # tone mark typed before the vowel (question 2: "ท่ี", "เพ่ือ")
    ("หน่วยงานของรัฐท่ีมีผลการพัฒนา เพ่ือประชาชน", "หน่วยงานของรัฐที่มีผลการพัฒนา เพื่อประชาชน"),
])
def test_pdf_artefacts_are_repaired(broken, repaired):
    assert normalize_text(broken) == repaired


@pytest.mark.parametrize("correct", [
    "มีส่วนร่วม ประชาชนต้องการ คนที่มา ส่งเสริมให้ชุมชนมีบทบาท",
    "คณะกรรมการหมู่บ้านตัดสินใจร่วมกันว่าจะใช้งบประมาณอย่างไร",
    "ผู้สูงอายุในตำบลได้รับการดูแลต่อเนื่อง",
])
def test_correct_text_is_left_alone(correct):
    assert normalize_text(correct) == correct


def test_zero_width_control_whitespace_and_thai_digits():
    assert normalize_text("ปี\u200b ๒๕๖๗\x07   จำนวน\t๓๐\u00adครัวเรือน\n\n") == "ปี 2567 จำนวน 30ครัวเรือน"


def test_tokens_drop_whitespace_lower_latin_and_shape_numbers():
    tokens = tokenize(normalize_text("ปี ๒๕๖๗ ชุมชน 45 ครัวเรือน 80% Co-Creation"))
    assert " " not in tokens and "" not in tokens
    assert tokens[:2] == ["ปี", "<year>"]
    assert "<num>" in tokens and "<pct>" in tokens and "co-creation" in tokens
    assert "ชุมชน" in tokens and "ครัวเรือน" in tokens


def test_prepare_is_normalize_then_tokenize():
    text = "ทีส่ร้าง การมีส่วน\nร่วม"
    assert prepare(text) == tokenize(normalize_text(text))


def test_very_long_input_is_bounded():
    from classifier.text import MAX_CHARS

    assert len(normalize_text("ก" * 50_000 + " ข" * 100_000)) <= MAX_CHARS
