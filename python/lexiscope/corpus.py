"""``Corpus``: many documents analysed in parallel in Rust, each at most once."""

from __future__ import annotations

import glob as _glob
import html
import os
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any, Union

from lexiscope._lexiscope import CorpusCore, Gazetteer, Options, Vocabulary
from lexiscope.errors import DocumentError, InputTypeError, InvalidArgumentError
from lexiscope.frames import to_frame
from lexiscope.overlap import Overlap

DocRef = Union[str, int]
Progress = Union[bool, Callable[[int, Any], object], None]

__all__ = ["Corpus"]


def _as_list(texts: Any) -> list[Any]:
    """Texts from a list, any iterable, or a pandas/polars Series."""
    if isinstance(texts, str):
        raise InputTypeError("texts must be an iterable of str, got a single str (wrap it in a list)")
    to_list = getattr(texts, "to_list", None) or getattr(texts, "tolist", None)
    if callable(to_list) and type(texts).__module__.split(".")[0] in ("pandas", "polars", "numpy"):
        return list(to_list())
    try:
        return list(texts)
    except TypeError:
        raise InputTypeError(f"texts must be an iterable of str, got {type(texts).__name__}") from None


def _options(
    options: Options | None,
    clean: bool,
    lowercase: bool,
    fold_typography: bool,
    nfkc: bool,
    strip_accents: bool,
    stopwords: Any,
) -> Options:
    """``options`` as given, or made from the keywords (not both)."""
    made = Options(
        clean=clean,
        lowercase=lowercase,
        fold_typography=fold_typography,
        nfkc=nfkc,
        strip_accents=strip_accents,
        stopwords=stopwords,
    )
    if options is None:
        return made
    if not isinstance(options, Options):
        raise InputTypeError(f"options must be a lexiscope.Options, got {type(options).__name__}")
    if made != Options():
        raise InvalidArgumentError("give options= or the option keywords (clean, lowercase, ...), not both")
    return options


def _progress_callback(progress: Progress, total: int | None, desc: str) -> tuple[Any, Callable[[], None]]:
    """A callback(done, total) for the core, and a function that closes the display."""
    if progress is None or progress is False:
        return None, lambda: None
    if callable(progress) and progress is not True:
        return progress, lambda: None
    try:
        from tqdm.auto import tqdm
    except ImportError:
        state = {"last": -1}

        def plain(done: int, _total: Any) -> None:
            pct = int(100 * done / total) if total else None
            if pct is None or pct // 10 != state["last"]:
                state["last"] = pct // 10 if pct is not None else -1
                print(f"{desc}: {done}" + (f"/{total}" if total else "") + " documents", flush=True)

        return plain, lambda: None
    bar = tqdm(total=total, desc=desc, unit="doc")

    def update(done: int, _total: Any) -> None:
        bar.update(done - bar.n)

    return update, bar.close


