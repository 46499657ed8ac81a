"""Instructions executed by the same work in this build and an older one.

Wall time on a shared machine drifts by tens of percent within minutes, which
hides a 5% regression. The number of instructions a single-threaded call
executes does not depend on the load, so this bench runs each workload under
valgrind's callgrind (about 50 times slower than native) for this build and
for the build in ``--old DIR`` (a directory holding a ``lexiscope`` package,
for instance a copy of ``python/lexiscope`` with its compiled module), and
prints the instructions of the compiled core and of the whole process, minus
those of a process that only loads the data.

    python benches/bench_instructions.py --old DIR [--tasks words_batch,...]

Instructions are a proxy: they miss cache misses and memory stalls, and say
nothing about threads (every task runs on one thread). A change within a
percent here and a similar time in an idle run together make a good case that
a change costs nothing. Needs ``valgrind`` on the PATH.

Tasks (Reuters-21578 from ``../shared/eval/corpus/``):

    words_batch  Tokenizer().words_batch(texts)
    count_batch  Tokenizer().count_batch(texts)
    count1       Corpus(texts, clean=False).matrix("count", stopwords=False)
    tfidf12      Corpus(texts, clean=False).matrix("tfidf", ngram=(1, 2), stopwords=False)
    near         Corpus(texts, clean=False).near_duplicates(0.8)
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
TASKS = ["words_batch", "count_batch", "count1", "tfidf12", "near"]

CHILD = """
import sys
sys.path.insert(0, {here!r})
import lexiscope as lx
from reuters import load_texts, default_path
texts = load_texts(default_path())
task = {task!r}
if task == "words_batch":
    lx.Tokenizer().words_batch(texts, n_threads=1)
elif task == "count_batch":
    lx.Tokenizer().count_batch(texts, n_threads=1)
elif task == "count1":
    lx.Corpus(texts, clean=False, n_threads=1).matrix("count", ngram=(1, 1), stopwords=False)
elif task == "tfidf12":
    lx.Corpus(texts, clean=False, n_threads=1).matrix("tfidf", ngram=(1, 2), stopwords=False)
elif task == "near":
    lx.Corpus(texts, clean=False, n_threads=1).near_duplicates(0.8, as_dict=True)
"""


def count(task: str, path: str, tmp: Path) -> tuple[int, int]:
    """(instructions of the process, of the compiled module) for one task."""
    out = tmp / f"{task}.{abs(hash(path))}.out"
    env = dict(os.environ, PYTHONPATH=path)
    script = CHILD.format(here=str(HERE), task=task)
    if task == "load":
        script = script.split("task = ")[0]
    subprocess.run(
        ["valgrind", "--tool=callgrind", f"--callgrind-out-file={out}", sys.executable, "-c", script],
        env=env, check=True, capture_output=True,
    )
    text = subprocess.run(
        ["callgrind_annotate", "--threshold=100", str(out)], capture_output=True, text=True, check=True
    ).stdout
    total = core = 0
    for line in text.splitlines():
        m = re.match(r"^\s*([\d,]+) \(", line)
        if not m:
            continue
        n = int(m.group(1).replace(",", ""))
        if "PROGRAM TOTALS" in line:
            total = n
        elif "_lexiscope" in line and ".so" in line:
            core += n
    return total, core


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--old", required=True, help="directory holding the older build's lexiscope package")
    ap.add_argument("--tasks", default=",".join(TASKS))
    args = ap.parse_args()
    if shutil.which("valgrind") is None:
        raise SystemExit("valgrind is not installed")
    builds = {"this build": str(ROOT / "python"), "old": str(Path(args.old).resolve())}
    tasks = [t for t in args.tasks.split(",") if t]
    with tempfile.TemporaryDirectory() as d:
        tmp = Path(d)
        base = {name: count("load", path, tmp)[0] for name, path in builds.items()}
        print("| task | core, this build (M) | core, old (M) | change | process, this build (M) | process, old (M) | change |")
        print("|---|---:|---:|---:|---:|---:|---:|")
        for task in tasks:
            new_total, new_core = count(task, builds["this build"], tmp)
            old_total, old_core = count(task, builds["old"], tmp)
            new_total -= base["this build"]
            old_total -= base["old"]
            print(
                f"| {task} | {new_core / 1e6:,.1f} | {old_core / 1e6:,.1f} | {new_core / old_core - 1:+.1%} "
                f"| {new_total / 1e6:,.1f} | {old_total / 1e6:,.1f} | {new_total / old_total - 1:+.1%} |",
                flush=True,
            )


if __name__ == "__main__":
    main()
