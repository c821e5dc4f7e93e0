//! The example's CORS policy, compiled at build time from
//! `examples/policies/api.cors` (editing the file rebuilds the crate).
//!
//! ```
//! use cors_examples::policy::Api;
//! use cors_runtime::{OriginMatch, Policy};
//!
//! assert!(matches!(Api.match_origin(b"http://localhost:3000"), OriginMatch::Echo));
//! assert!(matches!(Api.match_origin(b"http://127.0.0.1:3000"), OriginMatch::Refused));
//! assert!(Api.allows_method(b"PATCH") && !Api.allows_method(b"patch"));
//! ```

cors_runtime::cors_policy! { include "policies/api.cors"; }

/// The text of `policies/api.cors`, shown on the demo page.
pub const API_POLICY_TEXT: &str = include_str!("../policies/api.cors");
