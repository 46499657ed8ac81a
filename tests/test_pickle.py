"""Every public class round-trips through pickle."""

from __future__ import annotations

import pickle

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
