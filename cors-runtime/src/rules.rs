//! How a validated policy model becomes runtime values: the rules shared by
//! the code `cors_policy!` generates (which calls these `const fn`s in its
//! `static` initializers) and the run-time engine (which calls them on data).
//! Keeping them here, once, is what makes the two engines agree.
//!
//! Not a public API (reached through `__private`); names may change in any
//! release.

use crate::origin::WildcardPattern;
use crate::policy::{PreflightStatus, RequestHeaderRule};
use crate::value::ConstValue;

/// `Access-Control-Expose-Headers` of `expose-headers: *`.
pub const EXPOSE_ANY: &str = "*";

/// The separator of the header lists the middleware sends (`ACAH`, `ACEH`):
/// a comma without spaces, as browsers write `Access-Control-Request-Headers`.
pub const LIST_SEPARATOR: u8 = b',';

/// The longest `Origin` value a policy could allow: the longest exact entry
/// (the `null` keyword included, as `"null"`) or the longest origin any of
/// the wildcard `patterns` matches. Longer request values are refused before
/// any matching.
pub const fn origin_max_len(exact: &[&str], patterns: &[&WildcardPattern<'_>]) -> usize {
    let mut max = 0;
    let mut i = 0;
    while i < exact.len() {
        if exact[i].len() > max {
            max = exact[i].len();
        }
        i += 1;
    }
    let mut i = 0;
    while i < patterns.len() {
        let len = patterns[i].max_len();
        if len > max {
            max = len;
        }
        i += 1;
    }
    max
}

/// The length of `names` joined by `LIST_SEPARATOR` (`,`).
pub const fn header_list_len(names: &[&str]) -> usize {
    let mut len = 0;
    let mut i = 0;
    while i < names.len() {
        if i > 0 {
            len += 1;
        }
        len += names[i].len();
        i += 1;
    }
    len
}

/// Writes `names` joined by `LIST_SEPARATOR` (`,`) into `out`, which must be
/// exactly [`header_list_len`] bytes long.
pub const fn write_header_list(names: &[&str], out: &mut [u8]) {
    assert!(out.len() == header_list_len(names));
    let mut at = 0;
    let mut i = 0;
    while i < names.len() {
        if i > 0 {
            out[at] = LIST_SEPARATOR;
            at += 1;
        }
        let name = names[i].as_bytes();
        let mut j = 0;
        while j < name.len() {
            out[at] = name[j];
            at += 1;
            j += 1;
        }
        i += 1;
    }
}

/// `names` joined by `LIST_SEPARATOR` (`,`), for run-time policies.
#[cfg(feature = "dynamic")]
pub(crate) fn header_list(names: &[&str]) -> String {
    let mut out = vec![0; header_list_len(names)];
    write_header_list(names, &mut out);
    // Header names are ASCII tokens, the separator is ASCII.
    String::from_utf8(out).unwrap_or_default()
}

/// The rule for a listed `request-headers:` (possibly empty). `joined` is
/// `names` joined by `LIST_SEPARATOR` (`,`) (see [`header_list_len`]); an empty
/// list sends no `Access-Control-Allow-Headers`.
pub const fn request_header_rule(names: &[&str], joined: ConstValue) -> RequestHeaderRule {
    let mut max_name_len = 0;
    let mut i = 0;
    while i < names.len() {
        if names[i].len() > max_name_len {
            max_name_len = names[i].len();
        }
        i += 1;
    }
    RequestHeaderRule::Listed {
        count: names.len(),
        max_name_len,
        value: non_empty(names, joined),
    }
}

/// `Access-Control-Expose-Headers` of a listed `expose-headers:` (possibly
/// empty: then none is sent). `joined` as for [`request_header_rule`].
pub const fn expose_headers_value(names: &[&str], joined: ConstValue) -> Option<ConstValue> {
    non_empty(names, joined)
}

const fn non_empty(names: &[&str], joined: ConstValue) -> Option<ConstValue> {
    if names.is_empty() {
        // Nothing to drop at run time: `joined` is the empty static text.
        std::mem::forget(joined);
        None
    } else {
        Some(joined)
    }
}

/// The status of a successful preflight from `preflight-status:` (`200` or
/// `204`; the validator refuses anything else).
pub const fn preflight_status(code: u16) -> PreflightStatus {
    if code == 200 {
        PreflightStatus::Ok
    } else {
        PreflightStatus::NoContent
    }
}

/// `names` joined by `LIST_SEPARATOR` (`,`), as a [`ConstValue`] built at compile
/// time: `__header_list!("content-type", "x-api-key")`.
#[doc(hidden)]
#[macro_export]
macro_rules! __header_list {
    ($($name:literal),* $(,)?) => {{
        const NAMES: &[&str] = &[$($name),*];
        const LEN: usize = $crate::__private::header_list_len(NAMES);
        const BYTES: [u8; LEN] = {
            let mut out = [0u8; LEN];
            $crate::__private::write_header_list(NAMES, &mut out);
            out
        };
        const TEXT: &str = match ::core::str::from_utf8(&BYTES) {
            ::core::result::Result::Ok(text) => text,
            ::core::result::Result::Err(_) => ::core::panic!("header names are ASCII"),
        };
        $crate::__private::ConstValue::from_static(TEXT)
    }};
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn joins() {
        static EMPTY: ConstValue = crate::__header_list!();
        static TWO: ConstValue = crate::__header_list!("content-type", "x-api-key");
        assert_eq!(EMPTY.as_str(), "");
        assert_eq!(TWO.as_str(), "content-type,x-api-key");
        #[cfg(feature = "dynamic")]
        assert_eq!(header_list(&["content-type", "x-api-key"]), TWO.as_str());
        assert!(expose_headers_value(&[], crate::__header_list!()).is_none());
    }
}
