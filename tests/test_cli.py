"""The command line: python -m lexiscope report."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import lexiscope as lx


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "lexiscope", *args], capture_output=True, text=True, check=False)


def test_report_on_bundled_sample() -> None:
    paths = lx.sample_paths()
    assert len(paths) >= 5
    out = run("report")
    assert out.returncode == 0, out.stderr
    for p in paths:
        assert Path(p).name in out.stdout
    assert "tokens" in out.stdout and "top terms" in out.stdout


def test_report_on_files(tmp_path: Path) -> None:
    a = tmp_path / "a.txt"
    a.write_text("Sanctions, sanctions and more sanctions on Russia.", encoding="utf-8")
    out = run("report", str(a))
    assert out.returncode == 0, out.stderr
    assert "a.txt" in out.stdout and "sanctions (3)" in out.stdout


def test_report_bad_file(tmp_path: Path) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"ok \xff\xfe broken")
    out = run("report", str(bad))
    assert out.returncode == 1
    assert "bad.txt" in out.stderr and "byte 3" in out.stderr
    missing = run("report", str(tmp_path / "nope.txt"))
    assert missing.returncode == 1 and "nope.txt" in missing.stderr
