"""Screening-check detectors on positive and negative real-style sentences, PDF artefacts included."""
import pytest

from classifier.criteria import (check_duration, check_expansion, check_organisation_wide, check_poverty_targets,
                                 check_previous_award, check_problem, check_results, check_stakeholders)
from classifier.text import normalize_text


def status(detector, text):
    return detector(normalize_text(text)).status


@pytest.mark.parametrize("text", [
    "เริ่มดำเนินการตั้งแต่ปีงบประมาณ 2564 จนถึงปัจจุบัน มีการประชุมทุกเดือน ปี 2566 ขยายเพิ่ม",
    "ดำเนินการต่อเนื่อง 3 ปี ตั้งแต่ปี ๒๕๖๔",
    "ระหว่างปี 2563 - 2566 ชุมชนได้ร่วมกันดูแลป่า",
    "โครงการดำเนินงานมาแล้วกว่า 4 ปี",
    "หลังดำเนินการ 2 ปี ระดับน้ำสูงขึ้น",
    "ตั้งแต่ปี 2021 ถึง 2023 (พ.ศ. 2564-2566)",
    "ดํา เนินการต่อเนื่อง ๓ ปี ตั ้งแต่ปี ๒๕๖๔",  # PDF artefacts and Thai digits
])
def test_duration_present(text):
    assert status(check_duration, text) == "present"


def test_duration_unclear_and_missing():
    assert status(check_duration, "ในปี 2567 สำนักงานได้จัดทำเพจประชาสัมพันธ์") == "unclear"
    assert status(check_duration, "ชาวบ้านร่วมกันขุดลอกคลอง") == "missing"
    assert status(check_duration, "ดำเนินการมาแล้ว 0 ปี") != "present"


def test_problem_and_why_participation():
    assert status(check_problem, "สภาพปัญหาขยะล้นตลาด เทศบาลไม่สามารถแก้ไขได้เพียงลำพัง ต้องอาศัยผู้ค้า") == "present"
    assert status(check_problem, "ปัญหาน้ำท่วมขังซ้ำซาก ทุกปีชาวบ้านเดือดร้อน") == "unclear"
    assert status(check_problem, "สำนักงานจัดทำเพจเผยแพร่ข่าวสาร") == "missing"


def test_problem_shown_without_the_word_problem():
    assert status(check_problem, "เดิมผู้ปกครองต้องไปถามที่อำเภอ คำตอบไม่ตรงกันแต่ละแห่ง") == "unclear"
    assert status(check_problem, "ทุกปีน้ำท่วมขังถนน คนที่รู้ทางน้ำดีที่สุดคือชาวบ้าน อบต.จึงชวนผู้ใหญ่บ้านมาสำรวจ") \
        == "present"


def test_stakeholders():
    assert status(check_stakeholders, "เกษตรกร ผู้ใหญ่บ้าน และ อบต. ร่วมประชุม") == "present"
    assert status(check_stakeholders, "มีการประชุมคณะทำงาน") == "missing"


def test_results_with_before_after():
    assert status(check_results, "ครัวเรือนที่ต้องซื้อน้ำลดลงจาก 146 ครัวเรือนเหลือ 31 ครัวเรือน") == "present"
    assert status(check_results, "ผู้ป่วยเบาหวานคุมน้ำตาลได้ร้อยละ 62 เพิ่มขึ้นจากร้อยละ 41") == "present"
    assert status(check_results, "มีผู้เข้าร่วม 120 คน") == "unclear"
    assert status(check_results, "ประชาชนพึงพอใจมาก") == "missing"


def test_results_through_pdf_line_breaks():
    assert status(check_results, "ระยะเวลารอคอยลด\nลงจาก 3 ชั่วโมงเหลือ 50 นาที") == "present"


def test_organisation_wide_versus_one_project():
    assert status(check_organisation_wide, "ทุกกองและทุกสำนักเปิดเผยข้อมูลบนเว็บไซต์และตอบข้อร้องเรียนภายใน 15 วัน") \
        == "present"
    assert status(check_organisation_wide, "โครงการหน้าบ้านน่ามองของหมู่ 5") == "missing"


def test_previous_award_and_expansion():
    text = "ผลงานได้รับรางวัลเลิศรัฐ ปี 2563 ต่อมาขยายผลไปยัง 8 ตำบลใหม่"
    assert status(check_previous_award, text) == "present"
    assert status(check_expansion, text) == "present"
    assert status(check_previous_award, "ชุมชนดูแลป่าร่วมกัน") == "missing"
    assert status(check_expansion, "ชุมชนดูแลป่าร่วมกัน") == "missing"


def test_poverty_targets():
    assert status(check_poverty_targets, "ครัวเรือนยากจนตามข้อมูล TPMAP 230 ครัวเรือน หนี้สินลดลง") == "present"
    assert status(check_poverty_targets, "ส่งเสริมรายได้เพิ่มให้กลุ่มแม่บ้าน") == "unclear"
    assert status(check_poverty_targets, "ปรับปรุงระบบคิวโรงพยาบาล") == "missing"
