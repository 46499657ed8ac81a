"""Results do not depend on the number of threads, and tokenizers are safe to share."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import numpy as np

import lexiscope as lx

TEXTS = [f"Doc {i}: Russia’s U.S.-led talks, {i}% of $1.{i}bn. “Quote {i}!” he said." * (i % 7 + 1) for i in range(3000)]


def test_same_results_one_and_many_threads() -> None:
    tok = lx.Tokenizer(stem="en", ngram_range=(1, 2))
    one = tok.words_batch(TEXTS, n_threads=1)
    many = tok.words_batch(TEXTS, n_threads=4)
    assert one == many
    assert tok.count_batch(TEXTS, n_threads=1) == tok.count_batch(TEXTS, n_threads=3)
    assert tok.tokenize_batch(TEXTS[:300], n_threads=1) == tok.tokenize_batch(TEXTS[:300], n_threads=2)


def test_env_variable_sets_default(monkeypatch) -> None:
    monkeypatch.setenv("LEXISCOPE_NUM_THREADS", "1")
    assert lx.Tokenizer().count_batch(TEXTS[:50]) == [len(lx.Tokenizer().words(t)) for t in TEXTS[:50]]


def test_shared_tokenizer_from_python_threads() -> None:
    tok = lx.Tokenizer()
    expected = [tok.words(t) for t in TEXTS[:200]]
    with ThreadPoolExecutor(4) as pool:
        results = list(pool.map(tok.words, TEXTS[:200]))
    assert results == expected


def test_corpus_same_for_any_thread_count() -> None:
    texts = [t + "\nSubscribe to our newsletter" for t in TEXTS[:1500]]
    one = lx.Corpus(texts, n_threads=1)
    two = lx.Corpus(texts, n_threads=2)
    assert one.terms(ngram=(1, 2), as_dict=True) == two.terms(ngram=(1, 2), as_dict=True)
    assert one.keywords(top=5, as_dict=True) == two.keywords(top=5, as_dict=True)
    assert one.keywords(top=5, scope="corpus", as_dict=True) == two.keywords(top=5, scope="corpus", as_dict=True)
    x1, v1 = one.matrix("tfidf")
    x2, v2 = two.matrix("tfidf")
    assert v1 == v2 and (x1 != x2).nnz == 0
    # The very same arrays, entry order within rows included.
    for a, b in [(x1.indptr, x2.indptr), (x1.indices, x2.indices), (x1.data, x2.data)]:
        assert np.array_equal(a, b)
    assert one.removed(3, as_dict=True) == two.removed(3, as_dict=True)


def test_entities_and_overlap_same_for_any_thread_count() -> None:
    texts = [
        f"President Anna Kovalenko of Dravinia met Foreign Minister Li Wei in Geneva on day {i}. "
        f"Kovalenko said the UN would help. Talks on the river treaty, round {i % 7}, went on."
        for i in range(400)
    ]
    one = lx.Corpus(texts, n_threads=1)
    two = lx.Corpus(texts, n_threads=2)
    assert one.entities(as_dict=True) == two.entities(as_dict=True)
    assert one.mentions(as_dict=True) == two.mentions(as_dict=True)
    m1, m2 = one.overlap().matrix(), two.overlap().matrix()
    assert (m1 == m2).all()
    assert one.overlap().stories(as_dict=True) == two.overlap().stories(as_dict=True)
    assert one.near_duplicates(0.5, as_dict=True) == two.near_duplicates(0.5, as_dict=True)
