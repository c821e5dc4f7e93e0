//! Request headers built the way hyper builds them, for the allocation
//! tests (`alloc`, `alloc_dynamic`): every value is a slice of one shared
//! buffer (`HeaderValue::from_maybe_shared(Bytes)`), so that cloning a value
//! is a reference-count bump. The buffer is promoted to a shared one (its
//! first clone) before counting starts.

use bytes::Bytes;

/// The request headers `fields`, as hyper would hold them.
pub fn request_headers(fields: &[(&'static str, &[u8])]) -> http::HeaderMap {
    let mut raw = Vec::new();
    let mut ranges = Vec::new();
    for (_, value) in fields {
        ranges.push(raw.len()..raw.len() + value.len());
        raw.extend_from_slice(value);
    }
    let buffer = Bytes::from(raw);
    let _promote = buffer.clone();
    let mut headers = http::HeaderMap::with_capacity(fields.len().max(1));
    for ((name, _), range) in fields.iter().zip(ranges) {
        let value = http::HeaderValue::from_maybe_shared(buffer.slice(range)).expect("value");
        headers.append(http::HeaderName::from_static(name), value);
    }
    headers
}
