"""Shared fixtures: paths to ../shared (seeds, eval sets) when present."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("LEXISCOPE_SHARED", ROOT.parent / "shared"))


def shared_path(*parts: str) -> Path:
    """A path under ../shared, or skip the test saying why."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} not found: set LEXISCOPE_SHARED to the shared folder to run this test")
    return path


@pytest.fixture
def seeds() -> dict[str, str]:
    """The seed articles, keyed by their three-digit prefix ('000' .. '004')."""
    folder = shared_path("seeds")
    return {p.name[:3]: p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.txt"))}
