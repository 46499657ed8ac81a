"""Writes src/entities/words/frequent_forms.txt: the word forms most often
written in the shippable entity training sets, as written (case kept), most
frequent first, one a line. Entity extraction reads them once per thread at
model load to fill the per-thread caches of the part-of-speech tagger and the
learned entity tagger (`src/entities/warm.rs`); they change only the speed.

    python scripts/frequent_forms.py [N]

Deterministic: ties are broken by the form. Sources: UNER English EWT train
and GUM train, two of the sources of the shipped entity weights; the list is
shipped under the same terms (python/lexiscope/NOTICE-ner-weights.md).
"""

from __future__ import annotations

import json
import re
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCES = [ROOT.parent / "shared" / "train" / "ner" / n for n in ("uner_ewt.train.jsonl", "gum.train.jsonl")]
OUT = ROOT / "src" / "entities" / "words" / "frequent_forms.txt"
# Words (letters or digits, with inner apostrophes, periods or hyphens) and
# single marks: close to the tokenizer's tokens, which is all the list needs.
TOKEN = re.compile(r"\w+(?:['’.\-]\w+)*|[^\w\s]")


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 6000
    counts: Counter = Counter()
    for path in SOURCES:
        for line in open(path, encoding="utf-8"):
            counts.update(TOKEN.findall(json.loads(line)["text"]))
    forms = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:n]
    with open(OUT, "w", encoding="utf-8") as f:
        f.write(
            "# Most frequent word forms of UNER EWT train and GUM train (scripts/frequent_forms.py);\n"
            "# CC BY-SA 4.0, as the entity weights (python/lexiscope/NOTICE-ner-weights.md).\n"
        )
        for form, _ in forms:
            f.write(form + "\n")


if __name__ == "__main__":
    main()
