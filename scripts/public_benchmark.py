#!/usr/bin/env python
"""Public benchmark (issue #6): the product's own Thai text pipeline on wisesight-sentiment.

Trains exactly the code the product uses -- `classifier.parallel.prepare_all` (normalise +
tokenise), `classifier.features.build_vectorizer` (TF-IDF word n-grams + char n-grams over
token lists) and `classifier.training._classifier` (balanced logistic regression, saga) -- on the
official train split, chooses hyperparameters on valid, and scores test once for the
chosen configuration. Published figure to beat on test: NBSVM 0.7203 micro-F1 / 0.5467
macro-F1 (see the dataset's README.md).

Each split is tokenised once per engine and the tokens are reused by every grid point.
Within the grid, the word and char TF-IDF blocks are fitted once each (with the product's
own vectorizers, taken from `build_vectorizer`) and stacked, which is what the product's
FeatureUnion does; the final model is a fresh `build_vectorizer(...)` fitted on train.

Class weights: "balanced" is `_classifier(C, seed)` as the product trains it; "none" is
`_classifier(C, seed, balanced=False)`. (This benchmark found that the earlier
`_classifier`, LogisticRegression(class_weight="balanced", solver="saga"), did not converge
in 2000 epochs on this corpus -- saga's step size ignores sample weights, and the rare `q`
class weighs ~11 -- which commit af35775 fixed by solving the same objective rescaled.)

Usage:
    python scripts/public_benchmark.py            # full benchmark (writes docs/public_benchmark.*)
    python scripts/public_benchmark.py --quick    # subsample and a smaller grid, for development
"""
from __future__ import annotations

import argparse
import gzip
import itertools
import json
import os
import platform
import sys
import time
import warnings
from pathlib import Path

os.environ.setdefault("PYTHAINLP_OFFLINE", "1")
os.environ.setdefault("PYTHAINLP_READ_ONLY", "1")

import numpy as np  # noqa: E402
import scipy.sparse as sp  # noqa: E402
from joblib import Parallel, delayed  # noqa: E402
from sklearn.exceptions import ConvergenceWarning  # noqa: E402
from sklearn.metrics import f1_score  # noqa: E402

from classifier.features import build_vectorizer  # noqa: E402
from classifier.parallel import default_jobs, prepare_all  # noqa: E402
from classifier.training import CHAR_RANGE, _classifier  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATA = ROOT.parent / "shared" / "benchmarks" / "wisesight-sentiment"
SPLITS = ("train", "valid", "test")
LABELS = ("pos", "neu", "neg", "q")
NBSVM = {"micro_f1": 0.7203, "macro_f1": 0.5467}
SEED = 0

FULL_GRID = {
    "engine": ("newmm", "nlpo3"),
    "word_max_n": (1, 2),
    "min_df": (2, 3),
    "char": tuple(dict.fromkeys((None, (2, 4), tuple(CHAR_RANGE), (1, 3)))),  # off, the product's range, alternatives
    "class_weight": ("balanced", "none"),
    "stage1_C": 2.0,
    "C": (0.5, 1.0, 2.0, 4.0, 8.0),
}
QUICK_GRID = {**FULL_GRID, "min_df": (2,), "C": (1.0, 2.0, 4.0)}
SELECTION = ("the smaller of the two margins over NBSVM on valid: "
             "min(micro_f1 - 0.7203, macro_f1 - 0.5467); ties -> higher macro-F1")


# ---------------------------------------------------------------------------- data

