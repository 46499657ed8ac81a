"""lx.Table: the one result type, usable with neither pandas nor polars."""

from __future__ import annotations

import pickle
import subprocess
import sys
import textwrap

import pytest

import lexiscope as lx


def table() -> lx.Table:
    return lx.Table({"doc": ["a", "b<i>", "c"], "score": [0.5, 0.25, 1.0], "ids": [["x"], [], ["y", "z"]]})


def test_columns_rows_and_records() -> None:
    t = table()
    assert len(t) == 3 and t.columns == ["doc", "score", "ids"] and t.shape == (3, 3)
    assert t["doc"] == ["a", "b<i>", "c"]
    assert t[0] == {"doc": "a", "score": 0.5, "ids": ["x"]} and t[-1]["doc"] == "c"
    assert list(t)[1] == {"doc": "b<i>", "score": 0.25, "ids": []}
    assert t.to_dicts() == list(t)
    assert t.to_dict() == {"doc": ["a", "b<i>", "c"], "score": [0.5, 0.25, 1.0], "ids": [["x"], [], ["y", "z"]]}
    assert t[["score"]].columns == ["score"] and len(t[1:]) == 2 and len(t.head(1)) == 1
    assert "doc" in t and t == table() and t != t[:2]
    t["doc"].append("changed")  # a column is a new list
    assert len(t["doc"]) == 3
    with pytest.raises(KeyError, match="no column 'nope'"):
        t["nope"]
    with pytest.raises(IndexError):
        t[3]
    with pytest.raises(lx.InvalidArgumentError, match="has 1 values"):
        lx.Table({"a": [1, 2], "b": [1]})
    assert len(lx.Table({})) == 0 and lx.Table({"a": []}).columns == ["a"]


def test_text_and_html() -> None:
    t = table()
    text = repr(t)
    assert text.splitlines()[0].split() == ["doc", "score", "ids"]
    assert "0.2500" in text and "b<i>" in text
    html = t._repr_html_()
    assert "<th>doc</th>" in html and "b&lt;i&gt;" in html and "b<i>" not in html
    assert "3 rows × 3 columns" in html
    long = lx.Table({"n": list(range(1000)), "s": ["x" * 100] * 1000})
    assert "[1000 rows × 2 columns]" in repr(long) and len(repr(long).splitlines()) < 30
    assert "…" in repr(long)
    assert long._repr_html_().count("<tr>") < 30 and "1000 rows" in long._repr_html_()


def test_conversions() -> None:
    pd = pytest.importorskip("pandas")
    pl = pytest.importorskip("polars")
    t = table()
    df = t.to_pandas()
    assert isinstance(df, pd.DataFrame) and list(df.columns) == t.columns and df["score"].tolist() == t["score"]
    pf = t.to_polars()
    assert isinstance(pf, pl.DataFrame) and pf.columns == t.columns and pf["ids"].to_list() == t["ids"]
    assert pickle.loads(pickle.dumps(t)) == t


def test_without_pandas_or_polars() -> None:
    # A fresh interpreter where importing pandas, polars or pyarrow fails.
    code = textwrap.dedent(
        """
        import sys
        for name in ("pandas", "polars", "pyarrow"):
            sys.modules[name] = None
        import lexiscope as lx
        c = lx.Corpus(["Sanctions on Russia were extended.", "Sanctions relief was discussed."], ids=["a", "b"])
        t = c.terms()
        assert isinstance(t, lx.Table) and t["term"][0] == "sanctions"
        print(repr(t).splitlines()[0].split())
        assert "<table" in t._repr_html_()
        assert [r["doc"] for r in c.stats()] == ["a", "b"]
        try:
            t.to_pandas()
        except ImportError as e:
            print(e)
        try:
            t.to_polars()
        except ImportError as e:
            print(e)
        """
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert "['term', 'count', 'docs']" in out
    assert "pip install lexiscope[pandas]" in out and "pip install lexiscope[polars]" in out


def test_to_frame_returns_a_table() -> None:
    from lexiscope.frames import to_frame

    t = to_frame({"a": [1, 2]})
    assert isinstance(t, lx.Table) and to_frame(t) is t
