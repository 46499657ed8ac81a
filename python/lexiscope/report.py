"""The text report behind ``python -m lexiscope report``."""

from __future__ import annotations

from pathlib import Path

from lexiscope import sample_paths
from lexiscope.corpus import Corpus


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


def report(paths: list[Path] | None = None, top: int = 8) -> str:
    """A report of ``paths`` (or of the bundled sample): per document its size,
    what cleaning set aside, top terms and keyphrases; then the collection's
    keyphrases, entities, story groups and near duplicates."""
    if paths is None:
        paths = [Path(p) for p in sample_paths()]
    corpus = Corpus.from_files([str(p) for p in paths])
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
        out.append("  top terms: " + ", ".join(f"{t} ({c})" for t, c in zip(counts["term"], counts["count"])))
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
        dups = corpus.near_duplicates(0.8, containment=0.8, as_dict=True)
        out += ["", "Near duplicates:"]
        if dups["a"]:
            for a, b, j, c in zip(dups["a"], dups["b"], dups["jaccard"], dups["containment"]):
                out.append(f"  {a} ~ {b}: Jaccard {j:.2f}, containment {c:.2f}")
        else:
            out.append("  none")
    return "\n".join(out)
