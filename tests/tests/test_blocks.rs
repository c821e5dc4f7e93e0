//! Property test of `test` blocks: for random policies and random calls, an
//! expectation written from what the run-time engine actually does always
//! holds, and its negation (`allow` ↔ `deny`, or another `because`) always
//! fails with the right diagnostic.
//!
//! The browser's requests are built here from LANGUAGE.md ("Tests"), apart
//! from `cors-dsl`'s own construction: a preflight when the method is not
//! `GET`/`HEAD`/`POST`, a header is set, or `preflight` is written (ACRH:
//! the names lowercased, sorted, de-duplicated, joined by `,`), then the
//! actual request, each decided by `cors_runtime::decide` on a
//! `DynamicPolicy`.

use cors_runtime::dynamic::DynamicPolicy;
use cors_runtime::{decide, Refusal};
use http::{HeaderMap, HeaderValue, Method};
use proptest::prelude::*;

// ------------------------------------------------------------- policies

/// Origin entries that never cover one another (`origin-covered`), valid
/// with credentials (HTTP only on loopback names).
const ENTRIES: &[&str] = &[
    "\"https://app.example\"",
    "\"https://*.example.com\"",
    "\"http://localhost:*\"",
    "\"https://api.example.org:8443\"",
    "\"http://[::1]:3000\"",
    "\"http://127.0.0.1:8080\"",
    "\"https://trailing.example.\"",
    "\"https://*.sub.example.net:*\"",
    "\"https://bücher.example\"",
];

const METHODS: &[&str] = &["PUT", "PATCH", "DELETE", "chicken", "PROPFIND"];
const HEADERS: &[&str] = &["content-type", "x-a", "x-b", "authorization"];

/// A random valid policy named `P`.
fn policy() -> impl Strategy<Value = String> {
    let origins = prop_oneof![
        1 => Just(None),
        5 => (prop::sample::subsequence(ENTRIES, 1..=ENTRIES.len()), any::<bool>()).prop_map(Some),
    ];
    let methods = prop_oneof![
        1 => Just(None),
        1 => Just(Some("*".to_owned())),
        3 => prop::sample::subsequence(METHODS, 1..=METHODS.len()).prop_map(|m| Some(m.join(", "))),
    ];
    let headers = prop_oneof![
        1 => Just(None),
        1 => Just(Some("*".to_owned())),
        1 => Just(Some("*, authorization".to_owned())),
        3 => prop::sample::subsequence(HEADERS, 1..=HEADERS.len()).prop_map(|h| Some(h.join(", "))),
    ];
    (
        origins,
        methods,
        headers,
        any::<bool>(),
        any::<bool>(),
        any::<bool>(),
    )
        .prop_map(
            |(origins, methods, headers, credentials, forward, status)| {
                let mut text = String::from("policy P {\n");
                let listed = origins.is_some();
                match origins {
                    None => text.push_str("    origins: *;\n"),
                    Some((entries, null)) => {
                        let mut entries: Vec<&str> = entries;
                        // `null` only without credentials.
                        if null && !credentials {
                            entries.push("null");
                            text.push_str("    dangerously-allow: null-origin;\n");
                        }
                        text.push_str(&format!("    origins: {};\n", entries.join(", ")));
                    }
                }
                if let Some(methods) = methods {
                    text.push_str(&format!("    methods: {methods};\n"));
                }
                if let Some(headers) = headers {
                    text.push_str(&format!("    request-headers: {headers};\n"));
                }
                if credentials && listed {
                    text.push_str("    credentials: true;\n");
                }
                if forward {
                    text.push_str("    preflight: forward;\n");
                }
                if status {
                    text.push_str("    preflight-status: 200;\n");
                }
                text.push_str("}\n");
                text
            },
        )
}

// ------------------------------------------------------------- calls

