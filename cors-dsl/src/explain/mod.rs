//! Why the decision core allows or refuses a request, in words: one
//! definition for `cors explain` and for policy tests (`test` blocks), so
//! both give the same reason and hint.
//!
//! The verdict always comes from the decision core ([`cors_core::decide`]
//! on the policy's plan, [`Interpreted`]); this module only says *why*:
//!
//! | check | allowed | refused |
//! |---|---|---|
//! | origin | [`allowed_origin`] | [`refused_origin`] (with a [`near_miss`]: the closest entry and what differs) |
//! | method | [`allowed_method`] | [`refused_method`] (e.g. a method in the wrong case) |
//! | request headers | [`allowed_request_headers`] | [`refused_request_headers`] |
//!
//! [`refused`] picks the failing check of a refused request from the core's
//! [`Refusal`] and explains it.
//!
//! ```
//! use cors_dsl::explain::{refused, Why};
//!
//! let compiled = cors_dsl::compile_str("api.cors", r#"policy Api {
//!     origins: "https://app.example.com"; methods: PATCH;
//! }"#, None).unwrap();
//! let policy = cors_core::Interpreted::new(cors_dsl::lower::plan(&compiled.policies[0])).unwrap();
//!
//! let mut request = http::HeaderMap::new();
//! request.insert("origin", "https://App.example.com".parse().unwrap());
//! let decision = cors_core::decide(&policy, &http::Method::GET, &request);
//! let why = refused(&policy, &http::Method::GET, &request, decision.refusal().unwrap());
//! assert_eq!(why.check(), cors_core::Refusal::Origin);
//! assert_eq!(why.reason(), "closest entry \"https://app.example.com\" is lowercase");
//!
//! request.insert("origin", "https://app.example.com".parse().unwrap());
//! request.insert("access-control-request-method", "patch".parse().unwrap());
//! let decision = cors_core::decide(&policy, &http::Method::OPTIONS, &request);
//! let why = refused(&policy, &http::Method::OPTIONS, &request, decision.refusal().unwrap());
//! assert!(matches!(why, Why::Method(_)));
//! assert_eq!(why.reason(), "methods are case-sensitive and the policy lists PATCH");
//! ```

mod headers;
mod method;
mod near_miss;
mod origin;

use std::fmt;

use cors_core::{decide, CorsHeader, Interpreted, Refusal};
use http::{HeaderMap, Method};

pub use headers::{
    allowed_request_headers, refused_request_headers, HeadersAllowed, HeadersRefused, RefusedName,
};
pub use method::{allowed_method, refused_method, MethodAllowed, MethodRefused};
pub use near_miss::{near_miss, Difference, NearMiss};
pub use origin::{allowed_origin, refused_origin, OriginAllowed, OriginRefused};

/// Why a request was refused: the failing check and its explanation.
///
/// `Display` gives the sentence `cors explain` prints for that check.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Why {
    /// The origin check failed.
    Origin(OriginRefused),
    /// The method check failed (a method not allowed, or a malformed
    /// `Access-Control-Request-Method`).
    Method(MethodRefused),
    /// The request-headers check failed (a name not allowed, or an
    /// `Access-Control-Request-Headers` beyond the scanner's bounds).
    RequestHeaders(HeadersRefused),
}

impl Why {
    /// The check that failed: [`Refusal::Origin`], [`Refusal::Method`] or
    /// [`Refusal::RequestHeaders`] (a malformed request is attributed to
    /// the check that read the malformed header).
    pub fn check(&self) -> Refusal {
        match self {
            Why::Origin(_) => Refusal::Origin,
            Why::Method(_) => Refusal::Method,
            Why::RequestHeaders(_) => Refusal::RequestHeaders,
        }
    }

    /// The reason in a few words.
    pub fn reason(&self) -> String {
        match self {
            Why::Origin(why) => why.reason(),
            Why::Method(why) => why.reason(),
            Why::RequestHeaders(why) => why.reason(),
        }
    }

    /// More to say about the reason (why it matters, how to fix it), if
    /// anything.
    pub fn hint(&self) -> Option<String> {
        match self {
            Why::Origin(why) => why.hint(),
            Why::Method(why) => why.hint(),
            Why::RequestHeaders(why) => why.hint(),
        }
    }
}

