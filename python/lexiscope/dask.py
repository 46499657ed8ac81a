# Over 600 lines: each pass's worker function sits next to the merge of its
# results, which is read and checked with it; the Spark recipe in docs/dask.md
# imports them all from here.
"""Analyse a Dask bag or DataFrame partition by partition, on the workers,
and merge the per-partition statistics into what one process would compute
over the whole collection (the ``dask`` extra: ``pip install "lexiscope[dask]"``).

Example (needs a running Dask scheduler or the default local one)::

    import dask.bag as db
    from lexiscope.dask import analyse

    result = analyse(db.from_sequence(records, npartitions=8), text="text", id="id")
    result.terms(top=10)
    X, vocab = result.matrix("tfidf")
    result.near_duplicates(0.8)

How it works, in passes over the partitions:

1. Each worker builds a :class:`lexiscope.Corpus` of its partition and
   returns the keys of its documents' non-sentence lines. The client counts,
   over all partitions, how many documents hold each key: the keys held by
   two or more are the lines cleaning sets aside as ``repeated`` (the one
   cleaning rule that looks across documents).
2. Each worker builds its corpus again, cleaned with those keys, and returns
   its statistics: term counts and document frequencies, the count matrix
   with its vocabulary, stem document frequencies, each document's shingle
   set and MinHash signature, and the words it writes in lowercase (entity
   evidence).
3. Each worker scores its documents' keyphrase candidates against the
   collection's stem document frequencies and size (``keyphrases=True``),
   and runs the entity rules with the collection's lowercase words, returning
   their label votes per word and the words seen after a title
   (``entities=True``).
4. (``entities=True``) Each worker finds its documents' entity mentions with
   the collection's evidence and returns, per mention, what linking reads:
   the name and role as written, label, evidence, dictionary entry, offsets.

The client then merges: counts and document frequencies add up; the count
matrices are stacked over the union of the vocabularies (columns renumbered,
each row's entries kept in their order); TF-IDF is weighted from the merged
counts; near duplicates are found over the concatenated signatures and
checked exactly over the shingle sets; collection keyphrases are ranked from
every document's candidates by the core's own ranking; the mentions of every
document are linked, in document order, by the core's linking. Term counts,
document frequencies, the count matrix, collection keyphrases, near
duplicates, entities and mentions equal those of one ``Corpus`` over all the
documents, in partition order (tests/test_dask.py checks it on a two-process
cluster); TF-IDF values equal them to rounding (about 1e-16).

Not merged here: overlap scores (the default overlap reads every document's
neighbours) and per-document keyphrases; compute them on one machine, or on
a sample.

Ids: a DataFrame's ``id`` column (or its index when ``id=None``); a bag of
dicts' ``id`` field, or of ``(id, text)`` pairs; a bag of plain str is
numbered in order across partitions. Ids must be unique over the collection.
The same two per-partition functions serve Spark's ``mapInPandas``
(docs/dask.md).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from lexiscope import _lexiscope
from lexiscope.corpus import Corpus
from lexiscope.errors import InputTypeError, InvalidArgumentError
from lexiscope.frames import to_frame

__all__ = [
    "analyse",
    "Analysis",
    "partition_keys",
    "repeated_keys",
    "partition_stats",
    "merge_stem_df",
    "partition_keyphrases",
    "merge_entity_words",
    "partition_entity_evidence",
    "merge_entity_evidence",
    "partition_entity_mentions",
    "link_entities",
    "merge",
]


def _native(a: Any, dtype: Any) -> np.ndarray:
    """``a`` as an aligned, contiguous array of ``dtype``: arrays that travelled
    between processes may sit misaligned in a received buffer."""
    return np.require(a, dtype=dtype, requirements=["C", "A"])


def _records(part: Any, text: str, id: str | None) -> tuple[list[Any] | None, list[str]]:
    """(ids or None, texts) of one partition: a pandas DataFrame or a list."""
    columns = getattr(part, "columns", None)
    if columns is not None:  # a pandas DataFrame
        texts = [str(t) for t in part[text].tolist()]
        ids = part.index.tolist() if id is None else part[id].tolist()
        return ids, texts
    items = list(part)
    if not items:
        return [], []
    first = items[0]
    if isinstance(first, str):
        return None, items
    if isinstance(first, dict):
        return [r[id] for r in items] if id is not None else None, [r[text] for r in items]
    if isinstance(first, (tuple, list)) and len(first) == 2:
        return [r[0] for r in items], [r[1] for r in items]
    raise InputTypeError(f"partition items must be str, dict or (id, text) pairs, got {type(first).__name__}")


def _corpus(part: Any, text: str, id: str | None, options: Any, offset: int | None) -> Corpus:
    ids, texts = _records(part, text, id)
    if ids is None:
        if offset is None:
            raise InvalidArgumentError("plain str items need their position: give ids (dicts or pairs)")
        ids = list(range(offset, offset + len(texts)))
    return Corpus(texts, ids=ids, options=options)


def partition_keys(part: Any, *, text: str = "text", id: str | None = "id", options: Any = None) -> dict[str, Any]:
    """First pass, on a worker: the document count and the distinct line keys
    of each document of ``part`` (flat uint64 array and offsets)."""
    corpus = _corpus(part, text, id, options, 0)
    values, offsets = _lexiscope.partition_repeat_keys(corpus._core)
    return {"n": len(corpus), "values": values, "offsets": offsets}


def partition_stats(
    part: Any,
    repeated: np.ndarray,
    *,
    offset: int | None = None,
    text: str = "text",
    id: str | None = "id",
    options: Any = None,
    ngram: tuple[int, int] = (1, 1),
    stopwords: bool = True,
    shingle: int = 5,
    num_perm: int = 128,
    seed: int = 1,
    language: str = "en",
) -> dict[str, Any]:
    """Second pass, on a worker: the statistics of ``part`` cleaned with the
    collection's ``repeated`` line keys (with the words it writes in
    lowercase, for entities). ``offset`` numbers plain str items."""
    corpus = _corpus(part, text, id, options, offset)
    core = _lexiscope.partition_with_repeated(corpus._core, _native(repeated, np.uint64))
    corpus = Corpus._wrap(core, corpus.ids, corpus._language)
    terms = corpus.terms(ngram=ngram, stopwords=stopwords, as_dict=True)
    vocab, data, indices, indptr, shape = core.matrix(
        weight="count",
        ngram=ngram,
        stopwords=stopwords,
        stem=None,
        numbers=True,
        min_df=1,
        max_df=1.0,
        max_features=None,
        sublinear_tf=False,
        smooth_idf=True,
        norm=None,
        k1=1.2,
        b=0.75,
        sort_indices=False,
    )
    values, offsets, sigs = _lexiscope.partition_signatures(core, shingle=shingle, num_perm=num_perm, seed=seed)
    return {
        "ids": corpus.ids,
        "stem_df": _lexiscope.partition_stem_df(core, language),
        "terms": (terms["term"], terms["count"], terms["docs"]),
        "matrix": (list(vocab), np.asarray(data), np.asarray(indices), np.asarray(indptr), tuple(shape)),
        "shingles": (values, offsets, sigs),
        "entity_words": _lexiscope.partition_entity_words(core),
    }


def partition_keyphrases(
    part: Any,
    repeated: np.ndarray,
    stem_df: tuple[list[str], list[int]],
    n_docs: int,
    *,
    offset: int | None = None,
    text: str = "text",
    id: str | None = "id",
    options: Any = None,
    language: str = "en",
) -> dict[str, Any]:
    """Third pass, on a worker: every document's keyphrase candidates, scored
    against the collection's stem document frequencies ``stem_df`` (merged
    from the second pass) over ``n_docs`` documents."""
    return _candidates(_cleaned(part, repeated, text, id, options, offset), stem_df, n_docs, language)


def _candidates(core: Any, stem_df: tuple[list[str], list[int]], n_docs: int, language: str) -> dict[str, Any]:
    stems, df = stem_df
    return _lexiscope.partition_keyphrase_candidates(core, list(stems), list(df), n_docs, language=language)


def _cleaned(part: Any, repeated: np.ndarray, text: str, id: str | None, options: Any, offset: int | None) -> Any:
    """The core corpus of ``part`` cleaned with the collection's ``repeated`` keys."""
    corpus = _corpus(part, text, id, options, offset)
    return _lexiscope.partition_with_repeated(corpus._core, _native(repeated, np.uint64))


