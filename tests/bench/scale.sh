#!/usr/bin/env bash
# Origins at scale, both engines: for each KIND (exact origins
# `https://appI.exampleJ.com`, or wildcard patterns
# `https://*.tenantI.example.com`) and SIZE, generates a policy of SIZE
# entries and a small program (in a temporary folder, against this
# checkout's cors-runtime) that decides one actual request N times inside
# `measured_loop_*`, with the policy compiled by `cors_policy!` and loaded at
# run time (`DynamicPolicy::parse`). Prints, per policy: the release build
# time of the program alone (the macro and rustc on SIZE entries), the run-time
# load time (parse, validate, lower, index), and callgrind's instructions
# per decision for an origin that matches the last entry (`hit`) and one
# that matches none (`miss`) (BENCHMARKS.md, Table 8): for the decision
# alone, and for whole requests through the tower layer (`layer`: the
# layer's own instructions, the same requests to the bare application
# without it subtracted).
#
#   tests/bench/scale.sh                        # SIZES="22 1000 10000"
#   SIZES="22 100000" KINDS=exact tests/bench/scale.sh
#
# Needs valgrind. A compiled 10,000-entry policy takes minutes to build
# (release); 100,000 much longer.
set -euo pipefail
cd "$(dirname "$0")/../.."
repo=$(pwd)
N=${N:-1000}
SIZES=${SIZES:-22 1000 10000}
KINDS=${KINDS:-exact wildcard}

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/src"
cat >"$work/Cargo.toml" <<TOML
[package]
name = "scale"
version = "0.0.0"
edition = "2021"
publish = false

[dependencies]
cors-runtime = { path = "$repo/cors-runtime", features = ["dynamic", "tower"] }
http = "1"
tower-layer = "0.3"
tower-service = "0.3"

[workspace]
TOML
cat >"$work/src/main.rs" <<'RUST'
use std::convert::Infallible;
use std::future::{ready, Future, Ready};
use std::pin::pin;
use std::task::{Context, Poll, Waker};

use http::{Request, Response};
use tower_layer::Layer;
use tower_service::Service;

cors_runtime::cors_policy! { include "policy.cors"; }

#[inline(never)]
fn measured_loop_compiled(headers: &http::HeaderMap, n: u64) -> u64 {
    let mut allowed = 0;
    for _ in 0..n {
        let decision = cors_runtime::decide(&Scale, &http::Method::GET, std::hint::black_box(headers));
        allowed += u64::from(decision.is_allowed());
    }
    allowed
}

#[inline(never)]
fn measured_loop_dynamic(
    policy: &cors_runtime::dynamic::DynamicPolicy,
    headers: &http::HeaderMap,
    n: u64,
) -> u64 {
    let mut allowed = 0;
    for _ in 0..n {
        let decision = cors_runtime::decide(policy, &http::Method::GET, std::hint::black_box(headers));
        allowed += u64::from(decision.is_allowed());
    }
    allowed
}

/// The application: `200` with an empty body.
#[derive(Clone, Copy)]
struct Bare;

impl Service<Request<()>> for Bare {
    type Response = Response<()>;
    type Error = Infallible;
    type Future = Ready<Result<Response<()>, Infallible>>;
    fn poll_ready(&mut self, _: &mut Context<'_>) -> Poll<Result<(), Infallible>> {
        Poll::Ready(Ok(()))
    }
    fn call(&mut self, _: Request<()>) -> Self::Future {
        ready(Ok(Response::new(())))
    }
}

fn poll_now<F: Future>(future: F) -> F::Output {
    let mut future = pin!(future);
    match future.as_mut().poll(&mut Context::from_waker(Waker::noop())) {
        Poll::Ready(output) => output,
        Poll::Pending => panic!("ready at once"),
    }
}

/// Whole requests through `service` (a `GET` with `Origin`, built each
/// time); counts the responses with `Access-Control-Allow-Origin`.
#[inline(never)]
fn measured_loop_service<S>(service: &mut S, origin: &http::HeaderValue, n: u64) -> u64
where
    S: Service<Request<()>, Response = Response<()>, Error = Infallible>,
{
    let mut allowed = 0;
    for _ in 0..n {
        let request = Request::builder()
            .uri("/")
            .header(http::header::ORIGIN, origin.clone())
            .body(())
            .expect("a request");
        let response = poll_now(service.call(std::hint::black_box(request))).expect("infallible");
        allowed += u64::from(response.headers().contains_key("access-control-allow-origin"));
    }
    allowed
}

