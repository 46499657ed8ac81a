"""Tables as pandas or polars DataFrames, whichever is installed.

Every table-shaped result of lexiscope is built here from plain columns.
Choose the library with ``lexiscope.set_frame_library("pandas" | "polars" | "dict")``
or the environment variable ``LEXISCOPE_FRAMES``; by default pandas is used
when installed, then polars, else a plain ``dict`` of column lists.
"""

from __future__ import annotations

import importlib.util
import os
from typing import Any

_CHOICES = ("auto", "pandas", "polars", "dict")
_library = os.environ.get("LEXISCOPE_FRAMES", "auto")


def set_frame_library(name: str) -> None:
    """Return tables as ``"pandas"``, ``"polars"`` or ``"dict"`` (``"auto"``: pandas, then polars, then dict)."""
    global _library
    if name not in _CHOICES:
        from lexiscope.errors import InvalidArgumentError

        raise InvalidArgumentError(f"frame library must be one of {_CHOICES}, got {name!r}")
    _library = name


def frame_library() -> str:
    """The library tables are returned in now (never ``"auto"``)."""
    if _library != "auto":
        return _library
    for name in ("pandas", "polars"):
        if importlib.util.find_spec(name) is not None:
            return name
    return "dict"


def to_frame(columns: dict[str, Any]) -> Any:
    """A DataFrame (or dict) of ``columns``, in the configured library."""
    lib = frame_library()
    if lib == "pandas":
        import pandas as pd

        return pd.DataFrame(columns)
    if lib == "polars":
        import polars as pl

        return pl.DataFrame(columns)
    return {k: list(v) for k, v in columns.items()}