def merge_entity_words(stats: Iterable[dict[str, Any]]) -> str:
    """The words the whole collection writes in lowercase, from every
    partition's :func:`partition_stats` (a union; one per line)."""
    words: set[str] = set()
    for s in stats:
        words.update(w for w in s["entity_words"].split("\n") if w)
    return "\n".join(sorted(words))


def partition_entity_evidence(
    part: Any,
    repeated: np.ndarray,
    words: str,
    *,
    offset: int | None = None,
    text: str = "text",
    id: str | None = "id",
    options: Any = None,
    gazetteer: Any = None,
) -> dict[str, np.ndarray]:
    """Third pass, on a worker: the entity rules' evidence over ``part``,
    given the collection's lowercase ``words`` (:func:`merge_entity_words`):
    words seen after a title (``titled``, uint64 hashes) and label votes per
    word (``keys``, uint64 hashes; ``votes``, n x 4 uint32)."""
    return _evidence(_cleaned(part, repeated, text, id, options, offset), words, gazetteer)


def _evidence(core: Any, words: str, gazetteer: Any) -> dict[str, np.ndarray]:
    titled, keys, votes = _lexiscope.partition_entity_evidence(core, words, gazetteer)
    return {"titled": titled, "keys": keys, "votes": votes}


def merge_entity_evidence(evidence: Iterable[dict[str, np.ndarray]]) -> dict[str, np.ndarray]:
    """The collection's entity evidence from every partition's
    :func:`partition_entity_evidence`: titled words unite, votes add up."""
    evidence = list(evidence)
    titled = [_native(e["titled"], np.uint64) for e in evidence]
    keys = [_native(e["keys"], np.uint64) for e in evidence]
    votes = [_native(e["votes"], np.uint32).reshape(-1, 4) for e in evidence]
    all_keys = np.concatenate(keys) if keys else np.zeros(0, dtype=np.uint64)
    uniq, inverse = np.unique(all_keys, return_inverse=True)
    total = np.zeros((len(uniq), 4), dtype=np.uint64)
    if len(all_keys):
        np.add.at(total, inverse.ravel(), np.concatenate(votes).astype(np.uint64))
    if len(total) and total.max() > np.iinfo(np.uint32).max:
        raise InvalidArgumentError("entity label votes overflow 32 bits")
    return {
        "titled": np.unique(np.concatenate(titled)) if titled else np.zeros(0, dtype=np.uint64),
        "keys": uniq.astype(np.uint64),
        "votes": np.ascontiguousarray(total.astype(np.uint32)),
    }


