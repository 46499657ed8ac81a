#!/usr/bin/env python3
"""Document-term matrix construction: lexiscope against scikit-learn.

Usage:
    python benches/bench_matrix.py [PATH] [--limit N] [--repeat R]

PATH is a JSONL file with one ``{"id": ..., "text": ...}`` record per line.
It defaults to $LEXISCOPE_REUTERS, or else to
``../shared/eval/corpus/news_reuters21578.jsonl`` relative to the repo root.

Four tasks are measured, each with three tools:

    count (1,1)   CountVectorizer().fit_transform(texts)
                  vs Corpus(texts, clean=False, n_threads=T).matrix("count", stopwords=False)
    tfidf (1,1)   TfidfVectorizer().fit_transform(texts)
                  vs ... .matrix("tfidf", stopwords=False)
    count (1,2)   the same with ngram_range=(1, 2) / ngram=(1, 2)
    tfidf (1,2)

    tools: scikit-learn (single-threaded by design), lexiscope with T=1,
           lexiscope with T=1 and sort_indices=True, lexiscope with T = all
           usable cores.

Both libraries return CSR matrices whose column indices within a row are in
the order the document first uses the terms (scikit-learn's own output has
``has_sorted_indices == False``); the ``sort_indices=True`` row shows what
sorting them (canonical CSR) costs lexiscope.

The lexiscope time includes building the Corpus (with ``clean=False``:
sharing the texts and making the documents; the text is tokenized by
``matrix``) and releasing it when the job returns (as the vectorizer is
released); the scikit-learn time is the fit_transform call, which tokenizes too.

Every (task, tool) measurement runs in a fresh child process (this script
re-invoked with a hidden ``--child TOOL TASK`` argument), so that its peak
resident memory is its own. The child loads the texts, imports the tool, then
records ``ru_maxrss`` as the baseline; it then runs the job R times
(``--repeat``). This is done in ``--rounds`` rounds, each going through every
task and tool once, so that a slow spell of the machine (shared virtual
machines drift by a quarter) lands on all tools rather than on one. Reported:

    seconds       best wall-clock time (time.perf_counter) of the R runs of all
                  rounds
    MB/s          UTF-8 input size / seconds (1 MB = 10**6 bytes)
    peak MB       ru_maxrss after the first run (of the first round) minus the baseline, i.e. the
                  extra memory one job needed at its high point; the absolute
                  peak (baseline included) is shown next to it
    ratios        scikit-learn seconds / this seconds, and scikit-learn peak
                  MB / this peak MB (both > 1 when lexiscope is better)

The two libraries do not tokenize alike (scikit-learn: ``(?u)\\b\\w\\w+\\b``;
lexiscope: UAX #29 word boundaries tuned for news, which keep ``U.S.``, ``1.5``
and one-letter words, and n-grams that stop at sentence boundaries), so shapes and nnz differ and are
printed for reference. Whether the two compute the *same numbers from the same
tokens* is checked separately: on the first 2,000 texts, scikit-learn is given
lexiscope's own tokens as its analyzer, and the matrices must be equal. A
mismatch is printed in detail and makes the script exit with status 1 (after
all timing results are printed).

Sanity checks (one row per document, nnz > 0, same result on 1 and on all
threads) raise AssertionError. No assertion is made about speed or memory.
"""

from __future__ import annotations

import argparse
import gc
import hashlib
import json
import os
import platform
import resource
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Dict, List, Optional, Sequence, Tuple

from reuters import default_path, load_texts

# Task name -> (weight, n-gram range). The keys are also the child's TASK argument.
TASKS: Dict[str, Tuple[str, Tuple[int, int]]] = {
    "count-1": ("count", (1, 1)),
    "tfidf-1": ("tfidf", (1, 1)),
    "count-12": ("count", (1, 2)),
    "tfidf-12": ("tfidf", (1, 2)),
}

# Tool keys, in table order. "sklearn" is the reference for the ratio columns.
TOOLS = ("sklearn", "lexiscope-1", "lexiscope-1-sorted", "lexiscope-all")
REFERENCE_TOOL = "sklearn"

# Size of the equality-check sample, and its tolerance for tf-idf values.
EQUALITY_DOCS = 2000
TFIDF_TOLERANCE = 1e-9


# --------------------------------------------------------------------------
# Input and environment
# --------------------------------------------------------------------------

def usable_cores() -> int:
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def task_label(task: str) -> str:
    weight, (lo, hi) = TASKS[task]
    return f"{weight} ({lo},{hi})"