/// `scale load` prints the run-time load time in ms; `scale ENGINE ORIGIN
/// N EXPECTED` decides N times (EXPECTED: 1 if the origin is allowed);
/// ENGINE is `compiled`, `dynamic` (the decision alone), `layer-compiled`,
/// `layer-dynamic` (whole requests through the tower layer) or `bare` (the
/// same requests, without the layer).
fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/policy.cors"))
        .expect("policy.cors");
    if args[0] == "load" {
        let start = std::time::Instant::now();
        let policy = cors_runtime::dynamic::DynamicPolicy::parse(&text, "Scale").expect("valid");
        println!("{:.1}", start.elapsed().as_secs_f64() * 1000.0);
        drop(policy);
        return;
    }
    let origin: http::HeaderValue = args[1].parse().expect("an origin");
    let mut headers = http::HeaderMap::new();
    headers.insert("origin", origin.clone());
    let n: u64 = args[2].parse().expect("N");
    let expected: u64 = args[3].parse().expect("EXPECTED");
    let dynamic = || cors_runtime::dynamic::DynamicPolicy::parse(&text, "Scale").expect("valid");
    let allowed = match args[0].as_str() {
        "compiled" => measured_loop_compiled(&headers, n),
        "dynamic" => measured_loop_dynamic(&dynamic(), &headers, n),
        "layer-compiled" => {
            let mut service = cors_runtime::tower::CorsLayer::new(Scale).layer(Bare);
            measured_loop_service(&mut service, &origin, n)
        }
        "layer-dynamic" => {
            let mut service = cors_runtime::tower::CorsLayer::new(dynamic()).layer(Bare);
            measured_loop_service(&mut service, &origin, n)
        }
        _ => {
            measured_loop_service(&mut Bare, &origin, n);
            expected * n
        }
    };
    assert_eq!(allowed, expected * n, "{args:?}");
}
RUST

count() { # ENGINE ORIGIN EXPECTED -> instructions per decision
    local total
    total=$(valgrind --tool=callgrind --callgrind-out-file=/dev/null \
        --toggle-collect='*measured_loop*' "$work/target/release/scale" "$1" "$2" "$N" "$3" 2>&1 \
        | sed -n 's/^==[0-9]*== Collected : \([0-9]*\)$/\1/p')
    echo $(((total + N / 2) / N))
}

# Dependencies first (not timed): each timed build then recompiles the
# program alone (the macro's expansion and rustc on the generated code).
printf 'pub policy Scale { origins: "https://a.example"; }\n' >"$work/policy.cors"
cargo build --quiet --release --manifest-path "$work/Cargo.toml" --target-dir "$work/target"

echo "| kind | entries | release build (s) | run-time load (ms) | compiled hit | compiled miss | run-time hit | run-time miss | layer, compiled: hit | miss | layer, run-time: hit | miss |"
echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
for kind in $KINDS; do
    for size in $SIZES; do
        python3 - "$kind" "$size" "$work/policy.cors" <<'PY'
import sys
kind, size, path = sys.argv[1], int(sys.argv[2]), sys.argv[3]
if kind == "exact":
    entries = [f'"https://app{i}.example{i % 7}.com"' for i in range(size)]
else:
    entries = [f'"https://*.tenant{i}.example.com"' for i in range(size)]
with open(path, "w") as f:
    f.write("pub policy Scale {\n    origins:\n        ")
    f.write(",\n        ".join(entries))
    f.write(";\n}\n")
PY
        if [[ $kind == exact ]]; then
            hit="https://app$((size - 1)).example$(((size - 1) % 7)).com"
            miss="https://nope.example.com"
        else
            hit="https://app.tenant$((size - 1)).example.com"
            miss="https://app.other.example.com"
        fi
        touch "$work/src/main.rs"
        start=$(date +%s.%N)
        cargo build --quiet --release --manifest-path "$work/Cargo.toml" --target-dir "$work/target"
        build=$(awk -v s="$start" -v e="$(date +%s.%N)" 'BEGIN { printf "%.1f", e - s }')
        load=$("$work/target/release/scale" load)
        bare=$(count bare "$hit" 1)
        own() { echo $(($(count "$1" "$2" "$3") - bare)); }
        echo "| $kind | $size | $build | $load | $(count compiled "$hit" 1) | $(count compiled "$miss" 0) | $(count dynamic "$hit" 1) | $(count dynamic "$miss" 0) | $(own layer-compiled "$hit" 1) | $(own layer-compiled "$miss" 0) | $(own layer-dynamic "$hit" 1) | $(own layer-dynamic "$miss" 0) |"
    done
done
