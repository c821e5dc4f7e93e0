#!/usr/bin/env bash
# Fuzzing on every CI run: builds every cargo-fuzz target of tests/fuzz once
# (nightly toolchain, AddressSanitizer + LeakSanitizer), then runs each for a
# short fixed budget, starting from the checked-in seeds, and fails on any
# crash (panic, failed assertion, sanitizer report), timeout, leak or
# out-of-memory. Long campaigns: see tests/fuzz/README.md.
#
# Nothing is written into the repository but the build output
# (tests/fuzz/target/, ignored): the seeds are copied to a temporary
# corpus, and crash inputs go to a temporary folder (printed in the log, and
# copied to $FUZZ_ARTIFACTS when set).
#
# Knobs (environment):
#   FUZZ_SECONDS    budget per target in seconds (default 20)
#   FUZZ_TARGETS    space-separated targets to run (default: all)
#   FUZZ_ARTIFACTS  folder to copy failing inputs into (default: none)
#   FUZZ_PROFILE    "dev" (default: unoptimised, with debug assertions and
#                   overflow checks; builds in a fraction of the release
#                   build's time, which matters more than executions per
#                   second for a 20-second smoke run) or "release" (-O, as
#                   the long campaigns of tests/fuzz/README.md use)
set -euo pipefail
cd "$(dirname "$0")/.."

fuzz_dir=tests/fuzz
seconds="${FUZZ_SECONDS:-20}"

# The nightly toolchain when rustup has one; otherwise the default toolchain
# with nightly features unlocked (what tests/fuzz/README.md documents).
cargo=(cargo)
if command -v rustup >/dev/null && rustup toolchain list | grep -q '^nightly'; then
    cargo=(cargo +nightly)
else
    export RUSTC_BOOTSTRAP=1
fi

if ! cargo fuzz --version >/dev/null 2>&1; then
    cargo install cargo-fuzz --locked
fi

case "${FUZZ_PROFILE:-dev}" in
    dev) profile_flag=--dev profile_dir=debug ;;
    release) profile_flag=-O profile_dir=release ;;
    *)
        echo "fuzz: FUZZ_PROFILE must be dev or release, not '${FUZZ_PROFILE}'" >&2
        exit 2
        ;;
esac

start=$(date +%s)
"${cargo[@]}" fuzz build "$profile_flag" --fuzz-dir "$fuzz_dir"
echo "fuzz: built ($profile_dir) in $(($(date +%s) - start)) s"

host=$(rustc "${cargo[@]:1}" -vV | sed -n 's/^host: //p')
bin_dir="$fuzz_dir/target/$host/$profile_dir"
targets="${FUZZ_TARGETS:-$("${cargo[@]}" fuzz list --fuzz-dir "$fuzz_dir")}"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# cargo-fuzz's default for ASan; leaks are reported by LeakSanitizer.
export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_odr_violation=0:detect_leaks=1"

failed=()
for target in $targets; do
    corpus="$work/corpus/$target"
    artifacts="$work/artifacts/$target"
    mkdir -p "$corpus" "$artifacts"
    if [ -d "$fuzz_dir/seeds/$target" ]; then
        cp -R "$fuzz_dir/seeds/$target/." "$corpus/"
    fi
    args=(
        -max_total_time="$seconds"
        -timeout=10
        -rss_limit_mb=2048
        -max_len=4096
        -detect_leaks=1
        -print_final_stats=1
        -artifact_prefix="$artifacts/"
    )
    case "$target" in
        decide) args+=(-dict="$fuzz_dir/decide.dict") ;;
        dsl_compile | dynamic) args+=(-dict="$fuzz_dir/dsl.dict") ;;
    esac
    log="$work/$target.log"
    echo "fuzz: $target for ${seconds} s ($(find "$corpus" -type f | wc -l) seeds)"
    status=0
    "$bin_dir/$target" "${args[@]}" "$corpus" >"$log" 2>&1 || status=$?
    if [ "$status" -eq 0 ]; then
        grep -E '^(Done|#[0-9]+[[:space:]]+DONE|stat::number_of_executed_units|stat::peak_rss_mb)' "$log" | sed 's/^/  /' || true
        continue
    fi
    failed+=("$target")
    echo "fuzz: $target FAILED (libFuzzer exit status $status); end of its log:"
    tail -n 60 "$log" | sed 's/^/  | /'
    for input in "$artifacts"/*; do
        [ -f "$input" ] || continue
        echo "fuzz: failing input $(basename "$input") (base64):"
        base64 "$input" | sed 's/^/    /'
        echo "  reproduce: save it as tests/fuzz/artifacts/$target/$(basename "$input"), then"
        echo "    RUSTC_BOOTSTRAP=1 cargo fuzz run --fuzz-dir $fuzz_dir -O $target tests/fuzz/artifacts/$target/$(basename "$input")"
    done
    if [ -n "${FUZZ_ARTIFACTS:-}" ]; then
        mkdir -p "$FUZZ_ARTIFACTS/$target"
        cp -R "$artifacts/." "$FUZZ_ARTIFACTS/$target/"
    fi
done

echo "fuzz: done in $(($(date +%s) - start)) s"
if [ "${#failed[@]}" -ne 0 ]; then
    echo "fuzz: failed: ${failed[*]}" >&2
    exit 1
fi
