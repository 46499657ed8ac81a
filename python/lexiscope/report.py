"""The report behind ``python -m lexiscope report``: text for the terminal and
one self-contained HTML page."""

from __future__ import annotations

import html
from collections import Counter
from pathlib import Path
from typing import Any

from lexiscope import display, sample_paths, tokenize
from lexiscope.corpus import Corpus

__all__ = ["load", "report", "text_report", "html_report"]


def load(paths: list[Path] | None = None, *, jsonl: Path | None = None, errors: str = "strict") -> Corpus:
    """The corpus a report is about: text files, a JSONL file (fields ``text``
    and ``id``), or the bundled sample when neither is given."""
    if jsonl is not None:
        return Corpus.from_jsonl(jsonl)
    if not paths:
        paths = [Path(p) for p in sample_paths()]
    return Corpus.from_files([str(p) for p in paths], errors=errors)


def _wrap(items: list[str], width: int = 88, indent: str = "    ") -> str:
    lines, line = [], indent
    for item in items:
        piece = item if line == indent else "; " + item
        if len(line) + len(piece) > width and line != indent:
            lines.append(line)
            line = indent + item
        else:
            line += piece
    lines.append(line)
    return "\n".join(lines)


def _shared_quotes(corpus: Corpus) -> list[tuple[Any, str, str, list[Any]]] | None:
    """(doc, speaker, text, other docs) of quotes also found elsewhere, once
    per quote (in its first document), when the corpus has ``quotes()``;
    None when it does not. The speaker is the canonical entity when known."""
    q = display._quotes(corpus)
    if q is None:
        return None
    n = len(q["doc"])
    also = q.get("also_in") or [[] for _ in range(n)]
    speakers = [e or s for e, s in zip(q.get("entity") or [None] * n, q.get("speaker") or [None] * n)]
    pos = {d: i for i, d in enumerate(corpus.ids)}
    out = []
    for d, s, t, a in zip(q["doc"], speakers, q["text"], also):
        others = list(a)
        if others and all(pos.get(d, 0) < pos.get(o, 0) for o in others):
            # A segment cut by its attribution ends in the comma before "he said".
            out.append((d, s or "?", t.rstrip(" ,;:"), others))
    return out


def _written_forms(text: str) -> dict[str, str]:
    """Each normalized term of ``text`` with the form it is most often
    written in there (``russia`` -> ``Russia``). Forms at the start of a line
    or a sentence count only when the term is never written elsewhere, so a
    capital that only the sentence gives does not win; ties go to the first
    seen."""
    inside: dict[str, Counter[str]] = {}
    initial: dict[str, Counter[str]] = {}
    prev_end, prev_text = 0, "."
    for tok in tokenize(text, lowercase=True):
        starts = prev_text in (".", "!", "?") or "\n" in text[prev_end : tok.start]
        (initial if starts else inside).setdefault(tok.norm, Counter())[tok.text] += 1
        prev_end, prev_text = tok.end, tok.text
    return {norm: forms.most_common(1)[0][0] for norm, forms in {**initial, **inside}.items()}


def text_report(corpus: Corpus, top: int = 8) -> str:
    """Per document its size, what cleaning set aside, top terms and
    keyphrases; then the collection's keyphrases, entities, stories, the
    strongest overlaps, shared quotes (when the corpus finds quotes) and near
    duplicates."""
    ids = corpus.ids
    stats = corpus.stats(as_dict=True)
    keywords = corpus.keywords(top=top, as_dict=True)
    out = [f"lexiscope report: {len(ids)} documents", ""]
    for i, doc in enumerate(ids):
        removed = corpus.removed(doc, as_dict=True)["text"]
        terms = corpus.distinctive(doc, top=top, as_dict=True)["term"] if len(ids) > 1 else []
        counts = Corpus([corpus.text(doc)]).terms(top=top, as_dict=True)
        phrases = [k for d, k in zip(keywords["doc"], keywords["keyphrase"]) if d == doc]
        out.append(
            f"{doc}: {stats['tokens'][i]} tokens, {stats['sentences'][i]} sentences, "
            f"{len(removed)} lines set aside"
        )
        written = _written_forms(corpus.text(doc))
        out.append(
            "  top terms: " + ", ".join(f"{written.get(t, t)} ({c})" for t, c in zip(counts["term"], counts["count"]))
        )
        out.append("  keyphrases: " + "; ".join(phrases))
        if terms:
            out.append("  distinctive: " + ", ".join(terms))
        if removed:
            out.append("  set aside: " + " | ".join(removed))
    out += ["", "Collection keyphrases:"]
    out.append(_wrap(corpus.keywords(top=15, scope="corpus", as_dict=True)["keyphrase"]))
    ents = corpus.entities(as_dict=True)
    out += ["", "Entities (mentions, documents):"]
    out.append(
        _wrap(
            [
                f"{e} [{lab}] {m}/{d}" + (f" aka {', '.join(v for v in var if v != e)}" if len(var) > 1 else "")
                for e, lab, m, d, var in zip(ents["entity"], ents["label"], ents["mentions"], ents["docs"], ents["variants"])
            ][:20]
        )
    )
    if len(ids) > 1:
        ov = corpus.overlap()
        stories = ov.stories(as_dict=True)
        out += ["", "Stories:"]
        for label, docs in zip(stories["label"], stories["ids"]):
            out.append(f"  {label or '(no content)'}: {', '.join(map(str, docs))}")
        m = ov.matrix()
        pairs = sorted(
            ((float(m[a, b]), a, b) for a in range(len(ids)) for b in range(a + 1, len(ids))),
            key=lambda x: (-x[0], x[1], x[2]),
        )[:top]
        out += ["", "Strongest overlaps:"]
        for s, a, b in pairs:
            out.append(f"  {ids[a]} ~ {ids[b]}: {s:.2f}")
        quotes = _shared_quotes(corpus)
        if quotes is not None:
            out += ["", "Shared quotes:"]
            out += [f"  {sp}: “{t}” ({d}; also in {', '.join(map(str, a))})" for d, sp, t, a in quotes[:20]] or ["  none"]
        dups = corpus.near_duplicates(0.8, containment=0.8, as_dict=True)
        out += ["", "Near duplicates:"]
        if dups["a"]:
            for a, b, j, c in zip(dups["a"], dups["b"], dups["jaccard"], dups["containment"]):
                out.append(f"  {a} ~ {b}: Jaccard {j:.2f}, containment {c:.2f}")
        else:
            out.append("  none")
    return "\n".join(out)


