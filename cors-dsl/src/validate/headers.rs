//! `request-headers:` and `expose-headers:`.

use cors_core::grammar::is_token;
// Re-exported at the crate root; the definition is the core's, which the
// run-time scanner sizes its buffer by.
pub use cors_core::grammar::MAX_HEADER_NAME_LEN;

use super::token::not_token;
use super::{quoted_value, Sink};
use crate::codes::Code;
use crate::model::{ExposeHeaders, RequestHeaders};
use crate::reuse::RValue;
use crate::span::Span;
use crate::syntax::ast::Value;
use crate::syntax::statements::ValueKind;

/// Forbidden request-header names (Fetch): scripts cannot set them.
const FORBIDDEN_REQUEST: &[&str] = &[
    "accept-charset",
    "accept-encoding",
    "access-control-request-headers",
    "access-control-request-method",
    "access-control-request-private-network",
    "connection",
    "content-length",
    "cookie",
    "cookie2",
    "date",
    "dnt",
    "expect",
    "host",
    "keep-alive",
    "origin",
    "referer",
    "set-cookie",
    "te",
    "trailer",
    "transfer-encoding",
    "upgrade",
    "via",
];

/// Forbidden request-header name prefixes (Fetch).
const FORBIDDEN_REQUEST_PREFIXES: &[&str] = &["proxy-", "sec-"];

/// Names that only ever appear on requests, never on responses.
const REQUEST_ONLY: &[&str] = &["origin", "cookie", "cookie2", "host", "referer"];

/// The names of the headers of a CORS response (the middleware writes them).
fn is_cors_response_header(name: &str) -> bool {
    name.starts_with("access-control-allow-")
        || name == "access-control-max-age"
        || name == "access-control-expose-headers"
}

pub(crate) fn is_forbidden_request_header(name: &str) -> bool {
    FORBIDDEN_REQUEST.contains(&name)
        || FORBIDDEN_REQUEST_PREFIXES
            .iter()
            .any(|p| name.starts_with(p))
}

/// The checks shared by both lists: quotes, token, length, duplicates.
/// Returns the lowercase name, or `None` if reported.
pub(crate) fn name(
    value: &RValue<'_>,
    seen: &[(String, Span)],
    what: &str,
    sink: &mut Sink<'_>,
) -> Option<String> {
    let written = match value.value {
        Value::Word(w) => w.value.as_str(),
        Value::Str(s) => {
            if is_token(s.value.as_bytes()) {
                quoted_value(sink, value, ValueKind::HeaderNames);
            } else {
                not_token(sink, value, Code::HeaderNotToken, "header");
            }
            return None;
        }
    };
    if !is_token(written.as_bytes()) {
        not_token(sink, value, Code::HeaderNotToken, "header");
        return None;
    }
    if written.len() > MAX_HEADER_NAME_LEN {
        sink.error(
            &value.site,
            Code::HeaderTooLong,
            format!(
                "header name `{}…` is {} bytes long, above the limit of {MAX_HEADER_NAME_LEN}",
                &written[..24],
                written.len()
            ),
            format!("header names in a policy are at most {MAX_HEADER_NAME_LEN} bytes"),
        );
        return None;
    }
    let lower = written.to_ascii_lowercase();
    if let Some((_, first)) = seen.iter().find(|(n, _)| *n == lower) {
        sink.error(
            &value.site,
            Code::DuplicateHeader,
            format!("header `{written}` is listed twice in {what} (first on line {}; names are case-insensitive)", first.line),
            "remove the second one",
        );
        return None;
    }
    Some(lower)
}

