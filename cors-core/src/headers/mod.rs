//! The small traits that make the decision core framework-neutral, and their
//! implementations for `http` 1.x types.
//!
//! A framework is wired in by implementing three traits over its own types:
//! [`HeaderValueLike`] (its header value type), [`RequestView`] (read the
//! method and the CORS request headers) and [`ResponseHeaders`] (set, append
//! and remove response headers). All three are implemented here for `http`
//! 1.x (tower, axum, hyper, tonic); [`HeaderValueLike`] also for `http` 0.2
//! values with the feature `http02` (actix-web).

#[cfg(feature = "http02")]
mod http02;
mod http1;
mod name;
mod present;
mod view;

pub use http1::HttpRequestView;
pub use name::CorsHeader;
pub use present::Present;
pub use view::{HeaderValueLike, RequestView, ResponseHeaders};
