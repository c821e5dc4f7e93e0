//! Runs one request through each of the five adapters — tower, actix-web,
//! Poem, Salvo, Rocket — around the same small application, in process,
//! and reduces each answer to the same raw form. Only the cross-adapter
//! tables (`protocol.rs`, with `adversarial.rs` as a module of it) link
//! this, so the frameworks are linked into one test binary.

#![allow(dead_code)]

use std::convert::Infallible;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use cors_runtime::observe::Shadow;
use cors_runtime::tower::CorsLayer;
use cors_runtime::PolicySource;
use tower::ServiceExt;

use crate::support::harness::{block_on, reduce, App, Req, Resp, APP_BODY};

/// The adapters, in the order the tables run them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Adapter {
    Tower,
    Actix,
    Poem,
    Salvo,
    Rocket,
}

impl Adapter {
    pub const ALL: [Adapter; 5] = [
        Adapter::Tower,
        Adapter::Actix,
        Adapter::Poem,
        Adapter::Salvo,
        Adapter::Rocket,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Adapter::Tower => "tower",
            Adapter::Actix => "actix",
            Adapter::Poem => "poem",
            Adapter::Salvo => "salvo",
            Adapter::Rocket => "rocket",
        }
    }
}

/// A request as the tables write it: method and raw header fields.
pub type Fields = [(&'static str, Vec<u8>)];

/// What came back: status, every header field (lowercase names, in order),
/// how often the application ran, and the body.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Raw {
    pub status: u16,
    pub fields: Vec<(String, Vec<u8>)>,
    pub app_calls: usize,
    pub body: Vec<u8>,
}

/// Whether `adapter` can receive a request with `method` at all: Rocket 0.5
/// knows only the nine standard methods, in upper case (on the wire, it
/// answers any other method before routing or fairings run).
pub fn receives(adapter: Adapter, method: &[u8]) -> bool {
    adapter != Adapter::Rocket
        || [
            &b"GET"[..],
            b"PUT",
            b"POST",
            b"DELETE",
            b"OPTIONS",
            b"HEAD",
            b"PATCH",
            b"TRACE",
            b"CONNECT",
        ]
        .contains(&method)
}

/// Runs `method` with `headers` through `adapter` applying `policy`, around
/// an application answering `app` (its status, headers and [`APP_BODY`]);
/// `None` when the adapter cannot receive the request ([`receives`]).
pub fn call<P: PolicySource>(
    adapter: Adapter,
    policy: P,
    method: &[u8],
    headers: &Fields,
    app: &App,
) -> Option<Raw> {
    if !receives(adapter, method) {
        return None;
    }
    Some(match adapter {
        Adapter::Tower => via_tower(CorsLayer::new(policy), method, headers, app),
        Adapter::Actix => via_actix(cors_runtime::actix::Cors::new(policy), method, headers, app),
        Adapter::Poem => via_poem(cors_runtime::poem::Cors::new(policy), method, headers, app),
        Adapter::Salvo => via_salvo(cors_runtime::salvo::Cors::new(policy), method, headers, app),
        Adapter::Rocket => via_rocket(
            cors_runtime::rocket::Cors::new(policy),
            method,
            headers,
            app,
        ),
    })
}

/// [`call`] with `candidate` as the shadow policy (`with_shadow`, feature
/// `tracing`).
#[cfg(feature = "tracing")]
pub fn call_shadowed<P: PolicySource, C: PolicySource>(
    adapter: Adapter,
    policy: P,
    candidate: C,
    method: &[u8],
    headers: &Fields,
) -> Option<Raw> {
    if !receives(adapter, method) {
        return None;
    }
    let app = &App::ok();
    Some(match adapter {
        Adapter::Tower => via_tower(
            CorsLayer::new(policy).with_shadow(candidate),
            method,
            headers,
            app,
        ),
        Adapter::Actix => via_actix(
            cors_runtime::actix::Cors::new(policy).with_shadow(candidate),
            method,
            headers,
            app,
        ),
        Adapter::Poem => via_poem(
            cors_runtime::poem::Cors::new(policy).with_shadow(candidate),
            method,
            headers,
            app,
        ),
        Adapter::Salvo => via_salvo(
            cors_runtime::salvo::Cors::new(policy).with_shadow(candidate),
            method,
            headers,
            app,
        ),
        Adapter::Rocket => via_rocket(
            cors_runtime::rocket::Cors::new(policy).with_shadow(candidate),
            method,
            headers,
            app,
        ),
    })
}

fn counter() -> (Arc<AtomicUsize>, Arc<AtomicUsize>) {
    let calls = Arc::new(AtomicUsize::new(0));
    (calls.clone(), calls)
}

/// `cors_runtime::tower::Cors`, calling the service directly.
fn via_tower<P: PolicySource, Sh: Shadow>(
    layer: CorsLayer<P, Sh>,
    method: &[u8],
    headers: &Fields,
    app: &App,
) -> Raw {
    let (calls, counter) = counter();
    let answer = app.clone();
    let inner = tower::service_fn(move |_request: http::Request<String>| {
        counter.fetch_add(1, Ordering::SeqCst);
        let mut response = http::Response::new(APP_BODY.to_owned());
        *response.status_mut() = http::StatusCode::from_u16(answer.status).unwrap();
        for (name, value) in &answer.headers {
            response.headers_mut().append(
                http::HeaderName::from_static(name),
                http::HeaderValue::from_static(value),
            );
        }
        async move { Ok::<_, Infallible>(response) }
    });
    let service = tower::Layer::layer(&layer, inner);
    let mut request = http::Request::new(String::new());
    *request.method_mut() = http::Method::from_bytes(method).unwrap();
    for (name, value) in headers {
        request.headers_mut().append(
            http::HeaderName::from_static(name),
            http::HeaderValue::from_bytes(value).unwrap(),
        );
    }
    let response = block_on(service.oneshot(request)).unwrap();
    Raw {
        status: response.status().as_u16(),
        fields: http_fields(response.headers()),
        app_calls: calls.load(Ordering::SeqCst),
        body: response.into_body().into_bytes(),
    }
}

fn http_fields(headers: &http::HeaderMap) -> Vec<(String, Vec<u8>)> {
    headers
        .iter()
        .map(|(name, value)| (name.as_str().to_owned(), value.as_bytes().to_vec()))
        .collect()
}

/// `cors_runtime::actix::Cors`, with `init_service` + `call_service`.
fn via_actix<P: PolicySource, Sh: Shadow>(
    cors: cors_runtime::actix::Cors<P, Sh>,
    method: &[u8],
    headers: &Fields,
    app: &App,
) -> Raw {
    use actix_web::http::header::{HeaderName, HeaderValue};
    use actix_web::{test, web, HttpResponse};

    let (calls, counter) = counter();
    let answer = app.clone();
    let method = actix_web::http::Method::from_bytes(method).unwrap();
    let headers: Vec<(HeaderName, HeaderValue)> = headers
        .iter()
        .map(|(name, value)| {
            (
                HeaderName::from_static(name),
                HeaderValue::from_bytes(value).unwrap(),
            )
        })
        .collect();
    let (status, fields, body) = actix_web::rt::System::new().block_on(async move {
        let service = test::init_service(actix_web::App::new().wrap(cors).default_service(
            web::to(move || {
                counter.fetch_add(1, Ordering::SeqCst);
                let status = actix_web::http::StatusCode::from_u16(answer.status).unwrap();
                let mut response = HttpResponse::build(status);
                for (name, value) in &answer.headers {
                    response.append_header((*name, *value));
                }
                let response = response.body(APP_BODY);
                async move { response }
            }),
        ))
        .await;
        let mut request = test::TestRequest::default().method(method);
        for header in headers {
            request = request.append_header(header);
        }
        let response = test::call_service(&service, request.to_request()).await;
        let status = response.status().as_u16();
        let fields: Vec<(String, Vec<u8>)> = response
            .headers()
            .iter()
            .map(|(name, value)| (name.as_str().to_owned(), value.as_bytes().to_vec()))
            .collect();
        let body = test::read_body(response).await;
        (status, fields, body.to_vec())
    });
    Raw {
        status,
        fields,
        app_calls: calls.load(Ordering::SeqCst),
        body,
    }
}

/// The application as a Poem endpoint.
struct PoemApp {
    calls: Arc<AtomicUsize>,
    app: App,
}

impl poem::Endpoint for PoemApp {
    type Output = poem::Response;

    async fn call(&self, _request: poem::Request) -> poem::Result<poem::Response> {
        self.calls.fetch_add(1, Ordering::SeqCst);
        let mut response = poem::Response::builder()
            .status(http::StatusCode::from_u16(self.app.status).unwrap())
            .body(APP_BODY);
        for (name, value) in &self.app.headers {
            response.headers_mut().append(
                http::HeaderName::from_static(name),
                http::HeaderValue::from_static(value),
            );
        }
        Ok(response)
    }
}

/// `cors_runtime::poem::Cors` with `EndpointExt::with`, calling the
/// endpoint directly.
fn via_poem<P: PolicySource, Sh: Shadow>(
    cors: cors_runtime::poem::Cors<P, Sh>,
    method: &[u8],
    headers: &Fields,
    app: &App,
) -> Raw {
    use poem::{Endpoint, EndpointExt};

    let (calls, counter) = counter();
    let endpoint = PoemApp {
        calls: counter,
        app: app.clone(),
    }
    .with(cors);
    let mut request = poem::Request::builder()
        .method(http::Method::from_bytes(method).unwrap())
        .uri_str("/");
    for (name, value) in headers {
        request = request.header(
            http::HeaderName::from_static(name),
            http::HeaderValue::from_bytes(value).unwrap(),
        );
    }
    let response = block_on(endpoint.get_response(request.finish()));
    let status = response.status().as_u16();
    let fields = http_fields(response.headers());
    let body = block_on(response.into_body().into_vec()).unwrap();
    Raw {
        status,
        fields,
        app_calls: calls.load(Ordering::SeqCst),
        body,
    }
}

/// The application as a Salvo handler.
struct SalvoApp {
    calls: Arc<AtomicUsize>,
    app: App,
}

#[salvo_core::async_trait]
impl salvo_core::Handler for SalvoApp {
    async fn handle(
        &self,
        _request: &mut salvo_core::Request,
        _depot: &mut salvo_core::Depot,
        response: &mut salvo_core::Response,
        _ctrl: &mut salvo_core::FlowCtrl,
    ) {
        self.calls.fetch_add(1, Ordering::SeqCst);
        response.status_code(http::StatusCode::from_u16(self.app.status).unwrap());
        for (name, value) in &self.app.headers {
            response.headers_mut().append(
                http::HeaderName::from_static(name),
                http::HeaderValue::from_static(value),
            );
        }
        response.body(APP_BODY);
    }
}

/// `cors_runtime::salvo::Cors` with `Service::hoop`, through the service's
/// own request handler (routing, hoops, catcher), without a socket.
fn via_salvo<P: PolicySource, Sh: Shadow>(
    cors: cors_runtime::salvo::Cors<P, Sh>,
    method: &[u8],
    headers: &Fields,
    app: &App,
) -> Raw {
    use salvo_core::conn::SocketAddr;
    use salvo_core::http::ResBody;
    use salvo_core::{ConnCtrl, Router, Service};

    let (calls, counter) = counter();
    let router = Router::with_path("{**rest}").goal(SalvoApp {
        calls: counter,
        app: app.clone(),
    });
    let service = Service::new(router).hoop(cors);
    let handler = service.hyper_handler(
        SocketAddr::Unknown,
        SocketAddr::Unknown,
        http::uri::Scheme::HTTP,
        None,
        ConnCtrl::new(),
        None,
    );
    let mut request = salvo_core::Request::new();
    *request.method_mut() = http::Method::from_bytes(method).unwrap();
    request.set_uri(http::Uri::from_static("http://localhost/"));
    for (name, value) in headers {
        request.headers_mut().append(
            http::HeaderName::from_static(name),
            http::HeaderValue::from_bytes(value).unwrap(),
        );
    }
    let mut response = block_on(handler.handle(request));
    let status = response.status_code.map_or(0, |status| status.as_u16());
    let fields = http_fields(response.headers());
    let body = match response.take_body() {
        ResBody::None => Vec::new(),
        ResBody::Once(bytes) => bytes.to_vec(),
        ResBody::Chunks(chunks) => chunks.iter().flat_map(|c| c.to_vec()).collect(),
        other => panic!("unexpected salvo body {other:?}"),
    };
    Raw {
        status,
        fields,
        app_calls: calls.load(Ordering::SeqCst),
        body,
    }
}

/// The application as a Rocket route handler (every method, every path).
#[derive(Clone)]
struct RocketApp {
    calls: Arc<AtomicUsize>,
    app: App,
}

#[rocket::async_trait]
impl rocket::route::Handler for RocketApp {
    async fn handle<'r>(
        &self,
        _request: &'r rocket::Request<'_>,
        _data: rocket::Data<'r>,
    ) -> rocket::route::Outcome<'r> {
        self.calls.fetch_add(1, Ordering::SeqCst);
        let mut response = rocket::Response::build()
            .status(rocket::http::Status::new(self.app.status))
            .sized_body(APP_BODY.len(), std::io::Cursor::new(APP_BODY))
            .finalize();
        for (name, value) in &self.app.headers {
            response.adjoin_header(rocket::http::Header::new(*name, *value));
        }
        rocket::route::Outcome::Success(response)
    }
}

