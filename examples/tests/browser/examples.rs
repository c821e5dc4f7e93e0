//! The example binaries in a browser: each serves the page and the API; the
//! page's buttons must give what `page::SCENARIOS` says, a second PUT
//! within max-age must reuse its preflight, and an unlisted origin is
//! refused.

use cors_examples::page::SCENARIOS;
use serde_json::json;

use crate::harness::{self, Example};
use crate::webdriver::Engine;
use crate::{browser_lock, open_session, start_driver};

/// The example binaries themselves: each serves the page and the API; the
/// page's buttons give what `page::SCENARIOS` says, and an unlisted origin
/// is refused.
pub fn example_binaries(engine: Engine) {
    let _lock = browser_lock();
    let started = std::time::Instant::now();
    let driver = start_driver(engine);
    let session = open_session(&driver, engine);
    let mut failures = Vec::new();
    for binary in [
        env!("CARGO_BIN_EXE_api-axum"),
        env!("CARGO_BIN_EXE_api-actix"),
        env!("CARGO_BIN_EXE_api-hyper"),
        env!("CARGO_BIN_EXE_api-poem"),
        env!("CARGO_BIN_EXE_api-salvo"),
        env!("CARGO_BIN_EXE_api-rocket"),
    ] {
        let example = Example::start(binary);
        let name = binary.rsplit('/').next().unwrap_or(binary);
        let page = format!("http://localhost:{}/", example.page_port);
        session
            .goto(&page)
            .unwrap_or_else(|e| panic!("{name}: loading {page}: {e}"));
        let title = session
            .execute("return document.title", &[])
            .expect("title");
        assert_eq!(
            title,
            json!("cors-dsl example"),
            "{name}: the page did not load"
        );
        for (scenario, expected) in SCENARIOS {
            let got = harness::click_scenario(&session, scenario);
            let ok = got.outcome == expected.as_str()
                && (*scenario != "credentialed" || got.text.contains("\"session\":\"demo-"));
            println!(
                "{} {name} scenario {scenario}: expected {}, browser says {} ({})",
                if ok { "PASS" } else { "FAIL" },
                expected.as_str(),
                got.outcome,
                got.text.lines().next().unwrap_or("")
            );
            if !ok {
                failures.push(format!("{name} {scenario}: {got:?}"));
            }
        }
        // max-age: 10m: a second PUT right after the first reuses its
        // preflight (the page's stats button reads the server's preflight
        // counter). Consecutive, because a refused call to the same URL
        // clears the browser's cached preflights for it.
        harness::click_scenario(&session, "preflighted");
        let before = harness::preflights_seen(&session);
        let again = harness::click_scenario(&session, "preflighted");
        let after = harness::preflights_seen(&session);
        let ok = again.outcome == "allowed" && before.is_some_and(|n| n >= 2) && after == before;
        println!(
            "{} {name} PUT again within max-age: preflights seen by the server {before:?} -> {after:?}",
            if ok { "PASS" } else { "FAIL" }
        );
        if !ok {
            failures.push(format!(
                "{name} preflight cache: {before:?} -> {after:?}, {again:?}"
            ));
        }

        // The same page from an origin the policy does not list.
        let other = format!("http://127.0.0.1:{}/", example.page_port);
        session.goto(&other).expect("load the page from 127.0.0.1");
        let origin = session
            .execute("return location.origin", &[])
            .expect("origin");
        assert_eq!(
            origin,
            json!(other.trim_end_matches('/')),
            "{name}: the page did not load"
        );
        let got = harness::click_scenario(&session, "simple");
        let ok = got.outcome == "blocked";
        println!(
            "{} {name} simple GET from unlisted origin {other}: browser says {}",
            if ok { "PASS" } else { "FAIL" },
            got.outcome
        );
        if !ok {
            failures.push(format!("{name} unlisted origin: {got:?}"));
        }
    }
    println!(
        "example binaries in {}: {:.1} s",
        engine.name(),
        started.elapsed().as_secs_f64()
    );
    assert!(
        failures.is_empty(),
        "example binaries in {}:\n{}",
        engine.name(),
        failures.join("\n")
    );
}
