"""The HTML report opens in a real browser without a single console error.

The page is loaded in headless Chromium driven over the DevTools protocol on a
pipe (``--remote-debugging-pipe``: NUL-separated JSON on file descriptors 3
and 4, so no websocket client and no extra package). Every console message of
level error, uncaught exception and browser log entry of level error (a
failed load, a blocked request) fails the test. Chromium is Debian's
``chromium`` package, which ``scripts/test.sh`` installs when missing; without
it the test is skipped with a reason, and fails when ``CI`` is set.

Set ``LEXISCOPE_SCREENSHOTS`` to a folder to keep full-page screenshots of the
report and of a document view there.
"""

from __future__ import annotations

import base64
import json
import os
import shutil
import subprocess
import tempfile
import time
from pathlib import Path
from typing import Any

import pytest
from conftest import in_ci

import lexiscope as lx
from lexiscope import display
from lexiscope.report import html_report


def chromium_path() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome", "chrome"):
        found = shutil.which(name)
        if found:
            return found
    return None


def need_chromium() -> str:
    path = chromium_path()
    if path is None:
        reason = "chromium not found (apt-get install -y chromium; scripts/test.sh installs it)"
        if in_ci():
            pytest.fail(f"{reason}; CI is set, so a missing browser is a failure", pytrace=False)
        pytest.skip(reason)
    return path


