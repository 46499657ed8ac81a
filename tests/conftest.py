"""Shared fixtures: paths to ../shared (seeds, eval sets) when present.

Every test that reads ``../shared`` goes through :func:`shared_path` (or a
fixture built on it). When a path is missing the test is skipped with a reason
naming the path, and ``-ra`` lists the reason in the summary; when the
environment variable ``CI`` is set (``.ci/run`` sets it), a missing path fails
the test instead, so CI cannot pass without the data.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("LEXISCOPE_SHARED", ROOT.parent / "shared"))


def in_ci() -> bool:
    """True when ``CI`` is set to anything but an empty, ``0`` or ``false`` value."""
    return os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")


def missing(path: Path, what: str = "not found") -> None:
    """Skip the running test because ``path`` is unusable, or fail it under CI."""
    reason = f"{path} {what}: set LEXISCOPE_SHARED to the shared folder to run this test"
    if in_ci():
        pytest.fail(f"{reason} (CI is set, so missing data is a failure)", pytrace=False)
    pytest.skip(reason)


def shared_path(*parts: str, glob: str | None = None) -> Path:
    """A path under ../shared (``$LEXISCOPE_SHARED``), or skip the test saying
    which path is missing (fail under CI). With ``glob``, the path must be a
    folder holding at least one file that matches it."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        missing(path)
    if glob is not None and not any(path.glob(glob)):
        missing(path, f"has no {glob} files")
    return path


@pytest.fixture
def seeds() -> dict[str, str]:
    """The seed articles, keyed by their three-digit prefix ('000' .. '004')."""
    folder = shared_path("seeds", glob="*.txt")
    return {p.name[:3]: p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.txt"))}