def tool_label(tool: str) -> str:
    if tool == "sklearn":
        return "scikit-learn"
    if tool == "lexiscope-1":
        return "lexiscope (1 thread)"
    if tool == "lexiscope-1-sorted":
        return "lexiscope (1 thread, sort_indices=True)"
    return f"lexiscope ({usable_cores()} threads)"


def lexiscope_build() -> str:
    """A short fingerprint (SHA-1 of the compiled extension) of the installed lexiscope.

    The benchmark venv may be rebuilt while this script runs; comparing the
    fingerprints seen by every child shows whether all rows used one build.
    """
    import lexiscope._lexiscope as ext
    return hashlib.sha1(Path(ext.__file__).read_bytes()).hexdigest()[:12]


def check(condition: bool, message: str) -> None:
    # A plain function rather than `assert`, so the checks survive `python -O`.
    if not condition:
        raise AssertionError(message)


# --------------------------------------------------------------------------
# Child process: one (tool, task) measurement
# --------------------------------------------------------------------------

def max_rss_bytes() -> int:
    """Peak resident set size of this process so far, in bytes."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak if sys.platform == "darwin" else peak * 1024  # Linux reports KiB


def make_job(tool: str, task: str, texts: List[str]) -> Callable[[], Tuple[object, object]]:
    """Import the tool and return a zero-argument job -> (matrix, vocabulary).

    Importing happens here, before the baseline is taken, so that the memory of
    the libraries themselves does not count as the job's.
    """
    weight, ngram = TASKS[task]
    if tool == "sklearn":
        from sklearn.feature_extraction.text import CountVectorizer, TfidfVectorizer

        cls = CountVectorizer if weight == "count" else TfidfVectorizer

        def job():
            vectorizer = cls(ngram_range=ngram)
            X = vectorizer.fit_transform(texts)
            return X, vectorizer.vocabulary_
        return job

    import lexiscope as lx
    import scipy.sparse  # noqa: F401  (lexiscope builds its csr_matrix with it)

    n_threads = 1 if tool.startswith("lexiscope-1") else usable_cores()
    sort_indices = tool.endswith("-sorted")

    def job():
        corpus = lx.Corpus(texts, clean=False, n_threads=n_threads)
        return corpus.matrix(weight, ngram=ngram, stopwords=False, sort_indices=sort_indices)
    return job


def run_child(tool: str, task: str, path: Path, limit: Optional[int], repeat: int) -> int:
    texts = load_texts(path, limit)
    job = make_job(tool, task, texts)
    gc.collect()
    baseline = max_rss_bytes()

    times: List[float] = []
    peak_first = 0
    result = None
    for i in range(repeat):
        result = None          # free the previous result before the next run
        gc.collect()
        start = time.perf_counter()
        result = job()
        times.append(time.perf_counter() - start)
        if i == 0:
            peak_first = max_rss_bytes()

    X, vocab = result
    # Vocabulary as a sorted list of terms (sklearn gives a term -> column dict).
    terms = sorted(vocab) if isinstance(vocab, dict) else list(vocab)
    json.dump({
        "tool": tool,
        "task": task,
        "times": times,
        "baseline_bytes": baseline,
        "peak_bytes": peak_first,
        "peak_bytes_all_runs": max_rss_bytes(),
        "shape": list(X.shape),
        "nnz": int(X.nnz),
        "vocab_size": len(terms),
        "vocab_sha1": hashlib.sha1("\n".join(terms).encode("utf-8")).hexdigest(),
        "sum": float(X.sum()),
        "build": lexiscope_build() if tool != "sklearn" else None,
    }, sys.stdout)
    sys.stdout.write("\n")
    return 0


# --------------------------------------------------------------------------
# Parent: run the children, check, report
# --------------------------------------------------------------------------

@dataclass
class Result:
    tool: str
    task: str
    seconds: float
    baseline_mb: float
    peak_mb: float          # absolute peak after the first run
    extra_mb: float         # peak minus baseline
    shape: Tuple[int, int]
    nnz: int
    vocab_size: int
    vocab_sha1: str
    total: float            # sum of all matrix values, to compare thread counts
    build: Optional[str]    # lexiscope build fingerprint (None for scikit-learn)


def measure(tool: str, task: str, path: Path, limit: Optional[int], repeat: int) -> Result:
    cmd = [sys.executable, str(Path(__file__).resolve()), str(path),
           "--child", tool, task, "--repeat", str(repeat)]
    if limit is not None:
        cmd += ["--limit", str(limit)]
    proc = subprocess.run(cmd, capture_output=True, text=True)
    if proc.returncode != 0:
        raise RuntimeError(f"child {tool} {task} failed (status {proc.returncode}):\n{proc.stderr}")
    data = json.loads(proc.stdout.strip().splitlines()[-1])
    mb = 1e6
    return Result(
        tool=tool, task=task,
        seconds=min(data["times"]),
        baseline_mb=data["baseline_bytes"] / mb,
        peak_mb=data["peak_bytes"] / mb,
        extra_mb=(data["peak_bytes"] - data["baseline_bytes"]) / mb,
        shape=tuple(data["shape"]), nnz=data["nnz"],
        vocab_size=data["vocab_size"], vocab_sha1=data["vocab_sha1"],
        total=data["sum"], build=data["build"],
    )


def sanity_check(results: List[Result], n_docs: int) -> None:
    for r in results:
        name = f"{task_label(r.task)} / {tool_label(r.tool)}"
        check(r.shape[0] == n_docs, f"{name}: {r.shape[0]} rows for {n_docs} documents")
        check(r.nnz > 0, f"{name}: empty matrix (nnz = 0)")
        check(r.shape[1] == r.vocab_size,
              f"{name}: {r.shape[1]} columns but {r.vocab_size} vocabulary terms")
    # lexiscope must give the same matrix whatever the number of threads.
    by_key = {(r.task, r.tool): r for r in results}
    # (And sorting the indices changes no value.)
    for task in TASKS:
        one = by_key.get((task, "lexiscope-1"))
        for other in ("lexiscope-all", "lexiscope-1-sorted"):
            many = by_key.get((task, other))
            if one and many:
                same = (one.shape == many.shape and one.nnz == many.nnz
                        and one.vocab_sha1 == many.vocab_sha1
                        and abs(one.total - many.total) <= 1e-6 * max(1.0, abs(one.total)))
                check(same, f"{task_label(task)}: {tool_label('lexiscope-1')} and "
                            f"{tool_label(other)} differ")


def fmt(value: Optional[float], digits: int = 2) -> str:
    return "—" if value is None else f"{value:,.{digits}f}"


def print_timing(results: List[Result], n_bytes: int) -> None:
    ref = {r.task: r for r in results if r.tool == REFERENCE_TOOL}
    print("| task | tool | seconds | MB/s | peak MB (above baseline) | peak MB (absolute) "
          "| speed ratio (sklearn s ÷ this) | memory ratio (sklearn MB ÷ this) |")
    print("|---|---|---:|---:|---:|---:|---:|---:|")
    for r in results:
        base = ref.get(r.task)
        speed = base.seconds / r.seconds if base and r.seconds > 0 else None
        memory = base.extra_mb / r.extra_mb if base and r.extra_mb > 0 else None
        print(f"| {task_label(r.task)} | {tool_label(r.tool)} | {r.seconds:.3f} "
              f"| {n_bytes / 1e6 / r.seconds:,.2f} | {r.extra_mb:,.1f} | {r.peak_mb:,.1f} "
              f"| {fmt(speed)} | {fmt(memory)} |")


def print_shapes(results: List[Result]) -> None:
    print("| task | tool | rows | vocabulary | nnz |")
    print("|---|---|---:|---:|---:|")
    for r in results:
        print(f"| {task_label(r.task)} | {tool_label(r.tool)} | {r.shape[0]:,} "
              f"| {r.vocab_size:,} | {r.nnz:,} |")
    print("| note | shapes and nnz differ by design: scikit-learn tokenizes with "
          "`(?u)\\b\\w\\w+\\b` (one-character pieces dropped, so `U.S.` and `1.5` vanish, "
          "`Vitro-led` gives `vitro` + `led`, `don't` gives `don`); lexiscope uses UAX #29 "
          "word boundaries tuned for news (`u.s.`, `1.5`, `vitro-led`, one-letter words kept; "
          "`don't` gives `do` + `n't`), and its n-grams do not cross sentence boundaries "
          "| | | |")


# --------------------------------------------------------------------------
# Equality check: same tokens, same numbers
# --------------------------------------------------------------------------

# Name -> (lexiscope weight, keyword arguments shared by matrix() and the vectorizer).
# Unigrams only: lexiscope's corpus n-grams stop at sentence boundaries, which a
# scikit-learn analyzer fed with a flat token list cannot reproduce.
EQUALITY_CONFIGS: Dict[str, Tuple[str, dict]] = {
    "count (1,1)": ("count", {}),
    "tfidf (1,1)": ("tfidf", {}),
    "tfidf (1,1) sublinear_tf=True": ("tfidf", {"sublinear_tf": True}),
    "tfidf (1,1) smooth_idf=False": ("tfidf", {"smooth_idf": False}),
    "tfidf (1,1) norm=None": ("tfidf", {"norm": None}),
}


def describe_difference(X, vx: List[str], Y, vy: List[str], tolerance: float,
                        show: int = 5) -> None:
    """Print where lexiscope's (X, vx) and scikit-learn's (Y, vy) disagree."""
    if vx != vy:
        sx, sy = set(vx), set(vy)
        print(f"    vocabulary differs: lexiscope {len(vx):,} terms, scikit-learn {len(vy):,}")
        first = next((i for i, (a, b) in enumerate(zip(vx, vy)) if a != b), min(len(vx), len(vy)))
        print(f"    first differing position {first}: lexiscope "
              f"{vx[first] if first < len(vx) else '<end>'!r}, scikit-learn "
              f"{vy[first] if first < len(vy) else '<end>'!r}")
        print(f"    only in lexiscope   ({len(sx - sy):,}): {sorted(sx - sy)[:show]}")
        print(f"    only in scikit-learn ({len(sy - sx):,}): {sorted(sy - sx)[:show]}")
    if X.shape[0] != Y.shape[0]:
        print(f"    row counts differ: lexiscope {X.shape[0]:,}, scikit-learn {Y.shape[0]:,}")
        return

    # Compare the values on the terms both have.
    col_y = {t: j for j, t in enumerate(vy)}
    shared = [(i, col_y[t]) for i, t in enumerate(vx) if t in col_y]
    terms = [vx[i] for i, _ in shared]
    A = X.tocsc()[:, [i for i, _ in shared]].tocsr()
    B = Y.tocsc()[:, [j for _, j in shared]].tocsr()
    D = abs(A - B).tocsr()
    D.data[D.data <= tolerance] = 0
    D.eliminate_zeros()
    bad_rows = sorted(set(D.nonzero()[0].tolist()))
    print(f"    {len(bad_rows):,} of {X.shape[0]:,} rows differ on the {len(terms):,} shared terms"
          + (f"; first {min(show, len(bad_rows))}:" if bad_rows else ""))
    for row in bad_rows[:show]:
        cols = D[row].indices[:8]
        cells = ", ".join(f"{terms[c]!r}: {A[row, c]:.6g} vs {B[row, c]:.6g}" for c in cols)
        print(f"      doc {row}: {cells}  (lexiscope vs scikit-learn)")


def equality_check(texts: List[str]) -> bool:
    """Feed scikit-learn lexiscope's own tokens; return True if all matrices are equal."""
    import lexiscope as lx
    from sklearn.feature_extraction.text import CountVectorizer, TfidfVectorizer

    corpus = lx.Corpus(texts, clean=False)
    tok = lx.Tokenizer(stopwords=None)     # no stopword list: every word is kept
    all_equal = True
    print("| config | vocabulary (lexiscope / sklearn) | max abs difference | result |")
    print("|---|---:|---:|---|")
    details = []
    for name, (weight, kwargs) in EQUALITY_CONFIGS.items():
        X, vx = corpus.matrix(weight, stopwords=False, **kwargs)
        if weight == "count":
            vectorizer, tolerance = CountVectorizer(analyzer=tok.words), 0.0
        else:
            vectorizer, tolerance = TfidfVectorizer(analyzer=tok.words, **kwargs), TFIDF_TOLERANCE
        Y = vectorizer.fit_transform(texts)
        vy = vectorizer.get_feature_names_out().tolist()

        same_vocab = vx == vy and X.shape == Y.shape
        max_diff = abs(X - Y).max() if same_vocab else None
        equal = same_vocab and (max_diff <= tolerance if weight == "count" else max_diff < tolerance)
        all_equal &= bool(equal)
        shown = "— (vocabularies differ)" if max_diff is None else f"{max_diff:.3g}"
        print(f"| {name} | {len(vx):,} / {len(vy):,} | {shown} "
              f"| {'EQUAL' if equal else '**DIFFERENT**'} |")
        if not equal:
            details.append((name, X, vx, Y, vy, tolerance))

    for name, X, vx, Y, vy, tolerance in details:
        print(f"\nMISMATCH in {name}:")
        describe_difference(X, vx, Y, vy, tolerance)
    return all_equal