class Browser:
    """Headless Chromium over the DevTools protocol on a pipe."""

    def __init__(self, exe: str) -> None:
        self._profile = tempfile.mkdtemp(prefix="lx-chromium-")
        to_chrome_r, self._to_chrome = os.pipe()
        self._from_chrome, from_chrome_w = os.pipe()

        def fds() -> None:  # runs in the child: the protocol's fds 3 (in) and 4 (out)
            os.dup2(to_chrome_r, 3)
            os.dup2(from_chrome_w, 4)

        self.proc = subprocess.Popen(
            [
                exe,
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--no-first-run",
                "--no-default-browser-check",
                "--disable-extensions",
                "--remote-debugging-pipe",
                f"--user-data-dir={self._profile}",
                "about:blank",
            ],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            pass_fds=(3, 4),
            preexec_fn=fds,  # noqa: PLW1509 - single-threaded test process
        )
        os.close(to_chrome_r)
        os.close(from_chrome_w)
        self._buf = b""
        self._next = 0
        self.events: list[dict[str, Any]] = []

    def _read(self, deadline: float) -> dict[str, Any]:
        import select

        while b"\0" not in self._buf:
            left = deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError("chromium did not answer in time")
            ready, _, _ = select.select([self._from_chrome], [], [], left)
            if ready:
                chunk = os.read(self._from_chrome, 1 << 16)
                if not chunk:
                    raise RuntimeError("chromium closed the protocol pipe")
                self._buf += chunk
        msg, self._buf = self._buf.split(b"\0", 1)
        return json.loads(msg)

    def call(self, method: str, params: dict[str, Any] | None = None, session: str | None = None, timeout: float = 60) -> Any:
        self._next += 1
        msg: dict[str, Any] = {"id": self._next, "method": method, "params": params or {}}
        if session:
            msg["sessionId"] = session
        os.write(self._to_chrome, json.dumps(msg).encode() + b"\0")
        deadline = time.monotonic() + timeout
        while True:
            reply = self._read(deadline)
            if reply.get("id") == self._next:
                if "error" in reply:
                    raise RuntimeError(f"{method}: {reply['error']}")
                return reply.get("result", {})
            self.events.append(reply)

    def wait_for(self, method: str, timeout: float = 60) -> dict[str, Any]:
        deadline = time.monotonic() + timeout
        for i, ev in enumerate(self.events):
            if ev.get("method") == method:
                return self.events.pop(i)
        while True:
            ev = self._read(deadline)
            if ev.get("method") == method:
                return ev
            self.events.append(ev)

    def open(self, url: str, width: int = 1200) -> str:
        """A new page at ``url``, loaded; returns its session id."""
        target = self.call("Target.createTarget", {"url": "about:blank"})["targetId"]
        session = self.call("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        for domain in ("Page", "Runtime", "Log"):
            self.call(f"{domain}.enable", session=session)
        self.call(
            "Emulation.setDeviceMetricsOverride",
            {"width": width, "height": 900, "deviceScaleFactor": 1, "mobile": False},
            session=session,
        )
        self.call("Page.navigate", {"url": url}, session=session)
        self.wait_for("Page.loadEventFired")
        self.call("Runtime.evaluate", {"expression": "1"}, session=session)  # let queued events arrive
        return session

    def errors(self) -> list[str]:
        """Console errors, uncaught exceptions and error log entries seen so far."""
        out = []
        for ev in self.events:
            m, p = ev.get("method"), ev.get("params", {})
            if m == "Runtime.consoleAPICalled" and p.get("type") in ("error", "assert"):
                out.append("console: " + " ".join(str(a.get("value", a.get("description"))) for a in p.get("args", [])))
            elif m == "Runtime.exceptionThrown":
                out.append("exception: " + json.dumps(p.get("exceptionDetails", {}))[:500])
            elif m == "Log.entryAdded" and p.get("entry", {}).get("level") == "error":
                e = p["entry"]
                out.append(f"log ({e.get('source')}): {e.get('text')} {e.get('url', '')}")
        return out

    def evaluate(self, session: str, expression: str) -> Any:
        r = self.call("Runtime.evaluate", {"expression": expression, "returnByValue": True}, session=session)
        return r["result"].get("value")

    def screenshot(self, session: str, path: Path) -> None:
        metrics = self.call("Page.getLayoutMetrics", session=session)
        size = metrics.get("cssContentSize") or metrics["contentSize"]
        clip = {"x": 0, "y": 0, "width": size["width"], "height": min(size["height"], 6000), "scale": 1}
        shot = self.call(
            "Page.captureScreenshot", {"format": "png", "clip": clip, "captureBeyondViewport": True}, session=session
        )
        path.write_bytes(base64.b64decode(shot["data"]))

    def close(self) -> None:
        try:
            self.call("Browser.close", timeout=10)
        except Exception:  # noqa: BLE001 - already gone is fine
            pass
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        os.close(self._to_chrome)
        os.close(self._from_chrome)
        shutil.rmtree(self._profile, ignore_errors=True)


@pytest.fixture(scope="module")
def browser() -> Any:
    b = Browser(need_chromium())
    yield b
    b.close()


@pytest.fixture(scope="module")
def corpus() -> lx.Corpus:
    return lx.Corpus.from_files(lx.sample_paths())


def _shots() -> Path | None:
    folder = os.environ.get("LEXISCOPE_SCREENSHOTS")
    if not folder:
        return None
    Path(folder).mkdir(parents=True, exist_ok=True)
    return Path(folder)


def test_browser_check_sees_console_errors(browser: Browser, tmp_path: Path) -> None:
    # The check itself must catch an error, or a clean page proves nothing.
    page = tmp_path / "bad.html"
    page.write_text("<!DOCTYPE html><p>x</p><script>console.error('boom'); undefinedCall();</script>")
    browser.events.clear()
    browser.open(page.as_uri())
    errors = browser.errors()
    assert any("boom" in e for e in errors) and any("exception" in e for e in errors), errors


def test_report_page_has_no_console_errors(browser: Browser, corpus: lx.Corpus, tmp_path: Path) -> None:
    page = tmp_path / "report.html"
    page.write_text(html_report(corpus), encoding="utf-8")
    browser.events.clear()
    session = browser.open(page.as_uri())
    assert browser.errors() == []
    # What a reader sees: every section, the heatmap's cells, the marks.
    n = len(corpus)
    assert browser.evaluate(session, "document.querySelectorAll('section').length") >= 4 + n
    assert browser.evaluate(session, "document.querySelectorAll('svg rect.cell').length") == n * n
    assert browser.evaluate(session, "document.querySelectorAll('span.ent').length") > 20
    assert browser.evaluate(session, "document.querySelectorAll('span.rm').length") > 0
    assert browser.evaluate(session, "document.querySelectorAll('script, link, img, iframe').length") == 0
    # Nothing wider than the window (no horizontal scrolling).
    assert browser.evaluate(session, "document.documentElement.scrollWidth <= window.innerWidth + 1")
    shots = _shots()
    if shots is not None:
        browser.screenshot(session, shots / "report.png")


def test_document_view_renders_the_marks(browser: Browser, corpus: lx.Corpus, tmp_path: Path) -> None:
    doc = corpus.ids[1]
    page = tmp_path / "doc.html"
    page.write_text(f"<!DOCTYPE html><meta charset='utf-8'><body>{display.document(corpus, doc)}</body>", encoding="utf-8")
    browser.events.clear()
    session = browser.open(page.as_uri(), width=1000)
    assert browser.errors() == []
    # The rendered text is the document's text, character for character.
    shown = browser.evaluate(session, "document.querySelector('.doc').textContent")
    assert shown == corpus.text(doc)
    struck = browser.evaluate(session, "[...document.querySelectorAll('.doc span.rm')].map(s => s.textContent).join('')")
    assert struck == "".join(corpus.removed(doc, as_dict=True)["text"])
    shots = _shots()
    if shots is not None:
        browser.screenshot(session, shots / "document.png")


def test_heatmap_page_at_100_documents(browser: Browser, tmp_path: Path) -> None:
    texts = [corpus_text for corpus_text in (Path(p).read_text(encoding="utf-8") for p in lx.sample_paths())]
    docs = [f"{t}\nItem {i} adds the words {' '.join(f'w{i}x{k}' for k in range(30))}." for i in range(20) for t in texts]
    c = lx.Corpus(docs, ids=[f"outlet_{i:03d}_article_about_the_river_treaty.txt" for i in range(len(docs))])
    page = tmp_path / "heat.html"
    page.write_text(f"<!DOCTYPE html><meta charset='utf-8'><body>{display.heatmap(c.overlap())}</body>", encoding="utf-8")
    browser.events.clear()
    session = browser.open(page.as_uri())
    assert browser.errors() == []
    assert browser.evaluate(session, "document.querySelectorAll('svg rect.cell').length") == 100 * 100
    # Row labels and column numbers do not overlap one another.
    boxes = browser.evaluate(
        session,
        "[...document.querySelectorAll('svg > text')].map(t => {const b = t.getBBox();"
        " return [t.getAttribute('text-anchor'), b.x, b.y, b.width, b.height]})",
    )
    rows = sorted((y, y + h) for a, _, y, _, h in boxes if a == "end" and h > 0)[:-1]  # the scale's "0" (lowest) aside
    cols = sorted((x, x + w) for a, x, _, w, _ in boxes if a == "middle")
    assert len(rows) >= 20 and len(cols) >= 10
    assert all(b[0] >= a[1] - 0.5 for a, b in zip(rows, rows[1:])), rows
    assert all(b[0] >= a[1] - 0.5 for a, b in zip(cols, cols[1:])), cols
    shots = _shots()
    if shots is not None:
        browser.screenshot(session, shots / "heatmap100.png")


def test_cli_writes_the_page(tmp_path: Path) -> None:
    import sys

    page = tmp_path / "r.html"
    out = subprocess.run(
        [sys.executable, "-m", "lexiscope", "report", "--html", str(page), "--quiet"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout == ""
    text = page.read_text(encoding="utf-8")
    assert text.startswith("<!DOCTYPE html>") and "01_meridian_herald.txt" in text
    assert "http://" not in text.replace("http://www.w3.org/2000/svg", "") and "https://" not in text


def test_report_lists_shared_quotes_when_the_corpus_finds_quotes(monkeypatch: pytest.MonkeyPatch, corpus: lx.Corpus) -> None:
    from lexiscope.report import text_report

    a, b = corpus.ids[0], corpus.ids[1]
    ta = corpus.text(a)
    s = ta.index("“No country")
    e = ta.index("”", s) + 1

    def quotes(self: Any, *, as_dict: bool = False) -> dict[str, list[Any]]:
        return {
            "doc": [a, b],
            "start": [s, 0],
            "end": [e, 4],
            "text": [ta[s + 1 : e - 1], "Home"],
            "speaker": ["Petrenko", "he"],
            "entity": ["Aleksandr Petrenko", None],
            "also_in": [[b], [a]],
        }

    monkeypatch.setattr(lx.Corpus, "quotes", quotes, raising=False)
    text = text_report(corpus)
    block = text.split("Shared quotes:")[1].split("Near duplicates:")[0]
    assert block.count("also in") == 1  # once per quote, in its first document
    assert "Aleksandr Petrenko: “No country" in block
    page = html_report(corpus)
    assert "<section id='quotes'>" in page and "Aleksandr Petrenko" in page


def test_report_shows_top_terms_as_written() -> None:
    from lexiscope.report import text_report

    corpus = lx.Corpus(
        [
            "Veltrana signed the accord. Officials in Veltrana said the U.S. welcomed it. The U.S. envoy left.",
            "The river rose after rain in Korsa. Farmers in Korsa moved their herds.",
            "Rain fell on the farms. Then rain fell again, and rain kept the farms wet.",
        ]
    )
    lines = [line for line in text_report(corpus).splitlines() if line.strip().startswith("top terms:")]
    assert len(lines) == 3
    assert "Veltrana (2)" in lines[0] and "U.S. (2)" in lines[0]
    assert "veltrana" not in lines[0] and "u.s." not in lines[0]
    assert "Korsa (2)" in lines[1]
    assert "rain (3)" in lines[2]  # the sentence's capital does not make a name
