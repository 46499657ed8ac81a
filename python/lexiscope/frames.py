"""Table-shaped results: every one is a :class:`lexiscope.Table`, built here.

``to_frame(columns)`` is the one constructor the rest of the package uses.
Convert a table with ``.to_pandas()`` or ``.to_polars()``.

``set_frame_library`` and ``frame_library`` are deprecated: a global switch
made one notebook cell change what every later call returned (and what other
libraries using lexiscope got back); results are now always a ``Table``,
converted where the caller asks. They still run, warn, and change nothing.
"""

from __future__ import annotations

import warnings
from typing import Any

from lexiscope.table import Table

__all__ = ["to_frame", "Table", "TOP", "limit", "set_frame_library", "frame_library"]

#: The one default of every ``top=``: rows per document for per-document
#: results, per channel for explanations, in all for collection results.
TOP = 10


def limit(top: int | None) -> int:
    """``top`` as the core takes it (``None``: no limit)."""
    if top is None:
        return 2**31
    if isinstance(top, bool) or not isinstance(top, int) or top < 0:
        from lexiscope.errors import InvalidArgumentError

        raise InvalidArgumentError(f"top must be a non-negative int or None, got {top!r}")
    return top


def kept_key(*parts: Any) -> tuple[Any, ...]:
    """A key naming a kept result by its call and options: each part with
    its type, so options equal as numbers but not in meaning (``max_df=1``,
    one document, and ``max_df=1.0``, every document; ``True`` and ``1``)
    name different results; a list (given for a tuple) counts as a tuple."""
    return tuple((type(p), tuple(p) if isinstance(p, list) else p) for p in parts)


def to_frame(columns: Any) -> Table:
    """A :class:`lexiscope.Table` of ``columns`` (a mapping of name to sequence)."""
    if isinstance(columns, Table):
        return columns
    return Table(columns)


def set_frame_library(name: str) -> None:
    """Deprecated, and without effect: results are :class:`lexiscope.Table`;
    call ``.to_pandas()`` or ``.to_polars()`` on one."""
    warnings.warn(
        "set_frame_library() is deprecated and has no effect: results are lexiscope.Table; "
        "convert one with .to_pandas() or .to_polars()",
        DeprecationWarning,
        stacklevel=2,
    )


def frame_library() -> str:
    """Deprecated: always ``"table"`` (results are :class:`lexiscope.Table`)."""
    warnings.warn(
        "frame_library() is deprecated: results are always lexiscope.Table",
        DeprecationWarning,
        stacklevel=2,
    )
    return "table"
