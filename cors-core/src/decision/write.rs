//! Writing a decision into a response: [`Decision::apply`] and the
//! middleware's own preflight answer.

use super::vary::{add_vary, VaryTokens};
use super::{val::Val, AllowHeaders, Decision, RequestKind, TRUE};
use crate::headers::{CorsHeader, HeaderValueLike, Present, ResponseHeaders};
use crate::Outcome;

impl<V: HeaderValueLike> Decision<'_, V> {
    /// Writes the decision into a response's headers (PROTOCOL §3–5).
    /// A WebSocket handshake checked under `websocket: check-origin;`
    /// ([`RequestKind::WebSocket`]) gets nothing (PROTOCOL §9).
    ///
    /// - `Access-Control-*` headers are **set** (one field each, replacing
    ///   any the application wrote), and the ones this response must not
    ///   carry are **removed**: a refused request gets none at all, an
    ///   actual response never gets `ACAM`/`ACAH`/`ACMA`/`ACAPN`, a preflight
    ///   never gets `ACEH`.
    /// - `Vary` is **appended** to: `origin` on non-preflight responses of
    ///   policies whose answer depends on the origin; `origin,
    ///   access-control-request-method, access-control-request-headers` on
    ///   preflight answers. Tokens already present are not repeated, and
    ///   `Vary: *` is left alone.
    /// - Under `request-headers: *` with credentials, `ACAH` echoes each ACRH
    ///   field of the request as one field (several ACRH fields give as many
    ///   ACAH fields; browsers join them).
    #[inline]
    pub fn apply<W: ResponseHeaders<Value = V> + ?Sized>(&self, headers: &mut W) {
        // Only fields the response already holds are removed or scanned.
        let present = headers.present();
        self.apply_present(headers, present);
    }

    /// [`Decision::apply`] to headers of which `present` are all the CORS
    /// ones (and `Vary`) they may hold: [`Present::NONE`] for a new map.
    #[inline]
    fn apply_present<W: ResponseHeaders<Value = V> + ?Sized>(
        &self,
        headers: &mut W,
        present: Present,
    ) {
        if self.kind == RequestKind::WebSocket {
            // Handshakes checked under `websocket: check-origin;` get no
            // CORS headers, allowed or not.
            return;
        }
        let preflight = self.kind == RequestKind::Preflight;
        if preflight && !self.allowed {
            for name in CorsHeader::RESPONSE {
                remove(headers, present, name);
            }
            add_vary(headers, present, VaryTokens::PREFLIGHT);
            return;
        }
        // Allowed answers, and actual requests whether allowed or not (a
        // refused one has neither value, so both are removed).
        let origin = &self.allow_origin;
        let credentials = self.allow_credentials;
        if preflight {
            set_val(headers, present, CorsHeader::AllowOrigin, origin);
            set_flag(headers, present, CorsHeader::AllowCredentials, credentials);
            let methods = &self.allow_methods;
            set_val(headers, present, CorsHeader::AllowMethods, methods);
            self.allow_headers.write(headers, present);
            set_val(headers, present, CorsHeader::MaxAge, &self.max_age);
            let private_network = self.allow_private_network;
            set_flag(
                headers,
                present,
                CorsHeader::AllowPrivateNetwork,
                private_network,
            );
            remove(headers, present, CorsHeader::ExposeHeaders);
            add_vary(headers, present, VaryTokens::PREFLIGHT);
        } else {
            let actual = ActualHeaders {
                allow_origin: origin.as_ref().map(Val::value),
                expose_headers: self.expose_headers.as_ref().map(Val::value),
                allow_credentials: credentials,
                vary_origin: self.vary_origin,
            };
            write_actual_out_of_line(headers, present, actual);
        }
    }
}

/// What an actual (or non-CORS) response gets: the owned values of a
/// decision and its two flags.
#[derive(Clone, Debug)]
pub(super) struct ActualHeaders<V> {
    pub(super) allow_origin: Option<V>,
    pub(super) expose_headers: Option<V>,
    pub(super) allow_credentials: bool,
    pub(super) vary_origin: bool,
}

