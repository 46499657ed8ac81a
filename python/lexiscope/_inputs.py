"""What ``Corpus`` takes in: texts from lists, Series and DataFrames (with
missing values named), option keywords, old positional arguments, and the
progress callback handed to the core."""

from __future__ import annotations

import warnings
from collections.abc import Callable
from typing import Any, Union

from lexiscope._lexiscope import Options
from lexiscope.errors import InputTypeError, InvalidArgumentError

Progress = Union[bool, Callable[[int, Any], object], None]

__all__: list[str] = []


def _positional(name: str, names: tuple[str, ...], args: tuple[Any, ...], given: tuple[Any, ...]) -> tuple[Any, ...]:
    """Old positional arguments of ``name``, with a DeprecationWarning."""
    if len(args) > len(names):
        raise InputTypeError(f"{name}() takes keyword arguments only")
    warnings.warn(
        f"positional arguments to {name}() are deprecated: write {', '.join(f'{n}=' for n in names[: len(args)])}",
        DeprecationWarning,
        stacklevel=3,
    )
    return tuple(args) + given[len(args) :]


def _frame_kind(obj: Any) -> str | None:
    """``"pandas"``/``"polars"`` for a DataFrame of that library, else None."""
    mod = type(obj).__module__.split(".")[0]
    if mod in ("pandas", "polars") and type(obj).__name__ == "DataFrame":
        return mod
    return None


def _series_kind(obj: Any) -> str | None:
    """``"pandas"``/``"polars"`` for a Series of that library, else None."""
    mod = type(obj).__module__.split(".")[0]
    if mod in ("pandas", "polars") and type(obj).__name__ == "Series":
        return mod
    return None


def _is_missing(x: Any) -> bool:
    """None, NaN, pandas.NA or NaT: a missing value, not a text."""
    if x is None:
        return True
    if isinstance(x, float):
        return x != x
    name = type(x).__name__
    return name in ("NAType", "NaTType")


def _as_list(texts: Any, what: str = "texts", labels: list[Any] | None = None, check: bool = True) -> list[Any]:
    """Texts from a list, any iterable, or a pandas/polars Series; a missing
    value is reported as missing, with its row (and id when ``labels`` are given).

    With ``check=False`` the items are not looked at (the core checks each
    one as it takes its text, and :func:`_name_missing` explains a missing
    one after), and a ``list`` is returned as it is, not copied."""
    if type(texts) is list and not check:
        return texts
    if isinstance(texts, str):
        raise InputTypeError(f"{what} must be an iterable of str, got a single str (wrap it in a list)")
    kind = _frame_kind(texts)
    if kind is not None:
        raise InputTypeError(
            f"{what} must be an iterable of str, got a {kind} DataFrame (iterating it gives its column names): "
            'use lexiscope.Corpus.from_frame(df, text="column", id="column")'
        )
    to_list = getattr(texts, "to_list", None) or getattr(texts, "tolist", None)
    if callable(to_list) and type(texts).__module__.split(".")[0] in ("pandas", "polars", "numpy"):
        items = list(to_list())
    else:
        try:
            items = list(texts)
        except TypeError:
            raise InputTypeError(f"{what} must be an iterable of str, got {type(texts).__name__}") from None
    if check:
        _name_missing(items, what, labels)
    return items


def _name_missing(items: list[Any], what: str = "texts", labels: list[Any] | None = None) -> None:
    """Raises for the first missing value in ``items``, naming its row (and
    id when ``labels`` are given); nothing for any other item."""
    for i, x in enumerate(items):
        if type(x) is not str and _is_missing(x):
            where = f"row {i}" if labels is None or i >= len(labels) else f"row {i}, id {labels[i]!r}"
            raise InputTypeError(
                f"{what}[{i}] must be {'str or int' if what == 'ids' else 'str'}, got {type(x).__name__}: a missing value ({x!r} at {where}); "
                "drop or fill missing values first"
            )


def _series_ids(texts: Any) -> list[Any] | None:
    """A pandas Series's index as ids (None for a default RangeIndex, or for anything else)."""
    if _series_kind(texts) != "pandas":
        return None
    index = texts.index
    if type(index).__name__ == "RangeIndex" and index.start == 0 and index.step == 1:
        return None
    return [x.item() if hasattr(x, "item") else x for x in index.tolist()]


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


def _progress_callback(
    progress: Progress, total: int | None, desc: str, unit: str = "doc"
) -> tuple[Any, Callable[[], None]]:
    """A callback(done, total) for the core, and a function that closes the display."""
    from lexiscope.progress import bar, watched

    if progress is False or (progress is None and not watched()):
        return None, lambda: None
    if callable(progress) and progress is not True:
        return progress, lambda: None
    b = bar(total, desc, delay=0.0 if progress is True else 1.0, unit=unit)
    return b.update, b.close
