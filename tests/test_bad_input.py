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


# -- every row of the bad-input table (docs/guide.md), and what users hit ------

import json  # noqa: E402
import math  # noqa: E402
import os  # noqa: E402
import sys  # noqa: E402

NEWS = ["The minister said on Sunday that the talks would go on.", "Talks in Geneva went on for a second day."]


def test_non_str_items_name_the_item() -> None:
    for bad, kind in [(None, "NoneType"), (math.nan, "float"), (b"bytes", "bytes"), (3, "int"), (["a"], "list")]:
        with pytest.raises(lx.InputTypeError, match=rf"texts\[1\] must be str, got {kind}"):
            lx.Corpus(["fine", bad])
        with pytest.raises(lx.InputTypeError, match=rf"texts\[1\] must be str, got {kind}"):
            lx.Tokenizer().tokenize_batch(["fine", bad])
        with pytest.raises(lx.InputTypeError, match=rf"texts\[1\] must be str, got {kind}"):
            lx.Tokenizer().count_batch(["fine", bad])
    with pytest.raises(lx.InputTypeError, match="got bytes"):
        lx.tokenize(b"bytes")  # type: ignore[arg-type]
    with pytest.raises(lx.InputTypeError, match="got float"):
        lx.sentences(math.nan)  # type: ignore[arg-type]
    with pytest.raises(lx.InputTypeError, match="single str"):
        lx.Corpus("one text")
    with pytest.raises(lx.InputTypeError, match="got int"):
        lx.Corpus(5)  # type: ignore[arg-type]


def test_bad_ids_name_the_id() -> None:
    for bad, kind in [([1], "list"), ({"a": 1}, "dict"), (math.nan, "float"), (None, "NoneType"), (True, "bool"), (b"x", "bytes")]:
        with pytest.raises(lx.InputTypeError, match=rf"ids\[1\] must be str or int, got {kind}"):
            lx.Corpus(NEWS, ids=["a", bad])
    with pytest.raises(lx.DocumentError, match='duplicate id "a"'):
        lx.Corpus(NEWS, ids=["a", "a"])
    with pytest.raises(lx.InvalidArgumentError):
        lx.Corpus(NEWS, ids=["a"])
    c = lx.Corpus(NEWS, ids=["a", "b"])
    with pytest.raises(lx.DocumentError, match="'zz'"):
        c.text("zz")
    with pytest.raises(lx.DocumentError, match="'zz'"):
        c.overlap().explain("a", "zz")
    with pytest.raises(lx.InputTypeError, match="got list"):
        c.text(["a"])  # type: ignore[arg-type]


def test_bad_option_values_name_the_option() -> None:
    c = lx.Corpus(NEWS)
    with pytest.raises(lx.InvalidArgumentError, match="n_threads"):
        lx.Corpus(NEWS, n_threads=0)
    with pytest.raises(lx.InvalidArgumentError, match="method"):
        c.overlap("nope")
    for call in (lambda: c.near_duplicates(math.nan), lambda: c.overlap().stories(threshold=math.nan), lambda: c.near_duplicates(1.5)):
        with pytest.raises(lx.InvalidArgumentError, match="threshold"):
            call()
    with pytest.raises(lx.InvalidArgumentError, match="scope"):
        c.keywords(scope="nope")


def test_surrogates_and_controls_in_a_corpus() -> None:
    text = "Bad \ud800 text from Geneva.\x00 The minister said on Sunday that the talks would go on \udcff."
    c = lx.Corpus([text, "\x00\x00", ""])
    assert len(c.text(0)) == len(text)
    s = c.sentences(0, as_dict=True)
    assert all(0 <= a < b <= len(text) for a, b in zip(s["start"], s["end"]))
    assert c.stats(as_dict=True)["chars"] == [len(text), 2, 0]


def _write(tmp_path, name: str, data: bytes) -> str:
    p = tmp_path / name
    p.write_bytes(data)
    return str(p)


