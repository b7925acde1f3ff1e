"""Each screening flag raised, and not raised, on real-style texts."""
import pytest

from classifier.api import check_text
from classifier.text import MAX_CHARS

from .conftest import ROOT

WATER = (ROOT / "examples" / "draft_community_water.txt").read_text("utf-8")
NEWS = (ROOT / "examples" / "draft_website_news.txt").read_text("utf-8")
SURVEY_ONLY = ("โครงการจัดทำแผนพัฒนาตำบลของ อบต. ปี 2566 ได้จัดเวทีประชาคมหมู่บ้าน 9 หมู่ ให้ชาวบ้านเสนอความต้องการ "
               "และตอบแบบสอบถามความคิดเห็น มีผู้ร่วมแสดงความคิดเห็น 430 คน จากนั้น อบต. นำความเห็นไปพิจารณา "
               "จัดลำดับโครงการเองและแจ้งผลการพิจารณาผ่านเสียงตามสายและเพจของ อบต.")


@pytest.fixture(scope="module")
def check(default_model):
    def run(text, **kwargs):
        return check_text(text, model_and_card=default_model, year=2567, **kwargs)
    return run


def test_category_mismatch(check):
    assert "category_mismatch" in check(NEWS, applied_category="effective_change")["flags"]
    result = check(WATER, applied_category="effective_change")
    assert result["category"] == "effective_change" and "category_mismatch" not in result["flags"]


def test_level_below_category(check):
    assert "level_below_category" in check(SURVEY_ONLY, applied_category="effective_change")["flags"]
    assert "level_below_category" not in check(WATER, applied_category="effective_change")["flags"]


def test_open_governance_that_is_one_project(check):
    flags = check(SURVEY_ONLY, applied_category="open_governance")["flags"]
    assert "level_below_category" in flags


def test_missing_evidence(check):
    assert "missing_evidence:duration" in check(NEWS.replace("2566", ""))["flags"]
    assert "missing_evidence:results" not in check(WATER)["flags"]


def test_low_confidence_follows_the_card_threshold(default_model):
    model, card = default_model
    strict = dict(card, review_thresholds={"level": 0.999, "category": 0.999})
    loose = dict(card, review_thresholds={"level": 0.0, "category": 0.0})
    assert "low_confidence" in check_text(WATER, model_and_card=(model, strict))["flags"]
    assert "low_confidence" not in check_text(WATER, model_and_card=(model, loose))["flags"]


def test_too_short_and_not_thai(check):
    short = check("ชาวบ้านช่วยกันทำฝาย")
    assert "too_short" in short["flags"] and short["needs_review"]
    assert "too_short" not in check(WATER)["flags"]
    english = check("The district office published its budget on the website and answered complaints " * 3)
    assert "not_thai" in english["flags"]
    assert "not_thai" not in check(WATER + " Co-creation Platform MOU")["flags"]


def test_truncated_long_input(check):
    assert "truncated" in check(WATER * (MAX_CHARS // len(WATER) + 2))["flags"]
    assert "truncated" not in check(WATER)["flags"]


def test_report_names_evidence_and_next_level(check):
    result = check(NEWS)
    assert result["level_evidence"] and result["evidence_sentences"]
    assert result["next_level"] in ("consult", "involve")