/// Origins as browsers send them (ASCII): allowed ones, near misses, odd ones.
const ORIGINS: &[&str] = &[
    "https://app.example",
    "https://App.example",
    "https://app.example/",
    "https://app.example:443",
    "http://app.example",
    "https://x.example.com",
    "https://a.b.example.com",
    "https://example.com",
    "https://x.example.com:8443",
    "http://localhost:3000",
    "http://localhost",
    "https://localhost:3000",
    "http://app.localhost:3000",
    "https://api.example.org:8443",
    "https://api.example.org",
    "http://[::1]:3000",
    "http://[::1]:3001",
    "http://127.0.0.1:8080",
    "https://trailing.example.",
    "https://trailing.example",
    "https://z.sub.example.net:9",
    "https://sub.example.net",
    "https://xn--bcher-kva.example",
    "https://evil.example",
    "null",
    "",
    "https://app.example,https://x.example.com",
];

const CALL_METHODS: &[&str] = &[
    "GET", "HEAD", "POST", "PUT", "put", "PATCH", "patch", "DELETE", "chicken", "OPTIONS",
    "PROPFIND", "get",
];

const CALL_HEADERS: &[&str] = &[
    "content-type",
    "Content-Type",
    "X-A",
    "x-b",
    "authorization",
    "x-unknown",
];

/// A call a page makes.
#[derive(Clone, Debug)]
struct Call {
    preflight: bool,
    method: String,
    origin: String,
    null_keyword: bool,
    headers: Vec<String>,
}

fn call() -> impl Strategy<Value = Call> {
    let long_method = "M".repeat(70);
    (
        any::<bool>(),
        prop_oneof![
            12 => prop::sample::select(CALL_METHODS).prop_map(str::to_owned),
            1 => Just(long_method),
        ],
        prop::sample::select(ORIGINS),
        any::<bool>(),
        prop::collection::vec(prop::sample::select(CALL_HEADERS), 0..3),
    )
        .prop_map(|(preflight, method, origin, keyword, headers)| Call {
            preflight,
            method,
            origin: origin.to_owned(),
            null_keyword: keyword && origin == "null",
            headers: headers.into_iter().map(str::to_owned).collect(),
        })
}

/// What the run-time engine does with the call: `Ok` when allowed, else
/// the refusal of the request that failed first.
fn actual(policy: &DynamicPolicy, call: &Call) -> Result<(), Refusal> {
    let origin = HeaderValue::from_str(&call.origin).expect("an ASCII origin");
    let method = Method::from_bytes(call.method.as_bytes()).expect("a token");
    let preflighted = call.preflight
        || !["GET", "HEAD", "POST"].contains(&call.method.as_str())
        || !call.headers.is_empty();
    if preflighted {
        let mut headers = HeaderMap::new();
        headers.insert("origin", origin.clone());
        headers.insert(
            "access-control-request-method",
            HeaderValue::from_str(&call.method).expect("a token"),
        );
        let mut names: Vec<String> = call
            .headers
            .iter()
            .map(|h| h.to_ascii_lowercase())
            .collect();
        names.sort();
        names.dedup();
        if !names.is_empty() {
            headers.insert(
                "access-control-request-headers",
                HeaderValue::from_str(&names.join(",")).expect("tokens"),
            );
        }
        let decision = decide(policy, &Method::OPTIONS, &headers);
        if !decision.is_allowed() {
            return Err(decision
                .refusal()
                .expect("a refused preflight has a reason"));
        }
    }
    let mut headers = HeaderMap::new();
    headers.insert("origin", origin);
    let decision = decide(policy, &method, &headers);
    match decision.refusal() {
        _ if decision.is_allowed() => Ok(()),
        Some(refusal) => Err(refusal),
        None => panic!("a refused actual request has a reason"),
    }
}

/// `allow|deny [preflight] M from O [with H…] [because R];`
fn expectation(call: &Call, allow: bool, because: Option<&str>) -> String {
    let mut text = String::from(if allow { "allow " } else { "deny " });
    if call.preflight {
        text.push_str("preflight ");
    }
    text.push_str(&call.method);
    if call.null_keyword {
        text.push_str(" from null");
    } else {
        text.push_str(&format!(" from {:?}", call.origin));
    }
    if !call.headers.is_empty() {
        text.push_str(&format!(" with {}", call.headers.join(", ")));
    }
    if let Some(because) = because {
        text.push_str(&format!(" because {because}"));
    }
    text.push(';');
    text
}

