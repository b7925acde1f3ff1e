"""scripts/public_benchmark.py runs end to end in quick mode on a tiny subsample and reports the figures' structure."""
import importlib.util
import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "scripts" / "public_benchmark.py"
DATA = ROOT.parent / "shared" / "benchmarks" / "wisesight-sentiment"


def _load_script():
    spec = importlib.util.spec_from_file_location("public_benchmark", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.skipif(not (DATA / "train.jsonl.gz").exists(), reason="wisesight-sentiment benchmark data not present")
def test_quick_run_reports_figures(tmp_path, capsys):
    script = _load_script()
    json_path, md_path = tmp_path / "bench.json", tmp_path / "bench.md"
    result = script.main(["--quick", "--rows", "240", "--jobs", "1", "--data", str(DATA),
                          "--json", str(json_path), "--markdown", str(md_path)])

    assert result["mode"] == "quick"
    assert result["rows"]["train"] >= 200 and result["rows"]["valid"] > 0 and result["rows"]["test"] > 0
    chosen = result["chosen"]
    for key in ("engine", "word_max_n", "min_df", "char", "C", "class_weight", "n_features"):
        assert key in chosen
    assert chosen["engine"] in ("newmm", "nlpo3") and chosen["class_weight"] in ("balanced", "none")
    for split in ("valid", "test"):
        for figure in ("micro_f1", "macro_f1"):
            assert 0.0 <= chosen[split][figure] <= 1.0
    assert set(chosen["beats_nbsvm_on_test"]) == {"micro_f1", "macro_f1"}
    assert result["baseline_nbsvm_test"] == {"micro_f1": 0.7203, "macro_f1": 0.5467}

    names = [row["row"] for row in result["ablation"]]
    assert names[0] == "word unigrams only" and "word n-grams 1-2 only" in names
    assert any(name.startswith("+ char n-grams") for name in names)
    assert any("engine" in name for name in names) and any("class_weight" in name for name in names)
    assert sum(row["chosen"] for row in result["ablation"]) == 1
    for row in result["ablation"]:
        assert {"valid", "test", "C", "n_features", "fit_seconds", "converged"} <= set(row)

    timing = result["timing_seconds"]
    assert set(timing["tokenise"]) == {"newmm", "nlpo3"}
    assert set(timing["tokenise"]["newmm"]) == {"train", "valid", "test"}
    assert timing["train_final"]["total"] >= 0 and timing["wall_total"] > 0
    # grid: every stage-1 point of the quick grid, plus stage 2
    assert len(result["selection"]["results"]) >= 2 * 2 * 3 * 2

    assert json.loads(json_path.read_text("utf-8"))["chosen"]["test"] == chosen["test"]
    markdown = md_path.read_text("utf-8")
    assert "| configuration |" in markdown and "NBSVM" in markdown and "python scripts/public_benchmark.py" in markdown
    out = capsys.readouterr().out
    assert "TEST  micro-F1" in out and "macro-F1" in out
