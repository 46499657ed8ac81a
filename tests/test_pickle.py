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
