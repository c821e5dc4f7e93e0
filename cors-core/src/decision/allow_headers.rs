//! `Access-Control-Allow-Headers` of a successful preflight: one constant,
//! one echoed field, or every ACRH field echoed.

use super::val::Val;
use super::write::remove;
use crate::acrh;
use crate::headers::{CorsHeader, HeaderValueLike, Present, ResponseHeaders};

/// `Access-Control-Allow-Headers` of a successful preflight.
#[derive(Clone, Debug)]
pub(super) enum AllowHeaders<'r, V> {
    /// Not sent.
    None,
    /// One field: a constant, or the one request field echoed.
    One(Val<'r, V>),
    /// `request-headers: *` with credentials and several ACRH fields: each
    /// field echoed as one field (browsers join them).
    Fields([Option<&'r V>; acrh::MAX_FIELDS]),
    /// [`AllowHeaders::Fields`] detached from the request by
    /// [`Decision::into_owned`] (`preflight: forward` only): the one
    /// allocation of that rare path.
    OwnedFields(Vec<V>),
}

impl<V: HeaderValueLike> AllowHeaders<'_, V> {
    #[inline]
    pub(super) fn into_owned(self) -> AllowHeaders<'static, V> {
        match self {
            AllowHeaders::None => AllowHeaders::None,
            AllowHeaders::One(value) => AllowHeaders::One(value.into_owned()),
            AllowHeaders::Fields(fields) => {
                AllowHeaders::OwnedFields(fields.into_iter().flatten().cloned().collect())
            }
            AllowHeaders::OwnedFields(fields) => AllowHeaders::OwnedFields(fields),
        }
    }

    #[inline]
    pub(super) fn write<W: ResponseHeaders<Value = V> + ?Sized>(
        &self,
        headers: &mut W,
        present: Present,
    ) {
        let mut fields = match self {
            AllowHeaders::None => {
                remove(headers, present, CorsHeader::AllowHeaders);
                return;
            }
            AllowHeaders::One(value) => {
                headers.set(CorsHeader::AllowHeaders, value.value());
                return;
            }
            AllowHeaders::Fields(fields) => {
                EitherIter::Borrowed(fields.iter().flatten().map(|v| (*v).clone()))
            }
            AllowHeaders::OwnedFields(fields) => EitherIter::Owned(fields.iter().cloned()),
        };
        match fields.next() {
            Some(first) => {
                headers.set(CorsHeader::AllowHeaders, first);
                for next in fields {
                    headers.append(CorsHeader::AllowHeaders, next);
                }
            }
            None => remove(headers, present, CorsHeader::AllowHeaders),
        }
    }
}

enum EitherIter<A, B> {
    Borrowed(A),
    Owned(B),
}

impl<T, A: Iterator<Item = T>, B: Iterator<Item = T>> Iterator for EitherIter<A, B> {
    type Item = T;
    fn next(&mut self) -> Option<T> {
        match self {
            EitherIter::Borrowed(a) => a.next(),
            EitherIter::Owned(b) => b.next(),
        }
    }
}
