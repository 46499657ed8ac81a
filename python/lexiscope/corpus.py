"""``Corpus``: many documents analysed in parallel in Rust, each at most once.

Longer than 600 lines for a reason: this is the one class most users meet, and
each method is a thin, documented wrapper whose docstring is its reference;
the input handling lives in ``_inputs.py``."""

from __future__ import annotations

import glob as _glob
import json
import os
import warnings
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any, Union

from lexiscope._lexiscope import CorpusCore, Gazetteer, Options, Vocabulary
from lexiscope.errors import DocumentError, InputTypeError, InvalidArgumentError, StateError
from lexiscope.frames import TOP, kept_key, to_frame
from lexiscope.frames import limit as _top
from lexiscope.table import Table
from lexiscope._inputs import (
    Progress,
    _as_list,
    _frame_kind,
    _name_missing,
    _options,
    _positional,
    _progress_callback,
    _series_ids,
)
from lexiscope.overlap import Overlap
from lexiscope.progress import reporting

DocRef = Union[str, int]

__all__ = ["Corpus"]

#: The :meth:`Corpus.memory` part each kind of kept Python result counts under.
_PART = {
    "meta": "documents",
    "stats": "counts",
    "terms": "counts",
    "keywords": "keyphrases",
    "corpus_keywords": "keyphrases",
    "mentions": "entities",
    "entities": "entities",
    "quotes": "entities",
    "overlap": "overlap",
}


def _kept_size(value: Any) -> int:
    """Estimated bytes of a kept table (an Overlap object counts its own, see `Overlap._kept_bytes`)."""
    return value._nbytes() if isinstance(value, Table) else 0


