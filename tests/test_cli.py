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
    assert "--errors replace" in out.stderr
    missing = run("report", str(tmp_path / "nope.txt"))
    assert missing.returncode == 1 and "nope.txt" in missing.stderr


def test_report_options_are_checked() -> None:
    for bad, said in (("-3", "must be at least 1, got -3"), ("0", "must be at least 1"), ("abc", "expected a whole number")):
        out = run("report", "--top", bad)
        assert out.returncode == 2, out.stderr
        assert "Traceback" not in out.stderr and said in out.stderr and "usage:" in out.stderr
    out = run("report", "--errors", "ignore")
    assert out.returncode == 2 and "invalid choice" in out.stderr
    out = run("report", "--quiet")
    assert out.returncode == 2 and "--quiet needs --html" in out.stderr


def test_report_errors_replace(tmp_path: Path) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"Sanctions \xff\xfe on Russia were extended. Sanctions again.")
    out = run("report", "--errors", "replace", str(bad))
    assert out.returncode == 0, out.stderr
    assert "bad.txt" in out.stdout and "Sanctions (2)" in out.stdout  # both start a sentence


def test_report_on_jsonl(tmp_path: Path) -> None:
    import json

    path = tmp_path / "docs.jsonl"
    rows = [{"id": "a", "text": "Sanctions on Russia were extended in Geneva."}, {"id": "b", "text": "Talks in Geneva on sanctions."}]
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    page = tmp_path / "r.html"
    out = run("report", "--jsonl", str(path), "--html", str(page))
    assert out.returncode == 0, out.stderr
    assert out.stdout.startswith("lexiscope report: 2 documents") and "Stories:" in out.stdout
    assert "Strongest overlaps:" in out.stdout
    assert "Geneva" in page.read_text(encoding="utf-8")
    both = run("report", "--jsonl", str(path), str(path))
    assert both.returncode == 2 and "not both" in both.stderr
    missing = run("report", "--jsonl", str(tmp_path / "none.jsonl"))
    assert missing.returncode == 1 and "none.jsonl" in missing.stderr
