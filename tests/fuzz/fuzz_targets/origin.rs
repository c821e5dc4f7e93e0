//! The wildcard origin matcher and the policy-side origin parser.
//!
//! - `WildcardPattern::matches` on arbitrary bytes never panics and agrees
//!   with the reference matcher; a match implies the structural invariants
//!   (ASCII, the scheme and `://`, the host ends with `.suffix` on a label
//!   boundary, a canonical port).
//! - `cors_dsl::origin::parse_origin` on arbitrary text never panics; an
//!   accepted exact origin is ASCII, canonical, and parses to itself (its
//!   parts agree with its serialization); an accepted pattern serializes
//!   (`Display`, the runtime matcher's `Display`) to its canonical text.

#![no_main]

use cors_core::{WildcardHost, WildcardPattern, WildcardPort};
use cors_dsl::model::{HostPattern, OriginPattern, PortPattern};
use cors_dsl::origin::{parse_origin, ParsedOrigin};
use cors_fuzz::policies::{owned_pattern, PATTERNS};
use cors_fuzz::reference;
use libfuzzer_sys::fuzz_target;

fn check_match_invariants(pattern: &WildcardPattern, origin: &[u8]) {
    assert!(origin.is_ascii());
    assert!(origin.len() <= pattern.max_len());
    let (scheme, host, port) =
        reference::split_origin(origin).expect("a matched origin has a shape");
    assert_eq!(scheme, pattern.scheme);
    assert!(!origin
        .iter()
        .any(|b| b.is_ascii_uppercase() || b.is_ascii_whitespace()));
    match pattern.host {
        WildcardHost::Exact(expected) => assert_eq!(host, expected),
        WildcardHost::Subdomains(suffix) => {
            assert!(host.len() > suffix.len() + 1);
            assert!(host.ends_with(suffix));
            assert_eq!(host.as_bytes()[host.len() - suffix.len() - 1], b'.');
            assert!(!host.starts_with('.'));
            assert!(!host.contains(".."));
        }
    }
    match (pattern.port, port) {
        (WildcardPort::Default, port) => assert_eq!(port, None),
        (WildcardPort::Exact(expected), port) => assert_eq!(port, Some(expected)),
        (WildcardPort::Any, Some(port)) => {
            assert!(!port.starts_with('0'));
            assert!(port.parse::<u16>().is_ok_and(|n| n > 0));
        }
        (WildcardPort::Any, None) => {}
    }
}

/// The pattern as the runtime sees it (what the macro generates); `port`
/// holds the digits of an exact port.
fn to_runtime<'a>(pattern: &'a OriginPattern, port: &'a str) -> WildcardPattern<&'a str> {
    WildcardPattern {
        scheme: &pattern.scheme,
        host: match &pattern.host {
            HostPattern::Exact(host) => WildcardHost::Exact(host),
            HostPattern::Subdomains(suffix) => WildcardHost::Subdomains(suffix),
        },
        port: match pattern.port {
            PortPattern::Default => WildcardPort::Default,
            PortPattern::Exact(_) => WildcardPort::Exact(port),
            PortPattern::Any => WildcardPort::Any,
        },
    }
}

/// The canonical text of a pattern.
fn pattern_text(pattern: &OriginPattern) -> String {
    let host = match &pattern.host {
        HostPattern::Exact(host) => host.clone(),
        HostPattern::Subdomains(suffix) => format!("*.{suffix}"),
    };
    let port = match pattern.port {
        PortPattern::Default => String::new(),
        PortPattern::Exact(port) => format!(":{port}"),
        PortPattern::Any => ":*".to_owned(),
    };
    format!("{}://{host}{port}", pattern.scheme)
}

fuzz_target!(|data: &[u8]| {
    for pattern in &PATTERNS {
        let matched = pattern.matches(data);
        assert_eq!(
            matched,
            reference::pattern_matches(pattern, data),
            "{pattern:?} on {:?}",
            String::from_utf8_lossy(data)
        );
        if matched {
            check_match_invariants(pattern, data);
        }
        // The plan's (owned) form of the pattern matches the same origins.
        assert_eq!(owned_pattern(pattern).matches(data), matched);
    }

    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    match parse_origin(text) {
        Ok(ParsedOrigin::Exact(exact)) => {
            let origin = exact.to_string();
            assert!(origin.is_ascii(), "{origin:?}");
            assert!(!origin
                .bytes()
                .any(|b| b.is_ascii_uppercase() || b.is_ascii_whitespace()));
            assert!(!origin.ends_with('/'));
            assert_eq!(
                parse_origin(&origin),
                Ok(ParsedOrigin::Exact(exact.clone())),
                "{text:?} → {origin:?} does not re-parse to itself"
            );
            let (scheme, host, port) =
                reference::split_origin(origin.as_bytes()).expect("canonical shape");
            assert!(!scheme.is_empty() && !host.is_empty());
            if let Some(port) = port {
                assert!(!port.starts_with('0') && port.parse::<u16>().is_ok_and(|n| n > 0));
            }
            // The parts agree with the serialization.
            assert_eq!((scheme, host), (exact.scheme.as_str(), exact.host.as_str()));
            assert_eq!(port.map(str::to_owned), exact.port.map(|n| n.to_string()));
            // An exact origin is matched by the runtime's `:*` pattern over its host.
            let any_port: WildcardPattern<&str> = WildcardPattern {
                scheme,
                host: WildcardHost::Exact(host),
                port: WildcardPort::Any,
            };
            assert!(any_port.matches(origin.as_bytes()), "{origin:?}");
        }
        Ok(ParsedOrigin::Pattern(pattern)) => {
            let canonical = pattern_text(&pattern);
            assert_eq!(
                ParsedOrigin::Pattern(pattern.clone()).to_string(),
                canonical
            );
            assert!(canonical.is_ascii(), "{canonical:?}");
            assert_eq!(
                parse_origin(&canonical),
                Ok(ParsedOrigin::Pattern(pattern.clone())),
                "{text:?} → {canonical:?} does not re-parse to itself"
            );
            // The runtime matcher built from it accepts a typical origin.
            let digits = match pattern.port {
                PortPattern::Exact(port) => port.to_string(),
                _ => String::new(),
            };
            let runtime = to_runtime(&pattern, &digits);
            assert_eq!(runtime.to_string(), canonical);
            let sample = canonical.replace("*.", "a.").replace(":*", ":8080");
            assert!(
                runtime.matches(sample.as_bytes()),
                "{canonical:?} vs {sample:?}"
            );
            assert!(sample.len() <= runtime.max_len());
        }
        Err(error) => {
            assert!(!error.code.is_empty());
            assert!(
                cors_dsl::origin::ERROR_CODES
                    .iter()
                    .any(|(code, _, _)| *code == error.code),
                "undocumented code {}",
                error.code
            );
        }
    }
});
