//! Generated policies, as text in the language: random ones drawn from
//! pools of origins, methods and header names, and small mutations of one
//! policy (an origin added, removed or widened, a method, a header,
//! credentials flipped, max-age changed…). Every generated text is meant to
//! be valid: entries another one covers are dropped and combinations the
//! validator refuses are avoided (`*` or `null` with credentials,
//! `expose-headers: *` with credentials, `private-network` with `*`).

use cors_dsl::origin::{covers, parse_origin};
use proptest::prelude::*;

/// Origin entries the policies pick from: exact origins, patterns at
/// several depths and ports, IP literals, loopback names, `null`.
pub const ORIGINS: &[&str] = &[
    "https://app.example.com",
    "https://a.example.com",
    "https://b.example.com",
    "https://example.com",
    "https://example.com:8443",
    "https://a.example.com:8443",
    "https://*.example.com",
    "https://*.a.example.com",
    "https://*.b.example.com:*",
    "https://a.b.example.com:8443",
    "https://*.example.com:*",
    "https://*.example.com:8443",
    "https://*.example.org",
    "https://x.example.org",
    "https://*.example.org:*",
    "https://trailing.example.",
    "http://localhost",
    "http://localhost:3000",
    "http://localhost:*",
    "http://[::1]:3000",
    "http://127.0.0.1:8080",
    "http://app.example.com",
    "null",
];

pub const METHODS: &[&str] = &[
    "GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "PROPFIND", "chicken",
];

pub const REQUEST_HEADERS: &[&str] = &[
    "content-type",
    "x-a",
    "x-b",
    "authorization",
    "x-request-id",
];

pub const EXPOSE_HEADERS: &[&str] = &["x-a", "x-id", "etag", "content-type", "cache-control"];

/// A list statement: absent, `*`, or names.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum List {
    Absent,
    Any,
    /// `request-headers: *, authorization`.
    AnyAuthorization,
    Names(Vec<String>),
}

/// One policy, as the statements it writes.
#[derive(Clone, Debug)]
pub struct PolicyText {
    /// `None`: `origins: *`.
    pub origins: Option<Vec<String>>,
    pub methods: List,
    pub request_headers: List,
    pub expose_headers: List,
    pub credentials: Option<bool>,
    /// As written (`600`, `10m`, …).
    pub max_age: Option<String>,
    pub private_network: Option<bool>,
    pub preflight_status: Option<u16>,
    pub preflight_forward: Option<bool>,
}

impl PolicyText {
    /// The policy as `policy NAME { … }`, statements in the order given.
    pub fn render(&self, name: &str) -> String {
        let mut out = format!("policy {name} {{\n");
        let origins = match &self.origins {
            None => "*".to_owned(),
            Some(list) => list
                .iter()
                .map(|o| {
                    if o == "null" {
                        o.clone()
                    } else {
                        format!("{o:?}")
                    }
                })
                .collect::<Vec<_>>()
                .join(", "),
        };
        out += &format!("    origins: {origins};\n");
        for (statement, list) in [
            ("methods", &self.methods),
            ("request-headers", &self.request_headers),
            ("expose-headers", &self.expose_headers),
        ] {
            match list {
                List::Absent => {}
                List::Any => out += &format!("    {statement}: *;\n"),
                List::AnyAuthorization => out += &format!("    {statement}: *, authorization;\n"),
                List::Names(names) => out += &format!("    {statement}: {};\n", names.join(", ")),
            }
        }
        if let Some(credentials) = self.credentials {
            out += &format!("    credentials: {credentials};\n");
        }
        if let Some(max_age) = &self.max_age {
            out += &format!("    max-age: {max_age};\n");
        }
        if let Some(pn) = self.private_network {
            out += &format!("    private-network: {pn};\n");
        }
        if let Some(status) = self.preflight_status {
            out += &format!("    preflight-status: {status};\n");
        }
        if let Some(forward) = self.preflight_forward {
            let mode = if forward { "forward" } else { "respond" };
            out += &format!("    preflight: {mode};\n");
        }
        out += "    dangerously-allow: insecure-origins, null-origin;\n}\n";
        out
    }

