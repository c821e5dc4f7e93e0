//! The application's stale CORS headers, and readings of a header map:
//! the `Vary` tokens, the `Access-Control-*` fields, the fields of one name,
//! the ACRH names.

use http::header::{self, HeaderMap, HeaderName, HeaderValue};

pub const ACAPN: HeaderName = HeaderName::from_static("access-control-allow-private-network");

pub fn stale_app_headers() -> HeaderMap {
    let mut headers = HeaderMap::new();
    headers.insert(header::VARY, HeaderValue::from_static("accept-encoding"));
    headers.insert(
        header::ACCESS_CONTROL_ALLOW_ORIGIN,
        HeaderValue::from_static("https://stale.example"),
    );
    headers.append(
        header::ACCESS_CONTROL_ALLOW_ORIGIN,
        HeaderValue::from_static("*"),
    );
    headers.insert(
        header::ACCESS_CONTROL_ALLOW_CREDENTIALS,
        HeaderValue::from_static("true"),
    );
    headers.insert(
        header::ACCESS_CONTROL_ALLOW_METHODS,
        HeaderValue::from_static("*"),
    );
    headers.insert(
        header::ACCESS_CONTROL_ALLOW_HEADERS,
        HeaderValue::from_static("*"),
    );
    headers.insert(
        header::ACCESS_CONTROL_MAX_AGE,
        HeaderValue::from_static("1"),
    );
    headers.insert(
        header::ACCESS_CONTROL_EXPOSE_HEADERS,
        HeaderValue::from_static("*"),
    );
    headers.insert(ACAPN, HeaderValue::from_static("true"));
    headers
}

pub fn vary_tokens(headers: &HeaderMap) -> Vec<String> {
    headers
        .get_all(header::VARY)
        .iter()
        .flat_map(|v| v.as_bytes().split(|&b| b == b','))
        .map(|t| String::from_utf8_lossy(t).trim().to_ascii_lowercase())
        .collect()
}

pub fn cors_fields(headers: &HeaderMap) -> usize {
    headers
        .keys()
        .filter(|k| k.as_str().starts_with("access-control-"))
        .count()
}

pub fn count(headers: &HeaderMap, name: &HeaderName) -> usize {
    headers.get_all(name).iter().count()
}

pub fn acrh_names(request: &HeaderMap) -> impl Iterator<Item = Vec<u8>> + '_ {
    request
        .get_all(header::ACCESS_CONTROL_REQUEST_HEADERS)
        .iter()
        .flat_map(|v| v.as_bytes().split(|&b| b == b','))
        .map(|t| {
            let text = String::from_utf8_lossy(t);
            text.trim_matches([' ', '\t'])
                .to_ascii_lowercase()
                .into_bytes()
        })
        .filter(|t| !t.is_empty())
}
