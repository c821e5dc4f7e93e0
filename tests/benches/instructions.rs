//! Runs one (implementation, policy, request) `N` times, for
//! `tests/bench/instructions.sh`, which counts the instructions executed
//! inside `measured_loop` with callgrind (`--toggle-collect`).
//!
//! Usage: `instructions IMPL POLICY CASE N`, e.g. `instructions ours o22 preflight_allowed 1000`.
//! Run by `cargo bench` without arguments, it prints the usage and exits.

mod common;

use common::cases::{Case, Variant};
use common::runners::{runner, Imp, InnerHeaders, Runner};

/// The only code callgrind counts.
#[inline(never)]
fn measured_loop(run: &mut Runner, n: u64) {
    for _ in 0..n {
        run();
    }
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let parsed = match &args[..] {
        [imp, variant, case, n] => Imp::parse(imp)
            .zip(Variant::parse(variant))
            .zip(Case::parse(case))
            .zip(n.parse::<u64>().ok()),
        _ => None,
    };
    let Some((((imp, variant), case), n)) = parsed else {
        eprintln!("usage: instructions IMPL POLICY CASE N (see tests/bench/instructions.sh)");
        return;
    };
    let mut run = runner(imp, variant, case, InnerHeaders::Empty);
    // Warm up (pools, lazily initialised statics) outside the measured loop.
    for _ in 0..10 {
        run();
    }
    measured_loop(&mut run, n);
}
