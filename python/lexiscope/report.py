"""The text report behind ``python -m lexiscope report``."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from lexiscope import Tokenizer, sample_paths


def _read(path: Path) -> str:
    data = path.read_bytes()
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ValueError(f"{path}: not UTF-8 at byte {exc.start}") from None


def report(paths: list[Path] | None = None, top: int = 8) -> str:
    """A per-document summary (tokens, sentences, top terms) of ``paths``, or of the bundled sample."""
    if paths is None:
        paths = [Path(p) for p in sample_paths()]
    texts = [_read(p) for p in paths]
    tok = Tokenizer(drop_stopwords=True)
    words = tok.words_batch(texts)
    lines = [f"lexiscope report: {len(paths)} documents", ""]
    for path, text, ws in zip(paths, texts, words):
        n_tokens = len(tok.tokenize(text))
        n_sent = len(tok.sentences(text))
        counts = Counter(w for w in ws if any(c.isalpha() for c in w))
        terms = ", ".join(f"{w} ({n})" for w, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:top])
        lines.append(f"{path.name}: {n_tokens} tokens, {n_sent} sentences")
        lines.append(f"  top terms: {terms}")
    return "\n".join(lines)
