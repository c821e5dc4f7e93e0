//! Paths used by code that `cors_policy!` generates. Not a public API: names
//! here may change in any release.

pub use cors_core::index::{find_exact, matches_any};
pub use cors_core::{
    ConstValue, MethodRule, OriginMatch, OriginRule, Policy, PolicyConfig, PreflightMode,
    PreflightStatus, RequestHeaderRule, WebSocketMode, WildcardHost, WildcardPattern, WildcardPort,
};