/// The headers of an actual (or non-CORS) response: `ACAO`, `ACAC` and
/// `ACEH` set or removed, the preflight-only ones removed, `Vary: origin`
/// appended when the answer depends on the origin. The one writer of both
/// [`Decision::apply`] and [`Deferred::apply`](super::Deferred::apply).
/// Always inlined into `Deferred::apply` (the per-request path of the
/// adapters); `Decision::apply` calls it out of line, so that its preflight
/// answers stay small.
#[inline(always)]
pub(super) fn write_actual<W, V>(headers: &mut W, present: Present, actual: ActualHeaders<V>)
where
    W: ResponseHeaders<Value = V> + ?Sized,
    V: HeaderValueLike,
{
    let ActualHeaders {
        allow_origin,
        expose_headers,
        allow_credentials,
        vary_origin,
    } = actual;
    set_or_remove(headers, present, CorsHeader::AllowOrigin, allow_origin);
    set_flag(
        headers,
        present,
        CorsHeader::AllowCredentials,
        allow_credentials,
    );
    set_or_remove(headers, present, CorsHeader::ExposeHeaders, expose_headers);
    for name in [
        CorsHeader::AllowMethods,
        CorsHeader::AllowHeaders,
        CorsHeader::MaxAge,
        CorsHeader::AllowPrivateNetwork,
    ] {
        remove(headers, present, name);
    }
    if vary_origin {
        add_vary(headers, present, VaryTokens::ORIGIN);
    }
}

impl<V> Decision<'_, V> {
    /// How many header names a preflight answer gets (`Vary` included), to
    /// size its header map.
    pub(super) fn field_count(&self) -> usize {
        if self.kind == RequestKind::WebSocket {
            return 0;
        }
        if !self.allowed {
            return 1;
        }
        let acah = !matches!(self.allow_headers, AllowHeaders::None);
        1 + usize::from(self.allow_origin.is_some())
            + usize::from(self.allow_credentials)
            + usize::from(self.allow_methods.is_some())
            + usize::from(acah)
            + usize::from(self.max_age.is_some())
            + usize::from(self.allow_private_network)
    }
}

impl Decision<'_, http::HeaderValue> {
    /// [`Decision::apply`] for an `http` 1.x response header map.
    ///
    /// Allocation-free when `headers` has room for the new fields (and no
    /// `Vary` field yet: appending a second field to a name may grow the
    /// map's extra-value storage).
    pub fn apply_to(&self, headers: &mut http::HeaderMap) {
        self.apply(headers);
    }

    /// The middleware's own answer when [`Decision::outcome`] is
    /// [`Outcome::Respond`]: the status, an empty (`Default`) body and the
    /// headers; `None` when the application must be called.
    ///
    /// The response's header map is created with room for every header
    /// written (its only allocations).
    pub fn preflight_response<B: Default>(&self) -> Option<http::Response<B>> {
        let Outcome::Respond(status) = self.outcome else {
            return None;
        };
        let mut response = http::Response::new(B::default());
        *response.status_mut() = status;
        let headers = response.headers_mut();
        // Room in the new, unallocated map (not a second map replacing it:
        // dropping the first one costs as much as the reservation).
        headers.reserve(self.field_count());
        // A new map: nothing to remove, no `Vary` to read.
        self.apply_present(headers, Present::NONE);
        Some(response)
    }
}

/// [`write_actual`], not inlined.
#[inline(never)]
fn write_actual_out_of_line<W, V>(headers: &mut W, present: Present, actual: ActualHeaders<V>)
where
    W: ResponseHeaders<Value = V> + ?Sized,
    V: HeaderValueLike,
{
    write_actual(headers, present, actual);
}

/// Removes `name` if the response holds it.
#[inline]
pub(super) fn remove<W: ResponseHeaders + ?Sized>(
    headers: &mut W,
    present: Present,
    name: CorsHeader,
) {
    if present.has(name) {
        headers.remove(name);
    }
}

/// Sets `name` to `value`, or removes it if the response holds it.
#[inline]
fn set_or_remove<W, V>(headers: &mut W, present: Present, name: CorsHeader, value: Option<V>)
where
    W: ResponseHeaders<Value = V> + ?Sized,
    V: HeaderValueLike,
{
    match value {
        Some(value) => headers.set(name, value),
        None => remove(headers, present, name),
    }
}

/// [`set_or_remove`] with a decision's value.
#[inline]
fn set_val<W, V>(headers: &mut W, present: Present, name: CorsHeader, value: &Option<Val<'_, V>>)
where
    W: ResponseHeaders<Value = V> + ?Sized,
    V: HeaderValueLike,
{
    set_or_remove(headers, present, name, value.as_ref().map(Val::value));
}

#[inline]
fn set_flag<W, V>(headers: &mut W, present: Present, name: CorsHeader, on: bool)
where
    W: ResponseHeaders<Value = V> + ?Sized,
    V: HeaderValueLike,
{
    if on {
        headers.set(name, V::from_const(&TRUE));
    } else {
        remove(headers, present, name);
    }
}
