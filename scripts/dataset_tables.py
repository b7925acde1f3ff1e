"""Markdown tables of a labelled corpus (counts per year x level x category, lengths, agency types),
for the dataset card: .venv/bin/python scripts/dataset_tables.py training_data"""
from __future__ import annotations

import collections
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from classifier.taxonomy import load_taxonomy  # noqa: E402


def main(folder: str) -> None:
    taxonomy = load_taxonomy()
    rows = [json.loads(line) for path in sorted(Path(folder).glob("*.jsonl"))
            for line in path.read_text("utf-8").splitlines() if line.strip()]
    cells = collections.Counter((r["year"], r["category"], r["level"]) for r in rows)
    print("| year | category | " + " | ".join(taxonomy.levels) + " | total |")
    print("|---|---|" + "---|" * (len(taxonomy.levels) + 1))
    for year in sorted({r["year"] for r in rows}):
        for category in taxonomy.categories_for(year):
            counts = [cells[(year, category, level)] for level in taxonomy.levels]
            print(f"| {year} | {category} | " + " | ".join(map(str, counts)) + f" | {sum(counts)} |")
    level = collections.Counter(r["level"] for r in rows)
    print(f"| all | all | " + " | ".join(str(level[l]) for l in taxonomy.levels) + f" | {len(rows)} |")
    lengths = sorted(len(r["text"]) for r in rows)
    bands = [(0, 300), (300, 800), (800, 1500), (1500, 3000), (3000, 10**9)]
    print("\n| characters | texts |\n|---|---|")
    for low, high in bands:
        label = f"{low}–{high - 1}" if high < 10**9 else f"{low} and more"
        print(f"| {label} | {sum(low <= n < high for n in lengths)} |")
    print(f"\nmedian {lengths[len(lengths) // 2]} characters, longest {lengths[-1]}")
    types = collections.Counter(r.get("agency_type") or "unknown" for r in rows)
    print("\n| agency type | texts |\n|---|---|")
    for name, count in types.most_common():
        print(f"| {name} | {count} |")
    mismatch = sum(r.get("applied_category") not in (None, "", r["category"]) for r in rows)
    print(f"\napplied_category differs from category in {mismatch} of {len(rows)} texts")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "training_data")
