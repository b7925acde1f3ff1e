"""The yearly routine end to end on small fixture files: add a year, import, check, suspects, train,
compare, promote, list, score with the promoted model."""
import csv
import json
import shutil

import pytest
from click.testing import CliRunner

from classifier.cli import main

from .conftest import DEFAULT_MODEL, ROOT

RESULTS = ROOT / "examples" / "results_2568_MADE_UP.csv"


@pytest.fixture
def workspace(tmp_path, monkeypatch):
    taxonomy = tmp_path / "taxonomy.json"
    shutil.copy(ROOT / "classifier" / "data" / "taxonomy.json", taxonomy)
    models = tmp_path / "models"
    shutil.copytree(DEFAULT_MODEL, models / "default")
    monkeypatch.setenv("PRESCREEN_TAXONOMY", str(taxonomy))
    monkeypatch.setenv("PRESCREEN_MODELS", str(models))
    return tmp_path


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


IMPORT = ["--year", "2568", "--text-column", "ชื่อผลงาน", "--text-column", "รายละเอียดผลงาน",
          "--level-column", "ระดับการมีส่วนร่วม", "--category-column", "ประเภทรางวัล", "--id-column", "เลขที่",
          "--agency-column", "หน่วยงาน"]


def test_import_needs_the_year_in_the_taxonomy(workspace):
    result = run("data", "import", RESULTS, "--out", workspace / "2568.jsonl", *IMPORT)
    assert result.exit_code == 1
    assert result.output == ("Error: year 2568 is not in the taxonomy (known: 2565, 2566, 2567); add it to "
                             "classifier/data/taxonomy.json\n")


def test_unmappable_rows_are_listed_with_row_numbers(workspace):
    assert run("data", "add-year", "2568", "--like", "2567").exit_code == 0
    source = workspace / "results.csv"
    with open(RESULTS, encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    rows[1]["ประเภทรางวัล"] = "ประเภทที่ไม่มีอยู่จริง"
    rows[2]["ระดับการมีส่วนร่วม"] = "ระดับสูงสุด"
    with open(source, "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    result = run("data", "import", source, "--out", workspace / "2568.jsonl", *IMPORT)
    assert result.exit_code == 1
    assert "wrote 4 rows" in result.output
    assert "row 3 not imported: category 'ประเภทที่ไม่มีอยู่จริง' not recognised (add --map-category)" in result.output
    assert "row 4 not imported: level 'ระดับสูงสุด' not recognised" in result.output
    mapped = run("data", "import", source, "--out", workspace / "2568.jsonl", *IMPORT, "--map-category",
                 "ประเภทที่ไม่มีอยู่จริง=open_governance")
    assert "row 3" not in mapped.output and "row 4 not imported" in mapped.output


def test_yearly_routine(workspace, small_data):
    out = workspace / "2568.jsonl"
    assert run("data", "add-year", "2568", "--like", "2567").output.startswith("2568: open_governance")
    imported = run("data", "import", RESULTS, "--out", out, *IMPORT)
    assert imported.exit_code == 0, imported.output
    assert imported.output == f"wrote 6 rows to {out}\n"
    rows = [json.loads(line) for line in out.read_text("utf-8").splitlines()]
    assert [r["level"] for r in rows] == ["collaborate", "inform", "consult", "empower", "consult", "involve"]
    assert rows[3]["category"] == "poverty_collaboration" and rows[0]["id"] == "M68-001"

    checked = run("data", "check", small_data, out)
    assert checked.exit_code == 0, checked.output
    assert "0 error(s)" in checked.output

    suspects = run("data", "suspects", small_data, out, "--folds", "2", "--limit", "5", "--json")
    assert suspects.exit_code == 0, suspects.output
    listed = json.loads(suspects.output)
    assert len(listed) <= 5 and all(r["predicted"] != r["given"] for r in listed)
    assert [r["p_given"] for r in listed] == sorted(r["p_given"] for r in listed)

    models = workspace / "models"
    trained = run("train", "--data", small_data, "--data", out, "--out", models / "2568", "--folds", "2",
                  "--jobs", "1", "--year-decay", "0.8")
    assert trained.exit_code == 0, trained.output
    card = json.loads((models / "2568" / "card.json").read_text("utf-8"))
    assert card["version"] == "2568" and card["hyperparameters"]["year_decay"] == 0.8
    assert card["examples_per_label"]["year"]["2568"] == 6

    refused = run("train", "--data", small_data, "--out", models / "default", "--folds", "2")
    assert refused.exit_code == 1 and "is the model in use" in refused.output

    compared = run("compare", "--model", models / "default", "--model", models / "2568", "--data", out)
    assert compared.exit_code == 0, compared.output
    assert compared.output.startswith("6 examples   A = default   B = 2568")
    assert "level     macro_f1" in compared.output and "row(s) changed prediction" in compared.output

    promoted = run("promote", "2568")
    assert promoted.output == "2568 is now the model in use\n"
    assert (models / "CURRENT").read_text("utf-8").strip() == "2568"
    listing = run("models").output.splitlines()
    assert any(line.startswith("* 2568") for line in listing)
    assert any(line.startswith("  default") for line in listing)

    scored = run("score", ROOT / "examples" / "batch_small.csv", "--out", workspace / "scored.jsonl", "--quiet",
                 "--jobs", "1", "--year", "2568")
    assert scored.exit_code == 0, scored.output
    assert len((workspace / "scored.jsonl").read_text("utf-8").splitlines()) == 5
    info = run("info")
    assert info.output.startswith("model 2568")


def test_promote_refuses_a_broken_model(workspace):
    broken = workspace / "models" / "broken"
    shutil.copytree(DEFAULT_MODEL, broken)
    (broken / "model.joblib").write_bytes(b"junk")
    result = run("promote", "broken")
    assert result.exit_code == 1 and "does not match the sha256" in result.output
    assert not (workspace / "models" / "CURRENT").exists()
