"""The type stubs match the compiled module: ``mypy.stubtest`` finds nothing.

Runs ``python -m mypy.stubtest lexiscope`` in a subprocess. That checks every
module of the package, the native ``lexiscope._lexiscope`` against its stub
``_lexiscope.pyi`` (names, parameter names and kinds, defaults, ``@final``), and
type-checks the Python modules that use the stub. pandas, scipy and tqdm are
optional and ship no type information, so their imports are not checked. No
allowlist is needed.
"""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import in_ci

MYPY_CONFIG = """\
[mypy]
cache_dir = {cache}

[mypy-pandas,pandas.*,scipy,scipy.*,tqdm,tqdm.*]
ignore_missing_imports = True
"""


def test_stubtest_passes(tmp_path: Path) -> None:
    if importlib.util.find_spec("mypy") is None:
        if in_ci():
            pytest.fail("mypy is not installed (it is in the test extra: pip install '.[test]')", pytrace=False)
        pytest.skip("mypy is not installed: pip install '.[test]' to check the stubs")
    config = tmp_path / "mypy.ini"
    config.write_text(MYPY_CONFIG.format(cache=tmp_path / "cache"), encoding="utf-8")
    run = subprocess.run(
        [sys.executable, "-m", "mypy.stubtest", "--mypy-config-file", str(config), "lexiscope"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert run.returncode == 0, f"stubtest failed:\n{run.stdout}\n{run.stderr}"
    assert "Success" in run.stdout, run.stdout