def partition_entity_mentions(
    part: Any,
    repeated: np.ndarray,
    words: str,
    evidence: dict[str, np.ndarray],
    *,
    offset: int | None = None,
    text: str = "text",
    id: str | None = "id",
    options: Any = None,
    gazetteer: Any = None,
) -> dict[str, Any]:
    """Fourth pass, on a worker: every document's entity mentions in ``part``,
    found with the collection's ``words`` and ``evidence``
    (:func:`merge_entity_evidence`), not linked: columns offsets (per
    document), start, end (character offsets), label, evidence, entry_kind,
    entry, text (the name as written), role (as written, or None)."""
    core = _cleaned(part, repeated, text, id, options, offset)
    return _lexiscope.partition_entity_mentions(
        core,
        words,
        _native(evidence["titled"], np.uint64),
        _native(evidence["keys"], np.uint64),
        _native(evidence["votes"], np.uint32).reshape(-1, 4),
        gazetteer,
    )


def merge_stem_df(stats: Iterable[dict[str, Any]]) -> tuple[list[str], list[int]]:
    """The collection's stem document frequencies from every partition's
    :func:`partition_stats` (documents are in one partition each, so they add up)."""
    total: dict[str, int] = {}
    for s in stats:
        for stem, n in zip(*s["stem_df"]):
            total[stem] = total.get(stem, 0) + n
    stems = sorted(total)
    return stems, [total[t] for t in stems]


def repeated_keys(keys: Sequence[dict[str, Any]]) -> np.ndarray:
    """Keys held by two or more documents over all partitions."""
    parts = [k["values"] for k in keys if len(k["values"])]
    if not parts:
        return np.zeros(0, dtype=np.uint64)
    allkeys = np.concatenate(parts)  # each document's keys are distinct
    uniq, counts = np.unique(allkeys, return_counts=True)
    return uniq[counts >= 2]


