//! [`Val`]: a header value held by a decision.

use crate::headers::HeaderValueLike;
use crate::value::ConstValue;

/// A header value in a decision: a policy constant, or a request value to echo.
#[derive(Clone, Debug)]
pub(super) enum Val<'r, V> {
    Const(&'r ConstValue),
    Request(&'r V),
    Owned(V),
}

impl<V: HeaderValueLike> Val<'_, V> {
    #[inline]
    pub(super) fn value(&self) -> V {
        match self {
            Val::Const(value) => V::from_const(value),
            Val::Request(value) => (*value).clone(),
            Val::Owned(value) => value.clone(),
        }
    }

    #[inline]
    pub(super) fn into_owned(self) -> Val<'static, V> {
        match self {
            Val::Const(value) => Val::Owned(V::from_const(value)),
            Val::Request(value) => Val::Owned(value.clone()),
            Val::Owned(value) => Val::Owned(value),
        }
    }
}
