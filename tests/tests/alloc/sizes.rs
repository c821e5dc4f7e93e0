//! What the adapters keep across the application stays small: the inner
//! future and a `Deferred` (the allowed origin, the exposed headers, two
//! flags), never the whole decision. Every byte of the future is moved
//! when the framework moves it, on every request.

use std::convert::Infallible;
use std::future::Ready;
use std::mem::size_of;

use cors_runtime::{Decision, Deferred};
use http::HeaderValue;

/// An inner future shaped like a ready axum / hyper response.
type TowerInner = Ready<Result<http::Response<()>, Infallible>>;
/// An inner future of actix-web.
type ActixInner = Ready<Result<actix_web::dev::ServiceResponse, actix_web::Error>>;

#[test]
fn a_deferred_answer_is_two_values_and_two_flags() {
    let deferred = size_of::<Deferred<HeaderValue>>();
    let value = size_of::<Option<HeaderValue>>();
    assert!(
        deferred <= 2 * value + 8,
        "Deferred is {deferred} bytes; two optional values are {}",
        2 * value
    );
    let decision = size_of::<Decision<'static, HeaderValue>>();
    assert!(
        2 * deferred < decision,
        "Deferred ({deferred} bytes) is no longer much smaller than a Decision ({decision})"
    );
}

#[test]
fn the_adapters_futures_add_only_the_deferred_answer() {
    let deferred = size_of::<Deferred<HeaderValue>>();
    let tower = size_of::<cors_runtime::tower::ResponseFuture<TowerInner, ()>>();
    let inner = size_of::<TowerInner>();
    assert!(
        tower <= inner + deferred + 8,
        "tower future: {tower} bytes for an inner future of {inner} and a Deferred of {deferred}"
    );
    let actix = size_of::<cors_runtime::actix::CorsFuture<ActixInner, actix_web::body::BoxBody>>();
    let inner = size_of::<ActixInner>();
    assert!(
        actix <= inner + deferred + 8,
        "actix-web future: {actix} bytes for an inner future of {inner} and a Deferred of {deferred}"
    );
}
