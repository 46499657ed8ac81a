"""Named entities: mentions, labels, roles, canonical entities, Gazetteer."""

from __future__ import annotations

import pickle

import pytest

import lexiscope as lx

TEXTS = [
    "U.S. Vice President JD Vance met Russian President Vladimir Putin in Alaska. "
    "Vance’s aides said Putin agreed to talk again. NBC News' reporters were there.",
    "Ukrainian President Volodymyr Zelenskyy spoke in Kyiv on Monday. Foreign Minister Sergey Lavrov replied to "
    "President Trump, and the UN Security Council met at the United Nations.",
    "Volodymyr Zelensky and Sergei Lavrov met Donald Trump and special envoy Steve Witkoff in the U.S. capital. "
    "The Kremlin said the United States and Russia would keep talking.",
]


@pytest.fixture(scope="module")
def corpus() -> lx.Corpus:
    return lx.Corpus(TEXTS, ids=["a", "b", "c"])


def entity(table: dict, name: str) -> dict:
    i = table["entity"].index(name)
    return {k: v[i] for k, v in table.items()}


def test_canonical_entities_merge_variants(corpus: lx.Corpus) -> None:
    t = corpus.entities(as_dict=True)
    vance = entity(t, "JD Vance")
    assert vance["label"] == "PERSON" and vance["mentions"] == 2 and vance["roles"] == ["Vice President"]
    assert sorted(vance["variants"]) == ["JD Vance", "Vance"]
    assert entity(t, "Vladimir Putin")["mentions"] == 2
    z = [e for e, v in zip(t["entity"], t["variants"]) if "Volodymyr Zelenskyy" in v]
    assert len(z) == 1 and "Volodymyr Zelensky" in entity(t, z[0])["variants"]
    lav = [e for e, v in zip(t["entity"], t["variants"]) if "Sergey Lavrov" in v]
    assert len(lav) == 1 and "Sergei Lavrov" in entity(t, lav[0])["variants"]
    trump = entity(t, "Donald Trump")
    assert "Trump" in trump["variants"] and trump["roles"] == ["President"]
    assert entity(t, "Steve Witkoff")["roles"] == ["envoy"]
    us = entity(t, "United States")
    assert us["label"] == "GPE" and set(us["variants"]) == {"U.S.", "United States"}
    assert entity(t, "United Nations")["label"] == "ORG"
    assert entity(t, "UN Security Council")["label"] == "ORG"
    assert entity(t, "Kremlin")["label"] == "ORG"
    assert entity(t, "Russian")["label"] == "NORP"
    assert entity(t, "Kyiv")["label"] == "GPE"
    assert entity(t, "NBC News")["label"] == "ORG"
    for name in ("Monday", "The", "President", "Vice President"):
        assert name not in t["entity"]


def test_mentions_have_offsets_and_no_possessives(corpus: lx.Corpus) -> None:
    m = corpus.mentions(as_dict=True)
    for d, s, e, text in zip(m["doc"], m["start"], m["end"], m["text"]):
        assert corpus.text(d)[s:e] == text
        assert not text.endswith(("’s", "'s", "'"))
    vance = [(t, r) for t, ent, r in zip(m["text"], m["entity"], m["role"]) if ent == "JD Vance"]
    assert vance == [("JD Vance", "Vice President"), ("Vance", None)]
    # One label per entity across the corpus.
    labels: dict[str, set] = {}
    for ent, lab in zip(m["entity"], m["label"]):
        labels.setdefault(ent, set()).add(lab)
    assert all(len(v) == 1 for v in labels.values())


def test_ambiguous_surnames_are_not_merged() -> None:
    c = lx.Corpus(["John Smith met reporters.", "Anna Smith wrote a letter.", "Smith said nothing."])
    t = c.entities(as_dict=True)
    smith = entity(t, "Smith")
    assert smith["ambiguous"] is True and smith["label"] == "PERSON"
    assert "John Smith" in t["entity"] and "Anna Smith" in t["entity"]


def test_acronyms_join_long_forms() -> None:
    c = lx.Corpus(["The Oskel River Commission met. Later the ORC published its report."])
    t = c.entities(as_dict=True)
    assert sorted(entity(t, "Oskel River Commission")["variants"]) == ["ORC", "Oskel River Commission"]


