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
//!   this file's own reading of the responses (not the library's).
//!
//! "Treated differently" is what a browser (or a cache) can tell apart:
//! whether the application is called and the middleware's status, whether
//! `Access-Control-Allow-Origin` is sent, credentials, the exposed headers
//! as a set beyond the CORS-safelisted ones, max-age, private network
//! access, and `Vary`. The allowed-methods and allowed-headers values are
//! not compared as text: an allowed preflight always covers what it asked
//! for, and the other names they may list are what the policy answers to
//! other requests, which are in the universe too.

#[path = "properties/diff_text.rs"]
mod diff_text;

use std::collections::BTreeSet;

use cors_core::plan::{OriginsPlan, Plan};
use cors_core::{decide, Interpreted, Outcome, WildcardHost, WildcardPort};
use cors_dsl::diff::{self, Aspect, Direction, Witness};
use diff_text::{mutation, policy, PolicyText};
use proptest::prelude::*;

// ------------------------------------------------------------ the requests

/// A request: method and header lines.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Request {
    method: String,
    headers: Vec<(String, String)>,
}

impl From<&Witness> for Request {
    fn from(w: &Witness) -> Request {
        Request {
            method: w.method.clone(),
            headers: w.headers.clone(),
        }
    }
}

fn get(origin: &str) -> Request {
    Request {
        method: "GET".into(),
        headers: vec![("origin".into(), origin.into())],
    }
}

fn preflight(origin: &str, method: &str, acrh: Option<&str>, pna: bool) -> Request {
    let mut headers = vec![
        ("origin".to_owned(), origin.to_owned()),
        (
            "access-control-request-method".to_owned(),
            method.to_owned(),
        ),
    ];
    if let Some(acrh) = acrh {
        headers.push(("access-control-request-headers".into(), acrh.into()));
    }
    if pna {
        headers.push((
            "access-control-request-private-network".into(),
            "true".into(),
        ));
    }
    Request {
        method: "OPTIONS".into(),
        headers,
    }
}

/// What can be told apart in the answer to one request.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Seen {
    app_called: bool,
    status: Option<u16>,
    acao: bool,
    acac: Option<String>,
    aceh: BTreeSet<String>,
    acma: Option<String>,
    acapn: Option<String>,
    vary: BTreeSet<String>,
}

const ALWAYS_READABLE: &[&str] = &[
    "cache-control",
    "content-language",
    "content-length",
    "content-type",
    "expires",
    "last-modified",
    "pragma",
];

fn seen(policy: &Interpreted, request: &Request) -> Seen {
    let method = http::Method::from_bytes(request.method.as_bytes()).unwrap();
    let mut headers = http::HeaderMap::new();
    for (name, value) in &request.headers {
        headers.append(
            http::HeaderName::from_bytes(name.as_bytes()).unwrap(),
            http::HeaderValue::from_str(value).unwrap(),
        );
    }
    let decision = decide(policy, &method, &headers);
    let (app_called, status) = match decision.outcome() {
        Outcome::CallApp => (true, None),
        Outcome::Respond(status) => (false, Some(status.as_u16())),
    };
    let mut response = http::HeaderMap::new();
    decision.apply_to(&mut response);
    let one = |name: &str| {
        let values: Vec<_> = response.get_all(name).iter().collect();
        assert!(values.len() <= 1, "{name} twice");
        values.first().map(|v| v.to_str().unwrap().to_owned())
    };
    let list = |name: &str| -> BTreeSet<String> {
        response
            .get_all(name)
            .iter()
            .flat_map(|v| v.to_str().unwrap().split(','))
            .map(|t| t.trim().to_ascii_lowercase())
            .filter(|t| !t.is_empty())
            .collect()
    };
    let mut aceh = list("access-control-expose-headers");
    aceh.retain(|n| !ALWAYS_READABLE.contains(&n.as_str()));
    Seen {
        app_called,
        status,
        acao: one("access-control-allow-origin").is_some(),
        acac: one("access-control-allow-credentials"),
        aceh,
        acma: one("access-control-max-age"),
        acapn: one("access-control-allow-private-network"),
        vary: list("vary"),
    }
}

// ------------------------------------------------------------ the universe

/// Scheme, host, port of an exact origin (`None` for `null`).
fn parts(origin: &str) -> Option<(String, String, Option<String>)> {
    let (scheme, authority) = origin.split_once("://")?;
    if let Some(end) = authority.strip_prefix('[').and_then(|a| a.find(']')) {
        let host = &authority[..end + 2];
        let port = authority[end + 2..].strip_prefix(':').map(str::to_owned);
        return Some((scheme.into(), host.into(), port));
    }
    Some(match authority.split_once(':') {
        Some((host, port)) => (scheme.into(), host.into(), Some(port.into())),
        None => (scheme.into(), authority.into(), None),
    })
}

