//! The policies the `decide` target runs: each is built from a
//! [`Plan`] and interpreted ([`Interpreted`], the engine run-time policies
//! use), behind a wrapper that counts how often the decision core calls it
//! (the "bounded work" invariant). Each keeps the plain lists its plan was
//! built from, so the targets can check the decision against them.

use std::cell::Cell;
use std::sync::LazyLock;

use cors_core::plan::{MethodsPlan, OriginsPlan, Plan, RequestHeadersPlan};
use cors_core::{
    Interpreted, OriginMatch, OriginRule, Policy, PolicyConfig, PreflightMode, PreflightStatus,
    WildcardHost, WildcardPattern, WildcardPort,
};

thread_local! {
    static ORIGIN_CALLS: Cell<usize> = const { Cell::new(0) };
    static METHOD_CALLS: Cell<usize> = const { Cell::new(0) };
    static HEADER_CALLS: Cell<usize> = const { Cell::new(0) };
}

/// How often each `Policy` method was called since the last [`reset_calls`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Calls {
    /// `match_origin`.
    pub origin: usize,
    /// `allows_method`.
    pub method: usize,
    /// `allows_request_header`.
    pub header: usize,
}

/// Resets the call counters of this thread.
pub fn reset_calls() {
    ORIGIN_CALLS.set(0);
    METHOD_CALLS.set(0);
    HEADER_CALLS.set(0);
}

/// Sets the call counters of this thread (to exclude calls made for a
/// diagnostic, such as `Decision::refused_header`, from the bound checked on
/// the decision itself).
pub fn set_calls(calls: Calls) {
    ORIGIN_CALLS.set(calls.origin);
    METHOD_CALLS.set(calls.method);
    HEADER_CALLS.set(calls.header);
}

/// The call counters of this thread.
pub fn calls() -> Calls {
    Calls {
        origin: ORIGIN_CALLS.get(),
        method: METHOD_CALLS.get(),
        header: HEADER_CALLS.get(),
    }
}

/// An interpreted policy that counts the calls the decision core makes, with
/// the lists it was built from.
#[derive(Clone, Debug)]
pub struct FuzzPolicy {
    inner: Interpreted,
    /// Exact origins (`null` included when listed).
    pub exact: &'static [&'static str],
    /// Wildcard patterns.
    pub patterns: &'static [WildcardPattern],
    /// Listed non-safelisted methods (case-sensitive); empty under `methods: *`.
    pub methods: &'static [&'static str],
    /// Listed request header names (lowercase); empty under `request-headers: *`.
    pub headers: &'static [&'static str],
}

impl Policy for FuzzPolicy {
    fn name(&self) -> &str {
        self.inner.name()
    }

    fn config(&self) -> &PolicyConfig {
        self.inner.config()
    }

    fn match_origin(&self, origin: &[u8]) -> OriginMatch<'_> {
        ORIGIN_CALLS.set(ORIGIN_CALLS.get() + 1);
        self.inner.match_origin(origin)
    }

    fn allows_method(&self, method: &[u8]) -> bool {
        METHOD_CALLS.set(METHOD_CALLS.get() + 1);
        self.inner.allows_method(method)
    }

    fn allows_request_header(&self, name: &[u8]) -> bool {
        HEADER_CALLS.set(HEADER_CALLS.get() + 1);
        self.inner.allows_request_header(name)
    }
}

/// Wildcard patterns used by the policies and the origin target.
pub static PATTERNS: [WildcardPattern; 6] = [
    WildcardPattern {
        scheme: "https",
        host: WildcardHost::Subdomains("example.com"),
        port: WildcardPort::Default,
    },
    WildcardPattern {
        scheme: "http",
        host: WildcardHost::Exact("localhost"),
        port: WildcardPort::Any,
    },
    WildcardPattern {
        scheme: "https",
        host: WildcardHost::Subdomains("example.org"),
        port: WildcardPort::Any,
    },
    WildcardPattern {
        scheme: "https",
        host: WildcardHost::Subdomains("dot.example."),
        port: WildcardPort::Exact("8443"),
    },
    WildcardPattern {
        scheme: "http",
        host: WildcardHost::Exact("[::1]"),
        port: WildcardPort::Any,
    },
    WildcardPattern {
        scheme: "chrome-extension",
        host: WildcardHost::Subdomains("a-b"),
        port: WildcardPort::Any,
    },
];

/// A static pattern as a plan holds it.
pub fn owned_pattern(pattern: &WildcardPattern) -> WildcardPattern<String> {
    WildcardPattern {
        scheme: pattern.scheme.to_owned(),
        host: match pattern.host {
            WildcardHost::Exact(host) => WildcardHost::Exact(host.to_owned()),
            WildcardHost::Subdomains(suffix) => WildcardHost::Subdomains(suffix.to_owned()),
        },
        port: match pattern.port {
            WildcardPort::Default => WildcardPort::Default,
            WildcardPort::Exact(port) => WildcardPort::Exact(port.to_owned()),
            WildcardPort::Any => WildcardPort::Any,
        },
    }
}

fn strings(items: &[&str]) -> Vec<String> {
    items.iter().map(|s| (*s).to_owned()).collect()
}

