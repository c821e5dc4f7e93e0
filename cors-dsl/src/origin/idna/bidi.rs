//! The Bidi Rule (RFC 5893, section 2), as UTS #46 applies it (CheckBidi).

use super::lookup;
use super::tables::BIDI;

const L: u8 = 0;
const R: u8 = 1;
const AL: u8 = 2;
const AN: u8 = 3;
const EN: u8 = 4;
const ES: u8 = 5;
const CS: u8 = 6;
const ET: u8 = 7;
const ON: u8 = 8;
const BN: u8 = 9;
const NSM: u8 = 10;

fn class(c: char) -> u8 {
    lookup(BIDI, c)
}

/// A label with a right-to-left character (R, AL or AN) makes the whole
/// domain name a "Bidi domain name".
pub(super) fn is_rtl_label(label: &[char]) -> bool {
    label.iter().any(|&c| matches!(class(c), R | AL | AN))
}

/// The six conditions of the Bidi Rule for one (non-empty) label.
pub(super) fn satisfies_bidi_rule(label: &[char]) -> bool {
    let Some(&first) = label.first() else {
        return true;
    };
    // The last character that is not NSM.
    let last = label.iter().rev().map(|&c| class(c)).find(|&k| k != NSM);
    match class(first) {
        // Conditions 2–4: an RTL label.
        R | AL => {
            let allowed = label
                .iter()
                .all(|&c| matches!(class(c), R | AL | AN | EN | ES | CS | ET | ON | BN | NSM));
            let ends_well = matches!(last, Some(R | AL | EN | AN));
            let has_en = label.iter().any(|&c| class(c) == EN);
            let has_an = label.iter().any(|&c| class(c) == AN);
            allowed && ends_well && !(has_en && has_an)
        }
        // Conditions 5–6: an LTR label.
        L => {
            let allowed = label
                .iter()
                .all(|&c| matches!(class(c), L | EN | ES | CS | ET | ON | BN | NSM));
            allowed && matches!(last, Some(L | EN))
        }
        // Condition 1: the first character is L, R or AL.
        _ => false,
    }
}
