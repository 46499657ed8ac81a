"""Training the statistical models shipped with lexiscope.

    python -m lexiscope.train pos --train ewt.train.jsonl --dev ewt.dev.jsonl --out english.lxpos

The shipped weights: ``--train ewt.train.jsonl gum.train.jsonl --gum-genres news
interview bio voyage`` (see ``docs/tagger.md``).

Input files are JSONL, one sentence a line: ``{"tokens": [...], "upos": [...]}``
(``text`` and character ``offsets`` may be present and are used to measure the
tagger on lexiscope's own tokens). Training is deterministic: the same files and
options give the same weights file, byte for byte. See ``docs/tagger.md``.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from collections.abc import Sequence
from typing import Any

from lexiscope._lexiscope import _train_pos


def gum_genre(record_id: str) -> str | None:
    """The GUM genre of a record id (``GUM_news_asylum-3`` -> ``news``), or None."""
    parts = record_id.split("_", 2)
    return parts[1] if len(parts) == 3 and parts[0] == "GUM" else None


def keep_gum_genres(path: str, genres: Sequence[str], out: str) -> int:
    """Copy the lines of ``path`` to ``out``, leaving out GUM records whose
    genre is not in ``genres`` (other records are kept). Returns the lines kept."""
    keep = set(genres)
    kept = 0
    with open(path, encoding="utf-8") as src, open(out, "w", encoding="utf-8") as dst:
        for line in src:
            if not line.strip():
                continue
            genre = gum_genre(str(json.loads(line).get("id", "")))
            if genre is None or genre in keep:
                dst.write(line if line.endswith("\n") else line + "\n")
                kept += 1
    return kept


def train_pos(
    train: Sequence[str],
    out: str,
    *,
    dev: Sequence[str] = (),
    epochs: int = 8,
    seed: int = 1,
    passes: int = 1,
    gum_genres: Sequence[str] | None = None,
) -> dict[str, Any]:
    """Train a part-of-speech tagger on ``train`` and write its weights to ``out``.

    ``gum_genres``: when given, GUM records (ids ``GUM_<genre>_...``) of other
    genres are left out of the training files (the shipped weights use the
    Wikimedia genres only, for their licence: see ``NOTICE-weights.md``).

    Returns a dict: ``epochs`` (one ``(train_accuracy, dev_accuracy)`` pair per
    epoch and pass; dev accuracy is None without dev files), ``features``,
    ``bytes``, ``sentences`` and ``words`` (of the training data). Load the result
    with ``lexiscope.Tagger(out)``.
    """
    if gum_genres is None:
        return _train_pos(list(train), list(dev), out, epochs=epochs, seed=seed, passes=passes)
    with tempfile.TemporaryDirectory() as tmp:
        kept = []
        for i, path in enumerate(train):
            kept.append(os.path.join(tmp, f"{i}.jsonl"))
            keep_gum_genres(path, gum_genres, kept[-1])
        return _train_pos(kept, list(dev), out, epochs=epochs, seed=seed, passes=passes)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m lexiscope.train", description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="model", required=True)
    pos = sub.add_parser("pos", help="the part-of-speech tagger")
    pos.add_argument("--train", nargs="+", required=True, metavar="FILE", help="training JSONL files")
    pos.add_argument("--dev", nargs="*", default=[], metavar="FILE", help="development JSONL files")
    pos.add_argument("--out", required=True, metavar="PATH", help="where to write the weights")
    pos.add_argument("--epochs", type=int, default=8, help="passes over the training data (default 8)")
    pos.add_argument("--seed", type=int, default=1, help="seed of the shuffle (default 1)")
    pos.add_argument("--passes", type=int, default=1, choices=(1, 2), help="decoding passes (default 1; 2 is more accurate and about half as fast)")
    pos.add_argument(
        "--gum-genres",
        nargs="+",
        default=None,
        metavar="GENRE",
        help="keep only these genres of GUM records (ids GUM_<genre>_...) in the training files",
    )
    args = parser.parse_args(argv)
    t0 = time.perf_counter()
    stats = train_pos(
        args.train,
        args.out,
        dev=args.dev,
        epochs=args.epochs,
        seed=args.seed,
        passes=args.passes,
        gum_genres=args.gum_genres,
    )
    for i, (tr, dv) in enumerate(stats["epochs"]):
        pass_no, epoch = divmod(i, args.epochs)
        dev_text = "" if dv is None else f"  dev {dv:.4f}"
        print(f"pass {pass_no + 1} epoch {epoch + 1}: train {tr:.4f}{dev_text}")
    print(
        f"{stats['sentences']} sentences, {stats['words']} words -> {stats['features']} features, "
        f"{stats['bytes']} bytes in {args.out} ({time.perf_counter() - t0:.1f} s)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