def load_split(data_dir: Path, split: str) -> tuple[list[str], np.ndarray]:
    texts, labels = [], []
    with gzip.open(data_dir / f"{split}.jsonl.gz", "rt", encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                row = json.loads(line)
                texts.append(row["texts"])
                labels.append(row["category"])
    return texts, np.array(labels)


def subsample(texts, labels, n: int, seed: int):
    """About n rows, stratified, at least a few of every class, original order kept."""
    if n >= len(texts):
        return texts, labels
    rng = np.random.default_rng(seed)
    keep = []
    for label in np.unique(labels):
        rows = np.flatnonzero(labels == label)
        take = min(len(rows), max(5, round(n * len(rows) / len(labels))))
        keep.extend(rng.choice(rows, take, replace=False))
    keep = np.sort(keep)
    return [texts[i] for i in keep], labels[keep]


# ---------------------------------------------------------------------------- model pieces

def make_classifier(C: float, class_weight: str, y: np.ndarray):
    """The product's `_classifier`, with class weights as chosen (see the module docstring)."""
    if class_weight not in ("balanced", "none"):
        raise ValueError(class_weight)
    return _classifier(C, SEED, balanced=class_weight == "balanced")


def scores(truth, predicted) -> dict:
    labels = [label for label in LABELS if label in set(truth) | set(predicted)]
    return {"micro_f1": round(float(f1_score(truth, predicted, average="micro")), 4),
            "macro_f1": round(float(f1_score(truth, predicted, labels=labels, average="macro", zero_division=0)), 4)}


def margin(s: dict) -> tuple[float, float]:
    return (min(s["micro_f1"] - NBSVM["micro_f1"], s["macro_f1"] - NBSVM["macro_f1"]), s["macro_f1"])


def fit_and_score(X_train, y_train, X_eval: dict, y_eval: dict, C: float, class_weight: str) -> dict:
    started = time.perf_counter()
    clf = make_classifier(C, class_weight, y_train)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        clf.fit(X_train, y_train)
    out = {"fit_seconds": round(time.perf_counter() - started, 2), "epochs": int(np.max(clf.n_iter_)),
           "converged": bool(np.max(clf.n_iter_) < clf.max_iter)}
    for split, X in X_eval.items():
        out[split] = scores(y_eval[split], clf.predict(X))
    return out


class FeatureBlocks:
    """Word and char TF-IDF blocks per engine, each fitted once on train with the product's vectorizers."""

    def __init__(self, tokens: dict):
        self.tokens = tokens  # tokens[engine][split]
        self.blocks = {}
        self.seconds = 0.0

    def _block(self, engine, kind, setting, min_df):
        key = (engine, kind, setting, min_df)
        if key not in self.blocks:
            started = time.perf_counter()
            if kind == "word":
                vectorizer = build_vectorizer(word_max_n=setting, min_df=min_df, char=False)
            else:  # the product's char TfidfVectorizer, as build_vectorizer makes it
                vectorizer = dict(build_vectorizer(word_max_n=1, min_df=min_df, char=True,
                                                   char_range=setting).transformer_list)["char"]
            by_split = {"train": vectorizer.fit_transform(self.tokens[engine]["train"])}
            for split in self.tokens[engine]:
                if split != "train":
                    by_split[split] = vectorizer.transform(self.tokens[engine][split])
            self.blocks[key] = by_split
            self.seconds += time.perf_counter() - started
        return self.blocks[key]

    def matrices(self, config: dict) -> dict:
        """split -> the matrix FeatureUnion([word, char]) gives for this config."""
        word = self._block(config["engine"], "word", config["word_max_n"], config["min_df"])
        if not config["char"]:
            return dict(word)
        char = self._block(config["engine"], "char", tuple(config["char"]), config["min_df"])
        return {split: sp.hstack([word[split], char[split]]).tocsr() for split in word}


def describe_features(config: dict) -> str:
    char = f"char {config['char'][0]}-{config['char'][1]}" if config["char"] else "no char"
    return f"{config['engine']}, word 1-{config['word_max_n']}, min_df {config['min_df']}, {char}"


def describe(config: dict) -> str:
    return f"{describe_features(config)}, C {config['C']:g}, class_weight {config['class_weight']}"


# ---------------------------------------------------------------------------- the run

def run(args) -> dict:
    wall = time.perf_counter()
    grid = QUICK_GRID if args.quick else FULL_GRID
    jobs = args.jobs or default_jobs()
    log = (lambda message: None) if args.silent else (lambda message: print(message, flush=True))

    data, labels = {}, {}
    for split in SPLITS:
        texts, y = load_split(Path(args.data), split)
        if args.quick:
            texts, y = subsample(texts, y, args.rows if split == "train" else max(40, args.rows // 4), SEED)
        data[split], labels[split] = texts, y
    log(f"wisesight-sentiment{' (quick subsample)' if args.quick else ''}: "
        + ", ".join(f"{s} {len(data[s])}" for s in SPLITS) + f"; {jobs} jobs, {os.cpu_count()} CPUs")

    # 1. tokenise each split once per engine
    tokens, tokenise_seconds = {}, {}
    for engine in grid["engine"]:
        tokens[engine], tokenise_seconds[engine] = {}, {}
        for split in SPLITS:
            started = time.perf_counter()
            tokens[engine][split] = prepare_all(data[split], engine=engine, jobs=jobs)
            tokenise_seconds[engine][split] = round(time.perf_counter() - started, 2)
        log(f"tokenised with {engine}: " + ", ".join(f"{s} {t:.1f}s" for s, t in tokenise_seconds[engine].items()))

    features = FeatureBlocks(tokens)  # test is transformed too, but its labels are read only at the end
    y_train, y_valid = labels["train"], {"valid": labels["valid"]}

    def evaluate_many(configs):
        """Valid scores of each config (C and class_weight included); features built once per config."""
        by_features = {}
        for config in configs:
            key = tuple(config[k] for k in ("engine", "word_max_n", "min_df", "char"))
            by_features.setdefault(key, []).append(config)
        results = []
        for group in by_features.values():
            X = features.matrices(group[0])
            outs = Parallel(n_jobs=min(jobs, len(group)))(
                delayed(fit_and_score)(X["train"], y_train, {"valid": X["valid"]}, y_valid, c["C"], c["class_weight"])
                for c in group)
            for config, out in zip(group, outs):
                results.append({**config, "n_features": X["train"].shape[1], **out})
        return results

    # 2. stage 1: engine x feature settings x class weights, at the middle C
    search_started = time.perf_counter()
    log(f"\nstage 1: features, engine and class weights at C {grid['stage1_C']:g} (valid)")
    stage1 = [dict(engine=e, word_max_n=w, min_df=m, char=c, C=grid["stage1_C"], class_weight=cw)
              for e, w, m, c, cw in itertools.product(grid["engine"], grid["word_max_n"], grid["min_df"],
                                                      grid["char"], grid["class_weight"])]
    results = evaluate_many(stage1)
    for r in results:
        log(f"  {describe(r):75s} micro {r['valid']['micro_f1']:.4f} macro {r['valid']['macro_f1']:.4f}")
    best_features = max(results, key=lambda r: margin(r["valid"]))
    # 3. stage 2: C and class weights on the best feature settings
    log(f"\nstage 2: C x class weights on {describe_features(best_features)}")
    stage2 = [{**{k: best_features[k] for k in ("engine", "word_max_n", "min_df", "char")}, "C": C,
               "class_weight": cw} for C in grid["C"] for cw in grid["class_weight"]
              if not (C == grid["stage1_C"])]
    results2 = evaluate_many(stage2)
    results += results2
    for r in results2:
        log(f"  {describe(r):75s} micro {r['valid']['micro_f1']:.4f} macro {r['valid']['macro_f1']:.4f}")
    chosen_result = max((r for r in results if all(r[k] == best_features[k] for k in
                                                   ("engine", "word_max_n", "min_df", "char"))),
                        key=lambda r: margin(r["valid"]))
    chosen = {k: chosen_result[k] for k in ("engine", "word_max_n", "min_df", "char", "C", "class_weight")}
    search_seconds = time.perf_counter() - search_started
    log(f"\nchosen on valid: {describe(chosen)}")

    # 4. the final model: a fresh build_vectorizer + _classifier fitted on train, scored on test once
    started = time.perf_counter()
    vectorizer = build_vectorizer(word_max_n=chosen["word_max_n"], min_df=chosen["min_df"],
                                  char=bool(chosen["char"]), char_range=tuple(chosen["char"] or CHAR_RANGE))
    X_train = vectorizer.fit_transform(tokens[chosen["engine"]]["train"])
    vectorizer_seconds = time.perf_counter() - started
    final = fit_and_score(X_train, y_train,
                          {s: vectorizer.transform(tokens[chosen["engine"]][s]) for s in ("valid", "test")},
                          {s: labels[s] for s in ("valid", "test")}, chosen["C"], chosen["class_weight"])
    train_seconds = vectorizer_seconds + final["fit_seconds"]
    final_block = {**chosen, "n_features": X_train.shape[1], **final,
                   "beats_nbsvm_on_test": {k: final["test"][k] > NBSVM[k] for k in NBSVM},
                   "train_seconds": {"vectorizer": round(vectorizer_seconds, 2), "classifier": final["fit_seconds"],
                                     "total": round(train_seconds, 2)}}
    if final["valid"] != chosen_result["valid"]:  # the grid's stacked blocks must be the product's FeatureUnion
        log(f"WARNING: final model's valid scores {final['valid']} differ from the grid's {chosen_result['valid']}")

    # 5. ablation: each choice against its alternative, C re-chosen on valid for every row
    log("\nablation (C re-chosen on valid for each row; test scored for these rows only)")
    y_all = {s: labels[s] for s in ("valid", "test")}
    other_engine = [e for e in grid["engine"] if e != chosen["engine"]]
    other_weight = [w for w in grid["class_weight"] if w != chosen["class_weight"]]
    base = {k: chosen[k] for k in ("engine", "min_df", "class_weight")}
    rows = [("word unigrams only", {**base, "word_max_n": 1, "char": None}),
            ("word n-grams 1-2 only", {**base, "word_max_n": 2, "char": None})]
    for char in grid["char"]:
        if char:
            rows.append((f"+ char n-grams {char[0]}-{char[1]}" + (" (product default)" if tuple(char) == tuple(CHAR_RANGE) else ""),
                         {**base, "word_max_n": chosen["word_max_n"], "char": char}))
    full = {k: chosen[k] for k in ("engine", "word_max_n", "min_df", "char", "class_weight")}
    rows += [(f"chosen, engine {e}", {**full, "engine": e}) for e in other_engine]
    rows += [(f"chosen, class_weight {w}", {**full, "class_weight": w}) for w in other_weight]
    ablation = []
    for name, config in rows:
        X = features.matrices(config)
        outs = Parallel(n_jobs=min(jobs, len(grid["C"])))(
            delayed(fit_and_score)(X["train"], y_train, {"valid": X["valid"]}, y_valid, C, config["class_weight"])
            for C in grid["C"])
        best_C, _ = max(zip(grid["C"], outs), key=lambda pair: margin(pair[1]["valid"]))
        out = fit_and_score(X["train"], y_train, {s: X[s] for s in ("valid", "test")}, y_all, best_C,
                            config["class_weight"])
        ablation.append({"row": name, **config, "C": best_C, "n_features": X["train"].shape[1], **out,
                         "chosen": all(config[k] == chosen[k] for k in full) and best_C == chosen["C"]})
    for row in ablation:
        row["char"] = list(row["char"]) if row["char"] else None

    result = {
        "benchmark": "wisesight-sentiment (official train/valid/test split)",
        "mode": "quick" if args.quick else "full",
        "command": "python scripts/public_benchmark.py" + (" --quick" if args.quick else ""),
        "rows": {s: len(data[s]) for s in SPLITS},
        "machine": {"cpus": os.cpu_count(), "jobs": jobs, "python": platform.python_version()},
        "baseline_nbsvm_test": NBSVM,
        "selection": {"criterion": SELECTION, "grid": {k: ([list(v) if isinstance(v, tuple) else v for v in vals]
                                                           if isinstance(vals, tuple) else vals)
                                                       for k, vals in grid.items()},
                      "stages": "1: all feature settings x engines x class weights at stage1_C; "
                                "2: C x class weights on the best feature settings",
                      "results": [{**r, "char": list(r["char"]) if r["char"] else None} for r in results]},
        "chosen": {**final_block, "char": list(chosen["char"]) if chosen["char"] else None},
        "ablation": ablation,
        "timing_seconds": {"tokenise": tokenise_seconds,
                           "tokenise_total": round(sum(sum(t.values()) for t in tokenise_seconds.values()), 2),
                           "grid_features": round(features.seconds, 2), "search": round(search_seconds, 2),
                           "train_final": final_block["train_seconds"],
                           "wall_total": round(time.perf_counter() - wall, 2)},
    }
    return result


# ---------------------------------------------------------------------------- reporting

def ablation_table(result: dict) -> list[str]:
    lines = ["| configuration | engine | class weight | C | features | valid micro | valid macro | test micro | test macro |",
             "|---|---|---|---|---|---|---|---|---|"]
    for row in result["ablation"]:
        mark = " **(chosen)**" if row["chosen"] else ""
        conv = "" if row["converged"] else f" (not converged, {row['epochs']} epochs)"
        lines.append(f"| {row['row']}{mark}{conv} | {row['engine']} | {row['class_weight']} | {row['C']:g} | "
                     f"{row['n_features']:,} | {row['valid']['micro_f1']:.4f} | {row['valid']['macro_f1']:.4f} | "
                     f"{row['test']['micro_f1']:.4f} | {row['test']['macro_f1']:.4f} |")
    lines.append(f"| NBSVM (published) | | | | | | | {NBSVM['micro_f1']:.4f} | {NBSVM['macro_f1']:.4f} |")
    return lines


def summary(result: dict) -> list[str]:
    c, t = result["chosen"], result["timing_seconds"]
    tok = "; ".join(f"{e} {sum(v.values()):.1f}s" for e, v in t["tokenise"].items())
    return [
        f"chosen on valid: {describe({**c, 'char': c['char']})} ({c['n_features']:,} features)",
        f"TEST  micro-F1 {c['test']['micro_f1']:.4f} (NBSVM {NBSVM['micro_f1']:.4f}, "
        f"{'beats' if c['beats_nbsvm_on_test']['micro_f1'] else 'does NOT beat'})   "
        f"macro-F1 {c['test']['macro_f1']:.4f} (NBSVM {NBSVM['macro_f1']:.4f}, "
        f"{'beats' if c['beats_nbsvm_on_test']['macro_f1'] else 'does NOT beat'})",
        f"valid micro-F1 {c['valid']['micro_f1']:.4f}  macro-F1 {c['valid']['macro_f1']:.4f}",
        f"tokenisation (train+valid+test, {result['machine']['jobs']} jobs): {tok}",
        f"training the chosen model on train: {c['train_seconds']['total']:.1f}s (vectorizer "
        f"{c['train_seconds']['vectorizer']:.1f}s, classifier {c['train_seconds']['classifier']:.1f}s)",
        f"grid search {t['search']:.1f}s (of which feature blocks {t['grid_features']:.1f}s); "
        f"whole run {t['wall_total']:.1f}s wall",
    ]


def markdown(result: dict) -> str:
    c = result["chosen"]
    rows = result["rows"]
    return "\n".join([
        "# Public benchmark: wisesight-sentiment",
        "",
        "The product's own text pipeline (`prepare_all` normalisation + tokenisation, `build_vectorizer` "
        "TF-IDF word + char n-grams, `_classifier` logistic regression) trained on the official train split "
        f"({rows['train']:,} rows), hyperparameters chosen on valid ({rows['valid']:,}), scored once on test "
        f"({rows['test']:,}). Published baseline on the same test split: NBSVM {NBSVM['micro_f1']} micro-F1 / "
        f"{NBSVM['macro_f1']} macro-F1.",
        "",
        f"Command (from the repository root; this run took {result['timing_seconds']['wall_total']:.0f} s wall on a "
        "shared 2-core machine, earlier runs 427-541 s under heavier load from other processes):",
        "",
        "```",
        result["command"] + "        # or: make public-benchmark",
        "```",
        "",
        "## Result",
        "",
        *[f"- {line}" for line in summary(result)],
        "",
        f"Selection criterion: {SELECTION}. Grid: engine newmm/nlpo3, word n-grams 1 or 1-2, min_df, "
        "char n-grams off / 2-4 / 1-3, class weights balanced/none, C; stage 1 picks features at the "
        "middle C, stage 2 picks C and class weights.",
        "",
        "## Ablation",
        "",
        "Each row changes one choice; C is re-chosen on valid for every row. Test figures are for these "
        "rows only (the grid never saw test).",
        "",
        *ablation_table(result),
        "",
        "## Notes",
        "",
        f"- Margin over NBSVM on test: micro-F1 {c['test']['micro_f1'] - NBSVM['micro_f1']:+.4f} (about "
        f"{round((c['test']['micro_f1'] - NBSVM['micro_f1']) * rows['test']):+d} of {rows['test']:,} texts; the "
        f"standard error of an accuracy near 0.72 on this many texts is about {(0.72 * 0.28 / rows['test']) ** 0.5:.3f}), "
        f"macro-F1 {c['test']['macro_f1'] - NBSVM['macro_f1']:+.4f}.",
        "- \"balanced\" is the product's `_classifier` as it trains the award models; \"none\" is "
        "`_classifier(..., balanced=False)`. The benchmark found that the earlier `_classifier` "
        "(scikit-learn `class_weight=\"balanced\"` with saga) did not converge in 2000 epochs on this corpus "
        "(182 s for one fit; valid 0.6718 / 0.5624 at the chosen features); commit af35775 solves the same "
        "objective rescaled, which converges in tens of epochs.",
        "",
        f"Full figures: `docs/public_benchmark.json`. Measured wall times on a shared 2-core machine.",
        "",
    ])


def main(argv=None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", default=str(DEFAULT_DATA), help="folder with {train,valid,test}.jsonl.gz")
    parser.add_argument("--quick", action="store_true", help="subsample and a smaller grid (development)")
    parser.add_argument("--rows", type=int, default=3000, help="train rows in --quick mode (valid/test: a quarter)")
    parser.add_argument("--jobs", type=int, default=None, help="processes (default: all cores)")
    parser.add_argument("--json", default=None, help="write figures here (default: docs/public_benchmark.json "
                                                     "for a full run, nothing for --quick)")
    parser.add_argument("--markdown", default=None, help="likewise for docs/public_benchmark.md")
    parser.add_argument("--silent", action="store_true")
    parser.add_argument("--render-only", metavar="JSON", default=None,
                        help="only rewrite the markdown (--markdown or docs/public_benchmark.md) from a saved JSON")
    args = parser.parse_args(argv)
    if args.render_only:
        result = json.loads(Path(args.render_only).read_text("utf-8"))
        Path(args.markdown or ROOT / "docs" / "public_benchmark.md").write_text(markdown(result), encoding="utf-8")
        return result
    result = run(args)
    if not args.silent:
        print("\n" + "\n".join(ablation_table(result)) + "\n")
        print("\n".join(summary(result)))
    json_path = args.json or (None if args.quick else ROOT / "docs" / "public_benchmark.json")
    md_path = args.markdown or (None if args.quick else ROOT / "docs" / "public_benchmark.md")
    for path, text in ((json_path, json.dumps(result, indent=1, ensure_ascii=False) + "\n"),
                       (md_path, markdown(result))):
        if path:
            Path(path).parent.mkdir(parents=True, exist_ok=True)
            Path(path).write_text(text, encoding="utf-8")
    return result


if __name__ == "__main__":
    main(sys.argv[1:])
    sys.exit(0)
