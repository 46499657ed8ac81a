"""Corpus.save / Corpus.load against computing again, on Reuters.

A saved corpus holds its texts, ids and options and every result kept at
save time. Prints the time to compute (build from the texts, overlap with
its neighbours and stories, entities, keyphrases per document and of the
collection, quotations), to save, to load, and to ask for the same results
after loading (read from what the file kept), and checks they are equal.

    python benches/bench_save.py [PATH] [--limit N]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from reuters import default_path, load_texts  # noqa: E402

import lexiscope as lx  # noqa: E402


def timed(f):  # type: ignore[no-untyped-def]
    t = time.perf_counter()
    out = f()
    return out, time.perf_counter() - t


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("path", nargs="?", default=str(default_path()))
    ap.add_argument("--limit", type=int, default=None, help="the first N documents only")
    args = ap.parse_args()
    texts = load_texts(Path(args.path))[: args.limit]

    def compute(c: lx.Corpus) -> list[object]:
        ov = c.overlap(progress=False)
        return [
            list(ov.top_k(10, progress=False, as_dict=True)["score"]),
            list(ov.stories(progress=False, as_dict=True)["ids"]),
            list(c.entities(progress=False, as_dict=True)["entity"]),
            list(c.keywords(progress=False, as_dict=True)["keyphrase"]),
            list(c.keywords(scope="corpus", progress=False, as_dict=True)["keyphrase"]),
            list(c.quotes(progress=False, as_dict=True)["text"]),
        ]

    corpus, build = timed(lambda: lx.Corpus(texts, progress=False))
    before, analyses = timed(lambda: compute(corpus))
    with tempfile.TemporaryDirectory() as d:
        path = Path(d) / "reuters.lexiscope"
        _, save = timed(lambda: corpus.save(path))
        back, load = timed(lambda: lx.Corpus.load(path))
        size = path.stat().st_size
    assert back.ids == corpus.ids and back.text(len(texts) - 1) == texts[-1]
    after, ask = timed(lambda: compute(back))
    assert after == before, "results after load differ"
    total = build + analyses
    print(f"{len(texts):,} documents, {size / 1e6:.1f} MB saved")
    print(f"compute: build {build:.2f} s + analyses {analyses:.2f} s = {total:.2f} s")
    print(f"save {save:.2f} s; load {load:.2f} s; same results read after load {ask:.2f} s")
    print(f"load + read {load + ask:.2f} s: {total / (load + ask):.1f}x faster than computing again")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
