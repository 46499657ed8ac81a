"""One summary table of every benchmark run by benches/run_all.sh.

Reads benches/results/ (or the directory given):

* ``<bench>.t1.md`` and ``<bench>.t2.md``: each bench's own Markdown output,
  run with ``LEXISCOPE_NUM_THREADS=1`` and ``=2``; ``<bench>.md``: a bench
  run once (its own thread columns, as bench_threads prints them).
* ``*.jsonl``: one JSON object per line with ``task``, ``seconds`` and
  optionally ``tool``, ``anchor``, ``anchor_seconds``, ``threads``,
  ``peak_gb`` or ``peak_mb`` (what bench_scale.py writes).

How a Markdown table is read. Its columns are named by their headers:

* the **task**: a column headed task, call, step, set, data or config;
  without one, the heading above the table (or the bench's name);
* the **tool**: a column headed tool, system, name or method; each row of
  such a table is lexiscope's when its tool names lexiscope, an anchor's
  otherwise. A table without a tool column is read from its headers
  instead: a column whose header names a tool (``lexiscope UPOS acc``,
  ``spaCy sm UPOS acc``) starts that tool's columns, and a table that names
  no tool at all is lexiscope's alone (bench_interrupt, bench_workflow);
* the **figure**: the first time column (``seconds``, ``s``, ``... s``,
  ``time``) or, when there is none, the first rate column (``words/s``,
  ``docs/s``, ``MB/s``), kept with its unit. Columns headed ``1 thread`` and
  ``2 threads`` give the two thread counts of one run;
* the **peak memory**: a ``peak MB`` column (the absolute one when there
  are two) or a ``peak GiB`` one.

Per task the first lexiscope figure and the first anchor figure count. The
table printed: bench, task, unit, lexiscope (2 threads when run, else 1),
anchor and its figure, ratio (how many times faster lexiscope is: anchor s ÷
lexiscope s, or lexiscope rate ÷ anchor rate), 1 and 2 threads, peak memory
(MB), with the hardware and versions above it.

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
TASK_HEADERS = ("task", "call", "step", "set", "data", "config")
TOOL_HEADERS = ("tool", "system", "name", "method")
# Names that mark a column (or a row) as an anchor's, besides lexiscope's own.
ANCHORS = ("spacy", "scikit", "sklearn", "yake", "textacy", "datasketch", "nltk", "regex")


@dataclass
class Row:
    bench: str
    task: str
    unit: str = "s"
    lexiscope: dict = field(default_factory=dict)  # threads -> figure
    anchor: str = ""
    anchor_value: float | None = None
    peak_mb: float | None = None
    anchor_threads: int | None = None


def number(cell: str) -> float | None:
    m = NUM.search(cell.replace("*", ""))
    return float(m.group().replace(",", "")) if m else None


def tables(text: str) -> list[tuple[str, list[list[str]]]]:
    """The Markdown tables of ``text``, each with the heading above it ("" if
    none): rows of stripped cells, header first."""
    out, cur, heading = [], [], ""
    for line in text.splitlines():
        line = line.strip()
        if line.startswith("|") and line.endswith("|"):
            cells = [c.strip() for c in line[1:-1].split("|")]
            if all(set(c) <= set("-: ") for c in cells):
                continue
            cur.append(cells)
            continue
        if cur:
            out.append((heading, cur))
            cur = []
        if line.startswith("#"):
            heading = line.lstrip("#").strip()
    if cur:
        out.append((heading, cur))
    return out


def is_time(h: str) -> bool:
    h = h.lower()
    return "seconds" in h or h in ("s", "time", "time s") or h.endswith(" s") or h.endswith("(s)")


def rate_unit(h: str) -> str | None:
    m = re.search(r"\b(words|docs|tokens|mb|documents)/s\b", h.lower())
    return m.group(0) if m else None


def threads_of(h: str) -> int | None:
    m = re.match(r"\s*(\d+) threads?\b", h.lower())
    return int(m.group(1)) if m else None


def names_tool(h: str) -> str | None:
    low = h.lower()
    if "lexiscope" in low:
        return "lexiscope"
    return h if any(a in low for a in ANCHORS) else None


def peak_column(low: list[str]) -> tuple[int | None, float]:
    peaks = [i for i, h in enumerate(low) if "peak" in h and ("mb" in h or "gib" in h or "gb" in h)]
    if not peaks:
        return None, 1.0
    i = next((i for i in peaks if "absolute" in low[i]), peaks[0])
    return i, (1024.0 if ("gib" in low[i] or "gb" in low[i]) else 1.0)


def read_markdown(bench: str, threads: int | None, text: str, rows: dict) -> None:
    """Adds the figures of one bench output to ``rows``. ``threads`` is the
    thread count it ran with (None: the tables give it)."""
    for t_index, (heading, table) in enumerate(tables(text)):
        header, body = table[0], table[1:]
        low = [h.lower() for h in header]
        task_i = next((i for i, h in enumerate(low) if h in TASK_HEADERS), None)
        tool_i = next((i for i, h in enumerate(low) if h in TOOL_HEADERS and i != task_i), None)
        peak_i, peak_scale = peak_column(low)
        # Figure columns: (column, owner tool or None for the row's tool, threads, unit).
        figures: list[tuple[int, str | None, int | None, str]] = []
        per_thread = [(i, threads_of(h)) for i, h in enumerate(low) if threads_of(h) and is_time(h)]
        if per_thread:
            figures = [(i, "lexiscope", n, "s") for i, n in per_thread]
        else:
            owner = None if tool_i is not None else "lexiscope"
            if tool_i is None:
                named = [names_tool(h) for h in header]
                if any(named):
                    owner = None
            time_cols = [i for i, h in enumerate(low) if i not in (task_i, tool_i) and is_time(h)]
            rate_cols = [(i, rate_unit(h)) for i, h in enumerate(low) if i not in (task_i, tool_i) and rate_unit(h)]
            cols = [(i, "s") for i in time_cols] or [(i, u) for i, u in rate_cols]
            if tool_i is not None:
                figures = [(cols[0][0], None, threads, cols[0][1])] if cols else []
            elif owner == "lexiscope":
                figures = [(cols[0][0], "lexiscope", threads, cols[0][1])] if cols else []
            else:
                # Wide tables: each figure column belongs to the last column
                # before it (or itself) whose header names a tool.
                seen: set[str] = set()
                for i, unit in cols:
                    who = next((names_tool(header[j]) for j in range(i, -1, -1) if names_tool(header[j])), None)
                    if who and who not in seen:
                        seen.add(who)
                        figures.append((i, who, threads, unit))
        if not figures:
            continue
        default_task = heading or bench
        if t_index and not heading:
            default_task = f"{bench} (table {t_index + 1})"
        for cells in body:
            task = cells[task_i] if task_i is not None and task_i < len(cells) else default_task
            for col, who, n, unit in figures:
                if col >= len(cells):
                    continue
                value = number(cells[col])
                if value is None:
                    continue
                tool = who if who is not None else (cells[tool_i] if tool_i is not None and tool_i < len(cells) else "")
                row = rows.setdefault((bench, task), Row(bench, task, unit))
                n_threads = n if n is not None else 2
                if "lexiscope" in tool.lower():
                    if n_threads not in row.lexiscope:
                        row.lexiscope[n_threads] = value
                        if peak_i is not None and peak_i < len(cells) and (n_threads == 2 or row.peak_mb is None):
                            p = number(cells[peak_i])
                            row.peak_mb = None if p is None else p * peak_scale
                elif row.anchor_value is None or (threads == 2 and row.anchor_threads != 2):
                    # The first anchor row of a task, from the 2-thread run when there is one.
                    if row.anchor_threads != threads or row.anchor_value is None:
                        row.anchor, row.anchor_value, row.anchor_threads = tool, value, threads


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
            row.anchor, row.anchor_value = r.get("anchor", ""), float(r["anchor_seconds"])
        if r.get("peak_gb") is not None:
            row.peak_mb = float(r["peak_gb"]) * 1024
        elif r.get("peak_mb") is not None:
            row.peak_mb = float(r["peak_mb"])


def hardware() -> str:
    cpu = next((x.split(":", 1)[1].strip() for x in open("/proc/cpuinfo") if x.startswith("model name")), platform.processor())
    mem = next((int(x.split()[1]) for x in open("/proc/meminfo") if x.startswith("MemTotal:")), 0) / 2**20
    load = " ".join(open("/proc/loadavg").read().split()[:3])
    return f"{cpu}, {os.cpu_count()} cores, {mem:.0f} GB RAM, {platform.system()} {platform.release()}; load average now {load}"


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
    if x is not None and digits == 0 and abs(x) < 100:
        digits = 2
    return "" if x is None else f"{x:,.{digits}f}"


def summarize(results: Path) -> str:
    rows: dict = {}
    for md in sorted(results.glob("*.md")):
        m = re.fullmatch(r"(.+)\.t([12])\.md", md.name)
        if m:
            read_markdown(m.group(1), int(m.group(2)), md.read_text(encoding="utf-8"), rows)
        elif md.stem in ("threads",):
            read_markdown(md.stem, None, md.read_text(encoding="utf-8"), rows)
    for js in sorted(results.glob("*.jsonl")):
        read_jsonl(js, rows)
    lines = [
        f"Hardware: {hardware()}",
        f"Versions: {versions()}",
        "",
        "| bench | task | unit | lexiscope | anchor | anchor | ratio | 1 thread | 2 threads | peak MB |",
        "|---|---|---|---:|---|---:|---:|---:|---:|---:|",
    ]
    for row in rows.values():
        if not row.lexiscope:
            continue
        best = row.lexiscope.get(2, row.lexiscope.get(1))
        ratio = None
        if row.anchor_value and best:
            ratio = row.anchor_value / best if row.unit == "s" else best / row.anchor_value
        d = 2 if row.unit == "s" else 0
        lines.append(
            f"| {row.bench} | {row.task} | {row.unit} | {fmt(best, d)} | {row.anchor} | {fmt(row.anchor_value, d)} | "
            f"{fmt(ratio, 1) + 'x' if ratio else ''} | {fmt(row.lexiscope.get(1), d)} | {fmt(row.lexiscope.get(2), d)} "
            f"| {fmt(row.peak_mb, 1)} |"
        )
    lines.append("")
    lines.append("ratio: how many times faster lexiscope is than the anchor (seconds: anchor ÷ lexiscope; rates: lexiscope ÷ anchor).")
    return "\n".join(lines)


if __name__ == "__main__":
    print(summarize(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "benches" / "results"))
