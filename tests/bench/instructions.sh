#!/usr/bin/env bash
# Instructions per request for every (implementation, policy, request), counted
# by callgrind inside `measured_loop` of the `instructions` bench target
# (--toggle-collect: setup and warm-up are not counted), divided by N.
#
#   tests/bench/instructions.sh              # Tables 1 and 1b (about 6 minutes)
#   TABLES=1b tests/bench/instructions.sh    # only Table 1b (the feature `tracing`)
#   N=10000 tests/bench/instructions.sh      # more requests per run
#
# Needs valgrind. Uses CARGO_TARGET_DIR if set. Prints Markdown tables: raw
# instructions per request of the bare inner services, and for each
# middleware its overhead (its figure minus the bare inner service's).
#
# Two builds of the bench: without cors-runtime's feature `tracing`
# (`--no-default-features` of cors-tests; Table 1 and the "off" columns of
# Table 1b) and with it (cors-tests' default; the "on" and shadow columns,
# no subscriber but for the shadow runs, whose subscriber listens to
# `cors_runtime::shadow` only).
set -euo pipefail
cd "$(dirname "$0")/../.."
N=${N:-1000}
TABLES=${TABLES:-all}

build() { # cargo flags -> path of the instructions bench executable
    local bin
    bin=$(cargo bench -p cors-tests --bench instructions --no-run "$@" 2>&1 \
        | sed -n 's/^ *Executable .*(\(.*\))$/\1/p' | tail -n 1)
    if [[ -z "$bin" || ! -x "$bin" ]]; then
        echo "could not build the instructions bench ($*)" >&2
        exit 1
    fi
    echo "$bin"
}
off=$(build --no-default-features)
on=$(build)

count() { # BIN IMPL POLICY CASE -> instructions per request (integer)
    local total
    total=$(valgrind --tool=callgrind --callgrind-out-file=/dev/null \
        --toggle-collect='*measured_loop*' "$1" "$2" "$3" "$4" "$N" 2>&1 \
        | sed -n 's/^==[0-9]*== Collected : \([0-9]*\)$/\1/p')
    echo $(((total + N / 2) / N))
}

cases_for() {
    case "$1" in
    o22) echo preflight_allowed preflight_refused get_allowed get_refused no_origin acrh_1000_names acrh_1mib_commas ;;
    *) echo preflight_allowed get_allowed get_refused ;;
    esac
}

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b <= 0) print "n/a"; else printf "%.2f", a / b }'; }

echo "Instructions per request (callgrind, N=$N, $(rustc --version))"

if [[ $TABLES == all || $TABLES == 1 ]]; then
    echo
    echo "Table 1 (feature \`tracing\` off)"
    echo
    echo "| policy | case | bare | ours | hand | tower-http | ours / tower-http | ours / hand | ours-dynamic | dynamic / ours | actix-bare | actix-ours | actix-cors |"
    echo "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
    for policy in o22 o1000 wildcard; do
        for case in $(cases_for "$policy"); do
            bare=$(count "$off" bare "$policy" "$case")
            ours=$(($(count "$off" ours "$policy" "$case") - bare))
            hand=$(($(count "$off" hand "$policy" "$case") - bare))
            tower_http=$(($(count "$off" tower-http "$policy" "$case") - bare))
            dynamic=$(($(count "$off" ours-dynamic "$policy" "$case") - bare))
            abare=$(count "$off" actix-bare "$policy" "$case")
            aours=$(($(count "$off" actix-ours "$policy" "$case") - abare))
            acors=$(($(count "$off" actix-cors "$policy" "$case") - abare))
            echo "| $policy | $case | $bare | $ours | $hand | $tower_http | $(ratio "$ours" "$tower_http") | $(ratio "$ours" "$hand") | $dynamic | $(ratio "$dynamic" "$ours") | $abare | $aours | $acors |"
        done
    done
fi

if [[ $TABLES == all || $TABLES == 1b ]]; then
    echo
    echo "Table 1b (feature \`tracing\`: off, on without subscriber, on with an agreeing shadow policy)"
    echo
    echo "| policy | case | ours off | ours on | on / off | ours + shadow | shadow / on | actix-ours off | actix-ours on | on / off | actix + shadow | shadow / on |"
    echo "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
    for policy in o22 o1000 wildcard; do
        for case in $(cases_for "$policy"); do
            bare_off=$(count "$off" bare "$policy" "$case")
            bare_on=$(count "$on" bare "$policy" "$case")
            ours_off=$(($(count "$off" ours "$policy" "$case") - bare_off))
            ours_on=$(($(count "$on" ours "$policy" "$case") - bare_on))
            shadow=$(($(count "$on" ours-shadow "$policy" "$case") - bare_on))
            abare_off=$(count "$off" actix-bare "$policy" "$case")
            abare_on=$(count "$on" actix-bare "$policy" "$case")
            aours_off=$(($(count "$off" actix-ours "$policy" "$case") - abare_off))
            aours_on=$(($(count "$on" actix-ours "$policy" "$case") - abare_on))
            ashadow=$(($(count "$on" actix-ours-shadow "$policy" "$case") - abare_on))
            echo "| $policy | $case | $ours_off | $ours_on | $(ratio "$ours_on" "$ours_off") | $shadow | $(ratio "$shadow" "$ours_on") | $aours_off | $aours_on | $(ratio "$aours_on" "$aours_off") | $ashadow | $(ratio "$ashadow" "$aours_on") |"
        done
    done
fi
