//! Hand-written policies (the shape `cors_policy!` generates: constants and
//! byte matches), data-driven so the fuzz targets can check the decision
//! against the lists, and instrumented to count how often the decision core
//! calls them (the "bounded work" invariant).

use std::cell::Cell;

use cors_runtime::origin::{WildcardHost, WildcardPattern, WildcardPort};
use cors_runtime::{
    ConstValue, MethodRule, OriginMatch, OriginRule, Policy, PolicyConfig, PreflightMode,
    PreflightStatus, RequestHeaderRule,
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

/// The call counters of this thread.
pub fn calls() -> Calls {
    Calls {
        origin: ORIGIN_CALLS.get(),
        method: METHOD_CALLS.get(),
        header: HEADER_CALLS.get(),
    }
}

/// A policy over static lists.
#[derive(Clone, Copy, Debug)]
pub struct FuzzPolicy {
    /// What does not depend on the request.
    pub config: &'static PolicyConfig,
    /// Exact origins and their constants.
    pub exact: &'static [(&'static str, &'static ConstValue)],
    /// Wildcard patterns.
    pub patterns: &'static [WildcardPattern<'static>],
    /// Listed non-safelisted methods (case-sensitive).
    pub methods: &'static [&'static str],
    /// Listed request header names (lowercase).
    pub headers: &'static [&'static str],
}

impl Policy for FuzzPolicy {
    fn config(&self) -> &PolicyConfig {
        self.config
    }

    fn match_origin(&self, origin: &[u8]) -> OriginMatch<'_> {
        ORIGIN_CALLS.set(ORIGIN_CALLS.get() + 1);
        if let Some((_, value)) = self.exact.iter().find(|(o, _)| o.as_bytes() == origin) {
            return OriginMatch::Constant(value);
        }
        if self.patterns.iter().any(|p| p.matches(origin)) {
            OriginMatch::Echo
        } else {
            OriginMatch::Refused
        }
    }

    fn allows_method(&self, method: &[u8]) -> bool {
        METHOD_CALLS.set(METHOD_CALLS.get() + 1);
        self.methods.iter().any(|m| m.as_bytes() == method)
    }

    fn allows_request_header(&self, name: &[u8]) -> bool {
        HEADER_CALLS.set(HEADER_CALLS.get() + 1);
        self.headers.iter().any(|h| h.as_bytes() == name)
    }
}

static APP: ConstValue = ConstValue::from_static("https://app.example");
static V6: ConstValue = ConstValue::from_static("http://[::1]:3000");
static NULL: ConstValue = ConstValue::from_static("null");
static DOT: ConstValue = ConstValue::from_static("https://trailing.example.");

