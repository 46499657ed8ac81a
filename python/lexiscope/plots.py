"""Plots with matplotlib (the ``plot`` extra: ``pip install "lexiscope[plot]"``).

Each function draws on ``ax`` (a new figure when none is given) and returns
the matplotlib ``Axes``, so a notebook shows it and a script can save
``ax.figure``. matplotlib is imported only when a plot is asked for.

* :func:`overlap` (also ``Overlap.plot()``): the score matrix as a heatmap,
  in story order.
* :func:`entities`: the most mentioned entities, one bar each, coloured by label.
* :func:`story_keyphrases`: for each story, its keyphrases and how many of
  its documents carry them.
* :func:`timeline`: documents on a time axis, one row per story, when the
  documents carry dates.
"""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from lexiscope.display import LABEL_COLORS, _story_rows, order, short_labels
from lexiscope.errors import InvalidArgumentError

if TYPE_CHECKING:
    from lexiscope.corpus import Corpus, DocRef
    from lexiscope.overlap import Overlap

__all__ = ["overlap", "entities", "story_keyphrases", "timeline", "find_dates"]


def _pyplot() -> Any:
    try:
        import matplotlib.pyplot as plt
    except ImportError:
        raise ImportError('plots need matplotlib: pip install "lexiscope[plot]" (or pip install matplotlib)') from None
    return plt


def _axes(ax: Any, size: tuple[float, float]) -> Any:
    if ax is not None:
        return ax
    _, ax = _pyplot().subplots(figsize=size, layout="constrained")
    return ax


