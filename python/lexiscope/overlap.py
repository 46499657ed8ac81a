"""``Overlap``: how much documents share, why, and which tell the same story."""

from __future__ import annotations

import warnings
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from lexiscope.errors import InvalidArgumentError
from lexiscope.frames import TOP, kept_key, to_frame
from lexiscope.frames import limit as _top
from lexiscope.progress import reporting

if TYPE_CHECKING:
    import numpy as np

    from lexiscope._lexiscope import OverlapCore
    from lexiscope.corpus import Corpus, DocRef
    from lexiscope.table import Table

__all__ = ["Overlap", "DEFAULT_STORY_THRESHOLD", "EXACT_MAX_DOCS", "CANDIDATE_BUDGET", "exact_max_docs", "candidate_budget"]

#: Default ``stories()`` threshold for the default method, chosen on ECB+ dev
#: (benches/bench_overlap.py): the best adjusted Rand index there.
DEFAULT_STORY_THRESHOLD = 0.3

#: The largest corpus whose nearest neighbours (:meth:`Overlap.top_k`, the
#: neighbour profiles of the default method, :meth:`Overlap.stories`) are
#: found exactly by default; above it, with pruned candidates (docs/scale.md).
EXACT_MAX_DOCS = 20_000

#: Postings a document reads for its candidates in the pruned search.
CANDIDATE_BUDGET = 20_000


def exact_max_docs(n: int | None = None) -> int:
    """The largest corpus searched exactly by default (:data:`EXACT_MAX_DOCS`
    unless changed). With ``n``, sets it for the searches made after the call
    in this process (0: always pruned) and returns the previous value;
    results a corpus already keeps are not made again. Meant for benchmarks
    and tests of the pruned search on small corpora."""
    from lexiscope import _lexiscope

    if n is not None and n < 0:
        raise InvalidArgumentError("n must be non-negative")
    return int(_lexiscope._overlap_exact_max_docs(n))


def candidate_budget(n: int | None = None) -> int:
    """The pruned search's candidate budget (:data:`CANDIDATE_BUDGET`
    unless changed): the postings each document reads, rarest features
    first. With ``n``, sets it for the searches made after the call in this
    process and returns the previous value. For benchmarks of the pruned
    search on small corpora, whose documents otherwise fit in it whole."""
    from lexiscope import _lexiscope

    if n is not None and n < 0:
        raise InvalidArgumentError("n must be non-negative")
    return int(_lexiscope._overlap_candidate_budget(n))


