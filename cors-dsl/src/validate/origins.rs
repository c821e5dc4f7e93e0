//! `origins:`: each string through [`crate::origin`], then the rules that
//! depend on the whole list and on the rest of the policy (credentials,
//! opt-ins, private network).

use std::collections::HashMap;

use super::Sink;
use crate::codes::Code;
use crate::model::{DangerouslyAllow, OriginList, Origins};
use crate::origin::{covers, parse_origin, ParsedOrigin};
use crate::span::Span;
use crate::syntax::ast::Value;

/// The parts of the policy the origin rules depend on.
pub(super) struct Settings {
    pub(super) credentials: bool,
    pub(super) private_network: bool,
    pub(super) dangerously_allow: DangerouslyAllow,
}

pub(super) fn origins(
    values: &[Value],
    settings: &Settings,
    sink: &mut Sink<'_>,
) -> Option<Origins> {
    let errors_before = sink.errors;
    let mut star: Option<Span> = None;
    let mut null: Option<Span> = None;
    let mut parsed: Vec<(ParsedOrigin, Span, String)> = Vec::new();
    let mut seen: HashMap<String, (Span, String)> = HashMap::new();

    for value in values {
        match value {
            Value::Word(w) if w.value == "*" => {
                if star.is_some() {
                    sink.error(
                        w.span,
                        Code::DuplicateOrigin,
                        "`*` is listed twice in `origins`",
                        "remove the second `*`",
                    );
                }
                star = Some(w.span);
            }
            Value::Word(w) if w.value == "null" => {
                if null.is_some() {
                    sink.error(
                        w.span,
                        Code::DuplicateOrigin,
                        "`null` is listed twice in `origins`",
                        "remove the second `null`",
                    );
                    continue;
                }
                null = Some(w.span);
                if settings.credentials {
                    sink.error(
                        w.span,
                        Code::NullOriginWithCredentials,
                        "the `null` origin cannot be allowed with `credentials: true`",
                        "every sandboxed iframe, `data:` URL and `file:` page sends `Origin: null`: remove `null`, or turn credentials off",
                    );
                } else if !settings.dangerously_allow.null_origin {
                    sink.error(
                        w.span,
                        Code::NullOriginWithoutOptIn,
                        "the `null` origin needs an explicit opt-in",
                        "every sandboxed iframe, `data:` URL and `file:` page sends `Origin: null`; if you really mean it, add `dangerously-allow: null-origin;`",
                    );
                }
            }
            Value::Word(w) => {
                sink.error(
                    w.span,
                    Code::UnquotedOrigin,
                    format!("origins are written as string literals, found `{}`", w.value),
                    format!("write the origin in double quotes, like `\"https://{}\"`; only `*` and `null` are bare keywords", w.value),
                );
            }
            Value::Str(s) => match parse_origin(&s.value) {
                Err(error) => sink.origin_error(s.span, error),
                Ok(origin) => {
                    // Equal for two entries exactly when they match the same origins.
                    let k = origin.to_string();
                    if let Some((first, _)) = seen.get(&k) {
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
                        sink.error(
                            s.span,
                            Code::DuplicateOrigin,
                            message,
                            "remove the second one",
                        );
                        continue;
                    }
                    seen.insert(k.clone(), (s.span, s.value.clone()));
                    parsed.push((origin, s.span, s.value.clone()));
                }
            },
        }
    }

    if let Some(star_span) = star {
        if values.len() > 1 {
            sink.error(
                star_span,
                Code::WildcardNotAlone,
                "`*` allows every origin and cannot be combined with other origins",
                "write `origins: *;` alone, or list the origins without `*`",
            );
        }
        if settings.credentials {
            sink.error(
                star_span,
                Code::WildcardOriginWithCredentials,
                "`origins: *` cannot be combined with `credentials: true`",
                "\"*\" cannot be combined with credentials: list the origins",
            );
        }
        if settings.private_network {
            sink.error(
                star_span,
                Code::PrivateNetworkWithAnyOrigin,
                "`private-network: true` cannot be combined with `origins: *`",
                "private network access must be granted to named origins: list them",
            );
        }
    }

    // Entries that another pattern already matches.
    let patterns: Vec<usize> = (0..parsed.len())
        .filter(|&i| parsed[i].0.is_wildcard())
        .collect();
    for (j, (specific, span, written)) in parsed.iter().enumerate() {
        if let Some(&i) = patterns
            .iter()
            .find(|&&i| i != j && covers(&parsed[i].0, specific))
        {
            sink.error(
                *span,
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
        for (origin, span, written) in &parsed {
            if origin.is_insecure() && !settings.dangerously_allow.insecure_origins {
                sink.error(
                    *span,
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
                        *span,
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

    if sink.errors > errors_before {
        return None;
    }
    if star.is_some() {
        return Some(Origins::Any);
    }
    let mut list = OriginList {
        null: null.is_some(),
        ..OriginList::default()
    };
    for (origin, _, _) in parsed {
        match origin {
            ParsedOrigin::Exact(e) => list.exact.push(e.to_string()),
            ParsedOrigin::Pattern(p) => list.patterns.push(p),
        }
    }
    Some(Origins::List(list))
}
