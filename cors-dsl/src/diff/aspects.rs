//! One [`Change`] per aspect: what a difference is called, its direction,
//! and the witness request that shows it (confirmed later by
//! [`between`](super::between) through the decision core).

use cors_core::plan::Plan;
use cors_core::{PreflightMode, PreflightStatus, WebSocketMode};

use super::names::{self, Kind, NameChange, Names};
use super::origins::OriginChange;
use super::witness::{Witness, REQUEST_HEADERS, REQUEST_PRIVATE_NETWORK};
use super::{Aspect, Change, Direction};

pub(super) fn origin_change(change: OriginChange, old: &Plan, new: &Plan) -> Change {
    let (direction, summary, witness) = match change {
        OriginChange::Any {
            widen: true,
            witness,
        } => (
            Direction::Widen,
            "allows requests from any origin (origins: *)".to_owned(),
            witness,
        ),
        OriginChange::Any {
            widen: false,
            witness,
        } => (
            Direction::Narrow,
            "no longer allows requests from any origin (origins: *)".to_owned(),
            witness,
        ),
        OriginChange::Entry {
            widen,
            entry,
            partly,
            witness,
        } => {
            let plan = if widen { new } else { old };
            let cred = if plan.credentials {
                "credentialed "
            } else {
                ""
            };
            let summary = match (widen, partly) {
                (true, false) => format!("allows {cred}requests from {entry}"),
                (true, true) => format!("allows {cred}requests from more origins of {entry}"),
                (false, false) => format!("no longer allows {cred}requests from {entry}"),
                (false, true) => {
                    format!("no longer allows {cred}requests from every origin of {entry}")
                }
            };
            let direction = if widen {
                Direction::Widen
            } else {
                Direction::Narrow
            };
            (direction, summary, witness)
        }
    };
    Change::new(direction, Aspect::Origins, summary, Witness::get(&witness))
}

/// The changes that show on `origin`, which both versions allow.
pub(super) fn on_common_origin(old: &Plan, new: &Plan, origin: &str, changes: &mut Vec<Change>) {
    let get = Witness::get(origin);
    let methods = (Names::methods(old), Names::methods(new));
    let headers = (Names::request_headers(old), Names::request_headers(new));
    // The preflight the other witnesses build on: for a method both allow
    // (or GET), with a request header both allow when no such method.
    let method = names::common(&methods.0, &methods.1, "PUT");
    let mut preflight = Witness::preflight(origin, method.unwrap_or("GET"));
    if method.is_none() {
        if let Some(name) = names::common(&headers.0, &headers.1, "x-custom-header") {
            preflight = preflight.with_header(REQUEST_HEADERS, name);
        }
    }

    for change in names::compare(&methods.0, &methods.1, Kind::Methods) {
        let summary = name_summary(&change, "method", "every method (methods: *)");
        let witness = Witness::preflight(origin, &change.name);
        changes.push(Change::new(
            direction(change.widen),
            Aspect::Methods,
            summary,
            witness,
        ));
    }
    let base = Witness::preflight(origin, method.unwrap_or("GET"));
    for change in names::compare(&headers.0, &headers.1, Kind::RequestHeaders) {
        let every = if headers.0.is_any() || headers.1.is_any() {
            "any request header (request-headers: *)"
        } else {
            "any request header"
        };
        let summary = name_summary(&change, "request header", every);
        let witness = base.clone().with_header(REQUEST_HEADERS, &change.name);
        changes.push(Change::new(
            direction(change.widen),
            Aspect::RequestHeaders,
            summary,
            witness,
        ));
    }
    if old.credentials != new.credentials {
        let summary = if new.credentials {
            "allows credentialed requests (credentials: true)"
        } else {
            "no longer allows credentialed requests (credentials: false)"
        };
        changes.push(Change::new(
            direction(new.credentials),
            Aspect::Credentials,
            summary.to_owned(),
            get.clone(),
        ));
    }
    let expose = (Names::expose_headers(old), Names::expose_headers(new));
    for change in names::compare(&expose.0, &expose.1, Kind::ExposeHeaders) {
        let summary = match (change.fresh, change.widen) {
            (false, true) => format!("exposes response header {} to scripts", change.name),
            (false, false) => format!("no longer exposes response header {}", change.name),
            (true, true) => "exposes every response header to scripts (expose-headers: *)".into(),
            (true, false) => "no longer exposes every response header (expose-headers: *)".into(),
        };
        changes.push(Change::new(
            direction(change.widen),
            Aspect::ExposeHeaders,
            summary,
            get.clone(),
        ));
    }
    if old.max_age != new.max_age {
        let seconds = |max_age: &Option<String>| match max_age {
            Some(seconds) => format!("{seconds} s"),
            None => "not sent (browser default: 5 s)".to_owned(),
        };
        let summary = format!(
            "max-age changes from {} to {}",
            seconds(&old.max_age),
            seconds(&new.max_age)
        );
        changes.push(Change::new(
            Direction::Change,
            Aspect::MaxAge,
            summary,
            preflight.clone(),
        ));
    }
    if old.private_network != new.private_network {
        let summary = if new.private_network {
            "grants private network access (private-network: true)"
        } else {
            "no longer grants private network access (private-network: false)"
        };
        let witness = preflight
            .clone()
            .with_header(REQUEST_PRIVATE_NETWORK, "true");
        changes.push(Change::new(
            direction(new.private_network),
            Aspect::PrivateNetwork,
            summary.to_owned(),
            witness,
        ));
    }
    if let Some(summary) = preflight_change(old, new) {
        changes.push(Change::new(
            Direction::Change,
            Aspect::Preflight,
            summary,
            preflight,
        ));
    }
}