class Overlap:
    """Pairwise topical overlap of a corpus's documents.

    Made by :meth:`lexiscope.Corpus.overlap`. Scores are in [0, 1], symmetric,
    and 1 on the diagonal for non-empty documents; for vector methods a score
    is the sum of the contributions :meth:`explain` lists.
    """

    def __init__(self, corpus: Corpus, core: OverlapCore, params: dict[str, Any] | None = None) -> None:
        self._corpus = corpus
        self._core = core
        self._params = dict(params or {"method": core.method})
        self._matrix: np.ndarray | None = None
        # Result tables (top_k, stories, explain, channels, adds), per call
        # and options: a table hands out only new lists, so a repeat hands
        # out the kept one (see `Corpus._kept`).
        self._tables: dict[tuple[Any, ...], Table] = {}
        self._sizes: dict[tuple[Any, ...], int] = {}

    def _kept(self, key: tuple[Any, ...], make: Callable[[], dict[str, list[Any]]]) -> Table:
        """The table for ``key``, made from ``make()`` (columns) on first call
        and kept (a key that cannot be hashed is not kept)."""
        try:
            table = self._tables.get(key)
        except TypeError:
            return to_frame(make())
        if table is None:
            # Another thread may have kept one meanwhile: hand out that one.
            table = self._tables.setdefault(key, to_frame(make()))
        return table

    def _kept_bytes(self) -> int:
        """Estimated bytes of what this object keeps (its tables, the float64 matrix)."""
        total = 0
        for key, table in list(self._tables.items()):
            size = self._sizes.get(key)
            if size is None:
                size = self._sizes[key] = table._nbytes()
            total += size
        return total + (0 if self._matrix is None else int(self._matrix.nbytes))

    def __reduce__(self) -> tuple[Any, ...]:
        # The corpus and the parameters: the scores are computed again on
        # first need after unpickling (what the corpus keeps is not pickled).
        return (_restore, (self._corpus, self._params))

    @property
    def method(self) -> str:
        """The method that made the scores."""
        return self._core.method

    @property
    def ids(self) -> list[DocRef]:
        """Document ids, in the order of the matrix's rows and columns."""
        return self._corpus.ids

    @property
    def matrix(self) -> _Matrix:
        """``ov.matrix(dtype="float64")``: the dense n × n score matrix.

        float64 is computed once and kept (the same array each call; do not
        change it in place); ``dtype="float32"`` makes a new matrix in half the
        memory (the plain methods then also sum in single precision, so scores
        differ from float64 by about 1e-7). Past a few thousand documents
        prefer :meth:`top_k`, whose memory grows with n, not n². A method, as
        :meth:`lexiscope.Corpus.matrix` is: both compute and take options.
        (Reading ``ov.matrix`` as an array, the old property, still works
        with a DeprecationWarning.)
        """
        return _Matrix(self)

    def _dense(self, dtype: str = "float64") -> np.ndarray:
        if dtype == "float64":
            if self._matrix is None:
                self._matrix = self._core.matrix("float64")
            return self._matrix
        return self._core.matrix(dtype)

    def to_numpy(self, dtype: str = "float64") -> np.ndarray:
        """Deprecated: ``ov.matrix(dtype=...)``."""
        warnings.warn("Overlap.to_numpy() is deprecated: use ov.matrix(dtype=...)", DeprecationWarning, stacklevel=2)
        return self._core.matrix(dtype)

    def _pos(self, doc: DocRef) -> int:
        return self._corpus._core.index(self._corpus._ref(doc))

    def score(self, a: DocRef, b: DocRef) -> float:
        """The score of two documents."""
        return self._core.score(self._pos(a), self._pos(b))

    def explain(self, a: DocRef, b: DocRef, *, top: int | None = TOP, as_dict: bool = False) -> Any:
        """Why two documents overlap, grouped by channel: shared entities
        (``entity``), phrases (``phrase``), terms (``term``), quotations
        (``quote``, when the overlap weighs quotes), and (default
        method) ``context``, the other documents both resemble. Columns:
        channel, feature (terms and phrases as written in ``a`` and ``b``;
        for context rows, the third document's id, or ``"each other"`` for
        the share that comes from ``a`` and ``b`` being among each other's
        nearest neighbours), contribution.

        Each channel shows its ``top`` largest parts (``None``: all) and one
        ``"N more"`` row holding the rest, so the contributions always add up
        to :meth:`score`; :meth:`channels` gives the channel totals.
        """
        ra, rb, t = self._corpus._ref(a), self._corpus._ref(b), _top(top)

        def make() -> dict[str, list[Any]]:
            pa, pb = self._pos(ra), self._pos(rb)
            cols = self._core.explain(self._corpus._core, pa, pb, t)
            ids = self._corpus._ids
            neighbor = cols.pop("neighbor")
            cols["feature"] = [f if n is None else ids[n] for f, n in zip(cols["feature"], neighbor)]
            return cols

        table = self._kept(("explain", kept_key(ra, rb, t)), make)
        return table.to_dict() if as_dict else table

    def channels(self, a: DocRef, b: DocRef, *, as_dict: bool = False) -> Any:
        """The score of two documents split by channel (channel,
        contribution, share of the score); the contributions add up to :meth:`score`."""
        def make() -> dict[str, list[Any]]:
            e = self.explain(a, b, top=0, as_dict=True)
            totals: dict[str, float] = {}
            for ch, c in zip(e["channel"], e["contribution"]):
                totals[ch] = totals.get(ch, 0.0) + c
            score = sum(totals.values())
            return {
                "channel": list(totals),
                "contribution": list(totals.values()),
                "share": [v / score if score > 0 else 0.0 for v in totals.values()],
            }

        table = self._kept(("channels", kept_key(self._corpus._ref(a), self._corpus._ref(b))), make)
        return table.to_dict() if as_dict else table

    def top_k(
        self, k: int = 10, *, exact: bool | None = None, progress: Any = None, as_dict: bool = False
    ) -> Any:
        """Each document's ``k`` most similar documents (doc, neighbor, rank,
        score), through an inverted index, without materialising all pairs.

        Up to :data:`EXACT_MAX_DOCS` documents (20,000; see
        :func:`exact_max_docs`) the search is exact: every pair sharing a
        feature is scored. Above it, candidates are pruned so that the time
        grows linearly: each document reads the postings of its rarest
        features (and, for the default method, of its profile's neighbours)
        up to a budget of 20,000 entries, leaving out the commonest terms,
        which weigh least; the best candidates by that partial score (``2k +
        30`` of them) are then scored exactly. Every score returned is the
        exact score of its pair (:meth:`score`); only which pairs are
        considered changes, so a pair may be missed (see docs/scale.md).
        ``exact=True`` asks for the exact search whatever the size (the
        default method's neighbour profiles made exactly too), ``exact=False``
        for the pruned one. ``progress`` as for :class:`lexiscope.Corpus`."""
        if k < 1:
            raise InvalidArgumentError("k must be at least 1")

        def make() -> dict[str, list[Any]]:
            with reporting(progress, "neighbours"):
                cols = self._core.top_k(k, exact)
            ids = self._corpus._ids
            cols["doc"] = [ids[i] for i in cols["doc"]]
            cols["neighbor"] = [ids[i] for i in cols["neighbor"]]
            return cols

        table = self._kept(("top_k", kept_key(k, exact)), make)
        return table.to_dict() if as_dict else table

    def stories(self, threshold: float | None = None, *, k: int = 50, progress: Any = None, as_dict: bool = False) -> Any:
        """Groups of documents that report the same story: story, size, label
        (the group's strongest names and phrases, as written), ids (its
        documents' ids).

        Groups are made by average linkage over each document's ``k`` nearest
        neighbours: two groups merge while their mean pairwise score is at
        least ``threshold`` (default :data:`DEFAULT_STORY_THRESHOLD`), and only
        through two documents that count each other among their closest by
        the direct score (at most ``k``, and at most half the other
        documents), so a report of another event with the same people stays
        apart. The result is deterministic; stories are ordered by their first
        document. ``progress`` as for :class:`lexiscope.Corpus`.
        """
        t = DEFAULT_STORY_THRESHOLD if threshold is None else threshold

        def make() -> dict[str, list[Any]]:
            with reporting(progress, "stories"):
                groups, labels = self._core.stories(self._corpus._core, t, k)
            ids = self._corpus._ids
            return {
                "story": list(range(len(groups))),
                "size": [len(g) for g in groups],
                "label": labels,
                "ids": [[ids[i] for i in g] for g in groups],
            }

        table = self._kept(("stories", kept_key(t, k)), make)
        return table.to_dict() if as_dict else table

    def story_of(self, doc: DocRef, threshold: float | None = None) -> list[DocRef]:
        """The documents in the same story as ``doc`` (``doc`` included)."""
        t = DEFAULT_STORY_THRESHOLD if threshold is None else threshold
        ids = self.ids
        return [ids[i] for i in self._core.story_of(self._pos(doc), t, 50)]

    def adds(
        self,
        doc: DocRef,
        *,
        top: int | None = TOP,
        threshold: float | None = None,
        min_z: float = 1.96,
        as_dict: bool = False,
    ) -> Any:
        """What ``doc`` adds to its story: terms over-represented in it against
        the other documents of its story group (weighted log-odds with an
        informative Dirichlet prior; only terms with z >= ``min_z``; its
        ``top``), and entities no other member mentions: channel (``term`` or
        ``entity``), feature, z. A document alone in its story is compared
        with the whole rest of the corpus instead (nothing, for a corpus of
        one document). Each table is made once per document and options and
        kept on this object."""
        table = self._kept(("adds", kept_key(doc, top, threshold, min_z)), lambda: self._adds_columns(doc, top, threshold, min_z))
        return table.to_dict() if as_dict else table

    def _adds_columns(
        self, doc: DocRef, top: int | None, threshold: float | None, min_z: float
    ) -> dict[str, list[Any]]:
        group = self.story_of(doc, threshold)
        others = [d for d in group if d != doc]
        if not others:
            others = [d for d in self.ids if d != doc]
        if others:
            terms = self._corpus.distinctive(doc, top=top, against=others, min_z=min_z, as_dict=True)
            new_entities = self._corpus._core.entities_only_in(self._pos(doc), [self._pos(d) for d in others])
        else:
            terms, new_entities = {"term": [], "z": []}, []
        cols = {
            "channel": ["term"] * len(terms["term"]) + ["entity"] * len(new_entities),
            "feature": list(terms["term"]) + list(new_entities),
            "z": list(terms["z"]) + [None] * len(new_entities),
        }
        return cols

    def __repr__(self) -> str:
        return f"<lexiscope.Overlap: {len(self._core)} documents, method={self.method!r}>"

    def _repr_html_(self) -> str:
        from lexiscope import display

        return str(display.heatmap(self))

    def plot(self, *, by: str = "stories", threshold: float | None = None, ax: Any = None) -> Any:
        """The score matrix as a matplotlib heatmap in story order (needs
        matplotlib, the ``plot`` extra); returns the Axes. See
        :func:`lexiscope.plots.overlap`."""
        from lexiscope import plots

        return plots.overlap(self, by=by, threshold=threshold, ax=ax)


