//! Compile-pass tests of `cors_policy!`: every language feature expands, and
//! the generated matcher answers as the policy says.

use cors_runtime::{
    cors_policy, MethodRule, OriginMatch, OriginRule, Policy, PreflightMode, PreflightStatus,
    RequestHeaderRule,
};

cors_policy! {
    /// CORS policy of the public JSON API.
    pub policy Api {
        origins: "https://app.example.com", "https://*.example.org", "http://localhost:*";
        methods: GET, POST, PUT, DELETE, PATCH;
        request-headers: content-type, authorization, x-request-id;
        expose-headers: x-request-id, etag;
        credentials: true;
        max-age: 10m;
    }

    policy Assets {
        origins: *;
        methods: GET, HEAD;
    }

    pub(crate) policy Everything {
        origins: "https://bücher.example", "http://[::1]:3000", "http://127.0.0.1:3000",
                 "https://*.example.com:*", "https://example.com.", "chrome-extension://abcdefghijklmnop",
                 "https://a.example.net:8443", null;
        methods: *;
        request-headers: *, authorization;
        expose-headers: *;
        max-age: 0;
        private-network: true;
        preflight-status: 200;
        preflight: forward;
        dangerously-allow: null-origin, insecure-origins, public-suffix-wildcards;
    }

    /* A block comment is fine too. */
    policy Defaults {
        // A line comment.
        origins: "https://a.example.com";
    }
}

mod included {
    cors_runtime::cors_policy! { include "ui/policies/api.cors"; }
}

/// A block with passing tests compiles (the tests run in the macro and
/// generate nothing), whatever the order of tests and policies.
mod tested {
    cors_runtime::cors_policy! {
        test Partners {
            allow GET from "https://app.example.com";
            allow preflight PUT from "https://a.partners.example.org" with content-type, X-Request-Id;
            deny GET from "https://partners.example.org" because origin;
            deny preflight PATCH from "https://app.example.com" because method;
            deny PUT from "https://app.example.com" with x-debug because request-headers;
        }

        pub policy Partners {
            origins: "https://app.example.com", "https://*.partners.example.org";
            methods: GET, PUT;
            request-headers: content-type, x-request-id;
        }
    }
}

fn matched(policy: &impl Policy, origin: &str) -> Option<String> {
    match policy.match_origin(origin.as_bytes()) {
        OriginMatch::Refused => None,
        OriginMatch::Constant(value) => Some(value.as_str().to_owned()),
        OriginMatch::Echo => Some(format!("echo {origin}")),
    }
}

#[test]
fn generated_struct_is_a_copyable_unit_struct() {
    fn traits<T: Clone + Copy + std::fmt::Debug + Default + Send + Sync + 'static>() {}
    traits::<Api>();
    traits::<Everything>();
    assert_eq!(format!("{:?}", Api), "Api");
    assert_eq!(format!("{:?}", included::FileApi), "FileApi");
    traits::<tested::Partners>();
    assert!(tested::Partners.allows_method(b"PUT"));
}

/// A row: which policy matches, the request origin, the expected answer.
type Row<'a> = (&'a dyn Fn(&str) -> Option<String>, &'a str, Option<&'a str>);