class Corpus:
    """Many documents, analysed in parallel in Rust.

    A corpus is immutable. Building it shares the texts (no copy of Python
    strings) and, with ``clean``, finds boilerplate lines. Everything derived
    from it is computed at most once, on first need, in parallel, and kept:
    each document's tokens and sentences, term counts, keyphrase statistics
    and keyphrases, linked entities, and each overlap (per method and
    options) with its neighbours and stories. Asking again, from any thread,
    reads what is kept: the same result table (a table never changes, and
    hands out new lists), or with ``as_dict=True`` new lists of its values;
    the same :class:`Overlap` for the same options. :meth:`memory` tells what is kept; :meth:`clear_cache`
    frees it. :meth:`matrix` and :meth:`near_duplicates` stream tokens and keep
    nothing, which is faster and lighter for a one-off matrix.

    Parameters
    ----------
    texts : iterable of str, pandas.Series or polars.Series
        The documents (for a DataFrame, use :meth:`from_frame`). A missing
        value (None, NaN, ``pd.NA``, a polars null) raises
        :class:`lexiscope.InputTypeError` naming its row and id.
    ids : sequence of str or int, optional
        One unique id per document; every result names documents by these
        ids. Default: a pandas Series's index (unless it is the default
        ``RangeIndex``), else ``0 .. n-1``.
    clean : bool, default True
        Set aside site furniture (menus, share prompts, bylines, lines repeated
        across documents); see :meth:`removed`.
    language : str, default "en"
        Language for keyphrase stemming.
    n_threads : int, optional
        Threads to use (default: ``LEXISCOPE_NUM_THREADS`` or all cores).
    progress : bool or callable, optional
        Default: a bar for calls that last over a second (tqdm when
        installed, else a plain bar on stderr); ``True`` always, ``False``
        never; or a callable ``progress(done, total)``.
    options : lexiscope.Options, optional
        Cleaning and normalization as one value; or give them one by one:
    clean, lowercase, fold_typography, nfkc, strip_accents, stopwords
        As for :class:`lexiscope.Options` (not together with ``options``).

    Examples
    --------
    >>> import lexiscope as lx
    >>> c = lx.Corpus(["Sanctions on Russia were extended.", "Sanctions relief was discussed."])
    >>> c.terms(top=1)
       term       count  docs
    0  sanctions      2     2
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
        if ids is None:
            ids = _series_ids(texts)
        labels = None if ids is None else _as_list(ids, "ids")
        # The core checks every text as it takes it (one pass over the list).
        items = _as_list(texts, labels=labels, check=False)
        ids_list = list(range(len(items))) if labels is None else labels
        # Without cleaning, building does nothing per document worth a display.
        if progress is None and not opts.clean:
            progress = False
        callback, close = _progress_callback(progress, len(items), "analysing")
        try:
            core = CorpusCore.build(
                items,
                None if labels is None else self._id_strings(ids_list),
                options=opts,
                n_threads=n_threads,
                progress=callback,
            )
        except InputTypeError:
            # A missing value (None, NaN, NA) among the texts: say so, with its row and id.
            _name_missing(items, "texts", labels)
            raise
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
        # Converted results (tables, Overlap objects) kept per call and
        # options (see `_kept`), and their estimated sizes (see `memory`).
        self._tables: dict[Any, tuple[Any, Any]] = {}
        self._sizes: dict[Any, int] = {}

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

    @classmethod
    def from_frame(
        cls,
        df: Any,
        text: str = "text",
        id: str | None = None,
        **kwargs: Any,
    ) -> Corpus:
        """A corpus of one column of a pandas or polars DataFrame.

        ``text`` names the column holding the documents; ``id`` the column
        holding their ids (default: a pandas DataFrame's index unless it is
        the default ``RangeIndex``, else ``0 .. n-1``). Other keywords are
        those of :class:`Corpus`. A missing value raises
        :class:`lexiscope.InputTypeError` naming its row and id.

        >>> import pandas as pd
        >>> df = pd.DataFrame({"url": ["u1", "u2"], "body": ["Talks in Geneva.", "Talks ended."]})
        >>> Corpus.from_frame(df, text="body", id="url").ids
        ['u1', 'u2']
        """
        kind = _frame_kind(df)
        if kind is None:
            raise InputTypeError(f"from_frame takes a pandas or polars DataFrame, got {type(df).__name__}")
        names = [str(c) for c in df.columns]
        for role, col in (("text", text), ("id", id)):
            if col is not None and col not in names:
                raise InvalidArgumentError(f"{role}={col!r} is not a column; the columns are {names}")
        if "ids" in kwargs:
            raise InvalidArgumentError("from_frame takes id= (a column name), not ids=")
        texts = df[text]
        if id is not None:
            ids: Any = df[id].to_list() if kind == "polars" else df[id].tolist()
        else:
            ids = _series_ids(texts) if kind == "pandas" else None
        return cls(texts, ids=ids, **kwargs)

    def save(self, path: str | os.PathLike[str]) -> None:
        """Writes the corpus and every result it has computed to ``path``;
        :meth:`load` reads it back with those results kept.

        Saved: texts, ids, options, the language, and whatever is kept at the
        time: linked entities, quotations, per-document and collection
        keyphrases, each overlap with its neighbours and stories. Not saved
        (computed again on first need): count tables, keyphrase statistics,
        each document's tokens. The file is lexiscope's own versioned binary
        format (docs/notebook.md, "Saving a corpus"), not a pickle: loading
        runs no code from the file.
        """
        from lexiscope._lexiscope import save_corpus

        ids: list[Any] | None = None if all(isinstance(x, str) for x in self._ids) else list(self._ids)
        meta = json.dumps({"language": self._language, "ids": ids})
        save_corpus(self._core, os.fspath(path), meta)

    @classmethod
    def load(cls, path: str | os.PathLike[str], *, n_threads: int | None = None) -> Corpus:
        """A corpus written by :meth:`save`, with the results it held.

        A file that is not a saved corpus raises :class:`lexiscope.InputTypeError`;
        a truncated or corrupted one, or one written in another version of
        the format, :class:`lexiscope.StateError` saying which.
        """
        from lexiscope._lexiscope import load_corpus

        with open(path, "rb") as f:
            head = f.read(8)
        if head != b"LXSCOPE\0":
            raise InputTypeError(f"{os.fspath(path)!r} holds no saved corpus: not a lexiscope.Corpus file")
        core, meta = load_corpus(os.fspath(path), n_threads=n_threads)
        try:
            info = json.loads(meta)
            language = info["language"]
            ids = core.ids if info["ids"] is None else list(info["ids"])
        except (ValueError, KeyError, TypeError) as e:
            raise StateError(f"{os.fspath(path)!r}: unreadable metadata ({e})") from None
        if len(ids) != len(core) or [str(x) for x in ids] != core.ids:
            raise StateError(f"{os.fspath(path)!r}: the ids in its metadata do not match its documents")
        return cls._wrap(core, ids, language)

    def __reduce__(self) -> tuple[Any, ...]:
        return (Corpus._wrap, (self._core, self._ids, self._language))

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
        """Spans set aside by cleaning: start, end (character offsets into the original text), text, reason.

        Whole lines: ``edge`` (short non-sentence line at the start or end),
        ``repeated`` (non-sentence line found in two or more documents),
        ``duplicate`` (repeated within the document, such as a headline
        printed twice), ``menu`` (a menu glued into one word).

        Whole lines, or cut out of a line whose other words are kept (the
        sentence around a cut keeps its other pieces): ``breadcrumb`` (a trail
        of sections, ``Home › World``, or section names glued before a
        headline printed again below), ``section-label`` (the label opening a
        paragraph, ``Why it matters:``, ``Zoom in:``: never a name),
        ``related`` (``Related:``, ``Read more:``, ``More from <outlet>:`` and
        the headlines after it, also when glued to the last paragraph),
        ``stamp`` (a date stamp: ``Published 14 March 2026``, ``date
        2025-08-24``, ``Updated 2 hours ago``), ``byline`` (``By NAME``,
        ``(Reporting by NAME)``). A real sentence (six or more words ending in
        sentence punctuation, or twenty or more words) is never set aside by a
        line rule; docs/cleaning.md has the rules.
        """
        cols = self._core.removed(self._ref(doc))
        return cols if as_dict else to_frame(cols)

    def meta(self, *, as_dict: bool = False) -> Any:
        """Headline, byline and date of each document, when its text shows them.

        Columns: doc, headline, byline (the names, without ``By``), date (ISO
        ``YYYY-MM-DD`` when the stamp can be read without ambiguity, else as
        written), each with its ``_start`` and ``_end`` character offsets into
        the original text (``text[start:end]`` is the value, except for a date
        turned into ISO form); None where the text shows none. Read off what
        cleaning finds: the headline is the first line above the first real
        sentence that cleaning keeps (a breadcrumb or stamp glued to it cut
        off), the byline and date come from the first ``byline`` and ``stamp``
        spans of :meth:`removed`. With ``clean=False`` the same rules run
        without the corpus-wide one.

        Examples
        --------
        >>> import lexiscope as lx
        >>> lines = ["World › Ports", "Port strike ends after nine days", "By Jane Doe | 3 March 2026",
        ...          "Dock workers returned on Monday after the union accepted the offer."]
        >>> text = chr(10).join(lines)
        >>> m = lx.Corpus([text]).meta(as_dict=True)
        >>> m["headline"], m["byline"], m["date"]
        (['Port strike ends after nine days'], ['Jane Doe'], ['2026-03-03'])
        """
        table = self._kept(("meta",), None, lambda: self._core.meta(ids=self._ids))
        return table.to_dict() if as_dict else table

    def sentences(self, doc: DocRef, *, as_dict: bool = False) -> Any:
        """Sentences kept after cleaning: start, end (character offsets), text."""
        cols = self._core.sentences(self._ref(doc))
        return cols if as_dict else to_frame(cols)

    def stats(self, *, as_dict: bool = False) -> Any:
        """Per document: tokens, kept_tokens (after cleaning), sentences, removed_lines, chars."""
        table = self._kept(("stats",), None, lambda: self._core.stats(ids=self._ids))
        return table.to_dict() if as_dict else table

    # -- counts -------------------------------------------------------------

    def terms(
        self,
        *args: Any,
        top: int | None = None,
        ngram: tuple[int, int] = (1, 1),
        stopwords: bool = True,
        stem: bool | str = False,
        numbers: bool = True,
        min_df: int | float = 1,
        max_df: int | float = 1.0,
        as_dict: bool = False,
    ) -> Any:
        """Terms with their count in the corpus and the number of documents
        holding them (``docs``), most frequent first; every term, or the
        ``top`` most frequent (a listing, like :meth:`entities`, so no cut by
        default).

        Punctuation is never a term; ``stopwords=True`` leaves stopwords out;
        ``stem=True`` (or a language) stems with Snowball; n-grams never cross
        a sentence boundary; ``min_df``/``max_df`` are document counts (int) or
        shares of documents (float), as in scikit-learn.
        """
        if args:
            top, ngram = _positional("terms", ("top", "ngram"), args, (top, ngram))

        def make() -> Any:
            cols = self._core.terms(
                top=top,
                ngram=ngram,
                stopwords=stopwords,
                stem=self._stem(stem),
                numbers=numbers,
                min_df=min_df,
                max_df=max_df,
            )
            cols["docs"] = cols.pop("df")
            return cols

        key = ("terms", kept_key(top, ngram, stopwords, stem, numbers, min_df, max_df))
        table = self._kept(key, None, make)
        return table.to_dict() if as_dict else table

    def _stem(self, stem: bool | str) -> str | None:
        if stem is True:
            return self._language
        return stem or None

    def matrix(
        self,
        weight: str = "count",
        *,
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
        sort_indices: bool = False,
        progress: Progress = None,
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
        ``progress`` as for :class:`Corpus` (documents counted as they are read).
        """
        with reporting(progress, "matrix"):
            vocab, data, indices, indptr, shape = self._matrix_core(
                weight, ngram, stopwords, stem, numbers, min_df, max_df, max_features, sublinear_tf, smooth_idf,
                norm, k1, b, sort_indices,
            )
        try:
            import scipy.sparse as sp
        except ImportError:
            return (data, indices, indptr, shape), vocab
        X = sp.csr_matrix((data, indices, indptr), shape=shape)
        if sort_indices:
            X.has_sorted_indices = True  # known, so scipy need not check
        return X, vocab

    def _matrix_core(self, weight: str, ngram: tuple[int, int], stopwords: bool, stem: bool | str, numbers: bool,
                     min_df: int | float, max_df: int | float, max_features: int | None, sublinear_tf: bool,
                     smooth_idf: bool, norm: str | None, k1: float, b: float, sort_indices: bool) -> Any:
        return self._core.matrix(
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

    # -- keywords -------------------------------------------------------------

    def keywords(
        self,
        doc: DocRef | None = None,
        *,
        top: int | None = TOP,
        scope: str = "document",
        progress: Progress = None,
        as_dict: bool = False,
    ) -> Any:
        """Keyphrases: noun phrases of 1 to 4 words, found from part-of-speech
        tags (never a verb phrase, never a bare title such as "President";
        names stay whole), ranked by frequency, specificity against general
        English blended with this corpus, cohesion and position (see
        docs/keyphrases.md). In a document's ranking a name counts less than
        a topic (the actors are listed by :meth:`entities`). A phrase contained in, or containing, a better
        one is not listed again; each is shown as written in the text.

        ``scope="document"``: for each document (or just ``doc``) its ``top``
        (``None``: all) keyphrases with rank, score, count and the character offsets of the
        first occurrence. ``scope="corpus"``: the collection's keyphrases,
        ranked by how many documents carry them and how central they are there.
        ``progress`` as for :class:`Corpus`.
        """
        top = _top(top)
        if scope == "corpus":
            if doc is not None:
                raise InvalidArgumentError('doc cannot be given with scope="corpus"')

            def make() -> Any:
                with reporting(progress, "keyphrases"):
                    return self._core.corpus_keywords(top=top, language=self._language)

            table = self._kept(("corpus_keywords", kept_key(top)), None, make)
        elif scope == "document":
            ref = None if doc is None else self._ref(doc)

            def make() -> Any:
                with reporting(progress, "keyphrases"):
                    return self._core.keywords(top=top, doc=ref, language=self._language, ids=self._ids)

            table = self._kept(("keywords", kept_key(top, ref)), None, make)
        else:
            raise InvalidArgumentError(f'scope must be "document" or "corpus", got {scope!r}')
        return table.to_dict() if as_dict else table

    def distinctive(
        self,
        doc: DocRef | Sequence[DocRef] | None = None,
        *,
        top: int | None = TOP,
        docs: DocRef | Sequence[DocRef] | None = None,
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
        the rest of the corpus (its ``top`` terms, ``None``: all). Evidence is
        an exact binomial test of the term's count in the group given its
        count in all, reported as ``z`` on the normal scale (``P(Z >= z) = p``);
        ``delta`` is the weighted log-odds ratio with an informative Dirichlet
        prior (Monroe, Colaresi and Quinn 2008). See docs/keyphrases.md.

        Only terms with ``z >= min_z`` are listed (default 1.96: one-sided
        p <= 0.025 per term), strongest first (ties: larger log-odds ratio,
        then larger count). Spelling variants are counted as one term (``U.S.`` and
        ``US``; curly and straight apostrophes), shown as most often written
        in the group. With ``stopwords=True`` only content words count (nouns,
        proper nouns, adjectives and numbers by the tagger). In English, a
        word's count in the rest is taken as at least what general English
        predicts (its share of Wikipedia articles times the rest's documents),
        so words common everywhere need more evidence.

        ``prior`` is the log-odds prior's strength ``a0`` (default: the corpus
        size in tokens, with the corpus's own term shares as prior means). ``against``
        compares with those documents instead of the rest of the corpus (see
        :meth:`Overlap.adds` for "what this article adds to its story").
        """
        if docs is not None:
            warnings.warn("distinctive(docs=...) is deprecated: pass the document(s) first, distinctive(doc)",
                          DeprecationWarning, stacklevel=2)
            doc = docs
        if doc is None:
            raise InvalidArgumentError("distinctive() needs a document id or a list of them")
        group = [doc] if isinstance(doc, (str, int)) else list(doc)
        top = _top(top)
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
            language=self._language,
        )
        return cols if as_dict else to_frame(cols)

    def _kept(self, key: Any, holds: Any, make: Callable[[], Any], wrap: Callable[[Any], Any] = to_frame) -> Any:
        """The result for ``key``, made by ``make`` (columns, or with ``wrap``
        any immutable result) on first call and kept: a table hands out only
        new lists, so later calls hand out the same table (with ``as_dict``,
        new lists of the same values) instead of converting the core's result
        into Python objects again. ``holds`` (an option object the key names by
        identity, such as a gazetteer) is kept with it, so its id stays its
        own. A key that cannot be hashed (a list given for a tuple) is not kept.
        What is kept shows in :meth:`memory`; :meth:`clear_cache` drops it."""
        try:
            kept = self._tables.get(key)
        except TypeError:
            return wrap(make())
        if kept is not None and kept[0] is holds:
            return kept[1]
        value = wrap(make())
        # Another thread may have kept one meanwhile: hand out that one.
        kept = self._tables.setdefault(key, (holds, value))
        if kept[0] is holds:
            return kept[1]
        self._tables[key] = (holds, value)
        self._sizes.pop(key, None)
        return value

    # -- entities ---------------------------------------------------------------

    def mentions(self, gazetteer: Gazetteer | None = None, *, progress: Progress = None, as_dict: bool = False) -> Any:
        """Every entity mention: doc, start, end (character offsets), text,
        entity (canonical name), label (the entity's, one per entity), role
        (a title or role written before the name, or None).

        ``gazetteer`` adds your own names (:class:`lexiscope.Gazetteer`); they
        win over the built-in rules. ``progress`` as for :class:`Corpus`.
        """
        key = ("mentions", id(gazetteer))

        def make() -> Any:
            with reporting(progress, "entities"):
                return self._core.mentions(gazetteer, ids=self._ids)

        table = self._kept(key, gazetteer, make)
        return table.to_dict() if as_dict else table

    def entities(self, gazetteer: Gazetteer | None = None, *, progress: Progress = None, as_dict: bool = False) -> Any:
        """One row per real-world entity, most mentioned first: entity
        (canonical name), label, docs, mentions, variants (written forms,
        most frequent first), roles (titles seen before the name), ambiguous
        (a surname shared by several people, left unmerged).

        Labels: PERSON, ORG, GPE (countries, cities), LOC (regions, seas),
        NORP (nationalities, groups), EVENT, WORK, MISC. ``progress`` as for :class:`Corpus`.
        """
        def make() -> Any:
            with reporting(progress, "entities"):
                return self._core.entities(gazetteer)

        table = self._kept(("entities", id(gazetteer)), gazetteer, make)
        return table.to_dict() if as_dict else table

    # -- quotations -------------------------------------------------------------

    def quotes(self, gazetteer: Gazetteer | None = None, *, progress: Progress = None, as_dict: bool = False) -> Any:
        """Every quotation, one row per quotation-mark segment: doc, start, end
        (character offsets with the marks), inner_start, inner_end (without
        them), text, speaker (as written: a name, a pronoun, a description),
        speaker_start, speaker_end, entity (the speaker's canonical entity, a
        pronoun or description resolved to the person named before it), cue
        (the reporting verb), also_in (other documents carrying the same
        quotation, exactly or nearly), open (runs to a paragraph's end with no
        closing mark). A quotation split by its attribution (``"A," he said.
        "B."``) gives one row per segment, with the same speaker.

        ``gazetteer`` adds your own names to the entities speakers resolve to.
        ``progress`` as for :class:`Corpus`.

        >>> c = Corpus(["“We will not back down,” Mayor Jane Doe said.",
        ...             "Jane Doe spoke. “We will not back down now,” she said."], ids=["a", "b"])
        >>> q = c.quotes(as_dict=True)
        >>> list(zip(q["doc"], q["text"], q["speaker"], q["entity"], q["also_in"]))
        [('a', 'We will not back down,', 'Mayor Jane Doe', 'Jane Doe', ['b']), ('b', 'We will not back down now,', 'she', 'Jane Doe', ['a'])]
        """
        def make() -> Any:
            with reporting(progress, "quotes"):
                return self._core.quotes(gazetteer, ids=self._ids)

        table = self._kept(("quotes", id(gazetteer)), gazetteer, make)
        return table.to_dict() if as_dict else table

    # -- overlap ----------------------------------------------------------------

    def overlap(
        self,
        method: str = "default",
        *,
        weights: tuple[float, float, float] | None = None,
        context: int | None = None,
        direct: float | None = None,
        gazetteer: Gazetteer | None = None,
        quotes: float | None = None,
        progress: Progress = None,
    ) -> Overlap:
        """Pairwise topical overlap of the documents.

        ``method="default"`` combines TF-IDF over stems (``terms``), stem
        bigrams (``phrases``) and canonical entities (``entities``), weighted by
        ``weights=(terms, phrases, entities)`` (default 0.45, 0.2, 0.35), then
        refines each score with shared neighbours: ``direct`` (default 0.3) of
        the score is the direct one, the rest the cosine of the two documents'
        profiles over their ``context`` (default 10) nearest neighbours, so two
        reports of one event that resemble the same other reports come
        together. ``context=0`` turns the refinement off. ``progress`` as for
        :class:`Corpus` (the first call computes; later ones read what is kept).
        Plain methods: ``"tfidf"`` cosine, ``"entities"`` cosine, ``"jaccard"``
        of word 3-shingles.

        ``quotes`` weighs one more channel of the default method: the
        quotations two documents share (see :meth:`quotes`), listed by
        :meth:`Overlap.explain` with ``channel="quote"``. ``None`` (the
        default) is 0.05 for ``method="default"`` (chosen on ECB+ dev) and 0
        for the plain methods; ``quotes=0`` leaves the channel out.
        """
        def make() -> Overlap:
            if callable(progress) and progress is not True:
                # A callable hears of the one step: (0, 1) at the start, (1, 1) at the end.
                core = self._core.overlap(method, weights, self._language, gazetteer, context, direct, quotes, progress)
            else:
                # A bar counts the items the core's loops go through.
                with reporting(progress, "overlap"):
                    core = self._core.overlap(method, weights, self._language, gazetteer, context, direct, quotes, None)
            params = {"method": method, "weights": weights, "context": context, "direct": direct, "gazetteer": gazetteer, "quotes": quotes}
            return Overlap(self, core, params)

        # The same Overlap object for the same options, so what it keeps
        # (neighbours, stories, explanations, adds() tables) serves every call.
        key = ("overlap", kept_key(method, weights, context, direct, id(gazetteer), quotes))
        return self._kept(key, gazetteer, make, wrap=lambda ov: ov)

    def neighbors(self, k: int = 10, *, method: str = "default", progress: Progress = None, as_dict: bool = False) -> Any:
        """Each document's ``k`` most similar documents (see :meth:`Overlap.top_k`)."""
        with reporting(progress, "neighbours"):
            return self.overlap(method).top_k(k, as_dict=as_dict)

    def near_duplicates(
        self,
        threshold: float = 0.8,
        *,
        containment: float | None = None,
        num_perm: int = 128,
        shingle: int = 5,
        seed: int = 1,
        progress: Progress = None,
        as_dict: bool = False,
    ) -> Any:
        """Pairs of near-duplicate documents: a, b, jaccard, containment.

        Candidates come from MinHash signatures (``num_perm`` seeded hash
        functions over word ``shingle``-grams) with LSH banding tuned for
        ``threshold``; each candidate's Jaccard similarity is then computed
        exactly. With ``containment`` (e.g. 0.8), pairs where that share of the
        shorter document's shingles is inside the longer one are reported too:
        an agency story reprinted inside a longer article. ``progress`` as for :class:`Corpus`.
        """
        with reporting(progress, "near duplicates"):
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
        estimates from the capacity of each buffer. Each part also counts the
        Python tables kept so that a repeat call need not convert again (see
        :meth:`clear_cache`), estimated from their lists and the distinct
        objects in them; ``overlap`` counts what each kept :class:`Overlap`
        holds (its tables, and its float64 matrix once made).
        """
        parts = dict(self._core.memory())
        for key, (_, value) in list(self._tables.items()):
            size = self._sizes.get(key)
            if size is None:
                size = self._sizes[key] = _kept_size(value)
            if isinstance(value, Overlap):
                size += value._kept_bytes()
            parts[_PART[key[0]]] += size
        parts["total"] = sum(parts.values())
        return parts

    def clear_cache(self, *, analysis: bool = True) -> None:
        """Forget every kept result (counts, keyphrases, entities, overlaps,
        the Python tables and :class:`Overlap` objects kept for repeat calls)
        and, with ``analysis`` (the default), the documents' tokens and
        sentences; they are computed again when next needed. Results already
        returned (tables, :class:`Overlap` objects) stay valid.
        """
        self._core.clear_results()
        self._tables = {}
        self._sizes = {}
        if analysis:
            self._core = self._core.without_analysis()

    # -- display ----------------------------------------------------------------

    def __repr__(self) -> str:
        return f"<lexiscope.Corpus: {len(self)} documents>"

    def _repr_html_(self) -> str:
        from lexiscope import display

        return str(display.summary(self))

    def show(self, doc: DocRef, *, keyphrases: int = 8) -> Any:
        """One document as HTML, with its entities, keyphrases, quotes and the
        lines cleaning set aside marked at their offsets (see
        :func:`lexiscope.display.document`); Jupyter renders it."""
        from lexiscope import display

        return display.document(self, doc, keyphrases=keyphrases)