    /// Makes the policy valid: drops covered and duplicate origins, an
    /// empty origin list becomes `*`, and the combinations the validator
    /// refuses are resolved against credentials.
    pub fn normalize(mut self) -> PolicyText {
        if let Some(list) = &mut self.origins {
            list.dedup();
            let parsed: Vec<_> = list
                .iter()
                .map(|o| (o != "null").then(|| parse_origin(o).expect("pool origin")))
                .collect();
            let mut keep = Vec::new();
            for (i, origin) in list.iter().enumerate() {
                let covered = parsed.iter().enumerate().any(|(j, general)| {
                    j != i && matches!((general, &parsed[i]), (Some(g), Some(s)) if covers(g, s))
                });
                let duplicate = list[..i].contains(origin);
                if !covered && !duplicate {
                    keep.push(origin.clone());
                }
            }
            *list = keep;
        }
        if self.origins.as_ref().is_some_and(Vec::is_empty) {
            self.origins = None;
        }
        let credentials = self.credentials == Some(true);
        if credentials {
            match &mut self.origins {
                None => self.credentials = Some(false),
                Some(list) => list.retain(|o| o != "null"),
            }
            if self.origins.as_ref().is_some_and(Vec::is_empty) {
                self.origins = Some(vec!["https://app.example.com".to_owned()]);
            }
            if self.expose_headers == List::Any {
                self.expose_headers = List::Names(vec!["x-id".to_owned()]);
            }
        }
        if self.origins.is_none() && self.private_network == Some(true) {
            self.private_network = Some(false);
        }
        for list in [
            &mut self.methods,
            &mut self.request_headers,
            &mut self.expose_headers,
        ] {
            if let List::Names(names) = list {
                let mut seen = Vec::new();
                names.retain(|n| {
                    let fresh = !seen.contains(n);
                    seen.push(n.clone());
                    fresh
                });
                if names.is_empty() {
                    *list = List::Absent;
                }
            }
        }
        self
    }
}

fn subset(pool: &'static [&'static str], max: usize) -> impl Strategy<Value = Vec<String>> {
    prop::sample::subsequence(pool, 0..=max)
        .prop_shuffle()
        .prop_map(|names| names.into_iter().map(str::to_owned).collect())
}

fn list(pool: &'static [&'static str], max: usize, any: bool) -> impl Strategy<Value = List> {
    let any_weight = if any { 1 } else { 0 };
    prop_oneof![
        2 => Just(List::Absent),
        any_weight => Just(List::Any),
        5 => subset(pool, max).prop_map(List::Names),
    ]
}

/// `max-age` values, written in seconds or with a unit.
pub const MAX_AGES: &[&str] = &["0", "5", "600", "10m", "7200", "2h", "86400", "1h", "60m"];

/// A random valid policy.
pub fn policy() -> impl Strategy<Value = PolicyText> {
    let headers = prop_oneof![
        6 => list(REQUEST_HEADERS, 4, true),
        1 => Just(List::AnyAuthorization),
    ];
    (
        prop_oneof![1 => Just(None), 8 => subset(ORIGINS, 5).prop_map(Some)],
        list(METHODS, 4, true),
        headers,
        list(EXPOSE_HEADERS, 3, true),
        prop::option::of(any::<bool>()),
        prop::option::of(prop::sample::select(MAX_AGES).prop_map(str::to_owned)),
        prop::option::of(any::<bool>()),
        prop::option::of(prop::sample::select(&[200u16, 204][..])),
        prop::option::of(any::<bool>()),
    )
        .prop_map(
            |(
                origins,
                methods,
                request_headers,
                expose_headers,
                credentials,
                max_age,
                pn,
                status,
                forward,
            )| {
                PolicyText {
                    origins,
                    methods,
                    request_headers,
                    expose_headers,
                    credentials,
                    max_age,
                    private_network: pn,
                    preflight_status: status,
                    preflight_forward: forward,
                }
                .normalize()
            },
        )
}

