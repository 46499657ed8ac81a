"""Corpus.quotes(): marks, attribution forms, speakers, offsets, shared quotations."""

from __future__ import annotations

import pytest

import lexiscope as lx


def quotes(*texts: str) -> dict:
    c = lx.Corpus(list(texts), ids=[str(i) for i in range(len(texts))], clean=False)
    return c.quotes(as_dict=True)


def rows(q: dict) -> list[tuple]:
    return list(zip(q["text"], q["speaker"], q["entity"]))


@pytest.mark.parametrize(
    ("text", "inner"),
    [
        ('"We will win the vote," Mayor Jane Doe said.', "We will win the vote,"),
        ("“We will win the vote,” Mayor Jane Doe said.", "We will win the vote,"),
        ("Mayor Jane Doe said: „Wir gewinnen die Abstimmung sicher.“", "Wir gewinnen die Abstimmung sicher."),
        ("Mayor Jane Doe said: « Nous allons gagner le vote. »", "Nous allons gagner le vote."),
        ("''We will win the vote,'' Mayor Jane Doe said.", "We will win the vote,"),
        ("Mayor Jane Doe said: ‘We will win the vote.’ She left.", "We will win the vote."),
        ("Mayor Jane Doe said: 'We will win the vote.' She left.", "We will win the vote."),
    ],
)
def test_every_mark(text: str, inner: str) -> None:
    q = quotes(text)
    assert list(q["text"]) == [inner]
    assert list(q["speaker"]) == ["Mayor Jane Doe"]
    start, end, i0, i1 = q["start"][0], q["end"][0], q["inner_start"][0], q["inner_end"][0]
    assert text[i0:i1] == inner
    assert text[start] in "\"“„«'‘" and text[end - 1] in "\"”“»'’"
    assert start < i0 <= i1 < end


@pytest.mark.parametrize(
    ("text", "speaker", "cue"),
    [
        ("“The budget is balanced,” Finance Minister Ana Ruiz said.", "Finance Minister Ana Ruiz", "said"),
        ("“The budget is balanced,” said Finance Minister Ana Ruiz.", "Finance Minister Ana Ruiz", "said"),
        ("Finance Minister Ana Ruiz said: “The budget is balanced.”", "Finance Minister Ana Ruiz", "said"),
        ("Finance Minister Ana Ruiz said that “the budget is balanced.”", "Finance Minister Ana Ruiz", "said"),
        ("According to Ana Ruiz, “the budget is balanced and will stay so.”", "Ana Ruiz", "According to"),
        ("“The budget is balanced and will stay so” -- Ana Ruiz", "Ana Ruiz", None),
        ("“The budget is balanced,” Ana Ruiz, the finance minister, told reporters.", "Ana Ruiz", "told"),
        ("“The budget is balanced,” a ministry spokeswoman said.", "a ministry spokeswoman", "said"),
    ],
)
def test_attribution_forms(text: str, speaker: str, cue: str | None) -> None:
    q = quotes(text)
    assert list(q["speaker"]) == [speaker]
    assert list(q["cue"]) == [cue]
    s0, s1 = q["speaker_start"][0], q["speaker_end"][0]
    assert text[s0:s1] == speaker


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("Who won the debate?\n\nJeremy Lott, author: “I'm sick of being told whom to vote for.”", "Jeremy Lott"),
        ("Media shares blame - HuffPollster: “Pollsters are taking a lot of heat.”", "HuffPollster"),
        ("Partial transcript as follows:\n\n“PENCE: Well, look, this is serious business.”", "PENCE"),
        ("“It is time to close the loopholes,” Senate Leader Harry M. Reid (D-Nev.) said.", "Senate Leader Harry M. Reid"),
        ("Priebus later Thursday told Fox News: “Both of them are meeting next week.”", "Priebus"),
        ("“We are not blind to the flaws of the candidate,” the report stated.", "the report"),
        ("As Tom Ridge, a former secretary, put it: “The barbarians are inside the gate now.”", "Tom Ridge"),
        (
            "“There is a method in it,” University of the Fraser Valley political scientist Hamish Telford said.",
            "University of the Fraser Valley political scientist Hamish Telford",
        ),
        ("Mr. Trump said of the episode, “I don't like it,” adding that it was bad.", "Mr. Trump"),
    ],
)
def test_labels_and_longer_speaker_forms(text: str, speaker: str) -> None:
    q = quotes(text)
    assert list(q["speaker"]) == [speaker]


def test_possessive_statements_and_unlinked_surnames_resolve() -> None:
    text = (
        "Environment Minister Shannon Phillips cancelled the sessions on Saturday.\n\n"
        "“I have heard stories of Albertans afraid to attend community events,” her statement read."
    )
    q = quotes(text)
    assert list(q["speaker"]) == ["her statement"]
    assert list(q["entity"]) == ["Shannon Phillips"]


