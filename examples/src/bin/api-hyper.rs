//! The example API with plain hyper 1, no tower:
//! `cargo run -p cors-examples --bin api-hyper`.
//!
//! Shows the framework-neutral core: `cors_runtime::decide` reads the
//! request's method and headers, the decision's outcome says whether to
//! answer a preflight here or call the application, and
//! `Decision::apply_to` writes the CORS headers into the response.

use std::convert::Infallible;
use std::process::ExitCode;
use std::sync::Arc;

use bytes::Bytes;
use cors_examples::api::{self, ApiRequest, Stats};
use cors_examples::config::{api_base, banner, bind_loopback, main_with, Config};
use cors_examples::page::page_html;
use cors_examples::policy::Api;
use cors_runtime::Outcome;
use http_body_util::{BodyExt, Full, Limited};
use hyper::body::Incoming;
use hyper::{Request, Response};
use hyper_util::rt::TokioIo;

/// The largest request body the API reads.
const MAX_BODY: usize = 64 * 1024;

fn main() -> ExitCode {
    main_with(run)
}

fn run(config: Config) -> std::io::Result<()> {
    let api_listener = bind_loopback(config.api_port)?;
    let page_listener = bind_loopback(config.page_port)?;
    let api_port = api_listener.local_addr()?.port();
    let page_port = page_listener.local_addr()?.port();
    let stats = Arc::new(Stats::default());
    let html = Bytes::from(page_html(&api_base(api_port)));

    let runtime = tokio::runtime::Runtime::new()?;
    runtime.block_on(async move {
        let api_listener = tokio::net::TcpListener::from_std(api_listener)?;
        let page_listener = tokio::net::TcpListener::from_std(page_listener)?;
        print!("{}", banner("hyper", api_port, page_port));
        let api = async {
            loop {
                let (stream, _) = api_listener.accept().await?;
                let stats = stats.clone();
                tokio::spawn(async move {
                    let service = hyper::service::service_fn(move |request| {
                        with_cors(request, stats.clone())
                    });
                    // A connection error concerns that client only.
                    let _ = hyper::server::conn::http1::Builder::new()
                        .serve_connection(TokioIo::new(stream), service)
                        .await;
                });
            }
        };
        let page = async {
            loop {
                let (stream, _) = page_listener.accept().await?;
                let html = html.clone();
                tokio::spawn(async move {
                    let service =
                        hyper::service::service_fn(move |request| page(request, html.clone()));
                    let _ = hyper::server::conn::http1::Builder::new()
                        .serve_connection(TokioIo::new(stream), service)
                        .await;
                });
            }
        };
        tokio::select! {
            result = api => result,
            result = page => result,
        }
    })
}

/// The CORS middleware, by hand: decide, then answer or call the app and
/// apply the decision to its response.
async fn with_cors(
    request: Request<Incoming>,
    stats: Arc<Stats>,
) -> Result<Response<Full<Bytes>>, Infallible> {
    let headers = request.headers();
    stats.record(
        request.method().as_str(),
        headers.contains_key(http::header::ORIGIN),
        headers.contains_key(http::header::ACCESS_CONTROL_REQUEST_METHOD),
    );

    let decision = cors_runtime::decide(&Api, request.method(), request.headers());
    match decision.outcome() {
        // A preflight, answered here (204, or 403 when the policy refuses):
        // the application is not called.
        Outcome::Respond(_) => Ok(decision.preflight_response().unwrap_or_default()),
        Outcome::CallApp => {
            // Detach the decision from the request, which the app consumes.
            let decision = decision.into_owned();
            let mut response = app(request, &stats).await;
            decision.apply_to(response.headers_mut());
            Ok(response)
        }
    }
}

/// The application: the shared routes of `cors_examples::api`.
async fn app(request: Request<Incoming>, stats: &Stats) -> Response<Full<Bytes>> {
    let (parts, body) = request.into_parts();
    let body = match Limited::new(body, MAX_BODY).collect().await {
        Ok(body) => body.to_bytes(),
        Err(_) => {
            let mut response = Response::new(Full::from("body too large"));
            *response.status_mut() = http::StatusCode::PAYLOAD_TOO_LARGE;
            return response;
        }
    };
    let answer = api::handle(stats, &ApiRequest::from_http(&parts, &body));
    let mut response = Response::new(Full::from(answer.body));
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

/// The page server: the demo page at `/`, `404` elsewhere.
async fn page(
    request: Request<Incoming>,
    html: Bytes,
) -> Result<Response<Full<Bytes>>, Infallible> {
    let mut response = Response::new(Full::new(html));
    if request.uri().path() == "/" {
        let headers = response.headers_mut();
        headers.insert(
            "content-type",
            http::HeaderValue::from_static("text/html; charset=utf-8"),
        );
        headers.insert("cache-control", http::HeaderValue::from_static("no-store"));
    } else {
        *response.body_mut() = Full::from("not found");
        *response.status_mut() = http::StatusCode::NOT_FOUND;
    }
    Ok(response)
}