class Corpus:
    """Many documents, analysed in parallel in Rust.

    A corpus is immutable. Building it shares the texts (no copy of Python
    strings) and, with ``clean``, finds boilerplate lines. Everything derived
    from it is computed at most once, on first need, in parallel, and kept:
    each document's tokens and sentences, term counts, keyphrase statistics
    and keyphrases, linked entities, and each overlap (per method and
    options) with its neighbours and stories. Asking again, from any thread,
    reads what is kept. :meth:`memory` tells what is kept; :meth:`clear_cache`
    frees it. :meth:`matrix` and :meth:`near_duplicates` stream tokens and keep
    nothing, which is faster and lighter for a one-off matrix.

    Parameters
    ----------
    texts : iterable of str, pandas.Series or polars.Series
        The documents.
    ids : sequence of str or int, optional
        One unique id per document (default ``0 .. n-1``); every result names
        documents by these ids.
    clean : bool, default True
        Set aside site furniture (menus, share prompts, bylines, lines repeated
        across documents); see :meth:`removed`.
    language : str, default "en"
        Language for keyphrase stemming.
    n_threads : int, optional
        Threads to use (default: ``LEXISCOPE_NUM_THREADS`` or all cores).
    progress : bool or callable, optional
        Show a progress bar (tqdm when installed) or call ``progress(done, total)``.
    options : lexiscope.Options, optional
        Cleaning and normalization as one value; or give them one by one:
    clean, lowercase, fold_typography, nfkc, strip_accents, stopwords
        As for :class:`lexiscope.Options` (not together with ``options``).

    Examples
    --------
    >>> import lexiscope as lx
    >>> c = lx.Corpus(["Sanctions on Russia were extended.", "Sanctions relief was discussed."])
    >>> c.terms(top=1, as_dict=True)
    {'term': ['sanctions'], 'count': [2], 'df': [2]}
    """

    def __init__(
        self,
        texts: Iterable[str] | Any,
        ids: Sequence[DocRef] | None = None,
        *,
        clean: bool = True,
        language: str = "en",
        n_threads: int | None = None,
        progress: Progress = None,
        options: Options | None = None,
        lowercase: bool = True,
        fold_typography: bool = True,
        nfkc: bool = False,
        strip_accents: bool = False,
        stopwords: str | Iterable[str] | None = "en",
    ) -> None:
        opts = _options(options, clean, lowercase, fold_typography, nfkc, strip_accents, stopwords)
        items = _as_list(texts)
        ids_list = list(range(len(items))) if ids is None else _as_list(ids)
        callback, close = _progress_callback(progress, len(items), "analysing")
        try:
            core = CorpusCore.build(
                items,
                None if ids is None else self._id_strings(ids_list),
                options=opts,
                n_threads=n_threads,
                progress=callback,
            )
        finally:
            close()
        self._init(core, ids_list, language)

    # -- construction -----------------------------------------------------

    @staticmethod
    def _id_strings(ids: list[Any]) -> list[str]:
        out = []
        for i, x in enumerate(ids):
            if not isinstance(x, (str, int)) or isinstance(x, bool):
                raise InputTypeError(f"ids[{i}] must be str or int, got {type(x).__name__}")
            out.append(str(x))
        return out

    def _init(self, core: CorpusCore, ids: list[Any], language: str) -> None:
        self._core = core
        self._ids = ids
        self._by_str_cache: dict[str, DocRef] | None = None
        self._language = language

    @classmethod
    def _wrap(cls, core: CorpusCore, ids: list[Any], language: str) -> Corpus:
        obj = cls.__new__(cls)
        obj._init(core, ids, language)
        return obj

    @classmethod
    def from_files(
        cls,
        paths: str | os.PathLike[str] | Iterable[str | os.PathLike[str]],
        *,
        errors: str = "strict",
        language: str = "en",
        n_threads: int | None = None,
        progress: Progress = None,
        options: Options | None = None,
        clean: bool = True,
        lowercase: bool = True,
        fold_typography: bool = True,
        nfkc: bool = False,
        strip_accents: bool = False,
        stopwords: str | Iterable[str] | None = "en",
    ) -> Corpus:
        """A corpus of text files: a glob pattern (``"articles/*.txt"``), a path, or a list of them.

        Ids are the file names (the paths as given when two files share a
        name). Files must be UTF-8; ``errors="replace"`` replaces bad bytes
        instead of raising :class:`lexiscope.ReadError`.
        """
        if isinstance(paths, (str, os.PathLike)):
            paths = [paths]
        files: list[str] = []
        for p in paths:
            p = os.fspath(p)
            if any(ch in p for ch in "*?["):
                matched = sorted(_glob.glob(p, recursive=True))
                if not matched:
                    raise InvalidArgumentError(f"no file matches {p!r}")
                files.extend(matched)
            else:
                files.append(p)
        names = [Path(f).name for f in files]
        ids = names if len(set(names)) == len(names) else files
        callback, close = _progress_callback(progress, len(files), "reading")
        try:
            core = CorpusCore.from_files(
                files,
                ids,
                errors=errors,
                options=_options(options, clean, lowercase, fold_typography, nfkc, strip_accents, stopwords),
                n_threads=n_threads,
                progress=callback,
            )
        finally:
            close()
        return cls._wrap(core, list(ids), language)

    @classmethod
    def from_jsonl(
        cls,
        path: str | os.PathLike[str],
        text: str = "text",
        id: str | None = "id",
        *,
        language: str = "en",
        n_threads: int | None = None,
        progress: Progress = None,
        options: Options | None = None,
        clean: bool = True,
        lowercase: bool = True,
        fold_typography: bool = True,
        nfkc: bool = False,
        strip_accents: bool = False,
        stopwords: str | Iterable[str] | None = "en",
    ) -> Corpus:
        """A corpus from a JSONL file, one JSON object per line, read in a
        streaming pass (no Python object is created per record).

        ``text`` names the field holding the document; ``id`` the field holding
        its id (``None`` numbers records from 0).
        """
        callback, close = _progress_callback(progress, None, "reading")
        try:
            core = CorpusCore.from_jsonl(
                os.fspath(path),
                text,
                id,
                options=_options(options, clean, lowercase, fold_typography, nfkc, strip_accents, stopwords),
                n_threads=n_threads,
                progress=callback,
            )
        finally:
            close()
        ids: list[Any] = core.ids if id is not None else list(range(len(core)))
        return cls._wrap(core, list(ids), language)

    @property
    def options(self) -> Options:
        """How the documents were cleaned and normalized."""
        return Options._from_json(self._core.options_json())

    def merge(self, other: Corpus) -> Corpus:
        """A corpus of this corpus's documents followed by ``other``'s.

        Statistics of the result equal those of a corpus built from all the
        texts at once (cleaning is redone over the whole). Ids must stay unique.
        """
        core = self._core.merge(other._core)
        return Corpus._wrap(core, self._ids + other._ids, self._language)

    # -- documents ------------------------------------------------------------

    @property
    def ids(self) -> list[DocRef]:
        """Document ids, in order."""
        return list(self._ids)

    def __len__(self) -> int:
        return len(self._ids)

    @property
    def _by_str(self) -> dict[str, DocRef]:
        """Core id (the str form) -> the id as given; built on first use."""
        if self._by_str_cache is None:
            self._by_str_cache = {str(x): x for x in self._ids}
        return self._by_str_cache

    def _ref(self, doc: DocRef) -> str:
        """The core's name for a document given by id."""
        if isinstance(doc, str) or (isinstance(doc, int) and not isinstance(doc, bool)):
            key = str(doc)
            if key in self._by_str:
                return key
            raise DocumentError(f"no document with id {doc!r}")
        raise InputTypeError(f"a document is named by its id, got {type(doc).__name__}")

    def text(self, doc: DocRef) -> str:
        """The original text of a document."""
        return self._core.text(self._ref(doc))

    def removed(self, doc: DocRef, *, as_dict: bool = False) -> Any:
        """Lines set aside by cleaning: start, end (character offsets into the original text), text, reason.

        Reasons: ``edge`` (short non-sentence line at the start or end),
        ``repeated`` (non-sentence line found in two or more documents),
        ``duplicate`` (repeated within the document), ``menu`` (a menu glued into one word).
        """
        cols = self._core.removed(self._ref(doc))
        return cols if as_dict else to_frame(cols)

    def sentences(self, doc: DocRef, *, as_dict: bool = False) -> Any:
        """Sentences kept after cleaning: start, end (character offsets), text."""
        cols = self._core.sentences(self._ref(doc))
        return cols if as_dict else to_frame(cols)

    def stats(self, *, as_dict: bool = False) -> Any:
        """Per document: tokens, kept_tokens (after cleaning), sentences, removed_lines, chars."""
        cols = self._core.stats(ids=self._ids)
        return cols if as_dict else to_frame(cols)

    # -- counts -------------------------------------------------------------

    def terms(
        self,
        top: int | None = None,
        ngram: tuple[int, int] = (1, 1),
        *,
        stopwords: bool = True,
        stem: bool | str = False,
        numbers: bool = True,
        min_df: int | float = 1,
        max_df: int | float = 1.0,
        as_dict: bool = False,
    ) -> Any:
        """Terms with their count in the corpus and document frequency, most frequent first.

        Punctuation is never a term; ``stopwords=True`` leaves stopwords out;
        ``stem=True`` (or a language) stems with Snowball; n-grams never cross
        a sentence boundary; ``min_df``/``max_df`` are document counts (int) or
        shares of documents (float), as in scikit-learn.
        """
        cols = self._core.terms(
            top=top,
            ngram=ngram,
            stopwords=stopwords,
            stem=self._stem(stem),
            numbers=numbers,
            min_df=min_df,
            max_df=max_df,
        )
        return cols if as_dict else to_frame(cols)

    def _stem(self, stem: bool | str) -> str | None:
        if stem is True:
            return self._language
        return stem or None

    def matrix(
        self,
        weight: str = "count",
        ngram: tuple[int, int] = (1, 1),
        *,
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
        sort_indices: bool = False,
    ) -> tuple[Any, Vocabulary]:
        """The document-term matrix and its vocabulary (sorted, as scikit-learn sorts it).

        The vocabulary is a :class:`lexiscope.Vocabulary`: a read-only sequence
        of str (``vocab[j]`` is column ``j``'s term, ``vocab.index(term)`` its
        column by binary search, ``vocab.tolist()`` a list) whose terms stay in
        one native buffer until read.

        ``weight`` is ``"count"``, ``"tfidf"`` (scikit-learn's TfidfVectorizer
        formula: ``smooth_idf``, ``sublinear_tf``, ``norm``) or ``"bm25"``
        (``k1``, ``b``). Returns a ``scipy.sparse.csr_matrix`` when scipy is
        installed, else the tuple ``(data, indices, indptr, shape)``.

        Within a row, the column indices are in the order the document first
        uses the terms, as scikit-learn's vectorizers leave them: a valid CSR
        matrix that scipy and scikit-learn accept as it is, made without
        sorting every row. ``sort_indices=True`` sorts them (canonical CSR,
        ``X.has_sorted_indices`` true), as ``X.sort_indices()`` would later.
        """
        vocab, data, indices, indptr, shape = self._core.matrix(
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
            sort_indices=sort_indices,
        )
        try:
            import scipy.sparse as sp
        except ImportError:
            return (data, indices, indptr, shape), vocab
        X = sp.csr_matrix((data, indices, indptr), shape=shape)
        if sort_indices:
            X.has_sorted_indices = True  # known, so scipy need not check
        return X, vocab

    # -- keywords -------------------------------------------------------------

    def keywords(
        self,
        top: int = 10,
        doc: DocRef | None = None,
        *,
        scope: str = "document",
        as_dict: bool = False,
    ) -> Any:
        """Keyphrases: noun phrases of 1 to 4 words, found from part-of-speech
        tags (never a verb phrase, never a bare title such as "President";
        names stay whole), ranked by frequency, specificity against general
        English blended with this corpus, cohesion and position (see
        docs/keyphrases.md). A phrase contained in, or containing, a better
        one is not listed again; each is shown as written in the text.

        ``scope="document"``: for each document (or just ``doc``) its ``top``
        keyphrases with rank, score, count and the character offsets of the
        first occurrence. ``scope="corpus"``: the collection's keyphrases,
        ranked by how many documents carry them and how central they are there.
        """
        if scope == "corpus":
            if doc is not None:
                raise InvalidArgumentError('doc cannot be given with scope="corpus"')
            cols = self._core.corpus_keywords(top=top, language=self._language)
        elif scope == "document":
            cols = self._core.keywords(
                top=top, doc=None if doc is None else self._ref(doc), language=self._language, ids=self._ids
            )
        else:
            raise InvalidArgumentError(f'scope must be "document" or "corpus", got {scope!r}')
        return cols if as_dict else to_frame(cols)

    def distinctive(
        self,
        docs: DocRef | Sequence[DocRef],
        top: int = 20,
        *,
        ngram: tuple[int, int] = (1, 1),
        stopwords: bool = True,
        stem: bool | str = False,
        numbers: bool = False,
        prior: float | None = None,
        against: Sequence[DocRef] | None = None,
        min_z: float = 1.96,
        as_dict: bool = False,
    ) -> Any:
        """Terms over-represented in a document or group of documents against
        the rest of the corpus: weighted log-odds ratios with an informative
        Dirichlet prior (Monroe, Colaresi and Quinn 2008), with z-scores.

        Only terms with ``z >= min_z`` are listed (default 1.96: p < 0.05,
        two-sided), strongest first (ties: larger log-odds ratio, then larger
        count). Spelling variants are counted as one term (``U.S.`` and
        ``US``; curly and straight apostrophes), shown as most often written
        in the group.

        ``prior`` is the prior's strength ``a0`` (default: the corpus size in
        tokens, with the corpus's own term shares as prior means). ``against``
        compares with those documents instead of the rest of the corpus (see
        :meth:`Overlap.adds` for "what this article adds to its story").
        """
        group = [docs] if isinstance(docs, (str, int)) else list(docs)
        refs = [self._ref(d) for d in group]
        rest = None if against is None else [self._ref(d) for d in against]
        cols = self._core.distinctive(
            refs,
            top=top,
            ngram=ngram,
            stopwords=stopwords,
            stem=self._stem(stem),
            numbers=numbers,
            prior=prior,
            against=rest,
            min_z=min_z,
        )
        return cols if as_dict else to_frame(cols)

    # -- entities ---------------------------------------------------------------

    def mentions(self, gazetteer: Gazetteer | None = None, *, as_dict: bool = False) -> Any:
        """Every entity mention: doc, start, end (character offsets), text,
        entity (canonical name), label (the entity's, one per entity), role
        (a title or role written before the name, or None).

        ``gazetteer`` adds your own names (:class:`lexiscope.Gazetteer`); they
        win over the built-in rules.
        """
        cols = self._core.mentions(gazetteer, ids=self._ids)
        return cols if as_dict else to_frame(cols)

    def entities(self, gazetteer: Gazetteer | None = None, *, as_dict: bool = False) -> Any:
        """One row per real-world entity, most mentioned first: entity
        (canonical name), label, docs, mentions, variants (written forms,
        most frequent first), roles (titles seen before the name), ambiguous
        (a surname shared by several people, left unmerged).

        Labels: PERSON, ORG, GPE (countries, cities), LOC (regions, seas),
        NORP (nationalities, groups), EVENT, WORK, MISC.
        """
        cols = self._core.entities(gazetteer)
        return cols if as_dict else to_frame(cols)

    # -- overlap ----------------------------------------------------------------

    def overlap(
        self,
        method: str = "default",
        *,
        weights: tuple[float, float, float] | None = None,
        context: int | None = None,
        direct: float | None = None,
        gazetteer: Gazetteer | None = None,
    ) -> Overlap:
        """Pairwise topical overlap of the documents.

        ``method="default"`` combines TF-IDF over stems (``terms``), stem
        bigrams (``phrases``) and canonical entities (``entities``), weighted by
        ``weights=(terms, phrases, entities)`` (default 0.45, 0.2, 0.35), then
        refines each score with shared neighbours: ``direct`` (default 0.3) of
        the score is the direct one, the rest the cosine of the two documents'
        profiles over their ``context`` (default 10) nearest neighbours, so two
        reports of one event that resemble the same other reports come
        together. ``context=0`` turns the refinement off.
        Plain methods: ``"tfidf"`` cosine, ``"entities"`` cosine, ``"jaccard"``
        of word 3-shingles.
        """
        core = self._core.overlap(method, weights, self._language, gazetteer, context, direct)
        return Overlap(self, core)

    def neighbors(self, k: int = 10, method: str = "default", *, as_dict: bool = False) -> Any:
        """Each document's ``k`` most similar documents (see :meth:`Overlap.top_k`)."""
        return self.overlap(method).top_k(k, as_dict=as_dict)

    def near_duplicates(
        self,
        threshold: float = 0.8,
        *,
        containment: float | None = None,
        num_perm: int = 128,
        shingle: int = 5,
        seed: int = 1,
        as_dict: bool = False,
    ) -> Any:
        """Pairs of near-duplicate documents: a, b, jaccard, containment.

        Candidates come from MinHash signatures (``num_perm`` seeded hash
        functions over word ``shingle``-grams) with LSH banding tuned for
        ``threshold``; each candidate's Jaccard similarity is then computed
        exactly. With ``containment`` (e.g. 0.8), pairs where that share of the
        shorter document's shingles is inside the longer one are reported too:
        an agency story reprinted inside a longer article.
        """
        cols = self._core.near_duplicates(
            threshold=threshold, num_perm=num_perm, seed=seed, containment=containment, shingle=shingle
        )
        ids = self._ids
        cols["a"] = [ids[i] for i in cols["a"]]
        cols["b"] = [ids[i] for i in cols["b"]]
        return cols if as_dict else to_frame(cols)

    # -- what is kept -------------------------------------------------------------

    def memory(self) -> dict[str, int]:
        """Bytes the corpus holds, by part, and their ``total``.

        ``texts`` (shared with the Python strings when built from them, not
        copied), ``documents`` (ids, lines, what cleaning set aside),
        ``analysis`` (tokens and sentences of the documents parsed so far),
        and the kept results: ``counts`` (term count tables), ``keyphrases``,
        ``entities``, ``overlap`` (scores, neighbours, stories). Sizes are
        estimates from the capacity of each buffer.
        """
        parts = dict(self._core.memory())
        parts["total"] = sum(parts.values())
        return parts

    def clear_cache(self, *, analysis: bool = True) -> None:
        """Forget every kept result (counts, keyphrases, entities, overlaps)
        and, with ``analysis`` (the default), the documents' tokens and
        sentences; they are computed again when next needed. Results already
        returned (frames, :class:`Overlap` objects) stay valid.
        """
        self._core.clear_results()
        if analysis:
            self._core = self._core.without_analysis()

    # -- display ----------------------------------------------------------------

    def __repr__(self) -> str:
        return f"<lexiscope.Corpus: {len(self)} documents>"

    def _repr_html_(self) -> str:
        stats = self._core.stats()
        vocab = len(self._core.terms(stopwords=False)["term"])
        top = self._core.corpus_keywords(top=10, language=self._language)
        rows = "".join(
            f"<tr><td>{html.escape(k)}</td><td>{d}</td><td>{s:.2f}</td></tr>"
            for k, d, s in zip(top["keyphrase"], top["docs"], top["score"])
        )
        ents = self._core.entities(None)
        ent_rows = "".join(
            f"<tr><td>{html.escape(e)}</td><td>{lab}</td><td>{m}</td><td>{html.escape(', '.join(v[:4]))}</td></tr>"
            for e, lab, m, v in list(zip(ents["entity"], ents["label"], ents["mentions"], ents["variants"]))[:10]
        )
        return (
            "<div><b>lexiscope.Corpus</b>"
            f"<table><tr><th>documents</th><td>{len(self)}</td></tr>"
            f"<tr><th>tokens</th><td>{sum(stats['tokens']):,}</td></tr>"
            f"<tr><th>tokens kept after cleaning</th><td>{sum(stats['kept_tokens']):,}</td></tr>"
            f"<tr><th>lines set aside</th><td>{sum(stats['removed_lines']):,}</td></tr>"
            f"<tr><th>vocabulary</th><td>{vocab:,}</td></tr></table>"
            "<b>top keyphrases</b><table><tr><th>keyphrase</th><th>documents</th><th>score</th></tr>"
            f"{rows}</table>"
            "<b>top entities</b><table><tr><th>entity</th><th>label</th><th>mentions</th><th>variants</th></tr>"
            f"{ent_rows}</table></div>"
        )
