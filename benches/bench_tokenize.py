#!/usr/bin/env python3
"""Tokenizer throughput: lexiscope against common Python anchors.

Usage:
    python benches/bench_tokenize.py [PATH] [--limit N] [--repeat R]

PATH is a JSONL file with one ``{"id": ..., "text": ...}`` record per line.
It defaults to $LEXISCOPE_REUTERS, or else to
``../shared/eval/corpus/news_reuters21578.jsonl`` relative to the repo root.

Every tool tokenizes the same list of texts. Throughput is the UTF-8 size of
the input divided by the best wall-clock time (time.perf_counter) out of R
repeats, in MB/s (1 MB = 1,000,000 bytes). Each timed call produces the whole
result for all texts, so tools that build Python lists pay for that.

The tools do not share one definition of a token (scikit-learn lowercases and
drops one-character tokens, spaCy keeps punctuation as tokens, ...), so the
tokens/doc column is there to show how comparable the rows are, not to rank
them.

Tools that cannot be imported are reported as "not installed" and skipped;
if lexiscope itself is missing, only the anchors are measured. The script
checks that results are sane (non-empty, consistent between lexiscope entry
points) but makes no assertion about speed.
"""

from __future__ import annotations

import argparse
import gc
import os
import platform
import re
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, List, Optional, Sequence

from reuters import default_path, load_texts

# Row label of the reference row that the ratio column divides by.
REFERENCE = "lexiscope words (1 thread)"


# --------------------------------------------------------------------------
# Measurement
# --------------------------------------------------------------------------

@dataclass
class Row:
    """One line of the result table."""

    name: str
    mb_per_s: Optional[float] = None     # None when skipped
    tokens_per_doc: Optional[float] = None
    note: str = ""                        # reason for skipping, or a remark
    result: list = field(default_factory=list, repr=False)


def best_time(fn: Callable[[], list], repeat: int) -> tuple[float, list]:
    """Run ``fn`` ``repeat`` times; return (fastest seconds, last result).

    The previous result is dropped and a collection forced before each run,
    so that no run pays for freeing the one before it.
    """
    best = float("inf")
    result: list = []
    for _ in range(repeat):
        result = []
        gc.collect()
        start = time.perf_counter()
        result = fn()
        elapsed = time.perf_counter() - start
        best = min(best, elapsed)
    return best, result


def token_counts(result: Sequence) -> List[int]:
    """Per-document token counts, from lists of tokens or from plain ints."""
    return [r if isinstance(r, int) else len(r) for r in result]


def measure(name: str, fn: Callable[[], list], n_bytes: int, n_docs: int,
            repeat: int, note: str = "") -> Row:
    seconds, result = best_time(fn, repeat)
    counts = token_counts(result)
    return Row(
        name=name,
        mb_per_s=(n_bytes / 1e6) / seconds if seconds > 0 else float("inf"),
        tokens_per_doc=sum(counts) / n_docs if n_docs else 0.0,
        note=note,
        result=result,
    )


# --------------------------------------------------------------------------
# Tools. Each ``bench_*`` function returns a list of Rows; a tool that cannot
# be imported yields a skipped Row instead of raising.
# --------------------------------------------------------------------------

def bench_python_re(texts, n_bytes, repeat) -> List[Row]:
    word = re.compile(r"\w+")
    return [measure("Python re.findall(r\"\\w+\")",
                    lambda: [word.findall(t) for t in texts],
                    n_bytes, len(texts), repeat)]


def bench_sklearn(texts, n_bytes, repeat) -> List[Row]:
    name = "scikit-learn CountVectorizer analyzer"
    try:
        import sklearn
        from sklearn.feature_extraction.text import CountVectorizer
    except ImportError:
        return [Row(name, note="not installed")]
    analyzer = CountVectorizer().build_analyzer()
    return [measure(name, lambda: [analyzer(t) for t in texts],
                    n_bytes, len(texts), repeat,
                    note=f"sklearn {sklearn.__version__}; lowercases, drops 1-char tokens")]


def bench_spacy(texts, n_bytes, repeat) -> List[Row]:
    name = "spaCy blank('en') tokenizer"
    try:
        import spacy
    except ImportError:
        return [Row(name, note="not installed")]
    tokenizer = spacy.blank("en").tokenizer

    def run():
        return [[tok.text for tok in doc] for doc in tokenizer.pipe(texts)]

    return [measure(name, run, n_bytes, len(texts), repeat,
                    note=f"spaCy {spacy.__version__}; punctuation and whitespace runs are tokens")]


def load_lexiscope():
    """Return (module, None) or (None, reason)."""
    try:
        import lexiscope
    except ImportError as exc:
        return None, f"not installed ({exc})"
    missing = [m for m in ("words", "words_batch", "count_batch")
               if not hasattr(getattr(lexiscope, "Tokenizer", None), m)]
    if missing:
        return None, "lexiscope.Tokenizer lacks " + ", ".join(missing)
    return lexiscope, None


LEXISCOPE_ROWS = (
    REFERENCE,
    "lexiscope words_batch (1 thread)",
    "lexiscope count_batch (1 thread)",
    "lexiscope count_batch (2 threads)",
)


