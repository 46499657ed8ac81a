"""Topical overlap: quality on ECB+ dev and speed on Reuters, side by side.

Quality (ECB+ dev, 772 articles, each topic = two real events of one kind):
mean average precision of same-event documents among all others, the same
restricted to the document's topic (the hard case), and the adjusted Rand
index of ``stories()`` against the event labels. With ``--pruned``, the
default and tfidf rows again with every neighbour search pruned (as above
20,000 documents: the default method's neighbour profiles, stories), and how
many of the exact search's top-10 pairs the pruned one finds. scikit-learn TF-IDF cosine
(english stopwords, sublinear tf) is scored in the same run, with its ARI at
its best threshold.

Speed (Reuters-21578, 19,043 stories): all pairs with lexiscope vs
scikit-learn TfidfVectorizer + cosine_similarity (time and peak memory, each
in a fresh process), and near duplicates vs datasketch MinHash + MinHashLSH at
the same settings (threshold 0.8, 128 permutations, word 5-shingles).

    python benches/bench_overlap.py [--ecb PATH] [--reuters PATH] [--skip-speed]
        [--skip-quality] [--near-only] [--all-pairs-only] [--repeat R] [--sweep] [--pruned]

Every speed row is the fastest of R runs (default 3), each in a fresh process;
its peak memory is that run's. Page faults on a virtual machine make single
runs of the n x n rows vary by a factor of two or more.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import time
from collections import defaultdict
from pathlib import Path

import numpy as np

import lexiscope as lx

ROOT = Path(__file__).resolve().parent.parent
ECB = ROOT.parent / "shared" / "eval" / "clusters" / "ecbplus_dev.jsonl"
REUTERS = ROOT.parent / "shared" / "eval" / "corpus" / "news_reuters21578.jsonl"


def load(path: Path, limit: int | None = None) -> list[dict]:
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f][:limit]


def mean_ap(m: np.ndarray, labels: list, topics: list, within_topic: bool) -> float:
    """Mean average precision of same-label documents in each row's ranking."""
    aps = []
    n = len(labels)
    for i in range(n):
        cand = [j for j in range(n) if j != i and (not within_topic or topics[j] == topics[i])]
        rel = [labels[j] == labels[i] for j in cand]
        if not any(rel):
            continue
        order = sorted(range(len(cand)), key=lambda k: (-m[i, cand[k]], cand[k]))
        hits, total = 0, 0.0
        for rank, k in enumerate(order, 1):
            if rel[k]:
                hits += 1
                total += hits / rank
        aps.append(total / sum(rel))
    return float(np.mean(aps))


def ari(labels: list, clusters: list) -> float:
    from sklearn.metrics import adjusted_rand_score

    return float(adjusted_rand_score(labels, clusters))


def clusters_from_groups(groups: list[list], ids: list) -> list[int]:
    where = {}
    for g, docs in enumerate(groups):
        for d in docs:
            where[d] = g
    return [where[i] for i in ids]


def sklearn_matrix(texts: list[str]) -> np.ndarray:
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.metrics.pairwise import cosine_similarity

    X = TfidfVectorizer(stop_words="english", sublinear_tf=True).fit_transform(texts)
    return cosine_similarity(X)


def threshold_clusters(m: np.ndarray, t: float) -> list[int]:
    """Average-linkage clusters cut at similarity t (scikit-learn), for the baseline."""
    from sklearn.cluster import AgglomerativeClustering

    model = AgglomerativeClustering(
        n_clusters=None, metric="precomputed", linkage="average", distance_threshold=1 - t
    )
    return list(model.fit_predict(1 - m))


