"""``Table``: the one type of every table-shaped result.

A table is a few named columns of equal length, kept as plain Python tuples
and handed out as new lists.
It needs no other library: it prints as a text table, shows as an HTML table
in Jupyter, iterates as records (one dict per row), and converts on request
with :meth:`Table.to_pandas` or :meth:`Table.to_polars` (neither needs
pyarrow).

>>> from lexiscope import Table
>>> t = Table({"doc": ["a", "b"], "score": [0.5, 0.25]})
>>> t
   doc   score
0  a    0.5000
1  b    0.2500
>>> len(t), t.columns, t["doc"]
(2, ['doc', 'score'], ['a', 'b'])
>>> [row["score"] for row in t]
[0.5, 0.25]
"""

from __future__ import annotations

import html
import math
from collections.abc import Iterator, Mapping, Sequence
from typing import Any, overload

__all__ = ["Table"]

#: Rows shown by ``repr`` and in Jupyter before the middle is cut.
MAX_ROWS = 20
#: Characters shown of one cell in ``repr`` before it is cut.
MAX_CELL = 50


def _cell_text(x: Any, width: int = MAX_CELL) -> str:
    if isinstance(x, float):
        if math.isnan(x):
            return "NaN"
        return f"{x:.4f}" if abs(x) < 1e6 else f"{x:.4g}"
    s = str(x)
    s = s.replace("\n", " ")
    return s if len(s) <= width else s[: width - 1] + "…"


def _is_number(x: Any) -> bool:
    return isinstance(x, (int, float)) and not isinstance(x, bool)


