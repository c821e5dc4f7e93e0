//! Decisions through the interpreted engine: the refusal reason of every
//! kind of refused request and the first refused header name
//! (`reasons.rs`), WebSocket handshakes (`websocket.rs`), what `apply`
//! writes (`write.rs`), and what a `Deferred` writes (`deferred.rs`).

mod deferred;
mod reasons;
mod websocket;
mod write;

use crate::plan::{MethodsPlan, OriginsPlan, Plan, RequestHeadersPlan};
use crate::Interpreted;

pub(super) fn api() -> Interpreted {
    let mut plan = Plan::new(
        "Api",
        OriginsPlan::listed(vec!["https://app.example".into()], false, vec![]),
    );
    plan.methods = MethodsPlan::Listed(vec!["PUT".into()]);
    plan.request_headers = RequestHeadersPlan::listed(vec!["content-type".into(), "x-a".into()]);
    Interpreted::new(plan).unwrap()
}

pub(super) fn any_method() -> Interpreted {
    let mut plan = Plan::new(
        "Any",
        OriginsPlan::listed(vec!["https://app.example".into()], false, vec![]),
    );
    plan.methods = MethodsPlan::Any;
    plan.request_headers = RequestHeadersPlan::Any {
        authorization: false,
    };
    Interpreted::new(plan).unwrap()
}

pub(super) fn no_headers() -> Interpreted {
    Interpreted::new(Plan::new(
        "NoHeaders",
        OriginsPlan::listed(vec!["https://app.example".into()], false, vec![]),
    ))
    .unwrap()
}

pub(super) fn headers(fields: &[(&str, &str)]) -> http::HeaderMap {
    let mut map = http::HeaderMap::new();
    for (name, value) in fields {
        map.append(
            http::HeaderName::from_bytes(name.as_bytes()).unwrap(),
            http::HeaderValue::from_str(value).unwrap(),
        );
    }
    map
}

pub(super) const APP: (&str, &str) = ("origin", "https://app.example");