def quality(path: Path, sweep: bool, pruned: bool = False) -> None:
    rows = load(path)
    texts = [r["text"] for r in rows]
    ids = [r["id"] for r in rows]
    labels = [r["label"] for r in rows]
    topics = [r["topic"] for r in rows]
    print(f"ECB+ dev: {len(rows)} documents, {len(set(labels))} events, {len(set(topics))} topics\n")
    print("| method | MAP (all) | MAP (within topic) | ARI (threshold) |")
    print("|---|---:|---:|---:|")
    base = sklearn_matrix(texts)
    best = max(
        ((ari(labels, threshold_clusters(base, t)), t) for t in np.arange(0.05, 0.6, 0.025)), key=lambda x: x[0]
    )
    print(
        f"| scikit-learn TF-IDF cosine | {mean_ap(base, labels, topics, False):.3f} "
        f"| {mean_ap(base, labels, topics, True):.3f} | {best[0]:.3f} (best, {best[1]:.3f}) |"
    )
    corpus = lx.Corpus(texts, ids=ids)
    methods = [("lexiscope default", "default", None, None), ("lexiscope tfidf", "tfidf", None, None)]
    if sweep:
        for w in [(0.6, 0.1, 0.3), (0.45, 0.2, 0.35), (0.35, 0.15, 0.5), (0.5, 0.3, 0.2), (0.3, 0.3, 0.4)]:
            methods.append((f"lexiscope weights={w}", "default", w, None))
        for q in [0.0, 0.05, 0.1, 0.2]:
            methods.append((f"lexiscope quotes={q}", "default", None, q))
    if pruned:
        # Budgets small enough to prune here: at 772 documents most rows hold
        # fewer postings than the default budget, and are searched exactly.
        for b in (2000, 500, 100):
            methods += [(f"lexiscope default, pruned search (budget {b})", "default", None, None)]
            methods += [(f"lexiscope tfidf, pruned search (budget {b})", "tfidf", None, None)]
    exact_lists = {}
    for name, method, weights, quotes in methods:
        budget = name.partition("(budget ")[2].rstrip(")")
        if budget:
            # A new corpus (the kept overlaps were made exactly), every
            # neighbour search of it pruned, whatever its size.
            before = lx.overlap.exact_max_docs(0), lx.overlap.candidate_budget(int(budget))
            corpus = lx.Corpus(texts, ids=ids)
        ov = corpus.overlap(method, weights=weights, quotes=quotes)
        if weights is None and quotes is None:
            top = ov.top_k(10, as_dict=True)
            pairs = set(zip(top["doc"], top["neighbor"]))
            if budget:
                exact = exact_lists[method]
                print(f"    ({name}: {len(pairs & exact)} of the exact search's {len(exact)} top-10 pairs found)")
            else:
                exact_lists[method] = pairs
        m = ov.matrix()
        st = ov.stories(as_dict=True)
        default_ari = ari(labels, clusters_from_groups(st["ids"], ids))
        extra = ""
        if sweep or method == "default":
            scores = []
            for t in np.arange(0.1, 0.5, 0.025):
                g = ov.stories(threshold=float(t), as_dict=True)["ids"]
                scores.append((ari(labels, clusters_from_groups(g, ids)), float(t)))
            b = max(scores)
            extra = f"; best {b[0]:.3f} at {b[1]:.3f}"
        print(
            f"| {name} | {mean_ap(m, labels, topics, False):.3f} | {mean_ap(m, labels, topics, True):.3f} "
            f"| {default_ari:.3f} (default {lx.overlap.DEFAULT_STORY_THRESHOLD}{extra}) |"
        )
        if budget:
            lx.overlap.exact_max_docs(before[0])
            lx.overlap.candidate_budget(before[1])


# --- speed ------------------------------------------------------------------------------


def child(task: str, path: str) -> None:
    texts = [r["text"] for r in load(Path(path))]
    base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    t0 = time.perf_counter()
    if task == "sklearn-allpairs":
        m = sklearn_matrix(texts)
        out = {"shape": list(m.shape)}
    elif task == "lexiscope-allpairs":
        m = lx.Corpus(texts, n_threads=1).overlap("tfidf").matrix()
        out = {"shape": list(m.shape)}
    elif task == "lexiscope-allpairs-f32":
        m = lx.Corpus(texts, n_threads=1).overlap("tfidf").matrix("float32")
        out = {"shape": list(m.shape)}
    elif task == "lexiscope-allpairs-default":
        m = lx.Corpus(texts, n_threads=1).overlap().matrix()
        out = {"shape": list(m.shape)}
    elif task == "lexiscope-topk":
        t = lx.Corpus(texts, n_threads=1).overlap("tfidf").top_k(10, as_dict=True)
        out = {"rows": len(t["doc"])}
    elif task == "datasketch":
        from datasketch import MinHash, MinHashLSH

        # The same shingles as lexiscope: word 5-grams of lexiscope's words.
        sets = shingles(texts)
        lsh = MinHashLSH(threshold=0.8, num_perm=128)
        sigs = []
        for i, sh in enumerate(sets):
            mh = MinHash(num_perm=128, seed=1)
            for g in sh:
                mh.update(g.encode())
            if sh:
                lsh.insert(str(i), mh)
            sigs.append(mh)
        pairs = set()
        for i, mh in enumerate(sigs):
            for j in lsh.query(mh):
                j = int(j)
                if j != i:
                    pairs.add((min(i, j), max(i, j)))
        out = {"pairs": sorted(pairs)}
    elif task == "lexiscope-neardup":
        d = lx.Corpus(texts, n_threads=1, clean=False).near_duplicates(0.8, as_dict=True)
        out = {"pairs": sorted(zip(d["a"], d["b"]))}
    else:
        raise SystemExit(f"unknown task {task}")
    dt = time.perf_counter() - t0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    out.update(seconds=dt, peak_mb=(peak - base) / 1024, abs_mb=peak / 1024)
    print(json.dumps(out))


def shingles(texts: list[str]) -> list[set[str]]:
    """Word 5-shingles of lexiscope's words (what near_duplicates hashes)."""
    tok = lx.Tokenizer()
    out = []
    for text in texts:
        w = tok.words(text)
        out.append({" ".join(w[k : k + 5]) for k in range(len(w) - 4)} if len(w) >= 5 else ({" ".join(w)} if w else set()))
    return out


