use std::future::Future;
use std::pin::Pin;
use std::task::{ready, Context, Poll};

use actix_web::body::{EitherBody, MessageBody};
use actix_web::dev::ServiceResponse;
use actix_web::http::header::HeaderValue;
use actix_web::{Error, HttpResponse, ResponseError};
use pin_project_lite::pin_project;

use super::ActixResponseHeaders;
use crate::Deferred;

pin_project! {
    /// The future of [`super::CorsMiddleware`]: the application's future,
    /// whose response (or error, turned into its response) gets the CORS
    /// headers, or a preflight answer ready at once.
    pub struct CorsFuture<F, B> {
        #[pin]
        state: State<F, B>,
    }
}

pin_project! {
    #[project = StateProj]
    enum State<F, B> {
        Inner {
            #[pin]
            future: F,
            deferred: Deferred<HeaderValue>,
        },
        Ready {
            response: Option<ServiceResponse<EitherBody<B>>>,
        },
    }
}

impl<F, B> CorsFuture<F, B> {
    pub(super) fn inner(future: F, deferred: Deferred<HeaderValue>) -> Self {
        CorsFuture {
            state: State::Inner { future, deferred },
        }
    }

    pub(super) fn ready(response: ServiceResponse<EitherBody<B>>) -> Self {
        CorsFuture {
            state: State::Ready {
                response: Some(response),
            },
        }
    }
}

impl<F, B> Future for CorsFuture<F, B>
where
    F: Future<Output = Result<ServiceResponse<B>, Error>>,
    B: MessageBody + 'static,
{
    type Output = Result<ServiceResponse<EitherBody<B>>, Error>;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        match self.project().state.project() {
            StateProj::Inner { future, deferred } => match ready!(future.poll(cx)) {
                Ok(response) => {
                    let mut response = response.map_into_left_body();
                    std::mem::take(deferred)
                        .apply(&mut ActixResponseHeaders::new(response.headers_mut()));
                    Poll::Ready(Ok(response))
                }
                Err(error) => Poll::Ready(Err(Error::from(WithCorsHeaders {
                    error,
                    deferred: std::mem::take(deferred),
                }))),
            },
            StateProj::Ready { response } => match response.take() {
                Some(response) => Poll::Ready(Ok(response)),
                None => Poll::Pending,
            },
        }
    }
}

impl<F, B> std::fmt::Debug for CorsFuture<F, B> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CorsFuture").finish_non_exhaustive()
    }
}

/// An error from the wrapped service, whose response gets the CORS headers
/// when actix-web renders it.
struct WithCorsHeaders {
    error: Error,
    deferred: Deferred<HeaderValue>,
}

impl std::fmt::Debug for WithCorsHeaders {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Debug::fmt(&self.error, f)
    }
}

impl std::fmt::Display for WithCorsHeaders {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Display::fmt(&self.error, f)
    }
}

impl ResponseError for WithCorsHeaders {
    fn status_code(&self) -> actix_web::http::StatusCode {
        self.error.as_response_error().status_code()
    }

    fn error_response(&self) -> HttpResponse {
        let mut response = self.error.error_response();
        // `&self`: actix-web may render an error more than once.
        self.deferred
            .clone()
            .apply(&mut ActixResponseHeaders::new(response.headers_mut()));
        response
    }
}
