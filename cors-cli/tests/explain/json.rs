//! The JSON output, compared with what the decision core writes.

use super::*;

/// The JSON response is exactly what the decision core writes.
#[test]
fn json_output_matches_the_decision_core() {
    use cors_runtime::dynamic::DynamicPolicy;

    let requests: &[(&str, &[&str])] = &[
        (
            "OPTIONS",
            &[
                "Origin: https://a.b.example.org",
                "Access-Control-Request-Method: PATCH",
                "Access-Control-Request-Headers: content-type",
            ],
        ),
        (
            "OPTIONS",
            &[
                "Origin: https://evil.example",
                "Access-Control-Request-Method: PUT",
            ],
        ),
        (
            "OPTIONS",
            &[
                "Origin: https://app.example.com",
                "Access-Control-Request-Method: PUT",
                "Access-Control-Request-Headers: x-unknown",
            ],
        ),
        (
            "OPTIONS",
            &[
                "Origin: https://app.example.com",
                "Access-Control-Request-Method: P T",
            ],
        ),
        ("GET", &["Origin: http://localhost:8080"]),
        ("POST", &["Origin: https://evil.example"]),
        ("GET", &[]),
    ];
    let policy = DynamicPolicy::parse(API, "Api").expect("valid");
    for (method, headers) in requests {
        let mut args = vec!["--policy", "Api", "--method", method];
        for header in *headers {
            args.push("-H");
            args.push(header);
        }
        let value = json(&args);

        let mut map = http::HeaderMap::new();
        for header in *headers {
            let (name, v) = header.split_once(": ").expect("header");
            map.append(
                http::HeaderName::from_bytes(name.as_bytes()).expect("name"),
                http::HeaderValue::from_str(v).expect("value"),
            );
        }
        let method = http::Method::from_bytes(method.as_bytes()).expect("method");
        let decision = cors_runtime::decide(&policy, &method, &map);
        let (status, expected) = match decision.preflight_response::<()>() {
            Some(response) => (Some(response.status().as_u16()), response.headers().clone()),
            None => {
                let mut response = http::HeaderMap::new();
                decision.apply_to(&mut response);
                (None, response)
            }
        };
        let expected: Vec<(String, String)> = expected
            .iter()
            .map(|(n, v)| (n.as_str().to_owned(), v.to_str().expect("ascii").to_owned()))
            .collect();
        assert_eq!(headers_of(&value), expected, "{method} {headers:?}");
        assert_eq!(value["response"]["status"].as_u64(), status.map(u64::from));
        assert_eq!(value["allowed"].as_bool(), Some(decision.is_allowed()));
        // The reason, in the words of the tracing events (`Refusal::as_str`).
        assert_eq!(
            value["reason"].as_str(),
            decision.refusal().map(cors_runtime::Refusal::as_str),
            "{method} {headers:?}"
        );
        assert_eq!(value["policy"], "Api");
        let kind = match decision.kind() {
            cors_runtime::RequestKind::NotCors => "not-cors",
            cors_runtime::RequestKind::Preflight => "preflight",
            cors_runtime::RequestKind::Actual => "actual",
            cors_runtime::RequestKind::WebSocket => "websocket",
        };
        assert_eq!(value["kind"], kind);
        for check in value["checks"].as_array().expect("checks") {
            assert!(["pass", "fail", "not checked", "note"]
                .contains(&check["result"].as_str().expect("result")));
        }
    }
}