@dataclass
class Analysis:
    """Merged statistics of a collection analysed in partitions (see the module docs)."""

    ids: list[Any]
    _terms: dict[str, tuple[int, int]] = field(repr=False)
    _vocab: list[str] = field(repr=False)
    _counts: Any = field(repr=False)  # (data, indices, indptr, shape)
    _shingles: tuple[np.ndarray, np.ndarray, np.ndarray] = field(repr=False)
    _candidates: dict[str, list[Any]] | None = field(default=None, repr=False)
    _entities: tuple[dict[str, Any], dict[str, Any], np.ndarray] | None = field(default=None, repr=False)

    def __len__(self) -> int:
        return len(self.ids)

    def terms(self, top: int | None = None, *, as_dict: bool = False) -> Any:
        """Terms with count and df, most frequent first (as :meth:`Corpus.terms`)."""
        rows = sorted(self._terms.items(), key=lambda kv: (-kv[1][0], -kv[1][1], kv[0]))[:top]
        cols = {"term": [t for t, _ in rows], "count": [c for _, (c, _) in rows], "docs": [d for _, (_, d) in rows]}
        return cols if as_dict else to_frame(cols)

    def matrix(self, weight: str = "count", *, smooth_idf: bool = True, norm: str | None = "l2") -> tuple[Any, list[str]]:
        """The document-term matrix over the merged vocabulary (sorted) and the
        vocabulary: ``"count"``, or ``"tfidf"`` (scikit-learn's formula, as
        :meth:`Corpus.matrix`). A scipy CSR matrix when scipy is installed,
        else ``(data, indices, indptr, shape)``."""
        data, indices, indptr, shape = self._counts
        if weight == "tfidf":
            n = shape[0]
            df = np.bincount(indices, minlength=shape[1]).astype(np.float64)
            idf = np.log((1.0 + n) / (1.0 + df)) + 1.0 if smooth_idf else np.log(n / df) + 1.0
            data = data.astype(np.float64) * idf[indices]
            if norm == "l2":
                sq = np.add.reduceat(data * data, indptr[:-1]) if len(data) else np.zeros(0)
                lengths = np.diff(indptr)
                norms = np.zeros(n)
                norms[lengths > 0] = np.sqrt(sq[lengths > 0])
                data = data / np.repeat(np.where(norms > 0, norms, 1.0), lengths)
        elif weight != "count":
            raise InvalidArgumentError(f'weight must be "count" or "tfidf", got {weight!r}')
        try:
            import scipy.sparse as sp
        except ImportError:
            return (data, indices, indptr, shape), list(self._vocab)
        return sp.csr_matrix((data, indices, indptr), shape=shape), list(self._vocab)

    def keywords(self, top: int = 10, *, as_dict: bool = False) -> Any:
        """The collection's keyphrases (as ``Corpus.keywords(scope="corpus")``):
        keyphrase, score, docs, count. Needs the third pass (``keyphrases=True``)."""
        if self._candidates is None:
            from lexiscope.errors import StateError

            raise StateError("keyphrases were not computed: call analyse(..., keyphrases=True)")
        c = self._candidates
        cols = _lexiscope.partition_collection_keyphrases(c["offsets"], c["key"], c["text"], c["score"], c["count"], top=top)
        return cols if as_dict else to_frame(cols)

    def _linked(self) -> tuple[dict[str, Any], dict[str, Any], np.ndarray]:
        if self._entities is None:
            from lexiscope.errors import StateError

            raise StateError("entities were not computed: call analyse(..., entities=True)")
        return self._entities

    def entities(self, *, as_dict: bool = False) -> Any:
        """One row per entity, as :meth:`Corpus.entities` gives them: entity,
        label, docs, mentions, variants, roles, ambiguous (needs ``entities=True``)."""
        cols = {k: list(v) for k, v in self._linked()[0].items()}
        return cols if as_dict else to_frame(cols)

    def mentions(self, *, as_dict: bool = False) -> Any:
        """Every entity mention, as :meth:`Corpus.mentions` gives them: doc,
        start, end (character offsets), text, entity, label, role."""
        ents, m, of = self._linked()
        doc = np.repeat(np.arange(len(self.ids)), np.diff(m["offsets"].astype(np.int64)))
        names, labels = ents["entity"], ents["label"]
        cols = {
            "doc": [self.ids[d] for d in doc],
            "start": m["start"].tolist(),
            "end": m["end"].tolist(),
            "text": list(m["text"]),
            "entity": [names[e] for e in of],
            "label": [labels[e] for e in of],
            "role": list(m["role"]),
        }
        return cols if as_dict else to_frame(cols)

    def near_duplicates(self, threshold: float = 0.8, *, containment: float | None = None, as_dict: bool = False) -> Any:
        """Near-duplicate pairs across all partitions (as :meth:`Corpus.near_duplicates`)."""
        values, offsets, sigs = self._shingles
        cols = _lexiscope.partition_near_duplicates(
            _native(values, np.uint64),
            _native(offsets, np.uint64),
            _native(sigs, np.uint32),
            threshold=threshold,
            containment=containment,
        )
        cols["a"] = [self.ids[i] for i in cols["a"]]
        cols["b"] = [self.ids[i] for i in cols["b"]]
        return cols if as_dict else to_frame(cols)


