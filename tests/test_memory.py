"""Memory stays flat across repeated calls: after a warm-up, 1,000 more calls
of each public method grow the resident set by less than a generous bound.

The bound (``BOUND_MB``) is far above what a healthy run shows (at most
0.3 MB for any method when it was written; the allocator keeps freed pages for
reuse for a while, so RSS moves a little either way), and below what keeping
one result per call would cost over 1,000 calls (a leak of under 8 KB a call
would pass unseen: the corpus is kept small so the test stays quick). RSS is read
from /proc/self/statm; no timings are measured."""

from __future__ import annotations

import gc
import os
import sys

import pytest

import lexiscope as lx

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc/self/statm")

BOUND_MB = 8
CALLS = 1000
WARMUP = 100

TEXTS = [
    f"Story {i}: President Anna Kovalenko of Dravinia met Li Wei in Geneva on day {i}. "
    f"Kovalenko said the UN would help.\nSubscribe to our newsletter\nTalks on round {i % 5} went on."
    for i in range(16)
]
CORPUS = lx.Corpus(TEXTS, n_threads=2)
OVERLAP = CORPUS.overlap()
TOK = lx.Tokenizer(stem="en", ngram_range=(1, 2))


def rss_mb() -> float:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


CALLS_BY_NAME = {
    "tokenize": lambda: lx.tokenize(TEXTS[3]),
    "sentences": lambda: lx.sentences(TEXTS[3]),
    "tokenize_batch": lambda: TOK.tokenize_batch(TEXTS[:8]),
    "words_batch": lambda: TOK.words_batch(TEXTS[:8]),
    "count_batch": lambda: TOK.count_batch(TEXTS[:8]),
    "normalize": lambda: TOK.normalize(TEXTS[3]),
    "Corpus": lambda: lx.Corpus(TEXTS[:10], n_threads=2),
    "merge": lambda: CORPUS.merge(lx.Corpus(["Another story entirely."], ids=["x"])),
    "text_removed_sentences": lambda: (CORPUS.text(2), CORPUS.removed(2, as_dict=True), CORPUS.sentences(2, as_dict=True)),
    "stats_terms": lambda: (CORPUS.stats(as_dict=True), CORPUS.terms(top=10, as_dict=True)),
    "matrix": lambda: CORPUS.matrix("tfidf"),
    "keywords": lambda: CORPUS.keywords(top=5, as_dict=True),
    "keywords_corpus": lambda: CORPUS.keywords(top=5, scope="corpus", as_dict=True),
    "distinctive": lambda: CORPUS.distinctive(1, as_dict=True),
    "entities_mentions": lambda: (CORPUS.entities(as_dict=True), CORPUS.mentions(as_dict=True)),
    "overlap": lambda: CORPUS.overlap(),
    "overlap_methods": lambda: OVERLAP.matrix().sum() + OVERLAP.score(0, 1) + OVERLAP.matrix("float32").sum(),
    "explain_top_k": lambda: (OVERLAP.explain(0, 1, as_dict=True), OVERLAP.top_k(3, as_dict=True)),
    "stories": lambda: (OVERLAP.stories(as_dict=True), OVERLAP.story_of(0), OVERLAP.adds(0, as_dict=True)),
    "neighbors": lambda: CORPUS.neighbors(3, as_dict=True),
    "near_duplicates": lambda: CORPUS.near_duplicates(0.5, as_dict=True),
    "memory": lambda: CORPUS.memory(),
    "clear_cache_and_recompute": lambda: (CORPUS.clear_cache(), CORPUS.overlap("tfidf").matrix()),
}


@pytest.mark.parametrize("name", list(CALLS_BY_NAME))
def test_rss_flat_over_repeated_calls(name: str) -> None:
    call = CALLS_BY_NAME[name]
    for _ in range(WARMUP):
        call()
    gc.collect()
    before = rss_mb()
    for _ in range(CALLS):
        call()
    gc.collect()
    grown = rss_mb() - before
    assert grown < BOUND_MB, f"{name}: RSS grew {grown:.1f} MB over {CALLS} calls"
