"""``lexiscope.scan_jsonl``: a JSONL file too large to hold, read in chunks.

Like ``polars.scan_ndjson`` next to ``read_ndjson``: nothing is read when the
scan is made; each result reads the file (again), one chunk of documents at a
time, and keeps only what the result needs. Term counts, matrix rows and near
duplicates equal those of ``Corpus.from_jsonl`` on the same file (cleaning
included: a first pass finds the lines repeated across the whole file).
Entities are linked within each chunk and added up by canonical name and
label (equal to the corpus's when the file fits in one chunk).

For example::

    scan = lx.scan_jsonl("news.jsonl", chunk_size=10_000)
    scan.terms(top=20)                          # term, count, docs
    for ids, X in scan.iter_matrix("tfidf"):    # scipy CSR blocks, one vocabulary
        ...
    scan.near_duplicates(0.8)                   # a, b, jaccard, containment
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from typing import Any

from lexiscope._inputs import _options
from lexiscope._lexiscope import Options, ScanCore, Vocabulary
from lexiscope.frames import to_frame


class Scan:
    """A JSONL file read in chunks of ``chunk_size`` documents (see :func:`scan_jsonl`)."""

    def __init__(self, core: ScanCore, language: str, chunk_size: int) -> None:
        self._core = core
        self._language = language
        self._chunk = chunk_size
        #: The columns of the last :meth:`iter_matrix` (set when it starts).
        self.vocabulary: Vocabulary | None = None

    def __len__(self) -> int:
        """Number of documents (read once)."""
        return self._core.count()

    def _stem(self, stem: bool | str) -> str | None:
        if stem is True:
            return self._language
        return stem or None

    def terms(
        self,
        *,
        top: int | None = None,
        ngram: tuple[int, int] = (1, 1),
        stopwords: bool = True,
        stem: bool | str = False,
        numbers: bool = True,
        min_df: int | float = 1,
        max_df: int | float = 1.0,
        as_dict: bool = False,
    ) -> Any:
        """Terms of the whole file with their count and the number of documents
        holding them (term, count, docs), as :meth:`Corpus.terms`."""
        cols = self._core.terms(
            top=top, ngram=ngram, stopwords=stopwords, stem=self._stem(stem), numbers=numbers, min_df=min_df, max_df=max_df
        )
        cols["docs"] = cols.pop("df")
        return cols if as_dict else to_frame(cols)

    def iter_matrix(
        self,
        weight: str = "count",
        *,
        batch_size: int | None = None,
        ngram: tuple[int, int] = (1, 1),
        stopwords: bool = True,
        stem: bool | str = False,
        numbers: bool = True,
        min_df: int | float = 1,
        max_df: int | float = 1.0,
        max_features: int | None = None,
        sublinear_tf: bool = False,
        smooth_idf: bool = True,
        norm: str | None = "l2",
        k1: float = 1.2,
        b: float = 0.75,
    ) -> Iterator[tuple[list[str], Any]]:
        """The rows of :meth:`Corpus.matrix` in blocks of ``batch_size`` documents
        (default: the chunk size): yields ``(ids, X)`` with ``X`` a
        ``scipy.sparse.csr_matrix`` (sorted column indices) over one vocabulary,
        :attr:`vocabulary` after the first block; stacked, the blocks are the
        corpus's matrix. A first pass over the file finds the vocabulary and
        document frequencies; for ``partial_fit`` or an out-of-core model.
        """
        plan = self._core.matrix_plan(
            weight=weight,
            ngram=ngram,
            stopwords=stopwords,
            stem=self._stem(stem),
            numbers=numbers,
            min_df=min_df,
            max_df=max_df,
            max_features=max_features,
            sublinear_tf=sublinear_tf,
            smooth_idf=smooth_idf,
            norm=norm,
            k1=k1,
            b=b,
        )
        self.vocabulary = plan.vocabulary()
        try:
            import scipy.sparse as sp
        except ImportError:  # pragma: no cover - scipy is in the usual installs
            sp = None
        size = batch_size or self._chunk
        at: int | None = 0
        first = 0
        while at is not None:
            ids, data, indices, indptr, shape, at = self._core.matrix_block(plan, at, first, size)
            first += len(ids)
            if not ids:
                break
            if sp is None:
                yield ids, (data, indices, indptr, shape)
            else:
                X = sp.csr_matrix((data, indices, indptr), shape=shape)
                X.has_sorted_indices = True
                yield ids, X

    def entities(self, *, as_dict: bool = False) -> Any:
        """Entity counts (entity, label, docs, mentions), most mentioned first;
        linked within each chunk, added up over chunks."""
        cols = self._core.entities()
        return cols if as_dict else to_frame(cols)

    def near_duplicates(
        self,
        threshold: float = 0.8,
        *,
        num_perm: int = 128,
        shingle: int = 5,
        seed: int = 1,
        as_dict: bool = False,
    ) -> Any:
        """The pairs :meth:`Corpus.near_duplicates` finds (a, b as positions in the
        file, jaccard, containment), in two passes holding about 100 bytes per
        document (``containment`` is not offered here)."""
        cols = self._core.near_duplicates(threshold=threshold, num_perm=num_perm, seed=seed, shingle=shingle)
        return cols if as_dict else to_frame(cols)


def scan_jsonl(
    path: str | os.PathLike[str],
    text: str = "text",
    id: str | None = "id",
    *,
    chunk_size: int = 10_000,
    language: str = "en",
    n_threads: int | None = None,
    options: Options | None = None,
    clean: bool = True,
    lowercase: bool = True,
    fold_typography: bool = True,
    nfkc: bool = False,
    strip_accents: bool = False,
    stopwords: str | Iterable[str] | None = "en",
) -> Scan:
    """A lazy scan of a JSONL file (the arguments of :meth:`Corpus.from_jsonl`):
    term counts, matrix blocks, entity counts and near duplicates computed
    ``chunk_size`` documents at a time, in memory bounded by the chunk and the
    result rather than the file. See docs/scale.md.
    """
    core = ScanCore(
        os.fspath(path),
        text,
        id,
        options=_options(options, clean, lowercase, fold_typography, nfkc, strip_accents, stopwords),
        chunk_size=chunk_size,
        n_threads=n_threads,
    )
    return Scan(core, language, chunk_size)
