//! Facts of the origin and header grammar that both sides of the build/run
//! boundary need: the validator (`cors-dsl`) refuses what the matchers here
//! could never match, using these same definitions.
//!
//! ```
//! use cors_core::grammar;
//! assert_eq!(grammar::default_port("https"), Some(443));
//! assert!(grammar::is_token(b"PROPFIND") && !grammar::is_token(b"GET /"));
//! assert!(grammar::is_safelisted_method(b"POST") && !grammar::is_safelisted_method(b"post"));
//! ```

/// The longest host a domain name can have (RFC 1035), without a trailing dot.
pub const MAX_HOST_LEN: usize = 253;

/// The longest DNS label.
pub const MAX_LABEL_LEN: usize = 63;

/// The longest header name the language accepts and the request-header
/// scanner ever reads (the size of its stack buffer).
pub const MAX_HEADER_NAME_LEN: usize = 128;

/// The longest `Access-Control-Request-Method` accepted (longer is
/// malformed, so `methods: *` never echoes a huge value).
pub const MAX_METHOD_LEN: usize = 64;

/// The methods every preflight allows without `Access-Control-Allow-Methods`
/// (CORS-safelisted methods), as browsers send them.
pub const SAFELISTED_METHODS: [&str; 3] = ["GET", "HEAD", "POST"];

/// The CORS-safelisted response-header names (Fetch), lowercase: scripts
/// read them without `Access-Control-Expose-Headers`, so listing them in
/// `expose-headers` exposes nothing more.
pub const SAFELISTED_RESPONSE_HEADERS: [&str; 7] = [
    "cache-control",
    "content-language",
    "content-length",
    "content-type",
    "expires",
    "last-modified",
    "pragma",
];

/// Whether `method` (exact bytes, case-sensitive) is a CORS-safelisted method.
#[inline]
pub const fn is_safelisted_method(method: &[u8]) -> bool {
    matches!(method, b"GET" | b"HEAD" | b"POST")
}

/// The port a browser leaves out of the serialization for `scheme`.
#[inline]
pub const fn default_port(scheme: &str) -> Option<u16> {
    match scheme.as_bytes() {
        b"http" | b"ws" => Some(80),
        b"https" | b"wss" => Some(443),
        b"ftp" => Some(21),
        _ => None,
    }
}

/// [`default_port`] as the decimal digits a request would carry.
#[inline]
pub const fn default_port_text(scheme: &str) -> Option<&'static [u8]> {
    match default_port(scheme) {
        Some(80) => Some(b"80"),
        Some(443) => Some(b"443"),
        Some(21) => Some(b"21"),
        _ => None,
    }
}

/// Whether `digits` is a port as browsers serialize it: 1–65535 in decimal,
/// without a leading zero.
#[inline]
pub fn is_canonical_port(digits: &[u8]) -> bool {
    if digits.is_empty() || digits.len() > 5 || digits[0] == b'0' {
        return false;
    }
    let mut value: u32 = 0;
    for &b in digits {
        if !b.is_ascii_digit() {
            return false;
        }
        value = value * 10 + u32::from(b - b'0');
    }
    value <= 65535
}

/// Whether `b` may appear in an ASCII host label as browsers serialize it:
/// `[a-z0-9_-]` (browsers accept `_` and hyphens anywhere).
#[inline]
pub const fn is_label_byte(b: u8) -> bool {
    matches!(b, b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_')
}

/// The symbols an RFC 9110 `tchar` may be, besides ASCII letters and digits.
pub const TCHAR_SYMBOLS: &str = "!#$%&'*+-.^_`|~";

/// An RFC 9110 `tchar`: a byte of an HTTP token (method, header name): an
/// ASCII letter or digit, or one of [`TCHAR_SYMBOLS`].
#[inline]
pub const fn is_tchar(b: u8) -> bool {
    if b.is_ascii_alphanumeric() {
        return true;
    }
    let symbols = TCHAR_SYMBOLS.as_bytes();
    let mut i = 0;
    while i < symbols.len() {
        if symbols[i] == b {
            return true;
        }
        i += 1;
    }
    false
}

/// For every byte: its ASCII-lowercase form if it is a `tchar`, else 0 (one
/// table look-up per byte in the request-header scanner's inner loop).
pub const TCHAR_LOWER: [u8; 256] = {
    let mut table = [0u8; 256];
    let mut byte = 0;
    while byte < 256 {
        if is_tchar(byte as u8) {
            table[byte] = (byte as u8).to_ascii_lowercase();
        }
        byte += 1;
    }
    table
};

/// Whether `bytes` is a non-empty RFC 9110 token.
#[inline]
pub fn is_token(bytes: &[u8]) -> bool {
    !bytes.is_empty() && bytes.iter().all(|&b| TCHAR_LOWER[b as usize] != 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ports() {
        for (digits, ok) in [
            ("1", true),
            ("65535", true),
            ("65536", false),
            ("0", false),
            ("08443", false),
            ("", false),
            ("84a3", false),
            ("123456", false),
        ] {
            assert_eq!(is_canonical_port(digits.as_bytes()), ok, "{digits}");
        }
        for scheme in ["http", "ws", "https", "wss", "ftp", "gopher"] {
            let text = default_port_text(scheme).map(|t| std::str::from_utf8(t).unwrap());
            assert_eq!(
                text.map(|t| t.parse::<u16>().unwrap()),
                default_port(scheme)
            );
        }
    }

    #[test]
    fn tokens() {
        assert!(is_token(b"x-a_b.c~d!"));
        for bad in [&b""[..], b"a b", b"a,b", b"a:b", b"\xc3\xa9", b"(x)"] {
            assert!(!is_token(bad), "{bad:?}");
        }
        assert_eq!(TCHAR_LOWER[b'A' as usize], b'a');
        assert_eq!(TCHAR_LOWER[b' ' as usize], 0);
    }
}
