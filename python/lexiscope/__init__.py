"""lexiscope: tokenize news text, count keywords and entities, score topical overlap.

The heavy lifting happens in a parallel Rust core (``lexiscope._lexiscope``);
this package adds the Python conveniences.

>>> import lexiscope as lx
>>> [t.text for t in lx.tokenize("Russia’s U.S.-led talks")]
['Russia', '’s', 'U.S.-led', 'talks']
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from lexiscope._lexiscope import (
    Gazetteer,
    Options,
    Span,
    Tagger,
    Token,
    Tokenizer,
    Vocabulary,
    __version__,
    sentence_bounds,
    stopwords,
    word_bounds,
)
from lexiscope.corpus import Corpus
from lexiscope.errors import (
    DocumentError,
    InputTypeError,
    InvalidArgumentError,
    LexiscopeError,
    ReadError,
    StateError,
)
from lexiscope.frames import frame_library, set_frame_library
from lexiscope.overlap import Overlap
from lexiscope.scan import Scan, scan_jsonl
from lexiscope.table import Table

# Views and plots as lx.display and lx.plots (matplotlib loads on the first plot).
from lexiscope import display, plots  # noqa: E402,I001

# A Vocabulary is a read-only sequence of str: isinstance(v, Sequence) holds.
Sequence.register(Vocabulary)

__all__ = [
    "__version__",
    "Token",
    "Span",
    "Tokenizer",
    "Tagger",
    "Corpus",
    "Gazetteer",
    "Options",
    "Overlap",
    "Scan",
    "scan_jsonl",
    "Vocabulary",
    "Table",
    "set_frame_library",
    "frame_library",
    "tokenize",
    "tag",
    "sentences",
    "stopwords",
    "word_bounds",
    "sentence_bounds",
    "sample_paths",
    "LexiscopeError",
    "InvalidArgumentError",
    "InputTypeError",
    "DocumentError",
    "ReadError",
    "StateError",
]

_DEFAULT_TOKENIZER = Tokenizer()


def tokenize(text: str, *, pos: bool = False, **options: Any) -> list[Token]:
    """Tokens of ``text``, with character offsets into it.

    ``options`` are those of :class:`Tokenizer` (``lowercase``, ``stopwords``, ...);
    without options a shared default tokenizer is used. With ``pos=True`` each
    token carries its Universal POS tag in ``Token.pos`` (see :class:`Tagger`).

    >>> [(t.text, t.kind) for t in tokenize("£600m, 25% #news")]
    [('£600m', 'number'), (',', 'punct'), ('25%', 'number'), ('#news', 'hashtag')]
    >>> [(t.text, t.pos) for t in tokenize("Russia’s talks ended.", pos=True)]
    [('Russia', 'PROPN'), ('’s', 'PART'), ('talks', 'NOUN'), ('ended', 'VERB'), ('.', 'PUNCT')]
    """
    tok = Tokenizer(**options) if options else _DEFAULT_TOKENIZER
    return tok.tokenize(text, pos=pos)


_DEFAULT_TAGGER = Tagger()


def tag(words: Sequence[str]) -> list[str]:
    """Universal POS tags of one sentence's words, by the built-in English tagger.

    For raw text, use ``tokenize(text, pos=True)``, which tags lexiscope's own
    tokens sentence by sentence.

    >>> tag(["She", "reads", "old", "maps", "."])
    ['PRON', 'VERB', 'ADJ', 'NOUN', 'PUNCT']
    """
    return list(_DEFAULT_TAGGER.tag(words))


def sentences(text: str) -> list[Span]:
    """Sentences of ``text``, with character offsets into it.

    >>> [s.text for s in sentences("U.S. Vice President JD Vance spoke. He left.")]
    ['U.S. Vice President JD Vance spoke.', 'He left.']
    """
    return _DEFAULT_TOKENIZER.sentences(text)


def sample_paths() -> list[str]:
    """Paths of the bundled sample articles (an invented story, several outlets)."""
    from pathlib import Path

    folder = Path(__file__).parent / "data" / "sample"
    return sorted(str(p) for p in folder.glob("*.txt"))
