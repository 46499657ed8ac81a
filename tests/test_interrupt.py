"""Ctrl-C stops a long call and leaves the corpus usable (src/interrupt.rs,
src/python/enter.rs): a timer thread sends SIGINT while the core works."""

from __future__ import annotations

import os
import random
import signal
import sys
import threading

import pytest

import lexiscope as lx

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="SIGINT to the own process is POSIX")


def big_texts(n: int = 12000, words: int = 120) -> list[str]:
    rng = random.Random(5)
    vocab = [f"w{i}" for i in range(4000)] + ["Geneva", "Lena Marsh", "Sarkhan", "Oskel River"]
    return [" ".join(rng.choice(vocab) for _ in range(words)) + "." for _ in range(n)]


def send_sigint_after(seconds: float) -> threading.Timer:
    t = threading.Timer(seconds, lambda: os.kill(os.getpid(), signal.SIGINT))
    t.start()
    return t


@pytest.mark.parametrize(
    "work",
    [
        lambda c: c.overlap(),
        lambda c: c.overlap("tfidf").top_k(10),
        lambda c: c.entities(),
        lambda c: c.keywords(),
        lambda c: c.matrix(ngram=(1, 2)),
        lambda c: c.near_duplicates(),
    ],
    ids=["overlap", "top_k", "entities", "keywords", "matrix", "near_duplicates"],
)
def test_sigint_stops_the_call_and_the_corpus_stays_usable(work) -> None:
    texts = big_texts()
    corpus = lx.Corpus(texts)
    timer = send_sigint_after(0.2)
    try:
        with pytest.raises(KeyboardInterrupt):
            # Each round clears what is kept, so every call does the whole work
            # again: the signal lands inside one of them.
            for _ in range(200):
                corpus.clear_cache()
                work(corpus)
    finally:
        timer.cancel()
    timer.join()
    # The stop request was withdrawn and the corpus still works: a later call
    # on it gives what a fresh corpus gives.
    assert corpus.terms(top=5, as_dict=True) == lx.Corpus(texts).terms(top=5, as_dict=True)


def test_interrupted_overlap_keeps_nothing() -> None:
    corpus = lx.Corpus(big_texts())
    timer = send_sigint_after(0.2)
    try:
        with pytest.raises(KeyboardInterrupt):
            for _ in range(200):
                corpus.clear_cache(analysis=False)
                corpus.overlap()
    finally:
        timer.cancel()
    assert corpus.memory()["overlap"] == 0
    ov = corpus.overlap("tfidf")
    assert len(ov.top_k(1, as_dict=True)["doc"]) > 0
