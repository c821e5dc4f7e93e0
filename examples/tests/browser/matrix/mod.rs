//! The `fetch()` matrix: the servers, a browser session, then the checks of
//! each policy (`api`, `wild`) and those where the engines differ
//! (`engines`), in that order.

mod api;
mod engines;
mod wild;

use serde_json::json;

use crate::harness::Matrix;
use crate::servers::{Adapter, Servers};
use crate::webdriver::Engine;
use crate::{browser_lock, open_session, start_driver};

/// The matrix: `fetch()` calls from pages on several origins, against
/// policies compiled by `cors_policy!` and applied by `adapter`, and what
/// `engine` reports for each.
pub fn fetch_matrix(engine: Engine, adapter: Adapter) {
    let _lock = browser_lock();
    let started = std::time::Instant::now();
    let servers = Servers::start(adapter);
    let driver = start_driver(engine);
    let session = open_session(&driver, engine);
    println!("adapter: {adapter:?}");
    let mut m = Matrix::new(&session);

    api::rows(&mut m, &servers);
    wild::rows(&mut m, &servers);
    engines::rows(&mut m, &servers, engine);

    println!(
        "{} matrix through the {adapter:?} adapter: {:.1} s",
        engine.name(),
        started.elapsed().as_secs_f64()
    );
    m.finish();
}

/// A preflighted `PUT` with a JSON body and `headers`.
fn json_put(headers: serde_json::Value) -> serde_json::Value {
    json!({ "method": "PUT", "headers": headers, "body": "{\"name\":\"teapot\"}" })
}
