"""Part-of-speech tags: the built-in tagger, tokens with tags, training a model."""

from __future__ import annotations

import json
import pickle
import subprocess
import sys
from pathlib import Path

import pytest

import lexiscope as lx
from conftest import ROOT, shared_path
from lexiscope.train import gum_genre, keep_gum_genres, train_pos

UPOS = {"ADJ", "ADP", "ADV", "AUX", "CCONJ", "DET", "INTJ", "NOUN", "NUM"}
UPOS |= {"PART", "PRON", "PROPN", "PUNCT", "SCONJ", "SYM", "VERB", "X"}

# Hand-written sentences for the tiny models (invented for these tests).
TINY = [
    (["Ravens", "croak", "loudly", "."], ["NOUN", "VERB", "ADV", "PUNCT"]),
    (["The", "old", "ferry", "sank", "."], ["DET", "ADJ", "NOUN", "VERB", "PUNCT"]),
    (["Mila", "paints", "blue", "boats", "!"], ["PROPN", "VERB", "ADJ", "NOUN", "PUNCT"]),
    (["She", "and", "Tomas", "sail", "at", "dawn"], ["PRON", "CCONJ", "PROPN", "VERB", "ADP", "NOUN"]),
    (["Two", "gulls", "will", "follow", "them", "."], ["NUM", "NOUN", "AUX", "VERB", "PRON", "PUNCT"]),
]


def write_jsonl(path: Path, sentences: list[tuple[list[str], list[str]]]) -> Path:
    with path.open("w", encoding="utf-8") as f:
        for words, tags in sentences:
            f.write(json.dumps({"tokens": words, "upos": tags}) + "\n")
    return path


def test_builtin_tags_a_sentence() -> None:
    tags = lx.tag(["The", "cat", "sat", "on", "the", "mat", "."])
    assert tags == ["DET", "NOUN", "VERB", "ADP", "DET", "NOUN", "PUNCT"]
    assert set(lx.Tagger.tags()) == UPOS and len(lx.Tagger.tags()) == 17
    assert lx.Tagger().tag([]) == []


def test_words_must_be_a_sequence_of_str() -> None:
    with pytest.raises(lx.InputTypeError):
        lx.tag("The cat sat")  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        lx.Tagger().tag([1, 2])  # type: ignore[list-item]


def test_tokens_with_pos() -> None:
    text = "Russia’s talks with the U.S.-led group didn't end.\n\nPrices rose 3.5% on Monday."
    toks = lx.tokenize(text, pos=True)
    assert [t.text for t in toks] == [t.text for t in lx.tokenize(text)]
    assert all(t.pos in UPOS for t in toks)
    by_text = {t.text: t.pos for t in toks}
    assert by_text["Russia"] == "PROPN"
    assert by_text["’s"] == "PART"
    assert by_text["n't"] == "PART"
    assert by_text["."] == "PUNCT"
    assert by_text["Prices"] == "NOUN"
    assert all(t.pos is None for t in lx.tokenize(text))
    # Tokens pickle with their tag, and a tag is part of equality.
    assert pickle.loads(pickle.dumps(toks)) == toks
    assert toks[0] != lx.tokenize(text)[0]
    assert 'pos="PROPN"' in repr(toks[0])


def test_each_sentence_tagged_alone() -> None:
    a, b = "Dogs bark loudly.", "Cats sleep."
    both = [t.pos for t in lx.tokenize(a + " " + b, pos=True)]
    assert both == [t.pos for t in lx.tokenize(a, pos=True)] + [t.pos for t in lx.tokenize(b, pos=True)]


def test_same_tags_one_and_many_threads() -> None:
    texts = [f"Report {i}: the council met on Monday and {i} members voted against it." * (i % 5 + 1) for i in range(400)]
    tok = lx.Tokenizer()
    one = tok.tokenize_batch(texts, n_threads=1, pos=True)
    many = tok.tokenize_batch(texts, n_threads=3, pos=True)
    assert [[t.pos for t in d] for d in one] == [[t.pos for t in d] for d in many]
    sents = [[t.text for t in d] for d in one]
    assert lx.Tagger().tag_batch(sents, n_threads=1) == lx.Tagger().tag_batch(sents, n_threads=2)
    assert lx.Tagger().tag_batch(sents[:5]) == [lx.tag(s) for s in sents[:5]]


