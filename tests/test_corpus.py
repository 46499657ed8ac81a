"""Corpus: construction, ids, cleaning, terms, matrices, merge, bad input."""

from __future__ import annotations

import json
import pickle
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pytest

import lexiscope as lx

NEWS = [
    "Select Language:\nThe council extended sanctions on Russia on Monday, officials said.\n"
    "Ministers said the sanctions would stay until the talks resume.\nShare this article",
    "Subscribe to our newsletter\nSanctions relief was not discussed at the Geneva meeting today.\n"
    "Geneva hosted the talks for a second week.\nSubscribe to our newsletter",
    "Subscribe to our newsletter\nThe earthquake damaged roads across the coastal province overnight.\n"
    "Rescue teams reached the province by Tuesday morning.",
]


@pytest.fixture
def corpus() -> lx.Corpus:
    return lx.Corpus(NEWS, ids=["a", "b", "c"])


def test_ids_and_len(corpus: lx.Corpus) -> None:
    assert corpus.ids == ["a", "b", "c"]
    assert len(corpus) == 3
    assert lx.Corpus(["x", "y"]).ids == [0, 1]
    assert corpus.text("b") == NEWS[1]


def test_accepts_iterables_and_series() -> None:
    import pandas as pd
    import polars as pl

    gen = (t for t in NEWS)
    assert len(lx.Corpus(gen)) == 3
    s = pd.Series(NEWS)
    assert lx.Corpus(s).terms(as_dict=True) == lx.Corpus(NEWS).terms(as_dict=True)
    assert lx.Corpus(pl.Series(NEWS)).terms(as_dict=True) == lx.Corpus(NEWS).terms(as_dict=True)


def test_cleaning_sets_furniture_aside(corpus: lx.Corpus) -> None:
    removed = corpus.removed("b", as_dict=True)
    assert removed["text"] == ["Subscribe to our newsletter", "Subscribe to our newsletter"]
    for s, e, t in zip(removed["start"], removed["end"], removed["text"]):
        assert corpus.text("b")[s:e] == t
    a = corpus.removed("a", as_dict=True)
    assert a["text"] == ["Select Language:", "Share this article"]
    assert set(a["reason"]) == {"edge"}
    terms = corpus.terms(as_dict=True)["term"]
    for furniture in ("subscribe", "newsletter", "select", "language", "share"):
        assert furniture not in terms
    raw = lx.Corpus(NEWS, clean=False).terms(as_dict=True)["term"]
    assert "newsletter" in raw
    assert lx.Corpus(NEWS, clean=False).removed(0, as_dict=True)["text"] == []


def test_sentences_kept(corpus: lx.Corpus) -> None:
    sents = corpus.sentences("a", as_dict=True)
    assert sents["text"] == [
        "The council extended sanctions on Russia on Monday, officials said.",
        "Ministers said the sanctions would stay until the talks resume.",
    ]


def test_terms(corpus: lx.Corpus) -> None:
    t = corpus.terms(as_dict=True)
    assert t["term"][0] == "sanctions" and t["count"][0] == 3 and t["docs"][0] == 2
    assert "the" not in t["term"] and "the" in corpus.terms(stopwords=False, as_dict=True)["term"]
    stemmed = corpus.terms(stem=True, as_dict=True)
    assert stemmed["term"][0] == "sanction"
    bi = corpus.terms(ngram=(2, 2), as_dict=True)["term"]
    assert "geneva hosted" in bi
    # n-grams never cross a sentence boundary
    assert "today geneva" not in bi
    only_shared = corpus.terms(min_df=2, as_dict=True)["term"]
    assert set(only_shared) == {"sanctions", "talks"}
    assert corpus.terms(max_df=1, as_dict=True)["term"][0] != "sanctions"
    assert len(corpus.terms(top=3, as_dict=True)["term"]) == 3


