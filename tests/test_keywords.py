"""Keyphrases and distinctive terms."""

from __future__ import annotations

import pytest

import lexiscope as lx

STOP = set(lx.stopwords("en"))

DOC = (
    "Guests at Seoul’s Four Seasons hotel met the Secretary of State on Monday. "
    "The Secretary of State praised the staff of Seoul’s Four Seasons hotel. "
    "Security guarantees were discussed, and security guarantees were promised. "
    "The hotel said the visit was calm."
)


def test_single_document_keyphrases() -> None:
    c = lx.Corpus([DOC])
    kw = c.keywords(top=6, as_dict=True)
    phrases = kw["keyphrase"]
    assert "Seoul’s Four Seasons hotel" in phrases
    assert "Secretary of State" in phrases
    assert "security guarantees" in [p.lower() for p in phrases]
    assert "Four Seasons" not in phrases  # contained in a better phrase
    for p, s, e in zip(phrases, kw["start"], kw["end"]):
        words = p.lower().replace("’", "'").split()
        assert words[0] not in STOP and words[-1] not in STOP
        assert len([w for w in words if w not in ("'s",)]) <= 4
        assert DOC[s:e] == p
    assert kw["rank"] == list(range(1, len(phrases) + 1))
    assert kw["score"] == sorted(kw["score"], reverse=True)


def test_keywords_per_document_and_corpus() -> None:
    texts = [DOC, "The earthquake damaged roads. Rescue teams reached the coastal province after the earthquake."]
    c = lx.Corpus(texts, ids=["hotel", "quake"])
    one = c.keywords(top=3, doc="quake", as_dict=True)
    assert set(one["doc"]) == {"quake"} and one["keyphrase"][0].lower() == "earthquake"
    both = c.keywords(top=3, as_dict=True)
    assert set(both["doc"]) == {"hotel", "quake"}
    coll = c.keywords(top=5, scope="corpus", as_dict=True)
    assert len(coll["keyphrase"]) == 5 and all(d >= 1 for d in coll["docs"])
    with pytest.raises(lx.InvalidArgumentError, match="scope"):
        c.keywords(scope="all")


def test_distinctive() -> None:
    c = lx.Corpus(
        [
            "The earthquake hit the coast. The earthquake damaged roads.",
            "The election was held. Voters chose a mayor.",
            "The election results came in late.",
        ],
        ids=["quake", "e1", "e2"],
    )
    d = c.distinctive("quake", top=3, as_dict=True)
    assert d["term"][0] == "earthquake" and d["z"][0] > 0 and d["count"][0] == 2 and d["count_rest"][0] == 0
    g = c.distinctive(["e1", "e2"], top=1, as_dict=True)
    assert g["term"] == ["election"]
    with pytest.raises(lx.InvalidArgumentError, match="every document"):
        c.distinctive(["quake", "e1", "e2"])


def test_seed_keyphrases(seeds: dict[str, str]) -> None:
    """The story's phrases lead the collection; furniture never appears."""
    c = lx.Corpus(list(seeds.values()), ids=list(seeds))
    top = [k.lower() for k in c.keywords(top=40, scope="corpus", as_dict=True)["keyphrase"]]
    for phrase in ("significant concessions", "security guarantees", "territorial integrity", "sanctions"):
        assert phrase in top, phrase
    assert any("meet the press" in k for k in top)
    furniture = {t.lower() for d in c.ids for t in c.removed(d, as_dict=True)["text"]}
    assert "select language:" in furniture and "by editor" in furniture and "related posts" in furniture
    per_doc = c.keywords(top=30, as_dict=True)
    for d, start, end in zip(per_doc["doc"], per_doc["start"], per_doc["end"]):
        removed = c.removed(d, as_dict=True)
        assert not any(s <= start < e for s, e in zip(removed["start"], removed["end"]))
    everything = {k.lower() for k in per_doc["keyphrase"]} | set(top)
    for word in ("language", "comments", "similar news", "related posts", "editor", "logo", "world news"):
        assert word not in everything, word
    # No sentence of reporting is lost: what was set aside is never a sentence.
    for d in c.ids:
        for t in c.removed(d, as_dict=True)["text"]:
            assert not (len(t.split()) >= 6 and t.rstrip("”\"' ").endswith((".", "!", "?")))