/// What a plan says beyond its lists.
#[derive(Clone, Copy)]
struct Spec {
    name: &'static str,
    /// `None`: `origins: *`.
    exact: Option<&'static [&'static str]>,
    null: bool,
    patterns: &'static [WildcardPattern],
    credentials: bool,
    /// `None`: `methods: *`.
    methods: Option<&'static [&'static str]>,
    /// `Err(authorization)`: `request-headers: *` (`, authorization`).
    headers: Result<&'static [&'static str], bool>,
    expose_headers: Option<&'static str>,
    max_age: Option<u32>,
    private_network: bool,
    preflight_status: PreflightStatus,
    preflight: PreflightMode,
}

const EXACT_ALL: &[&str] = &[
    "https://app.example",
    "http://[::1]:3000",
    "https://trailing.example.",
];
const EXACT_APP: &[&str] = &["https://app.example"];
const EXACT_APP_NULL: &[&str] = &["https://app.example", "null"];

impl FuzzPolicy {
    fn build(spec: Spec) -> FuzzPolicy {
        let origins = match spec.exact {
            None => OriginsPlan::Any,
            Some(exact) => OriginsPlan::listed(
                strings(exact),
                spec.null,
                spec.patterns.iter().map(owned_pattern).collect(),
            ),
        };
        let mut plan = Plan::new(spec.name, origins);
        plan.credentials = spec.credentials;
        plan.methods = match spec.methods {
            None => MethodsPlan::Any,
            Some(methods) => MethodsPlan::Listed(strings(methods)),
        };
        plan.request_headers = match spec.headers {
            Ok(names) => RequestHeadersPlan::listed(strings(names)),
            Err(authorization) => RequestHeadersPlan::Any { authorization },
        };
        plan.expose_headers = spec.expose_headers.map(str::to_owned);
        plan.max_age = Plan::max_age_text(spec.max_age);
        plan.private_network = spec.private_network;
        plan.preflight_status = spec.preflight_status;
        plan.preflight = spec.preflight;
        let inner = Interpreted::new(plan).expect("a valid plan");
        FuzzPolicy {
            inner,
            exact: match (spec.exact, spec.null) {
                (None, _) => &[],
                (Some(_), true) => EXACT_APP_NULL,
                (Some(exact), false) => exact,
            },
            patterns: spec.patterns,
            methods: spec.methods.unwrap_or(&[]),
            headers: spec.headers.unwrap_or(&[]),
        }
    }

    /// Whether the reference says `origin` is allowed (exact entry or a
    /// pattern per [`crate::reference::pattern_matches`]).
    pub fn reference_allows_origin(&self, origin: &[u8]) -> bool {
        match self.config().origins() {
            OriginRule::Any => true,
            OriginRule::Listed { .. } => {
                self.exact.iter().any(|o| o.as_bytes() == origin)
                    || self
                        .patterns
                        .iter()
                        .any(|p| crate::reference::pattern_matches(p, origin))
            }
        }
    }
}

/// The policies the decision target picks from.
pub static POLICIES: LazyLock<[FuzzPolicy; 5]> = LazyLock::new(|| {
    let base = Spec {
        name: "",
        exact: None,
        null: false,
        patterns: &[],
        credentials: false,
        methods: Some(&[]),
        headers: Ok(&[]),
        expose_headers: None,
        max_age: None,
        private_network: false,
        preflight_status: PreflightStatus::NoContent,
        preflight: PreflightMode::Respond,
    };
    let policies = [
        // Listed origins and headers, credentials, max-age.
        FuzzPolicy::build(Spec {
            name: "ListedCreds",
            exact: Some(EXACT_ALL),
            patterns: &PATTERNS,
            credentials: true,
            methods: Some(&["PUT", "PATCH", "chicken"]),
            headers: Ok(&["content-type", "x-a", "x-b", "authorization"]),
            expose_headers: Some("x-id"),
            max_age: Some(600),
            ..base
        }),
        // `origins: *`, `methods: *`, `request-headers: *`, `expose-headers: *`.
        FuzzPolicy::build(Spec {
            name: "Any",
            methods: None,
            headers: Err(false),
            expose_headers: Some("*"),
            ..base
        }),
        // `null` opted in, `request-headers: *, authorization`, forwarded 200.
        FuzzPolicy::build(Spec {
            name: "NullForward",
            exact: Some(EXACT_APP),
            null: true,
            methods: Some(&["DELETE"]),
            headers: Err(true),
            max_age: Some(0),
            preflight_status: PreflightStatus::Ok,
            preflight: PreflightMode::Forward,
            ..base
        }),
        // Credentials with `methods: *` and `request-headers: *` (echoed), PNA.
        FuzzPolicy::build(Spec {
            name: "EchoCredsPna",
            exact: Some(EXACT_ALL),
            patterns: &PATTERNS,
            credentials: true,
            methods: None,
            headers: Err(false),
            expose_headers: Some("x-id,etag"),
            private_network: true,
            ..base
        }),
        // No request header allowed at all.
        FuzzPolicy::build(Spec {
            name: "NoHeaders",
            exact: Some(EXACT_APP),
            credentials: true,
            methods: Some(&["PUT"]),
            ..base
        }),
    ];
    // The length bound of the old hand-written configs: the longest exact
    // origin or pattern.
    let listed_max_len = PATTERNS
        .iter()
        .map(WildcardPattern::max_len)
        .chain(EXACT_ALL.iter().map(|o| o.len()))
        .max();
    assert_eq!(
        policies[0].config().origins(),
        OriginRule::Listed {
            max_len: listed_max_len.unwrap()
        }
    );
    policies
});
