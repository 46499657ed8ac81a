#!/usr/bin/env bash
# Runs one fuzz target for a number of seconds, at low priority.
#
#   scripts/fuzz.sh TARGET SECONDS [extra libFuzzer flags...]
#   scripts/fuzz.sh list             # the targets
#
# Needs the nightly toolchain and cargo-fuzz (`cargo install cargo-fuzz`).
# The seeds in fuzz/corpus/TARGET/ are read, never written; what the fuzzer
# finds goes to fuzz/work/TARGET/ (not committed), crashes to
# fuzz/artifacts/TARGET/. Exits non-zero on a crash, a hang (a run over
# 10 s), or a violated invariant (an assertion in the target).
set -euo pipefail
cd "$(dirname "$0")/../fuzz"

if [[ "${1:-}" == "list" ]]; then
    exec cargo +nightly fuzz list
fi
if [[ $# -lt 2 ]]; then
    echo "usage: $0 TARGET SECONDS [libFuzzer flags...] | $0 list" >&2
    exit 2
fi
target=$1
seconds=$2
shift 2
mkdir -p "work/$target" "corpus/$target"
exec nice -n "${FUZZ_NICE:-19}" cargo +nightly fuzz run "$target" "work/$target" "corpus/$target" -- \
    -max_total_time="$seconds" -timeout=10 -rss_limit_mb=4096 -max_len=8192 -print_final_stats=1 "$@"
