//! Hand-written test policies: a builder that fills a `PolicyConfig` and the
//! lists the `Policy` methods look in. Each built policy is leaked once, so
//! `TestPolicy` is a `Copy` handle like the unit structs `cors_policy!`
//! generates; swapping a builder call for a `cors_policy!` item keeps the
//! tables unchanged.

#![allow(dead_code)]

use cors_runtime::origin::{WildcardHost, WildcardPattern, WildcardPort};
use cors_runtime::{
    ConstValue, MethodRule, OriginMatch, OriginRule, Policy, PolicyConfig, PreflightMode,
    PreflightStatus, RequestHeaderRule,
};

fn leak(text: &str) -> &'static str {
    Box::leak(text.to_owned().into_boxed_str())
}

struct Inner {
    config: PolicyConfig,
    exact: Vec<(&'static str, ConstValue)>,
    patterns: Vec<WildcardPattern<'static>>,
    methods: Vec<&'static str>,
    headers: Vec<&'static str>,
}

/// A hand-written policy (see the module docs).
#[derive(Clone, Copy)]
pub struct TestPolicy(&'static Inner);

impl std::fmt::Debug for TestPolicy {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TestPolicy")
            .field("config", &self.0.config)
            .finish_non_exhaustive()
    }
}

impl Policy for TestPolicy {
    fn config(&self) -> &PolicyConfig {
        &self.0.config
    }

    fn match_origin(&self, origin: &[u8]) -> OriginMatch<'_> {
        for (text, value) in &self.0.exact {
            if text.as_bytes() == origin {
                return OriginMatch::Constant(value);
            }
        }
        if self.0.patterns.iter().any(|p| p.matches(origin)) {
            OriginMatch::Echo
        } else {
            OriginMatch::Refused
        }
    }

    fn allows_method(&self, method: &[u8]) -> bool {
        self.0.methods.iter().any(|m| m.as_bytes() == method)
    }

    fn allows_request_header(&self, name: &[u8]) -> bool {
        self.0.headers.iter().any(|h| h.as_bytes() == name)
    }
}

/// Builds a [`TestPolicy`]; defaults: no origin, no method, no header,
/// no credentials, respond 204.
#[derive(Default)]
pub struct Builder {
    any_origin: bool,
    exact: Vec<&'static str>,
    patterns: Vec<WildcardPattern<'static>>,
    credentials: bool,
    any_method: bool,
    methods: Vec<&'static str>,
    any_headers: Option<bool>,
    headers: Vec<&'static str>,
    expose: Option<&'static str>,
    max_age: Option<&'static str>,
    private_network: bool,
    status_ok: bool,
    forward: bool,
}

pub fn policy() -> Builder {
    Builder::default()
}

impl Builder {
    pub fn any_origin(mut self) -> Self {
        self.any_origin = true;
        self
    }
    pub fn origins(mut self, origins: &[&str]) -> Self {
        self.exact.extend(origins.iter().map(|o| leak(o)));
        self
    }
    /// `*.suffix` with the given scheme and port (`None` = default port,
    /// `Some("*")` = any port).
    pub fn subdomains(mut self, scheme: &str, suffix: &str, port: Option<&str>) -> Self {
        self.patterns.push(WildcardPattern {
            scheme: leak(scheme),
            host: WildcardHost::Subdomains(leak(suffix)),
            port: port_pattern(port),
        });
        self
    }
    /// `scheme://host:*`.
    pub fn any_port(mut self, scheme: &str, host: &str) -> Self {
        self.patterns.push(WildcardPattern {
            scheme: leak(scheme),
            host: WildcardHost::Exact(leak(host)),
            port: WildcardPort::Any,
        });
        self
    }
    pub fn credentials(mut self) -> Self {
        self.credentials = true;
        self
    }
    pub fn methods(mut self, methods: &[&str]) -> Self {
        self.methods.extend(methods.iter().map(|m| leak(m)));
        self
    }
    pub fn any_method(mut self) -> Self {
        self.any_method = true;
        self
    }
    pub fn headers(mut self, headers: &[&str]) -> Self {
        self.headers.extend(headers.iter().map(|h| leak(h)));
        self
    }
    pub fn any_headers(mut self, authorization: bool) -> Self {
        self.any_headers = Some(authorization);
        self
    }
    pub fn expose(mut self, value: &str) -> Self {
        self.expose = Some(leak(value));
        self
    }
    pub fn max_age(mut self, seconds: &str) -> Self {
        self.max_age = Some(leak(seconds));
        self
    }
    pub fn private_network(mut self) -> Self {
        self.private_network = true;
        self
    }
    pub fn status_200(mut self) -> Self {
        self.status_ok = true;
        self
    }
    pub fn forward(mut self) -> Self {
        self.forward = true;
        self
    }

    pub fn build(self) -> TestPolicy {
        let exact_len = self.exact.iter().map(|o| o.len()).max().unwrap_or(0);
        let pattern_len = self.patterns.iter().map(|p| p.max_len()).max().unwrap_or(0);
        let origins = if self.any_origin {
            OriginRule::Any
        } else {
            OriginRule::Listed {
                max_len: exact_len.max(pattern_len),
            }
        };
        let request_headers = match self.any_headers {
            Some(authorization) => RequestHeaderRule::Any { authorization },
            None => RequestHeaderRule::Listed {
                count: self.headers.len(),
                max_name_len: self.headers.iter().map(|h| h.len()).max().unwrap_or(0),
                value: (!self.headers.is_empty())
                    .then(|| ConstValue::from_static(leak(&self.headers.join(",")))),
            },
        };
        let config = PolicyConfig {
            origins,
            credentials: self.credentials,
            methods: if self.any_method {
                MethodRule::Any
            } else {
                MethodRule::Listed
            },
            request_headers,
            expose_headers: self.expose.map(ConstValue::from_static),
            max_age: self.max_age.map(ConstValue::from_static),
            private_network: self.private_network,
            preflight_status: if self.status_ok {
                PreflightStatus::Ok
            } else {
                PreflightStatus::NoContent
            },
            preflight: if self.forward {
                PreflightMode::Forward
            } else {
                PreflightMode::Respond
            },
        };
        let exact = self
            .exact
            .iter()
            .map(|o| (*o, ConstValue::from_static(o)))
            .collect();
        TestPolicy(Box::leak(Box::new(Inner {
            config,
            exact,
            patterns: self.patterns,
            methods: self.methods,
            headers: self.headers,
        })))
    }
}

fn port_pattern(port: Option<&str>) -> WildcardPort<'static> {
    match port {
        None => WildcardPort::Default,
        Some("*") => WildcardPort::Any,
        Some(p) => WildcardPort::Exact(leak(p)),
    }
}