def _restore(corpus: Corpus, params: dict[str, Any]) -> Overlap:
    return corpus.overlap(**params)


class _Matrix:
    """What ``ov.matrix`` gives: call it (``ov.matrix()``, the one spelling);
    used as an array (the old property) it still works, with a DeprecationWarning."""

    __slots__ = ("_ov",)

    def __init__(self, ov: Overlap) -> None:
        self._ov = ov

    def __call__(self, dtype: str = "float64", *, progress: Any = None) -> np.ndarray:
        with reporting(progress, "overlap matrix", unit="row"):
            return self._ov._dense(dtype)

    def _old(self) -> np.ndarray:
        warnings.warn(
            "ov.matrix is a method now: write ov.matrix() (the property spelling is deprecated)",
            DeprecationWarning,
            stacklevel=3,
        )
        return self._ov._dense()

    def __getattr__(self, name: str) -> Any:
        return getattr(self._old(), name)

    def __getitem__(self, key: Any) -> Any:
        return self._old()[key]

    def __array__(self, dtype: Any = None, copy: Any = None) -> np.ndarray:
        m = self._old()
        return m if dtype is None else m.astype(dtype)

    def __len__(self) -> int:
        return len(self._old())

    def __eq__(self, other: object) -> Any:  # type: ignore[override]
        return self._old() == other

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"<bound method Overlap.matrix of {self._ov!r}>"
