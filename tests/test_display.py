"""HTML views (lexiscope.display) and matplotlib plots (lexiscope.plots)."""

from __future__ import annotations

import datetime as dt
import html
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

import lexiscope as lx
from lexiscope import display, plots


@pytest.fixture(scope="module")
def sample() -> lx.Corpus:
    return lx.Corpus.from_files(lx.sample_paths())


class Marks(HTMLParser):
    """Each character inside ``.doc`` with the classes of the spans around it."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[list[str]] = []
        self.depth = 0
        self.chars: list[tuple[str, frozenset[str]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        cls = (dict(attrs).get("class") or "").split()
        if self.depth == 0 and tag == "div" and "doc" in cls:
            self.depth = 1
            self.stack = []
            return
        if self.depth:
            self.depth += 1
            self.stack.append(cls)

    def handle_endtag(self, tag: str) -> None:
        if self.depth:
            self.depth -= 1
            if self.depth:
                self.stack.pop()

    def handle_data(self, data: str) -> None:
        if self.depth:
            active = frozenset(c for cls in self.stack for c in cls)
            self.chars.extend((ch, active) for ch in data)


def marks(view: str) -> list[tuple[str, frozenset[str]]]:
    p = Marks()
    p.feed(view)
    return p.chars


def test_document_view_keeps_the_text_and_escapes_it() -> None:
    text = "Menu\nRussia & <b>Ukraine</b> talks in Geneva.\nThe <script>alert(1)</script> “Geneva” talks went on.\nMenu"
    c = lx.Corpus([text, "Menu\nAnother story from Geneva about Russia.\nMenu"], ids=["a", "b"])
    view = display.document(c, "a")
    assert "<script" not in view and "<b>" not in view and "&lt;" in view
    chars = marks(view)
    assert "".join(ch for ch, _ in chars) == text  # every character, once, in order
    men = c.mentions(as_dict=True)
    for d, s, e, lab in zip(men["doc"], men["start"], men["end"], men["label"]):
        if d == "a":
            assert all("ent" in cls and lab in cls for _, cls in chars[s:e]), (s, e)
            assert not any("ent" in cls for _, cls in chars[s - 1 : s] if s and text[s - 1] == " ")
    rm = c.removed("a", as_dict=True)
    assert rm["text"], "the repeated menu line is set aside"
    for s, e in zip(rm["start"], rm["end"]):
        assert all("rm" in cls for _, cls in chars[s:e])
    kept = [i for i, (_, cls) in enumerate(chars) if "rm" in cls]
    assert kept == [i for s, e in zip(rm["start"], rm["end"]) for i in range(s, e)]


def test_document_view_marks_keyphrases_at_their_offsets(sample: lx.Corpus) -> None:
    doc = "04_northern_ledger.txt"
    text = sample.text(doc)
    chars = marks(display.document(sample, doc, keyphrases=5))
    assert "".join(ch for ch, _ in chars) == text
    kw = sample.keywords(top=5, doc=doc, as_dict=True)
    for s, e in zip(kw["start"], kw["end"]):
        assert all("kp" in cls for _, cls in chars[s:e])
    assert sample.show(doc) == display.document(sample, doc)


def test_document_view_picks_up_quotes(monkeypatch: pytest.MonkeyPatch, sample: lx.Corpus) -> None:
    doc = sample.ids[0]
    text = sample.text(doc)
    start = text.index("“No country")
    end = text.index("”", start) + 1

    def quotes(self: Any, *, as_dict: bool = False) -> dict[str, list[Any]]:
        return {"doc": [doc], "speaker": ["Aleksandr Petrenko"], "text": [text[start:end]], "start": [start], "end": [end], "also_in": [[]]}

    monkeypatch.setattr(lx.Corpus, "quotes", quotes, raising=False)
    view = display.document(sample, doc)
    chars = marks(view)
    assert all("q" in cls for _, cls in chars[start:end])
    assert not any("q" in cls for _, cls in chars[:start])
    assert "quote: Aleksandr Petrenko" in view


def test_summary_is_the_corpus_html(sample: lx.Corpus) -> None:
    view = sample._repr_html_()
    assert view == str(display.summary(sample))
    assert "top keyphrases" in view and "<td>Sarkhan</td>" in view and "<td>5</td>" in view


def test_short_labels() -> None:
    assert display.short_labels(["01_a.txt", "02_b.txt"]) == ["01_a", "02_b"]
    long = [f"outlet_{i:03d}_article_about_the_river_treaty.txt" for i in range(3)]
    labels = display.short_labels(long)
    assert len(set(labels)) == 3 and all(len(s) <= 18 for s in labels)
    assert display.short_labels([1, 2]) == ["1", "2"]


def corpus100() -> lx.Corpus:
    """A hundred documents: twenty copies of the sample, each copy a little different."""
    texts = [Path(p).read_text(encoding="utf-8") for p in lx.sample_paths()]
    docs = [f"{t}\nItem {i} adds {' '.join(f'w{i}x{k}' for k in range(30))}." for i in range(20) for t in texts]
    return lx.Corpus(docs, ids=[f"outlet_{i:03d}_article_about_the_river_treaty.txt" for i in range(len(docs))])


def test_heatmap_at_100_documents_is_ordered_and_self_contained() -> None:
    c = corpus100()
    ov = c.overlap()
    view = display.heatmap(ov)
    assert view.count("<rect class='cell'") == 100 * 100
    assert "<script" not in view and "http" not in view.replace("http://www.w3.org/2000/svg", "")
    idx = display.order(ov)
    assert sorted(idx) == list(range(100))
    # Story order: each story's documents sit together.
    story = {d: s for s, g in zip(ov.stories(as_dict=True)["story"], ov.stories(as_dict=True)["ids"]) for d in g}
    seq = [story[ov.ids[i]] for i in idx]
    assert all(seq[i] == seq[i - 1] or seq[i] not in seq[:i] for i in range(1, len(seq)))
    cl = display.order(ov, "cluster")
    assert sorted(cl) == list(range(100))
    assert display.order(ov, "input") == list(range(100))
    with pytest.raises(lx.InvalidArgumentError):
        display.order(ov, "nope")
    assert ov._repr_html_() == str(view)


def test_average_linkage_order_groups_blocks() -> None:
    import numpy as np

    m = np.full((6, 6), 0.1)
    for block in ([0, 2, 4], [1, 3, 5]):
        for a in block:
            for b in block:
                m[a, b] = 0.9
    order = display._average_linkage_order(m)
    assert sorted(order[:3]) in ([0, 2, 4], [1, 3, 5])


def test_story_view(sample: lx.Corpus) -> None:
    ov = sample.overlap()
    view = display.stories(sample, ov, threshold=0.5)
    groups = ov.stories(threshold=0.5, as_dict=True)["ids"]
    assert view.count("class='story'") == len(groups) == 2
    for g in groups:
        for d in g:
            assert html.escape(d) in view
    assert "Amira Haddad" in view  # shared by both stories' documents


# -- plots -----------------------------------------------------------------------


@pytest.fixture
def plt() -> Any:
    mpl = pytest.importorskip("matplotlib", reason="plots need matplotlib (the plot extra; the test extra installs it)")
    mpl.use("Agg", force=True)
    import matplotlib.pyplot as pyplot

    yield pyplot
    pyplot.close("all")


def test_overlap_plot(plt: Any, sample: lx.Corpus) -> None:
    ov = sample.overlap()
    ax = ov.plot()
    image = ax.get_images()[0]
    assert image.get_array().shape == (5, 5)
    labels = [t.get_text() for t in ax.get_yticklabels()]
    order = display.order(ov)
    assert labels == [f"{k + 1} {display.short_labels(ov.ids)[i]}" for k, i in enumerate(order)]
    assert ax.get_title() == "overlap (default)"


def test_entity_plot(plt: Any, sample: lx.Corpus) -> None:
    ax = plots.entities(sample, top=7)
    assert len(ax.patches) == 7
    ents = sample.entities(as_dict=True)
    assert [p.get_width() for p in ax.patches][::-1] == ents["mentions"][:7]
    assert ax.get_yticklabels()[-1].get_text() == f"{ents['entity'][0]} [{ents['label'][0]}]"


def test_story_keyphrase_plot(plt: Any, sample: lx.Corpus) -> None:
    ax = plots.story_keyphrases(sample, threshold=0.5, top=4)
    assert 0 < len(ax.patches) <= 8
    assert all(p.get_width() >= 2 for p in ax.patches)


def test_timeline(plt: Any, sample: lx.Corpus) -> None:
    found = plots.find_dates(sample)
    assert found["01_meridian_herald.txt"] == dt.date(2026, 3, 14)
    assert found["04_northern_ledger.txt"] == dt.date(2026, 3, 15)
    ax = plots.timeline(sample)
    assert len(ax.collections[0].get_offsets()) == len(found)
    given = {"01_meridian_herald.txt": "2026-03-14", "03_valley_wire.txt": dt.date(2025, 11, 2)}
    ax = plots.timeline(sample, dates=given)
    assert len(ax.collections[0].get_offsets()) == 2
    assert sorted(t.get_text() for t in ax.texts) == ["01_meridian_herald", "03_valley_wire"]
    with pytest.raises(lx.InvalidArgumentError, match="not a document"):
        plots.timeline(sample, dates={"nope": "2026-01-01"})
    with pytest.raises(lx.InvalidArgumentError, match="entries"):
        plots.timeline(sample, dates=["2026-01-01"])
    with pytest.raises(lx.InvalidArgumentError, match="no document has a date"):
        plots.timeline(lx.Corpus(["No dates here.", "Nor here."]))