/// The check that failed, as `because` names it. A malformed request is
/// refused by the check that reads the malformed header (PROTOCOL §3: the
/// method check refuses an ACRM over 64 bytes; the request-headers check an
/// ACRH beyond the scanner's bounds).
fn word(refusal: Refusal, call: &Call) -> &'static str {
    match refusal {
        Refusal::Origin => "origin",
        Refusal::Method => "method",
        Refusal::RequestHeaders => "request-headers",
        _ if call.method.len() > 64 => "method",
        _ => "request-headers",
    }
}

/// The codes of compiling `policy` with one test block holding `line`.
fn codes(policy: &str, line: &str) -> Vec<&'static str> {
    let text = format!("{policy}test P {{\n    {line}\n}}\n");
    match cors_dsl::compile_str("p.cors", &text, None) {
        Ok(compiled) => {
            assert_eq!(compiled.tests[0].passed, 1, "{text}");
            Vec::new()
        }
        Err(report) => report.codes(),
    }
}

fn config() -> ProptestConfig {
    ProptestConfig {
        cases: 1000,
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn expectations_from_the_actual_decision_hold_and_their_negations_fail(
        policy in policy(),
        call in call(),
    ) {
        let runtime = DynamicPolicy::parse(&policy, "P").expect("a valid random policy");
        match actual(&runtime, &call) {
            Ok(()) => {
                let line = expectation(&call, true, None);
                prop_assert_eq!(codes(&policy, &line), Vec::<&str>::new(), "{}{}", policy, line);
                let negation = expectation(&call, false, None);
                prop_assert_eq!(codes(&policy, &negation), ["test-not-denied"], "{}{}", policy, negation);
            }
            Err(refusal) => {
                let reason = word(refusal, &call);
                let line = expectation(&call, false, Some(reason));
                prop_assert_eq!(codes(&policy, &line), Vec::<&str>::new(), "{}{}", policy, line);
                let bare = expectation(&call, false, None);
                prop_assert_eq!(codes(&policy, &bare), Vec::<&str>::new(), "{}{}", policy, bare);
                let negation = expectation(&call, true, None);
                prop_assert_eq!(codes(&policy, &negation), ["test-not-allowed"], "{}{}", policy, negation);
                // Another reason than the actual one fails too.
                let others = ["origin", "method", "request-headers"]
                    .into_iter()
                    .filter(|w| *w != reason)
                    .filter(|w| *w != "request-headers" || !call.headers.is_empty());
                for other in others {
                    let wrong = expectation(&call, false, Some(other));
                    prop_assert_eq!(codes(&policy, &wrong), ["test-wrong-reason"], "{}{}", policy, wrong);
                }
            }
        }
    }
}

/// The generators reach every kind of outcome (a property that only ever
/// saw allowed calls would prove little).
#[test]
fn the_generators_reach_every_outcome() {
    use proptest::strategy::ValueTree;
    use proptest::test_runner::TestRunner;

    let mut runner = TestRunner::deterministic();
    let mut seen = [0usize; 5];
    for _ in 0..2000 {
        let policy = policy().new_tree(&mut runner).unwrap().current();
        let call = call().new_tree(&mut runner).unwrap().current();
        let runtime = DynamicPolicy::parse(&policy, "P").unwrap();
        let slot = match actual(&runtime, &call) {
            Ok(()) => 0,
            Err(Refusal::Origin) => 1,
            Err(Refusal::Method) => 2,
            Err(Refusal::RequestHeaders) => 3,
            Err(_) => 4,
        };
        seen[slot] += 1;
    }
    assert!(seen.iter().all(|n| *n > 10), "{seen:?}");
}