def test_results_are_tables(corpus: lx.Corpus) -> None:
    t = corpus.terms()
    assert isinstance(t, lx.Table)
    assert t.columns == ["term", "count", "docs"]
    assert t.to_dict() == corpus.terms(as_dict=True)
    ov = corpus.overlap()
    for result in (
        corpus.stats(),
        corpus.removed("a"),
        corpus.sentences("a"),
        corpus.keywords(),
        corpus.keywords(scope="corpus"),
        corpus.distinctive("a"),
        corpus.entities(),
        corpus.mentions(),
        corpus.near_duplicates(),
        corpus.neighbors(1),
        ov.explain("a", "b"),
        ov.top_k(1),
        ov.stories(),
    ):
        assert isinstance(result, lx.Table), type(result)
    with pytest.warns(DeprecationWarning, match="no effect"):
        lx.set_frame_library("polars")
    assert isinstance(corpus.terms(), lx.Table)


def test_one_vocabulary(corpus: lx.Corpus) -> None:
    # top: one default (10), keyword-only, None for all; the document comes first.
    many = lx.Corpus(NEWS * 2, ids=list("abcdef"))
    assert max(many.keywords().to_pandas().groupby("doc").size()) <= 10
    assert len(many.keywords("a", top=None)) >= len(many.keywords("a", top=2)) == 2
    assert many.keywords("a", top=2)["doc"] == ["a", "a"]
    assert len(corpus.distinctive("a", top=3, min_z=0)) == 3
    assert len(corpus.distinctive("a")) <= 10
    assert corpus.distinctive(["a", "b"], top=1).columns[0] == "term"
    with pytest.warns(DeprecationWarning, match="distinctive"):
        assert corpus.distinctive(docs="a", top=3) == corpus.distinctive("a", top=3)
    with pytest.warns(DeprecationWarning, match="positional"):
        assert corpus.terms(3) == corpus.terms(top=3)
    with pytest.raises(TypeError):
        corpus.keywords("a", 3)  # type: ignore[misc]
    with pytest.raises(lx.InvalidArgumentError, match="top"):
        corpus.keywords(top=-1)
    # docs: a number of documents; ids: a list of document ids.
    assert corpus.terms().columns == ["term", "count", "docs"]
    assert "docs" in corpus.entities().columns and "docs" in corpus.keywords(scope="corpus").columns
    assert corpus.overlap().stories().columns == ["story", "size", "label", "ids"]


def test_from_frame_and_series_index() -> None:
    import pandas as pd
    import polars as pl

    df = pd.DataFrame({"url": ["u1", "u2", "u3"], "body": NEWS})
    c = lx.Corpus.from_frame(df, text="body", id="url")
    assert c.ids == ["u1", "u2", "u3"] and c.text("u2") == NEWS[1]
    assert lx.Corpus.from_frame(df, text="body").ids == [0, 1, 2]
    assert lx.Corpus.from_frame(df.set_index("url"), text="body").ids == ["u1", "u2", "u3"]
    pf = pl.DataFrame({"url": ["u1", "u2", "u3"], "body": NEWS})
    pc = lx.Corpus.from_frame(pf, text="body", id="url", clean=False)
    assert pc.ids == ["u1", "u2", "u3"] and pc.text("u3") == NEWS[2]
    with pytest.raises(lx.InvalidArgumentError, match="text='text' is not a column"):
        lx.Corpus.from_frame(df)
    with pytest.raises(lx.InputTypeError, match="from_frame"):
        lx.Corpus(df)
    with pytest.raises(lx.InputTypeError, match="from_frame"):
        lx.Corpus(pf)
    # A Series's index names the documents, unless it is the default RangeIndex.
    s = pd.Series(NEWS, index=["x", "y", "z"])
    assert lx.Corpus(s).ids == ["x", "y", "z"]
    assert lx.Corpus(s, ids=[1, 2, 3]).ids == [1, 2, 3]
    assert lx.Corpus(pd.Series(NEWS)).ids == [0, 1, 2]
    assert lx.Corpus(pd.Series(NEWS, index=[10, 11, 12])).ids == [10, 11, 12]