def test_split_quote_is_one_quotation_of_two_segments() -> None:
    text = "“We are ready,” Ana Ruiz said. “The budget is balanced.”"
    q = quotes(text)
    assert list(q["text"]) == ["We are ready,", "The budget is balanced."]
    assert list(q["speaker"]) == ["Ana Ruiz", "Ana Ruiz"]


def test_speaker_in_previous_sentence_and_follow_on_quotes() -> None:
    text = (
        "Ana Ruiz, the finance minister, spoke at length on Monday.\n\n"
        "She said:\n\n"
        "“The budget is balanced and it will stay balanced.”\n\n"
        "“We have done the hard work, and we will keep doing it.”"
    )
    q = quotes(text)
    # The follow-on quotation has no mention of its own: it shows the name as written.
    assert list(q["speaker"]) == ["She", "Ana Ruiz"]
    assert list(q["entity"]) == ["Ana Ruiz", "Ana Ruiz"]
    s0, s1 = q["speaker_start"][1], q["speaker_end"][1]
    assert text[s0:s1] == "Ana Ruiz"


def test_follow_on_quotes_name_the_speaker_as_last_written() -> None:
    text = (
        "Erik Karlsson scored twice on Tuesday.\n\n"
        "“It was a good night for the whole team,” he said. “We needed it.”\n\n"
        "“Now we have to keep going and win the next one,” he said.\n\n"
        "“The fans deserve a lot more from us this season.”"
    )
    q = quotes(text)
    assert rows(q) == [
        ("It was a good night for the whole team,", "he", "Erik Karlsson"),
        ("We needed it.", "he", "Erik Karlsson"),
        ("Now we have to keep going and win the next one,", "he", "Erik Karlsson"),
        ("The fans deserve a lot more from us this season.", "Erik Karlsson", "Erik Karlsson"),
    ]


def test_speaker_ending_the_paragraph_before() -> None:
    text = (
        "Being young in public life can be hard, Darian Lonechild said.\n\n"
        "“I would say there definitely is pressure, but I try to be gentle with myself.”"
    )
    q = quotes(text)
    assert list(q["speaker"]) == ["Darian Lonechild"]


def test_numbers_and_places_inside_speaker_phrases() -> None:
    text = "“We are confident,” UFCW Local 832 president Jeff Traeger said Saturday."
    q = quotes(text)
    assert list(q["speaker"]) == ["UFCW Local 832 president Jeff Traeger"]
    assert list(q["entity"]) == ["Jeff Traeger"]


def test_pronouns_and_descriptions_resolve_to_the_person() -> None:
    text = (
        "Finance Minister Ana Ruiz met Tom Berg on Monday. Ruiz spoke first.\n\n"
        "“The budget is balanced,” she said.\n\n"
        "Tom Berg disagreed. “It is not balanced at all,” he said.\n\n"
        "“We stand by every figure,” the minister said."
    )
    q = quotes(text)
    assert rows(q) == [
        ("The budget is balanced,", "she", "Ana Ruiz"),
        ("It is not balanced at all,", "he", "Tom Berg"),
        ("We stand by every figure,", "the minister", "Ana Ruiz"),
    ]


def test_quotation_across_paragraphs() -> None:
    text = "Ana Ruiz said:\n\n“The budget is balanced.\n\n“And it will stay balanced,” she added.\n\nThe end."
    q = quotes(text)
    assert list(q["open"]) == [True, False]
    assert list(q["text"]) == ["The budget is balanced.", "And it will stay balanced,"]
    assert text[q["start"][0] : q["end"][0]] == "“The budget is balanced."


def test_partial_quote_inside_a_sentence() -> None:
    text = "Ana Ruiz called the plan “a costly and reckless gamble” on Monday."
    q = quotes(text)
    assert list(q["text"]) == ["a costly and reckless gamble"]
    assert list(q["speaker"]) == ["Ana Ruiz"]


def test_unbalanced_marks_do_not_throw_the_document_out_of_phase() -> None:
    text = (
        'The voters\' choice was clear, and a 12" pipe burst. "Yes," Ana Ruiz said."We\'ve been clear," she said.\n'
        '"This one never closes\n'
        '"We will win the vote," Tom Berg said.'
    )
    q = quotes(text)
    assert "We will win the vote," in list(q["text"])
    assert "We've been clear," in list(q["text"])
    i = list(q["text"]).index("We will win the vote,")
    assert q["speaker"][i] == "Tom Berg"
    for s, e, i0, i1 in zip(q["start"], q["end"], q["inner_start"], q["inner_end"]):
        assert text[i0:i1].strip() == text[i0:i1] and s <= i0 <= i1 <= e


