#!/usr/bin/env bash
# Every benchmark, side by side with the anchors, in one command:
#   bash benches/run_all.sh
# Builds the benchmark venv (benches/setup.sh) and writes each table to
# benches/results/*.md as well as to the terminal. Takes several minutes.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
bash benches/setup.sh
PY="${LEXISCOPE_BENCH_VENV:-.venv-bench}/bin/python"
mkdir -p benches/results
for b in tokenize matrix keyphrases entities pos overlap workflow interrupt; do
    echo "== bench_$b"
    "$PY" "benches/bench_$b.py" | tee "benches/results/$b.md"
done
