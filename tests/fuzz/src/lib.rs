//! Support code shared by the fuzz targets: a few hand-written policies that
//! count how often the decision core calls them, and small reference
//! implementations (written for clarity, not speed) that the fast code is
//! compared with.

pub mod policies;
pub mod reference;

/// Splits fuzz input into lines on `\n` (a byte `http` refuses inside a
/// header value anyway, so nothing expressible is lost).
pub fn lines(data: &[u8]) -> impl Iterator<Item = &[u8]> {
    data.split(|&b| b == b'\n')
}
