//! Paths used by code that `cors_policy!` generates. Not a public API: names
//! here may change in any release.

pub use crate::__header_list as header_list;
pub use crate::origin::{WildcardHost, WildcardPattern, WildcardPort};
pub use crate::policy::{
    MethodRule, OriginMatch, OriginRule, Policy, PolicyConfig, PreflightMode, PreflightStatus,
    RequestHeaderRule,
};
pub use crate::rules::{
    expose_headers_value, header_list_len, origin_max_len, preflight_status, request_header_rule,
    write_header_list, EXPOSE_ANY,
};
pub use crate::value::ConstValue;
