//! `origins:`: each string through [`crate::origin`], then the rules that
//! depend on the whole list and on the rest of the policy (credentials,
//! opt-ins, private network, WebSocket origin checks).

use std::collections::HashMap;

use super::Sink;
use crate::codes::Code;
use crate::model::{DangerouslyAllow, OriginList, Origins, WebSocket};
use crate::origin::{parse_origin, CoverIndex, ParsedOrigin};
use crate::reuse::{RValue, Site};
use crate::syntax::ast::Value;

/// The parts of the policy the origin rules depend on.
pub(super) struct Settings {
    pub(super) credentials: bool,
    pub(super) private_network: bool,
    pub(super) websocket: WebSocket,
    pub(super) dangerously_allow: DangerouslyAllow,
}

pub(super) fn origins<'a>(
    values: &[RValue<'a>],
    settings: &Settings,
    sink: &mut Sink<'_>,
) -> Option<Origins> {
    let errors_before = sink.errors();
    let mut star: Option<Site> = None;
    let mut null: Option<Site> = None;
    // Each entry, where it was written, and as written; `seen` holds the
    // canonical text of each (the text of an exact origin in the plan) and
    // its position in `parsed`.
    let mut parsed: Vec<(ParsedOrigin, Site, &'a str)> = Vec::new();
    let mut seen: HashMap<String, usize> = HashMap::with_capacity(values.len());

    for value in values {
        let at = &value.site;
        match value.value {
            Value::Word(w) if w.value == "*" => {
                if star.is_some() {
                    sink.error(
                        at,
                        Code::DuplicateOrigin,
                        "`*` is listed twice in `origins`",
                        "remove the second `*`",
                    );
                }
                star = Some(at.clone());
            }
            Value::Word(w) if w.value == "null" => {
                if null.is_some() {
                    sink.error(
                        at,
                        Code::DuplicateOrigin,
                        "`null` is listed twice in `origins`",
                        "remove the second `null`",
                    );
                    continue;
                }
                null = Some(at.clone());
                if settings.credentials {
                    sink.error(
                        at,
                        Code::NullOriginWithCredentials,
                        "the `null` origin cannot be allowed with `credentials: true`",
                        "every sandboxed iframe, `data:` URL and `file:` page sends `Origin: null`: remove `null`, or turn credentials off",
                    );
                } else if !settings.dangerously_allow.null_origin {
                    sink.error(
                        at,
                        Code::NullOriginWithoutOptIn,
                        "the `null` origin needs an explicit opt-in",
                        "every sandboxed iframe, `data:` URL and `file:` page sends `Origin: null`; if you really mean it, add `dangerously-allow: null-origin;`",
                    );
                }
            }
            Value::Word(w) => {
                sink.error(
                    at,
                    Code::UnquotedOrigin,
                    format!("origins are written as string literals, found `{}`", w.value),
                    format!("write the origin in double quotes, like `\"https://{}\"`; only `*` and `null` are bare keywords", w.value),
                );
            }
            Value::Str(s) => match parse_origin(&s.value) {
                Err(error) => sink.origin_error(at, error),
                Ok(origin) => {
                    // Equal for two entries exactly when they match the same origins.
                    let k = origin.canonical();
                    if let Some(first) = seen.get(&k).map(|&i| parsed[i].1.span) {
                        let message = if s.value == k {
                            format!(
                                "origin \"{}\" is listed twice (first on line {})",
                                s.value, first.line
                            )
                        } else {
                            format!(
                                "origin \"{}\" is listed twice: it is the same as \"{k}\" (first on line {})",
                                s.value.escape_debug(),
                                first.line
                            )
                        };
                        sink.error(at, Code::DuplicateOrigin, message, "remove the second one");
                        continue;
                    }
                    seen.insert(k, parsed.len());
                    parsed.push((origin, at.clone(), s.value.as_str()));
                }
            },
        }
    }

    if let Some(star_site) = &star {
        if values.len() > 1 {
            sink.error(
                star_site,
                Code::WildcardNotAlone,
                "`*` allows every origin and cannot be combined with other origins",
                "write `origins: *;` alone, or list the origins without `*`",
            );
        }
        if settings.credentials {
            sink.error(
                star_site,
                Code::WildcardOriginWithCredentials,
                "`origins: *` cannot be combined with `credentials: true`",
                "\"*\" cannot be combined with credentials: list the origins",
            );
        }
        if settings.private_network {
            sink.error(
                star_site,
                Code::PrivateNetworkWithAnyOrigin,
                "`private-network: true` cannot be combined with `origins: *`",
                "private network access must be granted to named origins: list them",
            );
        }
        if settings.websocket == WebSocket::CheckOrigin {
            sink.error(
                star_site,
                Code::WebSocketWithAnyOrigin,
                "`websocket: check-origin` cannot be combined with `origins: *`: every origin would pass the check",
                "list the origins whose pages may open WebSockets, or remove `websocket: check-origin;`",
            );
        }
    }

    // Entries that another pattern already matches.
    let cover_index = CoverIndex::new(parsed.iter().map(|(origin, ..)| origin));
    for (j, (_, site, written)) in parsed.iter().enumerate() {
        if let Some(i) = cover_index.first_covering(j) {
            sink.error(
                site,
                Code::OriginCovered,
                format!(
                    "origin \"{}\" can never be needed: the pattern \"{}\" already matches it",
                    written.escape_debug(),
                    parsed[i].2.escape_debug()
                ),
                format!("remove \"{}\"", written.escape_debug()),
            );
        }
    }

    if settings.credentials {
        for (origin, site, written) in &parsed {
            if origin.is_insecure() && !settings.dangerously_allow.insecure_origins {
                sink.error(
                    site,
                    Code::InsecureOriginWithCredentials,
                    format!(
                        "origin \"{}\" uses plain `http://` and the policy allows credentials",
                        written.escape_debug()
                    ),
                    "anyone on the network can impersonate an http:// origin: use https://, or add `dangerously-allow: insecure-origins;`",
                );
            }
            if let Some(suffix) = origin.public_suffix_wildcard() {
                if !settings.dangerously_allow.public_suffix_wildcards {
                    sink.error(
                        site,
                        Code::PublicSuffixWildcardWithCredentials,
                        format!(
                            "origin \"{}\" allows every site under the public suffix \"{suffix}\" and the policy allows credentials",
                            written.escape_debug()
                        ),
                        format!("anyone can register a name under \"{suffix}\": list your own domains, or add `dangerously-allow: public-suffix-wildcards;`"),
                    );
                }
            }
        }
    }

    if sink.errors() > errors_before {
        return None;
    }
    if star.is_some() {
        return Some(Origins::Any);
    }
    let mut list = OriginList {
        null: null.is_some(),
        ..OriginList::default()
    };
    let mut canonical = vec![String::new(); parsed.len()];
    for (text, i) in seen {
        canonical[i] = text;
    }
    for ((origin, ..), canonical) in parsed.into_iter().zip(canonical) {
        match origin {
            ParsedOrigin::Exact(_) => list.exact.push(canonical),
            ParsedOrigin::Pattern(p) => list.patterns.push(p),
        }
    }
    Some(Origins::List(list))
}
