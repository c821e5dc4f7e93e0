#!/usr/bin/env bash
# How long `cors_policy!` takes on the 1,000-origin policy, two ways:
#
# 1. `cargo build` (dev profile, as users build) of a one-file crate whose
#    main.rs expands the 1,000-origin policy, minus the same crate with a
#    1-origin policy: expansion plus rustc compiling the generated code (an
#    upper bound on the expansion alone). Median of RUNS rebuilds each.
# 2. `cors_dsl::compile_str` on the same text (the parse + validation that the
#    macro runs), in the dev profile the proc macro itself is built with, and
#    in release. Average of 21 calls.
#
# Times are CPU time (user + sys, of cargo and rustc), which other jobs on a
# shared machine barely change; wall-clock medians are printed beside them.
#
#   tests/bench/macro_time.sh      (about a minute once dependencies are built)
set -euo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
RUNS=${RUNS:-7}
dir=${TMPDIR:-/tmp}/cors-macro-time
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-$repo/target}/macro-time
rm -rf "$dir" && mkdir -p "$dir/src/bin"
cp "$repo/tests/bench/origins1000.cors" "$dir/"
cp "$repo/Cargo.lock" "$dir/"
cat >"$dir/Cargo.toml" <<TOML
[package]
name = "cors-macro-time"
version = "0.0.0"
edition = "2021"
publish = false

[workspace]

[dependencies]
cors-runtime = { path = "$repo/cors-runtime" }
cors-dsl = { path = "$repo/cors-dsl" }
TOML
cat >"$dir/src/bin/compile_str.rs" <<'RS'
fn main() {
    let text = std::fs::read_to_string("origins1000.cors").unwrap();
    let n: usize = std::env::args().nth(1).unwrap().parse().unwrap();
    for _ in 0..n {
        let compiled = cors_dsl::compile_str("origins1000.cors", &text, None).unwrap();
        assert_eq!(compiled.policies.len(), 1);
    }
}
RS
one='cors_runtime::cors_policy! { pub policy Origins1 { origins: "https://tenant-0000.example.com"; methods: GET, POST, PUT, DELETE; request-headers: content-type, x-api-key, x-request-id; credentials: true; max-age: 600; } }'
thousand='cors_runtime::cors_policy! { include "origins1000.cors"; }'
main() { printf '%s\nfn main() { let _ = std::hint::black_box(%s); }\n' "$1" "$2" >"$dir/src/main.rs"; }

cd "$dir"
main "$one" Origins1
cargo build -q --bins 2>/dev/null || cargo build --bins
cargo build -q --release --bin compile_str
cpu_ms() { # CPU time (user + sys) of a command and its children, in ms
    local TIMEFORMAT='%3U %3S' out
    out=$({ time "$@" >/dev/null 2>&1; } 2>&1)
    awk -v u="${out% *}" -v s="${out#* }" 'BEGIN { printf "%d", (u + s) * 1000 }'
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
        cpu+=($(cpu_ms cargo build -q --bin cors-macro-time))
        touch src/main.rs
        wall+=($(wall_ms cargo build -q --bin cors-macro-time))
    done
    echo "$(printf '%s\n' "${cpu[@]}" | median) $(printf '%s\n' "${wall[@]}" | median)"
}
main "$one" Origins1
read -r c1 w1 < <(build)
main "$thousand" Origins1000
read -r c1000 w1000 < <(build)
per_call() { # PROFILE_DIR -> CPU ms per compile_str call (21 calls minus 0)
    local zero many
    zero=$(cpu_ms "$CARGO_TARGET_DIR/$1/compile_str" 0)
    many=$(cpu_ms "$CARGO_TARGET_DIR/$1/compile_str" 21)
    awk -v a="$many" -v b="$zero" 'BEGIN { printf "%.1f", (a - b) / 21 }'
}
echo "cargo build (dev), 1-origin policy:     CPU ${c1} ms (wall ${w1} ms)"
echo "cargo build (dev), 1,000-origin policy: CPU ${c1000} ms (wall ${w1000} ms)"
echo "difference (expansion + compiling the generated code): CPU $((c1000 - c1)) ms (wall $((w1000 - w1)) ms)"
echo "cors_dsl::compile_str on the 1,000-origin text, CPU per call: $(per_call debug) ms (dev profile, as the proc macro runs), $(per_call release) ms (release)"