def test_file_not_utf8_names_file_and_offset(tmp_path) -> None:
    path = _write(tmp_path, "bad.txt", b"caf\xe9 au lait")
    with pytest.raises(lx.ReadError, match=r"bad\.txt.*byte 3"):
        lx.Corpus.from_files(path)
    assert "caf\ufffd" in lx.Corpus.from_files(path, errors="replace").text("bad.txt")


@pytest.mark.parametrize(
    "line, message",
    [
        (b'{"id": "1", "text": 5}', r'line 2: field "text" is not a string but a number'),
        (b'{"id": "1", "text": null}', r'line 2: field "text" is not a string but null'),
        (b'{"id": "1", "text": ["a"]}', r"line 2: field \"text\" is not a string but an array"),
        (b'{"id": ["x"], "text": "t"}', r'line 2: id field "id" is an array'),
        (b'{"id": "1"}', r'line 2: no field "text"'),
        (b'{"id": "1", "text": "t"', r"line 2: invalid JSON"),
        (b'["not", "an object"]', r'line 2: no field "text"'),
        (b'{"id": "1", "text": "caf\xe9"}', r"line 2: not valid UTF-8"),
    ],
)
def test_bad_jsonl_line_names_file_and_line(tmp_path, line: bytes, message: str) -> None:
    path = _write(tmp_path, "docs.jsonl", b'{"id": "0", "text": "fine"}\n' + line + b"\n")
    with pytest.raises(lx.ReadError, match=r"docs\.jsonl.*" + message):
        lx.Corpus.from_jsonl(path)


def test_jsonl_duplicate_ids(tmp_path) -> None:
    path = _write(tmp_path, "dup.jsonl", "".join(json.dumps({"id": "x", "text": t}) + "\n" for t in NEWS).encode())
    with pytest.raises(lx.DocumentError, match="'x'|\"x\"|x"):
        lx.Corpus.from_jsonl(path)


def test_missing_file_and_file_deleted_after_listing(tmp_path, monkeypatch) -> None:
    with pytest.raises(lx.ReadError, match="nowhere.txt"):
        lx.Corpus.from_files(str(tmp_path / "nowhere.txt"))
    with pytest.raises(lx.ReadError, match="nowhere.jsonl"):
        lx.Corpus.from_jsonl(str(tmp_path / "nowhere.jsonl"))
    for i, t in enumerate(NEWS):
        _write(tmp_path, f"{i}.txt", t.encode())
    import lexiscope.corpus as corpus_module

    real_glob = corpus_module._glob.glob

    def glob_then_delete(pattern: str, **kw):
        found = real_glob(pattern, **kw)
        os.remove(max(found))  # gone between listing and reading
        return found

    monkeypatch.setattr(corpus_module._glob, "glob", glob_then_delete)
    with pytest.raises(lx.ReadError, match=r"1\.txt"):
        lx.Corpus.from_files(str(tmp_path / "*.txt"))


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_fifo_is_refused_not_waited_on(tmp_path) -> None:
    fifo = str(tmp_path / "pipe.txt")
    os.mkfifo(fifo)  # nobody writes: opening it would block for ever
    with pytest.raises(lx.ReadError, match=r"pipe\.txt.*not a regular file"):
        lx.Corpus.from_files(fifo)
    with pytest.raises(lx.ReadError, match=r"pipe\.txt.*not a regular file"):
        lx.Corpus.from_jsonl(fifo)


def test_directory_is_a_read_error(tmp_path) -> None:
    with pytest.raises(lx.ReadError, match=str(tmp_path.name)):
        lx.Corpus.from_files(str(tmp_path))


def test_every_error_is_a_lexiscope_error() -> None:
    for cls in (lx.InvalidArgumentError, lx.InputTypeError, lx.DocumentError, lx.ReadError, lx.StateError):
        assert issubclass(cls, lx.LexiscopeError)
    assert issubclass(lx.InputTypeError, TypeError) and issubclass(lx.ReadError, ValueError)
    assert sys.modules["lexiscope.errors"].LexiscopeError is lx.LexiscopeError