def bench_lexiscope(lexiscope, texts, n_bytes, repeat) -> List[Row]:
    tok = lexiscope.Tokenizer()
    n = len(texts)
    return [
        # Python list of token strings per text, one call per text.
        measure(REFERENCE, lambda: [tok.words(t) for t in texts], n_bytes, n, repeat),
        # The same lists, built in one call.
        measure("lexiscope words_batch (1 thread)",
                lambda: tok.words_batch(texts, n_threads=1), n_bytes, n, repeat),
        # Tokenized in Rust; only one int per text comes back to Python.
        measure("lexiscope count_batch (1 thread)",
                lambda: tok.count_batch(texts, n_threads=1), n_bytes, n, repeat),
        measure("lexiscope count_batch (2 threads)",
                lambda: tok.count_batch(texts, n_threads=2), n_bytes, n, repeat),
    ]


# --------------------------------------------------------------------------
# Sanity checks (correctness only, never timing)
# --------------------------------------------------------------------------

def check(condition: bool, message: str) -> None:
    # A plain function rather than `assert`, so the checks survive `python -O`.
    if not condition:
        raise AssertionError(message)


def sanity_check(rows: List[Row], n_docs: int) -> None:
    measured = {r.name: r for r in rows if r.mb_per_s is not None}
    for row in measured.values():
        check(len(row.result) == n_docs,
              f"{row.name}: {len(row.result)} results for {n_docs} texts")
        check(sum(token_counts(row.result)) > 0, f"{row.name}: produced no tokens")

    if REFERENCE in measured:
        words = measured[REFERENCE].result
        batch = measured["lexiscope words_batch (1 thread)"].result
        check([list(b) for b in batch] == [list(w) for w in words],
              "lexiscope words_batch differs from per-text words")
        expected = [len(w) for w in words]
        for name in ("lexiscope count_batch (1 thread)", "lexiscope count_batch (2 threads)"):
            check(list(measured[name].result) == expected,
                  f"{name} differs from len(words(text)) per text")


# --------------------------------------------------------------------------
# Report
# --------------------------------------------------------------------------

def fmt(value: Optional[float], digits: int = 1) -> str:
    return "—" if value is None else f"{value:,.{digits}f}"


def print_report(rows: List[Row], path: Path, texts: List[str], n_bytes: int,
                 repeat: int, lexiscope_version: str) -> None:
    ref = next((r for r in rows if r.name == REFERENCE and r.mb_per_s), None)

    print(f"Input: {path} ({len(texts):,} texts, {n_bytes / 1e6:.2f} MB UTF-8)")
    print(f"Best of {repeat} run(s) each.\n")
    print(f"| tool | MB/s | tokens/doc (avg) | {REFERENCE} ÷ this | notes |")
    print("|---|---:|---:|---:|---|")
    for row in rows:
        ratio = (ref.mb_per_s / row.mb_per_s) if (ref and row.mb_per_s) else None
        print(f"| {row.name} | {fmt(row.mb_per_s)} | {fmt(row.tokens_per_doc)} "
              f"| {fmt(ratio, 2)} | {row.note} |")

    by_name = {r.name: r for r in rows}
    one = by_name.get("lexiscope count_batch (1 thread)")
    two = by_name.get("lexiscope count_batch (2 threads)")
    if one and two and one.mb_per_s and two.mb_per_s:
        print(f"\ncount_batch 2 threads ÷ 1 thread: {two.mb_per_s / one.mb_per_s:.2f}x")
    else:
        print("\ncount_batch 2 threads ÷ 1 thread: n/a (lexiscope not measured)")

    affinity = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else None
    print(f"Python: {platform.python_implementation()} {platform.python_version()}")
    print(f"lexiscope: {lexiscope_version}")
    print(f"CPUs: {os.cpu_count()} (usable by this process: {affinity or 'unknown'})")
    print(f"Platform: {platform.platform()}")


# --------------------------------------------------------------------------

def main(argv: Optional[Sequence[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("path", nargs="?", type=Path, default=None,
                        help="JSONL corpus (default: $LEXISCOPE_REUTERS or the shared Reuters file)")
    parser.add_argument("--limit", type=int, default=None,
                        help="use only the first N texts")
    parser.add_argument("--repeat", type=int, default=3,
                        help="timed runs per tool; the fastest counts (default 3)")
    args = parser.parse_args(argv)
    if args.repeat < 1:
        parser.error("--repeat must be at least 1")

    path = args.path or default_path()
    if not path.is_file():
        print(f"error: corpus not found: {path}", file=sys.stderr)
        return 2

    texts = load_texts(path, args.limit)
    if not texts:
        print(f"error: no texts read from {path}", file=sys.stderr)
        return 2
    n_bytes = sum(len(t.encode("utf-8")) for t in texts)

    lexiscope, why_not = load_lexiscope()
    if lexiscope is None:
        print(f"NOTE: lexiscope is unavailable: {why_not}.\n"
              "      Measuring the anchor tools only. Build it into this environment with\n"
              "      `bash benches/setup.sh` (or `pip install .`) to include it.\n",
              file=sys.stderr)

    rows: List[Row] = []
    if lexiscope is not None:
        rows += bench_lexiscope(lexiscope, texts, n_bytes, args.repeat)
    else:
        rows += [Row(name, note="not installed") for name in LEXISCOPE_ROWS]
    rows += bench_python_re(texts, n_bytes, args.repeat)
    rows += bench_sklearn(texts, n_bytes, args.repeat)
    rows += bench_spacy(texts, n_bytes, args.repeat)

    sanity_check(rows, len(texts))
    version = getattr(lexiscope, "__version__", "unknown") if lexiscope else "not installed"
    print_report(rows, path, texts, n_bytes, args.repeat, version)
    return 0


if __name__ == "__main__":
    sys.exit(main())