impl fmt::Display for Why {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Why::Origin(why) => why.fmt(f),
            Why::Method(why) => why.fmt(f),
            Why::RequestHeaders(why) => why.fmt(f),
        }
    }
}

/// Explains why `policy` refused the request `method` + `headers`, whose
/// decision's [`refusal`](cors_core::Decision::refusal) is `refusal`.
///
/// The failing check is the core's [`Refusal`]; only a
/// [`Refusal::Malformed`] preflight is decided once more without its
/// `Access-Control-Request-Headers`, to tell a malformed method from
/// request headers beyond the scanner's bounds.
pub fn refused(
    policy: &Interpreted,
    method: &Method,
    headers: &HeaderMap,
    refusal: Refusal,
) -> Why {
    let values = |header: CorsHeader| -> Vec<&[u8]> {
        headers
            .get_all(header.http())
            .iter()
            .map(http::HeaderValue::as_bytes)
            .collect()
    };
    let method_why = || Why::Method(refused_method(policy, &values(CorsHeader::RequestMethod)));
    let headers_why = || {
        Why::RequestHeaders(refused_request_headers(
            policy,
            &values(CorsHeader::RequestHeaders),
        ))
    };
    match refusal {
        Refusal::Origin => Why::Origin(refused_origin(policy, &values(CorsHeader::Origin))),
        Refusal::Method => method_why(),
        Refusal::RequestHeaders => headers_why(),
        _ => {
            let mut without_acrh = headers.clone();
            without_acrh.remove(CorsHeader::RequestHeaders.http());
            if decide(policy, method, &without_acrh).is_allowed() {
                headers_why()
            } else {
                method_why()
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn policy(text: &str) -> Interpreted {
        let compiled = crate::compile_str("a.cors", text, None).unwrap();
        Interpreted::new(crate::lower::plan(&compiled.policies[0])).unwrap()
    }

    fn why(policy: &Interpreted, fields: &[(&str, &str)]) -> Why {
        let mut headers = HeaderMap::new();
        for (name, value) in fields {
            headers.append(
                http::HeaderName::from_bytes(name.as_bytes()).unwrap(),
                value.parse().unwrap(),
            );
        }
        let decision = decide(policy, &Method::OPTIONS, &headers);
        refused(
            policy,
            &Method::OPTIONS,
            &headers,
            decision.refusal().unwrap(),
        )
    }

    #[test]
    fn a_malformed_request_is_attributed_to_the_check_that_read_it() {
        let p = policy(
            r#"policy A { origins: "https://a.example"; methods: *; request-headers: x-a; }"#,
        );
        let origin = ("origin", "https://a.example");
        let long = "M".repeat(65);
        let w = why(&p, &[origin, ("access-control-request-method", &long)]);
        assert_eq!(w.check(), Refusal::Method);
        assert!(w.reason().contains("65 bytes"), "{w}");
        let w = why(
            &p,
            &[
                origin,
                ("access-control-request-method", "PUT"),
                ("access-control-request-headers", "x-a,x-a,x-a"),
            ],
        );
        assert_eq!(w.check(), Refusal::RequestHeaders);
        assert!(matches!(
            w,
            Why::RequestHeaders(HeadersRefused::Bounds {
                names: 3,
                fields: 1
            })
        ));
        let w = why(
            &p,
            &[
                origin,
                ("access-control-request-method", "PUT"),
                ("access-control-request-headers", "x-a,X-B"),
            ],
        );
        assert_eq!(
            w.reason(),
            "x-b: not listed in `request-headers` (allowed: x-a)"
        );
    }

    #[test]
    fn methods_in_the_wrong_case_and_not_listed() {
        let p = policy(r#"policy A { origins: "https://a.example"; methods: PATCH, PUT; }"#);
        let origin = ("origin", "https://a.example");
        let w = why(&p, &[origin, ("access-control-request-method", "patch")]);
        assert_eq!(
            w.to_string(),
            "patch: not allowed; methods are case-sensitive and the policy lists PATCH (browsers \
             upper-case DELETE, GET, HEAD, OPTIONS, POST and PUT, but send other methods, PATCH \
             included, as the script wrote them)"
        );
        let w = why(&p, &[origin, ("access-control-request-method", "DELETE")]);
        assert_eq!(
            w.to_string(),
            "DELETE: not allowed; `methods` lists PATCH, PUT (GET, HEAD and POST are always allowed)"
        );
        assert_eq!(w.hint(), None);
    }
}
