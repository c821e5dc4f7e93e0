//! `methods:`.

use cors_core::grammar::{is_token, MAX_METHOD_LEN};

use super::token::not_token;
use super::{quoted_value, Sink};
use crate::codes::Code;
use crate::model::Methods;
use crate::reuse::RValue;
use crate::syntax::ast::Value;
use crate::syntax::statements::ValueKind;

/// Methods browsers normalize (the first six) or that scripts always write in
/// upper case (`PATCH`): any other spelling can never match.
const WELL_KNOWN: [&str; 7] = ["DELETE", "GET", "HEAD", "OPTIONS", "POST", "PUT", "PATCH"];

/// Methods `fetch()` refuses to send, in any case.
const FORBIDDEN: [&str; 3] = ["CONNECT", "TRACE", "TRACK"];

/// A method as a browser could send it: a bare HTTP token, not `CONNECT`,
/// `TRACE` or `TRACK` (in any case). `None` when reported.
pub(crate) fn sent_method<'v>(value: &RValue<'v>, sink: &mut Sink<'_>) -> Option<&'v str> {
    let method = match value.value {
        Value::Word(w) => w.value.as_str(),
        Value::Str(s) => {
            if is_token(s.value.as_bytes()) {
                quoted_value(sink, value, ValueKind::Methods);
            } else {
                not_token(sink, value, Code::MethodNotToken, "method");
            }
            return None;
        }
    };
    if !is_token(method.as_bytes()) {
        not_token(sink, value, Code::MethodNotToken, "method");
        return None;
    }
    if FORBIDDEN.contains(&method.to_ascii_uppercase().as_str()) {
        sink.error(
            &value.site,
            Code::ForbiddenMethod,
            format!("`{method}` is a forbidden method: browsers never send it"),
            format!("remove `{method}`: `fetch()` refuses CONNECT, TRACE and TRACK"),
        );
        return None;
    }
    Some(method)
}

pub(super) fn methods(values: &[RValue<'_>], sink: &mut Sink<'_>) -> Option<Methods> {
    let errors_before = sink.errors();
    let mut list: Vec<String> = Vec::new();
    let mut star = None;
    for value in values {
        if value.word() == Some("*") {
            star = Some(value.site.clone());
            continue;
        }
        let Some(method) = sent_method(value, sink) else {
            continue;
        };
        if method.len() > MAX_METHOD_LEN {
            sink.error(
                &value.site,
                Code::MethodTooLong,
                format!("method `{method}` is {} bytes long and would never match", method.len()),
                format!("a preflight's Access-Control-Request-Method longer than {MAX_METHOD_LEN} bytes is refused as malformed: shorten the method"),
            );
            continue;
        }
        let upper = method.to_ascii_uppercase();
        if WELL_KNOWN.contains(&upper.as_str()) && upper != method {
            let why = if upper == "PATCH" {
                "browsers send PATCH in upper case".to_string()
            } else {
                format!("browsers upper-case `{method}` to `{upper}` before sending it")
            };
            sink.error(
                &value.site,
                Code::MethodCase,
                format!("method `{method}` is spelled in the wrong case and would never match"),
                format!("use \"{upper}\": {why}"),
            );
            continue;
        }
        if list.iter().any(|m| m == method) {
            sink.error(
                &value.site,
                Code::DuplicateMethod,
                format!("method `{method}` is listed twice"),
                "remove the second one",
            );
            continue;
        }
        list.push(method.to_string());
    }
    if let Some(site) = &star {
        if values.len() > 1 {
            sink.error(
                site,
                Code::WildcardNotAlone,
                "`*` allows every method and cannot be combined with other methods",
                "write `methods: *;` alone, or list the methods without `*`",
            );
        }
    }
    if sink.errors() > errors_before {
        return None;
    }
    Some(match star {
        Some(_) => Methods::Any,
        None => Methods::List(list),
    })
}
