//! [`HeaderValueLike`] for `http` 0.2 header values (actix-web 4), with the
//! feature `http02`. The adapter implements [`RequestView`](super::RequestView)
//! and [`ResponseHeaders`](super::ResponseHeaders) over its framework's maps.

use super::HeaderValueLike;
use crate::value::ConstValue;

impl HeaderValueLike for http02::HeaderValue {
    #[inline]
    fn from_const(value: &ConstValue) -> Self {
        value.http02().clone()
    }

    #[inline]
    fn as_bytes(&self) -> &[u8] {
        http02::HeaderValue::as_bytes(self)
    }
}