@pytest.mark.parametrize("missing", ["none", "nan", "pd.NA", "polars"])
def test_missing_values_are_named(missing: str) -> None:
    import pandas as pd
    import polars as pl

    texts: object
    if missing == "none":
        texts = ["ok", None]
    elif missing == "nan":
        texts = pd.Series(["ok", float("nan")], index=["a", "b"])
    elif missing == "pd.NA":
        texts = pd.Series(["ok", pd.NA], index=["a", "b"], dtype="string")
    else:
        texts = pl.Series(["ok", None])
    with pytest.raises(lx.InputTypeError, match="missing value") as err:
        lx.Corpus(texts)
    assert "row 1" in str(err.value)
    if missing in ("nan", "pd.NA"):
        assert "id 'b'" in str(err.value)


def test_matrix_counts(corpus: lx.Corpus) -> None:
    X, vocab = corpus.matrix("count")
    assert X.shape == (3, len(vocab)) and vocab == sorted(vocab)
    j = vocab.index("sanctions")
    assert X[:, j].toarray().ravel().tolist() == [2, 1, 0]


def test_matrix_row_order_and_sort_indices() -> None:
    corpus = lx.Corpus(["zebra apple zebra mango", "mango kiwi apple kiwi"], clean=False)
    X, vocab = corpus.matrix("count", stopwords=False)
    # Columns within a row in the order the document first uses the terms, as
    # scikit-learn leaves them; still a valid CSR matrix.
    cols = [vocab.index(t) for t in ["zebra", "apple", "mango"]]
    assert X.indices[X.indptr[0] : X.indptr[1]].tolist() == cols
    assert X.data[X.indptr[0] : X.indptr[1]].tolist() == [2, 1, 1]
    assert not X.has_sorted_indices
    S, svocab = corpus.matrix("count", stopwords=False, sort_indices=True)
    assert svocab == vocab and S.has_sorted_indices and np.array_equal(S.toarray(), X.toarray())
    for i in range(S.shape[0]):
        assert np.all(np.diff(S.indices[S.indptr[i] : S.indptr[i + 1]]) > 0)
    X.sort_indices()
    assert np.array_equal(X.indices, S.indices) and np.array_equal(X.data, S.data)
    for weight in ("tfidf", "bm25"):
        a, _ = corpus.matrix(weight)
        b, _ = corpus.matrix(weight, sort_indices=True)
        assert np.abs((a - b).toarray()).max() < 1e-15


def test_vocabulary_is_a_sequence_of_str(corpus: lx.Corpus) -> None:
    _, vocab = corpus.matrix("count", ngram=(1, 2))
    terms = vocab.tolist()
    assert isinstance(vocab, Sequence) and isinstance(vocab, lx.Vocabulary)
    assert len(terms) == len(vocab) > 10 and terms == sorted(terms)
    assert list(vocab) == terms and vocab == terms and vocab == tuple(terms)
    assert vocab != terms[:-1] and vocab != terms[::-1] and vocab != "sanctions"
    assert vocab[0] == terms[0] and vocab[-1] == terms[-1]
    assert vocab[1:7:2] == terms[1:7:2] and vocab[::-1] == terms[::-1]
    with pytest.raises(IndexError):
        vocab[len(terms)]
    for j, term in enumerate(terms):
        assert vocab.index(term) == j and term in vocab and vocab.count(term) == 1
    assert "not a term here" not in vocab and 3 not in vocab
    with pytest.raises(ValueError):
        vocab.index("not a term here")
    assert pickle.loads(pickle.dumps(vocab)) == vocab
    assert np.asarray(vocab).tolist() == terms
    assert "Vocabulary([" in repr(vocab)
    # Built from Python, in any order: lookups still work.
    unsorted = lx.Vocabulary(["b", "a", "c"])
    assert unsorted.index("a") == 1 and "c" in unsorted and list(unsorted) == ["b", "a", "c"]