class Table:
    """Columns of equal length, as every lexiscope call returns them.

    Parameters
    ----------
    columns : mapping of str to sequence
        The columns, in order; each is copied.

    Notes
    -----
    ``t["col"]`` is a column (a list), ``t[i]`` a row (a dict),
    ``t[["a", "b"]]`` a table of those columns, ``t[2:5]`` a table of those
    rows. ``to_dict()`` gives the columns as a dict of lists, ``to_dicts()``
    the rows as a list of dicts.

    A table does not change: what it hands out (columns, rows, cells that
    are lists, such as a story's ``ids``) is a new list or dict each time, so
    a caller changing one changes neither the table nor later results. That
    is why lexiscope can keep a table and hand it out again on a repeat call.
    Inside, columns are tuples, and so are the cells of a column whose cells
    are all lists (or None): Python's garbage collector stops scanning a
    tuple of strings and numbers, so a kept table of a million cells adds
    nothing to later collections, where lists would be scanned each time.
    """

    __slots__ = ("_cols", "_n", "_nested")

    def __init__(self, columns: Mapping[str, Sequence[Any]] | None = None) -> None:
        cols: dict[str, tuple[Any, ...]] = {}
        nested: set[str] = set()
        n: int | None = None
        for name, values in (columns or {}).items():
            if not isinstance(name, str):
                from lexiscope.errors import InputTypeError

                raise InputTypeError(f"column names must be str, got {type(name).__name__}")
            col = tuple(values)
            if n is not None and len(col) != n:
                from lexiscope.errors import InvalidArgumentError

                raise InvalidArgumentError(f"column {name!r} has {len(col)} values, the others {n}")
            n = len(col)
            # A column of lists (a story's ids, an entity's variants): kept as
            # tuples, handed out as new lists (see `_out`).
            if col and type(col[0]) is list and all(type(x) is list or x is None for x in col):
                col = tuple(None if x is None else tuple(x) for x in col)
                nested.add(name)
            cols[name] = col
        self._cols = cols
        self._n = n or 0
        self._nested = frozenset(nested)

    @classmethod
    def _of(cls, cols: dict[str, tuple[Any, ...]], nested: frozenset[str], n: int) -> Table:
        """A table of columns already kept as a table keeps them."""
        t = cls.__new__(cls)
        t._cols, t._nested, t._n = cols, nested & set(cols), n
        return t

    def _out(self, name: str) -> list[Any]:
        """A new list of column ``name`` (a column of lists: new lists too)."""
        col = self._cols[name]
        if name in self._nested:
            return [None if x is None else list(x) for x in col]
        return list(col)

    def _cell(self, name: str, i: int) -> Any:
        x = self._cols[name][i]
        return list(x) if x is not None and name in self._nested else x

    # -- reading ----------------------------------------------------------------

    @property
    def columns(self) -> list[str]:
        """The column names, in order."""
        return list(self._cols)

    @property
    def shape(self) -> tuple[int, int]:
        """(rows, columns)."""
        return self._n, len(self._cols)

    def __len__(self) -> int:
        return self._n

    def __iter__(self) -> Iterator[dict[str, Any]]:
        names = list(self._cols)
        nested = self._nested
        for values in zip(*self._cols.values()):
            row = dict(zip(names, values))
            for k in nested:
                if row[k] is not None:
                    row[k] = list(row[k])
            yield row

    def __contains__(self, name: object) -> bool:
        return name in self._cols

    @overload
    def __getitem__(self, key: str) -> list[Any]: ...
    @overload
    def __getitem__(self, key: int) -> dict[str, Any]: ...
    @overload
    def __getitem__(self, key: slice | list[str]) -> Table: ...
    def __getitem__(self, key: Any) -> Any:
        if isinstance(key, str):
            try:
                return self._out(key)
            except KeyError:
                raise KeyError(f"no column {key!r}; the columns are {self.columns}") from None
        if isinstance(key, slice):
            cols = {k: v[key] for k, v in self._cols.items()}
            return Table._of(cols, self._nested, len(range(self._n)[key]))
        if isinstance(key, int) and not isinstance(key, bool):
            i = key + self._n if key < 0 else key
            if not 0 <= i < self._n:
                raise IndexError(f"row {key} out of range for {self._n} rows")
            return {k: self._cell(k, i) for k in self._cols}
        if isinstance(key, (list, tuple)) and all(isinstance(k, str) for k in key):
            missing = [k for k in key if k not in self._cols]
            if missing:
                raise KeyError(f"no column {missing[0]!r}; the columns are {self.columns}")
            return Table._of({k: self._cols[k] for k in key}, self._nested, self._n)
        raise TypeError(f"a table is indexed by a column name, a row number, a slice or a list of names, got {key!r}")

    def head(self, n: int = 5) -> Table:
        """The first ``n`` rows."""
        return self[: max(n, 0)]

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Table):
            return self._cols == other._cols and self._nested == other._nested
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]

    # -- converting ---------------------------------------------------------------

    def to_dict(self) -> dict[str, list[Any]]:
        """The columns, as a dict of lists (new lists)."""
        return {k: self._out(k) for k in self._cols}

    def to_dicts(self) -> list[dict[str, Any]]:
        """The rows, as a list of dicts."""
        return list(self)

    def to_pandas(self) -> Any:
        """A ``pandas.DataFrame`` of the columns (needs pandas: ``pip install lexiscope[pandas]``)."""
        pd = _require("pandas")
        return pd.DataFrame(self.to_dict(), columns=self.columns)

    def to_polars(self) -> Any:
        """A ``polars.DataFrame`` of the columns (needs polars: ``pip install lexiscope[polars]``)."""
        pl = _require("polars")
        return pl.DataFrame(self.to_dict(), strict=False)

    def __reduce__(self) -> tuple[Any, ...]:
        return (Table, (self.to_dict(),))

    def _nbytes(self) -> int:
        """Estimated bytes of the table's lists and the distinct objects in them."""
        import sys

        seen: set[int] = set()
        total = sys.getsizeof(self._cols)
        for col in self._cols.values():
            total += sys.getsizeof(col)
            for x in col:
                if id(x) not in seen:
                    seen.add(id(x))
                    total += sys.getsizeof(x)
                    if type(x) is tuple:
                        total += sum(sys.getsizeof(y) for y in x)
        return total

    # -- display ------------------------------------------------------------------

    def _shown(self) -> tuple[list[int], bool]:
        """Row numbers to show and whether the middle is cut."""
        if self._n <= MAX_ROWS:
            return list(range(self._n)), False
        half = MAX_ROWS // 2
        return list(range(half)) + list(range(self._n - half, self._n)), True

    def __repr__(self) -> str:
        if not self._cols:
            return "<lexiscope.Table: no columns>"
        rows, cut = self._shown()
        names = self.columns
        index = [str(i) for i in rows]
        cells = {k: [_cell_text(self._cell(k, i)) for i in rows] for k in names}
        numeric = {k: all(_is_number(x) or x is None for x in self._cols[k]) and self._n > 0 for k in names}
        width = {k: max([len(k)] + [len(c) for c in cells[k]]) for k in names}
        iw = max([len(i) for i in index] + [0])

        def line(first: str, values: list[str], keys: list[str]) -> str:
            parts = [first.rjust(iw)]
            for k, v in zip(keys, values):
                parts.append(v.rjust(width[k]) if numeric[k] else v.ljust(width[k]))
            return "  ".join(parts).rstrip()

        out = [line("", names, names)]
        for r, i in enumerate(index):
            if cut and r == MAX_ROWS // 2:
                out.append(line("…", ["…"] * len(names), names))
            out.append(line(i, [cells[k][r] for k in names], names))
        if cut or self._n == 0:
            out.append(f"[{self._n} rows × {len(names)} columns]")
        return "\n".join(out)

    def _repr_html_(self) -> str:
        rows, cut = self._shown()
        names = self.columns
        esc = html.escape
        head = "".join(f"<th>{esc(k)}</th>" for k in names)
        body = []
        for r, i in enumerate(rows):
            if cut and r == MAX_ROWS // 2:
                body.append("<tr><th>…</th>" + "<td>…</td>" * len(names) + "</tr>")
            tds = "".join(f"<td>{esc(_cell_text(self._cell(k, i), 200))}</td>" for k in names)
            body.append(f"<tr><th>{i}</th>{tds}</tr>")
        foot = f"<p>{self._n} rows × {len(names)} columns</p>"
        return (
            "<div class='lexiscope-table'><table class='dataframe'>"
            f"<thead><tr><th></th>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>{foot}</div>"
        )


def _require(name: str) -> Any:
    import importlib

    try:
        return importlib.import_module(name)
    except ImportError:
        raise ImportError(f"to_{name}() needs {name}, which is not installed: pip install lexiscope[{name}]") from None
