"""Build the English background document frequencies shipped with lexiscope.

Reads English Wikipedia articles (JSONL with a ``text`` field; by default
../shared/eval/corpus/wikipedia_2015_sample.jsonl, 3,112 articles of 2015,
CC BY-SA 3.0, Wikipedia contributors), tokenizes them with lexiscope's own
tokenizer and normalization (lowercase, typographic folding), stems every
word with the English Snowball stemmer, and writes, for each stem found in
at least ``--min-df`` articles, the number of articles holding it:

    #documents<TAB>3112
    stem<TAB>df          (sorted by stem)

    python scripts/background_df.py [JSONL] [--out src/keywords/background_en.tsv]

Run it after a change to tokenization, normalization or stemming, so the
table keeps matching what the keyphrase code looks up.
"""

from __future__ import annotations

import argparse
import json
import re
from collections import Counter
from pathlib import Path

import lexiscope as lx

ROOT = Path(__file__).resolve().parent.parent
DEFAULT = ROOT.parent / "shared" / "eval" / "corpus" / "wikipedia_2015_sample.jsonl"
OUT = ROOT / "src" / "keywords" / "background_en.tsv"
# Leftover wiki markup (links, templates, tags) is not prose.
MARKUP = re.compile(r"<[^>]*>|\[\[|\]\]|\{\{[^}]*\}\}")
WORD = re.compile(r"[^\W\d_]", re.UNICODE)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("path", nargs="?", default=str(DEFAULT))
    ap.add_argument("--out", default=str(OUT))
    ap.add_argument("--min-df", type=int, default=3)
    args = ap.parse_args()
    texts = [MARKUP.sub(" ", json.loads(line)["text"]) for line in open(args.path, encoding="utf-8")]
    tok = lx.Tokenizer(stem="en", stopwords=None)
    df: Counter[str] = Counter()
    for words in tok.words_batch(texts):
        df.update({w for w in words if WORD.search(w) and "\t" not in w and len(w) <= 40})
    rows = sorted((w, n) for w, n in df.items() if n >= args.min_df)
    with open(args.out, "w", encoding="utf-8", newline="\n") as f:
        f.write(f"#documents\t{len(texts)}\n")
        for w, n in rows:
            f.write(f"{w}\t{n}\n")
    print(f"{args.out}: {len(rows)} stems from {len(texts)} articles")


if __name__ == "__main__":
    main()
