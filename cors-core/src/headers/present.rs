//! [`Present`]: which CORS response headers a response already holds.

use super::CorsHeader;

/// Which [`CorsHeader`]s a response already holds: one bit each.
///
/// [`Decision::apply`](crate::Decision::apply) removes, and scans `Vary`, only
/// where a bit is set, so a response without CORS headers (the common case)
/// costs inserts only.
///
/// ```
/// use cors_core::{CorsHeader, Present};
/// let present = Present::NONE.with(CorsHeader::Vary);
/// assert!(present.has(CorsHeader::Vary));
/// assert!(!present.has(CorsHeader::AllowOrigin));
/// assert!(Present::ALL.has(CorsHeader::MaxAge));
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Present(u16);

impl Present {
    /// Nothing present.
    pub const NONE: Present = Present(0);
    /// Everything may be present (always a correct answer).
    pub const ALL: Present = Present(u16::MAX);

    /// This set with `name` added.
    #[must_use]
    #[inline]
    pub const fn with(self, name: CorsHeader) -> Present {
        Present(self.0 | 1 << name as u16)
    }

    /// Whether `name` is in the set.
    #[inline]
    pub const fn has(self, name: CorsHeader) -> bool {
        self.0 & (1 << name as u16) != 0
    }

    /// The [`CorsHeader`] (response header or `Vary`) named `name`, if any;
    /// `name` is lowercase, as header maps store names.
    #[inline]
    pub fn response_header(name: &str) -> Option<CorsHeader> {
        if name == "vary" {
            return Some(CorsHeader::Vary);
        }
        if !name.starts_with("access-control-") {
            return None;
        }
        CorsHeader::RESPONSE
            .into_iter()
            .find(|header| header.as_str() == name)
    }
}
