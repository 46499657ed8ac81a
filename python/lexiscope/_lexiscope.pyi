"""Type stubs for the native module ``lexiscope._lexiscope``.

Checked against the compiled module by ``python -m mypy.stubtest lexiscope._lexiscope``
(tests/test_stubs.py). Native classes cannot be subclassed (``@final``) and
construct through ``__new__``. A default shown as ``...`` is one the native
signature does not spell out (it is written in Rust, such as the built-in
English stopword list or ``(1, 1)``); the docstring or ``lexiscope.Corpus`` gives it.
"""

from collections.abc import Callable, Iterable, Iterator, Sequence
from os import PathLike
from typing import Any, Literal, final, overload

import numpy as np
import numpy.typing as npt
from typing_extensions import Self

__version__: str
__all__ = [
    "__version__",
    "Token",
    "Span",
    "Tokenizer",
    "stopwords",
    "word_bounds",
    "sentence_bounds",
    "CorpusCore",
    "Gazetteer",
    "Options",
    "OverlapCore",
    "ScanCore",
    "MatrixPlan",
    "Vocabulary",
    "VocabularyIter",
    "partition_repeat_keys",
    "partition_with_repeated",
    "partition_signatures",
    "partition_near_duplicates",
    "partition_stem_df",
    "partition_keyphrase_candidates",
    "partition_collection_keyphrases",
    "partition_entity_words",
    "partition_entity_evidence",
    "partition_entity_mentions",
    "partition_link_entities",
    "save_corpus",
    "_report_progress",
    "_overlap_exact_max_docs",
    "_overlap_candidate_budget",
    "load_corpus",
    "Tagger",
    "_train_pos",
]

_Upos = Literal[
    "ADJ", "ADP", "ADV", "AUX", "CCONJ", "DET", "INTJ", "NOUN", "NUM",
    "PART", "PRON", "PROPN", "PUNCT", "SCONJ", "SYM", "VERB", "X",
]  # fmt: skip
_TokenKind = Literal["word", "number", "punct", "symbol", "url", "email", "hashtag", "mention", "emoji", "other"]
# ``"en"`` (the built-in list), your own words, or None.
_Stopwords = str | Iterable[str] | None
# Called as ``progress(done, total)``; ``total`` is None while a file is streamed.
_Progress = Callable[[int, int | None], object] | None
_Path = str | PathLike[str]
# A document by id (str) or position (int).
_Doc = str
# ``min_df`` / ``max_df``: a number of documents (int) or a share of them (float in [0, 1]).
_DfBound = int | float | None
# Results come back as columns: a dict of equal-length lists.
_Columns = dict[str, list[Any]]

@final
class Token:
    """A token: its text exactly as in the input, its normalized form, kind and character offsets."""

    def __new__(
        cls, text: str, norm: str, kind: _TokenKind, start: int, end: int, is_stop: bool = False, pos: _Upos | None = None
    ) -> Self: ...
    @property
    def text(self) -> str: ...
    @property
    def norm(self) -> str: ...
    @property
    def kind(self) -> _TokenKind: ...
    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...
    @property
    def is_stop(self) -> bool: ...
    @property
    def parts(self) -> list[str]: ...
    @property
    def pos(self) -> _Upos | None: ...
    def __len__(self) -> int: ...
    def __eq__(self, value: object, /) -> bool: ...

@final
class Span:
    """A span of the input (a sentence) with character offsets."""

    def __new__(cls, text: str, start: int, end: int) -> Self: ...
    @property
    def text(self) -> str: ...
    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...
    def __len__(self) -> int: ...
    def __eq__(self, value: object, /) -> bool: ...

@final
class Tokenizer:
    """A reusable tokenizer with its options fixed at construction."""

    def __new__(
        cls,
        *,
        lowercase: bool = True,
        fold_typography: bool = True,
        nfkc: bool = False,
        strip_accents: bool = False,
        stopwords: _Stopwords = ...,  # "en"
        drop_stopwords: bool = False,
        stem: str | None = None,
        ngram_range: tuple[int, int] = ...,  # (1, 1)
        n_threads: int | None = None,
    ) -> Self: ...
    def tokenize(self, text: str, pos: bool = False) -> list[Token]: ...
    def tokenize_batch(
        self, texts: Iterable[str], n_threads: int | None = None, pos: bool = False
    ) -> list[list[Token]]: ...
    def sentences(self, text: str) -> list[Span]: ...
    def words(self, text: str) -> list[str]: ...
    def words_batch(self, texts: Iterable[str], n_threads: int | None = None) -> list[list[str]]: ...
    def count_batch(self, texts: Iterable[str], n_threads: int | None = None) -> list[int]: ...
    def normalize(self, text: str) -> str: ...
    def get_params(self) -> dict[str, Any]: ...

