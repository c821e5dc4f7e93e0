#!/usr/bin/env bash
# Instructions per decision of an interpreted policy with N wildcard
# patterns (`tests/benches/patterns.rs`), counted by callgrind inside
# `measured_loop`, for N = 1 .. 100,000: flat when the index works.
set -euo pipefail
cd "$(dirname "$0")/../.."
N=${N:-1000}
bin=$(cargo bench -p cors-tests --bench patterns --no-run 2>&1 \
    | sed -n 's/^ *Executable .*(\(.*\))$/\1/p' | tail -n 1)
if [[ -z "$bin" || ! -x "$bin" ]]; then
    echo "could not build the patterns bench" >&2
    exit 1
fi
count() { # PATTERNS CASE -> instructions per decision
    local total
    total=$(valgrind --tool=callgrind --callgrind-out-file=/dev/null \
        --toggle-collect='*measured_loop*' "$bin" "$1" "$2" "$N" 2>&1 \
        | sed -n 's/^==[0-9]*== Collected : \([0-9]*\)$/\1/p')
    echo $(((total + N / 2) / (N + 1)))
}
echo "| patterns | hit | miss |"
echo "|---:|---:|---:|"
for patterns in 1 4 5 100 1000 10000 100000; do
    echo "| $patterns | $(count "$patterns" hit) | $(count "$patterns" miss) |"
done
