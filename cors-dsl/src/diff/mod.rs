//! What a policy change means: every difference between two plans, each
//! shown by a concrete request the two versions treat differently.
//!
//! Needs the Cargo feature `diff` (off by default: the macro does not use it).
//!
//! [`compare`] takes the [`Plan`]s of the old and the new version of a
//! policy (from [`lower::plan`](crate::lower::plan)) and returns a [`Diff`]:
//! a list of [`Change`]s, each with a [`Direction`] (the new version allows
//! or exposes more, less, or something else), an [`Aspect`] (which
//! statement), a one-line summary, and a [`Witness`] request. Every witness
//! is replayed through the real decision core on both plans before it is
//! reported: a difference that cannot be shown is never reported.
//!
//! ```
//! let old = cors_dsl::compile_str("old.cors", r#"policy Api {
//!     origins: "https://app.example.com";
//!     credentials: true;
//!     max-age: 10m;
//! }"#, None).unwrap();
//! let new = cors_dsl::compile_str("new.cors", r#"policy Api {
//!     origins: "https://app.example.com", "https://*.partners.example.org";
//!     credentials: true;
//!     max-age: 600;
//! }"#, None).unwrap();
//! let (old, new) = (cors_dsl::lower::plan(&old.policies[0]), cors_dsl::lower::plan(&new.policies[0]));
//! let diff = cors_dsl::diff::compare(&old, &new).unwrap();
//! assert!(diff.widens());
//! assert_eq!(
//!     diff.to_string(),
//!     "+ allows credentialed requests from https://*.partners.example.org, \
//!      e.g. Origin: https://a.partners.example.org\n"
//! );
//! assert!(cors_dsl::diff::compare(&old, &old).unwrap().is_equivalent());
//! ```
//!
//! # What is compared
//!
//! Two plans are equivalent exactly when no request is treated differently
//! (see [`Witness::distinguishes`] for what "differently" means). So
//! rewrites that keep the meaning are equivalent: the order of any list,
//! `600` vs `10m`, the default methods spelled out (`GET`, `HEAD` and
//! `POST` are always allowed), header names in another case, a Unicode host
//! vs its punycode, a CORS-safelisted response header in `expose-headers`,
//! `preflight-status` under `preflight: forward`, comments and layout.
//!
//! | aspect | how |
//! |---|---|
//! | origins | as sets, exact entries and wildcard patterns alike, without a solver: for each entry of one side, whether the other side allows all its origins, and if not one it refuses (a fresh label such as `a` or `b` in front of a `*.` suffix, a port the other side does not name, no port); one change per such entry |
//! | credentials, methods, request headers, expose headers, max-age, private network, preflight | on an origin both versions allow: one change per name allowed on one side only (`*` is "every other name"), or per changed value |
//! | websocket | `websocket: check-origin` turned on (narrow) or off (widen), witness: a handshake from an origin neither side lists |
//!
//! The non-origin aspects only show on an origin both versions allow: when
//! the two versions allow no origin in common, their origin changes are
//! the whole difference.

mod aspects;
mod names;
mod origins;
mod report;
mod witness;

use cors_core::plan::{OriginsPlan, Plan};
use cors_core::{Interpreted, PlanError};

pub use witness::Witness;

use aspects::{on_common_origin, origin_change, websocket_change};
use origins::Side;

/// Which way a change goes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Direction {
    /// The new version allows or exposes something the old one did not: a
    /// request newly allowed, a header newly exposed, credentials or
    /// private network access newly granted.
    Widen,
    /// The new version no longer allows or exposes something.
    Narrow,
    /// Neither: the preflight cache time (`max-age`) or how successful
    /// preflights are answered (`preflight-status`, `preflight`).
    Change,
}

impl Direction {
    /// The word of `cors diff --json`: `widen`, `narrow` or `change`.
    pub fn as_str(self) -> &'static str {
        match self {
            Direction::Widen => "widen",
            Direction::Narrow => "narrow",
            Direction::Change => "change",
        }
    }

    /// The sign of a report line: `+`, `-` or `~`.
    pub fn sign(self) -> char {
        match self {
            Direction::Widen => '+',
            Direction::Narrow => '-',
            Direction::Change => '~',
        }
    }
}

