"""Bad input: clear exceptions naming the item, or documented results."""

from __future__ import annotations

import pytest

import lexiscope as lx


def test_empty_and_whitespace() -> None:
    assert lx.tokenize("") == []
    assert lx.tokenize(" \n\t\u00a0 ") == []
    assert lx.sentences("") == []
    assert lx.sentences("   ") == []


def test_non_str_is_type_error() -> None:
    with pytest.raises(lx.InputTypeError, match="text must be str, got NoneType"):
        lx.tokenize(None)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match=r"texts\[2\] must be str, got int"):
        lx.Tokenizer().tokenize_batch(["a", "b", 3])  # type: ignore[list-item]
    with pytest.raises(lx.InputTypeError, match=r"texts\[0\] must be str, got NoneType"):
        lx.Tokenizer().words_batch([None])  # type: ignore[list-item]
    with pytest.raises(lx.InputTypeError, match="single str"):
        lx.Tokenizer().words_batch("abc")


def test_bad_options() -> None:
    with pytest.raises(lx.InvalidArgumentError, match="ngram_range"):
        lx.Tokenizer(ngram_range=(2, 1))
    with pytest.raises(ValueError, match="Snowball"):
        lx.Tokenizer(stem="xx")
    with pytest.raises(ValueError, match="stopword"):
        lx.Tokenizer(stopwords="xx")
    with pytest.raises(ValueError, match="n_threads"):
        lx.Tokenizer().count_batch(["a"], n_threads=0)


def test_control_characters_are_skipped() -> None:
    text = "a\x00b\x07 c\u200bd\ufeff e"
    toks = lx.tokenize(text)
    assert [t.text for t in toks] == ["a", "b", "c", "d", "e"]
    for t in toks:
        assert text[t.start : t.end] == t.text


def test_lone_surrogates_keep_offsets() -> None:
    text = "bad \ud800 text \udcff here"
    toks = lx.tokenize(text)
    assert [t.text for t in toks] == ["bad", "\ud800", "text", "\udcff", "here"]
    for t in toks:
        assert text[t.start : t.end] == t.text
    assert lx.Tokenizer().count_batch([text]) == [3]


def test_long_inputs() -> None:
    no_space = "x" * 1_000_000
    (tok,) = lx.tokenize(no_space)
    assert (tok.start, tok.end) == (0, 1_000_000)
    punct = "!" * 200_000
    assert len(lx.tokenize(punct)) == 200_000
    at_signs = "a@" * 100_000
    assert sum(len(t.text) for t in lx.tokenize(at_signs)) == len(at_signs)


def test_100_mb_string() -> None:
    piece = "Russia’s U.S.-led talks, 25% of $1.13bn. "
    text = piece * (100_000_000 // len(piece.encode()))
    (n,) = lx.Tokenizer().count_batch([text])
    assert n == 7 * (100_000_000 // len(piece.encode()))


def test_mixed_scripts() -> None:
    text = "Putin Путин 普京 بوتين"
    assert [t.text for t in lx.tokenize(text)] == ["Putin", "Путин", "普", "京", "بوتين"]
