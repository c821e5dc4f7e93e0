#!/usr/bin/env bash
# Instructions per request for every (implementation, policy, request), counted
# by callgrind inside `measured_loop` of the `instructions` bench target
# (--toggle-collect: setup and warm-up are not counted), divided by N.
#
#   tests/bench/instructions.sh            # the whole table (about a minute)
#   N=10000 tests/bench/instructions.sh    # more requests per run
#
# Needs valgrind. Uses CARGO_TARGET_DIR if set. Prints a Markdown table:
# raw instructions per request of the bare inner services, and for each
# middleware its overhead (its figure minus the bare inner service's).
set -euo pipefail
cd "$(dirname "$0")/../.."
N=${N:-1000}

bin=$(cargo bench -p cors-tests --bench instructions --no-run 2>&1 \
    | sed -n 's/^ *Executable .*(\(.*\))$/\1/p' | tail -n 1)
if [[ -z "$bin" || ! -x "$bin" ]]; then
    echo "could not build the instructions bench" >&2
    exit 1
fi

count() { # IMPL POLICY CASE -> instructions per request (integer)
    local total
    total=$(valgrind --tool=callgrind --callgrind-out-file=/dev/null \
        --toggle-collect='*measured_loop*' "$bin" "$1" "$2" "$3" "$N" 2>&1 \
        | sed -n 's/^==[0-9]*== Collected : \([0-9]*\)$/\1/p')
    echo $(((total + N / 2) / N))
}

cases_for() {
    case "$1" in
    o22) echo preflight_allowed preflight_refused get_allowed get_refused no_origin acrh_1000_names acrh_1mib_commas ;;
    *) echo preflight_allowed get_allowed get_refused ;;
    esac
}

echo "Instructions per request (callgrind, N=$N, $(rustc --version))"
echo
echo "| policy | case | bare | ours | hand | tower-http | ours / tower-http | ours / hand | ours-dynamic | dynamic / ours | actix-bare | actix-ours | actix-cors |"
echo "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
for policy in o22 o1000 wildcard; do
    for case in $(cases_for "$policy"); do
        bare=$(count bare "$policy" "$case")
        ours=$(($(count ours "$policy" "$case") - bare))
        hand=$(($(count hand "$policy" "$case") - bare))
        tower_http=$(($(count tower-http "$policy" "$case") - bare))
        dynamic=$(($(count ours-dynamic "$policy" "$case") - bare))
        abare=$(count actix-bare "$policy" "$case")
        aours=$(($(count actix-ours "$policy" "$case") - abare))
        acors=$(($(count actix-cors "$policy" "$case") - abare))
        ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b <= 0) print "n/a"; else printf "%.2f", a / b }'; }
        echo "| $policy | $case | $bare | $ours | $hand | $tower_http | $(ratio "$ours" "$tower_http") | $(ratio "$ours" "$hand") | $dynamic | $(ratio "$dynamic" "$ours") | $abare | $aours | $acors |"
    done
done
