//! The Rocket runner: the application as a Rocket route handler, with
//! `cors_runtime::rocket::Cors`, through Rocket's local client.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use cors_runtime::observe::Shadow;
use cors_runtime::PolicySource;

use super::{counter, Fields, Raw};
use crate::support::harness::{App, APP_BODY};

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
pub(super) fn via_rocket<P: PolicySource, Sh: Shadow>(
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
