"""Thread scaling: the same work on 1 and on 2 threads, in one run.

Each round builds a fresh corpus on T threads and times, in order:

    corpus      lx.Corpus(texts, n_threads=T) and terms(): cleaning, then
                tokens and sentences of every document and the term counts
    keyphrases  keywords(top=10): part-of-speech tags, then each document's keyphrases
    collection  keywords(top=20, scope="corpus"): the collection's keyphrases (tags kept)
    entities    entities(): mentions (rules and the learned tagger) and linking
    overlap     overlap(): the default pairwise scores (entities kept)

Rounds alternate T = 1 and T = 2, so a slow spell of a shared machine lands
on both; each step's best time over the rounds is reported, with the speed-up
(1-thread seconds / 2-thread seconds) and the load average before and after
(the figures mean little when the load is above the number of cores). The
results of 1 and 2 threads are checked equal.

    python benches/bench_threads.py [--docs N] [--rounds R] [--steps corpus,...]

``--steps`` reports only the steps named; ``--steps corpus`` runs only that
step (every other step needs the corpus, so any other choice runs them all).

Texts: Reuters stories and Wikipedia passages (at most 3,000 characters)
from ``../shared/eval/corpus/``, half and half.
"""

from __future__ import annotations

import argparse
import json
import os
import time
from pathlib import Path

import lexiscope as lx

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "eval" / "corpus"
STEPS = ["corpus", "keyphrases", "collection", "entities", "overlap"]


def load(n: int) -> list[str]:
    """`n` texts: the first n/2 Reuters stories and n/2 Wikipedia passages, interleaved."""
    out: dict[str, list[str]] = {}
    for name in ("news_reuters21578.jsonl", "wikipedia_2015_sample.jsonl"):
        texts = []
        with open(CORPUS / name, encoding="utf-8") as f:
            for line in f:
                t = json.loads(line).get("text") or ""
                if len(t) > 200:
                    texts.append(t[:3000])
                if len(texts) >= (n + 1) // 2:
                    break
        out[name] = texts
    a, b = out.values()
    return [t for pair in zip(a, b) for t in pair][:n]


def load_average() -> str:
    return " ".join(Path("/proc/loadavg").read_text().split()[:3]) if Path("/proc/loadavg").exists() else "?"


def one_round(texts: list[str], threads: int, last: str = STEPS[-1]) -> tuple[dict[str, float], tuple]:
    times = {}
    t0 = time.perf_counter()
    c = lx.Corpus(texts, n_threads=threads)
    terms = c.terms(top=50, as_dict=True)
    times["corpus"] = time.perf_counter() - t0
    if last == "corpus":
        return times, (terms,)
    t0 = time.perf_counter()
    kw = c.keywords(top=10, as_dict=True)
    times["keyphrases"] = time.perf_counter() - t0
    t0 = time.perf_counter()
    ckw = c.keywords(top=20, scope="corpus", as_dict=True)
    times["collection"] = time.perf_counter() - t0
    t0 = time.perf_counter()
    ents = c.entities(as_dict=True)
    times["entities"] = time.perf_counter() - t0
    t0 = time.perf_counter()
    ov = c.overlap()
    top = ov.top_k(5, as_dict=True)  # (cheap; part of the check below, not of the time)
    times["overlap"] = time.perf_counter() - t0
    return times, (terms, kw, ckw, ents, top)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--docs", type=int, default=4000)
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--steps", default=",".join(STEPS), help="comma-separated steps to report (default: all)")
    args = ap.parse_args()
    steps = [s for s in STEPS if s in args.steps.split(",")]
    # `--steps corpus` ends each round after it; any other choice runs every step.
    last = "corpus" if steps == ["corpus"] else STEPS[-1]
    texts = load(args.docs)
    mb = sum(len(t.encode()) for t in texts) / 1e6
    print(f"{len(texts)} texts, {mb:.1f} MB; {os.cpu_count()} logical CPUs; lexiscope {lx.__version__}")
    load_before = load_average()
    best = {1: dict.fromkeys(STEPS, float("inf")), 2: dict.fromkeys(STEPS, float("inf"))}
    results = {}
    for r in range(args.rounds):
        for threads in (1, 2) if r % 2 == 0 else (2, 1):
            times, res = one_round(texts, threads, last)
            results.setdefault(threads, res)
            # Each round as it ends, so a run cut short still says something.
            print(f"round {r + 1}, {threads} thread(s): " + ", ".join(f"{s} {times[s]:.3f} s" for s in steps), flush=True)
            for s in steps:
                best[threads][s] = min(best[threads][s], times[s])
    load_after = load_average()
    assert results[1] == results[2], "results differ between 1 and 2 threads"
    print(f"\nbest of {args.rounds} rounds; load average (1, 5, 15 min) before {load_before}, after {load_after}\n")
    print("| step | 1 thread (s) | 2 threads (s) | speed-up |")
    print("|---|---|---|---|")
    for s in steps:
        a, b = best[1][s], best[2][s]
        print(f"| {s} | {a:.3f} | {b:.3f} | {a / b:.2f}x |")
    a, b = sum(best[1][s] for s in steps), sum(best[2][s] for s in steps)
    print(f"| all | {a:.3f} | {b:.3f} | {a / b:.2f}x |")


if __name__ == "__main__":
    main()