def test_titles_and_short_unattributed_fragments_are_not_quotes() -> None:
    q = quotes("She spoke on NBC’s “Meet the Press” about the “deal”. Nothing else.")
    assert list(q["text"]) == []
    q = quotes("The film “The Kid Who Would Be King” opens today.\n\nA scene from “The Kid Who Would Be King.”")
    assert list(q["text"]) == []


def test_offsets_slice_back_with_non_ascii_text() -> None:
    text = "Zoë Åberg — “Ça va très bien, merci,” Zoë Åberg said. “Encore.”"
    q = quotes(text)
    for s, e, i0, i1, t in zip(q["start"], q["end"], q["inner_start"], q["inner_end"], q["text"]):
        assert text[i0:i1] == t
        assert text[s + 1 : e - 1].strip() == t
    for s0, s1, sp in zip(q["speaker_start"], q["speaker_end"], q["speaker"]):
        assert text[s0:s1] == sp


def test_shared_quotes_exact_and_near() -> None:
    a = "“We will not raise taxes on working families this year,” Ana Ruiz said."
    b = "Ana Ruiz promised: “We will not raise taxes on working families this year or next.”"
    c = "“We shall not raise taxes on working families,” Ana Ruiz said."
    d = "“Something else entirely, about the weather today,” Tom Berg said."
    q = quotes(a, b, c, d)
    also = dict(zip(q["doc"], q["also_in"]))
    assert also == {"0": ["1", "2"], "1": ["0", "2"], "2": ["0", "1"], "3": []}


def test_quotes_feed_overlap_as_a_channel() -> None:
    texts = [
        "“We will not raise taxes on working families this year,” Ana Ruiz said in Oskel.",
        "Ana Ruiz spoke in Varn. “We will not raise taxes on working families this year,” she said.",
        "The weather in Oskel was mild.",
    ]
    c = lx.Corpus(texts)
    plain = c.overlap(quotes=0)
    with_quotes = c.overlap(quotes=0.3)
    assert plain.score(0, 1) != with_quotes.score(0, 1)
    ex = with_quotes.explain(0, 1, as_dict=True)
    assert "quote" in ex["channel"]
    assert "quote" not in plain.explain(0, 1, as_dict=True)["channel"]
    assert abs(sum(ex["contribution"]) - with_quotes.score(0, 1)) < 1e-9
    with pytest.raises(lx.InvalidArgumentError):
        c.overlap("tfidf", quotes=0.3)
    # The default method carries shared quotations at 0.05 and shows them;
    # the plain methods have no quotation channel unless asked, and refuse one.
    default = c.overlap()
    assert default.score(0, 1) == c.overlap(quotes=0.05).score(0, 1)
    assert default.score(0, 1) not in (plain.score(0, 1), with_quotes.score(0, 1))
    shown = default.explain(0, 1, as_dict=True)
    quote_rows = [f for ch, f in zip(shown["channel"], shown["feature"]) if ch == "quote"]
    assert quote_rows == ["We will not raise taxes on working families this year,"]
    assert "quote" not in c.overlap("tfidf").explain(0, 1, as_dict=True)["channel"]


def test_one_and_many_threads_agree(seeds: dict[str, str]) -> None:
    texts = list(seeds.values()) * 3
    ids = [f"{k}-{i}" for i in range(3) for k in seeds]
    one = lx.Corpus(texts, ids=ids, n_threads=1).quotes(as_dict=True)
    many = lx.Corpus(texts, ids=ids, n_threads=4).quotes(as_dict=True)
    assert one == many


def test_seeds(seeds: dict[str, str]) -> None:
    c = lx.Corpus(list(seeds.values()), ids=list(seeds))
    q = c.quotes(as_dict=True)
    table = list(zip(q["doc"], q["text"], q["speaker"], q["entity"], q["also_in"]))

    def find(doc: str, words: str) -> tuple:
        hits = [r for r in table if r[0] == doc and words in r[1]]
        assert hits, (doc, words)
        return hits[0]

    concessions = "Russians have made significant concessions to President Trump for the first time"
    for doc in ("000", "001", "002"):
        row = find(doc, concessions)
        assert row[3] == "JD Vance"
        assert set(row[4]) >= {"000", "001", "002"} - {doc}
    war = "But this is a war, and this is why we want to stop the killing"
    assert "003" in find("001", war)[4]
    assert "001" in find("003", war)[4]
    for doc, text, speaker, entity, _ in table:
        if doc == "003" and speaker and speaker.lower() == "he":
            assert entity in ("JD Vance", "Donald Trump"), text
    assert find("003", "over the next two weeks")[3] == "Donald Trump"
