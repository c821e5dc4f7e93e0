#!/usr/bin/env bash
# What 100 test expectations add to `cors_policy!`, two ways, on the
# 22-origin policy (tests/bench/origins22.cors) with and without the test
# block of tests/bench/tests100.cors (which includes it):
#
# 1. `cors_dsl::compile_str` (parse, validation and, with the block, running
#    the 100 expectations through the decision core: what the macro runs),
#    in the dev profile the proc macro is built with, and in release. CPU
#    per call, average of CALLS calls, with minus without.
# 2. `cargo build` (dev profile, as users build) of a one-file crate whose
#    main.rs includes either file: medians of RUNS rebuilds each, with minus
#    without (expansion plus compiling the generated code, which is the same
#    both ways: tests generate no code).
#
# Times are CPU time (user + sys), which other jobs on a shared machine
# barely change; wall-clock medians are printed beside the build times.
#
#   tests/bench/tests_time.sh      (about a minute once dependencies are built)
set -euo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
RUNS=${RUNS:-7}
CALLS=${CALLS:-51}
dir=${TMPDIR:-/tmp}/cors-tests-time
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-$repo/target}/macro-time
rm -rf "$dir" && mkdir -p "$dir/src/bin"
cp "$repo/tests/bench/origins22.cors" "$repo/tests/bench/tests100.cors" "$dir/"
cp "$repo/Cargo.lock" "$dir/"
cat >"$dir/Cargo.toml" <<TOML
[package]
name = "cors-tests-time"
version = "0.0.0"
edition = "2021"
publish = false

[workspace]

[dependencies]
cors-runtime = { path = "$repo/cors-runtime" }
cors-dsl = { path = "$repo/cors-dsl" }
TOML
cat >"$dir/src/bin/compile_str.rs" <<'RS'
// compile_str FILE N: compiles FILE N times (includes resolved in ".").
fn main() {
    let mut args = std::env::args().skip(1);
    let file = args.next().unwrap();
    let n: usize = args.next().unwrap().parse().unwrap();
    let text = std::fs::read_to_string(&file).unwrap();
    let base = std::path::Path::new(".");
    for _ in 0..n {
        let compiled = cors_dsl::compile_str(&file, &text, Some(base)).unwrap();
        assert_eq!(compiled.policies.len(), 1);
    }
}
RS
main() { printf 'cors_runtime::cors_policy! { include "%s"; }\nfn main() { let _ = std::hint::black_box(Origins22); }\n' "$1" >"$dir/src/main.rs"; }

cd "$dir"
main origins22.cors
cargo build -q --bins 2>/dev/null || cargo build --bins
cargo build -q --release --bin compile_str
cpu_ms() { # CPU time (user + sys) of a command and its children, in ms
    local TIMEFORMAT='%3U %3S' out
    out=$({ time "$@" >/dev/null 2>&1; } 2>&1)
    awk -v u="${out% *}" -v s="${out#* }" 'BEGIN { printf "%.1f", (u + s) * 1000 }'
}
wall_ms() {
    local start end
    start=$(date +%s%N)
    "$@" >/dev/null 2>&1
    end=$(date +%s%N)
    echo $(((end - start) / 1000000))
}
median() { sort -n | sed -n "$(((RUNS + 1) / 2))p"; }
build() { # "CPU WALL": medians of RUNS rebuilds of the main binary, in ms
    local cpu=() wall=()
    for _ in $(seq "$RUNS"); do
        touch src/main.rs
        cpu+=($(cpu_ms cargo build -q --bin cors-tests-time))
        touch src/main.rs
        wall+=($(wall_ms cargo build -q --bin cors-tests-time))
    done
    echo "$(printf '%s\n' "${cpu[@]}" | median) $(printf '%s\n' "${wall[@]}" | median)"
}
per_call() { # PROFILE FILE -> CPU ms per compile_str call
    local zero many
    zero=$(cpu_ms "$CARGO_TARGET_DIR/$1/compile_str" "$2" 0)
    many=$(cpu_ms "$CARGO_TARGET_DIR/$1/compile_str" "$2" "$CALLS")
    awk -v a="$many" -v b="$zero" -v n="$CALLS" 'BEGIN { printf "%.2f", (a - b) / n }'
}
for profile in debug release; do
    without=$(per_call $profile origins22.cors)
    with=$(per_call $profile tests100.cors)
    added=$(awk -v a="$with" -v b="$without" 'BEGIN { printf "%.2f", a - b }')
    echo "compile_str ($profile): without tests ${without} ms, with 100 expectations ${with} ms: +${added} ms per call"
done
main origins22.cors
read -r c0 w0 < <(build)
main tests100.cors
read -r c100 w100 < <(build)
echo "cargo build (dev), 22-origin policy:                   CPU ${c0} ms (wall ${w0} ms)"
echo "cargo build (dev), same policy + 100 test expectations: CPU ${c100} ms (wall ${w100} ms)"
echo "difference: CPU $(awk -v a="$c100" -v b="$c0" 'BEGIN { printf "%.0f", a - b }') ms (wall $((w100 - w0)) ms)"