/// Which part of a policy a change is about.
///
/// | aspect | statements |
/// |---|---|
/// | [`Origins`](Aspect::Origins) | `origins:` |
/// | [`Methods`](Aspect::Methods) | `methods:` |
/// | [`RequestHeaders`](Aspect::RequestHeaders) | `request-headers:` |
/// | [`Credentials`](Aspect::Credentials) | `credentials:` |
/// | [`ExposeHeaders`](Aspect::ExposeHeaders) | `expose-headers:` |
/// | [`MaxAge`](Aspect::MaxAge) | `max-age:` |
/// | [`PrivateNetwork`](Aspect::PrivateNetwork) | `private-network:` |
/// | [`Preflight`](Aspect::Preflight) | `preflight-status:`, `preflight:` |
/// | [`Websocket`](Aspect::Websocket) | `websocket:` (PROTOCOL §9) |
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Aspect {
    /// Which origins are allowed.
    Origins,
    /// Which methods a preflight allows.
    Methods,
    /// Which request headers a preflight allows.
    RequestHeaders,
    /// Whether credentialed requests are allowed.
    Credentials,
    /// Which response headers scripts may read.
    ExposeHeaders,
    /// How long browsers cache a preflight's answer.
    MaxAge,
    /// Whether private network access is granted.
    PrivateNetwork,
    /// How successful preflights are answered (status, or forwarded).
    Preflight,
    /// Whether the Origin of WebSocket handshakes is checked
    /// (`websocket: check-origin`).
    Websocket,
}

impl Aspect {
    /// Every aspect, in report order.
    pub const ALL: [Aspect; 9] = [
        Aspect::Origins,
        Aspect::Methods,
        Aspect::RequestHeaders,
        Aspect::Credentials,
        Aspect::ExposeHeaders,
        Aspect::MaxAge,
        Aspect::PrivateNetwork,
        Aspect::Preflight,
        Aspect::Websocket,
    ];

    /// The name of `cors diff --json`, e.g. `request-headers`.
    ///
    /// ```
    /// use cors_dsl::diff::Aspect;
    /// assert_eq!(Aspect::RequestHeaders.as_str(), "request-headers");
    /// assert_eq!(Aspect::ALL.map(Aspect::as_str).len(), 9);
    /// ```
    pub fn as_str(self) -> &'static str {
        match self {
            Aspect::Origins => "origins",
            Aspect::Methods => "methods",
            Aspect::RequestHeaders => "request-headers",
            Aspect::Credentials => "credentials",
            Aspect::ExposeHeaders => "expose-headers",
            Aspect::MaxAge => "max-age",
            Aspect::PrivateNetwork => "private-network",
            Aspect::Preflight => "preflight",
            Aspect::Websocket => "websocket",
        }
    }
}

/// One difference in meaning, with the request that shows it.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Change {
    /// Which way it goes.
    pub direction: Direction,
    /// Which part of the policy.
    pub aspect: Aspect,
    /// What changes, in one line, e.g. `allows request header x-debug`.
    pub summary: String,
    /// A request the two versions treat differently.
    pub witness: Witness,
}

impl Change {
    fn new(direction: Direction, aspect: Aspect, summary: String, witness: Witness) -> Change {
        Change {
            direction,
            aspect,
            summary,
            witness,
        }
    }
}

/// Every difference in meaning between two versions of a policy.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Diff {
    changes: Vec<Change>,
}

impl Diff {
    /// The changes, origins first, then in the order of [`Aspect::ALL`].
    pub fn changes(&self) -> &[Change] {
        &self.changes
    }

    /// No request is treated differently.
    pub fn is_equivalent(&self) -> bool {
        self.changes.is_empty()
    }

    /// Some change has direction [`Direction::Widen`].
    pub fn widens(&self) -> bool {
        self.changes.iter().any(|c| c.direction == Direction::Widen)
    }
}

/// Compares the old and the new version of a policy.
///
/// # Errors
///
/// [`PlanError`] for a plan no validated policy lowers to (never for the
/// output of [`lower::plan`](crate::lower::plan)).
pub fn compare(old: &Plan, new: &Plan) -> Result<Diff, PlanError> {
    let old = Interpreted::new(old.clone())?;
    let new = Interpreted::new(new.clone())?;
    Ok(between(&old, &new))
}

