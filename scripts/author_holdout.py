"""How well does the model carry to writers it has never read? Leave-one-author-out evaluation.

    .venv/bin/python scripts/author_holdout.py [--data training_data] [--C 8]

Each example's author is the prefix of its id (`h3-2566-014` -> `h3`): the corpus was written by
separate authors, each with their own agencies, regions and styles. Random k-fold mixes every
author into every fold and so flatters the model; holding out one author at a time is closer to
scoring submissions written by people nobody here knows. Prints macro-F1 (and level MAE/QWK) for
each feature setting, using the same features and classifier as `prescreen train`."""
from __future__ import annotations

import argparse
import itertools
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from classifier.data import expand_paths, load_examples  # noqa: E402
from classifier.metrics import head_metrics, level_ordinal_metrics  # noqa: E402
from classifier.parallel import default_jobs, prepare_all  # noqa: E402
from classifier.taxonomy import load_taxonomy  # noqa: E402
from classifier.training import SEARCH_SPACE, _counts, _cross_validate, year_weights  # noqa: E402


def author_of(example) -> str:
    return example.id.split("-", 1)[0] if "-" in example.id else "unknown"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data", default="training_data")
    parser.add_argument("--C", type=float, default=8.0)
    parser.add_argument("--engine", default="newmm")
    parser.add_argument("--test-authors", help="Comma-separated: train on the other authors, test on these only.")
    parser.add_argument("--only", help="One setting, e.g. '2,3,on' (word n, min_df, char).")
    options = parser.parse_args()
    taxonomy = load_taxonomy()
    examples = load_examples(expand_paths([options.data]))
    authors = np.array([author_of(e) for e in examples])
    groups = sorted(set(authors))
    print(f"{len(examples)} examples by {len(groups)} authors: "
          + ", ".join(f"{g} {int((authors == g).sum())}" for g in groups))
    levels = np.array([e.level for e in examples])
    categories = np.array([e.category for e in examples])
    years = [e.year for e in examples]
    if options.test_authors:
        held = np.isin(authors, options.test_authors.split(","))
        splits = [(np.flatnonzero(~held), np.flatnonzero(held))]
    else:
        splits = [(np.flatnonzero(authors != g), np.flatnonzero(authors == g)) for g in groups]
    tested = np.concatenate([test for _, test in splits])
    counts = _counts(prepare_all([e.text for e in examples], engine=options.engine))
    C = {"level": [options.C], "level_ordinal": [options.C], "category": [options.C]}
    print(f"tested on {len(tested)} examples")
    print(f"{'setting':34s} {'level F1':>8s} {'MAE':>6s} {'QWK':>6s} {'ord. F1':>8s} {'MAE':>6s} {'QWK':>6s} "
          f"{'category F1':>11s}")
    settings = itertools.product(SEARCH_SPACE["word_max_n"], SEARCH_SPACE["min_df"], SEARCH_SPACE["char"])
    if options.only:
        w, m, c = options.only.split(",")
        settings = [(int(w), int(m), c == "on")]
    for w, m, c in settings:
        config = dict(word_max_n=w, min_df=m, char=c)
        oof = _cross_validate(counts, config, C, levels, categories, years, splits, 0, default_jobs(),
                              year_weights(years))
        figures = []
        for head in ("level", "level_ordinal"):
            predicted = np.array(taxonomy.levels)[oof[(head, options.C)][tested].argmax(1)]
            ordinal = level_ordinal_metrics(levels[tested], predicted, taxonomy.levels)
            figures += [head_metrics(levels[tested], predicted, taxonomy.levels)["macro_f1"], ordinal["mae"],
                        ordinal["qwk"]]
        category_pred = np.array(taxonomy.categories)[oof[("category", options.C)][tested].argmax(1)]
        category = head_metrics(categories[tested], category_pred, taxonomy.categories)
        name = f"word 1-{w} min_df {m} char {'on' if c else 'off'}"
        print(f"{name:34s} " + " ".join(f"{f:{8 if i % 3 == 0 else 6}.3f}" for i, f in enumerate(figures))
              + f" {category['macro_f1']:11.3f}", flush=True)


if __name__ == "__main__":
    main()