def stopwords(language: str = "en") -> list[str]: ...
def word_bounds(text: str) -> list[str]: ...
def sentence_bounds(text: str) -> list[str]: ...
@final
class Options:
    """How a corpus analyses its documents: cleaning and normalization."""

    def __new__(
        cls,
        *,
        clean: bool = True,
        lowercase: bool = True,
        fold_typography: bool = True,
        nfkc: bool = False,
        strip_accents: bool = False,
        stopwords: _Stopwords = ...,  # "en"
    ) -> Self: ...
    @property
    def clean(self) -> bool: ...
    @property
    def lowercase(self) -> bool: ...
    @property
    def fold_typography(self) -> bool: ...
    @property
    def nfkc(self) -> bool: ...
    @property
    def strip_accents(self) -> bool: ...
    @property
    def stopwords(self) -> str | list[str] | None: ...
    @classmethod
    def _from_json(cls, state: str) -> Options: ...
    def __eq__(self, value: object, /) -> bool: ...
    def __hash__(self) -> int: ...

@final
class Gazetteer:
    """A dictionary of names matched over case-folded tokens."""

    def __new__(cls, entries: dict[str, list[str]], aliases: dict[str, str] | None = None) -> Self: ...
    def __len__(self) -> int: ...
    @property
    def n_patterns(self) -> int: ...
    def find(self, text: str) -> list[tuple[int, int, str, str]]: ...

@final
class MatrixPlan:
    """The vocabulary and weights of one streamed matrix."""

    def vocabulary(self) -> Vocabulary: ...
    @property
    def n_docs(self) -> int: ...

@final
class ScanCore:
    """Native JSONL scan; use ``lexiscope.scan_jsonl``."""

    def __new__(
        cls,
        path: str | PathLike[str],
        text: str = "text",
        id: str | None = None,
        *,
        options: Options | None = None,
        chunk_size: int = ...,  # 10000
        n_threads: int | None = None,
    ) -> Self: ...
    def count(self) -> int: ...
    def terms(
        self,
        top: int | None = None,
        ngram: tuple[int, int] = ...,
        stopwords: bool = True,
        stem: str | None = None,
        numbers: bool = True,
        min_df: int | float | None = None,
        max_df: int | float | None = None,
    ) -> dict[str, list[Any]]: ...
    def matrix_plan(
        self,
        weight: str = "count",
        ngram: tuple[int, int] = ...,
        stopwords: bool = True,
        stem: str | None = None,
        numbers: bool = True,
        min_df: int | float | None = None,
        max_df: int | float | None = None,
        max_features: int | None = None,
        sublinear_tf: bool = False,
        smooth_idf: bool = True,
        norm: str | None = ...,
        k1: float = 1.2,
        b: float = 0.75,
    ) -> MatrixPlan: ...
    def matrix_block(
        self, plan: MatrixPlan, start: int, first: int, max_docs: int
    ) -> tuple[
        list[str],
        npt.NDArray[np.float64],
        npt.NDArray[np.int32],
        npt.NDArray[np.int64],
        tuple[int, int],
        int | None,
    ]: ...
    def entities(self) -> dict[str, list[Any]]: ...
    def near_duplicates(
        self, threshold: float = 0.8, num_perm: int = 128, seed: int = 1, shingle: int = 5
    ) -> dict[str, list[Any]]: ...

@final
class OverlapCore:
    """Native pairwise overlap; use ``lexiscope.Overlap``."""

    @property
    def method(self) -> str: ...
    def __len__(self) -> int: ...
    def matrix(self, dtype: str = "float64") -> npt.NDArray[np.floating[Any]]: ...
    def score(self, a: int, b: int) -> float: ...
    def explain(self, corpus: CorpusCore, a: int, b: int, top: int = ...) -> _Columns: ...
    def top_k(self, k: int, exact: bool | None = None) -> _Columns: ...
    def stories(self, corpus: CorpusCore, threshold: float, k: int = 50) -> tuple[list[list[int]], list[str]]: ...
    def story_of(self, doc: int, threshold: float, k: int = 50) -> list[int]: ...
    @property
    def _shared_id(self) -> int: ...

