"""Invariants that hold for any input (hypothesis)."""

from __future__ import annotations

import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

import lexiscope as lx

# Text with the characters the news rules look at, plus anything Unicode.
news_alphabet = st.sampled_from(list("aZé中ـ1 .,-'’ʼ#@%$£:/“”()\n\t\u00a0\u200d\u0301😀🏽🇺")) | st.characters()
texts = st.text(alphabet=news_alphabet, max_size=200)

# What the tokenizer may skip: white space, control and invisible format characters.
SKIPPABLE_FORMAT = {"\u00ad", "\u200b", "\u200c", "\u200d", "\u200e", "\u200f", "\u2060", "\u2061", "\u2062", "\u2063", "\u2064", "\ufeff"}


def skippable(c: str) -> bool:
    return c.isspace() or unicodedata.category(c) == "Cc" or c in SKIPPABLE_FORMAT


@settings(max_examples=400, deadline=None)
@given(texts)
def test_offsets_order_and_coverage(text: str) -> None:
    toks = lx.tokenize(text)
    covered = [False] * len(text)
    prev_end = 0
    for t in toks:
        assert text[t.start : t.end] == t.text
        assert t.start < t.end
        assert t.start >= prev_end  # in order, no overlap
        prev_end = t.end
        for i in range(t.start, t.end):
            covered[i] = True
    for i, c in enumerate(text):
        assert covered[i] or skippable(c), f"lost {c!r} at {i}"


@settings(max_examples=200, deadline=None)
@given(texts)
def test_sentences_slice_back(text: str) -> None:
    prev_end = 0
    for s in lx.sentences(text):
        assert text[s.start : s.end] == s.text
        assert s.start >= prev_end and s.text.strip() == s.text
        prev_end = s.end


@settings(max_examples=100, deadline=None)
@given(st.lists(texts, max_size=12))
def test_batch_equals_single(batch: list[str]) -> None:
    tok = lx.Tokenizer()
    assert tok.tokenize_batch(batch) == [tok.tokenize(t) for t in batch]
    assert tok.words_batch(batch) == [tok.words(t) for t in batch]
    assert tok.count_batch(batch) == [len(tok.words(t)) for t in batch]