/// [`compare`] on plans already interpreted (what a run-time policy holds).
///
/// ```
/// use cors_core::plan::{OriginsPlan, Plan};
/// use cors_core::Interpreted;
/// let old = Interpreted::new(Plan::new("A", OriginsPlan::Any)).unwrap();
/// let new = Interpreted::new(Plan::new("A", OriginsPlan::listed(vec!["https://a.example".into()], false, vec![]))).unwrap();
/// let diff = cors_dsl::diff::between(&old, &new);
/// assert!(!diff.widens() && !diff.is_equivalent());
/// ```
pub fn between(old_engine: &Interpreted, new_engine: &Interpreted) -> Diff {
    let (old, new) = (old_engine.plan(), new_engine.plan());
    let mut changes = Vec::new();
    let (old_side, new_side) = (Side::new(old), Side::new(new));
    for change in origins::compare(&old_side, &new_side) {
        changes.push(origin_change(change, old, new));
    }
    if let Some(origin) = origins::common(&old_side, &new_side) {
        on_common_origin(old, new, &origin, &mut changes);
    }
    if old.websocket != new.websocket {
        changes.push(websocket_change(new.websocket));
    }
    Diff {
        changes: confirmed(changes, old_engine, new_engine),
    }
}

/// A policy present in the new version only: one change, widening (it
/// allows requests from its origins where there was no policy).
///
/// # Errors
///
/// As [`compare`].
///
/// ```
/// let compiled = cors_dsl::compile_str("a.cors", r#"policy Admin { origins: "https://admin.example"; }"#, None).unwrap();
/// let diff = cors_dsl::diff::added(&cors_dsl::lower::plan(&compiled.policies[0])).unwrap();
/// assert_eq!(diff.to_string(), "+ policy Admin is new: allows requests from https://admin.example, e.g. Origin: https://admin.example\n");
/// ```
pub fn added(new: &Plan) -> Result<Diff, PlanError> {
    one_side(new, Direction::Widen)
}

/// A policy present in the old version only: one change, narrowing.
///
/// # Errors
///
/// As [`compare`].
pub fn removed(old: &Plan) -> Result<Diff, PlanError> {
    one_side(old, Direction::Narrow)
}

fn one_side(plan: &Plan, direction: Direction) -> Result<Diff, PlanError> {
    let nothing = Plan::new(
        plan.name.clone(),
        OriginsPlan::listed(Vec::new(), false, Vec::new()),
    );
    let side = Side::new(plan);
    let entries: Vec<String> = if side.is_any() {
        vec!["any origin (origins: *)".to_owned()]
    } else {
        side.entries().map(|e| e.text()).collect()
    };
    let witness = if side.is_any() {
        Side::new(&nothing).outside()
    } else {
        side.entries().find_map(origins::representative)
    };
    let Some(witness) = witness else {
        return Ok(Diff::default());
    };
    let from = match entries.as_slice() {
        [one] => one.clone(),
        [first, rest @ ..] => format!("{first} and {} more", rest.len()),
        [] => return Ok(Diff::default()),
    };
    let cred = if plan.credentials {
        "credentialed "
    } else {
        ""
    };
    let summary = match direction {
        Direction::Widen => format!(
            "policy {} is new: allows {cred}requests from {from}",
            plan.name
        ),
        _ => format!(
            "policy {} was removed: no longer allows {cred}requests from {from}",
            plan.name
        ),
    };
    let change = Change::new(direction, Aspect::Origins, summary, Witness::get(&witness));
    let (old, new) = match direction {
        Direction::Widen => (nothing, plan.clone()),
        _ => (plan.clone(), nothing),
    };
    let (old, new) = (Interpreted::new(old)?, Interpreted::new(new)?);
    Ok(Diff {
        changes: confirmed(vec![change], &old, &new),
    })
}

/// The changes whose witness the two engines do answer differently.
fn confirmed(changes: Vec<Change>, old: &Interpreted, new: &Interpreted) -> Vec<Change> {
    changes
        .into_iter()
        .filter(|change| {
            let shown = change.witness.distinguishes(old, new);
            debug_assert!(shown, "unconfirmed witness: {change:?}");
            shown
        })
        .collect()
}

#[cfg(test)]
mod tests;
