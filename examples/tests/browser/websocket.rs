//! `websocket: check-origin;` over a real loopback socket: the example API
//! (policy `Api`, which says it) with its `/ws` echo route, and a
//! tokio-tungstenite client sending handshakes with several `Origin`s.
//! No browser needed: browsers send exactly these handshakes, and the point
//! is what the server does with them.

use std::sync::Arc;

use cors_examples::api::Stats;
use cors_examples::axum_app::{api_router, serve, WEBSOCKET_PATH};
use cors_examples::config::bind_loopback;
use cors_examples::policy::Api;
use futures_util::{SinkExt, StreamExt};
use tokio_tungstenite::tungstenite::client::IntoClientRequest;
use tokio_tungstenite::tungstenite::{Error, Message};

cors_runtime::cors_policy! {
    /// The same origins as `Api`, without the WebSocket check.
    policy Unchecked {
        origins: "http://localhost:*", "http://*.localhost:*";
    }
}

/// Opens a WebSocket to `port` with `origin` (none when `None`): the echo
/// of one message on success, else the refusing response's status and
/// headers.
async fn open(port: u16, origin: Option<&str>) -> Result<String, (u16, http::HeaderMap, usize)> {
    let url = format!("ws://127.0.0.1:{port}{WEBSOCKET_PATH}");
    let mut request = url.into_client_request().expect("request");
    if let Some(origin) = origin {
        request
            .headers_mut()
            .insert("origin", origin.parse().expect("origin"));
    }
    let stream = tokio::net::TcpStream::connect(("127.0.0.1", port))
        .await
        .expect("connect");
    match tokio_tungstenite::client_async(request, stream).await {
        Ok((mut socket, response)) => {
            assert_eq!(response.status(), 101);
            assert!(
                !response
                    .headers()
                    .keys()
                    .any(|name| name.as_str().starts_with("access-control-")),
                "no CORS header on a handshake: {:?}",
                response.headers()
            );
            socket.send(Message::text("ping")).await.expect("send");
            let echo = socket.next().await.expect("an echo").expect("a message");
            Ok(echo.into_text().expect("text").to_string())
        }
        Err(Error::Http(response)) => {
            let body = response.body().as_ref().map_or(0, Vec::len);
            Err((response.status().as_u16(), response.headers().clone(), body))
        }
        Err(other) => panic!("unexpected handshake error: {other}"),
    }
}

#[test]
fn websocket_handshakes_over_loopback() {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .enable_all()
        .build()
        .expect("tokio runtime");
    runtime.block_on(async {
        let start = |router: axum::Router| {
            let listener = bind_loopback(0).expect("bind 127.0.0.1:0");
            let port = listener.local_addr().expect("local addr").port();
            tokio::spawn(serve(listener, router));
            port
        };
        let stats = Arc::new(Stats::default());
        let checked = start(api_router(Api, stats.clone()));
        let unchecked = start(api_router(Unchecked, Arc::new(Stats::default())));

        // Refused: another origin, an uppercase host, two fields' worth of
        // origin in one (byte-exact), a scheme the policy does not list.
        let mut rows = 0;
        for origin in [
            "https://evil.example",
            "http://LOCALHOST:3000",
            "https://localhost:3000",
            "null",
        ] {
            let (status, headers, body) = open(checked, Some(origin)).await.unwrap_err();
            assert_eq!(status, 403, "{origin}");
            assert_eq!(body, 0, "empty body for {origin}");
            assert!(
                !headers
                    .keys()
                    .any(|name| name.as_str().starts_with("access-control-")),
                "{origin}: {headers:?}"
            );
            rows += 1;
        }
        // Accepted: the page's origins, and no Origin at all (not a browser).
        for origin in [
            Some("http://localhost:3000"),
            Some("http://app.localhost:5173"),
            None,
        ] {
            assert_eq!(
                open(checked, origin).await.as_deref(),
                Ok("ping"),
                "{origin:?}"
            );
            rows += 1;
        }
        // The counter outside the CORS layer saw all 7 handshakes; the echo
        // route only the 3 accepted ones.
        assert_eq!((stats.requests(), stats.sockets()), (7, 3));

        // Without `websocket: check-origin;` any page may open a socket.
        assert_eq!(
            open(unchecked, Some("https://evil.example"))
                .await
                .as_deref(),
            Ok("ping")
        );
        rows += 1;
        println!("websocket: {rows} handshakes over loopback");
    });
}