def test_gazetteer() -> None:
    g = lx.Gazetteer({"ORG": ["Oskel River Commission", "Meridian Herald"], "PERSON": ["Amira Haddad"]}, aliases={"ORC": "Oskel River Commission"})
    assert len(g) == 3 and g.n_patterns == 4
    text = "The orc met the OSKEL river commission; Amira Haddad writes for the Meridian Herald."
    assert g.find(text) == [
        (4, 7, "Oskel River Commission", "ORG"),
        (16, 38, "Oskel River Commission", "ORG"),
        (40, 52, "Amira Haddad", "PERSON"),
        (68, 83, "Meridian Herald", "ORG"),
    ]
    c = lx.Corpus([text, "Haddad and the ORC spoke."])
    t = c.entities(g, as_dict=True)
    assert entity(t, "Oskel River Commission")["mentions"] == 3
    assert entity(t, "Amira Haddad")["mentions"] == 2
    assert pickle.loads(pickle.dumps(g)).find(text) == g.find(text)
    with pytest.raises(lx.InvalidArgumentError, match="empty"):
        lx.Gazetteer({"ORG": ["  "]})
    with pytest.raises(lx.InvalidArgumentError, match="unknown label"):
        lx.Gazetteer({"THING": ["x"]})
    with pytest.raises(lx.InvalidArgumentError, match="not an entry"):
        lx.Gazetteer({"ORG": ["A Corp"]}, aliases={"AC": "B Corp"})
    dup = lx.Gazetteer({"ORG": ["Acme", "Acme", "acme"], "GPE": ["Acme City"]})
    assert [f[2] for f in dup.find("Acme City and Acme")] == ["Acme City", "Acme"]


def test_hard_inputs() -> None:
    caps = lx.Corpus(["RUSSIA AND UKRAINE HOLD TALKS IN GENEVA AS NATO WATCHES"])
    assert {"Russia", "Ukraine", "Geneva", "NATO"} <= set(caps.entities(as_dict=True)["entity"])
    lower = lx.Corpus(["no capitals here at all, just words about russia and talks."])
    assert lower.entities(as_dict=True)["entity"] == []
    many = lx.Corpus(["Putin spoke. " * 100_000])
    t = many.entities(as_dict=True)
    assert t["mentions"][0] == 100_000
    names = lx.Corpus(["Participants: Anna Kovalenko, Marco Bianchi, Li Wei, Fatima Zahra"])
    people = set(names.entities(as_dict=True)["entity"])
    assert {"Anna Kovalenko", "Marco Bianchi", "Li Wei", "Fatima Zahra"} <= people
    assert lx.Corpus([""]).entities(as_dict=True)["entity"] == []


def test_seed_entities(seeds: dict[str, str]) -> None:
    """The people, places and organisations of the seed articles, each merged into one entity."""
    c = lx.Corpus(list(seeds.values()), ids=list(seeds))
    t = c.entities(as_dict=True)
    by_variant = {}
    for name, label, variants in zip(t["entity"], t["label"], t["variants"]):
        for v in variants:
            by_variant[v] = (name, label)
    people = [
        ("JD Vance", ["Vance"]),
        ("Vladimir Putin", ["Putin"]),
        ("Donald Trump", ["Trump"]),
        ("Sergei Lavrov", ["Sergey Lavrov"]),
        ("Volodymyr Zelensky", ["Zelenskyy", "Volodymyr Zelenskyy", "Zelensky"]),
        ("Marco Rubio", []),
        ("Kristen Welker", []),
        ("Steve Witkoff", []),
        ("David Lammy", []),
        ("John Healey", []),
        ("Joe Biden", []),
    ]
    for name, variants in people:
        assert name in by_variant, name
        entity_name, label = by_variant[name]
        assert label == "PERSON", name
        for v in variants:
            if v in by_variant:
                assert by_variant[v][0] == entity_name, (name, v)
    places = ["Russia", "Ukraine", "Kyiv", "Moscow", "Donbas", "Crimea", "India", "New Delhi", "Alaska", "London", "Kherson"]
    for p in places:
        assert by_variant[p][1] in ("GPE", "LOC"), p
    for org in ["NBC", "NATO", "Reuters", "UN Security Council", "Kremlin"]:
        assert by_variant[org][1] == "ORG", org
    # No furniture line yields an entity.
    for d in c.ids:
        removed = c.removed(d, as_dict=True)
        m = c.mentions(as_dict=True)
        for doc, s in zip(m["doc"], m["start"]):
            if doc == d:
                assert not any(a <= s < b for a, b in zip(removed["start"], removed["end"]))
