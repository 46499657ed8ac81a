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


# -- every public entry point, any Unicode ---------------------------------------

# Lone surrogates (a Python str can hold them), combining marks, right-to-left
# scripts and marks, emoji sequences, NUL and other controls, on top of the above.
hard_chars = (
    news_alphabet
    | st.characters(categories=["Cs"])
    | st.sampled_from(list("\u0301\u0308\u0651\u05d0\u05e9\u0627\u0644\u200f\u202e\u2066\x00\x1f\x7f\u2028\u2029\ufffd"))
)
pieces = hard_chars | st.sampled_from(["👩🏽‍🚀", "🇺🇦", "1️⃣", "e\u0301", "U.S.", "Mr.", "Geneva", "Anna Kovalenko", "!!", "...", "“", "”"])
hard_text = st.one_of(
    st.lists(pieces, max_size=60).map("".join),
    st.sampled_from(["", " ", "\n\n", "\t \u00a0\u3000", "\x00", "\ud800", "\udfff\ud800"]),
    st.builds(lambda c, n: c * n, st.sampled_from(["x", "é", "中", "\u0301", "-", "a'", "😀"]), st.integers(200, 3000)),
)
documents = st.lists(hard_text, min_size=1, max_size=6)


def lossy(s: str) -> str:
    """``s`` with each lone surrogate as U+FFFD, as the core sees it."""
    return "".join("\ufffd" if 0xD800 <= ord(ch) <= 0xDFFF else ch for ch in s)


def slices_back(original: str, cols: dict, doc_key=None) -> None:
    for i, (s, e, t) in enumerate(zip(cols["start"], cols["end"], cols["text"])):
        src = original if doc_key is None else doc_key(cols["doc"][i])
        assert 0 <= s < e <= len(src)
        # Lone surrogates are U+FFFD inside the core; everything else slices back exactly.
        assert lossy(src[s:e]) == lossy(t)


@settings(max_examples=150, deadline=None)
@given(hard_text)
def test_text_functions_any_unicode(text: str) -> None:
    toks = lx.tokenize(text)
    prev = 0
    for t in toks:
        assert prev <= t.start < t.end <= len(text) and text[t.start : t.end] == t.text
        prev = t.end
    prev = 0
    for s in lx.sentences(text):
        assert prev <= s.start < s.end <= len(text) and text[s.start : s.end] == s.text
        prev = s.end
    tok = lx.Tokenizer(stem="en", ngram_range=(1, 2))
    words = tok.words(text)
    assert tok.count_batch([text]) == [len(words)]
    assert tok.words_batch([text, text]) == [words, words]
    assert isinstance(tok.normalize(text), str)
    for bounds in (lx.word_bounds(text), lx.sentence_bounds(text)):
        assert lossy("".join(bounds)) == lossy(text)


@settings(max_examples=60, deadline=None)
@given(documents)
def test_corpus_any_unicode(texts: list[str]) -> None:
    c = lx.Corpus(texts)
    n = len(texts)
    for i, t in enumerate(texts):
        assert lossy(c.text(i)) == lossy(t)
        slices_back(t, c.removed(i, as_dict=True))
        slices_back(t, c.sentences(i, as_dict=True))
    slices_back("", c.mentions(as_dict=True), doc_key=lambda d: texts[d])
    # Counts add up: the count matrix's total is the terms' total; df at most n.
    x, vocab = c.matrix("count")
    terms = c.terms(as_dict=True)
    assert x.shape == (n, len(vocab)) and int(x.sum()) == sum(terms["count"])
    assert all(1 <= d <= n for d in terms["docs"])
    ents = c.entities(as_dict=True)
    assert sum(ents["mentions"]) == len(c.mentions(as_dict=True)["doc"])
    for method in ("default", "tfidf", "entities", "jaccard"):
        m = c.overlap(method).matrix()
        assert m.shape == (n, n) and (m >= 0).all() and (m <= 1 + 1e-9).all() and (m == m.T).all(), method
    c.keywords(top=3, as_dict=True)
    c.keywords(top=3, scope="corpus", as_dict=True)
    try:  # a clear error when there is nothing to compare with (one document)
        c.distinctive(0, as_dict=True)
    except lx.InvalidArgumentError as e:
        assert n == 1 and "no rest of the corpus" in str(e)
    nd = c.near_duplicates(0.5, as_dict=True)
    assert all(0 <= j <= 1 for j in nd["jaccard"])
    ov = c.overlap()
    ov.top_k(2, as_dict=True)
    ov.stories(as_dict=True)
    if n > 1:
        ov.explain(0, 1, as_dict=True)
        try:  # a clear error when the document's story is itself alone
            ov.adds(0, as_dict=True)
        except lx.InvalidArgumentError as e:
            assert "alone in its story" in str(e)


def _same(a: lx.Corpus, b: lx.Corpus) -> None:
    assert a.terms(ngram=(1, 2), as_dict=True) == b.terms(ngram=(1, 2), as_dict=True)
    assert sorted(zip(*a.entities(as_dict=True).values())) == sorted(zip(*b.entities(as_dict=True).values()))


@settings(max_examples=40, deadline=None)
@given(documents, documents, documents)
def test_merge_associative_and_commutative(x: list[str], y: list[str], z: list[str]) -> None:
    def part(texts: list[str], tag: str) -> lx.Corpus:
        return lx.Corpus(texts, ids=[f"{tag}{i}" for i in range(len(texts))])

    a, b, c = part(x, "a"), part(y, "b"), part(z, "c")
    left, right = a.merge(b).merge(c), a.merge(b.merge(c))
    assert left.ids == right.ids
    _same(left, right)
    whole = lx.Corpus(x + y + z, ids=left.ids)
    _same(left, whole)
    assert [whole.removed(i, as_dict=True) for i in left.ids] == [left.removed(i, as_dict=True) for i in left.ids]
    # Commutative up to document order: every order-free result is the same.
    _same(a.merge(b), b.merge(a))


@settings(max_examples=30, deadline=None)
@given(documents)
def test_one_and_many_threads_any_unicode(texts: list[str]) -> None:
    one, many = lx.Corpus(texts, n_threads=1), lx.Corpus(texts, n_threads=3)
    _same(one, many)
    assert one.mentions(as_dict=True) == many.mentions(as_dict=True)
    assert (one.overlap().matrix() == many.overlap().matrix()).all()
    assert one.near_duplicates(0.5, as_dict=True) == many.near_duplicates(0.5, as_dict=True)
    tok = lx.Tokenizer()
    assert tok.tokenize_batch(texts, n_threads=1) == tok.tokenize_batch(texts, n_threads=3)