/// Wildcard patterns used by the policies and the origin target.
pub static PATTERNS: [WildcardPattern<'static>; 6] = [
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

const fn listed_max_len() -> usize {
    let mut max = "https://trailing.example.".len();
    let mut i = 0;
    while i < PATTERNS.len() {
        let len = PATTERNS[i].max_len();
        if len > max {
            max = len;
        }
        i += 1;
    }
    max
}

static LISTED_CREDS: PolicyConfig = PolicyConfig {
    origins: OriginRule::Listed {
        max_len: listed_max_len(),
    },
    credentials: true,
    methods: MethodRule::Listed,
    request_headers: RequestHeaderRule::Listed {
        count: 4,
        max_name_len: 13,
        value: Some(ConstValue::from_static(
            "content-type,x-a,x-b,authorization",
        )),
    },
    expose_headers: Some(ConstValue::from_static("x-id")),
    max_age: Some(ConstValue::from_static("600")),
    private_network: false,
    preflight_status: PreflightStatus::NoContent,
    preflight: PreflightMode::Respond,
};

static ANY: PolicyConfig = PolicyConfig {
    origins: OriginRule::Any,
    credentials: false,
    methods: MethodRule::Any,
    request_headers: RequestHeaderRule::Any {
        authorization: false,
    },
    expose_headers: Some(ConstValue::from_static("*")),
    max_age: None,
    private_network: false,
    preflight_status: PreflightStatus::NoContent,
    preflight: PreflightMode::Respond,
};

static NULL_FORWARD: PolicyConfig = PolicyConfig {
    origins: OriginRule::Listed {
        max_len: "https://app.example".len(),
    },
    credentials: false,
    methods: MethodRule::Listed,
    request_headers: RequestHeaderRule::Any {
        authorization: true,
    },
    expose_headers: None,
    max_age: Some(ConstValue::from_static("0")),
    private_network: false,
    preflight_status: PreflightStatus::Ok,
    preflight: PreflightMode::Forward,
};

static ECHO_CREDS_PNA: PolicyConfig = PolicyConfig {
    origins: OriginRule::Listed {
        max_len: listed_max_len(),
    },
    credentials: true,
    methods: MethodRule::Any,
    request_headers: RequestHeaderRule::Any {
        authorization: false,
    },
    expose_headers: Some(ConstValue::from_static("x-id,etag")),
    max_age: None,
    private_network: true,
    preflight_status: PreflightStatus::NoContent,
    preflight: PreflightMode::Respond,
};

static NO_HEADERS: PolicyConfig = PolicyConfig {
    origins: OriginRule::Listed {
        max_len: "https://app.example".len(),
    },
    credentials: true,
    methods: MethodRule::Listed,
    request_headers: RequestHeaderRule::Listed {
        count: 0,
        max_name_len: 0,
        value: None,
    },
    expose_headers: None,
    max_age: None,
    private_network: false,
    preflight_status: PreflightStatus::NoContent,
    preflight: PreflightMode::Respond,
};

static EXACT_ALL: [(&str, &ConstValue); 3] = [
    ("https://app.example", &APP),
    ("http://[::1]:3000", &V6),
    ("https://trailing.example.", &DOT),
];
static EXACT_NULL: [(&str, &ConstValue); 2] = [("https://app.example", &APP), ("null", &NULL)];
static EXACT_APP: [(&str, &ConstValue); 1] = [("https://app.example", &APP)];

/// The policies the decision target picks from.
pub static POLICIES: [FuzzPolicy; 5] = [
    // Listed origins and headers, credentials, max-age.
    FuzzPolicy {
        config: &LISTED_CREDS,
        exact: &EXACT_ALL,
        patterns: &PATTERNS,
        methods: &["PUT", "PATCH", "chicken"],
        headers: &["content-type", "x-a", "x-b", "authorization"],
    },
    // `origins: *`, `methods: *`, `request-headers: *`, `expose-headers: *`.
    FuzzPolicy {
        config: &ANY,
        exact: &[],
        patterns: &[],
        methods: &[],
        headers: &[],
    },
    // `null` opted in, `request-headers: *, authorization`, forwarded 200.
    FuzzPolicy {
        config: &NULL_FORWARD,
        exact: &EXACT_NULL,
        patterns: &[],
        methods: &["DELETE"],
        headers: &[],
    },
    // Credentials with `methods: *` and `request-headers: *` (echoed), PNA.
    FuzzPolicy {
        config: &ECHO_CREDS_PNA,
        exact: &EXACT_ALL,
        patterns: &PATTERNS,
        methods: &[],
        headers: &[],
    },
    // No request header allowed at all.
    FuzzPolicy {
        config: &NO_HEADERS,
        exact: &EXACT_APP,
        patterns: &[],
        methods: &["PUT"],
        headers: &[],
    },
];

impl FuzzPolicy {
    /// Whether the reference says `origin` is allowed (exact entry or a
    /// pattern per [`crate::reference::pattern_matches`]).
    pub fn reference_allows_origin(&self, origin: &[u8]) -> bool {
        match self.config.origins {
            OriginRule::Any => true,
            OriginRule::Listed { .. } => {
                self.exact.iter().any(|(o, _)| o.as_bytes() == origin)
                    || self
                        .patterns
                        .iter()
                        .any(|p| crate::reference::pattern_matches(p, origin))
            }
        }
    }
}
