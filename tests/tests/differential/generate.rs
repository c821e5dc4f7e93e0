//! One generated request (with the headers the application's response
//! already has), built from a policy's [`Inputs`]: `Origin`, ACRM, ACRH in
//! many forms, ACRPN, WebSocket upgrades, stale response headers.

use http::{HeaderMap, HeaderName, HeaderValue, Method};

use crate::inputs::Inputs;
use crate::rng::{garbage, Rng};

/// One generated request, and the headers the application's response
/// already has.
pub struct Request {
    pub method: Method,
    pub headers: HeaderMap,
    pub response: HeaderMap,
}

fn value(bytes: &[u8]) -> Option<HeaderValue> {
    HeaderValue::from_bytes(bytes).ok()
}

pub fn generate(inputs: &Inputs, rng: &mut Rng) -> Request {
    const METHODS: &[&str] = &[
        "OPTIONS", "OPTIONS", "OPTIONS", "OPTIONS", "OPTIONS", "GET", "POST", "PUT", "DELETE",
        "HEAD", "options", "Options", "PATCH", "PROPFIND", "CONNECT",
    ];
    let method = Method::from_bytes(rng.pick(METHODS).as_bytes()).expect("method");
    let mut headers = HeaderMap::new();
    fn add(headers: &mut HeaderMap, name: &'static str, bytes: &[u8]) {
        if let Some(value) = value(bytes) {
            headers.append(HeaderName::from_static(name), value);
        }
    }

    // Origin: usually one field, sometimes none or two.
    let origins = match rng.below(20) {
        0 => 0,
        1 => 2,
        _ => 1,
    };
    for _ in 0..origins {
        let origin = match rng.below(100) {
            0..=3 => garbage(rng, 40),
            4..=49 => rng.pick(&inputs.allowed_origins).clone(),
            _ => rng.pick(&inputs.origins).clone(),
        };
        add(&mut headers, "origin", &origin);
    }

    // Access-Control-Request-Method.
    let acrm = match rng.below(20) {
        0 | 1 => 0,
        2 => 2,
        _ => 1,
    };
    for _ in 0..acrm {
        let method = if rng.chance(3) {
            garbage(rng, 10)
        } else {
            rng.pick(&inputs.methods).clone()
        };
        add(&mut headers, "access-control-request-method", &method);
    }

    // Access-Control-Request-Headers, in many forms.
    let acrh = match rng.below(20) {
        0..=5 => 0,
        6..=16 => 1,
        17 | 18 => 2,
        _ => 3,
    };
    for _ in 0..acrh {
        let field = acrh_field(inputs, rng);
        add(&mut headers, "access-control-request-headers", &field);
    }

    // Access-Control-Request-Private-Network.
    match rng.below(10) {
        0 | 1 => add(
            &mut headers,
            "access-control-request-private-network",
            b"true",
        ),
        2 => add(
            &mut headers,
            "access-control-request-private-network",
            b"TRUE",
        ),
        3 => add(
            &mut headers,
            "access-control-request-private-network",
            b"false",
        ),
        4 => {
            add(
                &mut headers,
                "access-control-request-private-network",
                b"true",
            );
            add(
                &mut headers,
                "access-control-request-private-network",
                b"true",
            );
        }
        _ => {}
    }
    if rng.chance(10) {
        add(&mut headers, "accept", b"*/*");
    }
    // WebSocket handshakes (`websocket: check-origin;`).
    match rng.below(12) {
        0 => add(&mut headers, "upgrade", b"websocket"),
        1 => add(&mut headers, "upgrade", b"WebSocket"),
        2 => add(&mut headers, "upgrade", b"h2c"),
        _ => {}
    }

    // What the application already put in its response.
    let mut response = HeaderMap::new();
    match rng.below(12) {
        0 => add(&mut response, "vary", b"accept-encoding"),
        1 => add(&mut response, "vary", b"*"),
        2 => add(&mut response, "vary", b"Origin, Accept"),
        3 => add(
            &mut response,
            "access-control-allow-origin",
            b"https://stale.example",
        ),
        4 => add(&mut response, "access-control-allow-credentials", b"false"),
        5 => add(&mut response, "access-control-expose-headers", b"x-stale"),
        6 => {
            add(&mut response, "vary", b"accept-encoding");
            add(&mut response, "vary", b"access-control-request-method");
        }
        _ => {}
    }
    Request {
        method,
        headers,
        response,
    }
}

fn acrh_field(inputs: &Inputs, rng: &mut Rng) -> Vec<u8> {
    match rng.below(25) {
        0 => return garbage(rng, 60),
        1 => return vec![b','; rng.below(40)],
        2 => return b" , ,, ".to_vec(),
        3 => return Vec::new(),
        _ => {}
    }
    const SEPARATORS: &[&str] = &[",", ",", ",", ", ", " ,", ",,", " , ", ",\t"];
    let count = rng.below(6);
    let mut field = Vec::new();
    if rng.chance(5) {
        field.extend_from_slice(b", ");
    }
    for i in 0..count {
        if i > 0 {
            field.extend_from_slice(rng.pick(SEPARATORS).as_bytes());
        }
        let name: &Vec<u8> = rng.pick(&inputs.header_names);
        field.extend_from_slice(name);
    }
    if rng.chance(5) {
        field.extend_from_slice(b" ,");
    }
    field
}

pub fn describe(request: &Request) -> String {
    format!(
        "{} {:?} (response had {:?})",
        request.method, request.headers, request.response
    )
}

impl Request {
    pub fn clone_parts(&self) -> Request {
        Request {
            method: self.method.clone(),
            headers: self.headers.clone(),
            response: self.response.clone(),
        }
    }
}
