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


@pytest.fixture(scope="module")
def client() -> Any:
    """A real cluster: two worker processes on loopback, one thread each."""
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(
        n_workers=2, processes=True, threads_per_worker=1, host="127.0.0.1", dashboard_address=None
    ) as cluster, distributed.Client(cluster) as c:
        assert len(c.scheduler_info()["workers"]) == 2
        yield c


def test_local_cluster_two_processes(client: Any) -> None:
    pd = pytest.importorskip("pandas")
    dd = pytest.importorskip("dask.dataframe")
    rows = records()
    corpus = one_process(rows)
    check(lxd.analyse(db.from_sequence(rows, npartitions=4)), corpus)
    frame = dd.from_pandas(pd.DataFrame(rows), npartitions=3)
    check(lxd.analyse(frame, text="text", id="id"), corpus)
    check_entities(lxd.analyse(db.from_sequence(rows, npartitions=4), keyphrases=False), corpus)


# -- entities ------------------------------------------------------------------

SHARE = "Share this article"

# Three partitions of three documents (a bag or a DataFrame of 9 rows in 3
# partitions). Each case below is one a per-partition merge gets wrong:
# - one person written "Volodymyr Zelenskyy" in the first partition and
#   "Zelensky" in the second (transliterated variants link across them);
# - "Kadar" alone in the second partition joins "Orsolya Kadar" of the first;
# - "Farmers" starts a sentence in the first partition and is written
#   lowercase only in the third (so, over the collection, it is no name);
# - "Tessaly" is voted one label in one partition and another elsewhere;
# - a furniture line once in each partition (repeated over the collection).
NEWS = [
    f"Ukrainian President Volodymyr Zelenskyy met European leaders in Brussels on Tuesday.\n{SHARE}\n"
    "Zelenskyy asked for more air defence systems.",
    "Harvest figures from the Drava valley were published on Monday. "
    "Farmers said Kestrel Foods would buy most of the grain.",
    "Minister Orsolya Kadar of Veloria said the Kestrel Foods deal was fair. "
    "Tessaly Holdings will ship the grain from the port.",
    f"Zelensky said on Wednesday that talks with Kadar would continue.\n{SHARE}\nThe next round is in May.",
    "Kadar declined to comment. Tessaly said its profits rose, and analysts at Morrow Bank expected more.",
    "Tessaly shares fell in early trading. The Drava river was low after a dry summer.",
    f"Farmers in Tessaly said the harvest was late this year.\n{SHARE}\nPrices rose in the spring.",
    "Officials in Tessaly counted the harvest losses. Volodymyr Zelensky thanked the farmers.",
    "The mayor of Tessaly, Ivo Brandt, said the roads would reopen. Brandt spoke to reporters.",
]


def news_rows() -> list[dict[str, Any]]:
    return [{"id": f"n{i}", "text": t} for i, t in enumerate(NEWS)]


def entity_rows(table: Any) -> list[tuple[Any, ...]]:
    cols = table if isinstance(table, dict) else table.to_dict()
    return list(zip(*(list(cols[c]) for c in ("entity", "label", "variants", "docs", "mentions", "roles", "ambiguous"))))


def check_entities(result: lxd.Analysis, corpus: lx.Corpus, gazetteer: Any = None) -> None:
    assert result.entities(as_dict=True) == corpus.entities(gazetteer, as_dict=True)
    assert result.mentions(as_dict=True) == corpus.mentions(gazetteer, as_dict=True)


def by_name(table: dict[str, Any], name: str) -> dict[str, Any]:
    rows = [i for i, e in enumerate(table["entity"]) if e == name]
    assert len(rows) == 1, (name, table["entity"])
    return {c: list(v)[rows[0]] for c, v in table.items()}


def test_entities_need_the_whole_collection() -> None:
    """The fixture's cases do break a per-partition result."""
    rows = news_rows()
    whole = one_process(rows).entities(as_dict=True)
    parts = [one_process(rows[i : i + 3]).entities(as_dict=True) for i in (0, 3, 6)]
    z = [v for v in whole["variants"] if "Volodymyr Zelenskyy" in v]
    assert len(z) == 1 and "Zelensky" in z[0], whole
    assert not any("Zelensky" in v for v in parts[0]["variants"])
    assert "Kadar" in by_name(whole, "Orsolya Kadar")["variants"]
    assert "Kadar" in parts[1]["entity"]
    assert "Farmers" in parts[0]["entity"] and "Farmers" not in whole["entity"]
    labels = {by_name(p, "Tessaly")["label"] for p in parts[1:]}
    assert len(labels) == 2 and by_name(whole, "Tessaly")["label"] in labels, labels
    removed = one_process(rows).removed("n3", as_dict=True)
    assert SHARE in [t for t, r in zip(removed["text"], removed["reason"]) if r == "repeated"]
    # A partition alone no longer takes the repeated `Share` line for a name either: a
    # sentence's first word read as a common word is not a name.
    assert "Share" not in whole["entity"]


def test_entities_synchronous_with_gazetteer() -> None:
    rows = news_rows()
    gaz = lx.Gazetteer({"ORG": ["Kestrel Foods"], "GPE": ["Veloria"]}, aliases={"Kestrel": "Kestrel Foods"})
    with dask.config.set(scheduler="synchronous"):
        result = lxd.analyse(db.from_sequence(rows, npartitions=3), gazetteer=gaz)
        plain = lxd.analyse(db.from_sequence(rows, npartitions=3), keyphrases=False)
        none = lxd.analyse(db.from_sequence(rows, npartitions=3), entities=False)
    corpus = one_process(rows)
    check_entities(result, corpus, gaz)
    check_entities(plain, corpus)
    with pytest.raises(lx.StateError, match="entities=True"):
        none.entities()


REUTERS = Path(__file__).resolve().parents[1] / ".." / "shared" / "eval" / "corpus" / "news_reuters21578.jsonl"


def reuters(n: int) -> list[dict[str, Any]]:
    import json

    out = []
    with open(REUTERS, encoding="utf-8") as f:
        for line in f:
            r = json.loads(line)
            out.append({"id": f"r{len(out)}", "text": r["text"]})
            if len(out) == n:
                break
    return out


def test_entities_local_cluster_two_processes(client: Any) -> None:
    pd = pytest.importorskip("pandas")
    dd = pytest.importorskip("dask.dataframe")
    rows = news_rows()
    corpus = one_process(rows)
    bag = db.from_sequence(rows, npartitions=3)
    assert bag.map_partitions(lambda p: [len(list(p))]).compute() == [3, 3, 3]
    check_entities(lxd.analyse(bag, keyphrases=False), corpus)
    frame = dd.from_pandas(pd.DataFrame(rows), npartitions=3)
    assert list(frame.map_partitions(len).compute()) == [3, 3, 3]
    check_entities(lxd.analyse(frame, text="text", id="id", keyphrases=False), corpus)


@pytest.mark.skipif(not REUTERS.exists(), reason=f"{REUTERS} not found (../shared): 300 Reuters stories not run")
def test_entities_local_cluster_reuters(client: Any) -> None:
    stories = reuters(300)
    whole = one_process(stories)
    result = lxd.analyse(db.from_sequence(stories, npartitions=4), keyphrases=False)
    check_entities(result, whole)
    assert len(result.entities(as_dict=True)["entity"]) > 300
