"""lexiscope.Options (src/python/options.rs): one frozen, picklable value for
how a corpus cleans and normalizes, checked once by the core."""

from __future__ import annotations

import pickle

import pytest

import lexiscope as lx

TEXTS = ["Café owners in Zürich met the mayor.", "The MAYOR of Zürich visited a café."]


def test_defaults_repr_equality_and_pickle() -> None:
    o = lx.Options()
    assert (o.clean, o.lowercase, o.fold_typography, o.nfkc, o.strip_accents, o.stopwords) == (
        True, True, True, False, False, "en",
    )
    assert repr(o) == (
        "Options(clean=True, lowercase=True, fold_typography=True, nfkc=False, strip_accents=False, stopwords='en')"
    )
    custom = lx.Options(strip_accents=True, stopwords=["mayor"])
    assert custom.stopwords == ["mayor"]
    assert custom != o and lx.Options(strip_accents=True, stopwords=["mayor"]) == custom
    assert hash(lx.Options()) == hash(o)
    assert pickle.loads(pickle.dumps(custom)) == custom
    with pytest.raises(AttributeError):
        o.clean = False  # type: ignore[misc]


def test_options_equal_keywords_and_travel_with_the_corpus() -> None:
    o = lx.Options(strip_accents=True, clean=False)
    by_options = lx.Corpus(TEXTS, options=o)
    by_keywords = lx.Corpus(TEXTS, strip_accents=True, clean=False)
    assert by_options.terms(as_dict=True) == by_keywords.terms(as_dict=True)
    assert "cafe" in by_options.terms(as_dict=True)["term"]
    assert by_options.options == o
    assert pickle.loads(pickle.dumps(by_options)).options == o


def test_bad_options_are_clear_errors() -> None:
    with pytest.raises(lx.InvalidArgumentError, match="not both"):
        lx.Corpus(TEXTS, options=lx.Options(), lowercase=False)
    with pytest.raises(lx.InputTypeError, match="lexiscope.Options"):
        lx.Corpus(TEXTS, options={"clean": False})  # type: ignore[arg-type]
    with pytest.raises(lx.InvalidArgumentError, match="stopword"):
        lx.Options(stopwords="xx")


def test_one_ngram_limit_from_rust_and_python() -> None:
    c = lx.Corpus(["one two three four five six seven eight nine ten eleven twelve"])
    # The core's limit (16) holds for the corpus and the tokenizer alike.
    assert len(c.terms(ngram=(12, 12), stopwords=False, as_dict=True)["term"]) == 1
    lx.Tokenizer(ngram_range=(16, 16))
    for call in (lambda: c.terms(ngram=(1, 17)), lambda: lx.Tokenizer(ngram_range=(1, 17))):
        with pytest.raises(lx.InvalidArgumentError, match="<= 16"):
            call()
