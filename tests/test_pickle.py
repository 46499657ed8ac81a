"""Every public class round-trips through pickle."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest

import lexiscope as lx


def test_tokenizer_pickles() -> None:
    tok = lx.Tokenizer(stem="en", stopwords=["a", "b"], drop_stopwords=True, ngram_range=(1, 3), n_threads=1)
    back = pickle.loads(pickle.dumps(tok))
    assert repr(back) == repr(tok)
    assert back.get_params() == tok.get_params()
    text = "The sanctions on Russia’s economy a b"
    assert back.words(text) == tok.words(text)


def test_token_and_span_pickle() -> None:
    toks = lx.tokenize("Russia’s U.S.-led talks 😀")
    assert pickle.loads(pickle.dumps(toks)) == toks
    spans = lx.sentences("One here. Two there.")
    assert pickle.loads(pickle.dumps(spans)) == spans
    assert toks[0] != toks[1]


def test_corpus_pickles() -> None:
    c = lx.Corpus(["Select Language:\nSanctions on Russia were extended by the council.", "Other news here."], ids=["a", "b"])
    back = pickle.loads(pickle.dumps(c))
    assert back.ids == c.ids
    assert back.terms(as_dict=True) == c.terms(as_dict=True)
    assert back.removed("a", as_dict=True) == c.removed("a", as_dict=True)
    assert back.keywords(as_dict=True) == c.keywords(as_dict=True)


def test_options_gazetteer_and_vocabulary_pickle() -> None:
    o = lx.Options(strip_accents=True, stopwords=["mayor"])
    assert pickle.loads(pickle.dumps(o)) == o
    g = lx.Gazetteer({"LOC": ["Oskel River"]})
    back = pickle.loads(pickle.dumps(g))
    text = "Water from the Oskel River."
    assert back.find(text) == g.find(text)
    _, vocab = lx.Corpus(["Sanctions on Russia.", "Talks in Geneva."]).matrix()
    assert pickle.loads(pickle.dumps(vocab)) == vocab


def test_overlap_pickles() -> None:
    texts = [
        "Dravinia and Sarkhan signed the Oskel River treaty in Geneva, Petrenko said.",
        "In Geneva, Aleksandr Petrenko of Dravinia signed the Oskel treaty with Sarkhan.",
        "An earthquake struck the coastal province of Lernia overnight.",
    ]
    c = lx.Corpus(texts, ids=["a", "b", "c"])
    for ov in (c.overlap(), c.overlap("tfidf"), c.overlap(weights=(0.5, 0.2, 0.3), context=1)):
        back = pickle.loads(pickle.dumps(ov))
        assert isinstance(back, lx.Overlap) and back.method == ov.method and back.ids == ov.ids
        assert (back.matrix() == ov.matrix()).all()
        assert back.explain("a", "b", as_dict=True) == ov.explain("a", "b", as_dict=True)
        assert back.stories(as_dict=True) == ov.stories(as_dict=True)
    g = c.overlap(gazetteer=lx.Gazetteer({"LOC": ["Oskel River"]}))
    assert (pickle.loads(pickle.dumps(g)).matrix() == g.matrix()).all()


def test_table_and_errors_pickle() -> None:
    t = lx.Corpus(["Sanctions on Russia.", "Talks in Geneva."]).terms()
    assert pickle.loads(pickle.dumps(t)) == t
    for cls in (lx.LexiscopeError, lx.InvalidArgumentError, lx.InputTypeError, lx.DocumentError, lx.ReadError):
        e = pickle.loads(pickle.dumps(cls("why")))
        assert type(e) is cls and str(e) == "why"


def test_corpus_save_and_load(tmp_path: Path) -> None:
    c = lx.Corpus(["Select Language:\nSanctions on Russia were extended.", "Talks in Geneva."], ids=["a", 7])
    c.overlap().stories()
    c.save(tmp_path / "c.lexiscope")
    back = lx.Corpus.load(tmp_path / "c.lexiscope")
    assert back.ids == ["a", 7] and back.text(7) == c.text(7)
    assert back.terms() == c.terms() and back.removed("a") == c.removed("a")
    assert back.overlap().stories() == c.overlap().stories()
    (tmp_path / "t.pkl").write_bytes(pickle.dumps(c.terms()))
    with pytest.raises(lx.InputTypeError, match="not a lexiscope.Corpus"):
        lx.Corpus.load(tmp_path / "t.pkl")