def test_matrix_equals_scikit_learn() -> None:
    sklearn_text = pytest.importorskip("sklearn.feature_extraction.text")
    texts = [t.replace("\n", " ") for t in NEWS] * 3 + ["Russia and Ukraine talks, 25% of $1.2bn."]
    corpus = lx.Corpus(texts, clean=False)
    tok = lx.Tokenizer(stopwords=None)
    for weight, vec in [
        ("count", sklearn_text.CountVectorizer(analyzer=tok.words)),
        ("tfidf", sklearn_text.TfidfVectorizer(analyzer=tok.words)),
        ("tfidf-sublinear", sklearn_text.TfidfVectorizer(analyzer=tok.words, sublinear_tf=True, smooth_idf=False)),
    ]:
        expected = vec.fit_transform(texts)
        if weight == "tfidf-sublinear":
            X, vocab = corpus.matrix("tfidf", stopwords=False, sublinear_tf=True, smooth_idf=False)
        else:
            X, vocab = corpus.matrix(weight, stopwords=False)
        assert vocab == list(vec.get_feature_names_out())
        assert np.abs((X - expected).toarray()).max() < 1e-12, weight


def test_bm25(corpus: lx.Corpus) -> None:
    X, vocab = corpus.matrix("bm25", k1=1.5, b=0.6)
    c, _ = corpus.matrix("count")
    assert (X.toarray() > 0).tolist() == (c.toarray() > 0).tolist()
    # Okapi BM25 from the counts: idf ln(1 + (n - df + 0.5) / (df + 0.5)),
    # document length = its number of terms, normalized by the mean length.
    tf = c.toarray().astype(float)
    n = tf.shape[0]
    df = (tf > 0).sum(axis=0)
    idf = np.log(1 + (n - df + 0.5) / (df + 0.5))
    length = tf.sum(axis=1, keepdims=True)
    norm = 1 - 0.6 + 0.6 * length / length.mean()
    expected = np.where(tf > 0, idf * tf * 2.5 / (tf + 1.5 * norm), 0.0)
    assert np.abs(X.toarray() - expected).max() < 1e-12
    with pytest.raises(lx.InvalidArgumentError):
        corpus.matrix("bm25", b=2.0)
    with pytest.raises(lx.InvalidArgumentError, match="weight"):
        corpus.matrix("tf")


def test_merge_equals_built_at_once() -> None:
    whole = lx.Corpus(NEWS, ids=["a", "b", "c"])
    parts = lx.Corpus(NEWS[:1], ids=["a"]).merge(lx.Corpus(NEWS[1:], ids=["b", "c"]))
    assert parts.ids == whole.ids
    assert parts.terms(as_dict=True) == whole.terms(as_dict=True)
    for d in whole.ids:
        assert parts.removed(d, as_dict=True) == whole.removed(d, as_dict=True)
    Xw, vw = whole.matrix("tfidf")
    Xp, vp = parts.matrix("tfidf")
    assert vw == vp and np.array_equal(Xw.toarray(), Xp.toarray())
    with pytest.raises(lx.DocumentError, match="duplicate id"):
        whole.merge(lx.Corpus(["x"], ids=["a"]))


def test_from_files_and_jsonl(tmp_path: Path) -> None:
    for i, t in enumerate(NEWS):
        (tmp_path / f"{i}.txt").write_text(t, encoding="utf-8")
    c = lx.Corpus.from_files(str(tmp_path / "*.txt"))
    assert c.ids == ["0.txt", "1.txt", "2.txt"]
    assert c.terms(as_dict=True) == lx.Corpus(NEWS).terms(as_dict=True)
    path = tmp_path / "docs.jsonl"
    path.write_text("\n".join(json.dumps({"id": f"d{i}", "body": t}) for i, t in enumerate(NEWS)) + "\n\n")
    j = lx.Corpus.from_jsonl(path, text="body")
    assert j.ids == ["d0", "d1", "d2"]
    assert j.terms(as_dict=True) == c.terms(as_dict=True)
    assert lx.Corpus.from_jsonl(path, text="body", id=None).ids == [0, 1, 2]