# --------------------------------------------------------------------------

def main(argv: Optional[Sequence[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("path", nargs="?", type=Path, default=None,
                        help="JSONL corpus (default: $LEXISCOPE_REUTERS or the shared Reuters file)")
    parser.add_argument("--limit", type=int, default=None, help="use only the first N texts")
    parser.add_argument("--repeat", type=int, default=3,
                        help="timed runs per measurement; the fastest counts (default 3)")
    parser.add_argument("--rounds", type=int, default=3,
                        help="fresh processes per measurement, interleaved across tools; "
                             "the fastest counts (default 3)")
    parser.add_argument("--tasks", default=",".join(TASKS),
                        help=f"comma-separated subset of {', '.join(TASKS)} (default: all)")
    # Internal: run a single measurement and print it as JSON.
    parser.add_argument("--child", nargs=2, metavar=("TOOL", "TASK"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.repeat < 1 or args.rounds < 1:
        parser.error("--repeat and --rounds must be at least 1")
    tasks = [t for t in args.tasks.split(",") if t]
    unknown = [t for t in tasks if t not in TASKS]
    if unknown or not tasks:
        parser.error(f"--tasks: unknown {unknown or 'empty list'}; choose from {', '.join(TASKS)}")

    path = args.path or default_path()
    if not path.is_file():
        print(f"error: corpus not found: {path}", file=sys.stderr)
        return 2

    if args.child:
        tool, task = args.child
        if tool not in TOOLS or task not in TASKS:
            parser.error(f"unknown child measurement {tool} {task}")
        return run_child(tool, task, path, args.limit, args.repeat)

    texts = load_texts(path, args.limit)
    if not texts:
        print(f"error: no texts read from {path}", file=sys.stderr)
        return 2
    n_bytes = sum(len(t.encode("utf-8")) for t in texts)

    # Timing and memory, one child process per (task, tool).
    # Rounds interleave the tools, so that a slow spell of the machine falls
    # on all of them rather than on whichever ran then; each cell keeps its
    # fastest round (and the memory of its first).
    load_before = os.getloadavg() if hasattr(os, "getloadavg") else None
    best: Dict[Tuple[str, str], Result] = {}
    for round_ in range(args.rounds):
        for task in tasks:
            for tool in TOOLS:
                print(f"round {round_ + 1}/{args.rounds}: {task_label(task)} / {tool_label(tool)} ...",
                      file=sys.stderr, flush=True)
                r = measure(tool, task, path, args.limit, args.repeat)
                kept = best.get((task, tool))
                if kept is None:
                    best[(task, tool)] = r
                elif r.seconds < kept.seconds:
                    kept.seconds = r.seconds
    results: List[Result] = [best[(task, tool)] for task in tasks for tool in TOOLS]
    sanity_check(results, len(texts))
    load_after = os.getloadavg() if hasattr(os, "getloadavg") else None

    import lexiscope
    import sklearn
    print(f"Input: {path} ({len(texts):,} texts, {n_bytes / 1e6:.2f} MB UTF-8)")
    print(f"Best of {args.rounds} round(s) × {args.repeat} run(s) each; every round of every "
          f"measurement in a fresh process, tools interleaved. "
          f"Memory: ru_maxrss, 1 MB = 10^6 bytes; baseline = after loading the texts and "
          f"importing the tool ({min(r.baseline_mb for r in results):,.1f}–"
          f"{max(r.baseline_mb for r in results):,.1f} MB).")
    print(f"lexiscope {lexiscope.__version__}: Corpus(texts, clean=False, n_threads=T)"
          f".matrix(weight, ngram, stopwords=False), Corpus construction included; "
          f"scikit-learn {sklearn.__version__}: Count/TfidfVectorizer(ngram_range).fit_transform(texts).\n")
    print_timing(results, n_bytes)
    print("\nMatrix shapes:\n")
    print_shapes(results)

    sample = texts[:EQUALITY_DOCS]
    print(f"\nEquality check (same tokens, same numbers): first {len(sample):,} texts; "
          "lexiscope Corpus(clean=False).matrix(..., stopwords=False) vs scikit-learn "
          "vectorizer(analyzer=Tokenizer(stopwords=None).words); unigrams only.\n")
    equal = equality_check(sample)

    # Every lexiscope row and the equality check must have used the same build.
    builds = sorted({r.build for r in results if r.build} | {lexiscope_build()})
    if len(builds) == 1:
        print(f"\nlexiscope build (SHA-1 of the extension): {builds[0]}")
    else:
        print(f"\nWARNING: lexiscope was reinstalled during the run; rows come from "
              f"builds {', '.join(builds)}: rerun for comparable numbers.")

    affinity = usable_cores()
    print(f"\nPython: {platform.python_implementation()} {platform.python_version()}; "
          f"CPUs: {os.cpu_count()} (usable: {affinity}); {platform.platform()}")
    if load_before and load_after:
        # Other work on the machine skews the timings; the load average shows it.
        print(f"1-minute load average: {load_before[0]:.2f} before the timings, "
              f"{load_after[0]:.2f} after")
    if not equal:
        print("\nFAILED: lexiscope and scikit-learn disagree on identical tokens (see above).")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
