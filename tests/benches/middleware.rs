//! Criterion: ns per request for each implementation, policy and request.
//! `cargo bench -p cors-tests --bench middleware` (about 3 minutes);
//! `tests/bench/criterion_table.py` turns the results into BENCHMARKS.md's table.
//!
//! Each iteration builds the request (tower: a clone; actix-web: a rebuild),
//! calls the service, polls its future (ready at once, no-op waker) and drops
//! the response; subtract `bare` / `actix-bare` for the middleware's own cost.

mod common;

use std::time::Duration;

use common::cases::Variant;
use common::runners::{runner, Imp, InnerHeaders};
use criterion::{criterion_group, criterion_main, Criterion};

fn middleware(c: &mut Criterion) {
    for variant in Variant::ALL {
        for &case in variant.cases() {
            let mut group = c.benchmark_group(format!("{}/{}", variant.name(), case.name()));
            for imp in Imp::ALL {
                let mut run = runner(imp, variant, case, InnerHeaders::Empty);
                group.bench_function(imp.name(), |b| b.iter(&mut run));
            }
            group.finish();
        }
    }
}

criterion_group! {
    name = benches;
    config = Criterion::default()
        .warm_up_time(Duration::from_millis(300))
        .measurement_time(Duration::from_secs(1))
        .sample_size(30);
    targets = middleware
}
criterion_main!(benches);
