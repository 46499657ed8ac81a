"""Cleaning (src/clean/): each kind of furniture, exact offsets, real sentences
kept, document metadata, and the seed articles."""

from __future__ import annotations

import pytest

import lexiscope as lx

# Hand-written pages in the styles of different outlets (none of it is real).
BRIEFING = (
    "Business Ports Harbour strike ends after nine days\n\n"
    "Harbour strike ends after nine days\n"
    "By Maria Lopez and Tom Reed, Staff Writers\n"
    "Updated 10:32 AM EDT, Sat March 14, 2026\n"
    "Dock workers at Port Avila returned on Monday after the union accepted a new pay offer.\n"
    "Why it matters: The port handles most of the island's fuel imports.Driving the news: "
    "The union said members had voted to accept the deal.\"We are back,\" said Ana Ruiz, the union's leader."
    "State of play: Shipping lines expect the backlog to clear within two weeks.\n"
    "Zoom out: Strikes have hit three other ports in the region this year, officials said."
    "Read more:Harbour fees to rise in JuneCouncil names new port chiefWhy fuel prices spiked\n"
)

WIRE = (
    "date 2024-05-06 Officials in Lagos said the bridge would reopen on Friday after repairs to its deck.\n"
    "The work cost 4 billion naira, the state government said.\n"
    "(Reporting by Ana Ruiz; Editing by Tom Reed)\n"
)

TRAIL = (
    "News › World › Europe\n"
    "Valley towns brace for spring floods\n"
    "Posted by admin on March 3, 2026\n"
    "Residents along the river moved sandbags into place on Tuesday as water levels rose.\n"
    "Related: Dam operators lower reservoir levels\n"
    "Emergency crews said they were ready for the weekend, when more rain is forecast.\n"
    "You may also like\n"
)

# Sentences shaped like furniture, which must be kept whole.
LOOKALIKES = (
    "By Monday, the council had approved the plan for the new harbour wall.\n"
    "Related to the strike, ferry fares rose by 5% on Tuesday across the islands.\n"
    "More from the minister came later in the day, when she spoke to reporters.\n"
    "Published in 2019, the report warned of rising seas along the whole coast.\n"
    "The mayor said: \"What happened: nobody knows yet, but we will find out.\"\n"
    "Vance said: The talks will go on next week in the capital, aides confirmed.\n"
)


@pytest.fixture
def pages() -> lx.Corpus:
    return lx.Corpus([BRIEFING, WIRE, TRAIL, LOOKALIKES], ids=["briefing", "wire", "trail", "lookalikes"])


def spans(c: lx.Corpus, doc: str) -> list[tuple[str, str]]:
    r = c.removed(doc, as_dict=True)
    text = c.text(doc)
    for s, e, t in zip(r["start"], r["end"], r["text"]):
        assert text[s:e] == t
    return list(zip(r["text"], r["reason"]))


def test_breadcrumb_glued_before_a_repeated_headline(pages: lx.Corpus) -> None:
    got = spans(pages, "briefing")
    assert got[:2] == [("Business Ports", "breadcrumb"), ("Harbour strike ends after nine days", "duplicate")]
    # The clean copy stays, once.
    kept = " ".join(pages.sentences("briefing", as_dict=True)["text"])
    assert kept.count("Harbour strike ends after nine days") <= 1


def test_bylines_and_stamps(pages: lx.Corpus) -> None:
    briefing = dict(spans(pages, "briefing"))
    assert briefing["By Maria Lopez and Tom Reed, Staff Writers"] == "byline"
    assert briefing["Updated 10:32 AM EDT, Sat March 14, 2026"] == "stamp"
    wire = spans(pages, "wire")
    assert ("date 2024-05-06", "stamp") in wire
    assert ("(Reporting by Ana Ruiz; Editing by Tom Reed)", "byline") in wire
    # The stamp is cut off; the sentence it was glued to is kept.
    assert pages.sentences("wire", as_dict=True)["text"][0].startswith("Officials in Lagos said")
    trail = spans(pages, "trail")
    assert ("News › World › Europe", "breadcrumb") in trail
    assert ("Posted by admin", "byline") in trail and ("March 3, 2026", "stamp") in trail


def test_section_labels_are_never_names(pages: lx.Corpus) -> None:
    got = spans(pages, "briefing")
    labels = [t for t, why in got if why == "section-label"]
    assert labels == ["Why it matters:", "Driving the news:", "State of play:", "Zoom out:"]
    r = pages.removed("briefing", as_dict=True)
    cut = [(s, e) for s, e, why in zip(r["start"], r["end"], r["reason"]) if why == "section-label"]
    m = pages.mentions(as_dict=True)
    names = {t for d, t in zip(m["doc"], m["text"]) if d == "briefing"}
    assert "Ana Ruiz" in names and not {"Zoom", "State", "Driving"} & names
    for d, s in zip(m["doc"], m["start"]):
        assert d != "briefing" or not any(a <= s < b for a, b in cut)
    # The paragraph a label opens is kept, from the word after the label.
    sents = pages.sentences("briefing", as_dict=True)["text"]
    assert any(s.startswith("The port handles most") for s in sents)
    assert any(s.startswith("Shipping lines expect") for s in sents)


