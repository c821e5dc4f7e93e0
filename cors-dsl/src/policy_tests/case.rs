//! One expectation, checked: what a browser would send, or a diagnostic for
//! each part no browser could (an invalid method or header name, a
//! non-ASCII origin, a `because` that cannot hold).

use std::fmt;

use cors_core::Refusal;

use crate::codes::Code;
use crate::reuse::{RValue, Site};
use crate::source::SourceId;
use crate::span::Span;
use crate::suggest::closest_within;
use crate::syntax::ast::{Expectation, Value};
use crate::validate::headers::{is_forbidden_request_header, name};
use crate::validate::methods::sent_method;
use crate::validate::Sink;

/// The checks a `because` can name, with their words.
const REASONS: [(&str, Refusal); 3] = [
    ("origin", Refusal::Origin),
    ("method", Refusal::Method),
    ("request-headers", Refusal::RequestHeaders),
];

/// A valid expectation: the call a page makes, and what should happen.
#[derive(Clone, Debug)]
pub(super) struct Case {
    /// `allow` (or `deny`).
    pub(super) allow: bool,
    /// `preflight` was written.
    pub(super) preflight: bool,
    /// The method, as sent.
    pub(super) method: String,
    /// The `Origin` value, as sent.
    pub(super) origin: String,
    /// The origin was written as a string literal (not the bare `null`).
    pub(super) quoted: bool,
    /// The header names the script sets, as written.
    pub(super) headers: Vec<String>,
    /// The check that must fail first.
    pub(super) because: Option<Refusal>,
    /// The whole expectation (its start is its first token).
    pub(super) span: Span,
}

impl fmt::Display for Case {
    /// The call as written: `preflight PUT from "https://a.example" with x-a`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.preflight {
            f.write_str("preflight ")?;
        }
        write!(f, "{} from ", self.method)?;
        if self.quoted {
            write!(f, "\"{}\"", self.origin.escape_debug())?;
        } else {
            f.write_str(&self.origin)?;
        }
        if !self.headers.is_empty() {
            write!(f, " with {}", self.headers.join(", "))?;
        }
        Ok(())
    }
}

/// Checks one expectation, written in `source`; `None` when something was
/// reported.
pub(super) fn check(
    expectation: &Expectation,
    source: SourceId,
    sink: &mut Sink<'_>,
) -> Option<Case> {
    let errors = sink.errors();
    let at = |span: Span| Site::local(source, span);
    let method = sent_method(&RValue::local(&expectation.method, source), sink).map(str::to_owned);
    let origin = origin(&expectation.origin, source, sink);
    let mut headers = Vec::new();
    if let Some((_, values)) = &expectation.with {
        for value in values {
            let Some(lower) = name(&RValue::local(value, source), &[], "the `with` list", sink)
            else {
                continue;
            };
            if is_forbidden_request_header(&lower) {
                sink.error(
                    &at(value.span()),
                    Code::ForbiddenRequestHeader,
                    format!(
                        "`{lower}` is a header scripts can never set, so no browser requests it"
                    ),
                    "remove it from the `with` list: browsers set it themselves",
                );
                continue;
            }
            headers.push(value.word().unwrap_or_default().to_owned());
        }
    }
    let because = match &expectation.because {
        None => None,
        Some(word) => {
            let reason = REASONS.iter().find(|(w, _)| *w == word.value).map(|r| r.1);
            match reason {
                None => {
                    let hint = match closest_within(&word.value, REASONS.map(|r| r.0), 3) {
                        Some(close) => format!("did you mean `because {close}`?"),
                        None => {
                            "write `because origin`, `because method` or `because request-headers`"
                                .into()
                        }
                    };
                    sink.error(
                        &at(word.span),
                        Code::TestUnknownReason,
                        format!("unknown check `{}` after `because`", word.value),
                        hint,
                    );
                }
                Some(_) if expectation.allow.value => sink.error(
                    &at(word.span),
                    Code::TestBecauseWithAllow,
                    "`because` gives the reason of a denial, but this expectation says `allow`",
                    format!("write `deny`, or remove `because {}`", word.value),
                ),
                Some(Refusal::RequestHeaders) if expectation.with.is_none() => sink.error(
                    &at(word.span),
                    Code::TestBecauseHeadersWithoutWith,
                    "`because request-headers`, but this expectation requests no header",
                    "add `with` and the header names the script sets, e.g. `with x-request-id`",
                ),
                Some(_) => {}
            }
            reason
        }
    };
    if sink.errors() > errors {
        return None;
    }
    let (origin, quoted) = origin?;
    Some(Case {
        allow: expectation.allow.value,
        preflight: expectation.preflight.is_some(),
        method: method?,
        origin,
        quoted,
        headers,
        because,
        span: expectation.span,
    })
}

