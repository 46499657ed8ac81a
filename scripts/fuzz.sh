#!/usr/bin/env bash
# Runs one fuzz target for a number of seconds, at low priority.
#
#   scripts/fuzz.sh TARGET SECONDS [extra libFuzzer flags...]
#   scripts/fuzz.sh list             # the targets
#   scripts/fuzz.sh keep TARGET [N]  # keep N (20) of the finds as seeds
#
# Needs the nightly toolchain and cargo-fuzz (`cargo install cargo-fuzz`).
# The seeds in fuzz/corpus/TARGET/ are read, never written; what the fuzzer
# finds goes to fuzz/work/TARGET/ (not committed), crashes to
# fuzz/artifacts/TARGET/. Exits non-zero on a crash, a hang (a run over
# 10 s), or a violated invariant (an assertion in the target).
#
# `keep` reduces fuzz/work/TARGET to a covering subset (libFuzzer's
# -set_cover_merge over the seeds and the finds) and copies the N largest new
# inputs of at most 2 KB into fuzz/corpus/TARGET as found-<hash>, so the
# committed seeds stay a few dozen files that reach deeper than hand-written ones.
set -euo pipefail
cd "$(dirname "$0")/../fuzz"

if [[ "${1:-}" == "list" ]]; then
    exec cargo +nightly fuzz list
fi
if [[ "${1:-}" == "keep" ]]; then
    target=${2:?usage: $0 keep TARGET [N]}
    keep=${3:-20}
    bin="target/x86_64-unknown-linux-gnu/release/$target"
    [[ -x "$bin" ]] || { echo "build $target first (run it once)" >&2; exit 2; }
    tmp=$(mktemp -d)
    trap 'rm -rf "$tmp"' EXIT
    nice -n "${FUZZ_NICE:-19}" "$bin" -set_cover_merge=1 "$tmp" "corpus/$target" "work/$target" 2>/dev/null
    find "$tmp" -type f -size -2049c -printf '%s %p\n' | sort -rn | head -n "$keep" | while read -r _ f; do
        cp "$f" "corpus/$target/found-$(sha1sum "$f" | cut -c1-12)"
    done
    ls "corpus/$target" | wc -l
    exit 0
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