/// One small change to a policy.
#[derive(Clone, Debug)]
pub enum Mutation {
    AddOrigin(&'static str),
    RemoveOrigin(usize),
    /// An exact origin becomes `*.` over its parent, or a pattern gets `:*`.
    WidenOrigin(usize),
    ToggleMethod(&'static str),
    ToggleRequestHeader(&'static str),
    ToggleExposeHeader(&'static str),
    FlipCredentials,
    MaxAge(Option<&'static str>),
    FlipPrivateNetwork,
    FlipPreflight,
    PreflightStatus(u16),
}

pub fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        3 => prop::sample::select(ORIGINS).prop_map(Mutation::AddOrigin),
        2 => (0usize..8).prop_map(Mutation::RemoveOrigin),
        3 => (0usize..8).prop_map(Mutation::WidenOrigin),
        2 => prop::sample::select(METHODS).prop_map(Mutation::ToggleMethod),
        2 => prop::sample::select(REQUEST_HEADERS).prop_map(Mutation::ToggleRequestHeader),
        1 => prop::sample::select(EXPOSE_HEADERS).prop_map(Mutation::ToggleExposeHeader),
        2 => Just(Mutation::FlipCredentials),
        2 => prop::option::of(prop::sample::select(MAX_AGES)).prop_map(Mutation::MaxAge),
        1 => Just(Mutation::FlipPrivateNetwork),
        1 => Just(Mutation::FlipPreflight),
        1 => prop::sample::select(&[200u16, 204][..]).prop_map(Mutation::PreflightStatus),
    ]
}

fn toggle(list: &mut List, name: &str) {
    match list {
        List::Names(names) => match names.iter().position(|n| n == name) {
            Some(i) => {
                names.remove(i);
            }
            None => names.push(name.to_owned()),
        },
        _ => *list = List::Names(vec![name.to_owned()]),
    }
}

/// Widens one origin entry: `scheme://host[:port]` becomes
/// `scheme://*.parent[:port]`, and a pattern without `:*` gets it.
fn widen(origin: &str) -> String {
    if origin == "null" || origin.contains("[") || origin.contains("127.0.0.1") {
        return origin.to_owned();
    }
    let (scheme, authority) = origin.split_once("://").expect("origin");
    let (host, port) = match authority.split_once(':') {
        Some((host, port)) => (host, Some(port)),
        None => (authority, None),
    };
    if host.starts_with("*.") || port.is_some() {
        return format!("{scheme}://{host}:*");
    }
    match host.split_once('.') {
        Some((_, parent)) if parent.contains('.') => format!("{scheme}://*.{parent}"),
        _ => format!("{scheme}://{host}:*"),
    }
}

impl Mutation {
    /// `policy` changed by this mutation, made valid again.
    pub fn apply(&self, policy: &PolicyText) -> PolicyText {
        let mut p = policy.clone();
        match *self {
            Mutation::AddOrigin(origin) => match &mut p.origins {
                Some(list) => list.push(origin.to_owned()),
                None => p.origins = Some(vec![origin.to_owned()]),
            },
            Mutation::RemoveOrigin(i) => {
                if let Some(list) = &mut p.origins {
                    let i = i % list.len().max(1);
                    if i < list.len() {
                        list.remove(i);
                    }
                }
            }
            Mutation::WidenOrigin(i) => {
                if let Some(list) = &mut p.origins {
                    let i = i % list.len().max(1);
                    if let Some(entry) = list.get_mut(i) {
                        *entry = widen(entry);
                    }
                }
            }
            Mutation::ToggleMethod(m) => toggle(&mut p.methods, m),
            Mutation::ToggleRequestHeader(h) => toggle(&mut p.request_headers, h),
            Mutation::ToggleExposeHeader(h) => toggle(&mut p.expose_headers, h),
            Mutation::FlipCredentials => p.credentials = Some(p.credentials != Some(true)),
            Mutation::MaxAge(age) => p.max_age = age.map(str::to_owned),
            Mutation::FlipPrivateNetwork => {
                p.private_network = Some(p.private_network != Some(true))
            }
            Mutation::FlipPreflight => {
                p.preflight_forward = Some(p.preflight_forward != Some(true))
            }
            Mutation::PreflightStatus(status) => p.preflight_status = Some(status),
        }
        p.normalize()
    }
}

#[test]
fn widen_examples() {
    assert_eq!(widen("https://a.example.com"), "https://*.example.com");
    assert_eq!(widen("https://example.com"), "https://example.com:*");
    assert_eq!(widen("https://*.example.com"), "https://*.example.com:*");
    assert_eq!(
        widen("https://a.example.com:8443"),
        "https://a.example.com:*"
    );
    assert_eq!(widen("http://localhost"), "http://localhost:*");
}
