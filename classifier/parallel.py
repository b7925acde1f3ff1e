"""Tokenising many texts on all cores, in order, in chunks."""
from __future__ import annotations

import multiprocessing
import os

from .text import prepare

__all__ = ["prepare_all", "default_jobs", "chunked"]


def default_jobs() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


def chunked(items, size: int):
    chunk = []
    for item in items:
        chunk.append(item)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _prepare_chunk(args):
    texts, engine = args
    return [prepare(text, engine=engine) for text in texts]


def prepare_all(texts, engine: str = "newmm", jobs: int | None = None, chunk_size: int = 32) -> list[list[str]]:
    """Raw texts -> token lists, computed once per text, output in input order."""
    texts = list(texts)
    jobs = jobs or default_jobs()
    if jobs <= 1 or len(texts) < 2 * chunk_size:
        return [prepare(text, engine=engine) for text in texts]
    prepare("ก", engine=engine)  # load the dictionary once, before forking, so workers inherit it
    with multiprocessing.get_context("fork").Pool(jobs) as pool:
        chunks = pool.map(_prepare_chunk, [(chunk, engine) for chunk in chunked(texts, chunk_size)])
    return [tokens for chunk in chunks for tokens in chunk]
