"""A notebook workflow on Reuters, timed call by call, for this build and an
older one side by side in one run.

An analyst's session: build the corpus, then ``overlap()``, ``top_k(10)``,
``stories()``, ``explain()`` of 10 pairs, ``entities()``, ``mentions()``,
``adds()`` of 10 documents, ``keywords()``, the corpus HTML view; then the
same calls again (a notebook re-runs cells), twice: ``again`` with
``as_dict=True`` as the first round, ``table`` with the default return type
(``lx.Table``; a DataFrame in builds that returned one). Each build runs in a
fresh process; the steps and their order are the same for both.

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

def adds(ov, d_):
    for d in docs:
        try:
            ov.adds(d, as_dict=d_)
        except lx.LexiscopeError:
            pass  # alone in its story

for rnd, d_ in (("first", True), ("again", True), ("table", False)):
    ov = step(f"{rnd}: overlap()", lambda: corpus.overlap())
    step(f"{rnd}: top_k(10)", lambda: ov.top_k(10, as_dict=d_))
    step(f"{rnd}: stories()", lambda: ov.stories(as_dict=d_))
    step(f"{rnd}: explain() x10", lambda: [ov.explain(a, b, as_dict=d_) for a, b in pairs])
    step(f"{rnd}: entities()", lambda: corpus.entities(as_dict=d_))
    step(f"{rnd}: mentions()", lambda: corpus.mentions(as_dict=d_))
    step(f"{rnd}: adds() x10", lambda: adds(ov, d_))
    step(f"{rnd}: keywords()", lambda: corpus.keywords(as_dict=d_))
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
            print(f"| {s} | {o:.4f} | {n:.4f} | {o / n:.1f}x |")
        else:
            print(f"| {s} | {n:.4f} |")

    # Per step: the first call, and each repeat against it.
    names = [s[len("first: "):] for s in steps if s.startswith("first: ")]
    builds = [("new", new)] + ([("old", old)] if old else [])
    print("\n| step | " + " | ".join(f"{b} first s | {b} again s (x) | {b} table s (x)" for b, _ in builds) + " |")
    print("|---|" + "---:|---:|---:|" * len(builds))
    for name in names:
        cells = []
        for _, t in builds:
            f = t["times"][f"first: {name}"]
            cells.append(f"{f:.4f}")
            for rnd in ("again", "table"):
                r = t["times"].get(f"{rnd}: {name}", float("nan"))
                cells.append(f"{r:.4f} ({f / max(r, 1e-9):.0f}x)")
        print(f"| {name} | " + " | ".join(cells) + " |")

    def total(t: dict, prefix: str | None = None) -> float:
        # The whole workflow: building, the first round and the as_dict repeat
        # (the figure measured before the table round was added).
        return sum(v for k, v in t.items() if (k.startswith(prefix) if prefix else not k.startswith("table:")))

    if old:
        print(f"| **whole workflow** | {total(old['times']):.3f} | {total(new['times']):.3f} | "
              f"{total(old['times']) / total(new['times']):.1f}x |")
    first = total(new["times"], "first:")
    again = total(new["times"], "again:")
    print(f"\nthis build: first round {first:.3f} s, same calls again {again:.3f} s "
          f"({first / max(again, 1e-9):.0f}x faster)")
    repeats = [s for s in steps if s.startswith(("again:", "table:"))]
    worst = min(
        (new["times"][f"first: {s.split(': ', 1)[1]}"] / max(new["times"][s], 1e-9), s)
        for s in repeats
    )
    print(f"slowest repeat relative to its first call: {worst[1]} ({worst[0]:.1f}x)")
    # entities() and mentions() first read the extraction that overlap() made.
    ov_first = new["times"]["first: overlap()"]
    for name in ("entities()", "mentions()"):
        r = max(new["times"][f"again: {name}"], new["times"][f"table: {name}"])
        print(f"{name} repeat (slower of again/table) against the first overlap(), which extracted the entities: "
              f"{ov_first:.3f} s / {r:.4f} s = {ov_first / max(r, 1e-9):.0f}x")


if __name__ == "__main__":
    main()
