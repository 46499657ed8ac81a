#!/usr/bin/env bash
# Installs everything the tests need and runs every check: Rust format, lint
# and tests, then the Python suite against the freshly installed package.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON="${PYTHON:-python3}"

"$PYTHON" -m pip install --quiet --upgrade pip
"$PYTHON" -m pip install --quiet ".[test]"

# tests/test_report.py opens the HTML report in headless Chromium (Debian's
# `chromium`); install it when missing and we may (root, or sudo without a
# password). Without it that test is skipped, or fails when CI is set.
if ! command -v chromium >/dev/null 2>&1 && ! command -v chromium-browser >/dev/null 2>&1; then
    if [ "$(id -u)" = 0 ]; then
        apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
    elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
        sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
    else
        echo "chromium not found and cannot be installed here: the browser test will skip (or fail under CI)" >&2
    fi
fi

cargo fmt --all -- --check
cargo clippy --all-targets -- -D warnings
cargo clippy --all-targets --features python -- -D warnings
cargo test --quiet
# The fuzz targets (fuzz/, run with nightly by scripts/fuzz.sh) still compile
# against the core's API: stable `cargo check` is enough to tell.
cargo check --quiet --manifest-path fuzz/Cargo.toml --bins

# The Python suite, against the package just installed. Besides the unit tests
# it runs the README's tour (tests/test_readme.py), every docstring example
# (tests/test_doctests.py) and `mypy.stubtest lexiscope`, which checks
# _lexiscope.pyi against the compiled module (tests/test_stubs.py).
"$PYTHON" -m pytest -q -p no:cacheprovider tests
