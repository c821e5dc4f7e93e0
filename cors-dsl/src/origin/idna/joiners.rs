//! The CONTEXTJ rules (RFC 5892, appendix A.1 and A.2), as UTS #46 applies
//! them (CheckJoiners).

use unicode_normalization::char::canonical_combining_class;

use super::lookup;
use super::tables::JOINING;

const ZWNJ: char = '\u{200C}';
const ZWJ: char = '\u{200D}';
/// Canonical_Combining_Class=Virama.
const VIRAMA: u8 = 9;

const DUAL: u8 = 1;
const RIGHT: u8 = 2;
const LEFT: u8 = 3;
const TRANSPARENT: u8 = 4;

fn joining_type(c: char) -> u8 {
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
        .find(|&t| t != TRANSPARENT);
    let after = label[i + 1..]
        .iter()
        .map(|&c| joining_type(c))
        .find(|&t| t != TRANSPARENT);
    matches!(before, Some(LEFT | DUAL)) && matches!(after, Some(RIGHT | DUAL))
}
