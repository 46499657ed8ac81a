"""The streaming path: ``lx.scan_jsonl`` gives the results of ``Corpus.from_jsonl``
on the same file, in any chunk size; exact all pairs is refused above its size."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

import lexiscope as lx

BASE = [
    "Subscribe now\nThe council extended the sanctions on Monday after a long debate in Geneva.",
    "Subscribe now\nOfficials in Geneva said the talks on sanctions would continue next week.",
    "President Maria Lopez met Lopez's advisers in Madrid; the advisers backed the plan.",
    "The river Oskel flooded two villages, and aid workers from Lima arrived on Friday.",
]


@pytest.fixture()
def jsonl(tmp_path: Path) -> Path:
    texts = [f"{BASE[i % 4]} Story {i} adds detail {i * 7}." for i in range(23)]
    texts.append(texts[3])
    texts.append(texts[5].replace("detail", "details"))
    path = tmp_path / "docs.jsonl"
    path.write_text("".join(json.dumps({"id": f"d{i}", "text": t}) + "\n" for i, t in enumerate(texts)))
    return path


@pytest.mark.parametrize("chunk", [4, 1000])
def test_scan_equals_corpus(jsonl: Path, chunk: int) -> None:
    corpus = lx.Corpus.from_jsonl(jsonl)
    scan = lx.scan_jsonl(jsonl, chunk_size=chunk)
    assert len(scan) == len(corpus)
    for kw in ({}, {"ngram": (1, 2), "min_df": 2}, {"stem": True, "top": 5}):
        a, b = scan.terms(as_dict=True, **kw), corpus.terms(as_dict=True, **kw)
        assert {k: list(v) for k, v in a.items()} == {k: list(v) for k, v in b.items()}
    for kw in ({}, {"weight": "tfidf", "sublinear_tf": True, "min_df": 2}, {"weight": "bm25", "max_features": 20}):
        X, vocab = corpus.matrix(**kw)
        blocks = list(scan.iter_matrix(batch_size=3, **kw))
        assert [i for ids, _ in blocks for i in ids] == corpus.ids
        assert list(scan.vocabulary) == list(vocab)
        stacked = np.vstack([B.toarray() for _, B in blocks])
        np.testing.assert_allclose(stacked, X.toarray(), rtol=0, atol=1e-12)
    a, b = scan.near_duplicates(as_dict=True), corpus.near_duplicates(as_dict=True)
    assert len(list(a["a"])) > 0
    ids = corpus.ids
    assert [ids[i] for i in a["a"]] == list(b["a"]) and [ids[i] for i in a["b"]] == list(b["b"])
    assert list(a["jaccard"]) == list(b["jaccard"])
    if chunk >= len(corpus):
        ents = corpus.entities(as_dict=True)
        mine = scan.entities(as_dict=True)
        key = lambda cols: sorted(zip(cols["entity"], cols["label"], cols["docs"], cols["mentions"]))  # noqa: E731
        assert key(mine) == key(ents)


def test_scan_errors(tmp_path: Path) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "a", "text": "fine"}\n{"id": "b", "text": 3}\n')
    with pytest.raises(lx.ReadError, match="line 2"):
        lx.scan_jsonl(bad).terms()
    with pytest.raises(lx.InvalidArgumentError):
        lx.scan_jsonl(bad, chunk_size=0)
    with pytest.raises(lx.ReadError):
        len(lx.scan_jsonl(tmp_path / "missing.jsonl"))


def test_all_pairs_refused_above_limit() -> None:
    texts = [f"word{i % 97} other{i % 89} thing{i % 83}" for i in range(40_001)]
    corpus = lx.Corpus(texts, clean=False)
    ov = corpus.overlap("jaccard")
    with pytest.raises(lx.InvalidArgumentError, match="refused above 40000 documents"):
        ov.matrix()
    with pytest.raises(lx.InvalidArgumentError, match="refused above 40000"):
        ov.top_k(3)
