"""HTML views of a corpus, for Jupyter and for the report page.

Every view returns an :class:`HTML` object: a ``str`` that Jupyter renders
(it has ``_repr_html_``) and that can be written to a file as it is. The pages
are self-contained: inline CSS and SVG, no script, nothing fetched from the web.

* :func:`summary`: the corpus at a glance (``corpus`` in a notebook cell).
* :func:`document`: one document's text with its entities (coloured by label),
  keyphrases (underlined), quotes (when the corpus has ``quotes()``) and the
  lines cleaning set aside (struck out), at their exact character offsets.
* :func:`heatmap`: the overlap matrix as an SVG heatmap, rows and columns in
  story order (or a hierarchical order), readable at a hundred documents.
* :func:`stories`: each story's documents with the entities and keyphrases
  they share.

Plots drawn with matplotlib are in :mod:`lexiscope.plots`.
"""

from __future__ import annotations

import html
import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import numpy as np

    from lexiscope.corpus import Corpus, DocRef
    from lexiscope.overlap import Overlap

__all__ = [
    "HTML",
    "summary",
    "document",
    "heatmap",
    "stories",
    "order",
    "short_labels",
    "LABEL_COLORS",
    "STYLE",
]

#: Background colour of each entity label in :func:`document`.
LABEL_COLORS = {
    "PERSON": "#fde2a8",
    "ORG": "#c9e4ff",
    "GPE": "#c8f0c8",
    "LOC": "#dff5d0",
    "NORP": "#f6d2f0",
    "EVENT": "#ffd0c8",
    "WORK": "#e6dcff",
    "MISC": "#e4e4e4",
}

#: The style sheet every view carries (scoped under ``.lx``).
STYLE = """<style>
.lx{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;font-size:14px;color:#1d2430;max-width:1100px}
.lx table{border-collapse:collapse;margin:4px 0 12px}
.lx th,.lx td{padding:2px 8px;text-align:left;border-bottom:1px solid #e3e6ea;vertical-align:top}
.lx th{background:#f4f6f8;font-weight:600}
.lx td{font-variant-numeric:tabular-nums}
.lx h3{margin:14px 0 4px;font-size:15px}
.lx .doc{white-space:pre-wrap;line-height:1.65;border:1px solid #e3e6ea;padding:10px 14px;border-radius:4px;background:#fff}
.lx .ent{border-radius:3px;padding:1px 0}
.lx .kp{text-decoration:underline;text-decoration-color:#d9480f;text-decoration-thickness:2px;text-underline-offset:3px}
.lx .q{font-style:italic;box-shadow:inset 0 -0.45em 0 #fff3bf}
.lx .rm{text-decoration:line-through;color:#9aa3ad}
.lx .legend span{display:inline-block;margin:0 8px 4px 0;padding:0 6px;border-radius:3px;font-size:12px}
.lx .muted{color:#6b7480;font-size:12px}
.lx .story{border-left:4px solid #4263eb;padding:2px 10px;margin:10px 0}
.lx .tag{display:inline-block;background:#eef1f4;border-radius:3px;padding:0 6px;margin:1px 3px 1px 0;font-size:12px}
</style>"""


class HTML(str):
    """An HTML fragment: a ``str`` that Jupyter renders."""

    def _repr_html_(self) -> str:
        return str(self)


def _e(x: Any) -> str:
    return html.escape(str(x), quote=True)


def _wrap(body: str) -> HTML:
    return HTML(f"{STYLE}<div class='lx'>{body}</div>")


def _table(head: Sequence[str], rows: Sequence[Sequence[Any]]) -> str:
    th = "".join(f"<th>{_e(h)}</th>" for h in head)
    body = "".join("<tr>" + "".join(f"<td>{_e(v)}</td>" for v in r) + "</tr>" for r in rows)
    return f"<table><tr>{th}</tr>{body}</table>"


def _quotes(corpus: Corpus) -> dict[str, list[Any]] | None:
    """The corpus's quotes as columns, when this build has ``Corpus.quotes``."""
    fn = getattr(corpus, "quotes", None)
    if fn is None:
        return None
    try:
        cols = fn(as_dict=True)
    except TypeError:
        t = fn()
        cols = {k: list(t[k]) for k in ("doc", "start", "end", "text", "speaker", "entity", "also_in") if k in list(t.columns)}
    return cols


# -- summary -------------------------------------------------------------------


