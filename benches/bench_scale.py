"""Size: 10^4, 10^5 and 10^6 news-like documents, each step in a fresh process.

The documents are generated here, into a temporary directory (never
committed), from the shared corpus beside the repository: passages of
``wikipedia_2015_sample.jsonl`` and stories of ``news_reuters21578.jsonl``,
shuffled and perturbed (a dateline, dropped sentences, swapped words) with
about 5% near duplicates of a recent document (one more word swap). The
average document is about 1 KB, so 10^6 documents are a JSONL file of
about 1 GB, which is also the file the 1 GB rows read.

Each step runs in its own process: it builds the corpus from the JSONL file
(``Corpus.from_jsonl``), then runs the step; the row gives the step's wall
time (build excluded, given apart as ``build``) and the process's peak
resident memory (``wait4``), which includes the corpus. Steps:

    build       Corpus.from_jsonl, then stats() (every document tokenized)
    matrix      corpus.matrix(weight="tfidf")
    keyphrases  corpus.keywords(scope="corpus")
    entities    corpus.entities()
    top_k       corpus.overlap().top_k(10): exact up to 20,000 documents, pruned above
    top_k_exact the same with the exact search at any size (the old algorithm)
    top_k_pruned the same with the pruned search at any size
    top_k_tfidf, top_k_tfidf_exact  corpus.overlap("tfidf").top_k(10) (no entities)
    near_dups   corpus.near_duplicates()
    all_pairs   corpus.overlap("tfidf").matrix(): refused above 40,000 documents
    scan_*      lexiscope.scan_jsonl (the streaming path): terms, matrix
                blocks, entities, near duplicates
    jsonl_terms Corpus.from_jsonl + terms(): the 1.5x-the-file target

Memory safety on a shared machine: a step starts only when ``free`` reports
more than ``--min-free`` GB available (default 14 for 10^6 documents, 4
below), runs under ``nice -n 19``, and is stopped when its resident memory
passes ``--max-rss`` GB (default 12), which the row then reports.

    python benches/bench_scale.py [--sizes 10000,100000,1000000] [--steps a,b]
        [--timeout S] [--keep DIR] [--json PATH]

Results: a table on stdout, and one JSON line per row appended to
``--json`` (default benches/results/scale.jsonl) for benches/summary.py.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import re
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "eval" / "corpus"
STEPS = ["build", "matrix", "keyphrases", "entities", "top_k", "near_dups", "all_pairs"]
SCAN_STEPS = ["scan_terms", "scan_matrix", "scan_entities", "scan_near_dups", "jsonl_terms"]
CITIES = ["LONDON", "NEW YORK", "TOKYO", "PARIS", "BRUSSELS", "SYDNEY", "NAIROBI", "LIMA", "DELHI", "OSLO"]
MONTHS = ["Jan", "Feb", "March", "April", "May", "June", "July", "Aug", "Sept", "Oct", "Nov", "Dec"]
SENT = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"])")


# -- the documents ---------------------------------------------------------------


def sources() -> tuple[list[list[str]], list[list[str]]]:
    """Reuters stories and Wikipedia paragraphs, each as a list of sentences."""
    news, wiki = [], []
    with open(SHARED / "news_reuters21578.jsonl", encoding="utf-8") as f:
        for line in f:
            text = " ".join(json.loads(line)["text"].split("\n", 1)[-1].split())
            sents = SENT.split(text)
            if len(sents) >= 2:
                news.append(sents)
    with open(SHARED / "wikipedia_2015_sample.jsonl", encoding="utf-8") as f:
        for line in f:
            for para in json.loads(line)["text"].split("\n"):
                sents = SENT.split(para.strip())
                if len(para) > 200 and len(sents) >= 2:
                    wiki.append(sents)
    return news, wiki


def swap_words(sent: str, rng: random.Random) -> str:
    w = sent.split(" ")
    if len(w) > 3:
        i = rng.randrange(len(w) - 1)
        w[i], w[i + 1] = w[i + 1], w[i]
    return " ".join(w)


def generate(n: int, path: Path, seed: int = 7) -> int:
    """Writes ``n`` documents to ``path`` (JSONL: id, text); returns its size in bytes."""
    rng = random.Random(seed)
    news, wiki = sources()
    recent: list[list[str]] = []
    with open(path, "w", encoding="utf-8") as f:
        for i in range(n):
            if recent and rng.random() < 0.05:
                sents = list(rng.choice(recent))
                k = rng.randrange(len(sents))
                sents[k] = swap_words(sents[k], rng)
            else:
                if rng.random() < 0.6:
                    base = rng.choice(news)
                else:
                    a, b = rng.choice(wiki), rng.choice(wiki)
                    base = a + b
                sents = [s for s in base if rng.random() > 0.1] or base[:1]
                sents = [swap_words(s, rng) if rng.random() < 0.3 else s for s in sents]
                if len(sents) > 3 and rng.random() < 0.5:
                    j = rng.randrange(1, len(sents) - 1)
                    sents[j], sents[j + 1] = sents[j + 1], sents[j]
                date = f"{rng.choice(CITIES)}, {rng.choice(MONTHS)} {rng.randint(1, 28)} -"
                head = " ".join(sents[0].split()[:8]).rstrip(".,")
                sents = [head, f"{date} {sents[0]}"] + sents[1:]
                recent.append(sents)
                if len(recent) > 1000:
                    recent.pop(rng.randrange(len(recent)))
            f.write(json.dumps({"id": f"d{i}", "text": sents[0] + "\n\n" + " ".join(sents[1:])}) + "\n")
    return path.stat().st_size


# -- one step, in a fresh process --------------------------------------------------


def child(step: str, path: str) -> None:
    import lexiscope as lx

    out: dict = {}
    t0 = time.perf_counter()
    if step.startswith("scan_"):
        scan = lx.scan_jsonl(path, id="id")
        if step == "scan_terms":
            out["rows"] = len(list(scan.terms(as_dict=True)["term"]))
        elif step == "scan_matrix":
            nnz = 0
            for _ids, block in scan.iter_matrix(weight="tfidf"):
                nnz += block.nnz
            out["rows"] = nnz
        elif step == "scan_entities":
            out["rows"] = len(list(scan.entities(as_dict=True)["entity"]))
        elif step == "scan_near_dups":
            out["rows"] = len(list(scan.near_duplicates(as_dict=True)["a"]))
        out["seconds"] = time.perf_counter() - t0
        print(json.dumps(out))
        return
    corpus = lx.Corpus.from_jsonl(path, id="id")
    if step in ("build", "jsonl_terms"):
        out["rows"] = len(list(corpus.stats(as_dict=True)["doc"])) if step == "build" else len(
            list(corpus.terms(as_dict=True)["term"])
        )
        out["seconds"] = time.perf_counter() - t0
        print(json.dumps(out))
        return
    out["build"] = time.perf_counter() - t0
    t1 = time.perf_counter()
    if step == "matrix":
        m, _vocab = corpus.matrix(weight="tfidf")
        out["rows"] = int(m.nnz)
    elif step == "keyphrases":
        out["rows"] = len(list(corpus.keywords(scope="corpus", top=100, as_dict=True)["keyphrase"]))
    elif step == "entities":
        out["rows"] = len(list(corpus.entities(as_dict=True)["entity"]))
    elif step.startswith("top_k"):
        # The search is chosen when the overlap is made (its neighbour
        # profiles) and again by top_k: the size setting covers both.
        if step.endswith("_exact"):
            lx.overlap.exact_max_docs(2**62)
        elif step.endswith("_pruned"):
            lx.overlap.exact_max_docs(0)
        c1 = time.process_time()
        ov = corpus.overlap("tfidf" if "tfidf" in step else "default")
        out["overlap_s"] = time.perf_counter() - t1
        out["overlap_cpu_s"] = time.process_time() - c1
        t2, c2 = time.perf_counter(), time.process_time()
        top = ov.top_k(10, as_dict=True)
        out["top_k_s"] = time.perf_counter() - t2
        out["top_k_cpu_s"] = time.process_time() - c2
        out["rows"] = len(list(top["doc"]))
        if os.environ.get("BENCH_SCALE_DUMP"):
            # The lists, to compare the pruned search with the exact one.
            with open(Path(os.environ["BENCH_SCALE_DUMP"]) / f"{step}_{len(corpus)}.json", "w") as f:
                json.dump({"doc": list(top["doc"]), "neighbor": list(top["neighbor"]), "score": list(top["score"])}, f)
    elif step == "near_dups":
        out["rows"] = len(list(corpus.near_duplicates(as_dict=True)["a"]))
    elif step == "all_pairs":
        try:
            corpus.overlap("tfidf").matrix()
            out["rows"] = len(corpus)
        except lx.InvalidArgumentError as e:
            out["refused"] = str(e)
    out["seconds"] = time.perf_counter() - t1
    print(json.dumps(out))


def available_gb() -> float:
    with open("/proc/meminfo") as f:
        for line in f:
            if line.startswith("MemAvailable:"):
                return int(line.split()[1]) / 2**20
    return 0.0


def run_step(step: str, path: Path, timeout: float, max_rss: float, min_free: float) -> dict:
    waited = 0
    while available_gb() < min_free:
        if waited == 0:
            print(f"  waiting for {min_free} GB free (have {available_gb():.1f})", file=sys.stderr)
        time.sleep(10)
        waited += 10
        if waited > 1800:
            return {"error": f"less than {min_free} GB available for 30 minutes"}
    env = dict(os.environ, PYTHONPATH=str(ROOT / "python") + os.pathsep + os.environ.get("PYTHONPATH", ""))
    cmd = ["nice", "-n", "19", sys.executable, __file__, "--child", step, str(path)]
    errors = tempfile.TemporaryFile(mode="w+")
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=errors, env=env, text=True)
    killed: list[str] = []
    done = threading.Event()

    # The watcher reads /proc and never waits for the child (os.wait4 below
    # reaps it, with its resource usage).
    def watch() -> None:
        start = time.monotonic()
        while not done.is_set():
            try:
                with open(f"/proc/{proc.pid}/status") as f:
                    rss = next(int(x.split()[1]) for x in f if x.startswith("VmRSS:")) / 2**20
            except (OSError, StopIteration):
                rss = 0.0
            if rss > max_rss and not killed:
                killed.append(f"stopped at {rss:.1f} GB resident (limit {max_rss} GB)")
                os.kill(proc.pid, 9)
            elif time.monotonic() - start > timeout and not killed:
                killed.append(f"stopped after {timeout:.0f} s")
                os.kill(proc.pid, 9)
            done.wait(0.2)

    watcher = threading.Thread(target=watch, daemon=True)
    watcher.start()
    t0 = time.perf_counter()
    stdout = proc.stdout.read()
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - t0
    done.set()
    proc.returncode = os.waitstatus_to_exitcode(status)
    watcher.join()
    errors.seek(0)
    stderr = errors.read()
    errors.close()
    # ru_maxrss is in KiB: peak_gb is in GiB (2**30 bytes, what summary.py
    # reads), peak_bytes in bytes, to set against the file's size.
    # cpu_s: the child's CPU time, all threads, building included; on a
    # loaded machine it is the figure that still compares.
    row: dict = {
        "peak_gb": usage.ru_maxrss / 2**20,
        "peak_bytes": usage.ru_maxrss * 1024,
        "wall": wall,
        "cpu_s": usage.ru_utime + usage.ru_stime,
    }
    if killed:
        row["error"] = killed[0]
    elif proc.returncode != 0:
        row["error"] = (stderr.strip().splitlines() or ["exit %d" % proc.returncode])[-1][:200]
    else:
        row.update(json.loads(stdout.strip().splitlines()[-1]))
    return row


def versions() -> dict:
    import lexiscope as lx

    cpu = next((line.split(":", 1)[1].strip() for line in open("/proc/cpuinfo") if line.startswith("model name")), "")
    mem = next(int(x.split()[1]) for x in open("/proc/meminfo") if x.startswith("MemTotal:")) / 2**20
    return {
        "lexiscope": lx.__version__,
        "python": platform.python_version(),
        "cpu": cpu,
        "cores": os.cpu_count(),
        "mem_gb": round(mem, 1),
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--child", nargs=2, metavar=("STEP", "PATH"), help=argparse.SUPPRESS)
    ap.add_argument("--sizes", default="10000,100000,1000000")
    ap.add_argument("--steps", default=",".join(STEPS))
    ap.add_argument("--timeout", type=float, default=1800.0, help="seconds per step (default 1800)")
    ap.add_argument("--max-rss", type=float, default=12.0, help="GB resident at which a step is stopped")
    ap.add_argument("--min-free", type=float, default=None, help="GB available before a step starts")
    ap.add_argument("--keep", type=Path, default=None, help="directory for the generated files (kept)")
    ap.add_argument("--json", type=Path, default=ROOT / "benches" / "results" / "scale.jsonl")
    args = ap.parse_args()
    if args.child:
        child(*args.child)
        return
    sys.path.insert(0, str(ROOT / "python"))
    meta = versions()
    steps = args.steps.split(",")
    tmp = None if args.keep else tempfile.TemporaryDirectory(prefix="lexiscope-scale-")
    base = args.keep or Path(tmp.name)
    base.mkdir(parents=True, exist_ok=True)
    args.json.parent.mkdir(parents=True, exist_ok=True)
    print(f"# Size ({meta['cores']} cores, {meta['mem_gb']} GB, {meta['cpu']}; lexiscope {meta['lexiscope']})")
    print()
    print("| documents | file MB | step | time s | build s | peak GiB | peak / file | result |")
    print("|---|---|---|---|---|---|---|---|")
    try:
        for n in (int(x) for x in args.sizes.split(",")):
            path = base / f"news_{n}.jsonl"
            if not path.exists():
                t0 = time.perf_counter()
                generate(n, path)
                print(f"  generated {n} documents in {time.perf_counter() - t0:.0f} s", file=sys.stderr)
            size = path.stat().st_size
            min_free = args.min_free if args.min_free is not None else (14.0 if n >= 10**6 else 4.0)
            for step in steps:
                row = run_step(step, path, args.timeout, args.max_rss, min_free)
                result = row.get("error") or row.get("refused") or row.get("rows", "")
                if "top_k_s" in row:
                    result = (
                        f"{result} rows (overlap() {row['overlap_s']:.1f} s, {row['overlap_cpu_s']:.1f} s CPU; "
                        f"top_k {row['top_k_s']:.1f} s, {row['top_k_cpu_s']:.1f} s CPU)"
                    )
                result = f"{result}; process CPU {row['cpu_s']:.0f} s, wall {row['wall']:.0f} s"
                secs = row.get("seconds")
                print(
                    f"| {n:,} | {size / 1e6:.0f} | {step} | {'' if secs is None else f'{secs:.1f}'} "
                    f"| {row['build']:.1f} | {row['peak_gb']:.2f} | {row['peak_bytes'] / size:.2f}x | {result} |"
                    if "build" in row
                    else f"| {n:,} | {size / 1e6:.0f} | {step} | {'' if secs is None else f'{secs:.1f}'} "
                    f"| | {row['peak_gb']:.2f} | {row['peak_bytes'] / size:.2f}x | {result} |",
                    flush=True,
                )
                rec = {"bench": "scale", "task": f"{step} ({n:,} docs)", "docs": n, "file_bytes": size, "step": step}
                rec.update({k: v for k, v in row.items()})
                rec.update(meta)
                with open(args.json, "a", encoding="utf-8") as f:
                    f.write(json.dumps(rec) + "\n")
    finally:
        if tmp is not None:
            tmp.cleanup()


if __name__ == "__main__":
    main()
