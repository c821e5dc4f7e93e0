//! Adversarial inputs, each run through every adapter (tower, actix-web,
//! Poem, Salvo, Rocket; see `support/adapters/`): huge and repeated
//! headers, malformed and look-alike origins, odd-case methods. A module of
//! the `protocol` test binary.
//!
//! Each row states its expected outcome; the adapters must not panic, must
//! agree with the row, and must do bounded work. Work is measured without
//! tight timers: the policy is wrapped in a counter of how often the decision
//! core consults it (a bounded number of times whatever the input), and the
//! whole table must finish under a generous wall-clock guard.
//!
//! Some inputs cannot even be built: `http` (1.x for tower, 0.2 for
//! actix-web) refuses NUL, CR, LF and other control bytes (but tab) in a
//! header value, so such an `Origin` never reaches any middleware; the
//! `unrepresentable_values` test pins that down.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use cors_runtime::{OriginMatch, Policy, PolicyConfig, RequestHeaderRule};

use crate::adapters::{call, report, Adapter};
use crate::support::harness::App;

mod compiled {
    cors_runtime::cors_policy! {
        /// Listed origins with credentials, two listed headers.
        pub policy Strict {
            origins: "https://app.example", "https://*.example.com", "http://localhost:*",
                "http://[::1]:3000";
            credentials: true;
            methods: PUT, PATCH;
            request-headers: content-type, x-a;
        }
        /// `null` opted in.
        pub policy NullOk {
            origins: null, "https://app.example";
            dangerously-allow: null-origin;
        }
        /// No `null`.
        pub policy NoNull {
            origins: "https://app.example";
        }
        /// `request-headers: *` (the widest scanner limits).
        pub policy AnyHeaders {
            origins: "https://app.example";
            methods: *;
            request-headers: *;
        }
        /// `origins: *`.
        pub policy AnyOrigin {
            origins: *;
            methods: *;
            request-headers: *;
        }
    }
}

// ------------------------------------------------------------ counting policy

#[derive(Default, Debug)]
struct Calls {
    origin: AtomicUsize,
    method: AtomicUsize,
    header: AtomicUsize,
}

/// Delegates to `P`, counting every call the decision core makes.
#[derive(Clone, Debug)]
struct Counting<P> {
    inner: P,
    calls: Arc<Calls>,
}

impl<P: Policy> Policy for Counting<P> {
    fn name(&self) -> &str {
        self.inner.name()
    }
    fn config(&self) -> &PolicyConfig {
        self.inner.config()
    }
    fn match_origin(&self, origin: &[u8]) -> OriginMatch<'_> {
        self.calls.origin.fetch_add(1, Ordering::Relaxed);
        self.inner.match_origin(origin)
    }
    fn allows_method(&self, method: &[u8]) -> bool {
        self.calls.method.fetch_add(1, Ordering::Relaxed);
        self.inner.allows_method(method)
    }
    fn allows_request_header(&self, name: &[u8]) -> bool {
        self.calls.header.fetch_add(1, Ordering::Relaxed);
        self.inner.allows_request_header(name)
    }
}

// ------------------------------------------------------------------ the rows

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Which {
    Strict,
    NullOk,
    NoNull,
    AnyHeaders,
    AnyOrigin,
}

