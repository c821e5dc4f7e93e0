//! The requests of the load, and what policy A and policy B answer to each
//! (computed in-process by the decision core), in comparable form.

use cors_runtime::dynamic::DynamicPolicy;
use cors_runtime::{decide, Outcome};

use crate::{A, B};

/// One request of the load.
#[derive(Clone, Copy, Debug)]
pub struct Req {
    pub method: &'static str,
    pub origin: &'static str,
    /// `Access-Control-Request-Method` and `-Headers` (a preflight).
    pub preflight: Option<(&'static str, &'static str)>,
}

pub const REQUESTS: [Req; 8] = [
    Req {
        method: "OPTIONS",
        origin: "http://a.test",
        preflight: Some(("PUT", "x-a")),
    },
    Req {
        method: "OPTIONS",
        origin: "http://b.test",
        preflight: Some(("DELETE", "x-b")),
    },
    Req {
        method: "OPTIONS",
        origin: "http://both.test",
        preflight: Some(("PUT", "x-a")),
    },
    Req {
        method: "OPTIONS",
        origin: "http://both.test",
        preflight: Some(("DELETE", "x-b")),
    },
    Req {
        method: "GET",
        origin: "http://a.test",
        preflight: None,
    },
    Req {
        method: "GET",
        origin: "http://b.test",
        preflight: None,
    },
    Req {
        method: "GET",
        origin: "http://both.test",
        preflight: None,
    },
    Req {
        method: "PUT",
        origin: "http://both.test",
        preflight: None,
    },
];

/// What a response says, as far as CORS goes: the status and every
/// `access-control-*` and `vary` field (lower-case names, sorted).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Answer {
    status: u16,
    fields: Vec<(String, String)>,
}

impl Answer {
    pub fn new(status: u16, fields: impl IntoIterator<Item = (String, String)>) -> Answer {
        let mut fields: Vec<_> = fields
            .into_iter()
            .map(|(name, value)| (name.to_ascii_lowercase(), value))
            .filter(|(name, _)| name.starts_with("access-control-") || name == "vary")
            .collect();
        fields.sort();
        Answer { status, fields }
    }
}

/// What `policy` answers to `req` (the application answers `200`).
fn expected(policy: &DynamicPolicy, req: &Req) -> Answer {
    let method = http::Method::from_bytes(req.method.as_bytes()).expect("method");
    let mut headers = http::HeaderMap::new();
    headers.insert("origin", req.origin.parse().expect("origin"));
    if let Some((method, names)) = req.preflight {
        headers.insert(
            "access-control-request-method",
            method.parse().expect("acrm"),
        );
        headers.insert(
            "access-control-request-headers",
            names.parse().expect("acrh"),
        );
    }
    let decision = decide(policy, &method, &headers);
    let status = match decision.outcome() {
        Outcome::Respond(status) => status.as_u16(),
        Outcome::CallApp => 200,
    };
    let mut response = http::HeaderMap::new();
    decision.apply_to(&mut response);
    Answer::new(
        status,
        response.iter().map(|(name, value)| {
            (
                name.as_str().to_owned(),
                value.to_str().expect("ascii").to_owned(),
            )
        }),
    )
}

/// A's and B's answers to each of [`REQUESTS`]; every request tells the two
/// apart.
pub fn expectations() -> Vec<(Answer, Answer)> {
    let a = DynamicPolicy::parse(A, "Live").expect("A is valid");
    let b = DynamicPolicy::parse(B, "Live").expect("B is valid");
    REQUESTS
        .iter()
        .map(|req| {
            let pair = (expected(&a, req), expected(&b, req));
            assert_ne!(pair.0, pair.1, "{req:?} does not tell A from B");
            pair
        })
        .collect()
}
