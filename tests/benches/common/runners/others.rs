//! The other implementations, configured with the same policy as `ours`:
//! the same file parsed at run time (`DynamicPolicy`), tower-http and
//! actix-cors.

use std::time::Duration;

use http::{HeaderName, HeaderValue, Method};

use crate::common::cases::Variant;
use crate::common::generated::{ORIGINS_1000, ORIGINS_22};
use crate::common::wildcard_matches;

/// The same policy as `ours`, parsed at run time from the same file.
pub fn dynamic_policy(variant: Variant) -> cors_runtime::dynamic::DynamicPolicy {
    let (file, name) = match variant {
        Variant::O22 => ("origins22.cors", "Origins22"),
        Variant::O1000 => ("origins1000.cors", "Origins1000"),
        Variant::Wildcard => ("wildcard.cors", "Wildcard"),
    };
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("bench")
        .join(file);
    cors_runtime::dynamic::DynamicPolicy::from_file(path, name)
        .unwrap_or_else(|error| panic!("bench policy {file}: {error}"))
}

/// tower-http configured with the same policy.
pub fn tower_http_layer(variant: Variant) -> tower_http::cors::CorsLayer {
    use tower_http::cors::{AllowOrigin, CorsLayer};
    let origins = match variant {
        Variant::O22 => AllowOrigin::list(ORIGINS_22.iter().map(|o| HeaderValue::from_static(o))),
        Variant::O1000 => {
            AllowOrigin::list(ORIGINS_1000.iter().map(|o| HeaderValue::from_static(o)))
        }
        Variant::Wildcard => {
            AllowOrigin::predicate(|origin, _| wildcard_matches(origin.as_bytes()))
        }
    };
    CorsLayer::new()
        .allow_origin(origins)
        .allow_methods([Method::GET, Method::POST, Method::PUT, Method::DELETE])
        .allow_headers([
            HeaderName::from_static("content-type"),
            HeaderName::from_static("x-api-key"),
            HeaderName::from_static("x-request-id"),
        ])
        .allow_credentials(true)
        .max_age(Duration::from_secs(600))
}

/// actix-cors configured with the same policy.
pub fn actix_cors_for(variant: Variant) -> actix_cors::Cors {
    let mut cors = actix_cors::Cors::default();
    match variant {
        Variant::O22 => {
            for origin in ORIGINS_22 {
                cors = cors.allowed_origin(origin);
            }
        }
        Variant::O1000 => {
            for origin in ORIGINS_1000 {
                cors = cors.allowed_origin(origin);
            }
        }
        Variant::Wildcard => {
            cors = cors.allowed_origin_fn(|origin, _| wildcard_matches(origin.as_bytes()));
        }
    }
    cors.allowed_methods(["GET", "POST", "PUT", "DELETE"])
        .allowed_headers(["content-type", "x-api-key", "x-request-id"])
        .supports_credentials()
        .max_age(600)
}
