//! The example API, written once for every framework.
//!
//! A server converts its framework's request into an [`ApiRequest`], calls
//! [`handle`], and turns the [`ApiResponse`] back into its framework's
//! response. The CORS middleware sits around that call; [`Stats::record`]
//! sits outside the middleware, so it also sees the preflights the
//! middleware answers by itself.
//!
//! | route | answer |
//! |---|---|
//! | `GET /api/hello` | `200`, a JSON greeting |
//! | `POST /api/login` | `200`, sets the cookie `session` (`SameSite=Lax`, `HttpOnly`) |
//! | `POST /api/logout` | `200`, clears the cookie |
//! | `GET /api/me` | `200`, the `session` cookie the browser sent, or `null` |
//! | `PUT`, `PATCH`, `DELETE /api/items/{id}` | `200`, echoes the method, the id and the JSON body |
//! | `GET /api/error` | `500`, a JSON error (still readable cross-origin) |
//! | `GET /api/stats` | `200`, how many preflights and other requests reached the server |
//! | anything else | `404` |
//!
//! Every response carries `x-request-id` (exposed by the policy, so a
//! script can read it) and `x-internal` (not exposed: scripts get `null`).
//!
//! ```
//! use cors_examples::api::{handle, ApiRequest, Stats};
//!
//! let stats = Stats::default();
//! let response = handle(&stats, &ApiRequest::new("GET", "/api/hello"));
//! assert_eq!(response.status, 200);
//! assert!(response.body.contains("hello"));
//! ```

use std::sync::atomic::{AtomicU64, Ordering};

/// Counters of what reached a server (preflights included), shared by its
/// outer layer and the `/api/stats` route.
#[derive(Debug, Default)]
pub struct Stats {
    preflights: AtomicU64,
    requests: AtomicU64,
    sessions: AtomicU64,
    sockets: AtomicU64,
}

impl Stats {
    /// Counts one request as it arrives, before the CORS middleware: a
    /// preflight is an `OPTIONS` with `Origin` and
    /// `Access-Control-Request-Method`, anything else is a request.
    ///
    /// ```
    /// let stats = cors_examples::api::Stats::default();
    /// stats.record("OPTIONS", true, true);
    /// stats.record("OPTIONS", true, false);
    /// assert_eq!((stats.preflights(), stats.requests()), (1, 1));
    /// ```
    pub fn record(&self, method: &str, has_origin: bool, has_request_method: bool) {
        if method == "OPTIONS" && has_origin && has_request_method {
            self.preflights.fetch_add(1, Ordering::Relaxed);
        } else {
            self.requests.fetch_add(1, Ordering::Relaxed);
        }
    }

    /// Preflights received so far.
    pub fn preflights(&self) -> u64 {
        self.preflights.load(Ordering::Relaxed)
    }

    /// Requests other than preflights received so far.
    pub fn requests(&self) -> u64 {
        self.requests.load(Ordering::Relaxed)
    }

    /// Counts one WebSocket handshake that reached the application.
    pub fn record_socket(&self) {
        self.sockets.fetch_add(1, Ordering::Relaxed);
    }

    /// WebSocket handshakes that reached the application so far (those the
    /// CORS layer refused never do).
    pub fn sockets(&self) -> u64 {
        self.sockets.load(Ordering::Relaxed)
    }
}

/// What the routes need from a request, borrowed from the framework's own
/// request type.
#[derive(Clone, Copy, Debug)]
pub struct ApiRequest<'a> {
    /// The method, exactly as received (`PATCH` and `patch` differ).
    pub method: &'a str,
    /// The path, without the query.
    pub path: &'a str,
    /// The `Cookie` header, if any.
    pub cookie: Option<&'a str>,
    /// The `X-Request-Id` header, if any (echoed back).
    pub request_id: Option<&'a str>,
    /// The request body.
    pub body: &'a [u8],
}

impl<'a> ApiRequest<'a> {
    /// The API's view of an `http` 1.x request (axum, hyper) and its body.
    pub fn from_http(parts: &'a http::request::Parts, body: &'a [u8]) -> Self {
        let header = |name| {
            parts
                .headers
                .get(name)
                .and_then(|v: &http::HeaderValue| v.to_str().ok())
        };
        ApiRequest {
            method: parts.method.as_str(),
            path: parts.uri.path(),
            cookie: header(http::header::COOKIE),
            request_id: header(http::HeaderName::from_static("x-request-id")),
            body,
        }
    }

    /// A request with no headers and no body.
    ///
    /// ```
    /// let request = cors_examples::api::ApiRequest::new("GET", "/api/me");
    /// assert!(request.cookie.is_none());
    /// ```
    pub fn new(method: &'a str, path: &'a str) -> Self {
        ApiRequest {
            method,
            path,
            cookie: None,
            request_id: None,
            body: &[],
        }
    }
}

/// A framework-neutral response: status, headers (names in lower case) and
/// a JSON body.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ApiResponse {
    /// The HTTP status code.
    pub status: u16,
    /// Header fields, in order.
    pub headers: Vec<(&'static str, String)>,
    /// The body (JSON).
    pub body: String,
}

