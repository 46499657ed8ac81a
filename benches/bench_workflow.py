"""A notebook workflow on Reuters, timed call by call, for this build and an
older one side by side in one run.

An analyst's session: build the corpus, then ``overlap()``, ``top_k(10)``,
``stories()``, ``explain()`` of 10 pairs, ``entities()``, ``mentions()``,
``adds()`` of 10 documents, ``keywords()``, the corpus HTML view; then the
same calls again (a notebook re-runs cells). Each build runs in a fresh
process; the steps and their order are the same for both.

Usage::

    python benches/bench_workflow.py --old /path/to/old/site   # a dir holding an older `lexiscope` package
    python benches/bench_workflow.py                           # this build only

To keep a build aside before changing the code: ``pip install .`` into a
directory (``pip install --target /tmp/old .``) or copy an installed
``lexiscope`` package directory there.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent

CHILD = r"""
import json, sys, time
sys.path.insert(0, BENCH_DIR)
from reuters import default_path, load_texts
import lexiscope as lx

texts = load_texts(default_path(), LIMIT)
times = {}

def step(name, f):
    t = time.perf_counter()
    out = f()
    times[name] = time.perf_counter() - t
    return out

corpus = step("Corpus(texts)", lambda: lx.Corpus(texts))
ids = corpus.ids
pairs = [(ids[i], ids[i + 1]) for i in range(0, 20, 2)]
docs = ids[:10]

def adds(ov):
    for d in docs:
        try:
            ov.adds(d, as_dict=True)
        except lx.LexiscopeError:
            pass  # alone in its story

for rnd in ("first", "again"):
    ov = step(f"{rnd}: overlap()", lambda: corpus.overlap())
    step(f"{rnd}: top_k(10)", lambda: ov.top_k(10, as_dict=True))
    step(f"{rnd}: stories()", lambda: ov.stories(as_dict=True))
    step(f"{rnd}: explain() x10", lambda: [ov.explain(a, b, as_dict=True) for a, b in pairs])
    step(f"{rnd}: entities()", lambda: corpus.entities(as_dict=True))
    step(f"{rnd}: mentions()", lambda: corpus.mentions(as_dict=True))
    step(f"{rnd}: adds() x10", lambda: adds(ov))
    step(f"{rnd}: keywords()", lambda: corpus.keywords(as_dict=True))
    step(f"{rnd}: corpus HTML", lambda: corpus._repr_html_())

print(json.dumps({"version": getattr(lx, "__version__", "?"), "file": lx.__file__, "times": times}))
"""


def run(site: str | None, limit: int | None, threads: int | None) -> dict:
    env = dict(os.environ)
    if site:
        env["PYTHONPATH"] = site + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    if threads:
        env["LEXISCOPE_NUM_THREADS"] = str(threads)
    code = CHILD.replace("BENCH_DIR", repr(str(HERE))).replace("LIMIT", repr(limit))
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, cwd="/")
    if out.returncode != 0:
        raise SystemExit(f"workflow failed ({site or 'this build'}):\n{out.stderr}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--old", help="directory holding an older lexiscope package (put first on sys.path)")
    ap.add_argument("--limit", type=int, default=None, help="first N Reuters stories (default: all)")
    ap.add_argument("--threads", type=int, default=None, help="LEXISCOPE_NUM_THREADS for both builds")
    args = ap.parse_args()

    new = run(None, args.limit, args.threads)
    old = run(args.old, args.limit, args.threads) if args.old else None
    steps = list(new["times"])
    print(f"# Notebook workflow on Reuters ({args.limit or 'all'} stories)\n")
    print(f"this build: {new['file']}")
    if old:
        print(f"old build:  {old['file']}")
    print()
    if old:
        print("| step | old s | new s | speed-up |")
        print("|---|---:|---:|---:|")
    else:
        print("| step | s |")
        print("|---|---:|")
    for s in steps:
        n = new["times"][s]
        if old:
            o = old["times"].get(s, float("nan"))
            print(f"| {s} | {o:.3f} | {n:.3f} | {o / n:.1f}x |")
        else:
            print(f"| {s} | {n:.3f} |")

    def total(t: dict, prefix: str | None = None) -> float:
        return sum(v for k, v in t.items() if prefix is None or k.startswith(prefix))

    if old:
        print(f"| **whole workflow** | {total(old['times']):.3f} | {total(new['times']):.3f} | "
              f"{total(old['times']) / total(new['times']):.1f}x |")
    first = total(new["times"], "first:")
    again = total(new["times"], "again:")
    print(f"\nthis build: first round {first:.3f} s, same calls again {again:.3f} s "
          f"({first / max(again, 1e-9):.0f}x faster)")
    worst = min(
        (new["times"][f"first: {s[len('again: '):]}"] / max(new["times"][s], 1e-9), s[len("again: "):])
        for s in steps if s.startswith("again:")
    )
    print(f"slowest repeat relative to its first call: {worst[1]} ({worst[0]:.1f}x)")


if __name__ == "__main__":
    main()