/// `cors_runtime::rocket::Cors` attached to a Rocket with the application
/// on every path, through Rocket's local client (routing, fairings,
/// catchers; no socket). Header values that are not UTF-8 are sent as
/// their lossy conversion: Rocket's headers are text.
fn via_rocket<P: PolicySource, Sh: Shadow>(
    cors: cors_runtime::rocket::Cors<P, Sh>,
    method: &[u8],
    headers: &Fields,
    app: &App,
) -> Raw {
    use rocket::http::{Header, Method};
    use rocket::local::asynchronous::Client;

    let (calls, counter) = counter();
    let handler = RocketApp {
        calls: counter,
        app: app.clone(),
    };
    let routes: Vec<rocket::Route> = [
        Method::Get,
        Method::Put,
        Method::Post,
        Method::Delete,
        Method::Options,
        Method::Head,
        Method::Patch,
        Method::Trace,
        Method::Connect,
    ]
    .into_iter()
    .map(|method| rocket::Route::new(method, "/<path..>", handler.clone()))
    .collect();
    let config = rocket::Config {
        log_level: rocket::config::LogLevel::Off,
        ident: rocket::config::Ident::none(),
        ..rocket::Config::debug_default()
    };
    let method: Method = std::str::from_utf8(method).unwrap().parse().unwrap();
    let headers: Vec<Header<'static>> = headers
        .iter()
        .map(|(name, value)| Header::new(*name, String::from_utf8_lossy(value).into_owned()))
        .collect();
    // Rocket sets the global `log` level to debug while building an
    // instance, then to the config's level: one instance at a time keeps
    // the tests quiet.
    static ROCKET: std::sync::Mutex<()> = std::sync::Mutex::new(());
    let _one_at_a_time = ROCKET
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    // On this thread, so that a thread-local subscriber sees the events.
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("tokio runtime");
    let (status, fields, body) = runtime.block_on(async move {
        let rocket = rocket::custom(config)
            .mount("/", routes)
            // No security headers: the tables compare every other field.
            .attach(rocket::shield::Shield::new())
            .attach(cors);
        let client = Client::untracked(rocket).await.expect("rocket ignites");
        let mut request = client.req(method, "/");
        for header in headers {
            request.add_header(header);
        }
        let response = request.dispatch().await;
        let status = response.status().code;
        let fields: Vec<(String, Vec<u8>)> = response
            .headers()
            .iter()
            .map(|header| {
                (
                    header.name().as_str().to_ascii_lowercase(),
                    header.value().as_bytes().to_vec(),
                )
            })
            .collect();
        let body = response.into_bytes().await.unwrap_or_default();
        (status, fields, body)
    });
    Raw {
        status,
        fields,
        app_calls: calls.load(Ordering::SeqCst),
        body,
    }
}

