//! `Vary`: appended to, never set; tokens already present are not repeated,
//! and `Vary: *` is left alone.

use super::VARY_ORIGIN;
use crate::headers::{CorsHeader, HeaderValueLike, Present, ResponseHeaders};
use crate::value::ConstValue;

static VARY_PREFLIGHT: ConstValue = ConstValue::from_static(
    "origin, access-control-request-method, access-control-request-headers",
);
static VARY_REQUEST_METHOD: ConstValue = ConstValue::from_static("access-control-request-method");
static VARY_REQUEST_HEADERS: ConstValue = ConstValue::from_static("access-control-request-headers");

/// Which tokens a response's `Vary` must contain.
#[derive(Clone, Copy)]
pub(super) struct VaryTokens {
    origin: bool,
    request_method: bool,
    request_headers: bool,
}

impl VaryTokens {
    pub(super) const ORIGIN: VaryTokens = VaryTokens {
        origin: true,
        request_method: false,
        request_headers: false,
    };
    pub(super) const PREFLIGHT: VaryTokens = VaryTokens {
        origin: true,
        request_method: true,
        request_headers: true,
    };
}

/// Appends the missing `tokens` to `Vary`, unless it is `*`.
// Always inlined: the tokens are constants at every call, and the scan of
// existing fields is out of line.
#[inline(always)]
pub(super) fn add_vary<W, V>(headers: &mut W, present: Present, mut tokens: VaryTokens)
where
    W: ResponseHeaders<Value = V> + ?Sized,
    V: HeaderValueLike,
{
    // Most responses have no `Vary` yet: nothing to read.
    if present.has(CorsHeader::Vary) {
        match missing_tokens(headers, tokens) {
            Some(missing) => tokens = missing,
            None => return,
        }
    }
    // All three missing (none was present): one field for the three.
    if tokens.origin && tokens.request_method && tokens.request_headers {
        headers.append(CorsHeader::Vary, V::from_const(&VARY_PREFLIGHT));
        return;
    }
    if tokens.origin {
        headers.append(CorsHeader::Vary, V::from_const(&VARY_ORIGIN));
    }
    if tokens.request_method {
        headers.append(CorsHeader::Vary, V::from_const(&VARY_REQUEST_METHOD));
    }
    if tokens.request_headers {
        headers.append(CorsHeader::Vary, V::from_const(&VARY_REQUEST_HEADERS));
    }
}

/// Which of `tokens` the response's `Vary` fields do not hold yet; `None`
/// for `Vary: *`.
#[inline(never)]
fn missing_tokens<W, V>(headers: &W, mut tokens: VaryTokens) -> Option<VaryTokens>
where
    W: ResponseHeaders<Value = V> + ?Sized,
    V: HeaderValueLike,
{
    for field in headers.values(CorsHeader::Vary) {
        for token in field.split(|&b| b == b',') {
            let token = trim_ows(token);
            if token == b"*" {
                return None;
            }
            if token.eq_ignore_ascii_case(b"origin") {
                tokens.origin = false;
            } else if token.eq_ignore_ascii_case(b"access-control-request-method") {
                tokens.request_method = false;
            } else if token.eq_ignore_ascii_case(b"access-control-request-headers") {
                tokens.request_headers = false;
            }
        }
    }
    Some(tokens)
}

#[inline]
fn trim_ows(mut bytes: &[u8]) -> &[u8] {
    while let [b' ' | b'\t', rest @ ..] = bytes {
        bytes = rest;
    }
    while let [rest @ .., b' ' | b'\t'] = bytes {
        bytes = rest;
    }
    bytes
}
