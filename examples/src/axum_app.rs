//! The example API and page as axum routers.
//!
//! [`api_router`] takes any policy, so the end-to-end tests start servers
//! with other policies through it; the `api-axum` binary passes
//! [`Api`](crate::policy::Api).
//!
//! ```
//! use std::sync::Arc;
//! use cors_examples::{api::Stats, axum_app, policy::Api};
//!
//! let api = axum_app::api_router(Api, Arc::new(Stats::default()));
//! let page = axum_app::page_router("http://localhost:8080");
//! # let _ = (api, page);
//! ```

use std::sync::Arc;

use axum::body::Body;
use axum::extract::ws::{Message, WebSocket, WebSocketUpgrade};
use axum::extract::{Request, State};
use axum::middleware::{self, Next};
use axum::response::{Html, IntoResponse, Response};
use axum::Router;
use cors_runtime::tower::CorsLayer;
use cors_runtime::PolicySource;

use crate::api::{self, ApiRequest, Stats};
use crate::page::page_html;

/// The largest request body the API reads.
const MAX_BODY: usize = 64 * 1024;

/// The API behind `CorsLayer::new(policy)`, with the request counter
/// ([`Stats::record`]) outside it so that it sees preflights too, and a
/// WebSocket echo at [`WEBSOCKET_PATH`] (handshakes from origins the policy
/// does not allow are refused by the layer under `websocket: check-origin;`).
pub fn api_router<P: PolicySource>(policy: P, stats: Arc<Stats>) -> Router {
    Router::new()
        .route(WEBSOCKET_PATH, axum::routing::get(echo_socket))
        .fallback(api_handler)
        .with_state(stats.clone())
        // Layers wrap what is above them: the CORS layer wraps the routes,
        // the counter wraps the CORS layer.
        .layer(CorsLayer::new(policy))
        .layer(middleware::from_fn_with_state(stats, count))
}

/// The demo page at `/`, calling the API at `api_base`; `404` elsewhere.
pub fn page_router(api_base: &str) -> Router {
    let html = page_html(api_base);
    Router::new().route(
        "/",
        axum::routing::get(move || {
            let html = html.clone();
            async move { ([("cache-control", "no-store")], Html(html)) }
        }),
    )
}

/// Serves `router` on an already bound (non-blocking) listener until the
/// process ends.
pub async fn serve(listener: std::net::TcpListener, router: Router) -> std::io::Result<()> {
    let listener = tokio::net::TcpListener::from_std(listener)?;
    axum::serve(listener, router).await
}

/// The path of the WebSocket echo route.
pub const WEBSOCKET_PATH: &str = "/ws";

/// Accepts the handshake (the CORS layer has already checked its origin)
/// and sends every text message back.
async fn echo_socket(State(stats): State<Arc<Stats>>, upgrade: WebSocketUpgrade) -> Response {
    stats.record_socket();
    upgrade.on_upgrade(|mut socket: WebSocket| async move {
        while let Some(Ok(message)) = socket.recv().await {
            if let Message::Text(text) = message {
                if socket.send(Message::Text(text)).await.is_err() {
                    break;
                }
            }
        }
    })
}

async fn count(State(stats): State<Arc<Stats>>, request: Request, next: Next) -> Response {
    let headers = request.headers();
    stats.record(
        request.method().as_str(),
        headers.contains_key(http::header::ORIGIN),
        headers.contains_key(http::header::ACCESS_CONTROL_REQUEST_METHOD),
    );
    next.run(request).await
}

async fn api_handler(State(stats): State<Arc<Stats>>, request: Request) -> Response {
    let (parts, body) = request.into_parts();
    let Ok(body) = axum::body::to_bytes(body, MAX_BODY).await else {
        return (http::StatusCode::PAYLOAD_TOO_LARGE, "body too large").into_response();
    };
    into_response(api::handle(&stats, &ApiRequest::from_http(&parts, &body)))
}

fn into_response(answer: api::ApiResponse) -> Response {
    let mut response = Response::new(Body::from(answer.body));
    *response.status_mut() = http::StatusCode::from_u16(answer.status)
        .unwrap_or(http::StatusCode::INTERNAL_SERVER_ERROR);
    for (name, value) in answer.headers {
        if let Ok(value) = http::HeaderValue::try_from(value) {
            response
                .headers_mut()
                .append(http::HeaderName::from_static(name), value);
        }
    }
    response
}
