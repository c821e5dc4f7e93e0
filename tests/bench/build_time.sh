#!/usr/bin/env bash
# What cors-runtime costs a user's build: clean `cargo build` (debug, as
# `cargo run` during development) of a minimal axum app with our CorsLayer
# (tests/bench/build/ours) and the same app with
# tower-http's CorsLayer (tests/bench/build/tower-http), interleaved, RUNS
# times each; then the rebuild after editing the included policy file
# (BENCHMARKS.md, Table 9).
#
#   tests/bench/build_time.sh          # RUNS=3 (about 3 minutes on 2 cores)
#   RUNS=5 tests/bench/build_time.sh
#
# Each clean build gets an empty target folder; the registry's downloaded
# sources are reused (`cargo fetch` first, not timed). Wall time from the
# clock, CPU time (user + system) from /usr/bin/time. Prints a Markdown
# table with every run and the medians.
set -euo pipefail
cd "$(dirname "$0")/../.."
repo=$(pwd)
runs=${RUNS:-3}
apps=(ours tower-http)

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for app in "${apps[@]}"; do
    cp -R "tests/bench/build/$app" "$work/$app"
    sed -i "s|@REPO@|$repo|" "$work/$app/Cargo.toml"
    cargo fetch --quiet --manifest-path "$work/$app/Cargo.toml"
done

# build APP -> "WALL CPU" in seconds (a clean build when its target folder
# was removed first).
build() {
    local app=$1 start end
    start=$(date +%s.%N)
    /usr/bin/time -f '%U %S' -o "$work/cpu" \
        cargo build --quiet --manifest-path "$work/$app/Cargo.toml" --target-dir "$work/target-$app"
    end=$(date +%s.%N)
    read -r user sys <"$work/cpu"
    awk -v s="$start" -v e="$end" -v u="$user" -v y="$sys" 'BEGIN { printf "%.1f %.1f\n", e - s, u + y }'
}

median() { sort -n | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }

declare -A walls cpus
echo "| run | app | wall (s) | CPU (s) |"
echo "|---:|---|---:|---:|"
for run in $(seq 1 "$runs"); do
    for app in "${apps[@]}"; do
        rm -rf "$work/target-$app"
        read -r wall cpu < <(build "$app")
        walls[$app]+="$wall "
        cpus[$app]+="$cpu "
        echo "| $run | $app | $wall | $cpu |"
    done
done
echo
echo "| app | median wall (s) | median CPU (s) |"
echo "|---|---:|---:|"
for app in "${apps[@]}"; do
    wall=$(tr ' ' '\n' <<<"${walls[$app]}" | grep . | median)
    cpu=$(tr ' ' '\n' <<<"${cpus[$app]}" | grep . | median)
    echo "| $app | $wall | $cpu |"
done

# Editing the policy: max-age 10m <-> 11m in the included file, then
# `cargo build` (the app's target folder is warm from the last clean build).
echo
echo "| policy edit | wall (s) | CPU (s) |"
echo "|---:|---:|---:|"
policy="$work/ours/api.cors"
for edit in $(seq 1 "$runs"); do
    if grep -q 'max-age: 10m' "$policy"; then
        sed -i 's/max-age: 10m/max-age: 11m/' "$policy"
    else
        sed -i 's/max-age: 11m/max-age: 10m/' "$policy"
    fi
    read -r wall cpu < <(build ours)
    echo "| $edit | $wall | $cpu |"
done