def link_entities(
    mentions: Iterable[dict[str, Any]], gazetteer: Any = None
) -> tuple[dict[str, Any], dict[str, Any], np.ndarray]:
    """Every partition's :func:`partition_entity_mentions`, in partition
    order, linked by the core's linking as one corpus links them: (entity
    columns, the mention columns concatenated, each mention's entity row)."""
    mentions = list(mentions)
    cols: dict[str, Any] = {"offsets": np.zeros(1, dtype=np.uint64)}
    offs = [cols["offsets"]]
    at = 0
    for m in mentions:
        offs.append(_native(m["offsets"], np.uint64)[1:] + np.uint64(at))
        at += len(m["text"])
    cols["offsets"] = np.concatenate(offs)
    dtypes = {"start": np.uint64, "end": np.uint64, "label": np.uint8, "evidence": np.uint8}
    dtypes.update({"entry_kind": np.uint8, "entry": np.uint32})
    for name, dtype in dtypes.items():
        parts = [_native(m[name], dtype) for m in mentions]
        cols[name] = np.concatenate(parts) if parts else np.zeros(0, dtype=dtype)
    cols["text"] = [t for m in mentions for t in m["text"]]
    cols["role"] = [r for m in mentions for r in m["role"]]
    ents, of = _lexiscope.partition_link_entities(
        cols["offsets"],
        cols["start"],
        cols["end"],
        cols["label"],
        cols["evidence"],
        cols["entry_kind"],
        cols["entry"],
        cols["text"],
        cols["role"],
        gazetteer,
    )
    return ents, cols, of


def merge(
    stats: Iterable[dict[str, Any]],
    keyphrases: Iterable[dict[str, Any]] | None = None,
    mentions: Iterable[dict[str, Any]] | None = None,
    *,
    gazetteer: Any = None,
) -> Analysis:
    """One :class:`Analysis` from every partition's :func:`partition_stats`
    (and :func:`partition_keyphrases`, :func:`partition_entity_mentions`),
    in partition order."""
    stats = list(stats)
    ids: list[Any] = [i for s in stats for i in s["ids"]]
    if len(set(map(str, ids))) != len(ids):
        raise InvalidArgumentError("ids must be unique across partitions")
    terms: dict[str, tuple[int, int]] = {}
    for s in stats:
        for t, c, d in zip(*s["terms"]):
            c0, d0 = terms.get(t, (0, 0))
            terms[t] = (c0 + c, d0 + d)
    vocab = sorted({t for s in stats for t in s["matrix"][0]})
    column = {t: j for j, t in enumerate(vocab)}
    datas, idxs, ptrs, base = [], [], [np.zeros(1, dtype=np.int64)], 0
    for s in stats:
        v, data, indices, indptr, _ = s["matrix"]
        remap = np.array([column[t] for t in v], dtype=np.int64)
        datas.append(data)
        idxs.append(remap[indices] if len(indices) else np.zeros(0, dtype=np.int64))
        ptrs.append(indptr[1:].astype(np.int64) + base)
        base += len(data)
    dtype = datas[0].dtype if datas else np.int64
    data = np.concatenate(datas) if datas else np.zeros(0, dtype=dtype)
    indices = np.concatenate(idxs).astype(np.int32) if idxs else np.zeros(0, dtype=np.int32)
    indptr = np.concatenate(ptrs)
    counts = (data, indices, indptr, (len(ids), len(vocab)))
    vals, offs, sigs = [], [np.zeros(1, dtype=np.uint64)], []
    at = 0
    for s in stats:
        v, o, g = s["shingles"]
        vals.append(v)
        offs.append(o[1:] + np.uint64(at))
        at += len(v)
        sigs.append(g)
    shingles = (
        np.concatenate(vals) if vals else np.zeros(0, dtype=np.uint64),
        np.concatenate(offs),
        np.concatenate(sigs) if sigs else np.zeros((0, 1), dtype=np.uint32),
    )
    candidates = None
    if keyphrases is not None:
        candidates = {"offsets": [0], "key": [], "text": [], "score": [], "count": []}
        for k in keyphrases:
            base = candidates["offsets"][-1]
            candidates["offsets"].extend(o + base for o in k["offsets"][1:])
            for col in ("key", "text", "score", "count"):
                candidates[col].extend(k[col])
    linked = link_entities(mentions, gazetteer) if mentions is not None else None
    return Analysis(ids, terms, vocab, counts, shingles, candidates, linked)


