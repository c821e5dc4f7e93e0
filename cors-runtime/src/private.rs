//! Paths used by code that `cors_policy!` generates. Not a public API: names
//! here may change in any release.

pub use crate::origin::{WildcardHost, WildcardPattern, WildcardPort};
pub use crate::policy::{
    MethodRule, OriginMatch, OriginRule, Policy, PolicyConfig, PreflightMode, PreflightStatus,
    RequestHeaderRule,
};
pub use crate::value::ConstValue;

/// The longest `Origin` value a policy could allow: the longest exact entry
/// (`exact`) or the longest origin any of the wildcard `patterns` matches.
pub const fn max_origin_len(exact: usize, patterns: &[&WildcardPattern<'_>]) -> usize {
    let mut max = exact;
    let mut i = 0;
    while i < patterns.len() {
        let len = patterns[i].max_len();
        if len > max {
            max = len;
        }
        i += 1;
    }
    max
}
