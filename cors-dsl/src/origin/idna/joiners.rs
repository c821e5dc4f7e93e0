//! The CONTEXTJ rules (RFC 5892, appendix A.1 and A.2), as UTS #46 applies
//! them (CheckJoiners).

use unicode_normalization::char::canonical_combining_class;

use super::lookup;
use super::tables::JOINING;

const ZWNJ: char = '\u{200C}';
const ZWJ: char = '\u{200D}';
/// Canonical_Combining_Class=Virama.
const VIRAMA: u8 = 9;

/// The Joining_Type values, as `tables.rs` records them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum JoiningType {
    /// U
    NonJoining,
    /// D
    Dual,
    /// R
    Right,
    /// L
    Left,
    /// T
    Transparent,
    /// C
    JoinCausing,
}

fn joining_type(c: char) -> JoiningType {
    lookup(JOINING, c)
}

/// Every ZERO WIDTH NON-JOINER and ZERO WIDTH JOINER of `label` is where
/// the rules allow it.
pub(super) fn joiners_allowed(label: &[char]) -> bool {
    label.iter().enumerate().all(|(i, &c)| match c {
        ZWNJ => after_virama(label, i) || between_joining(label, i),
        ZWJ => after_virama(label, i),
        _ => true,
    })
}

fn after_virama(label: &[char], i: usize) -> bool {
    i > 0 && canonical_combining_class(label[i - 1]) == VIRAMA
}

/// `(L|D) T* ZWNJ T* (R|D)`.
fn between_joining(label: &[char], i: usize) -> bool {
    let before = label[..i]
        .iter()
        .rev()
        .map(|&c| joining_type(c))
        .find(|&t| t != JoiningType::Transparent);
    let after = label[i + 1..]
        .iter()
        .map(|&c| joining_type(c))
        .find(|&t| t != JoiningType::Transparent);
    matches!(before, Some(JoiningType::Left | JoiningType::Dual))
        && matches!(after, Some(JoiningType::Right | JoiningType::Dual))
}
