#!/usr/bin/env bash
# Times `cors diff` (release build) on two 1,000-origin policies: the whole
# process, parse and validation of both files included, with farm-bench
# (or a plain loop of `date` when farm-bench is missing).
#
# Cases (the second file is generated from tests/bench/origins1000.cors):
#   reordered  the same 1,000 origins in reverse order, `max-age: 10m`  (equivalent)
#   edited     10 origins replaced, one method added                     (21 changes)
#   disjoint   1,000 other origins                                       (2,000 changes)
#   patterns   1,000 `*.` patterns against the same with `:*`            (1,000 changes)
#
# Run from the repository root: tests/bench/diff_time.sh
set -euo pipefail
cd "$(dirname "$0")/../.."

cargo build --release -q -p cors-cli
target="${CARGO_TARGET_DIR:-target}"
cors="$target/release/cors"
dir="$(mktemp -d)"
trap 'rm -rf "$dir"' EXIT

base=tests/bench/origins1000.cors
common='    methods: GET, POST, PUT, DELETE;
    request-headers: content-type, x-api-key, x-request-id;
    credentials: true;'

# policy NAME FILE ORIGIN...: a 1,000-origin policy like the benchmark's.
policy() {
    local name="$1" file="$2" extra="$3"
    shift 3
    {
        echo "pub policy $name {"
        echo "    origins:"
        local sep=""
        for origin in "$@"; do
            printf '%s        "%s"' "$sep" "$origin"
            sep=$',\n'
        done
        echo ";"
        echo "$common"
        echo "$extra"
        echo "}"
    } >"$file"
}

tenants() { # FIRST LAST [SUFFIX]
    for i in $(seq "$1" "$2"); do printf 'https://tenant-%04d.example.com%s\n' "$i" "${3:-}"; done
}
wildcards() { # SUFFIX
    for i in $(seq 0 999); do printf 'https://*.tenant-%04d.example.com%s\n' "$i" "${1:-}"; done
}

mapfile -t reversed < <(tenants 0 999 | tac)
policy Origins1000 "$dir/reordered.cors" "    max-age: 10m;" "${reversed[@]}"
mapfile -t edited < <(tenants 10 999; tenants 5000 5009)
policy Origins1000 "$dir/edited.cors" "    max-age: 600;" "${edited[@]}"
sed -i 's/methods: GET, POST, PUT, DELETE;/methods: GET, POST, PUT, DELETE, PATCH;/' "$dir/edited.cors"
mapfile -t other < <(tenants 1000 1999)
policy Origins1000 "$dir/disjoint.cors" "    max-age: 600;" "${other[@]}"
mapfile -t patterns < <(wildcards)
policy Patterns1000 "$dir/patterns-old.cors" "    max-age: 600;" "${patterns[@]}"
mapfile -t any_port < <(wildcards ':*')
policy Patterns1000 "$dir/patterns-new.cors" "    max-age: 600;" "${any_port[@]}"

run() { # CASE OLD NEW
    local case="$1" old="$2" new="$3"
    local changes
    changes=$("$cors" diff "$old" "$new" --json | grep -c '"aspect"' || true)
    echo "== $case: $changes changes"
    if command -v farm-bench >/dev/null; then
        farm-bench -n 20 --warmup 2 -- "$cors" diff "$old" "$new"
    else
        for _ in 1 2 3 4 5; do
            /usr/bin/time -f "%e s wall, %U s user" "$cors" diff "$old" "$new" >/dev/null || true
        done
    fi
}

run reordered "$base" "$dir/reordered.cors"
run edited "$base" "$dir/edited.cors"
run disjoint "$base" "$dir/disjoint.cors"
run patterns "$dir/patterns-old.cors" "$dir/patterns-new.cors"
