"""Every long call reports progress, and ``progress=False`` is silent."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

import lexiscope as lx
import lexiscope.progress


def fresh() -> lx.Corpus:
    return lx.Corpus.from_files(lx.sample_paths(), progress=False)


CALLS: dict[str, Callable[[lx.Corpus, Any], Any]] = {
    "entities": lambda c, p: c.entities(progress=p),
    "mentions": lambda c, p: c.mentions(progress=p),
    "keywords": lambda c, p: c.keywords(progress=p),
    "keywords corpus": lambda c, p: c.keywords(scope="corpus", progress=p),
    "quotes": lambda c, p: c.quotes(progress=p),
    "overlap": lambda c, p: c.overlap(progress=p),
    "neighbors": lambda c, p: c.neighbors(3, progress=p),
    "top_k": lambda c, p: c.overlap(progress=False).top_k(3, progress=p),
    "stories": lambda c, p: c.overlap(progress=False).stories(progress=p),
    "ov.matrix": lambda c, p: c.overlap(progress=False).matrix(progress=p),
    "near_duplicates": lambda c, p: c.near_duplicates(progress=p),
    "matrix": lambda c, p: c.matrix(progress=p),
}


@pytest.mark.parametrize("name", sorted(CALLS))
def test_each_long_call_reports_progress(name: str) -> None:
    seen: list[tuple[int, int | None]] = []
    CALLS[name](fresh(), lambda done, total: seen.append((done, total)))
    assert seen, f"{name} reported nothing"
    counts = [d for d, _ in seen]
    assert counts == sorted(counts), "progress never goes back"
    assert counts[-1] > 0, f"{name} reported no work done: {seen}"


@pytest.mark.parametrize("name", sorted(CALLS))
def test_progress_false_is_silent(name: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    def no_bar(*a: Any, **k: Any) -> Any:
        raise AssertionError("a bar was made with progress=False")

    monkeypatch.setattr(lexiscope.progress, "bar", no_bar)
    CALLS[name](fresh(), False)
    out = capsys.readouterr()
    assert out.out == "" and out.err == ""


def test_forced_bar_writes_to_stderr(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    # The plain bar (what shows without tqdm), forced on with progress=True.
    monkeypatch.setattr(lexiscope.progress, "_in_kernel", lambda: False)
    monkeypatch.setitem(__import__("sys").modules, "tqdm.auto", None)
    fresh().entities(progress=True)
    out = capsys.readouterr()
    assert out.out == ""
    assert out.err.startswith("\rentities: ") and out.err.endswith("\n")


def test_nested_calls_report_once() -> None:
    seen: list[tuple[int, int | None]] = []
    c = fresh()
    c.neighbors(3, progress=lambda d, t: seen.append((d, t)))
    counts = [d for d, _ in seen]
    assert counts == sorted(counts)


def test_default_bar_only_where_watched(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    # progress=None: no bar when stderr is not a terminal (a log, a pipe), a bar when it is.
    made: list[str] = []
    real_bar = lexiscope.progress.bar

    def spy(total: Any, desc: str, delay: float = 1.0, unit: str = "doc") -> Any:
        made.append(desc)
        return real_bar(total, desc, delay, unit)

    monkeypatch.setattr(lexiscope.progress, "bar", spy)
    monkeypatch.setattr(lexiscope.progress, "_in_kernel", lambda: False)
    monkeypatch.setattr(lexiscope.progress, "watched", lambda: False)
    fresh().entities()
    assert made == [] and capsys.readouterr().err == ""
    monkeypatch.setattr(lexiscope.progress, "watched", lambda: True)
    fresh().entities()
    assert made, "a watched default call makes its (delayed) bar"


def test_tqdm_not_imported_for_short_calls(monkeypatch: pytest.MonkeyPatch) -> None:
    # A bar that never reaches its delay does not import tqdm (its import costs more than many calls).
    import sys

    monkeypatch.delitem(sys.modules, "tqdm.auto", raising=False)
    monkeypatch.setattr(lexiscope.progress, "_have_tqdm", lambda: True)
    b = lexiscope.progress.bar(10, "short", delay=60.0)
    b.update(5, 10)
    b.close()
    assert "tqdm.auto" not in sys.modules
