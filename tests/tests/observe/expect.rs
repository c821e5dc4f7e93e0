//! The decision event expected of a request ([`Expect`]), and the table of
//! every refusal reason and of allowed requests.

use cors_tests::capture::Captured;
use tracing::Level;

use crate::support::harness::Req;
use crate::APP;

/// One decision event: its level and its fields but `message`.
pub struct Expect {
    level: Level,
    fields: Vec<(&'static str, String)>,
}

pub fn refused(reason: &str, kind: &str, origin: &str, method: &str) -> Expect {
    Expect {
        level: Level::DEBUG,
        fields: vec![
            ("kind", kind.to_owned()),
            ("outcome", "refused".to_owned()),
            ("reason", reason.to_owned()),
            ("origin", origin.to_owned()),
            ("method", method.to_owned()),
        ],
    }
}

pub fn allowed(kind: &str, origin: &str, method: &str) -> Expect {
    Expect {
        level: Level::TRACE,
        fields: vec![
            ("kind", kind.to_owned()),
            ("outcome", "allowed".to_owned()),
            ("origin", origin.to_owned()),
            ("method", method.to_owned()),
        ],
    }
}

impl Expect {
    pub fn header(mut self, name: &str) -> Self {
        self.fields.push(("header", name.to_owned()));
        self
    }

    pub fn check(&self, policy: &str, events: &[Captured], req: &Req) {
        assert_eq!(events.len(), 1, "{req:?}: {events:#?}");
        let event = &events[0];
        assert_eq!(event.target, "cors_runtime", "{req:?}");
        assert_eq!(event.level, self.level, "{req:?}");
        let mut expected = vec![("policy", policy)];
        expected.extend(self.fields.iter().map(|(n, v)| (*n, v.as_str())));
        assert_eq!(event.data(), expected, "{req:?}");
        let message = event.get("message").unwrap_or_default();
        assert!(message.starts_with("CORS request"), "{message}");
    }
}

/// Every reason, and allowed requests, for one policy named `name`.
pub fn table() -> Vec<(Req, Expect)> {
    let long_method = "M".repeat(65);
    vec![
        (
            Req::new("GET").origin("https://evil.example"),
            refused("origin", "actual", "https://evil.example", "GET"),
        ),
        (
            Req::preflight("https://evil.example", "PUT"),
            refused("origin", "preflight", "https://evil.example", "PUT"),
        ),
        (
            // Two Origin fields: refused; the first is shown.
            Req::new("GET").origin(APP).origin("https://b.example.com"),
            refused("origin", "actual", APP, "GET"),
        ),
        (
            Req::preflight(APP, "patch"),
            refused("method", "preflight", APP, "patch"),
        ),
        (
            Req::preflight(APP, "PUT").acrh("content-type,X-Debug, x-a"),
            refused("request-headers", "preflight", APP, "PUT").header("X-Debug"),
        ),
        (
            Req::preflight(APP, "PUT").acrh("x-a").acrh("authorization"),
            refused("request-headers", "preflight", APP, "PUT").header("authorization"),
        ),
        (
            Req::preflight(APP, "P T"),
            refused("malformed", "preflight", APP, r"P\x20T"),
        ),
        (
            Req::preflight(APP, &long_method),
            refused("malformed", "preflight", APP, &long_method),
        ),
        (
            Req::preflight(APP, "PUT").acrh("x-a,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,"),
            refused("malformed", "preflight", APP, "PUT"),
        ),
        (
            Req::preflight(APP, "PUT").acrh("content-type, x-a"),
            allowed("preflight", APP, "PUT"),
        ),
        (
            Req::preflight("https://a.b.example.com", "GET"),
            allowed("preflight", "https://a.b.example.com", "GET"),
        ),
        (Req::new("POST").origin(APP), allowed("actual", APP, "POST")),
        (
            // OPTIONS without ACRM is an actual request.
            Req::new("OPTIONS").origin(APP),
            allowed("actual", APP, "OPTIONS"),
        ),
    ]
}
