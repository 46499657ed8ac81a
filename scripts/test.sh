#!/usr/bin/env bash
# Installs everything the tests need and runs every check: Rust format, lint
# and tests, then the Python suite against the freshly installed package.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON="${PYTHON:-python3}"

"$PYTHON" -m pip install --quiet --upgrade pip
"$PYTHON" -m pip install --quiet ".[test]"

cargo fmt --all -- --check
cargo clippy --all-targets -- -D warnings
cargo clippy --all-targets --features python -- -D warnings
cargo test --quiet

# The Python suite, against the package just installed. Besides the unit tests
# it runs the README's tour (tests/test_readme.py), every docstring example
# (tests/test_doctests.py) and `mypy.stubtest lexiscope`, which checks
# _lexiscope.pyi against the compiled module (tests/test_stubs.py).
"$PYTHON" -m pytest -q -p no:cacheprovider tests
