//! gRPC-web through the tower adapter: a hand-written unary tonic service
//! (no codegen, a raw-bytes codec) behind `tonic_web::GrpcWebLayer` and
//! `CorsLayer` with the documented policy `examples/policies/grpc-web.cors`.
//! A browser-shaped preflight and call from an allowed origin succeed, and
//! a failed call's `grpc-status`, `grpc-message` and
//! `grpc-status-details-bin` are readable by the script (exposed).
//! A module of the `protocol` test binary.

use std::convert::Infallible;
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

use bytes::{Buf, BufMut, Bytes};
use http_body_util::BodyExt;
use tonic::codec::{Codec, DecodeBuf, Decoder, EncodeBuf, Encoder};
use tonic::{Code, Status};
use tower::{Layer, ServiceExt};

mod policy {
    cors_runtime::cors_policy! { include "../examples/policies/grpc-web.cors"; }
}

const APP: &str = "https://app.example.com";
const PATH: &str = "/echo.Echo/Say";

/// Messages as raw bytes: no protobuf needed to speak gRPC.
#[derive(Clone, Copy, Default)]
struct RawCodec;

impl Codec for RawCodec {
    type Encode = Bytes;
    type Decode = Bytes;
    type Encoder = RawCodec;
    type Decoder = RawCodec;
    fn encoder(&mut self) -> RawCodec {
        RawCodec
    }
    fn decoder(&mut self) -> RawCodec {
        RawCodec
    }
}

impl Encoder for RawCodec {
    type Item = Bytes;
    type Error = Status;
    fn encode(&mut self, item: Bytes, dst: &mut EncodeBuf<'_>) -> Result<(), Status> {
        dst.put_slice(&item);
        Ok(())
    }
}

impl Decoder for RawCodec {
    type Item = Bytes;
    type Error = Status;
    fn decode(&mut self, src: &mut DecodeBuf<'_>) -> Result<Option<Bytes>, Status> {
        Ok(Some(src.copy_to_bytes(src.remaining())))
    }
}

/// The unary method: echoes its message, or fails with details on `fail`.
#[derive(Clone, Copy)]
struct Echo;

impl tower::Service<tonic::Request<Bytes>> for Echo {
    type Response = tonic::Response<Bytes>;
    type Error = Status;
    type Future = Pin<Box<dyn Future<Output = Result<Self::Response, Status>> + Send>>;

    fn poll_ready(&mut self, _cx: &mut Context<'_>) -> Poll<Result<(), Status>> {
        Poll::Ready(Ok(()))
    }

    fn call(&mut self, request: tonic::Request<Bytes>) -> Self::Future {
        let message = request.into_inner();
        Box::pin(async move {
            if &message[..] == b"fail" {
                Err(Status::with_details(
                    Code::InvalidArgument,
                    "no such thing",
                    Bytes::from_static(b"\x08\x03"),
                ))
            } else {
                Ok(tonic::Response::new(message))
            }
        })
    }
}

/// The gRPC server side of one request.
async fn grpc(
    request: http::Request<tonic::body::Body>,
) -> Result<http::Response<tonic::body::Body>, Infallible> {
    let mut server = tonic::server::Grpc::new(RawCodec);
    Ok(server.unary(Echo, request).await)
}

/// One length-prefixed gRPC(-web) data frame.
fn frame(message: &[u8]) -> String {
    let mut bytes = vec![0u8];
    bytes.extend_from_slice(&(message.len() as u32).to_be_bytes());
    bytes.extend_from_slice(message);
    String::from_utf8(bytes).expect("an ASCII test message")
}

/// Sends `request` through CORS → tonic-web → the service; the response's
/// status, headers and collected body.
fn send(request: http::Request<String>) -> (u16, http::HeaderMap, Bytes) {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .build()
        .expect("runtime");
    runtime.block_on(async {
        let service = cors_runtime::tower::CorsLayer::new(policy::GrpcWeb)
            .layer(tonic_web::GrpcWebLayer::new().layer(tower::service_fn(grpc)));
        let response = service.oneshot(request).await.expect("infallible");
        let (parts, body) = response.into_parts();
        let body = body.collect().await.expect("body").to_bytes();
        (parts.status.as_u16(), parts.headers, body)
    })
}

fn call(message: &[u8]) -> http::Request<String> {
    http::Request::post(PATH)
        .header("origin", APP)
        .header("content-type", "application/grpc-web+proto")
        .header("x-grpc-web", "1")
        .header("x-user-agent", "grpc-web-javascript/0.1")
        .header("grpc-timeout", "10S")
        .body(frame(message))
        .unwrap()
}

#[test]
fn grpc_web_preflight_and_calls_from_a_browser() {
    // The preflight Chromium sends before the first call.
    let preflight = http::Request::options(PATH)
        .header("origin", APP)
        .header("access-control-request-method", "POST")
        .header(
            "access-control-request-headers",
            "content-type,grpc-timeout,x-grpc-web,x-user-agent",
        )
        .body(String::new())
        .unwrap();
    let (status, headers, body) = send(preflight);
    assert_eq!(status, 204);
    assert!(body.is_empty());
    assert_eq!(headers["access-control-allow-origin"], APP);
    assert_eq!(
        headers["access-control-allow-headers"],
        "content-type,x-grpc-web,x-user-agent,grpc-timeout,authorization"
    );
    assert_eq!(headers["access-control-max-age"], "600");

    // A successful call: the message comes back in a data frame, the
    // status in the trailer frame of the body (grpc-web), readable.
    let (status, headers, body) = send(call(b"hello"));
    assert_eq!(status, 200);
    assert_eq!(headers["access-control-allow-origin"], APP);
    assert_eq!(
        headers["access-control-expose-headers"],
        "grpc-status,grpc-message,grpc-status-details-bin"
    );
    assert!(headers["content-type"]
        .to_str()
        .unwrap()
        .starts_with("application/grpc-web"));
    assert_eq!(&body[..10], b"\0\0\0\0\x05hello");
    let trailer = String::from_utf8_lossy(&body[10..]);
    assert!(trailer.contains("grpc-status:0"), "{trailer:?}");

    // A failed call answers "trailers-only": status, message and details
    // are response headers, exposed to the script.
    let (status, headers, _) = send(call(b"fail"));
    assert_eq!(status, 200);
    assert_eq!(headers["grpc-status"], "3");
    assert_eq!(headers["grpc-message"], "no%20such%20thing"); // percent-encoded
    assert!(headers.contains_key("grpc-status-details-bin"));
    let exposed = headers["access-control-expose-headers"].to_str().unwrap();
    for name in ["grpc-status", "grpc-message", "grpc-status-details-bin"] {
        assert!(exposed.split(',').any(|n| n == name), "{name} in {exposed}");
    }

    // The same call from another origin: answered by the service (CORS is
    // not access control) but unreadable for the script.
    let mut other = call(b"hello");
    other.headers_mut().insert(
        "origin",
        http::HeaderValue::from_static("https://evil.example"),
    );
    let (_, headers, _) = send(other);
    assert!(!headers.contains_key("access-control-allow-origin"));
}
