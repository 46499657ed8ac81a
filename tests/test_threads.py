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


# -- one corpus, eight Python threads at once ----------------------------------

STORY_TEXTS = [
    f"President Anna Kovalenko of Dravinia met Foreign Minister Li Wei in Geneva on day {i}. "
    f"Kovalenko said the UN would help.\nSubscribe to our newsletter\nTalks on the river treaty, round {i % 7}, went on."
    for i in range(120)
]

# Every public method of a corpus and its overlap, as plain values.
CORPUS_CALLS = {
    "terms": lambda c: c.terms(top=20, ngram=(1, 2), as_dict=True),
    "stats": lambda c: c.stats(as_dict=True),
    "removed": lambda c: [c.removed(i, as_dict=True) for i in range(0, 120, 17)],
    "sentences": lambda c: [c.sentences(i, as_dict=True) for i in range(0, 120, 17)],
    "matrix": lambda c: (lambda x: (x[0].toarray().tolist(), list(x[1])))(c.matrix("tfidf")),
    "keywords": lambda c: c.keywords(top=5, as_dict=True),
    "keywords_corpus": lambda c: c.keywords(top=5, scope="corpus", as_dict=True),
    "distinctive": lambda c: c.distinctive(3, as_dict=True),
    "entities": lambda c: c.entities(as_dict=True),
    "mentions": lambda c: c.mentions(as_dict=True),
    "overlap": lambda c: c.overlap().matrix().tolist(),
    "overlap_tfidf": lambda c: c.overlap("tfidf").matrix().tolist(),
    "jaccard": lambda c: c.overlap("jaccard").matrix().tolist(),
    "top_k": lambda c: c.overlap().top_k(5, as_dict=True),
    "explain": lambda c: c.overlap().explain(0, 7, as_dict=True),
    "stories": lambda c: c.overlap().stories(as_dict=True),
    "story_of": lambda c: c.overlap().story_of(4),
    "adds": lambda c: c.overlap().adds(4, as_dict=True),
    "neighbors": lambda c: c.neighbors(3, as_dict=True),
    "near_duplicates": lambda c: c.near_duplicates(0.5, as_dict=True),
}


def test_eight_threads_on_one_corpus_get_one_threads_results() -> None:
    import threading

    expected = {name: f(lx.Corpus(STORY_TEXTS, n_threads=1)) for name, f in CORPUS_CALLS.items()}
    shared = lx.Corpus(STORY_TEXTS)  # nothing computed yet: the threads race to fill every cache
    names = list(CORPUS_CALLS)
    start = threading.Barrier(8)

    def worker(k: int) -> dict:
        start.wait()
        order = names[k:] + names[:k]  # each thread its own order
        return {name: CORPUS_CALLS[name](shared) for name in order}

    with ThreadPoolExecutor(8) as pool:
        results = list(pool.map(worker, range(8)))
    for r in results:
        for name in names:
            assert r[name] == expected[name], name


def test_eight_threads_on_one_tokenizer() -> None:
    import threading

    tok = lx.Tokenizer(stem="en", ngram_range=(1, 2))
    batch = TEXTS[:200]
    expected = (tok.tokenize_batch(batch, n_threads=1), tok.words_batch(batch, n_threads=1), tok.count_batch(batch, n_threads=1))
    start = threading.Barrier(8)

    def worker(_: int) -> tuple:
        start.wait()
        return (tok.tokenize_batch(batch), tok.words_batch(batch), tok.count_batch(batch))

    with ThreadPoolExecutor(8) as pool:
        assert all(r == expected for r in pool.map(worker, range(8)))
