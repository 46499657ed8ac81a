"""How long a long call takes to stop after Ctrl-C, on Reuters.

For each call, a timer thread sends SIGINT a little after the call starts (so
the core is in the middle of its work), and the time from the signal to the
KeyboardInterrupt reaching Python is printed. Also prints what the corpus keeps
per million tokens once every result has been computed.

    python benches/bench_interrupt.py [--delay 0.3]
"""

from __future__ import annotations

import argparse
import os
import signal
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from reuters import default_path, load_texts  # noqa: E402

import lexiscope as lx  # noqa: E402

CALLS = {
    "overlap()": lambda c: c.overlap(),
    "overlap('tfidf').top_k(10)": lambda c: c.overlap("tfidf").top_k(10),
    "stories()": lambda c: c.overlap().stories(),
    "entities()": lambda c: c.entities(),
    "keywords()": lambda c: c.keywords(),
    "keywords(scope='corpus')": lambda c: c.keywords(scope="corpus"),
    "matrix(ngram=(1, 2))": lambda c: c.matrix(ngram=(1, 2)),
    "near_duplicates()": lambda c: c.near_duplicates(),
}
# overlap("jaccard").top_k(10) compares all pairs (130 s on Reuters); it stopped
# 0.02 s after the signal when measured.


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--delay", type=float, default=0.3, help="seconds after the call starts")
    args = ap.parse_args()
    texts = load_texts(default_path())
    print(f"| call | full call s | stopped after s |\n|---|---:|---:|")
    for name, call in CALLS.items():
        c = lx.Corpus(texts)
        t = time.perf_counter()
        call(c)
        full = time.perf_counter() - t
        c.clear_cache()
        sent: list[float] = []

        def fire() -> None:
            sent.append(time.perf_counter())
            os.kill(os.getpid(), signal.SIGINT)

        timer = threading.Timer(min(args.delay, full / 3), fire)
        timer.start()
        try:
            call(c)
            stopped = float("nan")  # finished before the signal
        except KeyboardInterrupt:
            stopped = time.perf_counter() - sent[0]
        timer.join()
        print(f"| {name} | {full:.3f} | {stopped:.3f} |", flush=True)

    c = lx.Corpus(texts)
    ov = c.overlap()
    ov.top_k(10), ov.stories(), c.keywords(), c.keywords(scope="corpus"), c.mentions(), c.terms()
    m = c.memory()
    tokens = sum(c.stats(as_dict=True)["tokens"])
    print(f"\nkept after every result, {tokens:,} tokens, {len(c):,} documents:\n")
    print("| part | MB | MB per million tokens |\n|---|---:|---:|")
    for part, b in m.items():
        print(f"| {part} | {b / 1e6:.1f} | {b / 1e6 / (tokens / 1e6):.1f} |")


if __name__ == "__main__":
    main()
