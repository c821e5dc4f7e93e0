//! The requests of the universe (method and header lines), and what can be
//! told apart in the answer to one ([`Seen`]), read here from the response
//! itself, not by the library.

use std::collections::BTreeSet;

use cors_core::{decide, Interpreted, Outcome};
use cors_dsl::diff::Witness;

/// A request: method and header lines.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Request {
    pub method: String,
    pub headers: Vec<(String, String)>,
}

impl From<&Witness> for Request {
    fn from(w: &Witness) -> Request {
        Request {
            method: w.method.clone(),
            headers: w.headers.clone(),
        }
    }
}

pub fn get(origin: &str) -> Request {
    Request {
        method: "GET".into(),
        headers: vec![("origin".into(), origin.into())],
    }
}

pub fn preflight(origin: &str, method: &str, acrh: Option<&str>, pna: bool) -> Request {
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
pub struct Seen {
    pub app_called: bool,
    pub status: Option<u16>,
    pub acao: bool,
    pub acac: Option<String>,
    pub aceh: BTreeSet<String>,
    pub acma: Option<String>,
    pub acapn: Option<String>,
    pub vary: BTreeSet<String>,
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

pub fn seen(policy: &Interpreted, request: &Request) -> Seen {
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
