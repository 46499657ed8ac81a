"""One summary table of every benchmark run by benches/run_all.sh.

Reads benches/results/ (or the directory given):

* ``<bench>.t1.md`` and ``<bench>.t2.md``: each bench's own Markdown output,
  run with ``LEXISCOPE_NUM_THREADS=1`` and ``=2``. In each table with a task
  (or first) column, a tool (or second) column and a time column (a header
  with "seconds", "time" or "s"), a row whose tool names lexiscope is a
  lexiscope row and any other an anchor row; per task, the first of each.
  A peak-memory column ("peak MB", the absolute one when there are two)
  is read when present.
* ``*.jsonl``: one JSON object per line with ``task``, ``seconds`` and
  optionally ``tool``, ``anchor``, ``anchor_seconds``, ``threads``,
  ``peak_gb`` or ``peak_mb`` (what bench_scale.py writes).

and prints one Markdown table: task, lexiscope (2 threads, s), anchor (s),
ratio (anchor ÷ lexiscope), 1 and 2 threads (s), peak memory (MB), with the
hardware and versions above it.

    python benches/summary.py [RESULTS_DIR]
"""

from __future__ import annotations

import json
import os
import platform
import re
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NUM = re.compile(r"-?\d[\d,]*\.?\d*")


@dataclass
class Row:
    bench: str
    task: str
    lexiscope: dict = field(default_factory=dict)  # threads -> seconds
    anchor: str = ""
    anchor_s: float | None = None
    peak_mb: float | None = None


def number(cell: str) -> float | None:
    m = NUM.search(cell.replace("*", ""))
    return float(m.group().replace(",", "")) if m else None


def tables(text: str) -> list[list[list[str]]]:
    """The Markdown tables of ``text``: rows of stripped cells, header first."""
    out, cur = [], []
    for line in text.splitlines():
        line = line.strip()
        if line.startswith("|") and line.endswith("|"):
            cells = [c.strip() for c in line[1:-1].split("|")]
            if all(set(c) <= set("-: ") for c in cells):
                continue
            cur.append(cells)
        elif cur:
            out.append(cur)
            cur = []
    if cur:
        out.append(cur)
    return out


def columns(header: list[str]) -> tuple[int, int, int | None, int | None]:
    low = [h.lower() for h in header]
    task = next((i for i, h in enumerate(low) if h in ("task", "call", "step")), 0)
    tool = next((i for i, h in enumerate(low) if h in ("tool", "name", "method")), 1 if task == 0 else 0)
    time = next(
        (i for i, h in enumerate(low) if i not in (task, tool) and ("seconds" in h or h in ("s", "time s", "time") or h.endswith(" s"))),
        None,
    )
    peaks = [i for i, h in enumerate(low) if "peak" in h and "mb" in h]
    peak = next((i for i in peaks if "absolute" in low[i]), peaks[0] if peaks else None)
    return task, tool, time, peak


def read_markdown(bench: str, threads: int, text: str, rows: dict) -> None:
    for table in tables(text):
        header, body = table[0], table[1:]
        task_i, tool_i, time_i, peak_i = columns(header)
        if time_i is None:
            continue
        for cells in body:
            if len(cells) <= max(task_i, tool_i, time_i):
                continue
            secs = number(cells[time_i])
            if secs is None:
                continue
            task, tool = cells[task_i], cells[tool_i]
            row = rows.setdefault((bench, task), Row(bench, task))
            if "lexiscope" in tool.lower():
                if threads not in row.lexiscope:
                    row.lexiscope[threads] = secs
                    if peak_i is not None and threads == 2 and len(cells) > peak_i:
                        row.peak_mb = number(cells[peak_i])
            elif row.anchor_s is None and threads == 2:
                row.anchor, row.anchor_s = tool, secs


def read_jsonl(path: Path, rows: dict) -> None:
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        r = json.loads(line)
        if "task" not in r or r.get("seconds") is None:
            continue
        bench = r.get("bench", path.stem)
        row = rows.setdefault((bench, r["task"]), Row(bench, r["task"]))
        row.lexiscope[int(r.get("threads", 2))] = float(r["seconds"])
        if r.get("anchor_seconds") is not None:
            row.anchor, row.anchor_s = r.get("anchor", ""), float(r["anchor_seconds"])
        if r.get("peak_gb") is not None:
            row.peak_mb = float(r["peak_gb"]) * 1024
        elif r.get("peak_mb") is not None:
            row.peak_mb = float(r["peak_mb"])


def hardware() -> str:
    cpu = next((x.split(":", 1)[1].strip() for x in open("/proc/cpuinfo") if x.startswith("model name")), platform.processor())
    mem = next((int(x.split()[1]) for x in open("/proc/meminfo") if x.startswith("MemTotal:")), 0) / 2**20
    return f"{cpu}, {os.cpu_count()} cores, {mem:.0f} GB RAM, {platform.system()} {platform.release()}"


def versions() -> str:
    code = (
        "import importlib.metadata as m\n"
        "try:\n    import lexiscope; print('lexiscope', lexiscope.__version__)\n"
        "except Exception: pass\n"
        "for p in ['scikit-learn','spacy','yake','textacy','datasketch','numpy','scipy']:\n"
        "    try: print(p, m.version(p))\n"
        "    except Exception: pass\n"
    )
    try:
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60).stdout
    except (OSError, subprocess.SubprocessError):
        out = ""
    pairs = out.split()
    found = ", ".join(f"{pairs[i]} {pairs[i + 1]}" for i in range(0, len(pairs) - 1, 2))
    return f"Python {platform.python_version()}; {found}"


def fmt(x: float | None, digits: int = 2) -> str:
    return "" if x is None else f"{x:,.{digits}f}"


def summarize(results: Path) -> str:
    rows: dict = {}
    for md in sorted(results.glob("*.t[12].md")):
        bench, threads = md.name[: -len(".t1.md")], int(md.name[-4])
        read_markdown(bench, threads, md.read_text(encoding="utf-8"), rows)
    for js in sorted(results.glob("*.jsonl")):
        read_jsonl(js, rows)
    lines = [
        f"Hardware: {hardware()}",
        f"Versions: {versions()}",
        "",
        "| bench | task | lexiscope s | anchor | anchor s | ratio | 1 thread s | 2 threads s | peak MB |",
        "|---|---|---:|---|---:|---:|---:|---:|---:|",
    ]
    for row in rows.values():
        if not row.lexiscope:
            continue
        best = row.lexiscope.get(2, row.lexiscope.get(1))
        ratio = row.anchor_s / best if row.anchor_s and best else None
        lines.append(
            f"| {row.bench} | {row.task} | {fmt(best)} | {row.anchor} | {fmt(row.anchor_s)} | "
            f"{fmt(ratio, 1) + 'x' if ratio else ''} | {fmt(row.lexiscope.get(1))} | {fmt(row.lexiscope.get(2))} "
            f"| {fmt(row.peak_mb, 0)} |"
        )
    return "\n".join(lines)


if __name__ == "__main__":
    print(summarize(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "benches" / "results"))
