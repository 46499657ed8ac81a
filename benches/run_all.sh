#!/usr/bin/env bash
# Every benchmark, side by side with the anchors, in one command:
#   bash benches/run_all.sh [--quick] [bench ...]        (default: all of them)
# Builds the benchmark venv (benches/setup.sh; set LEXISCOPE_BENCH_VENV to an
# existing one to skip that), runs each bench with LEXISCOPE_NUM_THREADS=1 and
# =2 (its Markdown output goes to benches/results/<bench>.t1.md and .t2.md;
# bench_threads runs once, its own rounds alternating 1 and 2 threads), the
# size benchmark at 10^4 and 10^5 documents (LEXISCOPE_SCALE_SIZES to change;
# its rows go to benches/results/scale.jsonl), and ends with ONE summary table
# (benches/summary.py: task, lexiscope, anchor, ratio, 1 and 2 threads, peak
# memory, hardware and versions), also written to benches/results/summary.md.
# The full run takes hours on 2 cores: run it on an otherwise idle machine.
#
# --quick (or RUN_ALL_QUICK=1) runs every bench on small inputs (the first
# few hundred records of each data set, copied to a temporary directory; one
# repeat; the size benchmark at 2,000 documents), to check in minutes that
# every bench runs and the summary reads it. Its figures are not the
# benchmark's: too small to compare speeds, and marked "quick" in the summary.
# RUN_ALL_THREADS sets the thread counts each bench runs with ("1 2"; in the
# quick mode "2", which halves its time).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
QUICK="${RUN_ALL_QUICK:-0}"
ARGS=()
for a in "$@"; do
    if [ "$a" = --quick ]; then QUICK=1; else ARGS+=("$a"); fi
done
if [ -z "${LEXISCOPE_BENCH_VENV:-}" ]; then
    bash benches/setup.sh
fi
PY="${LEXISCOPE_BENCH_VENV:-.venv-bench}/bin/python"
RESULTS="${LEXISCOPE_RESULTS:-benches/results}"
mkdir -p "$RESULTS"
rm -f "$RESULTS"/*.t[12].md "$RESULTS"/threads.md "$RESULTS"/scale.jsonl "$RESULTS"/summary.md
export PYTHONPATH="$PWD/python${PYTHONPATH:+:$PYTHONPATH}"
BENCHES=(${ARGS[@]+"${ARGS[@]}"})
if [ ${#BENCHES[@]} -eq 0 ]; then
    BENCHES=(tokenize matrix keyphrases entities pos quotes overlap workflow interrupt threads scale)
fi
SHARED="$(cd .. && pwd)/shared"

# Each bench's arguments (quick: small inputs, one repeat).
declare -A EXTRA=()
SCALE_SIZES="${LEXISCOPE_SCALE_SIZES:-10000,100000}"
if [ "$QUICK" = 1 ]; then
    SMALL="$(mktemp -d "${TMPDIR:-/tmp}/lexiscope-quick-XXXXXX")"
    trap 'rm -rf "$SMALL"' EXIT
    head -n 300 "$SHARED/eval/corpus/news_reuters21578.jsonl" > "$SMALL/reuters.jsonl"
    head -n 40 "$SHARED/eval/clusters/ecbplus_dev.jsonl" > "$SMALL/ecb.jsonl"
    head -n 30 "$SHARED/eval/ner/conll2003_dev.docs.jsonl" > "$SMALL/conll.jsonl"
    head -n 30 "$SHARED/eval/keyphrase/kpcrowd_dev.jsonl" > "$SMALL/kpcrowd.jsonl"
    head -n 200 "$SHARED/train/pos/ewt.test.jsonl" > "$SMALL/ewt.test.jsonl"
    export LEXISCOPE_REUTERS="$SMALL/reuters.jsonl" LEXISCOPE_ECB="$SMALL/ecb.jsonl"
    EXTRA[tokenize]="--repeat 1"
    EXTRA[matrix]="--repeat 1 --rounds 1"
    EXTRA[keyphrases]="$SMALL/kpcrowd.jsonl --repeat 1"
    EXTRA[entities]="$SMALL/conll.jsonl --no-pud --repeat 1"
    EXTRA[pos]="$SMALL/ewt.test.jsonl"
    EXTRA[quotes]="--textacy-limit 10 --no-assert --repeat 1"
    EXTRA[overlap]="--repeat 1"
    EXTRA[workflow]="--limit 300"
    EXTRA[threads]="--docs 200 --rounds 1"
    SCALE_SIZES="${LEXISCOPE_SCALE_SIZES:-2000}"
    THREADS="${RUN_ALL_THREADS:-2}"
fi
THREADS="${THREADS:-${RUN_ALL_THREADS:-1 2}}"

failed=()
for b in "${BENCHES[@]}"; do
    # shellcheck disable=SC2206
    extra=(${EXTRA[$b]:-})
    if [ "$b" = scale ]; then
        echo "== bench_scale"
        "$PY" benches/bench_scale.py --sizes "$SCALE_SIZES" --json "$RESULTS/scale.jsonl" \
            | tee "$RESULTS/scale.md" || failed+=(scale)
        continue
    fi
    if [ "$b" = threads ]; then
        echo "== bench_threads (1 and 2 threads, alternating)"
        "$PY" benches/bench_threads.py ${extra[@]+"${extra[@]}"} | tee "$RESULTS/threads.md" || failed+=(threads)
        continue
    fi
    for t in $THREADS; do
        echo "== bench_$b ($t thread(s))"
        LEXISCOPE_NUM_THREADS=$t "$PY" "benches/bench_$b.py" ${extra[@]+"${extra[@]}"} \
            | tee "$RESULTS/$b.t$t.md" || failed+=("$b ($t)")
    done
done
echo
echo "== summary"
{
    if [ "$QUICK" = 1 ]; then
        echo "Quick run (small inputs, one repeat): checks that every bench runs; not the benchmark's figures."
        echo
    fi
    "$PY" benches/summary.py "$RESULTS"
    if [ ${#failed[@]} -gt 0 ]; then
        echo
        echo "Failed: ${failed[*]}"
    fi
} | tee "$RESULTS/summary.md"
[ ${#failed[@]} -eq 0 ]
