"""What a corpus keeps (src/cache.rs): every derived result is computed once,
shared by later calls and by every thread, reported by memory() and freed by
clear_cache(), without changing any result."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import lexiscope as lx

TEXTS = [
    "Ministers from Sarkhan and Dravinia met in Geneva on Monday to discuss the Oskel River dam. "
    "Foreign Minister Lena Marsh said the talks were constructive.",
    "The Oskel River dam talks in Geneva ended without a deal, Lena Marsh told reporters. "
    "Sarkhan wants guarantees on water flow.",
    "Dravinia's parliament voted on the budget. Opposition leader Tomas Reyes criticised spending on roads.",
    "Tomas Reyes led a protest in the capital against the budget vote, which he called reckless.",
    "A storm hit the northern coast, cutting power to thousands of homes. Crews worked overnight.",
    "Power was restored to most homes on the northern coast after the storm, the utility said.",
]


def results(c: lx.Corpus) -> dict:
    ov = c.overlap()
    return {
        "top_k": ov.top_k(2, as_dict=True),
        "stories": ov.stories(as_dict=True),
        "explain": ov.explain(0, 1, as_dict=True),
        "entities": c.entities(as_dict=True),
        "mentions": c.mentions(as_dict=True),
        "keywords": c.keywords(as_dict=True),
        "one_doc": c.keywords(doc=2, as_dict=True),
        "corpus_keywords": c.keywords(scope="corpus", as_dict=True),
        "terms": c.terms(as_dict=True),
        "distinctive": c.distinctive(0, as_dict=True),
        "adds": ov.adds(0, as_dict=True),
        "tfidf": c.overlap("tfidf").top_k(2, as_dict=True),
        "jaccard": c.overlap("jaccard").top_k(2, as_dict=True),
    }


def test_second_calls_equal_first_and_share_the_overlap() -> None:
    c = lx.Corpus(TEXTS)
    first = results(c)
    assert results(c) == first
    # The same overlap object is handed out again, not recomputed.
    assert c.overlap()._core._shared_id == c.overlap()._core._shared_id
    assert c.overlap()._core._shared_id != c.overlap("tfidf")._core._shared_id
    assert c.overlap(context=3)._core._shared_id != c.overlap()._core._shared_id
    # A fresh corpus of the same texts gives the same results.
    assert results(lx.Corpus(TEXTS)) == first


def test_one_document_keywords_are_the_all_documents_rows() -> None:
    c = lx.Corpus(TEXTS)
    alone = c.keywords(doc=3, as_dict=True)  # computed for the one document
    everything = c.keywords(as_dict=True)
    rows = [i for i, d in enumerate(everything["doc"]) if d == 3]
    assert alone == {k: [v[i] for i in rows] for k, v in everything.items()}
    assert c.keywords(doc=3, as_dict=True) == alone  # now read from what is kept


def test_memory_reports_what_is_kept_and_clear_cache_frees_it() -> None:
    c = lx.Corpus(TEXTS)
    m0 = c.memory()
    assert set(m0) == {"texts", "documents", "analysis", "counts", "keyphrases", "entities", "overlap", "total"}
    assert m0["texts"] == sum(len(t.encode()) for t in TEXTS)
    assert m0["overlap"] == m0["entities"] == m0["keyphrases"] == 0
    assert m0["total"] == sum(v for k, v in m0.items() if k != "total")
    before = results(c)
    m1 = c.memory()
    for part in ("analysis", "counts", "keyphrases", "entities", "overlap"):
        assert m1[part] > 0, part
    c.clear_cache(analysis=False)
    m2 = c.memory()
    assert m2["overlap"] == m2["entities"] == m2["keyphrases"] == m2["counts"] == 0
    assert m2["analysis"] == m1["analysis"]
    c.clear_cache()
    assert c.memory()["analysis"] == 0
    assert results(c) == before


def test_overlap_handed_out_survives_clear_cache() -> None:
    c = lx.Corpus(TEXTS)
    ov = c.overlap()
    expected = ov.top_k(3, as_dict=True)
    c.clear_cache()
    assert ov.top_k(3, as_dict=True) == expected
    assert ov.score(0, 1) == c.overlap().score(0, 1)


def test_many_python_threads_share_one_corpus() -> None:
    texts = [f"{t} Report {i} from the desk." for i in range(40) for t in TEXTS]
    expected = results(lx.Corpus(texts, n_threads=1))
    c = lx.Corpus(texts)
    with ThreadPoolExecutor(8) as pool:
        got = list(pool.map(lambda _: results(c), range(16)))
        ids = set(pool.map(lambda _: c.overlap()._core._shared_id, range(16)))
    assert all(g == expected for g in got)
    assert len(ids) == 1
