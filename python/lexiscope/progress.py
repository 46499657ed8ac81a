"""Progress bars for long calls.

The core calls ``update(done, total)`` at the start, every few tens of
milliseconds while it works, and at the end (see ``src/python/enter.rs``);
``close()`` is called once after. What is shown:

* in a Jupyter kernel: one text line kept up to date through a display
  handle, so it moves in a live notebook and a notebook executed from the
  command line (nbconvert, papermill) keeps its final state, not a widget
  frozen at 0%;
* elsewhere, ``tqdm.auto`` when tqdm is installed;
* else a plain bar written to stderr (never stdout), redrawn in place.

With ``delay`` (seconds), nothing appears for calls that end sooner, and
tqdm is not even imported (its import costs about 0.1 s, more than many
calls). By default (``progress=None``) a bar is drawn only where someone
can watch it: in a Jupyter kernel or when stderr is a terminal, so logs
and redirected output stay clean; ``progress=True`` draws one anywhere.

Calls that know their count (building a corpus: documents) report it; the
others (entities, keyphrases, quotes, overlap, neighbours, stories, near
duplicates, matrices) report through :func:`reporting` the items the core's
parallel loops have started (documents, rows, chunks of pairs, over each
pass the call makes), so the display counts up with no total.
"""

from __future__ import annotations

import importlib.util
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

__all__ = ["bar", "reporting", "watched"]


def _in_kernel() -> bool:
    shell = sys.modules.get("IPython")
    if shell is None:
        return False
    try:
        ip = shell.get_ipython()  # type: ignore[attr-defined]
    except Exception:
        return False
    return ip is not None and type(ip).__name__ == "ZMQInteractiveShell"


def _text(desc: str, done: int, total: int | None, elapsed: float, unit: str = "doc", width: int = 30) -> str:
    if total:
        frac = min(max(done / total, 0.0), 1.0)
        full = int(frac * width)
        return f"{desc}: {frac:4.0%} |{'█' * full}{' ' * (width - full)}| {done}/{total} {unit} [{elapsed:.1f}s]"
    return f"{desc}: {done} {unit} [{elapsed:.1f}s]"


class _Bar:
    """Shared logic: appear after ``delay``, redraw at most every 0.1 s, end at the last count."""

    def __init__(self, total: int | None, desc: str, delay: float, unit: str = "doc") -> None:
        self.unit = unit
        self.total = total
        self.desc = desc
        self.delay = delay
        self.start = time.monotonic()
        self.done = 0
        self.shown = False
        self.last = 0.0
        self.drawn = -1

    def update(self, done: int, total: Any = None) -> None:
        self.done = done
        if total is not None:
            self.total = total
        now = time.monotonic()
        if now - self.start < self.delay:
            return
        if not self.shown or now - self.last >= 0.1:
            self.last = now
            self.draw(final=False)
            self.shown = True
            self.drawn = done

    def close(self) -> None:
        if self.shown:
            # The last state, and for the stderr bar the end of its line.
            self.draw(final=True)
        self.end()

    def draw(self, final: bool) -> None:  # pragma: no cover - overridden
        raise NotImplementedError

    def end(self) -> None:
        pass


class _StderrBar(_Bar):
    def draw(self, final: bool) -> None:
        if final and self.drawn == self.done:
            sys.stderr.write("\n")
            sys.stderr.flush()
            return
        line = _text(self.desc, self.done, self.total, time.monotonic() - self.start, self.unit)
        sys.stderr.write("\r" + line + ("\n" if final else ""))
        sys.stderr.flush()


class _KernelBar(_Bar):
    handle: Any = None

    def draw(self, final: bool) -> None:
        import importlib

        display = importlib.import_module("IPython.display").display
        line = _text(self.desc, self.done, self.total, time.monotonic() - self.start, self.unit)
        obj = {"text/plain": line}
        if self.handle is None:
            self.handle = display(obj, raw=True, display_id=True)
        else:
            self.handle.update(obj, raw=True)


class _TqdmBar(_Bar):
    """Made (and tqdm imported) once ``delay`` has passed; tqdm times the work from then."""

    bar: Any = None

    def update(self, done: int, total: Any = None) -> None:
        if total is not None:
            self.total = total
        if self.bar is None:
            if time.monotonic() - self.start < self.delay:
                return
            from tqdm.auto import tqdm

            self.bar = tqdm(total=self.total, desc=self.desc, unit=self.unit, file=sys.stderr)
        if self.total is not None and self.bar.total != self.total:
            self.bar.total = self.total
        self.bar.update(done - self.bar.n)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()


def _have_tqdm() -> bool:
    """Whether tqdm can be imported, without importing it."""
    if "tqdm.auto" in sys.modules:  # imported already, or blocked (set to None)
        return sys.modules["tqdm.auto"] is not None
    return importlib.util.find_spec("tqdm") is not None


def watched() -> bool:
    """Whether a default (``progress=None``) bar has someone to show it to:
    a Jupyter kernel, or stderr attached to a terminal."""
    if _in_kernel():
        return True
    try:
        return sys.stderr is not None and sys.stderr.isatty()
    except (AttributeError, ValueError):  # replaced or closed stderr
        return False


def bar(total: int | None, desc: str, delay: float = 1.0, unit: str = "doc") -> _Bar:
    """A progress display for a call over ``total`` items (None: unknown) of ``unit``."""
    if _in_kernel():
        return _KernelBar(total, desc, delay, unit)
    if _have_tqdm():
        return _TqdmBar(total, desc, delay, unit)
    return _StderrBar(total, desc, delay, unit)


_active = threading.local()


@contextmanager
def reporting(progress: Any, desc: str, unit: str = "item") -> Iterator[None]:
    """Shows the progress of the core calls made inside the block on this
    thread (``progress`` as for :class:`lexiscope.Corpus`: None, True, False
    or a callable). Inside another ``reporting`` block, the outer one reports."""
    from lexiscope._inputs import _progress_callback
    from lexiscope._lexiscope import _report_progress

    if getattr(_active, "on", False):
        yield
        return
    callback, close = _progress_callback(progress, None, desc, unit=unit)
    _active.on = True
    if callback is not None:
        _report_progress(callback)
    try:
        yield
    finally:
        if callback is not None:
            _report_progress(None)
        _active.on = False
        close()
