//! One route behind cors-runtime's layer; the policy is in `api.cors`.

use axum::routing::get;
use axum::Router;
use cors_runtime::tower::CorsLayer;

cors_runtime::cors_policy! {
    include "api.cors";
}

#[tokio::main]
async fn main() {
    let app = Router::new()
        .route("/", get(|| async { "hi" }))
        .layer(CorsLayer::new(Api));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    axum::serve(listener, app).await.unwrap();
}