#[test]
fn origin_matching() {
    let table: &[Row] = &[
        (
            &|o| matched(&Api, o),
            "https://app.example.com",
            Some("https://app.example.com"),
        ),
        (&|o| matched(&Api, o), "https://app.example.com/", None),
        (&|o| matched(&Api, o), "HTTPS://app.example.com", None),
        (
            &|o| matched(&Api, o),
            "https://a.example.org",
            Some("echo https://a.example.org"),
        ),
        (
            &|o| matched(&Api, o),
            "https://a.b.example.org",
            Some("echo https://a.b.example.org"),
        ),
        (&|o| matched(&Api, o), "https://example.org", None),
        (&|o| matched(&Api, o), "https://evilexample.org", None),
        (
            &|o| matched(&Api, o),
            "http://localhost:3000",
            Some("echo http://localhost:3000"),
        ),
        (
            &|o| matched(&Api, o),
            "http://localhost",
            Some("echo http://localhost"),
        ),
        (&|o| matched(&Api, o), "https://localhost:3000", None),
        (&|o| matched(&Api, o), "null", None),
        (
            &|o| matched(&Everything, o),
            "https://xn--bcher-kva.example",
            Some("https://xn--bcher-kva.example"),
        ),
        (&|o| matched(&Everything, o), "https://bücher.example", None),
        (
            &|o| matched(&Everything, o),
            "http://[::1]:3000",
            Some("http://[::1]:3000"),
        ),
        (
            &|o| matched(&Everything, o),
            "http://127.0.0.1:3000",
            Some("http://127.0.0.1:3000"),
        ),
        (
            &|o| matched(&Everything, o),
            "https://x.example.com:8443",
            Some("echo https://x.example.com:8443"),
        ),
        (
            &|o| matched(&Everything, o),
            "https://x.example.com",
            Some("echo https://x.example.com"),
        ),
        (
            &|o| matched(&Everything, o),
            "https://example.com.",
            Some("https://example.com."),
        ),
        (&|o| matched(&Everything, o), "https://example.com", None),
        (
            &|o| matched(&Everything, o),
            "https://a.example.net:8443",
            Some("https://a.example.net:8443"),
        ),
        (&|o| matched(&Everything, o), "https://a.example.net", None),
        (&|o| matched(&Everything, o), "null", Some("null")),
        (
            &|o| matched(&included::FileApi, o),
            "https://app.example.com",
            Some("https://app.example.com"),
        ),
    ];
    for (i, (matcher, origin, expected)) in table.iter().enumerate() {
        assert_eq!(matcher(origin).as_deref(), *expected, "row {i}: {origin}");
    }
}

#[test]
fn methods_and_headers() {
    assert!(Api.allows_method(b"PATCH"));
    assert!(!Api.allows_method(b"patch"));
    assert!(!Api.allows_method(b"OPTIONS"));
    assert!(matches!(Api.config().methods(), MethodRule::Listed));
    assert!(matches!(Everything.config().methods(), MethodRule::Any));
    assert!(Api.allows_request_header(b"x-request-id"));
    assert!(Api.allows_request_header(b"authorization"));
    assert!(!Api.allows_request_header(b"x-other"));
    assert!(!Defaults.allows_request_header(b"content-type"));
    match Api.config().request_headers() {
        RequestHeaderRule::Listed {
            count,
            max_name_len,
            value,
        } => {
            assert_eq!(*count, 3);
            assert_eq!(*max_name_len, "authorization".len());
            assert_eq!(
                value.as_ref().map(|v| v.as_str()),
                Some("content-type,authorization,x-request-id")
            );
        }
        other => panic!("unexpected {other:?}"),
    }
    assert!(matches!(
        Everything.config().request_headers(),
        RequestHeaderRule::Any {
            authorization: true
        }
    ));
    assert!(matches!(
        Defaults.config().request_headers(),
        RequestHeaderRule::Listed {
            count: 0,
            value: None,
            ..
        }
    ));
}

#[test]
fn configuration_values() {
    let api = Api.config();
    assert!(api.credentials());
    assert_eq!(api.max_age().map(|v| v.as_str()), Some("600"));
    assert_eq!(
        api.expose_headers().map(|v| v.as_str()),
        Some("x-request-id,etag")
    );
    assert_eq!(api.preflight_status(), PreflightStatus::NoContent);
    assert_eq!(api.preflight(), PreflightMode::Respond);
    assert!(!api.private_network());
    match api.origins() {
        // The `*.example.org` pattern allows hosts up to 253 bytes.
        OriginRule::Listed { max_len } => assert_eq!(max_len, "https://".len() + 253),
        OriginRule::Any => panic!("listed origins expected"),
    }

    assert!(matches!(Assets.config().origins(), OriginRule::Any));
    assert!(!Assets.config().credentials());
    assert!(Assets.config().max_age().is_none());
    assert!(Assets.config().expose_headers().is_none());

    let all = Everything.config();
    assert_eq!(all.max_age().map(|v| v.as_str()), Some("0"));
    assert_eq!(all.expose_headers().map(|v| v.as_str()), Some("*"));
    assert_eq!(all.preflight_status(), PreflightStatus::Ok);
    assert_eq!(all.preflight(), PreflightMode::Forward);
    assert!(all.private_network());

    assert!(!Defaults.config().credentials());
    assert!(Defaults.allows_method(b"GET"));
    assert!(!Defaults.allows_method(b"PUT"));
}
