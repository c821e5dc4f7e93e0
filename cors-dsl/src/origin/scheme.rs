//! The scheme of an origin: `scheme://`, lowercase, and never one whose
//! documents send the origin `null`.

use super::error::{error, quote, OriginError, Quoted};
use super::MAX_SCHEME_LEN;
use crate::codes::Code;

/// Schemes whose URLs have no host and whose documents send `Origin: null`.
const OPAQUE_SCHEMES: &[&str] = &["data", "blob", "about", "javascript"];

/// `s` is a valid scheme: `[a-z][a-z0-9+.-]*`.
fn is_valid_scheme(s: &str) -> bool {
    let mut bytes = s.bytes();
    matches!(bytes.next(), Some(b'a'..=b'z'))
        && bytes.all(|b| matches!(b, b'a'..=b'z' | b'0'..=b'9' | b'+' | b'.' | b'-'))
}

/// `s` would be a valid scheme once lowercased.
fn is_scheme_like(s: &str) -> bool {
    is_valid_scheme(&s.to_ascii_lowercase())
}

/// A guess at the scheme a newcomer meant for `host`: `http` for loopback
/// hosts (local development), `https` otherwise.
fn suggested_scheme(authority: &str) -> &'static str {
    let host = authority.split(':').next().unwrap_or("");
    if host == "localhost" || host.ends_with(".localhost") || host.starts_with("127.") {
        "http"
    } else {
        "https"
    }
}

/// Splits `scheme://rest`, checking the scheme.
pub(super) fn split_scheme<'a>(
    content: &'a str,
    shown: Quoted<'_>,
) -> Result<(&'a str, &'a str), OriginError> {
    if let Some((first, _)) = content.split_once(':') {
        let lower = first.to_ascii_lowercase();
        if lower == "file" {
            return Err(file_scheme(shown));
        }
        if OPAQUE_SCHEMES.contains(&lower.as_str()) {
            return Err(opaque_scheme(shown, &lower));
        }
    }
    let Some(sep) = content.find("://") else {
        return Err(no_scheme_separator(content, shown));
    };
    let scheme = &content[..sep];
    let rest = &content[sep + 3..];
    if scheme.is_empty() {
        return Err(error(
            Code::OriginMissingScheme,
            format!("the origin {shown} has no scheme before \"://\""),
            format!(
                "write \"{}{}\"",
                suggested_scheme(rest),
                content.escape_debug()
            ),
        ));
    }
    if scheme.eq_ignore_ascii_case("file") {
        return Err(file_scheme(shown));
    }
    if is_scheme_like(scheme) && !is_valid_scheme(scheme) {
        return Err(error(
            Code::OriginUppercaseScheme,
            format!(
                "the scheme of the origin {shown} is not lowercase; browsers send it in lowercase"
            ),
            format!(
                "write \"{}://{}\"",
                scheme.to_ascii_lowercase(),
                rest.escape_debug()
            ),
        ));
    }
    if !is_valid_scheme(scheme) {
        let bad = scheme
            .chars()
            .enumerate()
            .find(|&(i, c)| {
                !(c.is_ascii_alphabetic()
                    || (i > 0 && (c.is_ascii_digit() || matches!(c, '+' | '.' | '-'))))
            })
            .map(|(_, c)| c);
        let what = match bad {
            Some(c) if scheme.starts_with(c) => {
                format!(" (it starts with {})", quote(&c.to_string()))
            }
            Some(c) => format!(" (it contains {})", quote(&c.to_string())),
            None => String::new(),
        };
        return Err(error(
            Code::OriginInvalidScheme,
            format!("the scheme of the origin {shown} is not valid{what}"),
            "a scheme starts with a letter followed by letters, digits, \"+\", \".\" or \"-\", e.g. \"https\"",
        ));
    }
    if scheme.len() > MAX_SCHEME_LEN {
        return Err(error(
            Code::OriginSchemeTooLong,
            format!(
                "the scheme of the origin {shown} is {} bytes long; the limit is {MAX_SCHEME_LEN}",
                scheme.len()
            ),
            "check the scheme, e.g. \"https\"",
        ));
    }
    Ok((scheme, rest))
}

/// The error for an origin without `://`.
fn no_scheme_separator(content: &str, shown: Quoted<'_>) -> OriginError {
    // What the user most likely meant as the authority (no path etc.).
    let authority = |text: &'_ str| -> String {
        let text = text.trim_start_matches('/');
        let end = text.find(['/', '\\', '?', '#']).unwrap_or(text.len());
        text[..end].escape_debug().to_string()
    };
    if let Some((before, after)) = content.split_once(':') {
        let port = after.split(['/', '\\', '?', '#']).next().unwrap_or("");
        let port_like =
            !port.is_empty() && (port == "*" || port.bytes().all(|b| b.is_ascii_digit()));
        if is_scheme_like(before) && !before.contains('.') && !port_like {
            return error(
                Code::OriginMissingSlashes,
                format!(
                    "the origin {shown} lacks \"//\" after \"{}:\"",
                    before.escape_debug()
                ),
                format!("write \"{}://{}\"", before.escape_debug(), authority(after)),
            );
        }
    }
    let host = authority(content);
    error(
        Code::OriginMissingScheme,
        format!("the origin {shown} has no scheme"),
        format!("write \"{}://{host}\"", suggested_scheme(&host)),
    )
}

/// The error for a `data:`, `blob:`, `about:` or `javascript:` origin.
fn opaque_scheme(shown: Quoted<'_>, scheme: &str) -> OriginError {
    error(
        Code::OriginOpaqueScheme,
        format!(
            "the origin {shown} uses the scheme \"{scheme}:\", whose documents have no host and send the origin null"
        ),
        "to allow them, write the bare keyword null (it needs `dangerously-allow: null-origin;`)",
    )
}

/// The error for a `file:` origin.
fn file_scheme(shown: Quoted<'_>) -> OriginError {
    error(
        Code::OriginFileScheme,
        format!("the origin {shown} uses the file: scheme; file pages send the origin null"),
        "to allow file pages, write the bare keyword null (it needs `dangerously-allow: null-origin;`); better, serve the page over http://localhost",
    )
}
