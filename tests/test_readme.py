"""The README's tour runs as written, on the bundled sample."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

README = Path(__file__).resolve().parent.parent / "README.md"


def python_blocks() -> list[str]:
    return re.findall(r"```python\n(.*?)```", README.read_text(encoding="utf-8"), flags=re.S)


def test_readme_opens_with_two_commands() -> None:
    text = README.read_text(encoding="utf-8")
    blocks = re.findall(r"```bash\n(.*?)```", text, flags=re.S)
    assert blocks[0].strip() == "pip install . && python -m lexiscope report"
    assert blocks[1].strip() == "bash scripts/test.sh"
    ci = (README.parent / ".ci" / "run").read_text()
    assert "bash scripts/test.sh" in ci


@pytest.mark.parametrize("block", python_blocks())
def test_readme_block_runs(block: str) -> None:
    namespace: dict = {}
    exec(compile(block, str(README), "exec"), namespace)  # noqa: S102 - the README is ours
