//! A reference model of PROTOCOL.md, written for clarity, not speed: it
//! allocates freely, parses with `str` methods, and follows the document's
//! sections in order. The property tests check the real decision against it.
//!
//! Where PROTOCOL.md leaves a choice, the model takes the one the runtime
//! documents (`ACAM` echoes the requested method; `ACAH` is the listed names,
//! `*` / `*,authorization` without credentials, or the request's own fields
//! under `request-headers: *` with credentials; the `Access-Control-Request-
//! Headers` limits are the public constants of `cors_core::acrh`).

use std::collections::BTreeMap;

use cors_core::acrh::{
    MAX_ANY_NAMES, MAX_EMPTY_ELEMENTS, MAX_FIELDS, MAX_NAME_LEN, MAX_OWS_PER_ELEMENT,
};

/// A policy as the language states it (already validated and canonical).
#[derive(Clone, Debug)]
pub struct Spec {
    /// `None`: `origins: *`. Otherwise the listed origins: exact
    /// serializations, patterns with `*.` / `:*`, or the keyword `null`.
    pub origins: Option<Vec<&'static str>>,
    pub credentials: bool,
    /// `None`: `methods: *`.
    pub methods: Option<Vec<&'static str>>,
    pub request_headers: Headers,
    /// The `expose-headers` value as sent.
    pub expose: Option<&'static str>,
    pub max_age: Option<u32>,
    pub private_network: bool,
    pub status_200: bool,
    pub forward: bool,
}

#[derive(Clone, Debug)]
pub enum Headers {
    /// `request-headers: *` (`true`: `*, authorization`).
    Any(bool),
    /// Lowercase names (possibly none).
    List(Vec<&'static str>),
}

/// A request: its method and its header fields in order (names lowercase).
#[derive(Clone, Debug)]
pub struct Request {
    pub method: String,
    pub fields: Vec<(&'static str, Vec<u8>)>,
}

impl Request {
    fn all(&self, name: &str) -> Vec<&[u8]> {
        self.fields
            .iter()
            .filter(|(n, _)| *n == name)
            .map(|(_, v)| v.as_slice())
            .collect()
    }
}

/// What the middleware produces, reduced to what PROTOCOL.md speaks about.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Response {
    /// Whether the application was called.
    pub app_called: bool,
    /// The status: the application's (`None`) or the middleware's own.
    pub status: Option<u16>,
    /// Every `access-control-*` field, by name, values in order.
    pub cors: BTreeMap<String, Vec<Vec<u8>>>,
    /// The `Vary` tokens, lowercased, in order (each appears once).
    pub vary: Vec<String>,
}

/// What the application writes on its own responses in the tests: stale
/// CORS headers the middleware must replace or remove, and a `Vary`.
pub fn app_headers() -> Vec<(&'static str, &'static str)> {
    vec![
        ("vary", "accept-encoding"),
        ("access-control-allow-origin", "https://stale.example"),
        ("access-control-allow-credentials", "true"),
        ("access-control-allow-methods", "*"),
        ("access-control-expose-headers", "x-stale"),
    ]
}

// ---------------------------------------------------------------- §2 origins

fn default_port(scheme: &str) -> Option<&'static str> {
    match scheme {
        "http" | "ws" => Some("80"),
        "https" | "wss" => Some("443"),
        "ftp" => Some("21"),
        _ => None,
    }
}

/// `scheme://host[:port]` of an ASCII string; the port is `Some` whenever a
/// `:` follows the host.
fn split(origin: &str) -> Option<(&str, &str, Option<&str>)> {
    let (scheme, authority) = origin.split_once("://")?;
    let (host, port) = if authority.starts_with('[') {
        let end = authority.find(']')? + 1;
        let (host, rest) = authority.split_at(end);
        match rest {
            "" => (host, None),
            _ => (host, Some(rest.strip_prefix(':')?)),
        }
    } else {
        match authority.split_once(':') {
            Some((host, port)) => (host, Some(port)),
            None => (authority, None),
        }
    };
    Some((scheme, host, port))
}

