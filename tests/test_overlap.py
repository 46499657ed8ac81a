"""Topical overlap: scores, explanations, neighbours, stories, near duplicates."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import lexiscope as lx

STORY_A = [
    "Dravinia and Sarkhan signed the Oskel River water treaty in Geneva on Friday, Foreign Minister Aleksandr Petrenko said.",
    "In Geneva, Foreign Minister Alexander Petrenko of Dravinia signed the Oskel water treaty with Sarkhan's Amira Haddad.",
    "The Oskel River treaty between Dravinia and Sarkhan, signed in Geneva, shares the river's water, Haddad said.",
]
STORY_B = [
    "An earthquake of magnitude 6.1 struck the coastal province of Lernia overnight, damaging roads and bridges.",
    "Rescue teams reached Lernia after the overnight earthquake damaged bridges across the province.",
]


@pytest.fixture(scope="module")
def corpus() -> lx.Corpus:
    return lx.Corpus(STORY_A + STORY_B + [""], ids=["a1", "a2", "a3", "b1", "b2", "empty"])


@pytest.mark.parametrize("method", ["default", "tfidf", "entities", "jaccard"])
def test_matrix_properties(corpus: lx.Corpus, method: str) -> None:
    m = corpus.overlap(method).matrix()
    assert m.shape == (6, 6) and m.dtype == np.float64
    assert np.array_equal(m, m.T)
    assert (m >= 0).all() and (m <= 1).all()
    assert m[5, 5] == 0.0  # an empty document is similar to nothing
    if method != "entities":
        assert all(m[i, i] == 1.0 for i in range(5))
    m32 = corpus.overlap(method).matrix("float32")
    assert m32.dtype == np.float32 and np.allclose(m32, m, atol=1e-6)
    with pytest.raises(lx.InvalidArgumentError, match="dtype"):
        corpus.overlap(method).matrix("int8")


def test_old_matrix_spellings_warn(corpus: lx.Corpus) -> None:
    ov = corpus.overlap()
    with pytest.warns(DeprecationWarning, match="matrix"):
        assert ov.matrix[0, 1] == ov.matrix()[0, 1]
    with pytest.warns(DeprecationWarning, match="matrix"):
        assert np.array_equal(ov.matrix.round(2), ov.matrix().round(2))
    with pytest.warns(DeprecationWarning, match="to_numpy"):
        assert ov.to_numpy("float32").dtype == np.float32


def test_same_story_ranks_first(corpus: lx.Corpus) -> None:
    ov = corpus.overlap()
    m = ov.matrix()
    for i in range(3):
        assert min(m[i, j] for j in range(3) if j != i) > max(m[i, 3], m[i, 4])
    st_ = ov.stories(as_dict=True)
    assert sorted(map(sorted, st_["ids"])) == [["a1", "a2", "a3"], ["b1", "b2"], ["empty"]]
    label = st_["label"][st_["ids"].index(["a1", "a2", "a3"])]
    assert "Dravinia" in label or "Sarkhan" in label or "Oskel" in label


def test_explain_adds_up(corpus: lx.Corpus) -> None:
    ov = corpus.overlap()
    e = ov.explain("a1", "a2", top=None, as_dict=True)
    assert abs(sum(e["contribution"]) - ov.score("a1", "a2")) < 1e-9
    assert abs(ov.score("a1", "a2") - ov.matrix()[0, 1]) < 1e-9
    assert list(e) == ["channel", "feature", "contribution"]
    assert set(e["channel"]) <= {"term", "phrase", "entity", "context"}
    assert "context" in e["channel"] and "entity" in e["channel"]
    # A shared person counts once whatever the spelling.
    assert any(k == "entity" and "Petrenko" in f for k, f in zip(e["channel"], e["feature"]))
    # Grouped by channel in a fixed order, largest first within each.
    order = ["entity", "phrase", "term", "context"]
    assert e["channel"] == sorted(e["channel"], key=order.index)
    for ch in set(e["channel"]):
        part = [c for k, c in zip(e["channel"], e["contribution"]) if k == ch]
        assert part == sorted(part, reverse=True)
    with pytest.raises(lx.InvalidArgumentError):
        corpus.overlap("jaccard").explain("a1", "a2")


def test_explain_reads_as_written(corpus: lx.Corpus) -> None:
    e = corpus.overlap().explain("a1", "a2", top=None, as_dict=True)
    words = [f for k, f in zip(e["channel"], e["feature"]) if k in ("term", "phrase")]
    # Written forms, never stems: "treaty" (stem "treati"), "signed" (stem "sign").
    assert "treaty" in words and "signed" in words and "treati" not in words
    assert any(" " in f for k, f in zip(e["channel"], e["feature"]) if k == "phrase")
    # The pair itself is never listed as its own neighbour.
    context = [f for k, f in zip(e["channel"], e["feature"]) if k == "context"]
    assert "a1" not in context and "a2" not in context


def test_explain_joins_bigrams_that_run_on_into_one_passage() -> None:
    texts = [
        "The minister said the rebels were not able to install a puppet regime in Varn this spring.",
        "Observers agreed that the rebels were never able to install a puppet regime in Varn at all.",
        "Farmers in the valley planted barley early after a wet winter.",
    ]
    ov = lx.Corpus(texts).overlap(quotes=0)
    ex = ov.explain(0, 1, as_dict=True)
    phrases = [f for ch, f in zip(ex["channel"], ex["feature"]) if ch == "phrase"]
    # One row for the shared passage, not its fragments (able to install, regime in Varn).
    assert phrases[0] == "able to install a puppet regime in Varn"
    assert not any(p in phrases for p in ("able to install", "puppet regime", "regime in Varn"))
    assert abs(sum(ex["contribution"]) - ov.score(0, 1)) < 1e-9


def test_explain_top_per_channel_adds_up(corpus: lx.Corpus) -> None:
    ov = corpus.overlap()
    full = ov.explain("a1", "a3", top=None, as_dict=True)
    short = ov.explain("a1", "a3", top=1, as_dict=True)
    assert len(short["channel"]) < len(full["channel"])
    assert abs(sum(short["contribution"]) - ov.score("a1", "a3")) < 1e-9
    for ch in set(full["channel"]):
        n = full["channel"].count(ch)
        shown = [f for k, f in zip(short["channel"], short["feature"]) if k == ch]
        assert len(shown) == (n if n <= 2 else 2)
        if n > 2:
            assert shown[-1] == f"{n - 1} more"
    totals = ov.channels("a1", "a3", as_dict=True)
    assert abs(sum(totals["contribution"]) - ov.score("a1", "a3")) < 1e-9
    assert abs(sum(totals["share"]) - 1.0) < 1e-9
    assert len(ov.explain("a1", "a3", top=0)) <= len(set(full["channel"]))


def test_top_k(corpus: lx.Corpus) -> None:
    ov = corpus.overlap()
    t = ov.top_k(2, as_dict=True)
    first = [n for d, n, r in zip(t["doc"], t["neighbor"], t["rank"]) if d == "a1"]
    assert set(first) == {"a2", "a3"}
    dense = ov.matrix()
    for d, n, s in zip(t["doc"], t["neighbor"], t["score"]):
        assert abs(dense[corpus.ids.index(d), corpus.ids.index(n)] - s) < 1e-9
    assert corpus.neighbors(1, as_dict=True)["neighbor"][0] in ("a2", "a3")


def test_top_k_search() -> None:
    """Below the size the search is exact; the pruned one (forced here with a
    small budget) returns exact scores of real pairs, and exact=True the lists
    of the exact search, whatever the setting the overlap was made under."""
    texts = STORY_A + STORY_B + [t.replace("Geneva", "Vienna") for t in STORY_A] + [t + " Lernia." for t in STORY_B]
    assert lx.overlap.exact_max_docs() == lx.overlap.EXACT_MAX_DOCS == 20_000
    assert lx.overlap.candidate_budget() == lx.overlap.CANDIDATE_BUDGET
    exact = lx.Corpus(texts).overlap().top_k(3, as_dict=True)
    before = lx.overlap.exact_max_docs(0), lx.overlap.candidate_budget(4)
    try:
        ov = lx.Corpus(texts).overlap()
        pruned = ov.top_k(3, as_dict=True)
        assert ov.top_k(3, exact=False, as_dict=True) == pruned
        assert ov.top_k(3, exact=True, as_dict=True) == exact
    finally:
        lx.overlap.exact_max_docs(before[0])
        lx.overlap.candidate_budget(before[1])
    assert lx.overlap.exact_max_docs() == 20_000
    for d, n, s in zip(pruned["doc"], pruned["neighbor"], pruned["score"]):
        assert d != n and abs(s - ov.score(d, n)) < 1e-12
    with pytest.raises(lx.InvalidArgumentError):
        lx.overlap.exact_max_docs(-1)


def test_adds(corpus: lx.Corpus) -> None:
    a = corpus.overlap().adds("a2", min_z=0.0, as_dict=True)
    assert set(a["channel"]) <= {"term", "entity"}
    assert "Haddad" in a["feature"] and "Amira" in a["feature"]
    # Alone in its story: what it adds against the whole corpus, not an error.
    alone = corpus.overlap().adds("b1", min_z=0.0, as_dict=True)
    assert alone["channel"] and set(alone["channel"]) <= {"term", "entity"}
    assert corpus.overlap().adds("empty", as_dict=True)["feature"] == []


def test_near_duplicates() -> None:
    base = " ".join(f"Sentence number {i} of the agency story about the river treaty." for i in range(30))
    copy = base.replace("number 7 ", "number seven ")
    longer = "Local introduction paragraph with our own reporting. " * 5 + base + " Closing remarks from the editor." * 3
    other = " ".join(f"Unrelated line {i} about football results and league tables." for i in range(30))
    c = lx.Corpus([base, copy, longer, other], ids=["base", "copy", "longer", "other"])
    d = c.near_duplicates(0.8, as_dict=True)
    assert ("base", "copy") in set(zip(d["a"], d["b"]))
    assert all(j >= 0.8 for j in d["jaccard"])
    assert "other" not in d["a"] + d["b"]
    withc = c.near_duplicates(0.8, containment=0.9, as_dict=True)
    pairs = set(zip(withc["a"], withc["b"]))
    assert ("base", "longer") in pairs
    assert c.near_duplicates(0.8, as_dict=True) == d  # deterministic


@settings(max_examples=30, deadline=None)
@given(st.lists(st.text(alphabet="abc de\nXYZ.", max_size=60), min_size=1, max_size=8))
def test_properties(texts: list[str]) -> None:
    c = lx.Corpus(texts)
    ov = c.overlap()
    m = ov.matrix()
    assert np.allclose(m, m.T) and (m >= 0).all() and (m <= 1).all()
    for i in range(len(texts)):
        for j in range(len(texts)):
            if i != j:
                e = ov.explain(i, j, as_dict=True)
                assert abs(sum(e["contribution"]) - m[i, j]) < 1e-9


def test_seed_stories(seeds: dict[str, str]) -> None:
    c = lx.Corpus(list(seeds.values()), ids=list(seeds))
    ov = c.overlap()
    m = ov.matrix()
    for i in range(4):
        others = [m[i, j] for j in range(4) if j != i]
        assert min(others) > m[i, 4], i
    groups = sorted(map(sorted, ov.stories(as_dict=True)["ids"]))
    assert groups == [["000", "001", "002", "003"], ["004"]]


@pytest.mark.parametrize("threshold", [0.2, 0.25, 0.3, 0.35, 0.4])
def test_seed_stories_hold_across_thresholds(seeds: dict[str, str], threshold: float) -> None:
    ov = lx.Corpus(list(seeds.values()), ids=list(seeds)).overlap()
    groups = sorted(map(sorted, ov.stories(threshold, as_dict=True)["ids"]))
    assert groups == [["000", "001", "002", "003"], ["004"]]


def test_seed_explanation_reads_well(seeds: dict[str, str]) -> None:
    ov = lx.Corpus(list(seeds.values()), ids=list(seeds)).overlap()
    e = ov.explain("000", "002")
    assert len(e) <= 4 * (10 + 1)
    assert "000" not in e["feature"] and "002" not in e["feature"]
    assert abs(sum(e["contribution"]) - ov.score("000", "002")) < 1e-9
    for stem in ("ukrain", "vanc", "presid", "guarante"):
        assert not any(stem in f.split() for f in e["feature"] if isinstance(f, str)), stem
    labels = ov.stories(as_dict=True)["label"]
    assert all(w not in label.split() for label in labels for w in ("ukrain", "secur", "guarante"))


@pytest.mark.parametrize("threshold", [0.2, 0.3, 0.4, 0.5])
def test_sample_stories_set_the_earlier_event_apart(threshold: float) -> None:
    # 05_harbor_daily reports an earlier conference with the same people.
    ov = lx.Corpus.from_files(lx.sample_paths()).overlap()
    groups = sorted(map(sorted, ov.stories(threshold, as_dict=True)["ids"]))
    treaty = ["01_meridian_herald.txt", "02_coastline_post.txt", "03_valley_wire.txt", "04_northern_ledger.txt"]
    assert groups == [treaty, ["05_harbor_daily.txt"]]
