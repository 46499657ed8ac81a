"""The ``>>>`` examples in docstrings run as written, against the installed package.

Examples are collected with :class:`doctest.DocTestFinder` from every module of
the package, Python and native. The native classes declare ``module =
"lexiscope"`` (so that they pickle under their public name), and the finder
does not look at getters of native classes, so the native module is also walked
by hand: every class it exports and every attribute of those classes. Examples
run with the module's globals plus ``lexiscope`` itself, which an example may
use without importing it (as ``lexiscope.Tokenizer()``).

A second test counts the ``>>>`` lines in the sources (``python/lexiscope/*.py``
and the doc comments of ``src/python/*.rs``) and checks that every one of them
was collected, so an example the finder cannot reach does not go unrun.
"""

from __future__ import annotations

import doctest
import importlib
import inspect
import io
import re
from pathlib import Path

import pytest

import lexiscope

ROOT = Path(__file__).resolve().parent.parent

MODULES = [
    "lexiscope",
    "lexiscope.corpus",
    "lexiscope.overlap",
    "lexiscope.frames",
    "lexiscope.table",
    "lexiscope.progress",
    "lexiscope.errors",
    "lexiscope.report",
    "lexiscope.__main__",
    "lexiscope._lexiscope",
]

# Examples known to fail, by doctest name, each with the reason. They run as
# strict xfails: once fixed, the test fails until the entry is removed.
XFAIL: dict[str, str] = {}


def _native_objects(module: object) -> list[tuple[str, object]]:
    """(qualified name, object) of the native module, its classes and their attributes."""
    name = module.__name__  # type: ignore[attr-defined]
    found: list[tuple[str, object]] = [(name, module)]
    for attr, value in sorted(vars(module).items()):
        if inspect.isclass(value):
            found.append((f"{name}.{attr}", value))
            for member, inner in sorted(vars(value).items()):
                found.append((f"{name}.{attr}.{member}", inner))
        elif inspect.isroutine(value):
            found.append((f"{name}.{attr}", value))
    return found


def collect() -> list[doctest.DocTest]:
    finder = doctest.DocTestFinder(exclude_empty=True)
    parser = doctest.DocTestParser()
    tests: list[doctest.DocTest] = []
    seen: set[str] = set()
    for modname in MODULES:
        module = importlib.import_module(modname)
        globs = {**vars(module), "lexiscope": lexiscope}
        for test in finder.find(module, modname, globs=globs):
            if test.examples and test.docstring not in seen:
                seen.add(test.docstring or "")
                tests.append(test)
        if modname == "lexiscope._lexiscope":
            for name, obj in _native_objects(module):
                doc = getattr(obj, "__doc__", None)
                if isinstance(doc, str) and ">>>" in doc and doc not in seen:
                    seen.add(doc)
                    tests.append(parser.get_doctest(doc, dict(globs), name, None, 0))
    return sorted(tests, key=lambda t: t.name)


TESTS = collect()


def _param(test: doctest.DocTest) -> object:
    marks = [pytest.mark.xfail(reason=XFAIL[test.name], strict=True)] if test.name in XFAIL else []
    return pytest.param(test, id=test.name, marks=marks)


@pytest.mark.parametrize("test", [_param(t) for t in TESTS])
def test_docstring_examples(test: doctest.DocTest) -> None:
    out = io.StringIO()
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
    result = runner.run(test, out=out.write, clear_globs=False)
    if result.failed:
        pytest.fail(f"{result.failed} of {result.attempted} examples failed in {test.name}:\n{out.getvalue()}", pytrace=False)


def test_every_example_is_collected() -> None:
    sources = sorted((ROOT / "python" / "lexiscope").glob("*.py")) + sorted((ROOT / "src" / "python").glob("*.rs"))
    prompt = re.compile(r"^\s*(?://[/!]\s?)?>>> ", re.M)
    in_sources = {str(p.relative_to(ROOT)): len(prompt.findall(p.read_text(encoding="utf-8"))) for p in sources}
    collected = sum(len(t.examples) for t in TESTS)
    assert collected == sum(in_sources.values()), (
        f"collected {collected} examples, the sources have {sum(in_sources.values())}: "
        f"{ {k: v for k, v in in_sources.items() if v} }"
    )
    assert XFAIL.keys() <= {t.name for t in TESTS}, "an XFAIL entry names no collected example"
