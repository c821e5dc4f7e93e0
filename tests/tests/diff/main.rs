//! `cors_dsl::diff` against brute force: for random policy pairs and for
//! pairs made by one small mutation of a policy (an origin added, removed
//! or widened, a method, a header, credentials flipped, max-age changed…),
//! every request of a finite universe — built from both policies' origin
//! literals and their near misses (subdomains, parents, other ports, the
//! default port spelled out, other schemes, upper case), methods and
//! header names — is run through the decision core with both plans.
//!
//! - `diff` says "equivalent" exactly when no request of the universe is
//!   treated differently;
//! - every witness `diff` reports is treated differently, checked here with
//!   this test's own reading of the responses (not the library's).
//!
//! "Treated differently" is what a browser (or a cache) can tell apart:
//! whether the application is called and the middleware's status, whether
//! `Access-Control-Allow-Origin` is sent, credentials, the exposed headers
//! as a set beyond the CORS-safelisted ones, max-age, private network
//! access, and `Vary`. The allowed-methods and allowed-headers values are
//! not compared as text: an allowed preflight always covers what it asked
//! for, and the other names they may list are what the policy answers to
//! other requests, which are in the universe too.
//!
//! `requests` holds the requests and what can be told apart in their
//! answers, `universe` the finite universe and the brute force over it;
//! this file the check of `diff` against it and the tests.

#[path = "../properties/diff_text.rs"]
mod diff_text;
mod requests;
mod universe;

use cors_core::plan::Plan;
use cors_core::Interpreted;
use cors_dsl::diff::{self, Aspect, Direction};
use diff_text::{mutation, policy, PolicyText};
use proptest::prelude::*;

use requests::{seen, Request};
use universe::brute_force;

// ------------------------------------------------------------ the check

fn compile(text: &str) -> Plan {
    let compiled = cors_dsl::compile_str("generated.cors", text, None)
        .unwrap_or_else(|report| panic!("generated an invalid policy:\n{text}\n{report}"));
    cors_dsl::lower::plan(&compiled.policies[0])
}

fn check(old: &PolicyText, new: &PolicyText) -> Result<(), TestCaseError> {
    let (old_text, new_text) = (old.render("Old"), new.render("New"));
    let (old_plan, new_plan) = (compile(&old_text), compile(&new_text));
    let diff = diff::compare(&old_plan, &new_plan).unwrap();
    let old = Interpreted::new(old_plan).unwrap();
    let new = Interpreted::new(new_plan).unwrap();
    let brute = brute_force(&old, &new);
    prop_assert_eq!(
        diff.is_equivalent(),
        brute.is_none(),
        "old:\n{}new:\n{}diff:\n{}brute force: {:?}",
        old_text,
        new_text,
        diff,
        brute
    );
    for change in diff.changes() {
        let request = Request::from(&change.witness);
        let (was, is) = (seen(&old, &request), seen(&new, &request));
        prop_assert_ne!(
            &was,
            &is,
            "unconfirmed: {}\nold:\n{}new:\n{}",
            change,
            old_text,
            new_text
        );
        if change.aspect == Aspect::Origins {
            let widen = change.direction == Direction::Widen;
            prop_assert!(is.acao == widen && was.acao != widen, "{}", change);
        }
    }
    Ok(())
}

fn config(cases: u32) -> ProptestConfig {
    ProptestConfig {
        cases,
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

proptest! {
    #![proptest_config(config(160))]

    /// Two unrelated policies.
    #[test]
    fn random_pairs(old in policy(), new in policy()) {
        check(&old, &new)?;
    }

}

proptest! {
    #![proptest_config(config(256))]

    /// A policy and one small change of it, both ways.
    #[test]
    fn one_mutation(old in policy(), change in mutation()) {
        let new = change.apply(&old);
        check(&old, &new)?;
        check(&new, &old)?;
    }

    /// A policy and two small changes of it (which may cancel out).
    #[test]
    fn two_mutations(old in policy(), first in mutation(), second in mutation()) {
        let new = second.apply(&first.apply(&old));
        check(&old, &new)?;
    }
}

/// The brute force itself finds what it must (so that agreeing with it
/// means something).
#[test]
fn brute_force_sees_each_kind_of_change() {
    let base =
        r#"policy A { origins: "https://*.example.com"; methods: PUT; request-headers: x-a; }"#;
    for changed in [
        r#"policy A { origins: "https://*.example.com", "https://b.example.org"; methods: PUT; request-headers: x-a; }"#,
        r#"policy A { origins: "https://*.a.example.com"; methods: PUT; request-headers: x-a; }"#,
        r#"policy A { origins: "https://*.example.com:*"; methods: PUT; request-headers: x-a; }"#,
        r#"policy A { origins: "https://*.example.com"; methods: PUT, PATCH; request-headers: x-a; }"#,
        r#"policy A { origins: "https://*.example.com"; methods: PUT; request-headers: x-a, x-b; }"#,
        r#"policy A { origins: "https://*.example.com"; methods: PUT; request-headers: *; }"#,
        r#"policy A { origins: "https://*.example.com"; methods: PUT; request-headers: x-a; credentials: true; }"#,
        r#"policy A { origins: "https://*.example.com"; methods: PUT; request-headers: x-a; max-age: 5; }"#,
        r#"policy A { origins: "https://*.example.com"; methods: PUT; request-headers: x-a; expose-headers: x-id; }"#,
        r#"policy A { origins: "https://*.example.com"; methods: PUT; request-headers: x-a; private-network: true; }"#,
        r#"policy A { origins: "https://*.example.com"; methods: PUT; request-headers: x-a; preflight: forward; }"#,
    ] {
        let old = Interpreted::new(compile(base)).unwrap();
        let new = Interpreted::new(compile(changed)).unwrap();
        assert!(brute_force(&old, &new).is_some(), "{changed}");
        assert!(!diff::compare(old.plan(), new.plan())
            .unwrap()
            .is_equivalent());
    }
}
