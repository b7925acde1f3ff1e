"""The corpus checker: the shipped corpus passes; each kind of error is caught."""
import json

from click.testing import CliRunner

from classifier.cli import main
from classifier.datacheck import check_data, near_duplicate_pairs

from .conftest import TRAINING_DATA


def test_training_data_passes_strict_check_with_no_near_duplicates():
    report = check_data([TRAINING_DATA], strict=True)
    assert report["errors"] == []
    assert report["near_duplicates"] == 0
    assert report["counts"]["examples"] >= 1200
    assert report["counts"]["length"]["under_300"] >= 150


def row(**fields):
    base = {"id": "x1", "year": 2567, "text": "ชุมชนร่วมกันดูแลป่าชายเลนมาตั้งแต่ปี 2563", "level": "collaborate",
            "category": "effective_change"}
    return json.dumps({**base, **fields}, ensure_ascii=False)


def test_schema_errors_name_file_and_line(tmp_path):
    path = tmp_path / "d.jsonl"
    path.write_text("\n".join([row(), row(id="x2", level="participate"),
                               row(id="x3", year=2567, category="participation_expanded"),
                               row(id="x4", text="")]) + "\n", "utf-8")
    errors = check_data([path])["errors"]
    assert f"{path}:2: unknown level 'participate'" in errors
    assert f"{path}:3: category 'participation_expanded' is not valid in 2567" in errors
    assert f"{path}:4: missing field 'text'" in errors


def test_bad_json_is_reported(tmp_path):
    path = tmp_path / "d.jsonl"
    path.write_text(row() + "\n{oops\n", "utf-8")
    assert any("line 2: not valid JSON" in e for e in check_data([path])["errors"])


def test_near_duplicates_and_overlap(tmp_path):
    text = "เทศบาลร่วมกับชุมชนริมคลองจัดตั้งคณะกรรมการดูแลคลองที่มาจากการเลือกของชาวบ้าน ลงแรงเก็บขยะทุกเดือน"
    train = tmp_path / "train.jsonl"
    train.write_text(row(text=text) + "\n" + row(id="x2", text=text.replace("ทุกเดือน", "ทุกสัปดาห์")) + "\n", "utf-8")
    evaluation = tmp_path / "eval.jsonl"
    evaluation.write_text(row(id="e1", text=text + " อีกเล็กน้อย") + "\n", "utf-8")
    report = check_data([train], against=[evaluation])
    assert report["near_duplicates"] == 1 and report["overlap_with_evaluation"] == 2


def test_near_duplicate_pairs_ignores_different_texts():
    assert near_duplicate_pairs(["ชาวบ้านปลูกป่าชายเลน", "โรงพยาบาลลดเวลารอคอย"]) == []


def test_cli_exit_code_follows_errors(tmp_path):
    good, bad = tmp_path / "good.jsonl", tmp_path / "bad.jsonl"
    good.write_text(row() + "\n", "utf-8")
    bad.write_text(row(level="nope") + "\n", "utf-8")
    assert CliRunner().invoke(main, ["data", "check", str(good)]).exit_code == 0
    result = CliRunner().invoke(main, ["data", "check", str(bad)])
    assert result.exit_code == 1 and "unknown level 'nope'" in result.output
