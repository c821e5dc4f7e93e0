use std::future::Future;
use std::pin::Pin;
use std::task::{ready, Context, Poll};

use pin_project_lite::pin_project;

use crate::Deferred;

pin_project! {
    /// The future of [`super::Cors`]: either the inner service's future, whose
    /// response gets the CORS headers, or a preflight answer ready at once.
    pub struct ResponseFuture<F, ResBody> {
        #[pin]
        state: State<F, ResBody>,
    }
}

pin_project! {
    #[project = StateProj]
    enum State<F, ResBody> {
        Inner {
            #[pin]
            future: F,
            deferred: Deferred<http::HeaderValue>,
        },
        Ready {
            response: Option<http::Response<ResBody>>,
        },
    }
}

impl<F, ResBody> ResponseFuture<F, ResBody> {
    pub(super) fn inner(future: F, deferred: Deferred<http::HeaderValue>) -> Self {
        ResponseFuture {
            state: State::Inner { future, deferred },
        }
    }

    pub(super) fn ready(response: Option<http::Response<ResBody>>) -> Self {
        ResponseFuture {
            state: State::Ready { response },
        }
    }
}

impl<F, ResBody, E> Future for ResponseFuture<F, ResBody>
where
    F: Future<Output = Result<http::Response<ResBody>, E>>,
{
    type Output = Result<http::Response<ResBody>, E>;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        match self.project().state.project() {
            StateProj::Inner { future, deferred } => {
                let mut response = ready!(future.poll(cx))?;
                std::mem::take(deferred).apply_to(response.headers_mut());
                Poll::Ready(Ok(response))
            }
            StateProj::Ready { response } => match response.take() {
                Some(response) => Poll::Ready(Ok(response)),
                // Polled after completion; `ready` is only built with a response.
                None => Poll::Pending,
            },
        }
    }
}

impl<F, ResBody> std::fmt::Debug for ResponseFuture<F, ResBody> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ResponseFuture").finish_non_exhaustive()
    }
}