REPEAT = 3


def run_child(task: str, path: Path) -> dict:
    """The fastest of REPEAT runs of ``task``, each in a fresh process."""
    env = dict(os.environ, LEXISCOPE_NUM_THREADS="1", OMP_NUM_THREADS="1", OPENBLAS_NUM_THREADS="1")
    runs = []
    for _ in range(REPEAT):
        res = subprocess.run(
            [sys.executable, __file__, "--child", task, str(path)], capture_output=True, text=True, env=env, check=True
        )
        runs.append(json.loads(res.stdout.strip().splitlines()[-1]))
    return min(runs, key=lambda r: r["seconds"])


def speed(path: Path, near_only: bool = False, all_pairs_only: bool = False) -> None:
    n = sum(1 for _ in open(path, encoding="utf-8"))
    print(f"\nReuters: {n} documents, one thread each, fastest of {REPEAT} runs in fresh processes per row\n")
    print("| task | tool | seconds | peak MB above start | ratio (anchor s ÷ this) |")
    print("|---|---|---:|---:|---:|")
    if not near_only:
        all_pairs(path)
    if not all_pairs_only:
        near_duplicates(path)


def all_pairs(path: Path) -> None:
    sk = run_child("sklearn-allpairs", path)
    print(f"| all pairs | scikit-learn TfidfVectorizer + cosine_similarity | {sk['seconds']:.2f} | {sk['peak_mb']:.0f} | 1.00 |")
    for task, name in [
        ("lexiscope-allpairs", "lexiscope overlap('tfidf').matrix()"),
        ("lexiscope-allpairs-f32", "lexiscope overlap('tfidf').matrix('float32')"),
        ("lexiscope-allpairs-default", "lexiscope overlap().matrix() (default method)"),
        ("lexiscope-topk", "lexiscope overlap('tfidf').top_k(10)"),
    ]:
        r = run_child(task, path)
        print(f"| all pairs | {name} | {r['seconds']:.2f} | {r['peak_mb']:.0f} | {sk['seconds'] / r['seconds']:.2f} |")


def near_duplicates(path: Path) -> None:
    ds = run_child("datasketch", path)
    print(f"| near duplicates | datasketch MinHash + MinHashLSH | {ds['seconds']:.2f} | {ds['peak_mb']:.0f} | 1.00 |")
    lx_nd = run_child("lexiscope-neardup", path)
    print(
        f"| near duplicates | lexiscope near_duplicates(0.8) | {lx_nd['seconds']:.2f} | {lx_nd['peak_mb']:.0f} "
        f"| {ds['seconds'] / lx_nd['seconds']:.2f} |"
    )
    a = {tuple(p) for p in ds["pairs"]}
    b = {tuple(p) for p in lx_nd["pairs"]}
    # Which candidate pairs really have Jaccard >= 0.8 over the same shingles.
    sets = shingles([r["text"] for r in load(path)])

    def jac(p: tuple) -> float:
        x, y = sets[p[0]], sets[p[1]]
        return len(x & y) / len(x | y) if x | y else 0.0

    true_a = {p for p in a if jac(p) >= 0.8}
    true_b = {p for p in b if jac(p) >= 0.8}
    union = true_a | true_b
    print(
        f"\nnear-duplicate pairs (Jaccard >= 0.8 over the same word 5-shingles, checked exactly here): "
        f"{len(union)} found by either; datasketch {len(true_a)} ({len(a) - len(true_a)} more candidates below 0.8), "
        f"lexiscope {len(true_b)} ({len(b) - len(true_b)} below 0.8), both {len(true_a & true_b)}"
    )


def main() -> int:
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        child(sys.argv[2], sys.argv[3])
        return 0
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--ecb", default=os.environ.get("LEXISCOPE_ECB", str(ECB)))
    ap.add_argument("--reuters", default=os.environ.get("LEXISCOPE_REUTERS", str(REUTERS)))
    ap.add_argument("--skip-speed", action="store_true")
    ap.add_argument("--skip-quality", action="store_true")
    ap.add_argument("--sweep", action="store_true", help="also score other channel weights and thresholds")
    ap.add_argument(
        "--pruned", action="store_true", help="also score the pruned neighbour search (used above 20,000 documents)"
    )
    ap.add_argument("--near-only", action="store_true", help="speed: near duplicates only")
    ap.add_argument("--all-pairs-only", action="store_true", help="speed: all pairs only")
    ap.add_argument("--repeat", type=int, default=REPEAT, help="runs per speed row; the fastest counts")
    args = ap.parse_args()
    globals()["REPEAT"] = max(1, args.repeat)
    print(f"lexiscope {lx.__version__}\n")
    if not args.skip_quality:
        quality(Path(args.ecb), args.sweep, args.pruned)
    if not args.skip_speed:
        speed(Path(args.reuters), args.near_only, args.all_pairs_only)
    return 0


if __name__ == "__main__":
    sys.exit(main())
