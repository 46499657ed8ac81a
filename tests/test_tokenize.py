"""Tokens and sentences: news rules, kinds, offsets, normalization."""

from __future__ import annotations

import pytest

import lexiscope as lx


def texts(text: str, **kw) -> list[str]:
    return [t.text for t in lx.tokenize(text, **kw)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Russia’s war", ["Russia", "’s", "war"]),
        ("Russia's war", ["Russia", "'s", "war"]),
        ("Russiaʼs war", ["Russia", "ʼs", "war"]),
        ("don't", ["do", "n't"]),
        ("They’ll go", ["They", "’ll", "go"]),
        ("O'Brien", ["O'Brien"]),
        ("NBC News' report", ["NBC", "News", "'", "report"]),
        ("U.S. and U.K. Mr. Dr. Sen. Smith", ["U.S.", "and", "U.K.", "Mr.", "Dr.", "Sen.", "Smith"]),
        ("pro-Russian Euro-Atlantic U.S.-led", ["pro-Russian", "Euro-Atlantic", "U.S.-led"]),
        ("25% $1.13bn £600m 2025-08-24 3.5", ["25%", "$1.13bn", "£600m", "2025-08-24", "3.5"]),
        ("It ended.", ["It", "ended", "."]),
    ],
)
def test_news_rules(text: str, expected: list[str]) -> None:
    assert texts(text) == expected


def test_kinds() -> None:
    text = "See https://example.org/a?b=1, mail me@example.com #Peace @nbc 👨‍👩‍👧 👍🏽 🇺🇦 -3.5 + €"
    got = [(t.text, t.kind) for t in lx.tokenize(text)]
    assert got == [
        ("See", "word"),
        ("https://example.org/a?b=1", "url"),
        (",", "punct"),
        ("mail", "word"),
        ("me@example.com", "email"),
        ("#Peace", "hashtag"),
        ("@nbc", "mention"),
        ("👨‍👩‍👧", "emoji"),
        ("👍🏽", "emoji"),
        ("🇺🇦", "emoji"),
        ("-3.5", "number"),
        ("+", "symbol"),
        ("€", "symbol"),
    ]


def test_hyphen_parts_and_norm() -> None:
    (tok,) = lx.tokenize("U.S.-led")
    assert tok.parts == ["U.S.", "led"]
    tok = lx.tokenize("Russia’s")[1]
    assert (tok.text, tok.norm, tok.is_stop) == ("’s", "'s", True)


def test_offsets_are_characters() -> None:
    text = "Зеленский встретился с Путиным. 中文字 Ελλάδα “quoted” 😀 end"
    for t in lx.tokenize(text):
        assert text[t.start : t.end] == t.text
    assert texts("中文字") == ["中", "文", "字"]  # UAX #29: one token per ideograph


def test_normalization_options() -> None:
    tok = lx.Tokenizer()
    assert tok.normalize("Straße “Quote” – ΣΟΦΙΑ") == 'strasse "quote" - σοφια'
    assert lx.Tokenizer(lowercase=False).normalize("Kyiv’s") == "Kyiv's"
    assert lx.Tokenizer(fold_typography=False).normalize("Kyiv’s") == "kyiv’s"
    assert lx.Tokenizer(strip_accents=True, nfkc=True).normalize("Müller ﬁnds") == "muller finds"


def test_words_stopwords_stems_ngrams() -> None:
    tok = lx.Tokenizer(drop_stopwords=True, stem="en", ngram_range=(1, 2))
    assert tok.words("The sanctions on Russia’s economy") == [
        "sanction",
        "russia",
        "economi",
        "sanction russia",
        "russia economi",
    ]
    custom = lx.Tokenizer(stopwords=["russia"], drop_stopwords=True)
    assert custom.words("The Russia talks") == ["the", "talks"]
    assert lx.Tokenizer(stopwords=None).tokenize("the")[0].is_stop is False
    assert "the" in lx.stopwords("en")
    assert lx.Tokenizer(stem="ru").words("Россия") == ["росс"]


def test_sentences() -> None:
    text = (
        "U.S. Vice President JD Vance spoke on Sunday. “We won!” he said. "
        "Talks (in London. Mostly) went on.\nSelect Language:\nIt was in the U.S. He left."
    )
    assert [s.text for s in lx.sentences(text)] == [
        "U.S. Vice President JD Vance spoke on Sunday.",
        "“We won!” he said.",
        "Talks (in London. Mostly) went on.",
        "Select Language:",
        "It was in the U.S.",
        "He left.",
    ]
    for s in lx.sentences(text):
        assert text[s.start : s.end] == s.text


def test_non_latin_scripts() -> None:
    assert texts("Зеленский и Лавров") == ["Зеленский", "и", "Лавров"]
    assert texts("Η Ελλάδα") == ["Η", "Ελλάδα"]
    assert texts("قال الرئيس") == ["قال", "الرئيس"]
    assert texts("שלום עולם") == ["שלום", "עולם"]
    assert texts("नमस्ते दुनिया") == ["नमस्ते", "दुनिया"]
    # Thai has no spaces between words and UAX #29 has no dictionary: every
    # token is a run of characters, nothing is lost, offsets hold.
    thai = "สวัสดีครับ"
    toks = lx.tokenize(thai)
    assert "".join(t.text for t in toks) == thai


def test_word_bounds_are_raw_uax29() -> None:
    assert lx.word_bounds("Russia’s war") == ["Russia’s", " ", "war"]
    assert lx.sentence_bounds("One. Two.") == ["One. ", "Two."]