def summary(corpus: Corpus, top: int = 10) -> HTML:
    """The corpus at a glance: sizes, what cleaning set aside, the top
    collection keyphrases and entities (what ``corpus`` shows in Jupyter)."""
    # The kept tables, read without copying what is not shown (a repeat
    # view then costs next to nothing; see docs/design.md).
    stats = corpus.stats()
    vocab = len(corpus.terms(stopwords=False))
    kw = corpus.keywords(top=top, scope="corpus")
    ents = corpus.entities()[:top]
    n = len(corpus)
    sizes = _table(
        ["documents", "tokens", "kept after cleaning", "lines set aside", "vocabulary"],
        [[n, f"{sum(stats['tokens']):,}", f"{sum(stats['kept_tokens']):,}", f"{sum(stats['removed_lines']):,}", f"{vocab:,}"]]
    )
    kp = _table(
        ["keyphrase", "documents", "score"],
        [[k, d, f"{s:.2f}"] for k, d, s in zip(kw["keyphrase"], kw["docs"], kw["score"])]
    )
    en = _table(
        ["entity", "label", "documents", "mentions", "variants"],
        [
            [e, lab, d, m, ", ".join(v[:4])]
            for e, lab, d, m, v in list(zip(ents["entity"], ents["label"], ents["docs"], ents["mentions"], ents["variants"]))[:top]
        ]
    )
    return _wrap(
        f"<b>lexiscope.Corpus</b> <span class='muted'>{n} documents</span>{sizes}"
        f"<h3>top keyphrases</h3>{kp}<h3>top entities</h3>{en}"
    )


# -- document ------------------------------------------------------------------


def _spans(corpus: Corpus, doc: DocRef, keyphrases: int) -> list[tuple[int, int, str, str]]:
    """(start, end, css class, tooltip) of every mark in ``doc``."""
    text = corpus.text(doc)
    marks: list[tuple[int, int, str, str]] = []
    rm = corpus.removed(doc, as_dict=True)
    for s, e, why in zip(rm["start"], rm["end"], rm["reason"]):
        marks.append((s, e, "rm", f"set aside: {why}"))
    men = corpus.mentions(as_dict=True)
    for d, s, e, ent, lab in zip(men["doc"], men["start"], men["end"], men["entity"], men["label"]):
        if d == doc:
            marks.append((s, e, f"ent {lab}", f"{ent} ({lab})"))
    kw = corpus.keywords(top=keyphrases, doc=doc, as_dict=True)
    for k, s, e in zip(kw["keyphrase"], kw["start"], kw["end"]):
        surface = text[s:e]
        # The core gives the first occurrence; later ones are found by the
        # same surface form between word boundaries.
        for m in re.finditer(r"(?<!\w)" + re.escape(surface) + r"(?!\w)", text):
            marks.append((m.start(), m.end(), "kp", f"keyphrase: {k}"))
    q = _quotes(corpus)
    if q is not None:
        n = len(q["doc"])
        speakers = [e or s for e, s in zip(q.get("entity") or [None] * n, q.get("speaker") or [None] * n)]
        for d, s, e, who in zip(q["doc"], q["start"], q["end"], speakers):
            if d == doc:
                marks.append((s, e, "q", f"quote: {who or 'unattributed'}"))
    return marks


def document(corpus: Corpus, doc: DocRef, *, keyphrases: int = 8, title: bool = True) -> HTML:
    """One document with its marks, at exact character offsets.

    Entities get the background colour of their label (:data:`LABEL_COLORS`;
    hover for the canonical name), the document's best ``keyphrases`` are
    underlined wherever they occur, quotes (when ``corpus.quotes()`` exists)
    are set in italics, and lines cleaning set aside are struck out (``title``:
    the document's id above it). Marks may
    overlap: the text is cut at every mark boundary and each piece carries all
    the marks that cover it. The text is HTML-escaped.
    """
    text = corpus.text(doc)
    marks = _spans(corpus, doc, keyphrases)
    cuts = sorted({0, len(text), *(s for s, _, _, _ in marks), *(e for _, e, _, _ in marks)})
    starts: dict[int, list[int]] = defaultdict(list)
    for i, (s, _, _, _) in enumerate(marks):
        starts[s].append(i)
    active: set[int] = set()
    out = []
    for a, b in zip(cuts, cuts[1:]):
        active |= set(starts.get(a, ()))
        active = {i for i in active if marks[i][1] > a}
        piece = _e(text[a:b])
        if not active:
            out.append(piece)
            continue
        classes: list[str] = []
        titles: list[str] = []
        style = ""
        for i in sorted(active, key=lambda i: (marks[i][0], -marks[i][1], marks[i][2])):
            _, _, cls, tip = marks[i]
            classes.extend(cls.split())
            titles.append(tip)
            if cls.startswith("ent "):
                style = f" style='background:{LABEL_COLORS.get(cls[4:], '#e4e4e4')}'"
        cls_attr = " ".join(dict.fromkeys(classes))
        out.append(f"<span class='{_e(cls_attr)}' title='{_e('; '.join(dict.fromkeys(titles)))}'{style}>{piece}</span>")
    labels = sorted({m[2][4:] for m in marks if m[2].startswith("ent ")})
    legend = "".join(f"<span style='background:{LABEL_COLORS.get(lab, '#e4e4e4')}'>{_e(lab)}</span>" for lab in labels)
    legend += "<span class='kp'>keyphrase</span>"
    if _quotes(corpus) is not None:
        legend += "<span class='q'>quote</span>"
    legend += "<span class='rm'>set aside by cleaning</span>"
    head = f"<h3>{_e(doc)}</h3>" if title else ""
    return _wrap(f"{head}<div class='legend'>{legend}</div><div class='doc'>{''.join(out)}</div>")


