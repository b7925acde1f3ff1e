"""Shared fixtures: the shipped model, and a small model trained here for training tests."""
from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

os.environ.setdefault("PYTHAINLP_OFFLINE", "1")
os.environ.setdefault("PYTHAINLP_READ_ONLY", "1")

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
DEFAULT_MODEL = ROOT / "models" / "default"
TRAINING_DATA = ROOT / "training_data"


@pytest.fixture(scope="session")
def default_model():
    from classifier.modelfile import load_model

    return load_model(DEFAULT_MODEL)


def small_training_rows(per_level: int = 8) -> list[dict]:
    """A balanced handful of real corpus rows: enough for a 2-fold training run in seconds."""
    rows, taken = [], {}
    for path in sorted(TRAINING_DATA.glob("*.jsonl")):
        for line in path.read_text("utf-8").splitlines():
            row = json.loads(line)
            key = (row["level"], row["category"])
            if taken.get(key, 0) < 2 and sum(v for (l, _), v in taken.items() if l == row["level"]) < per_level:
                taken[key] = taken.get(key, 0) + 1
                rows.append(row)
    return rows


@pytest.fixture(scope="session")
def small_data(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("data") / "small.jsonl"
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in small_training_rows()), "utf-8")
    return path


@pytest.fixture(scope="session")
def small_model(tmp_path_factory, small_data) -> Path:
    from classifier.api import train_model

    out = tmp_path_factory.mktemp("models") / "small"
    train_model([small_data], out, folds=2, seed=0, jobs=1)
    return out
