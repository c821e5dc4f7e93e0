//! Parse, validate and lower large policies, as `DynamicPolicy` loads them:
//! 1,000 origins with 100 request headers, 10,000 wildcard patterns, and
//! 100,000 exact origins (BENCHMARKS.md, Table 8).

use criterion::{black_box, criterion_group, criterion_main, Criterion};

/// A policy whose `origins:` lists `origins`, and that allows `headers`
/// request headers and credentials.
fn generated_policy(origins: impl Iterator<Item = String>, headers: usize) -> String {
    let mut text = String::from("/// Generated.\npub policy Big {\n    origins:\n");
    let mut first = true;
    for origin in origins {
        if !first {
            text.push_str(",\n");
        }
        first = false;
        text.push_str(&format!("        \"{origin}\""));
    }
    text.push_str(";\n    methods: GET, POST, PUT, DELETE, PATCH;\n");
    if headers > 0 {
        text.push_str("    request-headers:\n");
        let names: Vec<String> = (0..headers)
            .map(|i| format!("        x-custom-header-{i}"))
            .collect();
        text.push_str(&names.join(",\n"));
        text.push_str(";\n");
    }
    text.push_str("    credentials: true;\n    max-age: 10m;\n}\n");
    text
}

/// Everything between the text and a policy that can decide requests: the
/// parse, every validation rule, the lowering and the matcher's index.
fn load(text: &str) -> cors_core::Interpreted {
    let compiled = match cors_dsl::compile_str("big.cors", text, None) {
        Ok(compiled) => compiled,
        Err(report) => panic!("the generated policy is invalid:\n{report}"),
    };
    let plan = cors_dsl::lower::plan(&compiled.policies[0]);
    cors_core::Interpreted::new(plan).expect("a validated policy has a valid plan")
}

fn bench(c: &mut Criterion) {
    let cases = [
        (
            "1000 exact origins, 100 headers",
            generated_policy(
                (0..1_000).map(|i| format!("https://app{i}.example{}.com", i % 7)),
                100,
            ),
        ),
        (
            "10000 wildcard patterns",
            generated_policy(
                (0..10_000).map(|i| format!("https://*.tenant{i}.example.com")),
                0,
            ),
        ),
        (
            "100000 exact origins",
            generated_policy(
                (0..100_000).map(|i| format!("https://app{i}.example{}.com", i % 7)),
                0,
            ),
        ),
    ];
    let mut group = c.benchmark_group("parse+validate+lower");
    group.sample_size(10);
    for (name, text) in &cases {
        // Measure a successful load only.
        drop(load(text));
        group.bench_function(*name, |b| b.iter(|| load(black_box(text))));
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
