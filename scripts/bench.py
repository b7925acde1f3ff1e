"""Speed and memory of prescreen on this machine, against the tokenizer's own speed.

    .venv/bin/python scripts/bench.py [--docs 2000] [--skip-train]

Prints: tokenizer-only throughput per engine; `score` end-to-end at 1 worker and all cores
with its ratio to the tokenizer; `train` wall time with cross-validation on the full corpus;
`check` cold-start time; peak resident memory of `score` on 2,000 and 10,000 documents and of
`train`. Every figure is measured here and now; nothing is asserted."""
from __future__ import annotations

import argparse
import itertools
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("PYTHAINLP_OFFLINE", "1")
os.environ.setdefault("PYTHAINLP_READ_ONLY", "1")

ROOT = Path(__file__).resolve().parent.parent
PRESCREEN = [sys.executable, "-m", "classifier"]


def corpus_texts(n: int) -> list[str]:
    texts = []
    for path in sorted((ROOT / "training_data").glob("*.jsonl")):
        texts += [json.loads(line)["text"] for line in path.read_text("utf-8").splitlines() if line.strip()]
    return list(itertools.islice(itertools.cycle(texts), n))


def write_jsonl(texts, path: Path) -> None:
    with open(path, "w", encoding="utf-8") as handle:
        for i, text in enumerate(texts):
            handle.write(json.dumps({"id": i, "year": 2567, "text": text}, ensure_ascii=False) + "\n")


def tokenizer_only(texts, engine: str) -> float:
    """Seconds for pythainlp's word_tokenize alone (as the product calls it) over the raw texts."""
    from pythainlp.tokenize import word_tokenize

    word_tokenize("อุ่นเครื่อง", engine=engine)
    started = time.perf_counter()
    for text in texts:
        word_tokenize(text, engine=engine, keep_whitespace=False, join_broken_num=False)
    return time.perf_counter() - started


def child_peak_rss_mib(args) -> tuple[float, float]:
    """Run a child, return (wall seconds, peak RSS in MiB of the largest process of its tree).

    RUSAGE_CHILDREN reports the maximum over waited-for descendants, so each measurement
    runs in a fresh intermediate Python process."""
    code = ("import resource, subprocess, sys, time; t = time.perf_counter(); "
            f"r = subprocess.run({list(map(str, args))!r}, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, "
            f"cwd={str(ROOT)!r}); "
            "w = time.perf_counter() - t; "
            "sys.stderr.write(r.stderr.decode()[-2000:] if r.returncode else ''); "
            "print(w, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024, r.returncode)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    wall, rss, code_ = out.stdout.split()
    if code_ != "0":
        raise SystemExit(f"failed: {' '.join(map(str, args))}\n{out.stderr}")
    return float(wall), float(rss)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--docs", type=int, default=2000)
    parser.add_argument("--skip-train", action="store_true")
    options = parser.parse_args()
    cores = len(os.sched_getaffinity(0))
    texts = corpus_texts(options.docs)
    chars = sum(map(len, texts))
    print(f"machine: {cores} cores; corpus: {len(texts)} documents, {chars:,} characters "
          f"(training_data texts, cycled)")

    print("\n1. tokenizer only (pythainlp word_tokenize, 1 process)")
    tokenizer_seconds = {}
    for engine in ("newmm", "nlpo3"):
        try:
            seconds = tokenizer_seconds[engine] = tokenizer_only(texts, engine)
        except ImportError:
            print(f"   {engine:6s} not installed")
            continue
        print(f"   {engine:6s} {chars / seconds:12,.0f} chars/s  {len(texts) / seconds:8,.1f} docs/s")

    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        source = tmp / "docs.jsonl"
        write_jsonl(texts, source)
        print("\n2. score end to end (read, normalise, tokenise, features, predict, screen, write)")
        from classifier.modelfile import read_card

        engine = read_card(ROOT / "models" / "default")["hyperparameters"]["engine"]
        for jobs in sorted({1, cores}):
            wall, rss = child_peak_rss_mib(PRESCREEN + ["score", source, "--out", tmp / "out.jsonl", "--quiet",
                                                        "--jobs", jobs])
            # the child also pays interpreter start-up and model loading; subtract a 1-row run's time
            write_jsonl(texts[:1], tmp / "one.jsonl")
            base, _ = child_peak_rss_mib(PRESCREEN + ["score", tmp / "one.jsonl", "--out", tmp / "o1.jsonl",
                                                      "--quiet", "--jobs", jobs])
            seconds = max(wall - base, 1e-6)
            ratio = (chars / seconds) / (chars / tokenizer_seconds[engine])
            print(f"   jobs={jobs}: {chars / seconds:12,.0f} chars/s  {len(texts) / seconds:8,.1f} docs/s  "
                  f"= {ratio:.2f} x tokenizer-only ({engine}); wall {wall:.1f}s incl. {base:.1f}s start-up")

        print("\n3. check, cold process")
        walls = [child_peak_rss_mib(PRESCREEN + ["check", ROOT / "examples" / "draft_community_water.txt"])[0]
                 for _ in range(3)]
        print(f"   {min(walls):.2f}s best of 3 (all: {', '.join(f'{w:.2f}' for w in walls)})")

        print("\n4. peak resident memory of score (all cores)")
        for n in (2000, 10000):
            write_jsonl(corpus_texts(n), tmp / f"n{n}.jsonl")
            wall, rss = child_peak_rss_mib(PRESCREEN + ["score", tmp / f"n{n}.jsonl", "--out", tmp / "o.jsonl",
                                                        "--quiet"])
            print(f"   {n:6d} documents: peak RSS {rss:7.1f} MiB (largest process), wall {wall:.1f}s")

        if not options.skip_train:
            print("\n5. train with 5-fold cross-validation on the full corpus")
            wall, rss = child_peak_rss_mib(PRESCREEN + ["train", "--data", ROOT / "training_data", "--out",
                                                        tmp / "model"])
            print(f"   wall {wall:.1f}s, peak RSS {rss:.1f} MiB (largest process)")


if __name__ == "__main__":
    main()