/// The `Origin` a browser would send: an ASCII string without control
/// characters, or the bare keyword `null`. Returns it and whether it was
/// quoted.
fn origin(value: &Value, source: SourceId, sink: &mut Sink<'_>) -> Option<(String, bool)> {
    let at = Site::local(source, value.span());
    let text = match value {
        Value::Word(word) if word.value == "null" => return Some(("null".to_owned(), false)),
        Value::Word(word) => {
            let hint = if word.value.contains("://") {
                format!("write \"{}\"", word.value.escape_debug())
            } else {
                "write the origin in double quotes, like \"https://app.example.com\", or the bare \
                 keyword `null`"
                    .to_owned()
            };
            sink.error(
                &at,
                Code::UnquotedOrigin,
                format!(
                    "the origin of a test is a string literal, found `{}`",
                    word.value
                ),
                hint,
            );
            return None;
        }
        Value::Str(text) => &text.value,
    };
    if !text.is_ascii() {
        let hint = match punycode(text) {
            Some(ascii) => format!(
                "browsers send Unicode hosts in punycode: write \"{}\"",
                ascii.escape_debug()
            ),
            None => "browsers send origins in ASCII (hosts in punycode, `xn--…`)".to_owned(),
        };
        sink.error(
            &at,
            Code::TestOriginNotAscii,
            format!("the origin {} is not ASCII", value.display()),
            hint,
        );
        return None;
    }
    if text.bytes().any(|b| (b < 0x20 && b != b'\t') || b == 0x7f) {
        sink.error(
            &at,
            Code::TestOriginNotAscii,
            format!(
                "the origin {} holds a control character, which no header can carry",
                value.display()
            ),
            "remove the control character",
        );
        return None;
    }
    Some((text.clone(), true))
}

/// `scheme://host[:port]…` with its host converted as browsers do (IDNA,
/// UTS #46: lower case, punycode); `None` if the result is still not ASCII.
fn punycode(origin: &str) -> Option<String> {
    let (scheme, rest) = origin.split_once("://")?;
    let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let (authority, tail) = rest.split_at(end);
    let (host, port) = match authority.rsplit_once(':') {
        Some((host, port)) if port.bytes().all(|b| b.is_ascii_digit()) => (host, Some(port)),
        _ => (authority, None),
    };
    let host = crate::origin::idna::to_ascii(host, crate::origin::idna::Deny::Nothing).ok()?;
    let port = port.map(|p| format!(":{p}")).unwrap_or_default();
    let ascii = format!("{}://{host}{port}{tail}", scheme.to_ascii_lowercase());
    ascii.is_ascii().then_some(ascii)
}

#[cfg(test)]
mod tests {
    use super::punycode;

    #[test]
    fn unicode_hosts_become_punycode() {
        assert_eq!(
            punycode("https://bücher.example").as_deref(),
            Some("https://xn--bcher-kva.example")
        );
        assert_eq!(
            punycode("https://Bücher.example:8443").as_deref(),
            Some("https://xn--bcher-kva.example:8443")
        );
        assert_eq!(punycode("bücher"), None);
    }
}
