//! One-value statements (`credentials`, `private-network`, `max-age`,
//! `preflight-status`, `preflight`, `websocket`) and the `dangerously-allow` opt-ins.

use super::{quoted_value, Sink};
use crate::codes::Code;
use crate::model::{DangerouslyAllow, PreflightMode, WebSocket};
use crate::reuse::{RStatement, RValue};
use crate::suggest::closest_within;
use crate::syntax::statements::ValueKind;

/// The largest `max-age` any browser honours (Firefox's cap), in seconds.
pub(crate) const MAX_AGE_LIMIT: u32 = 86_400;

/// The bare word of a one-value statement, reporting a quoted value.
fn word<'v>(value: &'v RValue<'_>, sink: &mut Sink<'_>, what: ValueKind) -> Option<&'v str> {
    let word = value.word();
    if word.is_none() {
        quoted_value(sink, value, what);
    }
    word
}

/// `true` / `false`.
pub(super) fn boolean(
    statement: &RStatement<'_>,
    value: &RValue<'_>,
    sink: &mut Sink<'_>,
) -> Option<bool> {
    let w = word(value, sink, ValueKind::Boolean)?;
    match w {
        "true" => Some(true),
        "false" => Some(false),
        other => {
            sink.error(
                &value.site,
                Code::InvalidBoolean,
                format!(
                    "`{}` must be `true` or `false`, found `{other}`",
                    statement.name.value
                ),
                "write `true` or `false`",
            );
            None
        }
    }
}

/// Seconds, or a number with `s`, `m` or `h`.
pub(super) fn max_age(value: &RValue<'_>, sink: &mut Sink<'_>) -> Option<u32> {
    let w = word(value, sink, ValueKind::Duration)?;
    if let Some(rest) = w.strip_prefix('-') {
        if rest.starts_with(|c: char| c.is_ascii_digit()) {
            sink.error(
                &value.site,
                Code::MaxAgeNegative,
                format!("`max-age` cannot be negative, found `{w}`"),
                "write `0` to stop browsers from caching the preflight, or a positive duration",
            );
            return None;
        }
    }
    let digits_end = w.find(|c: char| !c.is_ascii_digit()).unwrap_or(w.len());
    let (digits, unit) = w.split_at(digits_end);
    let multiplier: u64 = match unit {
        "" | "s" => 1,
        "m" => 60,
        "h" => 3600,
        _ => 0,
    };
    if digits.is_empty() || multiplier == 0 {
        sink.error(
            &value.site,
            Code::InvalidDuration,
            format!("`{w}` is not a duration"),
            "write seconds such as `600`, or a number with `s`, `m` or `h`: `30s`, `10m`, `2h`",
        );
        return None;
    }
    let seconds = digits
        .parse::<u64>()
        .ok()
        .and_then(|n| n.checked_mul(multiplier))
        .filter(|&n| n <= u64::from(MAX_AGE_LIMIT));
    match seconds.and_then(|n| u32::try_from(n).ok()) {
        Some(n) => Some(n),
        None => {
            sink.error(
                &value.site,
                Code::MaxAgeTooLarge,
                format!(
                    "`max-age: {w}` is above 86400 seconds (24h), the most any browser honours"
                ),
                "use at most `24h`; browsers cap it further (Chromium at 7200 s, WebKit at 600 s)",
            );
            None
        }
    }
}

/// `200` or `204`.
pub(super) fn preflight_status(value: &RValue<'_>, sink: &mut Sink<'_>) -> Option<u16> {
    let w = word(value, sink, ValueKind::Status)?;
    match w {
        "200" => Some(200),
        "204" => Some(204),
        other => {
            sink.error(
                &value.site,
                Code::InvalidPreflightStatus,
                format!("`preflight-status` must be `200` or `204`, found `{other}`"),
                "write `204` (the default) or `200` for old clients that expect it",
            );
            None
        }
    }
}

/// `respond` or `forward`.
pub(super) fn preflight_mode(value: &RValue<'_>, sink: &mut Sink<'_>) -> Option<PreflightMode> {
    let w = word(value, sink, ValueKind::PreflightMode)?;
    match w {
        "respond" => Some(PreflightMode::Respond),
        "forward" => Some(PreflightMode::Forward),
        other => {
            sink.error(
                &value.site,
                Code::InvalidPreflightMode,
                format!("`preflight` must be `respond` or `forward`, found `{other}`"),
                "write `respond` (the middleware answers preflights) or `forward` (the application does)",
            );
            None
        }
    }
}

/// `check-origin`.
pub(super) fn websocket(value: &RValue<'_>, sink: &mut Sink<'_>) -> Option<WebSocket> {
    let w = word(value, sink, ValueKind::WebSocketMode)?;
    match w {
        "check-origin" => Some(WebSocket::CheckOrigin),
        other => {
            sink.error(
                &value.site,
                Code::InvalidWebSocketMode,
                format!("`websocket` must be `check-origin`, found `{other}`"),
                "write `websocket: check-origin;` to refuse handshakes from origins the policy does not allow, or leave the statement out",
            );
            None
        }
    }
}

const OPT_INS: [&str; 3] = ["null-origin", "insecure-origins", "public-suffix-wildcards"];

/// `null-origin`, `insecure-origins`, `public-suffix-wildcards`.
pub(super) fn dangerously_allow(values: &[RValue<'_>], sink: &mut Sink<'_>) -> DangerouslyAllow {
    let mut allow = DangerouslyAllow::default();
    let mut seen: Vec<&str> = Vec::new();
    for value in values {
        let Some(w) = value.word() else {
            quoted_value(sink, value, ValueKind::OptIns);
            continue;
        };
        let flag = match w {
            "null-origin" => &mut allow.null_origin,
            "insecure-origins" => &mut allow.insecure_origins,
            "public-suffix-wildcards" => &mut allow.public_suffix_wildcards,
            other => {
                let lower = other.to_ascii_lowercase().replace('_', "-");
                let best = closest_within(&lower, OPT_INS, 3);
                let hint = match best {
                    Some(name) => format!("did you mean `{name}`?"),
                    None => "the opt-ins are `null-origin`, `insecure-origins` and `public-suffix-wildcards`".into(),
                };
                sink.error(
                    &value.site,
                    Code::UnknownOptIn,
                    format!("unknown `dangerously-allow` opt-in `{other}`"),
                    hint,
                );
                continue;
            }
        };
        if seen.contains(&w) {
            sink.error(
                &value.site,
                Code::DuplicateOptIn,
                format!("`{w}` is listed twice in `dangerously-allow`"),
                "remove the second one",
            );
            continue;
        }
        seen.push(w);
        *flag = true;
    }
    allow
}
