"""``Overlap``: how much documents share, why, and which tell the same story."""

from __future__ import annotations

import html
from typing import TYPE_CHECKING, Any

from lexiscope.errors import InvalidArgumentError
from lexiscope.frames import to_frame

if TYPE_CHECKING:
    import numpy as np

    from lexiscope._lexiscope import OverlapCore
    from lexiscope.corpus import Corpus, DocRef

__all__ = ["Overlap", "DEFAULT_STORY_THRESHOLD"]

#: Default ``stories()`` threshold for the default method, chosen on ECB+ dev
#: (benches/bench_overlap.py): the best adjusted Rand index there.
DEFAULT_STORY_THRESHOLD = 0.3


class Overlap:
    """Pairwise topical overlap of a corpus's documents.

    Made by :meth:`lexiscope.Corpus.overlap`. Scores are in [0, 1], symmetric,
    and 1 on the diagonal for non-empty documents; for vector methods a score
    is the sum of the contributions :meth:`explain` lists.
    """

    def __init__(self, corpus: Corpus, core: OverlapCore) -> None:
        self._corpus = corpus
        self._core = core
        self._matrix: np.ndarray | None = None

    @property
    def method(self) -> str:
        """The method that made the scores."""
        return self._core.method

    @property
    def ids(self) -> list[DocRef]:
        """Document ids, in the order of the matrix's rows and columns."""
        return self._corpus.ids

    @property
    def matrix(self) -> np.ndarray:
        """The dense n × n score matrix, float64 (computed once). Past a few
        thousand documents prefer :meth:`top_k`, whose memory grows with n,
        not n², or :meth:`to_numpy` with ``dtype="float32"`` (half the memory)."""
        if self._matrix is None:
            self._matrix = self._core.matrix("float64")
        return self._matrix

    def to_numpy(self, dtype: str = "float64") -> np.ndarray:
        """A new dense score matrix of ``dtype`` (``"float64"`` or ``"float32"``;
        the plain methods then also sum in single precision, so scores differ
        from float64 by about 1e-7; the default method sums in double precision)."""
        return self._core.matrix(dtype)

    def _pos(self, doc: DocRef) -> int:
        return self._corpus._core.index(self._corpus._ref(doc))

    def score(self, a: DocRef, b: DocRef) -> float:
        """The score of two documents."""
        return self._core.score(self._pos(a), self._pos(b))

    def explain(self, a: DocRef, b: DocRef, top: int | None = None, *, as_dict: bool = False) -> Any:
        """Why two documents overlap: every shared term, phrase and entity with
        its contribution, largest first, and (default method) every document
        both resemble (``kind="neighbor"``). The contributions add up to the score."""
        cols = self._core.explain(self._pos(a), self._pos(b))
        ids = self.ids
        cols["feature"] = [ids[f] if k == "neighbor" else f for k, f in zip(cols["kind"], cols["feature"])]
        if top is not None:
            cols = {k: v[:top] for k, v in cols.items()}
        return cols if as_dict else to_frame(cols)

    def top_k(self, k: int = 10, *, as_dict: bool = False) -> Any:
        """Each document's ``k`` most similar documents (doc, neighbor, rank,
        score), through an inverted index, without materialising all pairs."""
        if k < 1:
            raise InvalidArgumentError("k must be at least 1")
        cols = self._core.top_k(k)
        ids = self.ids
        cols["doc"] = [ids[i] for i in cols["doc"]]
        cols["neighbor"] = [ids[i] for i in cols["neighbor"]]
        return cols if as_dict else to_frame(cols)

    def stories(self, threshold: float | None = None, *, k: int = 50, as_dict: bool = False) -> Any:
        """Groups of documents that report the same story: story, size, label
        (strongest entities and phrases of the group), docs.

        Groups are made by average linkage over each document's ``k`` nearest
        neighbours: two groups merge while their mean pairwise score is at
        least ``threshold`` (default :data:`DEFAULT_STORY_THRESHOLD`). The
        result is deterministic; stories are ordered by their first document.
        """
        t = DEFAULT_STORY_THRESHOLD if threshold is None else threshold
        groups, labels = self._core.stories(t, k)
        ids = self.ids
        cols = {
            "story": list(range(len(groups))),
            "size": [len(g) for g in groups],
            "label": labels,
            "docs": [[ids[i] for i in g] for g in groups],
        }
        return cols if as_dict else to_frame(cols)

    def story_of(self, doc: DocRef, threshold: float | None = None) -> list[DocRef]:
        """The documents in the same story as ``doc`` (``doc`` included)."""
        t = DEFAULT_STORY_THRESHOLD if threshold is None else threshold
        ids = self.ids
        return [ids[i] for i in self._core.story_of(self._pos(doc), t, 50)]

    def adds(
        self,
        doc: DocRef,
        top: int = 15,
        *,
        threshold: float | None = None,
        min_z: float = 1.96,
        as_dict: bool = False,
    ) -> Any:
        """What ``doc`` adds to its story: terms over-represented in it against
        the other documents of its story group (weighted log-odds with an
        informative Dirichlet prior; only terms with z >= ``min_z``), and entities
        no other member mentions. A document alone in its story is compared
        with the whole rest of the corpus instead (nothing, for a corpus of
        one document)."""
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
            "kind": ["term"] * len(terms["term"]) + ["entity"] * len(new_entities),
            "feature": list(terms["term"]) + list(new_entities),
            "z": list(terms["z"]) + [None] * len(new_entities),
        }
        return cols if as_dict else to_frame(cols)

    def __repr__(self) -> str:
        return f"<lexiscope.Overlap: {len(self._core)} documents, method={self.method!r}>"

    def _repr_html_(self) -> str:
        n = len(self._core)
        if n > 40:
            return f"<p>{html.escape(repr(self))} (heatmap shown up to 40 documents; use .matrix or .top_k())</p>"
        m = self.matrix
        ids = [html.escape(str(i)) for i in self.ids]
        head = "".join(f"<th style='writing-mode:vertical-rl'>{i}</th>" for i in ids)
        rows = []
        for r in range(n):
            cells = "".join(
                f"<td title='{m[r, c]:.3f}' style='background:rgba(30,90,200,{m[r, c]:.2f});"
                f"color:{'white' if m[r, c] > 0.5 else 'black'}'>{m[r, c]:.2f}</td>"
                for c in range(n)
            )
            rows.append(f"<tr><th>{ids[r]}</th>{cells}</tr>")
        return f"<table><tr><th></th>{head}</tr>{''.join(rows)}</table>"
