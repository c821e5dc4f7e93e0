//! The request strategies: methods in odd cases, origins mixing allowed,
//! near-miss, mutated and garbage values, ACRH lists with whitespace, case,
//! empty elements and several fields, repeated fields.

use proptest::prelude::*;

use crate::model::Request;

const ALLOWED_ORIGINS: &[&str] = &[
    "https://app.example",
    "https://a.example.com",
    "https://a.b.example.com",
    "https://x-1_y.example.com",
    "https://a.example.org",
    "https://a.example.org:8443",
    "https://a.example.com:8443",
    "http://localhost",
    "http://localhost:3000",
    "http://[::1]:3000",
    "https://trailing.example.",
    "null",
];

const NEAR_MISSES: &[&str] = &[
    "https://example.com",
    "https://evilexample.com",
    "https://a.example.com.evil.net",
    "https://app.example.evil",
    "https://APP.example",
    "HTTPS://app.example",
    "https://app.example/",
    "https://app.example:443",
    "https://app.example.",
    "https://trailing.example",
    "http://app.example",
    "https://a.example.com:443",
    "https://a.example.org:0",
    "https://a.example.org:08443",
    "https://a.example.org:65536",
    "https://a.example.org:",
    "http://localhost:80",
    "http://localhost:03000",
    "http://localhost.:3000",
    "http://LOCALHOST:3000",
    "http://[::1]",
    "http://[::01]:3000",
    "http://[::1%25eth0]:3000",
    " https://app.example",
    "https://app.example ",
    "https://a..example.com",
    "https://.example.com",
    "https://user@app.example",
    "https://xn--pple-43d.example",
    "Null",
    "NULL",
    "",
    "*",
    "https://app.example,https://app.example",
];

/// An origin: allowed, a near miss, a mutated allowed one, or garbage.
fn origin() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        4 => prop::sample::select(ALLOWED_ORIGINS).prop_map(|o| o.as_bytes().to_vec()),
        3 => prop::sample::select(NEAR_MISSES).prop_map(|o| o.as_bytes().to_vec()),
        2 => (prop::sample::select(ALLOWED_ORIGINS), any::<prop::sample::Index>(), 0x20u8..0x7f)
            .prop_map(|(o, at, byte)| {
                let mut bytes = o.as_bytes().to_vec();
                if !bytes.is_empty() {
                    let i = at.index(bytes.len());
                    bytes[i] = byte;
                }
                bytes
            }),
        1 => "[ -~]{0,40}".prop_map(String::into_bytes),
        1 => prop::collection::vec(prop_oneof![0x20u8..0x7f, Just(b'\t'), 0x80u8..=0xff], 0..40),
    ]
}

fn method() -> impl Strategy<Value = String> {
    prop_oneof![
        1 => Just("OPTIONS"),
        1 => prop::sample::select(&[
            "options", "Options", "GET", "get", "HEAD", "POST", "post", "PUT", "put", "PATCH",
            "patch", "DELETE", "chicken", "CHICKEN", "*",
        ][..]),
    ]
    .prop_map(str::to_owned)
}

fn request_method() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        8 => prop::sample::select(&[
            "GET", "HEAD", "POST", "PUT", "put", "PATCH", "patch", "Patch", "DELETE", "delete",
            "chicken", "CHICKEN", "CONNECT", "*", "",
        ][..])
        .prop_map(|m| m.as_bytes().to_vec()),
        1 => prop::sample::select(&["P T", " PUT", "PUT ", "P@T", "PUT,PATCH", "P\tT"][..])
            .prop_map(|m| m.as_bytes().to_vec()),
    ]
}

/// One ACRH element: a name (in some case) with optional whitespace around.
fn acrh_element() -> impl Strategy<Value = String> {
    let name = prop::sample::select(
        &[
            "content-type",
            "Content-Type",
            "CONTENT-TYPE",
            "x-a",
            "X-A",
            "x-b",
            "authorization",
            "Authorization",
            "x-unknown",
            "",
            "",
            "x a",
            "x@y",
            "*",
            "cookie",
        ][..],
    );
    let ows = "[ \t]{0,3}";
    (ows, name, ows).prop_map(|(before, name, after)| format!("{before}{name}{after}"))
}

fn acrh_field() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        6 => prop::collection::vec(acrh_element(), 0..6).prop_map(|e| e.join(",").into_bytes()),
        1 => (8usize..24, "[ \t]{0,2}")
            .prop_map(|(n, ows)| format!("{ows}{}", ",".repeat(n)).into_bytes()),
    ]
}

pub fn request() -> impl Strategy<Value = Request> {
    (
        method(),
        prop::collection::vec(origin(), 0..=2),
        prop::collection::vec(request_method(), 0..=2),
        prop::collection::vec(acrh_field(), 0..=3),
        prop::collection::vec(prop::sample::select(&["true", "TRUE", "false"][..]), 0..=2),
        (0usize..=2, 0usize..=3, 0usize..=1),
    )
        .prop_map(|(method, origins, acrm, acrh, pna, weights)| {
            // Mostly one field of each; sometimes none or two.
            let (o, m, h) = weights;
            let origins = if o == 0 {
                origins
            } else {
                origins.into_iter().take(1).collect()
            };
            let acrm = if m > 0 {
                acrm.into_iter().take(1).collect()
            } else {
                acrm
            };
            let acrh = if h > 0 {
                acrh
            } else {
                acrh.into_iter().take(1).collect()
            };
            let mut fields = Vec::new();
            fields.extend(origins.into_iter().map(|v| ("origin", v)));
            fields.extend(
                acrm.into_iter()
                    .map(|v| ("access-control-request-method", v)),
            );
            fields.extend(
                acrh.into_iter()
                    .map(|v| ("access-control-request-headers", v)),
            );
            fields.extend(pna.into_iter().map(|v| {
                (
                    "access-control-request-private-network",
                    v.as_bytes().to_vec(),
                )
            }));
            fields.push(("accept", b"*/*".to_vec()));
            Request { method, fields }
        })
        .prop_filter("http accepts the header values", |r| {
            r.fields
                .iter()
                .all(|(_, v)| http::HeaderValue::from_bytes(v).is_ok())
        })
}
