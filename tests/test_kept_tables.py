"""Converted results kept on the Python objects: mentions() per gazetteer and
Overlap.adds() per document and options are made once; repeats give the same
values, as_dict gives new lists each time, and clear_cache() drops them."""

from __future__ import annotations

import lexiscope as lx
from test_cache import TEXTS


def test_mentions_kept_per_gazetteer() -> None:
    c = lx.Corpus(TEXTS)
    first = c.mentions(as_dict=True)
    first["text"].append("changed")  # the caller's own lists
    again = c.mentions(as_dict=True)
    assert again["text"] == lx.Corpus(TEXTS).mentions(as_dict=True)["text"]
    assert c.mentions() is c.mentions()
    g = lx.Gazetteer({"ORG": ["Oskel River"]})
    assert c.mentions(g) is c.mentions(g)
    assert c.mentions(g) is not c.mentions()
    assert list(c.mentions(g)["text"]) == list(lx.Corpus(TEXTS).mentions(g)["text"])
    kept = c.mentions()
    c.clear_cache()
    assert c.mentions() is not kept
    assert list(c.mentions()["text"]) == list(kept["text"])


def test_adds_kept_per_document_and_options() -> None:
    c = lx.Corpus(TEXTS)
    ov = c.overlap()
    a = ov.adds(0, as_dict=True)
    assert ov.adds(0, as_dict=True) == a
    assert ov.adds(0) is ov.adds(0)
    assert ov.adds(0, top=1) is not ov.adds(0)
    fresh = lx.Corpus(TEXTS).overlap()
    for d in range(len(TEXTS)):
        assert ov.adds(d, as_dict=True) == fresh.adds(d, as_dict=True)
        assert ov.adds(d, min_z=0.5, as_dict=True) == fresh.adds(d, min_z=0.5, as_dict=True)