def report(paths: list[Path] | None = None, top: int = 8) -> str:
    """The text report of ``paths`` (or of the bundled sample)."""
    return text_report(load(paths), top=top)


def html_report(corpus: Corpus, top: int = 8, title: str = "lexiscope report") -> str:
    """One self-contained HTML page (inline CSS and SVG, no script): the
    summary, stories, overlap heatmap, near duplicates, shared quotes, and
    every document with its marks."""
    e = html.escape
    ids = corpus.ids
    sections: list[tuple[str, str, str]] = [("summary", "Summary", str(display.summary(corpus, top=max(top, 10))))]
    if len(ids) > 1:
        ov = corpus.overlap()
        sections.append(("stories", "Stories", str(display.stories(corpus, ov))))
        sections.append(("overlap", "Overlap", str(display.heatmap(ov))))
        dups = corpus.near_duplicates(0.8, containment=0.8, as_dict=True)
        rows = "".join(
            f"<tr><td>{e(str(a))}</td><td>{e(str(b))}</td><td>{j:.2f}</td><td>{c:.2f}</td></tr>"
            for a, b, j, c in zip(dups["a"], dups["b"], dups["jaccard"], dups["containment"])
        )
        body = (
            f"<table><tr><th>a</th><th>b</th><th>Jaccard</th><th>containment</th></tr>{rows}</table>"
            if rows
            else "<p class='muted'>none</p>"
        )
        sections.append(("duplicates", "Near duplicates", f"{display.STYLE}<div class='lx'>{body}</div>"))
        quotes = _shared_quotes(corpus)
        if quotes is not None:
            rows = "".join(
                f"<tr><td>{e(sp)}</td><td>{e(t)}</td><td>{e(str(d))}</td><td>{e(', '.join(map(str, a)))}</td></tr>"
                for d, sp, t, a in quotes
            )
            body = (
                f"<table><tr><th>speaker</th><th>quote</th><th>document</th><th>also in</th></tr>{rows}</table>"
                if rows
                else "<p class='muted'>none</p>"
            )
            sections.append(("quotes", "Shared quotes", f"{display.STYLE}<div class='lx'>{body}</div>"))
    for i, doc in enumerate(ids):
        sections.append((f"doc{i}", str(doc), str(display.document(corpus, doc, keyphrases=top, title=False))))
    toc = " · ".join(f"<a href='#{a}'>{e(name)}</a>" for a, name, _ in sections)
    parts = "".join(f"<section id='{a}'><h2>{e(name)}</h2>{body}</section>" for a, name, body in sections)
    return (
        "<!DOCTYPE html>\n<html lang='en'><head><meta charset='utf-8'>"
        "<meta name='viewport' content='width=device-width, initial-scale=1'>"
        f"<title>{e(title)}</title><style>body{{margin:24px;font-family:system-ui,sans-serif;color:#1d2430}}"
        "h1{font-size:22px}h2{font-size:18px;border-bottom:1px solid #e3e6ea;padding-bottom:4px;margin-top:28px}"
        "nav{font-size:13px;line-height:1.8}a{color:#3b5bdb}</style></head><body>"
        f"<h1>{e(title)}: {len(ids)} documents</h1><nav>{toc}</nav>{parts}</body></html>\n"
    )