def overlap(ov: Overlap, *, by: str = "stories", threshold: float | None = None, ax: Any = None) -> Any:
    """The overlap matrix as a heatmap (rows and columns in
    :func:`lexiscope.display.order`), with short labels; returns the Axes.
    Past 40 documents only every few labels are written."""
    import numpy as np

    idx = order(ov, by, threshold)
    n = len(idx)
    m = ov.matrix()[np.ix_(idx, idx)]
    labels = short_labels([ov.ids[i] for i in idx])
    side = min(12.0, 3.0 + 0.12 * n)
    ax = _axes(ax, (side + 1.5, side))
    image = ax.imshow(m, vmin=0.0, vmax=1.0, cmap="Blues", interpolation="nearest")
    step = max(1, n // 40)
    ticks = list(range(0, n, step))
    ax.set_xticks(ticks, [str(i + 1) for i in ticks], fontsize=8)
    ax.set_yticks(ticks, [f"{i + 1} {labels[i]}" for i in ticks], fontsize=8)
    ax.set_title(f"overlap ({ov.method})")
    ax.figure.colorbar(image, ax=ax, shrink=0.8, label="score")
    return ax


def entities(corpus: Corpus, top: int = 15, *, ax: Any = None) -> Any:
    """The ``top`` most mentioned entities as horizontal bars (mentions),
    coloured by label; returns the Axes."""
    ents = corpus.entities(as_dict=True)
    names = ents["entity"][:top][::-1]
    counts = ents["mentions"][:top][::-1]
    labels = ents["label"][:top][::-1]
    ax = _axes(ax, (7.0, 0.8 + 0.32 * max(len(names), 1)))
    ax.barh(range(len(names)), counts, color=[LABEL_COLORS.get(lab, "#e4e4e4") for lab in labels], edgecolor="#4a5560")
    ax.set_yticks(range(len(names)), [f"{n} [{lab}]" for n, lab in zip(names, labels)], fontsize=9)
    ax.set_xlabel("mentions")
    ax.set_title(f"top {len(names)} entities")
    return ax


def story_keyphrases(
    corpus: Corpus, ov: Overlap | None = None, *, threshold: float | None = None, top: int = 8, ax: Any = None
) -> Any:
    """For each story of two documents or more, its ``top`` shared keyphrases
    as bars (how many of the story's documents carry each, among their best
    ten); returns the Axes."""
    ov = corpus.overlap() if ov is None else ov
    rows = [s for s in _story_rows(corpus, ov, threshold, 10) if len(s["docs"]) > 1]
    names: list[str] = []
    values: list[int] = []
    colors: list[str] = []
    palette = ["#4263eb", "#d9480f", "#2b8a3e", "#862e9c", "#e67700", "#0b7285"]
    spans = []
    for k, s in enumerate(rows):
        first = len(names)
        for phrase, c in s["phrases"][:top]:
            names.append(phrase)
            values.append(c)
            colors.append(palette[k % len(palette)])
        spans.append((first, len(names), s))
    ax = _axes(ax, (7.0, 0.8 + 0.3 * max(len(names), 1)))
    ax.barh(range(len(names)), values, color=colors)
    ax.set_yticks(range(len(names)), names, fontsize=9)
    ax.invert_yaxis()
    ax.set_xlabel("documents of the story")
    from matplotlib.patches import Patch

    handles = [
        Patch(color=palette[k % len(palette)], label=f"story {s['story']} ({len(s['docs'])} docs)")
        for k, (first, last, s) in enumerate(spans)
        if last > first
    ]
    if handles:
        ax.legend(handles=handles, loc="lower right", fontsize=8)
    ax.set_title("keyphrases per story")
    return ax


_MONTHS = {m: i + 1 for i, m in enumerate(
    ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"]
)}
_ISO = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
_DMY = re.compile(r"\b(\d{1,2}) (" + "|".join(_MONTHS) + r") (\d{4})\b", re.I)
_MDY = re.compile(r"\b(" + "|".join(_MONTHS) + r") (\d{1,2}),? (\d{4})\b", re.I)


def find_dates(corpus: Corpus) -> dict[DocRef, _dt.date]:
    """The first date written in each document (``2026-03-14``,
    ``14 March 2026`` or ``March 14, 2026``), for documents that have one.
    A heuristic for :func:`timeline`: give ``dates=`` when you know them."""
    out: dict[DocRef, _dt.date] = {}
    for doc in corpus.ids:
        text = corpus.text(doc)
        found = []
        for m in _ISO.finditer(text):
            found.append((m.start(), int(m[1]), int(m[2]), int(m[3])))
        for m in _DMY.finditer(text):
            found.append((m.start(), int(m[3]), _MONTHS[m[2].lower()], int(m[1])))
        for m in _MDY.finditer(text):
            found.append((m.start(), int(m[3]), _MONTHS[m[1].lower()], int(m[2])))
        for _, y, mo, d in sorted(found):
            try:
                out[doc] = _dt.date(y, mo, d)
                break
            except ValueError:
                continue
    return out


def _as_date(x: Any, doc: Any) -> _dt.date:
    if isinstance(x, _dt.datetime):
        return x.date()
    if isinstance(x, _dt.date):
        return x
    if isinstance(x, str):
        try:
            return _dt.date.fromisoformat(x[:10])
        except ValueError:
            pass
    to_py = getattr(x, "to_pydatetime", None) or getattr(x, "date", None)
    if callable(to_py):
        v = to_py()
        return v.date() if isinstance(v, _dt.datetime) else v
    raise InvalidArgumentError(f"date of document {doc!r} must be a date, datetime or ISO string, got {x!r}")


def timeline(
    corpus: Corpus,
    dates: Mapping[DocRef, Any] | Sequence[Any] | None = None,
    *,
    ov: Overlap | None = None,
    threshold: float | None = None,
    ax: Any = None,
) -> Any:
    """Documents on a time axis, one row per story; returns the Axes.

    ``dates`` maps document ids to dates (``datetime.date``, ``datetime``,
    pandas ``Timestamp`` or an ISO string), or is a sequence in the corpus's
    order (``None`` entries are left out). Without ``dates`` the first date
    written in each text is used (:func:`find_dates`). Documents without a
    date are left out; a corpus where none has a date raises
    :class:`lexiscope.InvalidArgumentError`.
    """
    if dates is None:
        when = find_dates(corpus)
    elif isinstance(dates, Mapping):
        when = {d: _as_date(v, d) for d, v in dates.items() if v is not None}
    else:
        seq = list(dates)
        if len(seq) != len(corpus):
            raise InvalidArgumentError(f"dates has {len(seq)} entries for {len(corpus)} documents")
        when = {d: _as_date(v, d) for d, v in zip(corpus.ids, seq) if v is not None}
    known = set(corpus.ids)
    for d in when:
        if d not in known:
            raise InvalidArgumentError(f"dates names {d!r}, which is not a document of the corpus")
    if not when:
        raise InvalidArgumentError("no document has a date: give dates= (a mapping of ids to dates)")
    ov = corpus.overlap() if ov is None else ov
    st = ov.stories(threshold, as_dict=True)
    story_of = {d: s for s, g in zip(st["story"], st["ids"]) for d in g}
    rows = sorted({story_of[d] for d in when})
    row_of = {s: i for i, s in enumerate(rows)}
    ax = _axes(ax, (8.0, 1.6 + 1.0 * len(rows)))
    xs = [when[d] for d in when]
    ys = [row_of[story_of[d]] for d in when]
    ax.scatter(xs, ys, s=60, color="#4263eb", zorder=3)
    labels = dict(zip(corpus.ids, short_labels(corpus.ids)))
    # Labels of documents close in time on one row are stacked, not overlaid.
    span = max((max(xs) - min(xs)).days * 0.12, 1.0)
    last: dict[tuple[int, int], _dt.date] = {}
    for d in sorted(when, key=lambda d: (when[d], str(d))):
        x, y = when[d], row_of[story_of[d]]
        k = 0
        while (y, k) in last and (x - last[(y, k)]).days < span:
            k += 1
        last[(y, k)] = x
        ax.annotate(labels[d], (x, y), xytext=(6, 5 + 11 * k), textcoords="offset points", fontsize=8)
    names = {s: lab for s, lab in zip(st["story"], st["label"])}
    ax.set_yticks(range(len(rows)), [f"story {s}: {(names[s] or '')[:30]}" for s in rows], fontsize=8)
    ax.set_ylim(-0.6, len(rows) - 0.1)
    ax.grid(axis="x", color="#e3e6ea")
    ax.set_title("documents by date")
    for t in ax.get_xticklabels():
        t.set_rotation(30)
        t.set_horizontalalignment("right")
    return ax