def test_tiny_model_learns_its_sentences(tmp_path: Path) -> None:
    data = write_jsonl(tmp_path / "tiny.jsonl", TINY)
    out = tmp_path / "tiny.lxpos"
    stats = train_pos([str(data)], str(out), epochs=8)
    assert stats["sentences"] == len(TINY) and stats["words"] == sum(len(w) for w, _ in TINY)
    assert len(stats["epochs"]) == 8 and all(dev is None for _, dev in stats["epochs"])
    tagger = lx.Tagger(out)
    for words, tags in TINY:
        assert tagger.tag(words) == tags
    # Deterministic: the same data give the same bytes.
    again = tmp_path / "again.lxpos"
    train_pos([str(data)], str(again), epochs=8)
    assert again.read_bytes() == out.read_bytes()
    # A loaded tagger pickles with its weights.
    clone = pickle.loads(pickle.dumps(tagger))
    assert clone.tag(TINY[0][0]) == TINY[0][1]
    assert pickle.loads(pickle.dumps(lx.Tagger())).tag(["Hi"]) == lx.tag(["Hi"])


def test_train_command_line(tmp_path: Path) -> None:
    data = write_jsonl(tmp_path / "tiny.jsonl", TINY)
    out = tmp_path / "cli.lxpos"
    args = ["pos", "--train", str(data), "--dev", str(data), "--out", str(out), "--epochs", "6", "--passes", "1"]
    run = subprocess.run([sys.executable, "-m", "lexiscope.train", *args], capture_output=True, text=True, check=True)
    assert "pass 1 epoch 6: train" in run.stdout and "dev 1.0000" in run.stdout
    assert lx.Tagger(out).tag(TINY[1][0]) == TINY[1][1]


def test_training_keeps_the_gum_genres_asked_for(tmp_path: Path) -> None:
    assert gum_genre("GUM_news_asylum-3") == "news" and gum_genre("weblog-juancole.com_0001") is None
    data = tmp_path / "mixed.jsonl"
    ids = ["GUM_news_a-1", "GUM_fiction_b-1", "email-0001", "GUM_voyage_c-2"]
    data.write_text("".join(json.dumps({"id": i, "tokens": w, "upos": t}) + "\n" for i, (w, t) in zip(ids, TINY)))
    kept = tmp_path / "kept.jsonl"
    assert keep_gum_genres(str(data), ["news", "voyage"], str(kept)) == 3
    assert [json.loads(line)["id"] for line in kept.read_text().splitlines()] == [ids[0], ids[2], ids[3]]
    out, direct = tmp_path / "genres.lxpos", tmp_path / "direct.lxpos"
    stats = train_pos([str(data)], str(out), epochs=4, gum_genres=["news", "voyage"])
    assert stats["sentences"] == 3
    train_pos([str(kept)], str(direct), epochs=4)
    assert out.read_bytes() == direct.read_bytes()


def test_bad_weights_and_training_input(tmp_path: Path) -> None:
    bad = tmp_path / "bad.lxpos"
    bad.write_bytes(b"not weights")
    with pytest.raises(lx.InvalidArgumentError, match="weights"):
        lx.Tagger(bad)
    with pytest.raises(lx.ReadError):
        lx.Tagger(tmp_path / "missing.lxpos")
    wrong = tmp_path / "wrong.jsonl"
    wrong.write_text(json.dumps({"tokens": ["a"], "upos": ["NOPE"]}) + "\n")
    with pytest.raises(lx.ReadError, match="unknown tag"):
        train_pos([str(wrong)], str(tmp_path / "x.lxpos"))


def test_notice_ships_with_the_weights() -> None:
    wheel_copy = Path(lx.__file__).parent / "NOTICE-weights.md"
    assert wheel_copy.read_text() == (ROOT / "src" / "tag" / "NOTICE-weights.md").read_text()
    text = wheel_copy.read_text()
    for needed in ("UD_English-EWT", "CC BY-SA 4.0", "https://creativecommons.org/licenses/by-sa/4.0/", "Changes were made"):
        assert needed in text
    assert "NOTICE-weights.md" in (ROOT / "README.md").read_text()
    assert "NOTICE-weights.md" in (ROOT / "pyproject.toml").read_text()


def test_accuracy_on_ewt_dev() -> None:
    path = shared_path("train", "pos", "ewt.dev.jsonl")
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    predicted = lx.Tagger().tag_batch([r["tokens"] for r in rows])
    right = sum(p == g for r, tags in zip(rows, predicted) for p, g in zip(tags, r["upos"]))
    total = sum(len(r["upos"]) for r in rows)
    assert right / total > 0.95
