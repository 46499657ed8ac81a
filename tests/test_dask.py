"""lexiscope.dask: partition-wise analysis merges into the one-process result."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pytest

import lexiscope as lx

dask = pytest.importorskip("dask", reason="lexiscope.dask needs dask (the dask extra; the test extra installs it)")
db = pytest.importorskip("dask.bag")

from lexiscope import dask as lxd  # noqa: E402


def records() -> list[dict[str, Any]]:
    """The sample, variants of it, a reprint, and furniture lines that repeat
    only across partitions (so cleaning must look across them)."""
    texts = [Path(p).read_text(encoding="utf-8") for p in lx.sample_paths()]
    out = []
    for i in range(24):
        lines = texts[i % len(texts)].split("\n")
        # A furniture line in the body, shared by documents i and i + 1 (even i):
        # with 4 partitions of 6 or 7, pairs such as (doc06, doc07) straddle two.
        lines.insert(7, f"Advertisement partner offer {i // 2}")
        body = "\n".join(lines) + f"\nUpdate {i}: {' '.join(f'note{i}w{k}' for k in range(12))}."
        out.append({"id": f"doc{i:02d}", "text": body})
    out.append({"id": "reprint", "text": texts[2] + "\nA reprint."})
    return out


def one_process(rows: list[dict[str, Any]]) -> lx.Corpus:
    return lx.Corpus([r["text"] for r in rows], ids=[r["id"] for r in rows])


def check(result: lxd.Analysis, corpus: lx.Corpus) -> None:
    assert result.ids == corpus.ids
    assert result.terms(as_dict=True) == corpus.terms(as_dict=True)
    assert result.terms(top=5, as_dict=True) == corpus.terms(top=5, as_dict=True)
    X, vocab = result.matrix("count")
    Y, vocab1 = corpus.matrix("count")
    assert list(vocab) == vocab1.tolist()
    assert X.shape == Y.shape
    assert np.array_equal(X.indptr, Y.indptr) and np.array_equal(X.indices, Y.indices)
    assert np.array_equal(X.data, Y.data)
    T, _ = result.matrix("tfidf")
    U, _ = corpus.matrix("tfidf")
    assert np.array_equal(T.indices, U.indices)
    np.testing.assert_allclose(T.data, U.data, rtol=1e-12, atol=0)
    assert result.keywords(top=15, as_dict=True) == corpus.keywords(top=15, scope="corpus", as_dict=True)
    for kw in ({}, {"containment": 0.8}):
        assert result.near_duplicates(0.8, as_dict=True, **kw) == corpus.near_duplicates(0.8, as_dict=True, **kw)
    assert result.near_duplicates(0.8, as_dict=True)["a"], "the sample has near duplicates across partitions"


def test_cleaning_looks_across_partitions() -> None:
    rows = records()
    corpus = one_process(rows)
    # A furniture line held by one document in each of two partitions is
    # repeated for the whole collection, though not within either partition.
    reasons = corpus.removed("doc06", as_dict=True)
    assert "Advertisement partner offer 3" in [t for t, r in zip(reasons["text"], reasons["reason"]) if r == "repeated"]
    alone = lx.Corpus([rows[6]["text"]], ids=["doc06"]).removed("doc06", as_dict=True)
    assert "Advertisement partner offer 3" not in alone["text"]
    # And the partition-wise result sets it aside too.
    with dask.config.set(scheduler="synchronous"):
        parts = db.from_sequence(rows, npartitions=4)
        assert parts.map_partitions(lambda p: [len(list(p))]).compute()[0] in (6, 7)
        result = lxd.analyse(parts)
    assert "advertisement" not in result.terms(as_dict=True)["term"]
    assert "advertisement" not in corpus.terms(as_dict=True)["term"]


def test_bag_of_dicts_synchronous() -> None:
    rows = records()
    with dask.config.set(scheduler="synchronous"):
        result = lxd.analyse(db.from_sequence(rows, npartitions=4))
    check(result, one_process(rows))


def test_bag_of_str_and_of_pairs() -> None:
    rows = records()
    texts = [r["text"] for r in rows]
    with dask.config.set(scheduler="synchronous"):
        result = lxd.analyse(db.from_sequence(texts, npartitions=3))
        assert result.ids == list(range(len(texts)))
        assert result.terms(as_dict=True) == lx.Corpus(texts).terms(as_dict=True)
        pairs = lxd.analyse(db.from_sequence([(r["id"], r["text"]) for r in rows], npartitions=5))
    assert pairs.terms(as_dict=True) == one_process(rows).terms(as_dict=True)


def test_without_keyphrases() -> None:
    rows = records()[:6]
    with dask.config.set(scheduler="synchronous"):
        result = lxd.analyse(db.from_sequence(rows, npartitions=2), keyphrases=False)
    assert result.terms(as_dict=True) == one_process(rows).terms(as_dict=True)
    with pytest.raises(lx.StateError, match="keyphrases=True"):
        result.keywords()


def test_duplicate_ids_across_partitions() -> None:
    rows = records()[:4] + records()[:1]
    with dask.config.set(scheduler="synchronous"), pytest.raises(lx.InvalidArgumentError, match="unique"):
        lxd.analyse(db.from_sequence(rows, npartitions=2))


def test_local_cluster_two_processes() -> None:
    distributed = pytest.importorskip("distributed")
    pd = pytest.importorskip("pandas")
    dd = pytest.importorskip("dask.dataframe")
    rows = records()
    corpus = one_process(rows)
    with distributed.LocalCluster(
        n_workers=2, processes=True, threads_per_worker=1, host="127.0.0.1", dashboard_address=None
    ) as cluster, distributed.Client(cluster) as client:
        assert len(client.scheduler_info()["workers"]) == 2
        check(lxd.analyse(db.from_sequence(rows, npartitions=4)), corpus)
        frame = dd.from_pandas(pd.DataFrame(rows), npartitions=3)
        check(lxd.analyse(frame, text="text", id="id"), corpus)
