//! What `Decision::apply` writes: `Vary`, echoed request headers, and
//! how many names a preflight answer gets.

use super::{any_method, api, headers, APP};
use crate::plan::{MethodsPlan, OriginsPlan, Plan, RequestHeadersPlan};
use crate::{decide, Interpreted};

fn preflight(fields: &[(&str, &str)]) -> http::HeaderMap {
    let mut all = vec![APP, ("access-control-request-method", "PUT")];
    all.extend_from_slice(fields);
    headers(&all)
}

/// The `Vary` fields of a response that had `existing` before the CORS
/// headers were applied.
fn vary_after(decision: &crate::Decision<'_, http::HeaderValue>, existing: &[&str]) -> Vec<String> {
    let mut response = http::HeaderMap::new();
    for value in existing {
        response.append("vary", http::HeaderValue::from_str(value).unwrap());
    }
    decision.apply_to(&mut response);
    response
        .get_all("vary")
        .iter()
        .map(|v| v.to_str().unwrap().to_owned())
        .collect()
}

#[test]
fn vary_appends_only_missing_tokens() {
    let policy = api();
    let map = preflight(&[]);
    let decision = decide(&policy, &http::Method::OPTIONS, &map);
    let all = "origin, access-control-request-method, access-control-request-headers";
    assert_eq!(vary_after(&decision, &[]), [all]);
    assert_eq!(vary_after(&decision, &["accept"]), ["accept", all]);
    // One of the three present: the two others, one field each.
    assert_eq!(
        vary_after(&decision, &["Access-Control-Request-Headers"]),
        [
            "Access-Control-Request-Headers",
            "origin",
            "access-control-request-method"
        ]
    );
    assert_eq!(
        vary_after(&decision, &["accept, Origin"]),
        [
            "accept, Origin",
            "access-control-request-method",
            "access-control-request-headers"
        ]
    );
    assert_eq!(
        vary_after(
            &decision,
            &["x, access-control-request-method ", "\torigin"]
        ),
        [
            "x, access-control-request-method ",
            "\torigin",
            "access-control-request-headers"
        ]
    );
    assert_eq!(vary_after(&decision, &[all]), [all]);
    assert_eq!(vary_after(&decision, &["*"]), ["*"]);
    // An actual request: only `origin`.
    let map = headers(&[APP]);
    let decision = decide(&policy, &http::Method::GET, &map);
    assert_eq!(vary_after(&decision, &[]), ["origin"]);
    assert_eq!(vary_after(&decision, &["ORIGIN"]), ["ORIGIN"]);
}

#[test]
fn any_request_header_with_credentials_is_echoed() {
    for authorization in [false, true] {
        let mut plan = Plan::new(
            "Creds",
            OriginsPlan::listed(vec!["https://app.example".into()], false, vec![]),
        );
        plan.credentials = true;
        plan.methods = MethodsPlan::Any;
        plan.request_headers = RequestHeadersPlan::Any { authorization };
        let policy = Interpreted::new(plan).unwrap();
        let map = preflight(&[("access-control-request-headers", "x-a,x-b")]);
        let decision = decide(&policy, &http::Method::OPTIONS, &map);
        let mut response = http::HeaderMap::new();
        decision.apply_to(&mut response);
        // With credentials `*` is a literal name: the names are echoed.
        assert_eq!(
            response["access-control-allow-headers"], "x-a,x-b",
            "authorization: {authorization}"
        );
        assert_eq!(response["access-control-allow-credentials"], "true");
    }
}

/// `preflight_response` sizes its header map by `field_count`: exactly the
/// names `apply` writes into an empty map, for every kind of answer.
#[test]
fn field_count_is_the_number_of_names_written() {
    let mut full = Plan::new(
        "Full",
        OriginsPlan::listed(vec!["https://app.example".into()], false, vec![]),
    );
    full.credentials = true;
    full.methods = MethodsPlan::Listed(vec!["PUT".into()]);
    full.request_headers = RequestHeadersPlan::listed(vec!["x-a".into()]);
    full.max_age = Some("600".into());
    full.private_network = true;
    let full = Interpreted::new(full).unwrap();
    let pna = ("access-control-request-private-network", "true");
    let acrh = ("access-control-request-headers", "x-a");
    let cases = [
        (full.clone(), preflight(&[acrh, pna]), 7),
        (full.clone(), preflight(&[acrh]), 6),
        (full.clone(), preflight(&[]), 5),
        (
            full,
            preflight(&[("access-control-request-headers", "x-z")]),
            1,
        ),
        (api(), preflight(&[]), 3),
        (api(), preflight(&[acrh]), 4),
        (any_method(), preflight(&[acrh]), 4),
    ];
    for (i, (policy, map, expected)) in cases.into_iter().enumerate() {
        let decision = decide(&policy, &http::Method::OPTIONS, &map);
        let mut written = http::HeaderMap::new();
        decision.apply_to(&mut written);
        assert_eq!(written.keys_len(), expected, "row {i}: {written:?}");
        assert_eq!(decision.field_count(), expected, "row {i}");
        let response: http::Response<()> = decision.preflight_response().unwrap();
        assert_eq!(response.headers(), &written, "row {i}");
    }
}