def analyse(
    collection: Any,
    *,
    text: str = "text",
    id: str | None = "id",
    options: Any = None,
    ngram: tuple[int, int] = (1, 1),
    stopwords: bool = True,
    shingle: int = 5,
    num_perm: int = 128,
    seed: int = 1,
    language: str = "en",
    keyphrases: bool = True,
    entities: bool = True,
    gazetteer: Any = None,
) -> Analysis:
    """Analyse a ``dask.bag.Bag`` or ``dask.dataframe.DataFrame`` partition by
    partition on the workers of the current scheduler (a
    ``distributed.Client`` when one is active), then merge (module docs).

    ``text``/``id`` name the text and id fields or columns; ``options`` is a
    :class:`lexiscope.Options` (default cleaning and normalization);
    ``ngram`` and ``stopwords`` are those of :meth:`Corpus.terms`;
    ``shingle``, ``num_perm`` and ``seed`` those of :meth:`Corpus.near_duplicates`;
    ``language`` stems keyphrases; ``keyphrases=False`` skips collection
    keyphrases, ``entities=False`` entities and mentions (the fourth pass);
    ``gazetteer`` is that of :meth:`Corpus.entities`.
    """
    import dask

    parts = collection.to_delayed()
    if hasattr(parts, "flatten"):
        parts = parts.flatten().tolist()
    keys = dask.compute(*[dask.delayed(partition_keys)(p, text=text, id=id, options=options) for p in parts])
    repeated = repeated_keys(keys)
    offsets = np.concatenate([[0], np.cumsum([k["n"] for k in keys])]).tolist()
    stats = dask.compute(
        *[
            dask.delayed(partition_stats)(
                p,
                repeated,
                offset=offsets[i],
                text=text,
                id=id,
                options=options,
                ngram=ngram,
                stopwords=stopwords,
                shingle=shingle,
                num_perm=num_perm,
                seed=seed,
                language=language,
            )
            for i, p in enumerate(parts)
        ]
    )
    common = {"text": text, "id": id, "options": options}
    cands = None
    evidence = None
    words = merge_entity_words(stats) if entities else ""
    if keyphrases or entities:
        stem_df = merge_stem_df(stats)
        n_docs = int(offsets[-1])
        third = dask.compute(
            *[
                dask.delayed(_third_pass)(
                    p,
                    repeated,
                    stem_df if keyphrases else None,
                    n_docs,
                    dask.delayed(words, pure=True) if entities else None,
                    offset=offsets[i],
                    language=language,
                    gazetteer=gazetteer,
                    **common,
                )
                for i, p in enumerate(parts)
            ]
        )
        if keyphrases:
            cands = [t[0] for t in third]
        if entities:
            evidence = merge_entity_evidence(t[1] for t in third)
    mentions = None
    if entities:
        shared = dask.delayed((words, evidence), pure=True)
        mentions = dask.compute(
            *[
                dask.delayed(_fourth_pass)(p, repeated, shared, offset=offsets[i], gazetteer=gazetteer, **common)
                for i, p in enumerate(parts)
            ]
        )
    return merge(stats, cands, mentions, gazetteer=gazetteer)


def _third_pass(
    part: Any,
    repeated: np.ndarray,
    stem_df: tuple[list[str], list[int]] | None,
    n_docs: int,
    words: str | None,
    *,
    offset: int | None,
    text: str,
    id: str | None,
    options: Any,
    language: str,
    gazetteer: Any,
) -> tuple[dict[str, Any] | None, dict[str, np.ndarray] | None]:
    """:func:`partition_keyphrases` and :func:`partition_entity_evidence` on
    one corpus of the partition, built once."""
    core = _cleaned(part, repeated, text, id, options, offset)
    cands = _candidates(core, stem_df, n_docs, language) if stem_df is not None else None
    return cands, _evidence(core, words, gazetteer) if words is not None else None


def _fourth_pass(
    part: Any, repeated: np.ndarray, shared: tuple[str, dict[str, np.ndarray]], **kw: Any
) -> dict[str, Any]:
    words, evidence = shared
    return partition_entity_mentions(part, repeated, words, evidence, **kw)