fn is_label(label: &str) -> bool {
    !label.is_empty()
        && label.len() <= 63
        && label
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_')
}

/// Does one policy entry allow the request origin (byte-exact)?
fn entry_allows(entry: &str, origin: &str) -> bool {
    if !entry.contains('*') {
        return entry == origin; // exact origins and `null`
    }
    let (Some((p_scheme, p_host, p_port)), Some((scheme, host, port))) =
        (split(entry), split(origin))
    else {
        return false;
    };
    if scheme != p_scheme {
        return false;
    }
    let host_ok = match p_host.strip_prefix("*.") {
        None => host == p_host,
        Some(suffix) => {
            let max_host = if suffix.ends_with('.') { 254 } else { 253 };
            let labels = host.strip_suffix(suffix).and_then(|h| h.strip_suffix('.'));
            host.len() <= max_host && labels.is_some_and(|l| l.split('.').all(is_label))
        }
    };
    let port_ok = match (p_port, port) {
        (None, None) => true,
        (Some("*"), None) => true,
        (Some("*"), Some(port)) => {
            !port.is_empty()
                && !port.starts_with('0')
                && port.chars().all(|c| c.is_ascii_digit())
                && port.len() <= 5
                && port.parse::<u32>().is_ok_and(|n| n <= 65535)
                && Some(port) != default_port(scheme)
        }
        (Some(expected), Some(port)) => expected == port,
        _ => false,
    };
    host_ok && port_ok
}

/// §2: is the request's `Origin` (all its fields) allowed?
pub fn origin_allowed(spec: &Spec, origins: &[&[u8]]) -> bool {
    let Some(entries) = &spec.origins else {
        return true; // `origins: *`
    };
    let [origin] = origins else {
        return false; // none, or several fields
    };
    let Ok(origin) = std::str::from_utf8(origin) else {
        return false;
    };
    origin.is_ascii() && entries.iter().any(|entry| entry_allows(entry, origin))
}

// -------------------------------------------------------------- §3 preflight

fn is_token(bytes: &[u8]) -> bool {
    !bytes.is_empty()
        && bytes
            .iter()
            .all(|&b| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b))
}

fn method_allowed(spec: &Spec, method: &[u8]) -> bool {
    if matches!(method, b"GET" | b"HEAD" | b"POST") {
        return true;
    }
    match &spec.methods {
        None => true,
        Some(list) => list.iter().any(|m| m.as_bytes() == method),
    }
}

/// §3.3: the names in every ACRH field, or `None` if the list is refused.
fn requested_names(spec: &Spec, fields: &[&[u8]]) -> Option<Vec<String>> {
    if fields.len() > MAX_FIELDS {
        return None;
    }
    let (max_names, max_len) = match &spec.request_headers {
        Headers::Any(_) => (MAX_ANY_NAMES, MAX_NAME_LEN),
        Headers::List(names) => (
            names.len() * 2,
            names.iter().map(|n| n.len()).max().unwrap_or(0),
        ),
    };
    let mut names = Vec::new();
    let mut empty = 0;
    for field in fields {
        for element in field.split(|&b| b == b',') {
            let is_ows = |b: &u8| *b == b' ' || *b == b'\t';
            let lead = element.iter().take_while(|b| is_ows(b)).count();
            let trail = element[lead..]
                .iter()
                .rev()
                .take_while(|b| is_ows(b))
                .count();
            if lead + trail > MAX_OWS_PER_ELEMENT {
                return None;
            }
            let name = &element[lead..element.len() - trail];
            if name.is_empty() {
                empty += 1;
            } else if !is_token(name) || name.len() > max_len {
                return None;
            } else {
                names.push(String::from_utf8(name.to_ascii_lowercase()).unwrap());
            }
        }
    }
    if empty > MAX_EMPTY_ELEMENTS || names.len() > max_names {
        return None;
    }
    let allowed = |name: &String| match &spec.request_headers {
        Headers::Any(authorization) => *authorization || name != "authorization",
        Headers::List(list) => list.iter().any(|n| n == name),
    };
    names.iter().all(allowed).then_some(names)
}

