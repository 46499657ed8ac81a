#!/usr/bin/env bash
# Every benchmark, side by side with the anchors, in one command:
#   bash benches/run_all.sh [bench ...]        (default: all of them)
# Builds the benchmark venv (benches/setup.sh), runs each bench with
# LEXISCOPE_NUM_THREADS=1 and =2 (its Markdown output goes to
# benches/results/<bench>.t1.md and .t2.md), the size benchmark at 10^4 and
# 10^5 documents (LEXISCOPE_SCALE_SIZES to change; its rows go to
# benches/results/scale.jsonl), and ends with ONE summary table
# (benches/summary.py: task, lexiscope, anchor, ratio, 1 and 2 threads, peak
# memory, hardware and versions), also written to benches/results/summary.md.
# Takes a long time: on 2 cores, run it on an otherwise idle machine.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
if [ -z "${LEXISCOPE_BENCH_VENV:-}" ]; then
    bash benches/setup.sh
fi
PY="${LEXISCOPE_BENCH_VENV:-.venv-bench}/bin/python"
RESULTS="${LEXISCOPE_RESULTS:-benches/results}"
mkdir -p "$RESULTS"
export PYTHONPATH="$PWD/python${PYTHONPATH:+:$PYTHONPATH}"
BENCHES=("$@")
if [ ${#BENCHES[@]} -eq 0 ]; then
    BENCHES=(tokenize matrix keyphrases entities pos quotes overlap workflow interrupt scale)
fi
for b in "${BENCHES[@]}"; do
    if [ "$b" = scale ]; then
        echo "== bench_scale"
        rm -f "$RESULTS/scale.jsonl"
        "$PY" benches/bench_scale.py --sizes "${LEXISCOPE_SCALE_SIZES:-10000,100000}" \
            --json "$RESULTS/scale.jsonl" | tee "$RESULTS/scale.md"
        continue
    fi
    for t in 1 2; do
        echo "== bench_$b ($t thread(s))"
        LEXISCOPE_NUM_THREADS=$t "$PY" "benches/bench_$b.py" | tee "$RESULTS/$b.t$t.md"
    done
done
echo
echo "== summary"
"$PY" benches/summary.py "$RESULTS" | tee "$RESULTS/summary.md"
