//! Applies CORS policies compiled by [`cors_policy!`] to HTTP requests and responses.

pub use cors_macros::cors_policy;

pub mod origin;
pub mod policy;
pub mod value;

pub use policy::{
    MethodRule, OriginMatch, OriginRule, Policy, PolicyConfig, PreflightMode, PreflightStatus,
    RequestHeaderRule,
};
pub use value::ConstValue;