/// Origins built from both plans' literals and their near misses.
fn origins(plans: [&Plan; 2]) -> Vec<String> {
    let mut schemes: BTreeSet<String> = ["https", "http", "HTTPS"].map(String::from).into();
    let mut hosts = BTreeSet::new();
    let mut ports: BTreeSet<Option<String>> = [
        None,
        Some("443"),
        Some("80"),
        Some("8080"),
        Some("8443"),
        Some("1"),
    ]
    .into_iter()
    .map(|p| p.map(String::from))
    .collect();
    let mut verbatim = vec![
        "null".to_owned(),
        "https://example.net".to_owned(),
        String::new(),
    ];
    fn host(h: &str, hosts: &mut BTreeSet<String>) {
        hosts.insert(h.to_owned());
        hosts.insert(h.to_uppercase());
        for label in ["a", "zz", "a.b"] {
            hosts.insert(format!("{label}.{h}"));
        }
        hosts.insert(format!("x{h}"));
        if let Some((_, parent)) = h.split_once('.') {
            hosts.insert(parent.to_owned());
        }
        match h.strip_suffix('.') {
            Some(bare) => hosts.insert(bare.to_owned()),
            None => hosts.insert(format!("{h}.")),
        };
    }
    for plan in plans {
        let OriginsPlan::Listed(list) = &plan.origins else {
            continue;
        };
        for exact in &list.exact {
            verbatim.push(exact.clone());
            if let Some((scheme, h, port)) = parts(exact) {
                schemes.insert(scheme);
                host(&h, &mut hosts);
                ports.insert(port);
            }
        }
        for pattern in &list.patterns {
            verbatim.push(pattern.to_string());
            schemes.insert(pattern.scheme.clone());
            match &pattern.host {
                WildcardHost::Exact(h) | WildcardHost::Subdomains(h) => host(h, &mut hosts),
            }
            if let WildcardPort::Exact(port) = &pattern.port {
                ports.insert(Some(port.clone()));
            }
        }
    }
    let mut all = verbatim;
    for scheme in &schemes {
        for h in &hosts {
            for port in &ports {
                all.push(match port {
                    Some(port) => format!("{scheme}://{h}:{port}"),
                    None => format!("{scheme}://{h}"),
                });
            }
        }
    }
    all.sort();
    all.dedup();
    all
}

fn names_of(plans: [&Plan; 2]) -> (Vec<String>, Vec<String>) {
    let mut methods: BTreeSet<String> = [
        "GET", "PUT", "PATCH", "patch", "DELETE", "chicken", "CHICKEN", "X-FRESH",
    ]
    .map(String::from)
    .into();
    let mut headers: BTreeSet<String> = [
        "content-type",
        "Content-Type",
        "x-a",
        "authorization",
        "x-fresh",
        "content-type,x-a",
    ]
    .map(String::from)
    .into();
    for plan in plans {
        if let cors_core::plan::MethodsPlan::Listed(list) = &plan.methods {
            methods.extend(list.iter().cloned());
        }
        if let cors_core::plan::RequestHeadersPlan::Listed { names, .. } = &plan.request_headers {
            headers.extend(names.iter().cloned());
        }
    }
    (methods.into_iter().collect(), headers.into_iter().collect())
}

/// The origins whose full preflight product is tried, at most.
const DEEP_ORIGINS: usize = 8;

/// The first request of the universe the two plans treat differently.
fn brute_force(old: &Interpreted, new: &Interpreted) -> Option<Request> {
    let plans = [old.plan(), new.plan()];
    let differs = |r: &Request| seen(old, r) != seen(new, r);
    let mut allowed = Vec::new();
    for origin in origins(plans) {
        let probe = get(&origin);
        for request in [probe.clone(), preflight(&origin, "GET", None, false)] {
            if differs(&request) {
                return Some(request);
            }
        }
        if seen(old, &probe).acao && !origin.is_empty() {
            allowed.push(origin);
        }
    }
    // The origins decide alike on the whole universe: now every method,
    // header and private-network request from allowed origins.
    let no_origin = Request {
        method: "GET".into(),
        headers: Vec::new(),
    };
    if differs(&no_origin) {
        return Some(no_origin);
    }
    let (methods, headers) = names_of(plans);
    let step = allowed.len().div_ceil(DEEP_ORIGINS).max(1);
    for origin in allowed.iter().step_by(step) {
        for method in &methods {
            for pna in [false, true] {
                let request = preflight(origin, method, None, pna);
                if differs(&request) {
                    return Some(request);
                }
            }
            for acrh in &headers {
                let request = preflight(origin, method, Some(acrh), false);
                if differs(&request) {
                    return Some(request);
                }
            }
        }
    }
    None
}

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
