//! The policy variants and the requests, framework-neutral, turned into
//! `http` 1 requests (tower) or actix-web test requests.

use actix_web::dev::ServiceRequest;
use actix_web::test::TestRequest;
use bytes::Bytes;

/// Which policy: 22 exact origins, 1,000 exact origins, or `https://*.example.com`.
/// All three allow GET/POST/PUT/DELETE, `content-type, x-api-key,
/// x-request-id`, credentials, max-age 600.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Variant {
    /// 22 exact origins.
    O22,
    /// 1,000 exact origins.
    O1000,
    /// One subdomain wildcard pattern.
    Wildcard,
}

impl Variant {
    pub const ALL: [Variant; 3] = [Variant::O22, Variant::O1000, Variant::Wildcard];

    pub fn name(self) -> &'static str {
        match self {
            Variant::O22 => "o22",
            Variant::O1000 => "o1000",
            Variant::Wildcard => "wildcard",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|v| v.name() == text)
    }

    /// An origin the policy allows.
    pub fn allowed_origin(self) -> &'static str {
        match self {
            Variant::O22 => "https://checkout.example.org",
            Variant::O1000 => "https://tenant-0500.example.com",
            Variant::Wildcard => "https://app.example.com",
        }
    }

    /// The cases measured for this variant.
    pub fn cases(self) -> &'static [Case] {
        match self {
            Variant::O22 => &Case::ALL,
            Variant::O1000 | Variant::Wildcard => {
                &[Case::PreflightAllowed, Case::GetAllowed, Case::GetRefused]
            }
        }
    }
}

/// Which request.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Case {
    /// `OPTIONS`, allowed origin, ACRM `PUT`, ACRH with the three allowed names.
    PreflightAllowed,
    /// `OPTIONS`, unknown origin, ACRM `PUT`.
    PreflightRefused,
    /// `GET`, allowed origin.
    GetAllowed,
    /// `GET`, unknown origin.
    GetRefused,
    /// `GET` without `Origin`.
    NoOrigin,
    /// Allowed preflight whose ACRH lists 1,000 unknown names.
    Acrh1000,
    /// Allowed preflight whose ACRH is 1 MiB of commas.
    AcrhCommas,
}

/// An origin no policy allows.
pub const REFUSED_ORIGIN: &str = "https://evil.example.net";
/// The request headers every policy allows, as a browser sends them.
pub const ALLOWED_ACRH: &str = "content-type,x-api-key,x-request-id";

impl Case {
    pub const ALL: [Case; 7] = [
        Case::PreflightAllowed,
        Case::PreflightRefused,
        Case::GetAllowed,
        Case::GetRefused,
        Case::NoOrigin,
        Case::Acrh1000,
        Case::AcrhCommas,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Case::PreflightAllowed => "preflight_allowed",
            Case::PreflightRefused => "preflight_refused",
            Case::GetAllowed => "get_allowed",
            Case::GetRefused => "get_refused",
            Case::NoOrigin => "no_origin",
            Case::Acrh1000 => "acrh_1000_names",
            Case::AcrhCommas => "acrh_1mib_commas",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|c| c.name() == text)
    }
}

/// A request, independent of the framework.
#[derive(Clone, Debug)]
pub struct Spec {
    pub method: &'static str,
    pub headers: Vec<(&'static str, Bytes)>,
}

/// The request of `case` for `variant`.
pub fn spec(variant: Variant, case: Case) -> Spec {
    let origin = |o: &'static str| ("origin", Bytes::from_static(o.as_bytes()));
    let acrm = ("access-control-request-method", Bytes::from_static(b"PUT"));
    let acrh = |value: Bytes| ("access-control-request-headers", value);
    let allowed = variant.allowed_origin();
    let (method, headers) = match case {
        Case::PreflightAllowed => (
            "OPTIONS",
            vec![
                origin(allowed),
                acrm,
                acrh(Bytes::from_static(ALLOWED_ACRH.as_bytes())),
            ],
        ),
        Case::PreflightRefused => ("OPTIONS", vec![origin(REFUSED_ORIGIN), acrm]),
        Case::GetAllowed => ("GET", vec![origin(allowed)]),
        Case::GetRefused => ("GET", vec![origin(REFUSED_ORIGIN)]),
        Case::NoOrigin => ("GET", vec![]),
        Case::Acrh1000 => {
            let names: Vec<String> = (0..1000).map(|i| format!("x-unknown-{i:04}")).collect();
            (
                "OPTIONS",
                vec![origin(allowed), acrm, acrh(Bytes::from(names.join(",")))],
            )
        }
        Case::AcrhCommas => (
            "OPTIONS",
            vec![
                origin(allowed),
                acrm,
                acrh(Bytes::from(vec![b','; 1 << 20])),
            ],
        ),
    };
    Spec { method, headers }
}

impl Spec {
    /// The request for tower services; clone it per call (the header values
    /// are shared, not copied).
    pub fn tower(&self) -> http::Request<()> {
        let mut builder = http::Request::builder().method(self.method).uri("/items/1");
        for (name, value) in &self.headers {
            let value = http::HeaderValue::from_maybe_shared(value.clone()).expect("valid value");
            builder = builder.header(*name, value);
        }
        builder.body(()).expect("valid request")
    }

    /// A cheap builder of actix-web requests (which cannot be cloned).
    pub fn actix(&self) -> ActixTemplate {
        use actix_web::http::header::{HeaderName, HeaderValue};
        ActixTemplate {
            method: self.method.parse().expect("valid method"),
            headers: self
                .headers
                .iter()
                .map(|(name, value)| {
                    (
                        HeaderName::from_static(name),
                        HeaderValue::from_maybe_shared(value.clone()).expect("valid value"),
                    )
                })
                .collect(),
        }
    }
}

/// Builds the same actix-web request again and again.
pub struct ActixTemplate {
    method: actix_web::http::Method,
    headers: Vec<(
        actix_web::http::header::HeaderName,
        actix_web::http::header::HeaderValue,
    )>,
}

impl ActixTemplate {
    pub fn build(&self) -> ServiceRequest {
        let mut request = TestRequest::default()
            .method(self.method.clone())
            .uri("/items/1");
        for (name, value) in &self.headers {
            request = request.append_header((name.clone(), value.clone()));
        }
        request.to_srv_request()
    }
}