def test_bad_input(tmp_path: Path) -> None:
    with pytest.raises(lx.InputTypeError, match=r"texts\[1\] must be str, got NoneType"):
        lx.Corpus(["ok", None])
    with pytest.raises(lx.DocumentError, match="duplicate id"):
        lx.Corpus(["a", "b"], ids=["x", "x"])
    with pytest.raises(lx.DocumentError, match="no document with id 'zz'"):
        lx.Corpus(["a"]).text("zz")
    empty = lx.Corpus([])
    assert len(empty) == 0 and empty.terms(as_dict=True)["term"] == []
    X, vocab = empty.matrix()
    assert X.shape == (0, 0)
    blank = lx.Corpus(["", "   ", "Words here."])
    assert blank.stats(as_dict=True)["tokens"] == [0, 0, 3]
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"caf\xe9 au lait")
    with pytest.raises(lx.ReadError, match=r"bad.txt: not valid UTF-8 at byte 3"):
        lx.Corpus.from_files(bad)
    assert lx.Corpus.from_files(bad, errors="replace").text("bad.txt") == "caf\ufffd au lait"
    lines = tmp_path / "x.jsonl"
    lines.write_text('{"id": 1, "text": "fine"}\n{"id": 2, "text": null}\n')
    with pytest.raises(lx.ReadError, match='line 2: field "text" is not a string but null'):
        lx.Corpus.from_jsonl(lines)
    lines.write_text('{"id": 1, "text": "fine"}\nnot json\n')
    with pytest.raises(lx.ReadError, match="line 2: invalid JSON"):
        lx.Corpus.from_jsonl(lines)
    with pytest.raises(lx.ReadError, match="nope.jsonl"):
        lx.Corpus.from_jsonl(tmp_path / "nope.jsonl")
    with pytest.raises(lx.InvalidArgumentError, match="no file matches"):
        lx.Corpus.from_files(str(tmp_path / "*.none"))


def test_progress_callback() -> None:
    seen: list[tuple[int, int]] = []
    lx.Corpus(NEWS * 1000, progress=lambda done, total: seen.append((done, total)))
    assert seen[-1] == (3000, 3000)
    assert len(seen) >= 2


def test_repr_html(corpus: lx.Corpus) -> None:
    html = corpus._repr_html_()
    assert "lexiscope.Corpus" in html and "<td>3</td>" in html and "sanctions" in html.lower()
    assert "top entities" in html and "<td>Russia</td><td>GPE</td>" in html


def test_corpus_shares_python_strings_without_leaking() -> None:
    import gc
    import sys

    text = "".join(["The council extended the sanctions on Monday. "] * 50)
    before = sys.getrefcount(text)
    corpus = lx.Corpus([text, "Another story about talks in Geneva."])
    # The corpus keeps the str itself (its UTF-8 bytes are used in place, not copied).
    assert sys.getrefcount(text) == before + 1
    assert corpus.text(0) == text
    t = corpus.terms(as_dict=True)
    counts = dict(zip(t["term"], t["count"]))
    assert counts["sanctions"] == 50 and counts["geneva"] == 1
    del corpus
    gc.collect()
    assert sys.getrefcount(text) == before


def test_progress_bar_on_stderr(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    import sys

    monkeypatch.setitem(sys.modules, "tqdm.auto", None)  # the plain bar, as without tqdm
    c = lx.Corpus(NEWS, progress=True)
    out, err = capsys.readouterr()
    assert out == "" and "analysing" in err and "100%" in err and "3/3" in err
    lx.Corpus(NEWS, progress=False)
    lx.Corpus(NEWS)  # by default only calls that last over a second show a bar
    assert capsys.readouterr() == ("", "")
    seen: list[tuple[int, object]] = []
    c.overlap(progress=lambda done, total: seen.append((done, total)))
    assert seen[0] == (0, 1) and seen[-1] == (1, 1)