@final
class Vocabulary(Sequence[str]):
    """The terms of a matrix's columns: a read-only, sorted sequence of str."""

    def __new__(cls, terms: list[str]) -> Self: ...
    def __len__(self) -> int: ...
    @overload
    def __getitem__(self, key: int, /) -> str: ...
    @overload
    def __getitem__(self, key: slice, /) -> list[str]: ...
    def __contains__(self, key: object, /) -> bool: ...
    def __iter__(self) -> VocabularyIter: ...
    def index(self, term: str) -> int: ...  # type: ignore[override]
    def count(self, term: str) -> int: ...
    def tolist(self) -> list[str]: ...
    def __eq__(self, value: object, /) -> bool: ...

@final
class VocabularyIter(Iterator[str]):
    """An iterator over a :class:`Vocabulary`."""

    def __iter__(self) -> Self: ...
    def __next__(self) -> str: ...

@final
class CorpusCore:
    """Native corpus; use ``lexiscope.Corpus``."""

    @staticmethod
    def build(
        texts: Iterable[str],
        ids: list[str] | None = None,
        *,
        options: Options | None = None,
        n_threads: int | None = None,
        progress: _Progress = None,
    ) -> CorpusCore: ...
    @staticmethod
    def from_files(
        paths: Sequence[_Path],
        ids: list[str],
        *,
        errors: str = "strict",
        options: Options | None = None,
        n_threads: int | None = None,
        progress: _Progress = None,
    ) -> CorpusCore: ...
    @staticmethod
    def from_jsonl(
        path: _Path,
        text: str = "text",
        id: str | None = None,
        *,
        options: Options | None = None,
        n_threads: int | None = None,
        progress: _Progress = None,
    ) -> CorpusCore: ...
    @property
    def ids(self) -> list[str]: ...
    def __len__(self) -> int: ...
    def text(self, doc: _Doc) -> str: ...
    def index(self, doc: _Doc) -> int: ...
    def removed(self, doc: _Doc) -> _Columns: ...
    def meta(self, ids: list[Any] | None = None) -> _Columns: ...
    def sentences(self, doc: _Doc) -> _Columns: ...
    def stats(self, ids: list[Any] | None = None) -> _Columns: ...
    def terms(
        self,
        top: int | None = None,
        ngram: tuple[int, int] = ...,  # (1, 1)
        stopwords: bool = True,
        stem: str | None = None,
        numbers: bool = True,
        min_df: _DfBound = None,
        max_df: _DfBound = None,
    ) -> _Columns: ...
    def matrix(
        self,
        weight: str = "count",
        ngram: tuple[int, int] = ...,  # (1, 1)
        stopwords: bool = True,
        stem: str | None = None,
        numbers: bool = True,
        min_df: _DfBound = None,
        max_df: _DfBound = None,
        max_features: int | None = None,
        sublinear_tf: bool = False,
        smooth_idf: bool = True,
        norm: str | None = ...,  # "l2"
        k1: float = 1.2,
        b: float = 0.75,
        sort_indices: bool = False,
    ) -> tuple[
        Vocabulary,
        npt.NDArray[np.float64],
        npt.NDArray[np.int32],
        npt.NDArray[np.int64],
        tuple[int, int],
    ]: ...
    def keywords(
        self, top: int = 10, doc: _Doc | None = None, language: str = "en", ids: list[Any] | None = None
    ) -> _Columns: ...
    def corpus_keywords(self, top: int = 20, per_doc: int = ..., language: str = "en") -> _Columns: ...
    def distinctive(
        self,
        group: Sequence[_Doc],
        top: int = 20,
        ngram: tuple[int, int] = ...,  # (1, 1)
        stopwords: bool = True,
        stem: str | None = None,
        numbers: bool = False,
        prior: float | None = None,
        against: Sequence[_Doc] | None = None,
        min_z: float = 1.96,
        language: str = "en",
    ) -> _Columns: ...
    def mentions(self, gazetteer: Gazetteer | None = None, ids: list[Any] | None = None) -> _Columns: ...
    def quotes(self, gazetteer: Gazetteer | None = None, ids: list[Any] | None = None) -> _Columns: ...
    def entities_only_in(self, doc: int, others: list[int], gazetteer: Gazetteer | None = None) -> list[str]: ...
    def entities(self, gazetteer: Gazetteer | None = None) -> _Columns: ...
    def overlap(
        self,
        method: str = "default",
        weights: tuple[float, float, float] | None = None,
        language: str = "en",
        gazetteer: Gazetteer | None = None,
        context: int | None = None,
        direct: float | None = None,
        quotes: float | None = None,
        progress: Callable[[int, int | None], object] | None = None,
    ) -> OverlapCore: ...
    def near_duplicates(
        self,
        threshold: float = 0.8,
        num_perm: int = 128,
        seed: int = 1,
        containment: float | None = None,
        shingle: int = 5,
    ) -> _Columns: ...
    def merge(self, other: CorpusCore) -> CorpusCore: ...
    def memory(self) -> dict[str, int]: ...
    def clear_results(self) -> None: ...
    def without_analysis(self) -> CorpusCore: ...
    def options_json(self) -> str: ...