/// Runs `req` through every adapter that can receive it; they must answer
/// identically (status, `Access-Control-*` and `Vary` fields, other fields,
/// application calls, body). Returns the common answer.
pub fn run<P: PolicySource>(policy: P, req: &Req, app: &App) -> Resp {
    let mut answers = Adapter::ALL.into_iter().filter_map(|adapter| {
        let raw = call(
            adapter,
            policy.clone(),
            req.method.as_bytes(),
            &req.headers,
            app,
        )?;
        let fields = raw
            .fields
            .into_iter()
            .map(|(name, value)| (name, String::from_utf8_lossy(&value).into_owned()));
        let body = String::from_utf8(raw.body).expect("a UTF-8 body");
        Some((adapter, reduce(raw.status, fields, raw.app_calls, body)))
    });
    let (_, first) = answers.next().expect("adapters");
    for (adapter, answer) in answers {
        assert_eq!(
            answer,
            first,
            "{} differs from tower for {req:?}",
            adapter.name()
        );
    }
    first
}

/// Prints how many rows of a table ran through each adapter (and how many
/// an adapter cannot receive), e.g. `protocol/origins: tower 25, actix 25,
/// poem 25, salvo 25, rocket 25 (of 25 rows)`. Shown with
/// `cargo test -- --nocapture`.
pub fn report<'m>(table: &str, methods: impl IntoIterator<Item = &'m [u8]>) {
    let methods: Vec<&[u8]> = methods.into_iter().collect();
    let counts: Vec<String> = Adapter::ALL
        .iter()
        .map(|&adapter| {
            let ran = methods.iter().filter(|m| receives(adapter, m)).count();
            let skipped = methods.len() - ran;
            if skipped == 0 {
                format!("{} {ran}", adapter.name())
            } else {
                format!(
                    "{} {ran} ({skipped} with a method it cannot receive)",
                    adapter.name()
                )
            }
        })
        .collect();
    println!("{table}: {} (of {} rows)", counts.join(", "), methods.len());
}
