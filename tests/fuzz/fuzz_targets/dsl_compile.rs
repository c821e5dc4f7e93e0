//! The grammar and the validator on arbitrary text: `compile_str` never
//! panics; every diagnostic points inside the text, on character
//! boundaries, with a line and column that agree with its byte offset; the
//! report renders; and an accepted policy respects the build-time rules.

#![no_main]

use cors_dsl::model::{ExposeHeaders, Methods, Origins, RequestHeaders};
use cors_dsl::origin::{parse_origin, ParsedOrigin};
use cors_dsl::SourceId;
use libfuzzer_sys::fuzz_target;

fn check_policy(policy: &cors_dsl::model::Policy) {
    if policy.credentials {
        assert_ne!(policy.origins, Origins::Any, "`*` with credentials");
        assert_ne!(policy.expose_headers, ExposeHeaders::Any);
    }
    if let Some(max_age) = policy.max_age {
        assert!(max_age <= 86_400);
    }
    assert!(matches!(policy.preflight_status, 200 | 204));
    if policy.private_network {
        assert_ne!(policy.origins, Origins::Any);
    }
    if let Origins::List(list) = &policy.origins {
        assert!(!list.exact.is_empty() || !list.patterns.is_empty() || list.null);
        if list.null {
            assert!(policy.dangerously_allow.null_origin && !policy.credentials);
        }
        for origin in &list.exact {
            match parse_origin(origin) {
                Ok(ParsedOrigin::Exact(exact)) => assert_eq!(&exact.to_string(), origin),
                other => panic!("{origin:?} is not an exact origin: {other:?}"),
            }
        }
        for pattern in &list.patterns {
            assert!(pattern.scheme.is_ascii());
        }
    }
    if let Methods::List(methods) = &policy.methods {
        for method in methods {
            assert!(!method.is_empty() && method.is_ascii());
            assert!(!["CONNECT", "TRACE", "TRACK"].contains(&method.to_ascii_uppercase().as_str()));
        }
    }
    if let RequestHeaders::List(names) = &policy.request_headers {
        for name in names {
            assert!(!name.is_empty() && name.len() <= cors_dsl::MAX_HEADER_NAME_LEN);
            assert!(!name.bytes().any(|b| b.is_ascii_uppercase()));
        }
    }
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    match cors_dsl::compile_str("fuzz.cors", text, None) {
        Ok(compiled) => {
            assert!(!compiled.policies.is_empty());
            for policy in &compiled.policies {
                check_policy(policy);
            }
        }
        Err(report) => {
            assert!(!report.diagnostics.is_empty());
            for diagnostic in &report.diagnostics {
                // Without an include base nothing else is read.
                assert_eq!(diagnostic.source, SourceId(0));
                let span = diagnostic.span;
                assert!(
                    span.start <= span.end && span.end <= text.len(),
                    "{diagnostic:?} outside a {}-byte text",
                    text.len()
                );
                assert!(text.is_char_boundary(span.start), "{diagnostic:?}");
                assert!(text.is_char_boundary(span.end), "{diagnostic:?}");
                let before = &text[..span.start];
                let line = before.matches('\n').count() + 1;
                let col = before[before.rfind('\n').map_or(0, |i| i + 1)..]
                    .chars()
                    .count()
                    + 1;
                assert_eq!(
                    (span.line as usize, span.col as usize),
                    (line, col),
                    "{diagnostic:?}"
                );
                assert!(!diagnostic.code.is_empty() && !diagnostic.message.is_empty());
            }
            let rendered = report.to_string();
            assert!(!rendered.is_empty());
        }
    }
});
