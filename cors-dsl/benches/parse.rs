//! Parse + validate a large policy: 1,000 origins and 100 request headers.

use criterion::{black_box, criterion_group, criterion_main, Criterion};

/// A policy with `origins` exact origins and `headers` request headers.
fn generated_policy(origins: usize, headers: usize) -> String {
    let mut text = String::from("/// Generated.\npub policy Big {\n    origins:\n");
    for i in 0..origins {
        let sep = if i + 1 == origins { ";" } else { "," };
        text.push_str(&format!(
            "        \"https://app{i}.example{}.com\"{sep}\n",
            i % 7
        ));
    }
    text.push_str("    methods: GET, POST, PUT, DELETE, PATCH;\n    request-headers:\n");
    for i in 0..headers {
        let sep = if i + 1 == headers { ";" } else { "," };
        text.push_str(&format!("        x-custom-header-{i}{sep}\n"));
    }
    text.push_str("    credentials: true;\n    max-age: 10m;\n}\n");
    text
}

fn bench(c: &mut Criterion) {
    let text = generated_policy(1_000, 100);
    // Make sure the bench measures a successful compilation.
    if let Err(report) = cors_dsl::compile_str("big.cors", &text, None) {
        panic!("the generated policy is invalid:\n{report}");
    }
    c.bench_function("parse+validate 1000 origins, 100 headers", |b| {
        b.iter(|| cors_dsl::compile_str("big.cors", black_box(&text), None))
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