def test_related_links(pages: lx.Corpus) -> None:
    got = spans(pages, "briefing")
    assert got[-1] == ("Read more:Harbour fees to rise in JuneCouncil names new port chiefWhy fuel prices spiked", "related")
    sents = pages.sentences("briefing", as_dict=True)["text"]
    assert sents[-1].endswith("this year, officials said.")
    trail = spans(pages, "trail")
    assert ("Related: Dam operators lower reservoir levels", "related") in trail
    assert ("You may also like", "related") in trail
    m = pages.mentions(as_dict=True)
    assert "Council" not in {t for d, t in zip(m["doc"], m["text"]) if d == "briefing"}


def test_real_sentences_that_look_like_furniture_are_kept(pages: lx.Corpus) -> None:
    assert spans(pages, "lookalikes") == []
    assert len(pages.sentences("lookalikes", as_dict=True)["text"]) == 6
    m = pages.mentions(as_dict=True)
    assert "Vance" in {t for d, t in zip(m["doc"], m["text"]) if d == "lookalikes"}


def test_offsets_slice_back_with_non_ascii_text() -> None:
    text = "Ünïcode Ńews logo\n" + BRIEFING.replace("Ana Ruiz", "Ana Ruíz").replace("Port Avila", "Pört Ävila")
    c = lx.Corpus([text])
    r = c.removed(0, as_dict=True)
    assert len(r["text"]) >= 8
    for s, e, t in zip(r["start"], r["end"], r["text"]):
        assert text[s:e] == t
    for s, e, t in zip(*(c.sentences(0, as_dict=True)[k] for k in ("start", "end", "text"))):
        assert text[s:e] == t


def test_meta(pages: lx.Corpus) -> None:
    m = pages.meta(as_dict=True)
    assert list(m["doc"]) == ["briefing", "wire", "trail", "lookalikes"]
    assert list(m["headline"]) == ["Harbour strike ends after nine days", None, "Valley towns brace for spring floods", None]
    assert list(m["byline"]) == ["Maria Lopez and Tom Reed, Staff Writers", "Ana Ruiz", "admin", None]
    assert list(m["date"]) == ["2026-03-14", "2024-05-06", "2026-03-03", None]
    for i, d in enumerate(m["doc"]):
        text = pages.text(d)
        for col in ("headline", "byline"):
            if m[col][i] is not None:
                assert text[m[f"{col}_start"][i] : m[f"{col}_end"][i]] == m[col][i]
    assert pages.text("trail")[m["date_start"][2] : m["date_end"][2]] == "March 3, 2026"
    # Without cleaning the text shows the same metadata.
    raw = lx.Corpus([BRIEFING], clean=False).meta(as_dict=True)
    assert raw["headline"] == ["Harbour strike ends after nine days"] and raw["date"] == ["2026-03-14"]
    # A date that cannot be read is given as written.
    odd = lx.Corpus(["Published 03/04/2026\nThe harbour reopened on Monday after the long strike ended."])
    assert odd.meta(as_dict=True)["date"] == ["03/04/2026"]


def test_sample_meta() -> None:
    c = lx.Corpus.from_files(lx.sample_paths())
    m = c.meta(as_dict=True)
    assert m["date"] == [None, "2026-03-14", "2026-03-14", "2026-03-15", "2025-10-02"]
    assert m["byline"] == ["editor", None, None, "Northern Ledger staff", "editor"]
    assert m["headline"][3] == "Oskel River treaty: what the Geneva agreement between Dravinia and Sarkhan says"


def test_seeds(seeds: dict[str, str]) -> None:
    c = lx.Corpus(list(seeds.values()), ids=list(seeds))
    removed = {d: spans(c, d) for d in c.ids}
    labels = [t for t, why in removed["001"] if why == "section-label"]
    assert {"Zoom in:", "Of note:", "The big picture:", "What they're saying:"} <= set(labels)
    assert any(why == "related" and t.startswith("More from Axios:") for t, why in removed["001"])
    assert ("date 2025-08-24", "stamp") in removed["003"]
    assert removed["004"][:2] == [("Home Globe", "breadcrumb"), (removed["004"][1][0], "duplicate")]
    assert ("by editor", "byline") in removed["004"]
    # No entity from furniture.
    e = c.entities(as_dict=True)
    names = set(e["entity"])
    variants = {v for vs in e["variants"] for v in vs}
    assert not {"Zoom", "MAGA", "Axios"} & (names | variants)
    assert not any("Globe" in v for v in variants)
    vance = list(e["variants"])[list(e["entity"]).index("JD Vance")]
    assert set(vance) == {"JD Vance", "Vance"}
    # Every sentence of reporting survives: the last quote before the related links too.
    assert any(s.endswith("continuation of the war.\"") for s in c.sentences("001", as_dict=True)["text"])
    m = c.meta(as_dict=True)
    assert m["date"][3] == "2025-08-24" and m["byline"][4] == "editor"
    assert m["headline"][4].startswith("JD Vance warns") and m["headline"][4] == removed["004"][1][0]