# Analysing a collection in parts (lexiscope.dask).
def partition_repeat_keys(corpus: CorpusCore) -> tuple[npt.NDArray[np.uint64], npt.NDArray[np.uint64]]: ...
def partition_with_repeated(corpus: CorpusCore, keys: npt.NDArray[np.uint64]) -> CorpusCore: ...
def partition_signatures(
    corpus: CorpusCore, shingle: int = 5, num_perm: int = 128, seed: int = 1
) -> tuple[npt.NDArray[np.uint64], npt.NDArray[np.uint64], npt.NDArray[np.uint32]]: ...
def partition_near_duplicates(
    values: npt.NDArray[np.uint64],
    offsets: npt.NDArray[np.uint64],
    sigs: npt.NDArray[np.uint32],
    threshold: float = 0.8,
    containment: float | None = None,
) -> _Columns: ...
def partition_stem_df(corpus: CorpusCore, language: str = "en") -> tuple[list[str], list[int]]: ...
def partition_keyphrase_candidates(
    corpus: CorpusCore,
    stems: list[str],
    df: list[int],
    n_docs: int,
    per_doc: int = ...,
    language: str = "en",
) -> _Columns: ...
def partition_collection_keyphrases(
    offsets: list[int], key: list[str], text: list[str], score: list[float], count: list[int], top: int = 20
) -> _Columns: ...
def partition_entity_words(corpus: CorpusCore) -> str: ...
def partition_entity_evidence(
    corpus: CorpusCore, words: str, gazetteer: Gazetteer | None = None
) -> tuple[npt.NDArray[np.uint64], npt.NDArray[np.uint64], npt.NDArray[np.uint32]]: ...
def partition_entity_mentions(
    corpus: CorpusCore,
    words: str,
    titled: npt.NDArray[np.uint64],
    keys: npt.NDArray[np.uint64],
    votes: npt.NDArray[np.uint32],
    gazetteer: Gazetteer | None = None,
) -> _Columns: ...
def partition_link_entities(
    offsets: npt.NDArray[np.uint64],
    start: npt.NDArray[np.uint64],
    end: npt.NDArray[np.uint64],
    label: npt.NDArray[np.uint8],
    evidence: npt.NDArray[np.uint8],
    entry_kind: npt.NDArray[np.uint8],
    entry: npt.NDArray[np.uint32],
    text: list[str],
    role: list[str | None],
    gazetteer: Gazetteer | None = None,
) -> tuple[_Columns, npt.NDArray[np.uint32]]: ...
@final
class Tagger:
    """A part-of-speech tagger over the 17 Universal POS tags."""

    def __new__(cls, weights: _Path | None = None) -> Self: ...
    def tag(self, words: Sequence[str]) -> list[_Upos]: ...
    def tag_batch(self, sentences: Iterable[Sequence[str]], n_threads: int | None = None) -> list[list[_Upos]]: ...
    @staticmethod
    def tags() -> list[_Upos]: ...
    @classmethod
    def _from_bytes(cls, bytes: bytes) -> Self: ...

def _report_progress(callback: Callable[[int, int | None], object] | None = None) -> None: ...
def _overlap_exact_max_docs(n: int | None = None) -> int: ...
def _overlap_candidate_budget(n: int | None = None) -> int: ...
def save_corpus(corpus: CorpusCore, path: str, meta: str) -> None: ...
def load_corpus(path: str, n_threads: int | None = None) -> tuple[CorpusCore, str]: ...
def _train_pos(
    train_files: Sequence[_Path],
    dev_files: Sequence[_Path],
    out: _Path,
    *,
    epochs: int = 8,
    seed: int = 1,
    passes: int = 1,
) -> dict[str, Any]: ...
