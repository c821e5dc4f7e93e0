//! The Bidi Rule (RFC 5893, section 2), as UTS #46 applies it (CheckBidi).

use super::lookup;
use super::tables::BIDI;

/// The Bidi_Class values the rule tells apart (every other one is
/// `Other`), as `tables.rs` records them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Bidi {
    /// L
    LeftToRight,
    /// R
    RightToLeft,
    /// AL
    ArabicLetter,
    /// AN
    ArabicNumber,
    /// EN
    EuropeanNumber,
    /// ES
    EuropeanSeparator,
    /// CS
    CommonSeparator,
    /// ET
    EuropeanTerminator,
    /// ON
    OtherNeutral,
    /// BN
    BoundaryNeutral,
    /// NSM
    NonspacingMark,
    /// B, S, WS and the explicit formatting classes.
    Other,
}

use Bidi::{
    ArabicLetter as AL, ArabicNumber as AN, BoundaryNeutral as BN, CommonSeparator as CS,
    EuropeanNumber as EN, EuropeanSeparator as ES, EuropeanTerminator as ET, LeftToRight as L,
    NonspacingMark as NSM, OtherNeutral as ON, RightToLeft as R,
};

fn class(c: char) -> Bidi {
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
