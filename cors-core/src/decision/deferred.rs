//! [`Deferred`]: what a decision still has to write once the application
//! has answered, detached from the request and the policy and small enough
//! to travel in a response future.

use super::write::{write_actual, ActualHeaders};
use super::{AllowHeaders, Decision, RequestKind, Val};
use crate::headers::{HeaderValueLike, ResponseHeaders};

/// The part of a [`Decision`] that the application's response still needs
/// ([`Outcome::CallApp`](crate::Outcome::CallApp)), owned: made by
/// [`Decision::defer`], written by [`Deferred::apply`].
///
/// An adapter keeps it across the application's `await` instead of the
/// whole decision: it holds only what an actual (or non-CORS) response gets,
/// the allowed origin, `Access-Control-Expose-Headers` and two flags, so the
/// future stays small and detaching costs one clone per value written.
/// A successful preflight under `preflight: forward` keeps its whole
/// decision, boxed (that rare path's one allocation).
///
/// ```
/// use cors_core::plan::{OriginsPlan, Plan};
/// let any_origin = cors_core::Interpreted::new(Plan::new("Public", OriginsPlan::Any)).unwrap();
/// let mut request = http::HeaderMap::new();
/// request.insert("origin", "https://a.example".parse().unwrap());
/// let deferred = cors_core::decide(&any_origin, &http::Method::GET, &request).defer();
/// drop(request); // the application runs
/// let mut response = http::HeaderMap::new();
/// deferred.apply_to(&mut response);
/// assert_eq!(response["access-control-allow-origin"], "*");
/// ```
#[derive(Clone, Debug)]
pub struct Deferred<V: 'static>(Kind<V>);

#[derive(Clone, Debug)]
enum Kind<V: 'static> {
    /// Nothing is written: a WebSocket handshake checked under
    /// `websocket: check-origin;`, or a decision already applied.
    Nothing,
    /// An actual or non-CORS response.
    Actual(ActualHeaders<V>),
    /// A successful preflight forwarded to the application.
    Preflight(Box<Decision<'static, V>>),
}

/// Nothing to write (what is left of a [`Deferred`] moved out with
/// [`std::mem::take`]).
impl<V: 'static> Default for Deferred<V> {
    fn default() -> Self {
        Deferred(Kind::Nothing)
    }
}

impl<V: HeaderValueLike + 'static> Decision<'_, V> {
    /// Detaches what the application's response still needs (see
    /// [`Deferred`]). Meant for [`Outcome::CallApp`](crate::Outcome::CallApp); for a
    /// decision the middleware answers itself, write
    /// the answer with [`Decision::apply`] instead.
    // Consuming and always inlined, so the decision is neither copied into
    // a call nor dropped field by field; the rare forwarded preflight is out
    // of line.
    #[inline(always)]
    pub fn defer(self) -> Deferred<V> {
        match self.kind {
            RequestKind::WebSocket => Deferred(Kind::Nothing),
            RequestKind::Preflight => Deferred(self.defer_preflight()),
            RequestKind::Actual | RequestKind::NotCors => {
                let Decision {
                    allow_origin,
                    expose_headers,
                    allow_credentials,
                    vary_origin,
                    allow_methods,
                    allow_headers,
                    max_age,
                    ..
                } = self;
                // Only preflights have these; forgetting `None` skips
                // their drop code and leaks nothing. (Every field is moved
                // out: borrowing the decision to build `ActualHeaders`, as
                // `Decision::apply` does, then dropping the rest field by
                // field, costs 25 more instructions per request.)
                debug_assert!(allow_methods.is_none() && max_age.is_none());
                debug_assert!(matches!(allow_headers, AllowHeaders::None));
                std::mem::forget((allow_methods, allow_headers, max_age));
                Deferred(Kind::Actual(ActualHeaders {
                    allow_origin: allow_origin.as_ref().map(Val::value),
                    expose_headers: expose_headers.as_ref().map(Val::value),
                    allow_credentials,
                    vary_origin,
                }))
            }
        }
    }
}

impl<V: HeaderValueLike + 'static> Decision<'_, V> {
    #[cold]
    #[inline(never)]
    fn defer_preflight(self) -> Kind<V> {
        Kind::Preflight(Box::new(self.into_owned()))
    }
}

impl<V: HeaderValueLike + 'static> Deferred<V> {
    /// Writes into the application's response what [`Decision::apply`]
    /// would have written.
    #[inline]
    pub fn apply<W: ResponseHeaders<Value = V> + ?Sized>(self, headers: &mut W) {
        match self.0 {
            Kind::Nothing => {}
            Kind::Actual(actual) => {
                let present = headers.present();
                write_actual(headers, present, actual);
            }
            Kind::Preflight(decision) => decision.apply(headers),
        }
    }
}

impl Deferred<http::HeaderValue> {
    /// [`Deferred::apply`] for an `http` 1.x response header map.
    #[inline]
    pub fn apply_to(self, headers: &mut http::HeaderMap) {
        self.apply(headers);
    }
}