fn field(cors: &mut BTreeMap<String, Vec<Vec<u8>>>, name: &str, value: &[u8]) {
    cors.entry(format!("access-control-{name}"))
        .or_default()
        .push(value.to_vec());
}

const PREFLIGHT_VARY: [&str; 3] = [
    "origin",
    "access-control-request-method",
    "access-control-request-headers",
];

/// The whole protocol for one request.
pub fn respond(spec: &Spec, request: &Request) -> Response {
    let origins = request.all("origin");
    let acrm = request.all("access-control-request-method");
    let origin_depends = spec.origins.is_some();
    let allowed = !origins.is_empty() && origin_allowed(spec, &origins);
    let mut cors = BTreeMap::new();

    // §1: classify.
    let preflight = !origins.is_empty() && request.method == "OPTIONS" && !acrm.is_empty();
    if !preflight {
        // §4: actual (or not CORS): the application answers; its stale CORS
        // headers are all replaced or removed.
        let mut vary = vec!["accept-encoding".to_owned()];
        if origin_depends {
            vary.push("origin".to_owned());
        }
        if allowed || spec.origins.is_none() {
            let acao: &[u8] = if spec.origins.is_none() {
                b"*"
            } else {
                origins[0]
            };
            field(&mut cors, "allow-origin", acao);
            if spec.credentials && acao != b"*" {
                field(&mut cors, "allow-credentials", b"true");
            }
            if let Some(expose) = spec.expose {
                field(&mut cors, "expose-headers", expose.as_bytes());
            }
        }
        return Response {
            app_called: true,
            status: None,
            cors,
            vary,
        };
    }

    // §3: preflight, checks in order.
    let refused = || Response {
        app_called: false,
        status: Some(403),
        cors: BTreeMap::new(),
        vary: PREFLIGHT_VARY.map(str::to_owned).to_vec(),
    };
    if !allowed {
        return refused();
    }
    let [method] = acrm.as_slice() else {
        return refused();
    };
    if !is_token(method) || !method_allowed(spec, method) {
        return refused();
    }
    let acrh = request.all("access-control-request-headers");
    let Some(names) = requested_names(spec, &acrh) else {
        return refused();
    };

    let acao: &[u8] = if spec.origins.is_none() {
        b"*"
    } else {
        origins[0]
    };
    field(&mut cors, "allow-origin", acao);
    if spec.credentials && acao != b"*" {
        field(&mut cors, "allow-credentials", b"true");
    }
    if !matches!(*method, b"GET" | b"HEAD" | b"POST") {
        field(&mut cors, "allow-methods", method);
    }
    if !names.is_empty() {
        match (&spec.request_headers, spec.credentials) {
            (Headers::List(list), _) => {
                field(&mut cors, "allow-headers", list.join(",").as_bytes())
            }
            (Headers::Any(false), false) => field(&mut cors, "allow-headers", b"*"),
            (Headers::Any(true), false) => field(&mut cors, "allow-headers", b"*,authorization"),
            (Headers::Any(_), true) => {
                for value in &acrh {
                    field(&mut cors, "allow-headers", value);
                }
            }
        }
    }
    if let Some(seconds) = spec.max_age {
        field(&mut cors, "max-age", seconds.to_string().as_bytes());
    }
    let pna = request.all("access-control-request-private-network");
    if spec.private_network && pna == [b"true"] {
        field(&mut cors, "allow-private-network", b"true");
    }
    let status = if spec.forward {
        None
    } else if spec.status_200 {
        Some(200)
    } else {
        Some(204)
    };
    let mut vary = Vec::new();
    if spec.forward {
        vary.push("accept-encoding".to_owned());
    }
    vary.extend(PREFLIGHT_VARY.map(str::to_owned));
    Response {
        app_called: spec.forward,
        status,
        cors,
        vary,
    }
}