impl ApiResponse {
    fn json(status: u16, body: serde_json::Value, request_id: String) -> Self {
        ApiResponse {
            status,
            headers: vec![
                ("content-type", "application/json".to_owned()),
                ("cache-control", "no-store".to_owned()),
                ("x-request-id", request_id),
                ("x-internal", "not exposed to scripts".to_owned()),
            ],
            body: body.to_string(),
        }
    }
}

/// The longest `x-request-id` echoed back; longer ones are replaced.
const MAX_REQUEST_ID: usize = 64;

/// Answers one API request.
///
/// ```
/// use cors_examples::api::{handle, ApiRequest, Stats};
///
/// let stats = Stats::default();
/// let mut put = ApiRequest::new("PUT", "/api/items/7");
/// put.body = br#"{"name":"teapot"}"#;
/// let response = handle(&stats, &put);
/// assert_eq!(response.status, 200);
/// assert!(response.body.contains("teapot"));
///
/// assert_eq!(handle(&stats, &ApiRequest::new("GET", "/api/error")).status, 500);
/// assert_eq!(handle(&stats, &ApiRequest::new("GET", "/nowhere")).status, 404);
/// ```
pub fn handle(stats: &Stats, request: &ApiRequest<'_>) -> ApiResponse {
    use serde_json::json;

    let request_id = match request.request_id {
        Some(id) if id.len() <= MAX_REQUEST_ID && id.bytes().all(|b| b.is_ascii_graphic()) => {
            id.to_owned()
        }
        _ => format!("req-{}", stats.requests()),
    };
    let respond = |status, body| ApiResponse::json(status, body, request_id.clone());

    match (request.method, request.path) {
        ("GET" | "HEAD", "/api/hello") => respond(
            200,
            json!({ "message": "hello from the API", "method": request.method }),
        ),
        ("POST", "/api/login") => {
            let n = stats.sessions.fetch_add(1, Ordering::Relaxed) + 1;
            let mut response = respond(
                200,
                json!({ "logged_in": true, "session": format!("demo-{n}") }),
            );
            response.headers.push((
                "set-cookie",
                format!("session=demo-{n}; Path=/; HttpOnly; SameSite=Lax; Max-Age=3600"),
            ));
            response
        }
        ("POST", "/api/logout") => {
            let mut response = respond(200, json!({ "logged_in": false }));
            response.headers.push((
                "set-cookie",
                "session=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0".to_owned(),
            ));
            response
        }
        ("GET", "/api/me") => respond(200, json!({ "session": session_cookie(request.cookie) })),
        (method @ ("PUT" | "PATCH" | "DELETE"), path) if path.starts_with("/api/items/") => {
            let id = &path["/api/items/".len()..];
            let received: serde_json::Value =
                serde_json::from_slice(request.body).unwrap_or(serde_json::Value::Null);
            respond(
                200,
                json!({ "id": id, "method": method, "received": received }),
            )
        }
        ("GET", "/api/error") => respond(
            500,
            json!({ "error": "something broke (on purpose): CORS headers are on errors too" }),
        ),
        ("GET", "/api/stats") => respond(
            200,
            json!({ "preflights": stats.preflights(), "requests": stats.requests() }),
        ),
        _ => respond(404, json!({ "error": "not found" })),
    }
}

/// The value of the `session` cookie in a `Cookie` header.
fn session_cookie(cookie: Option<&str>) -> Option<&str> {
    cookie?
        .split(';')
        .map(str::trim)
        .find_map(|pair| pair.strip_prefix("session="))
        .filter(|value| !value.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn session_cookie_is_found_among_others() {
        assert_eq!(
            session_cookie(Some("a=1; session=demo-3; b=2")),
            Some("demo-3")
        );
        assert_eq!(session_cookie(Some("a=1")), None);
        assert_eq!(session_cookie(Some("session=")), None);
        assert_eq!(session_cookie(None), None);
    }

    #[test]
    fn every_response_carries_the_demo_headers() {
        let stats = Stats::default();
        for (method, path) in [("GET", "/api/hello"), ("GET", "/api/error"), ("GET", "/x")] {
            let response = handle(&stats, &ApiRequest::new(method, path));
            let names: Vec<_> = response.headers.iter().map(|(name, _)| *name).collect();
            assert!(names.contains(&"x-request-id") && names.contains(&"x-internal"));
        }
    }

    #[test]
    fn request_id_is_echoed_only_when_sane() {
        let stats = Stats::default();
        let mut request = ApiRequest::new("GET", "/api/hello");
        request.request_id = Some("abc-1");
        let id = |r: &ApiResponse| {
            r.headers
                .iter()
                .find(|(n, _)| *n == "x-request-id")
                .unwrap()
                .1
                .clone()
        };
        assert_eq!(id(&handle(&stats, &request)), "abc-1");
        request.request_id = Some("has space");
        assert!(id(&handle(&stats, &request)).starts_with("req-"));
    }
}