/// How successful preflights are answered, if that changes.
fn preflight_change(old: &Plan, new: &Plan) -> Option<String> {
    let status = |plan: &Plan| match plan.preflight_status {
        PreflightStatus::Ok => 200,
        PreflightStatus::NoContent => 204,
    };
    match (old.preflight, new.preflight) {
        (PreflightMode::Respond, PreflightMode::Forward) => Some(format!(
            "successful preflights are passed on to the application (preflight: forward) \
             instead of answered {}",
            status(old)
        )),
        (PreflightMode::Forward, PreflightMode::Respond) => Some(format!(
            "successful preflights are answered {} by the middleware (preflight: respond) \
             instead of passed on to the application",
            status(new)
        )),
        (PreflightMode::Respond, PreflightMode::Respond) if status(old) != status(new) => {
            Some(format!(
                "successful preflights are answered {} instead of {}",
                status(new),
                status(old)
            ))
        }
        _ => None,
    }
}

/// The origin of the WebSocket witness: a host under `.invalid` (RFC 2606),
/// which no policy that checks handshakes lists (if one did, the change
/// would not be confirmed, and so not reported).
const WEBSOCKET_WITNESS_ORIGIN: &str = "https://websocket-witness.invalid";

/// `websocket:` turned on or off: handshakes from origins the policy does
/// not allow are refused (narrow) or passed to the application (widen).
pub(super) fn websocket_change(new: WebSocketMode) -> Change {
    let (widen, summary) = match new {
        WebSocketMode::CheckOrigin => (
            false,
            "refuses WebSocket handshakes from origins it does not allow (websocket: check-origin)",
        ),
        _ => (
            true,
            "no longer checks the Origin of WebSocket handshakes: any page can open a socket",
        ),
    };
    let witness = Witness::get(WEBSOCKET_WITNESS_ORIGIN).with_header("upgrade", "websocket");
    Change::new(
        direction(widen),
        Aspect::Websocket,
        summary.to_owned(),
        witness,
    )
}

fn direction(widen: bool) -> Direction {
    if widen {
        Direction::Widen
    } else {
        Direction::Narrow
    }
}

fn name_summary(change: &NameChange, what: &str, every: &str) -> String {
    match (change.fresh, change.widen) {
        (false, true) => format!("allows {what} {}", change.name),
        (false, false) => format!("no longer allows {what} {}", change.name),
        (true, true) => format!("allows {every}"),
        (true, false) => format!("no longer allows {every}"),
    }
}
