//! Runs one request through each of the five adapters — tower, actix-web,
//! Poem, Salvo, Rocket — around the same small application, in process,
//! and reduces each answer to the same raw form. Only the cross-adapter
//! tables (`protocol.rs`, with `adversarial.rs` as a module of it) link
//! this, so the frameworks are linked into one test binary.
//!
//! One file a concept: this one names the adapters and calls one of them;
//! `via_*.rs` run a request through each framework, `compare.rs` checks
//! that they answer alike, `report.rs` prints how many rows each ran.

#![allow(dead_code)]

mod compare;
mod report;
mod via_actix;
mod via_poem;
mod via_rocket;
mod via_salvo;
mod via_tower;

use std::sync::atomic::AtomicUsize;
use std::sync::Arc;

use cors_runtime::tower::CorsLayer;
use cors_runtime::PolicySource;

use crate::support::harness::App;

pub use compare::run;
pub use report::report;
use via_actix::via_actix;
use via_poem::via_poem;
use via_rocket::via_rocket;
use via_salvo::via_salvo;
use via_tower::via_tower;

/// The adapters, in the order the tables run them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Adapter {
    Tower,
    Actix,
    Poem,
    Salvo,
    Rocket,
}

impl Adapter {
    pub const ALL: [Adapter; 5] = [
        Adapter::Tower,
        Adapter::Actix,
        Adapter::Poem,
        Adapter::Salvo,
        Adapter::Rocket,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Adapter::Tower => "tower",
            Adapter::Actix => "actix",
            Adapter::Poem => "poem",
            Adapter::Salvo => "salvo",
            Adapter::Rocket => "rocket",
        }
    }
}

/// A request as the tables write it: method and raw header fields.
pub type Fields = [(&'static str, Vec<u8>)];

/// What came back: status, every header field (lowercase names, in order),
/// how often the application ran, and the body.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Raw {
    pub status: u16,
    pub fields: Vec<(String, Vec<u8>)>,
    pub app_calls: usize,
    pub body: Vec<u8>,
}

/// Whether `adapter` can receive a request with `method` at all: Rocket 0.5
/// knows only the nine standard methods, in upper case (on the wire, it
/// answers any other method before routing or fairings run).
pub fn receives(adapter: Adapter, method: &[u8]) -> bool {
    adapter != Adapter::Rocket
        || [
            &b"GET"[..],
            b"PUT",
            b"POST",
            b"DELETE",
            b"OPTIONS",
            b"HEAD",
            b"PATCH",
            b"TRACE",
            b"CONNECT",
        ]
        .contains(&method)
}

/// Runs `method` with `headers` through `adapter` applying `policy`, around
/// an application answering `app` (its status, headers and [`APP_BODY`]);
/// `None` when the adapter cannot receive the request ([`receives`]).
pub fn call<P: PolicySource>(
    adapter: Adapter,
    policy: P,
    method: &[u8],
    headers: &Fields,
    app: &App,
) -> Option<Raw> {
    if !receives(adapter, method) {
        return None;
    }
    Some(match adapter {
        Adapter::Tower => via_tower(CorsLayer::new(policy), method, headers, app),
        Adapter::Actix => via_actix(cors_runtime::actix::Cors::new(policy), method, headers, app),
        Adapter::Poem => via_poem(cors_runtime::poem::Cors::new(policy), method, headers, app),
        Adapter::Salvo => via_salvo(cors_runtime::salvo::Cors::new(policy), method, headers, app),
        Adapter::Rocket => via_rocket(
            cors_runtime::rocket::Cors::new(policy),
            method,
            headers,
            app,
        ),
    })
}

/// [`call`] with `candidate` as the shadow policy (`with_shadow`, feature
/// `tracing`).
#[cfg(feature = "tracing")]
pub fn call_shadowed<P: PolicySource, C: PolicySource>(
    adapter: Adapter,
    policy: P,
    candidate: C,
    method: &[u8],
    headers: &Fields,
) -> Option<Raw> {
    if !receives(adapter, method) {
        return None;
    }
    let app = &App::ok();
    Some(match adapter {
        Adapter::Tower => via_tower(
            CorsLayer::new(policy).with_shadow(candidate),
            method,
            headers,
            app,
        ),
        Adapter::Actix => via_actix(
            cors_runtime::actix::Cors::new(policy).with_shadow(candidate),
            method,
            headers,
            app,
        ),
        Adapter::Poem => via_poem(
            cors_runtime::poem::Cors::new(policy).with_shadow(candidate),
            method,
            headers,
            app,
        ),
        Adapter::Salvo => via_salvo(
            cors_runtime::salvo::Cors::new(policy).with_shadow(candidate),
            method,
            headers,
            app,
        ),
        Adapter::Rocket => via_rocket(
            cors_runtime::rocket::Cors::new(policy).with_shadow(candidate),
            method,
            headers,
            app,
        ),
    })
}

fn counter() -> (Arc<AtomicUsize>, Arc<AtomicUsize>) {
    let calls = Arc::new(AtomicUsize::new(0));
    (calls.clone(), calls)
}

fn http_fields(headers: &http::HeaderMap) -> Vec<(String, Vec<u8>)> {
    headers
        .iter()
        .map(|(name, value)| (name.as_str().to_owned(), value.as_bytes().to_vec()))
        .collect()
}
