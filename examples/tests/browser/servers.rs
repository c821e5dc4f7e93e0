//! The servers the matrix runs against, in process on free loopback ports:
//! the example API (policy `Api`), `Wild` and `WildAuth` behind the tower or
//! the actix-web adapter, the page, and hand-written CORS answers.

use std::sync::Arc;

use cors_examples::actix_app;
use cors_examples::api::Stats;
use cors_examples::axum_app::{api_router, page_router, serve};
use cors_examples::config::{api_base, bind_loopback};
use cors_examples::policy::Api;
use cors_runtime::PolicySource;

use crate::{Wild, WildAuth};

/// The CORS middleware the API servers of the matrix run behind.
#[derive(Clone, Copy, Debug)]
pub enum Adapter {
    /// `cors_runtime::tower::CorsLayer` in axum.
    Tower,
    /// `cors_runtime::actix::Cors` in actix-web.
    Actix,
}

/// In-process servers: the example API (policy `Api` from
/// `policies/api.cors`), `Wild`, `WildAuth` behind `adapter`, and the page
/// (axum), on free loopback ports; stopped when dropped (with the runtime,
/// and each actix-web server with its handle).
pub struct Servers {
    _runtime: tokio::runtime::Runtime,
    _actix: Vec<actix_app::Running>,
    pub api: (u16, Arc<Stats>),
    pub wild: (u16, Arc<Stats>),
    pub wild_auth: (u16, Arc<Stats>),
    pub page: u16,
    /// Hand-written CORS answers (no policy), to see how the browser reads
    /// them: [`raw_router`].
    pub raw: u16,
}

impl Servers {
    pub fn start(adapter: Adapter) -> Servers {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(1)
            .enable_all()
            .build()
            .expect("tokio runtime");
        let mut actix = Vec::new();
        let spawn_axum = |router: axum::Router| {
            let listener = bind_loopback(0).expect("bind 127.0.0.1:0");
            let port = listener.local_addr().expect("local addr").port();
            let _guard = runtime.enter();
            runtime.spawn(serve(listener, router));
            port
        };
        let mut spawn_api = |policy: &dyn Fn() -> ApiPolicy, stats: Arc<Stats>| match adapter {
            Adapter::Tower => spawn_axum(policy().router(stats)),
            Adapter::Actix => {
                let listener = bind_loopback(0).expect("bind 127.0.0.1:0");
                let port = listener.local_addr().expect("local addr").port();
                let policy = policy();
                let running = actix_app::spawn(move || policy.actix(listener, stats))
                    .expect("actix-web server");
                actix.push(running);
                port
            }
        };
        let stats = || Arc::new(Stats::default());
        let (api_stats, wild_stats, wild_auth_stats) = (stats(), stats(), stats());
        let api = spawn_api(&|| ApiPolicy::Api, api_stats.clone());
        let wild = spawn_api(&|| ApiPolicy::Wild, wild_stats.clone());
        let wild_auth = spawn_api(&|| ApiPolicy::WildAuth, wild_auth_stats.clone());
        let page = spawn_axum(page_router(&api_base(api)));
        let raw = spawn_axum(raw_router());
        Servers {
            api: (api, api_stats),
            wild: (wild, wild_stats),
            wild_auth: (wild_auth, wild_auth_stats),
            page,
            raw,
            _actix: actix,
            _runtime: runtime,
        }
    }

    /// A page origin on host `host` (served by the page server).
    pub fn page(&self, host: &str) -> String {
        format!("http://{host}:{}", self.page)
    }
}

/// A hand-written CORS handler, no policy: every preflight gets
/// `Access-Control-Allow-Origin: <its origin>`, `-Methods: PUT`,
/// `-Headers: *`, `-Max-Age: 0` (and `-Credentials: true` under
/// `/star-credentials`); every other request the same origin and
/// credentials, status 200.
fn raw_router() -> axum::Router {
    use axum::extract::Request;
    use axum::response::Response;
    axum::Router::new().fallback(|request: Request| async move {
        let mut response = Response::new(axum::body::Body::from("raw"));
        let headers = response.headers_mut();
        if let Some(origin) = request.headers().get("origin") {
            headers.insert("access-control-allow-origin", origin.clone());
        }
        if request.uri().path() == "/star-credentials" {
            headers.insert(
                "access-control-allow-credentials",
                http::HeaderValue::from_static("true"),
            );
        }
        if request.method() == http::Method::OPTIONS {
            for (name, value) in [
                ("access-control-allow-methods", "PUT"),
                ("access-control-allow-headers", "*"),
                ("access-control-max-age", "0"),
            ] {
                headers.insert(name, http::HeaderValue::from_static(value));
            }
            *response.status_mut() = http::StatusCode::NO_CONTENT;
        }
        response
    })
}

/// The policies of the matrix's API servers.
#[derive(Clone, Copy)]
enum ApiPolicy {
    Api,
    Wild,
    WildAuth,
}

impl ApiPolicy {
    fn router(self, stats: Arc<Stats>) -> axum::Router {
        match self {
            ApiPolicy::Api => api_router(Api, stats),
            ApiPolicy::Wild => api_router(Wild, stats),
            ApiPolicy::WildAuth => api_router(WildAuth, stats),
        }
    }

    fn actix(
        self,
        listener: std::net::TcpListener,
        stats: Arc<Stats>,
    ) -> std::io::Result<actix_web::dev::Server> {
        fn server<P: PolicySource>(
            policy: P,
            listener: std::net::TcpListener,
            stats: Arc<Stats>,
        ) -> std::io::Result<actix_web::dev::Server> {
            actix_app::api_server(listener, policy, stats)
        }
        match self {
            ApiPolicy::Api => server(Api, listener, stats),
            ApiPolicy::Wild => server(Wild, listener, stats),
            ApiPolicy::WildAuth => server(WildAuth, listener, stats),
        }
    }
}
