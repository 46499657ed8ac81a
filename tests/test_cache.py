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


def test_repeats_hand_out_kept_tables_that_callers_cannot_change() -> None:
    c = lx.Corpus(TEXTS)
    ov = c.overlap()
    assert c.overlap() is ov  # one Overlap object per options, so what it keeps serves every call
    calls = {
        "top_k": lambda: ov.top_k(2),
        "stories": lambda: ov.stories(),
        "explain": lambda: ov.explain(0, 1),
        "channels": lambda: ov.channels(0, 1),
        "adds": lambda: ov.adds(0),
        "entities": lambda: c.entities(),
        "mentions": lambda: c.mentions(),
        "quotes": lambda: c.quotes(),
        "keywords": lambda: c.keywords(),
        "one_doc": lambda: c.keywords(doc=2),
        "corpus_keywords": lambda: c.keywords(scope="corpus"),
        "terms": lambda: c.terms(),
        "stats": lambda: c.stats(),
        "meta": lambda: c.meta(),
    }
    fresh = lx.Corpus(TEXTS)
    expected = {name: f().to_dict() for name, f in calls.items()}
    assert expected["stories"] == fresh.overlap().stories(as_dict=True)
    for name, f in calls.items():
        assert f() is f(), name  # the kept table
        # Change everything a caller can reach: the dict, its lists, list cells
        # (a story's ids, an entity's variants), a column, a row.
        for got in (f().to_dict(), f().to_dict(), f()[list(f().columns)].to_dict()):
            for col in got.values():
                for cell in col:
                    if isinstance(cell, list):
                        cell.append("changed")
                col.append("changed")
            got["extra"] = []
        t = f()
        if len(t):
            for cell in t[t.columns[-1]]:
                if isinstance(cell, list):
                    cell.clear()
            row = t[0]
            for v in row.values():
                if isinstance(v, list):
                    v.append("changed")
            for r in t:
                r.clear()
        assert f().to_dict() == expected[name], name
    # The as_dict spelling reads the same kept tables.
    assert ov.stories(as_dict=True) == expected["stories"]
    assert c.entities(as_dict=True) == expected["entities"]
    # Options equal as numbers but not in meaning name different results.
    assert c.terms(max_df=1, as_dict=True) != c.terms(max_df=1.0, as_dict=True)
    assert c.terms(max_df=1, as_dict=True) == fresh.terms(max_df=1, as_dict=True)


def test_memory_counts_the_kept_python_tables_and_clear_cache_drops_them() -> None:
    c = lx.Corpus(TEXTS)
    results(c)
    c.stats()
    core = dict(c._core.memory())
    kept = c.memory()
    assert set(kept) == set(core) | {"total"}
    for part in ("counts", "keyphrases", "entities", "overlap"):
        assert kept[part] > core[part], part
    assert kept["total"] == sum(v for k, v in kept.items() if k != "total")
    ov = c.overlap()
    c.clear_cache(analysis=False)
    after = c.memory()
    assert after["overlap"] == after["entities"] == after["keyphrases"] == after["counts"] == 0
    assert c.overlap() is not ov
    assert ov.top_k(2, as_dict=True) == c.overlap().top_k(2, as_dict=True)


def test_kept_tables_pickle_and_slice_with_list_cells() -> None:
    import pickle

    c = lx.Corpus(TEXTS)
    stories = c.overlap().stories()
    back = pickle.loads(pickle.dumps(stories))
    assert back == stories and back.to_dict() == stories.to_dict()
    assert all(type(ids) is list for ids in back["ids"])
    assert stories[:1]["ids"] == stories["ids"][:1] and stories[["ids"]][0] == {"ids": stories[0]["ids"]}
    assert lx.Table({"x": [(1, 2)]}) != lx.Table({"x": [[1, 2]]})
    assert lx.Table({"x": [(1, 2)]})["x"] == [(1, 2)]
