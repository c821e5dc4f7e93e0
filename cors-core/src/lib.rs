//! The CORS decision core of cors-dsl: the one piece of code that decides
//! every request, shared by the server (`cors-runtime`) and the build side
//! (`cors_policy!`, policy tests, `cors explain`, `cors diff`).
//!
//! It depends on `http` only: it neither parses policy text (that is
//! `cors-dsl`) nor knows any framework (the adapters are in
//! `cors-runtime`). What it holds, each once:
//!
//! | module | what |
//! |---|---|
//! | [`grammar`] | facts of the origin and header grammar (default ports, label and token bytes, length limits, safelisted methods) |
//! | [`plan`] | the plan: plain data of one policy, the single output of lowering |
//! | [`Interpreted`] | a plan held as data and matched (the run-time engine) |
//! | [`WildcardPattern`], [`index`] | the wildcard origin matcher both engines call, and the hash index of long origin lists (patterns and exact origins) |
//! | [`acrh`] | the bounded, single-pass `Access-Control-Request-Headers` scanner |
//! | [`decide`], [`Decision`] | classification, the checks in order, and writing the headers |
//! | [`Refusal`] | why a request was refused, in the words `cors explain` prints |
//!
//! # Deciding one request
//!
//! [`decide`] reads the request's method and headers, [`Decision::outcome`]
//! tells whether to call the application, and [`Decision::apply_to`] (or the
//! generic [`Decision::apply`]) writes the headers into the response:
//!
//! ```
//! use cors_core::plan::{MethodsPlan, OriginsPlan, Plan};
//! use cors_core::{decide, Interpreted, Outcome};
//!
//! let mut plan = Plan::new("Api", OriginsPlan::listed(vec!["https://app.example".into()], false, vec![]));
//! plan.methods = MethodsPlan::Listed(vec!["PUT".into()]);
//! let api = Interpreted::new(plan)?;
//!
//! let mut request = http::HeaderMap::new();
//! request.insert("origin", "https://app.example".parse().unwrap());
//! request.insert("access-control-request-method", "PUT".parse().unwrap());
//! let decision = decide(&api, &http::Method::OPTIONS, &request);
//! assert_eq!(decision.outcome(), Outcome::Respond(http::StatusCode::NO_CONTENT));
//! let answer: http::Response<()> = decision.preflight_response().unwrap();
//! assert_eq!(answer.headers()["access-control-allow-methods"], "PUT");
//! # Ok::<(), cors_core::PlanError>(())
//! ```
//!
//! Frameworks with their own header types implement [`RequestView`],
//! [`ResponseHeaders`] and [`HeaderValueLike`] and call [`decide_with`].

#![warn(missing_docs)]

pub mod acrh;
mod decision;
pub mod grammar;
mod headers;
pub mod index;
mod interpreted;
pub mod plan;
mod policy;
mod reason;
mod value;
mod wildcard;

pub use decision::{
    decide, decide_with, is_websocket_handshake, Decision, Deferred, Outcome, RequestKind,
};
pub use headers::{
    CorsHeader, HeaderValueLike, HttpRequestView, Present, RequestView, ResponseHeaders,
};
pub use interpreted::Interpreted;
pub use plan::{PreflightMode, PreflightStatus, WebSocketMode};
pub use policy::{
    MethodRule, OriginMatch, OriginRule, PlanError, Policy, PolicyConfig, RequestHeaderRule,
};
pub use reason::Refusal;
pub use value::{ConstValue, InvalidValue};
pub use wildcard::{WildcardHost, WildcardPattern, WildcardPort};
