"""Corpus.save / Corpus.load against building the corpus again, on Reuters.

A saved corpus holds its texts, ids and options (a pickle); results are not
stored, so what loading saves is reading the texts from their source. Prints
the time to build from the texts, to save, to load, and to compute the
overlap after loading (as after building: nothing computed is kept).

    python benches/bench_save.py [PATH]
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
    args = ap.parse_args()
    texts = load_texts(Path(args.path))
    corpus, build = timed(lambda: lx.Corpus(texts, progress=False))
    with tempfile.TemporaryDirectory() as d:
        path = Path(d) / "reuters.lexiscope"
        _, save = timed(lambda: corpus.save(path))
        back, load = timed(lambda: lx.Corpus.load(path))
        size = path.stat().st_size
    assert back.ids == corpus.ids and back.text(len(texts) - 1) == texts[-1]
    _, ov = timed(lambda: back.overlap(progress=False))
    print(f"{len(texts):,} documents, {size / 1e6:.1f} MB saved")
    print(f"build from texts {build:.2f} s; save {save:.2f} s; load {load:.2f} s; overlap() after load {ov:.2f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
