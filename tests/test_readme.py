"""The README's tour runs as written, on the bundled sample, and prints what it shows.

The ``python`` blocks run in order in one namespace, as a reader would run them
in one interpreter. A ``python`` block followed directly by a ``text`` block must
print exactly that text (trailing spaces aside). The printed tables are
``lexiscope.Table`` objects, which need neither pandas nor polars.
"""

from __future__ import annotations

import contextlib
import io
import re
from pathlib import Path

import pytest

README = Path(__file__).resolve().parent.parent / "README.md"
FENCE = re.compile(r"```(\w+)\n(.*?)```", flags=re.S)


def fenced() -> list[tuple[str, str, int]]:
    """(language, body, line number) of every fenced block, in order."""
    text = README.read_text(encoding="utf-8")
    return [(m.group(1), m.group(2), text.count("\n", 0, m.start()) + 1) for m in FENCE.finditer(text)]


def python_blocks() -> list[tuple[str, str | None, int]]:
    """(code, expected output or None, line number) of each python block."""
    blocks = fenced()
    out = []
    for i, (lang, body, line) in enumerate(blocks):
        if lang == "python":
            nxt = blocks[i + 1] if i + 1 < len(blocks) else None
            expected = nxt[1] if nxt is not None and nxt[0] == "text" else None
            out.append((body, expected, line))
    return out


def _lines(text: str) -> list[str]:
    return [line.rstrip() for line in text.rstrip().splitlines()]


def test_readme_opens_with_two_commands() -> None:
    blocks = [body for lang, body, _ in fenced() if lang == "bash"]
    assert blocks[0].strip() == "pip install . && python -m lexiscope report"
    assert blocks[1].strip() == "bash scripts/test.sh"
    ci = (README.parent / ".ci" / "run").read_text()
    assert "bash scripts/test.sh" in ci


BLOCKS = python_blocks()


@pytest.mark.parametrize("index", range(len(BLOCKS)), ids=[f"line{b[2]}" for b in BLOCKS])
def test_readme_block_runs(index: int) -> None:
    namespace: dict = {}
    # The blocks before this one set up the state it continues.
    for code, _, line in BLOCKS[:index]:
        with contextlib.redirect_stdout(io.StringIO()):
            exec(compile(code, f"{README}:{line}", "exec"), namespace)  # noqa: S102 - the README is ours
    code, expected, line = BLOCKS[index]
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        exec(compile(code, f"{README}:{line}", "exec"), namespace)  # noqa: S102
    if expected is not None:
        assert _lines(printed.getvalue()) == _lines(expected), f"README block at line {line} prints something else"


def test_readme_has_a_tour() -> None:
    assert len(BLOCKS) >= 5
    assert all(expected is not None for _, expected, _ in BLOCKS), "every tour block shows its output"