# -- heatmap -------------------------------------------------------------------


_SEPARATORS = "_- ./:"


def _common_affixes(names: list[str]) -> tuple[int, int]:
    """Lengths of the prefix and suffix all ``names`` share, cut back to a separator."""
    first, last = min(names), max(names)
    p = 0
    while p < min(len(first), len(last)) and first[p] == last[p]:
        p += 1
    while p and first[p - 1] not in _SEPARATORS:
        p -= 1
    shortest = min(len(n) for n in names)
    q = 0
    while q < shortest - p and len({n[len(n) - 1 - q] for n in names}) == 1:
        q += 1
    while q and names[0][len(names[0]) - q] not in _SEPARATORS:
        q -= 1
    return p, q


def short_labels(ids: Sequence[Any], width: int = 18) -> list[str]:
    """Short, still distinct labels for document ids: a common file extension
    dropped, a long prefix and suffix every id shares dropped (``outlet_001_story``,
    ``outlet_002_story`` become ``001``, ``002``), then names longer than
    ``width`` cut with an ellipsis."""
    names = [str(i) for i in ids]
    ext = {n.rsplit(".", 1)[1] for n in names if "." in n}
    if len(ext) == 1 and all("." in n for n in names):
        stripped = [n.rsplit(".", 1)[0] for n in names]
        if len(set(stripped)) == len(names):
            names = stripped
    if len(names) > 1 and max(len(n) for n in names) > width:
        p, q = _common_affixes(names)
        middle = [n[p : len(n) - q].strip(_SEPARATORS) for n in names]
        if all(middle) and len(set(middle)) == len(names):
            names = middle
    out = [n if len(n) <= width else n[: width - 1] + "…" for n in names]
    if len(set(out)) < len(out):  # cutting made two equal: keep the ends
        out = [n if len(n) <= width else n[: width // 2 - 1] + "…" + n[-(width // 2) :] for n in names]
    return out


def _step(space: float, cell: int) -> int:
    """Every how many rows (or columns) a label fits: 1, 2, 5, 10, 20, ..."""
    for k in (1, 2, 5, 10, 20, 50, 100, 200, 500):
        if k * cell >= space:
            return k
    return 1000


def _average_linkage_order(m: np.ndarray) -> list[int]:
    """Leaf order of average-linkage clustering over similarity ``m``
    (most similar clusters merged first; ties to the lower index)."""
    import numpy as np

    n = len(m)
    sim = np.array(m, dtype=float, copy=True)
    np.fill_diagonal(sim, -np.inf)
    size = [1] * n
    leaves: list[list[int]] = [[i] for i in range(n)]
    alive = list(range(n))
    while len(alive) > 1:
        sub = sim[np.ix_(alive, alive)]
        k = int(np.argmax(sub))
        a, b = alive[k // len(alive)], alive[k % len(alive)]
        a, b = min(a, b), max(a, b)
        # Average linkage: the new similarity is the size-weighted mean.
        row = (sim[a] * size[a] + sim[b] * size[b]) / (size[a] + size[b])
        sim[a, :], sim[:, a] = row, row
        sim[a, a] = -np.inf
        sim[b, :], sim[:, b] = -np.inf, -np.inf
        leaves[a] = leaves[a] + leaves[b]
        size[a] += size[b]
        alive.remove(b)
    return leaves[alive[0]]


def order(ov: Overlap, by: str = "stories", threshold: float | None = None) -> list[int]:
    """Positions of the documents in display order.

    ``by="stories"``: stories largest first, each story's documents in
    average-linkage order; ``"cluster"``: average-linkage order over all
    documents (quadratic memory, cubic time: fine to a few hundred);
    ``"input"``: as given.
    """
    import numpy as np

    n = len(ov.ids)
    if by == "input":
        return list(range(n))
    m = ov.matrix()
    if by == "cluster":
        return _average_linkage_order(m)
    if by != "stories":
        from lexiscope.errors import InvalidArgumentError

        raise InvalidArgumentError(f'by must be "stories", "cluster" or "input", got {by!r}')
    pos = {d: i for i, d in enumerate(ov.ids)}
    groups = [[pos[d] for d in g] for g in ov.stories(threshold, as_dict=True)["ids"]]
    groups.sort(key=lambda g: (-len(g), g[0]))
    out: list[int] = []
    for g in groups:
        inner = _average_linkage_order(m[np.ix_(g, g)]) if len(g) > 2 else list(range(len(g)))
        out.extend(g[i] for i in inner)
    return out


def _color(v: float) -> str:
    """White (0) to deep blue (1)."""
    v = 0.0 if v != v else min(max(v, 0.0), 1.0)  # NaN-safe
    lo, hi = (255, 255, 255), (16, 60, 150)
    r, g, b = (round(lo[i] + (hi[i] - lo[i]) * v) for i in range(3))
    return f"#{r:02x}{g:02x}{b:02x}"


def heatmap(ov: Overlap, *, by: str = "stories", threshold: float | None = None, max_docs: int = 200) -> HTML:
    """The overlap matrix as a self-contained SVG heatmap.

    Rows and columns follow :func:`order`; thin outlines mark the stories.
    Rows carry their number and a short label (:func:`short_labels`), columns
    their row's number; hovering a cell shows both full ids and the score.
    Cells shrink with the number of documents (from 32 px down to 6 px) while
    labels keep a readable size: when rows are thinner than a line of text,
    every second (fifth, ...) row is labelled. Past ``max_docs`` documents a note is shown instead (use
    ``ov.top_k()``).
    """
    import numpy as np

    n = len(ov.ids)
    if n == 0:
        return _wrap("<p>no documents</p>")
    if n > max_docs:
        return _wrap(f"<p>{_e(repr(ov))}: heatmap shown up to {max_docs} documents; use .top_k() or .matrix()</p>")
    idx = order(ov, by, threshold)
    m = ov.matrix()[np.ix_(idx, idx)]
    ids = [ov.ids[i] for i in idx]
    labels = short_labels(ids)
    cell = max(6, min(32, 720 // n))
    font = 11 if cell >= 11 else 9
    row_step = _step(font + 1, cell)
    col_step = _step(len(str(n)) * font * 0.62 + 4, cell)
    left = 8 + int(max(len(s) for s in labels) * font * 0.62) + 6 + len(str(n)) * font
    top = font + 10
    w, h = max(left + n * cell + 10, left + 11 * 14 + 150), top + n * cell + 30
    parts = [
        f"<svg xmlns='http://www.w3.org/2000/svg' width='{w}' height='{h}' viewBox='0 0 {w} {h}' "
        f"font-family='system-ui,sans-serif' font-size='{font}' role='img' aria-label='overlap heatmap'>"
    ]
    # Tooltips name documents by number and short label (the row labels'
    # tooltips give the full ids): a hundred documents make 10,000 cells.
    names = [f"{i + 1} {_e(labels[i])}" for i in range(n)]
    for r in range(n):
        y = top + r * cell
        if r % row_step == 0:
            parts.append(
                f"<text x='{left - 4}' y='{y + cell / 2 + font / 3:.1f}' text-anchor='end'>"
                f"<title>{_e(ids[r])}</title>{r + 1} {_e(labels[r])}</text>"
            )
        for c in range(n):
            v = float(m[r, c])
            parts.append(
                f"<rect class='cell' x='{left + c * cell}' y='{y}' width='{cell}' height='{cell}' fill='{_color(v)}'>"
                f"<title>{names[r]} × {names[c]}: {v:.3f}</title></rect>"
            )
    for c in range(0, n, col_step):
        x = left + c * cell + cell / 2
        parts.append(f"<text x='{x:.1f}' y='{top - 4}' text-anchor='middle'>{c + 1}</text>")
    # Story outlines on the diagonal.
    if by == "stories":
        pos = {d: i for i, d in enumerate(ov.ids)}
        story_of = {}
        for s, g in enumerate(ov.stories(threshold, as_dict=True)["ids"]):
            for d in g:
                story_of[pos[d]] = s
        start = 0
        for r in range(1, n + 1):
            if r == n or story_of[idx[r]] != story_of[idx[start]]:
                if r - start > 1:
                    parts.append(
                        f"<rect x='{left + start * cell}' y='{top + start * cell}' width='{(r - start) * cell}' "
                        f"height='{(r - start) * cell}' fill='none' stroke='#d9480f' stroke-width='1.5'/>"
                    )
                start = r
    # Colour scale.
    y = top + n * cell + 10
    for k in range(11):
        parts.append(f"<rect x='{left + k * 14}' y='{y}' width='14' height='10' fill='{_color(k / 10)}' stroke='#ccc' stroke-width='0.3'/>")
    parts.append(f"<text x='{left - 4}' y='{y + 9}' text-anchor='end'>0</text>")
    parts.append(f"<text x='{left + 11 * 14 + 4}' y='{y + 9}'>1  score ({_e(ov.method)})</text>")
    parts.append("</svg>")
    return _wrap(f"<b>overlap</b> <span class='muted'>{n} documents, method {_e(ov.method)}</span><div>{''.join(parts)}</div>")


# -- stories -------------------------------------------------------------------


def _story_rows(corpus: Corpus, ov: Overlap, threshold: float | None, keyphrases: int) -> list[dict[str, Any]]:
    st = ov.stories(threshold, as_dict=True)
    men = corpus.mentions(as_dict=True)
    ent_docs: dict[DocRef, set[tuple[str, str]]] = defaultdict(set)
    for d, e, lab in zip(men["doc"], men["entity"], men["label"]):
        ent_docs[d].add((e, lab))
    kw = corpus.keywords(top=keyphrases, as_dict=True)
    kp_docs: dict[DocRef, dict[str, str]] = defaultdict(dict)
    for d, k in zip(kw["doc"], kw["keyphrase"]):
        kp_docs[d].setdefault(k.lower(), k)
    out = []
    for story, label, docs in zip(st["story"], st["label"], st["ids"]):
        ents: Counter[tuple[str, str]] = Counter()
        phrases: Counter[str] = Counter()
        surface: dict[str, str] = {}
        for d in docs:
            ents.update(ent_docs[d])
            phrases.update(kp_docs[d].keys())
            for k, v in kp_docs[d].items():
                surface.setdefault(k, v)
        need = 2 if len(docs) > 1 else 1
        out.append(
            {
                "story": story,
                "label": label,
                "docs": list(docs),
                "entities": [(e, lab, c) for (e, lab), c in sorted(ents.items(), key=lambda x: (-x[1], x[0])) if c >= need],
                "phrases": [(surface[k], c) for k, c in sorted(phrases.items(), key=lambda x: (-x[1], x[0])) if c >= need],
            }
        )
    return out


def stories(corpus: Corpus, ov: Overlap | None = None, *, threshold: float | None = None, keyphrases: int = 10) -> HTML:
    """Each story (``ov.stories(threshold)``) with its documents and what they
    share: entities mentioned in at least two of them, and keyphrases among
    at least two documents' best ``keyphrases`` (for a one-document story,
    its own). Numbers are how many of the story's documents carry each."""
    ov = corpus.overlap() if ov is None else ov
    blocks = []
    for s in _story_rows(corpus, ov, threshold, keyphrases):
        docs = "".join(f"<span class='tag'>{_e(d)}</span>" for d in s["docs"])
        ents = "".join(
            f"<span class='tag' style='background:{LABEL_COLORS.get(lab, '#e4e4e4')}' title='{_e(lab)}'>{_e(e)} {c}</span>"
            for e, lab, c in s["entities"][:15]
        )
        kps = "".join(f"<span class='tag'>{_e(k)} {c}</span>" for k, c in s["phrases"][:12])
        n = len(s["docs"])
        # A one-document story shares nothing: its own entities and keyphrases are shown.
        shared = "shared " if n > 1 else ""
        blocks.append(
            f"<div class='story'><b>story {s['story']}</b>: {_e(s['label'] or '(no content)')} "
            f"<span class='muted'>{n} document{'s' if n != 1 else ''}</span><div>{docs}</div>"
            f"<div><span class='muted'>{shared}entities</span> {ents or '<span class=muted>none</span>'}</div>"
            f"<div><span class='muted'>{shared}keyphrases</span> {kps or '<span class=muted>none</span>'}</div></div>"
        )
    return _wrap(f"<b>stories</b> <span class='muted'>{len(blocks)}</span>{''.join(blocks)}")