pub(super) fn request_headers(
    values: &[RValue<'_>],
    sink: &mut Sink<'_>,
) -> Option<RequestHeaders> {
    let errors_before = sink.errors();
    let star = values.iter().position(|v| v.word() == Some("*"));
    let mut seen: Vec<(String, Span)> = Vec::new();
    let mut authorization = false;
    for (index, value) in values.iter().enumerate() {
        if value.word() == Some("*") {
            if star != Some(index) {
                sink.error(
                    &value.site,
                    Code::DuplicateHeader,
                    "`*` is listed twice in `request-headers`",
                    "remove the second `*`",
                );
            }
            continue;
        }
        let Some(lower) = name(value, &seen, "`request-headers`", sink) else {
            continue;
        };
        let span = value.site.span;
        if star.is_some() {
            if lower == "authorization" {
                authorization = true;
                seen.push((lower, span));
            } else {
                sink.error(
                    &value.site,
                    Code::WildcardNotAlone,
                    format!("`*` already allows `{lower}`: only `authorization` can be listed beside `*`"),
                    format!("remove `{lower}`"),
                );
            }
            continue;
        }
        if is_forbidden_request_header(&lower) {
            sink.error(
                &value.site,
                Code::ForbiddenRequestHeader,
                format!("`{lower}` is a forbidden request header: scripts can never set it, so allowing it has no effect"),
                format!("remove `{lower}`; the browser sets it itself"),
            );
            continue;
        }
        if lower.starts_with("access-control-") {
            sink.error(
                &value.site,
                Code::ResponseHeaderInRequestHeaders,
                format!("`{lower}` is a response header: it belongs in the server's answer, never in a request"),
                "remove it: the middleware writes the CORS response headers",
            );
            continue;
        }
        seen.push((lower, span));
    }
    if sink.errors() > errors_before {
        return None;
    }
    Some(match star {
        Some(_) => RequestHeaders::Any { authorization },
        None => RequestHeaders::List(seen.into_iter().map(|(n, _)| n).collect()),
    })
}

pub(super) fn expose_headers(
    values: &[RValue<'_>],
    credentials: bool,
    sink: &mut Sink<'_>,
) -> Option<ExposeHeaders> {
    let errors_before = sink.errors();
    let mut star = None;
    let mut seen: Vec<(String, Span)> = Vec::new();
    for value in values {
        if value.word() == Some("*") {
            star = Some(value.site.clone());
            continue;
        }
        let Some(lower) = name(value, &seen, "`expose-headers`", sink) else {
            continue;
        };
        let span = value.site.span;
        if lower == "set-cookie" || lower == "set-cookie2" {
            sink.error(
                &value.site,
                Code::ExposeSetCookie,
                format!("`{lower}` can never be exposed: browsers hide it from scripts whatever the server says"),
                format!("remove `{lower}`"),
            );
            continue;
        }
        if REQUEST_ONLY.contains(&lower.as_str()) || lower.starts_with("access-control-request-") {
            sink.error(
                &value.site,
                Code::ExposeRequestHeader,
                format!("`{lower}` is a request header: responses do not carry it, so there is nothing to expose"),
                format!("remove `{lower}`"),
            );
            continue;
        }
        if is_cors_response_header(&lower) {
            sink.error(
                &value.site,
                Code::ExposeCorsHeader,
                format!("`{lower}` is a CORS response header, read by the browser itself, not by scripts"),
                format!("remove `{lower}`"),
            );
            continue;
        }
        seen.push((lower, span));
    }
    if let Some(site) = &star {
        if values.len() > 1 {
            sink.error(
                site,
                Code::WildcardNotAlone,
                "`*` exposes every header and cannot be combined with other names",
                "write `expose-headers: *;` alone, or list the names without `*`",
            );
        }
        if credentials {
            sink.error(
                site,
                Code::ExposeAnyWithCredentials,
                "`expose-headers: *` does not work with `credentials: true`: browsers then read it as a header literally named `*`",
                "list the headers to expose",
            );
        }
    }
    if sink.errors() > errors_before {
        return None;
    }
    Some(match star {
        Some(_) => ExposeHeaders::Any,
        None => ExposeHeaders::List(seen.into_iter().map(|(n, _)| n).collect()),
    })
}
