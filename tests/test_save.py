"""Corpus.save / Corpus.load: a corpus comes back with the results it had
computed, equal to those before, and a bad file is a clear error."""

from __future__ import annotations

from pathlib import Path

import pytest

import lexiscope as lx


def analysed() -> lx.Corpus:
    c = lx.Corpus.from_files(lx.sample_paths())
    c.entities()
    c.mentions()
    c.quotes()
    c.keywords()
    c.keywords(scope="corpus")
    ov = c.overlap()
    ov.top_k(5)
    ov.stories()
    c.overlap("jaccard").top_k(3)
    return c


def results(c: lx.Corpus) -> list[object]:
    ov = c.overlap()
    return [
        list(c.entities()["entity"]), list(c.entities()["variants"]), list(c.mentions()["start"]),
        list(c.quotes()["text"]), list(c.quotes()["also_in"]),
        list(c.keywords()["keyphrase"]), list(c.keywords()["score"]),
        list(c.keywords(scope="corpus")["keyphrase"]),
        list(ov.top_k(5)["score"]), list(ov.stories()["label"]), list(ov.stories()["ids"]),
        ov.matrix().tolist(), list(c.overlap("jaccard").top_k(3)["score"]),
        list(c.terms()["term"]),
    ]


def test_results_after_load_equal_those_before(tmp_path: Path) -> None:
    c = analysed()
    before = results(c)
    path = tmp_path / "c.lexiscope"
    c.save(path)
    back = lx.Corpus.load(path)
    assert back.ids == c.ids
    # What was computed is kept: nothing is computed again on first ask.
    kept = back.memory()
    assert kept["entities"] > 0 and kept["overlap"] > 0 and kept["keyphrases"] > 0
    assert results(back) == before
    # Saving a loaded corpus gives the same file.
    back.save(tmp_path / "again.lexiscope")
    assert (tmp_path / "again.lexiscope").read_bytes() == path.read_bytes()


def test_int_ids_and_language_survive(tmp_path: Path) -> None:
    c = lx.Corpus(["Talks in Geneva ended.", "Talks in Geneva began."], ids=[3, "x"], language="en")
    c.save(tmp_path / "c.lexiscope")
    back = lx.Corpus.load(tmp_path / "c.lexiscope")
    assert back.ids == [3, "x"] and back.text(3) == c.text(3)


def test_bad_files(tmp_path: Path) -> None:
    c = lx.Corpus(["Sanctions on Russia were extended.", "Talks in Geneva."])
    c.entities()
    path = tmp_path / "c.lexiscope"
    c.save(path)
    good = path.read_bytes()
    bad = tmp_path / "bad.lexiscope"
    bad.write_bytes(good[: len(good) - 3])
    with pytest.raises(lx.StateError, match="truncated"):
        lx.Corpus.load(bad)
    flipped = bytearray(good)
    flipped[len(good) // 2] ^= 0x10
    bad.write_bytes(bytes(flipped))
    with pytest.raises(lx.StateError, match="corrupted"):
        lx.Corpus.load(bad)
    other = bytearray(good)
    other[8] = 99
    bad.write_bytes(bytes(other))
    with pytest.raises(lx.StateError, match="version 99"):
        lx.Corpus.load(bad)
    bad.write_bytes(good[:10])
    with pytest.raises(lx.StateError):
        lx.Corpus.load(bad)
    bad.write_bytes(b"not a corpus at all")
    with pytest.raises(lx.InputTypeError, match="not a lexiscope.Corpus"):
        lx.Corpus.load(bad)