#[derive(Clone, Debug, PartialEq, Eq)]
enum Expect {
    /// Passed to the application (status 200); `ACAO` as given.
    Actual(Option<&'static str>),
    /// A preflight answered 204 with this `ACAO`.
    Allowed(&'static str),
    /// A preflight answered 403 without any `Access-Control-*` header.
    Refused,
}

struct Row {
    name: &'static str,
    policy: Which,
    method: &'static [u8],
    headers: Vec<(&'static str, Vec<u8>)>,
    expect: Expect,
}

const APP: &str = "https://app.example";

fn row(name: &'static str, policy: Which, method: &'static [u8], expect: Expect) -> Row {
    Row {
        name,
        policy,
        method,
        headers: Vec::new(),
        expect,
    }
}

impl Row {
    fn h(mut self, name: &'static str, value: impl Into<Vec<u8>>) -> Self {
        self.headers.push((name, value.into()));
        self
    }
    fn origin(self, origin: impl Into<Vec<u8>>) -> Self {
        self.h("origin", origin)
    }
    fn acrm(self, method: &str) -> Self {
        self.h("access-control-request-method", method)
    }
    fn acrh(self, value: impl Into<Vec<u8>>) -> Self {
        self.h("access-control-request-headers", value)
    }
    fn repeat(mut self, name: &'static str, value: &[u8], times: usize) -> Self {
        for _ in 0..times {
            self.headers.push((name, value.to_vec()));
        }
        self
    }
}

/// A preflight for `PUT` from an allowed origin, to which a row adds its
/// hostile part.
fn preflight(name: &'static str, policy: Which, expect: Expect) -> Row {
    row(name, policy, b"OPTIONS", expect)
        .origin(APP)
        .acrm("PUT")
}

fn rows() -> Vec<Row> {
    use Expect::{Actual, Allowed, Refused};
    use Which::*;
    const MIB: usize = 1 << 20;
    let commas = vec![b','; MIB];
    let spaces = vec![b' '; MIB];
    let names = b"x-a,".repeat(MIB / 4);
    let long_name = vec![b'a'; 64 * 1024];
    // 64 KiB: a long chain of labels in front of an allowed suffix.
    let mut long_origin = b"https://".to_vec();
    while long_origin.len() < 64 * 1024 - ".example.com".len() {
        long_origin.extend_from_slice(b"a.");
    }
    long_origin.extend_from_slice(b"example.com");

    vec![
        // --- the header-list DoS class
        preflight("1 MiB of commas in ACRH", Strict, Refused).acrh(commas.clone()),
        preflight(
            "1 MiB of commas in ACRH, request-headers: *",
            AnyHeaders,
            Refused,
        )
        .acrh(commas),
        preflight("1 MiB of spaces in ACRH", Strict, Refused).acrh(spaces),
        preflight("262,144 allowed names in ACRH", Strict, Refused).acrh(names.clone()),
        preflight(
            "262,144 names in ACRH, request-headers: *",
            AnyHeaders,
            Refused,
        )
        .acrh(names),
        preflight("a 64 KiB name in ACRH", AnyHeaders, Refused).acrh(long_name),
        preflight("10,000 ACRH fields", Strict, Refused).repeat(
            "access-control-request-headers",
            b"x-a",
            10_000,
        ),
        preflight("10,000 empty ACRH fields", AnyHeaders, Refused).repeat(
            "access-control-request-headers",
            b"",
            10_000,
        ),
        preflight("8 ACRH fields are fine", Strict, Allowed(APP))
            .repeat("access-control-request-headers", b"x-a", 4)
            .repeat("access-control-request-headers", b"", 4),
        preflight("9 ACRH fields are not", Strict, Refused)
            .repeat("access-control-request-headers", b"x-a", 1)
            .repeat("access-control-request-headers", b"", 8),
        preflight("16 empty elements are fine", Strict, Allowed(APP))
            .acrh(format!("{}x-a", ",".repeat(16))),
        preflight("17 empty elements are not", Strict, Refused)
            .acrh(format!("{}x-a", ",".repeat(17))),
        preflight("twice the listed names are fine", Strict, Allowed(APP))
            .acrh("x-a,X-A,content-type,x-a"),
        preflight("more are not", Strict, Refused).acrh("x-a,X-A,content-type,x-a,x-a"),
        // --- huge and repeated origins
        row("a 64 KiB Origin (actual)", Strict, b"GET", Actual(None)).origin(long_origin.clone()),
        row("a 64 KiB Origin (preflight)", Strict, b"OPTIONS", Refused)
            .origin(long_origin.clone())
            .acrm("PUT"),
        row(
            "a 64 KiB Origin, origins: *",
            AnyOrigin,
            b"GET",
            Actual(Some("*")),
        )
        .origin(long_origin),
        row("two identical Origin fields", Strict, b"GET", Actual(None))
            .origin(APP)
            .origin(APP),
        row("two Origin fields (preflight)", Strict, b"OPTIONS", Refused)
            .origin(APP)
            .origin(APP)
            .acrm("PUT"),
        row("10,000 Origin fields", Strict, b"OPTIONS", Refused)
            .repeat("origin", APP.as_bytes(), 10_000)
            .acrm("PUT"),
        row("comma-joined origins", Strict, b"GET", Actual(None))
            .origin("https://app.example, https://app.example"),
        // --- malformed origins (all refused; the request bytes are never "fixed")
        row("tab after the origin", Strict, b"GET", Actual(None)).origin("https://app.example\t"),
        row("non-UTF-8 byte in the host", Strict, b"GET", Actual(None))
            .origin(b"https://\xff.example.com".to_vec()),
        row(
            "non-UTF-8 byte after the origin",
            Strict,
            b"GET",
            Actual(None),
        )
        .origin(b"https://app.example\x80".to_vec()),
        row("raw UTF-8 host (Cyrillic a)", Strict, b"GET", Actual(None))
            .origin("https://\u{430}pp.example"),
        row("leading space", Strict, b"GET", Actual(None)).origin(" https://app.example"),
        row("trailing space", Strict, b"GET", Actual(None)).origin("https://app.example "),
        row("space inside", Strict, b"GET", Actual(None)).origin("https://a b.example.com"),
        row("upper-case host", Strict, b"GET", Actual(None)).origin("https://APP.example"),
        row("upper-case scheme", Strict, b"GET", Actual(None)).origin("HTTPS://app.example"),
        row("upper-case subdomain", Strict, b"GET", Actual(None)).origin("https://A.example.com"),
        row("explicit :443", Strict, b"GET", Actual(None)).origin("https://app.example:443"),
        row("explicit :443 on a subdomain", Strict, b"OPTIONS", Refused)
            .origin("https://a.example.com:443")
            .acrm("PUT"),
        row("default port on localhost:*", Strict, b"GET", Actual(None))
            .origin("http://localhost:80"),
        row("trailing dot", Strict, b"GET", Actual(None)).origin("https://app.example."),
        row("trailing dot on a subdomain", Strict, b"GET", Actual(None))
            .origin("https://a.example.com."),
        row("trailing slash", Strict, b"GET", Actual(None)).origin("https://app.example/"),
        row("userinfo", Strict, b"GET", Actual(None)).origin("https://user@app.example"),
        row("userinfo on a subdomain", Strict, b"GET", Actual(None))
            .origin("https://user:pass@a.example.com"),
        row("IPv6 zone id", Strict, b"GET", Actual(None)).origin("http://[::1%25lo]:3000"),
        row("IPv6 raw zone id", Strict, b"GET", Actual(None)).origin("http://[::1%lo]:3000"),
        row(
            "IPv6 exact",
            Strict,
            b"GET",
            Actual(Some("http://[::1]:3000")),
        )
        .origin("http://[::1]:3000"),
        row("IPv6 long form", Strict, b"GET", Actual(None)).origin("http://[0:0:0:0:0:0:0:1]:3000"),
        row("punycode look-alike of app", Strict, b"GET", Actual(None))
            .origin("https://xn--pp-7ka.example"),
        row("punycode look-alike suffix", Strict, b"GET", Actual(None))
            .origin("https://a.xn--exmple-cua.com"),
        row("suffix glued to the label", Strict, b"GET", Actual(None))
            .origin("https://evilexample.com"),
        row(
            "allowed host under another domain",
            Strict,
            b"GET",
            Actual(None),
        )
        .origin("https://a.example.com.evil.net"),
        row("empty Origin", Strict, b"GET", Actual(None)).origin(""),
        row(
            "a subdomain (control)",
            Strict,
            b"GET",
            Actual(Some("https://a.b.example.com")),
        )
        .origin("https://a.b.example.com"),
        // --- null
        row("null, opted in", NullOk, b"GET", Actual(Some("null"))).origin("null"),
        row(
            "null preflight, opted in",
            NullOk,
            b"OPTIONS",
            Allowed("null"),
        )
        .origin("null")
        .acrm("POST"),
        row("null, not opted in", NoNull, b"GET", Actual(None)).origin("null"),
        row("null preflight, not opted in", NoNull, b"OPTIONS", Refused)
            .origin("null")
            .acrm("GET"),
        row("Null in another case", NullOk, b"GET", Actual(None)).origin("Null"),
        row(
            "null under origins: *",
            AnyOrigin,
            b"GET",
            Actual(Some("*")),
        )
        .origin("null"),
        // --- methods and classification
        row(
            "OPTIONS without ACRM is an actual request",
            Strict,
            b"OPTIONS",
            Actual(Some(APP)),
        )
        .origin(APP),
        row(
            "lower-case options is not a preflight",
            Strict,
            b"options",
            Actual(Some(APP)),
        )
        .origin(APP)
        .acrm("PUT"),
        row("odd-case GET request", Strict, b"get", Actual(Some(APP))).origin(APP),
        preflight("two ACRM fields", Strict, Refused).acrm("PUT"),
        row("ACRM put (lower case)", Strict, b"OPTIONS", Refused)
            .origin(APP)
            .acrm("put"),
        row("ACRM patch (lower case)", Strict, b"OPTIONS", Refused)
            .origin(APP)
            .acrm("patch"),
        row("ACRM PATCH", Strict, b"OPTIONS", Allowed(APP))
            .origin(APP)
            .acrm("PATCH"),
        row("ACRM get is not GET", Strict, b"OPTIONS", Refused)
            .origin(APP)
            .acrm("get"),
        row("ACRM GET", Strict, b"OPTIONS", Allowed(APP))
            .origin(APP)
            .acrm("GET"),
        row("empty ACRM", AnyHeaders, b"OPTIONS", Refused)
            .origin(APP)
            .acrm(""),
        row("ACRM not a token", AnyHeaders, b"OPTIONS", Refused)
            .origin(APP)
            .acrm("PU T"),
        row("ACRM with a list", AnyHeaders, b"OPTIONS", Refused)
            .origin(APP)
            .acrm("PUT,PATCH"),
        row(
            "odd-case ACRM under methods: *",
            AnyHeaders,
            b"OPTIONS",
            Allowed(APP),
        )
        .origin(APP)
        .acrm("pAtCh"),
        // PROTOCOL §3: ACRM is a token of at most 64 bytes, so `methods: *`
        // never echoes a huge value.
        row("1 MiB ACRM", AnyHeaders, b"OPTIONS", Refused)
            .origin(APP)
            .h("access-control-request-method", vec![b'X'; MIB]),
        row(
            "64-byte ACRM under methods: *",
            AnyHeaders,
            b"OPTIONS",
            Allowed(APP),
        )
        .origin(APP)
        .h("access-control-request-method", vec![b'X'; 64]),
        row(
            "65-byte ACRM under methods: *",
            AnyHeaders,
            b"OPTIONS",
            Refused,
        )
        .origin(APP)
        .h("access-control-request-method", vec![b'X'; 65]),
        row("no Origin at all", Strict, b"OPTIONS", Actual(None))
            .acrm("PUT")
            .acrh(vec![b','; MIB]),
    ]
}

// ------------------------------------------------------------- the adapters

/// The parts of an answer the rows speak about.
#[derive(Debug, PartialEq, Eq)]
struct Answer {
    status: u16,
    app_calls: usize,
    /// Every `access-control-*` field, in order.
    cors: Vec<(String, Vec<u8>)>,
    vary: Vec<String>,
}

fn answer<'a>(
    status: u16,
    app_calls: usize,
    fields: impl Iterator<Item = (&'a str, &'a [u8])>,
) -> Answer {
    let mut cors = Vec::new();
    let mut vary = Vec::new();
    for (name, value) in fields {
        if name.starts_with("access-control-") {
            cors.push((name.to_owned(), value.to_vec()));
        } else if name == "vary" {
            let text = String::from_utf8_lossy(value);
            vary.extend(text.split(',').map(|t| t.trim().to_ascii_lowercase()));
        }
    }
    cors.sort();
    Answer {
        status,
        app_calls,
        cors,
        vary,
    }
}

/// Runs `row` through every adapter with a counting `policy` and checks the
/// expected outcome and the bounds on the work done.
fn check<P: Policy>(policy: P, row: &Row) {
    let config = policy.config().clone();
    for adapter in Adapter::ALL {
        let calls = Arc::new(Calls::default());
        let counting = Counting {
            inner: policy.clone(),
            calls: calls.clone(),
        };
        let Some(raw) = call(adapter, counting, row.method, &row.headers, &App::ok()) else {
            continue;
        };
        let got = answer(
            raw.status,
            raw.app_calls,
            raw.fields.iter().map(|(n, v)| (n.as_str(), v.as_slice())),
        );
        let adapter = adapter.name();
        let context = format!("{} via {adapter}: {got:?}", row.name);
        let acao: Vec<&[u8]> = got
            .cors
            .iter()
            .filter(|(n, _)| n == "access-control-allow-origin")
            .map(|(_, v)| v.as_slice())
            .collect();
        match row.expect {
            Expect::Actual(expected) => {
                assert_eq!((got.status, got.app_calls), (200, 1), "{context}");
                let expected: Vec<&[u8]> = expected.iter().map(|e| e.as_bytes()).collect();
                assert_eq!(acao, expected, "{context}");
                if expected.is_empty() {
                    assert!(got.cors.is_empty(), "{context}");
                }
            }
            Expect::Allowed(expected) => {
                assert_eq!((got.status, got.app_calls), (204, 0), "{context}");
                assert_eq!(acao, [expected.as_bytes()], "{context}");
            }
            Expect::Refused => {
                assert_eq!((got.status, got.app_calls), (403, 0), "{context}");
                assert!(got.cors.is_empty(), "{context}");
            }
        }
        let listed = matches!(config.origins(), cors_runtime::OriginRule::Listed { .. });
        let origins = row.headers.iter().filter(|(n, _)| *n == "origin").count();
        if listed || (origins > 0 && row.method == b"OPTIONS" && got.status != 200) {
            assert!(got.vary.iter().any(|t| t == "origin"), "{context}");
        }
        assert!(
            got.vary.iter().filter(|t| *t == "origin").count() <= 1,
            "{context}"
        );

        // Bounded work: one origin match, one method check, and no more
        // header-name look-ups than twice the listed names.
        let (o, m, h) = (
            calls.origin.load(Ordering::Relaxed),
            calls.method.load(Ordering::Relaxed),
            calls.header.load(Ordering::Relaxed),
        );
        assert!(o <= 1 && m <= 1, "{context}: {o} origin, {m} method calls");
        let max_headers = match config.request_headers() {
            RequestHeaderRule::Listed { count, .. } => 2 * *count,
            RequestHeaderRule::Any { .. } => 0,
        };
        assert!(h <= max_headers, "{context}: {h} header calls");
    }
}

#[test]
fn adversarial_table() {
    let started = Instant::now();
    let rows = rows();
    for row in &rows {
        let row_started = Instant::now();
        match row.policy {
            Which::Strict => check(compiled::Strict, row),
            Which::NullOk => check(compiled::NullOk, row),
            Which::NoNull => check(compiled::NoNull, row),
            Which::AnyHeaders => check(compiled::AnyHeaders, row),
            Which::AnyOrigin => check(compiled::AnyOrigin, row),
        }
        // Generous: building a 1 MiB request and 10,000 fields in a debug
        // build takes milliseconds; only unbounded work could approach this.
        assert!(
            row_started.elapsed() < Duration::from_secs(20),
            "{} took {:?}",
            row.name,
            row_started.elapsed()
        );
    }
    assert!(
        started.elapsed() < Duration::from_secs(120),
        "the table took {:?}",
        started.elapsed()
    );
    report("adversarial", rows.iter().map(|row| row.method));
}

/// The inputs `http` refuses to represent: a middleware never sees them.
#[test]
fn unrepresentable_values() {
    for value in [
        &b"https://app.example\0"[..],
        b"https://app.example\r\n",
        b"https://app.example\nhttps://evil.example",
        b"https://app.example\r",
        b"https://app\x01.example",
        b"https://app.example\x7f",
    ] {
        assert!(
            http::HeaderValue::from_bytes(value).is_err(),
            "http 1 accepts {value:?}"
        );
        assert!(
            actix_web::http::header::HeaderValue::from_bytes(value).is_err(),
            "actix-web accepts {value:?}"
        );
    }
    // Tab and bytes 0x80..=0xFF (obs-text) are representable; the table
    // above covers them.
    for value in [&b"https://app.example\t"[..], b"https://\xff.example.com"] {
        assert!(http::HeaderValue::from_bytes(value).is_ok());
        assert!(actix_web::http::header::HeaderValue::from_bytes(value).is_ok());
    }
}
