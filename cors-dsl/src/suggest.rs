//! "Did you mean …?": the one edit distance behind every suggestion of the
//! language and its tools (unknown statements, opt-ins, `policy`, and the
//! near-miss hints of `cors explain`).
//!
//! The distance is the optimal string alignment distance of [`strsim`]
//! (Levenshtein plus swaps of two adjacent characters, counted in
//! characters), so `orgins` is one edit from `origins` and `mehtods` one
//! from `methods`.
//!
//! ```
//! use cors_dsl::suggest::{closest, closest_within};
//!
//! let statements = ["origins", "methods", "max-age"];
//! assert_eq!(closest("orgins", statements), Some("origins"));
//! assert_eq!(closest("zzzzzzzz", statements), None);
//! assert_eq!(closest_within("polcy", ["policy"], 2), Some("policy"));
//! ```

/// The candidate closest to `word`, if it is close enough: at most a third
/// of `word`'s length (in characters) away, and at least one edit is always
/// allowed. On a tie, the first candidate wins.
///
/// This is the threshold of the "did you mean" hint of an unknown statement.
///
/// ```
/// use cors_dsl::suggest::closest;
///
/// let names = ["request-headers", "expose-headers"];
/// assert_eq!(closest("request-header", names), Some("request-headers"));
/// assert_eq!(closest("headers", names), None);
/// ```
pub fn closest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let limit = (word.chars().count() / 3).max(1);
    closest_within(word, candidates, limit)
}

/// The candidate closest to `word` if it is at most `max_distance` edits
/// away (`usize::MAX`: the closest one, however far). On a tie, the first
/// candidate wins.
///
/// ```
/// use cors_dsl::suggest::closest_within;
///
/// let opt_ins = ["null-origin", "insecure-origins", "public-suffix-wildcards"];
/// assert_eq!(closest_within("null-origins", opt_ins, 3), Some("null-origin"));
/// assert_eq!(closest_within("nothing", opt_ins, 3), None);
/// assert_eq!(closest_within("nothing", opt_ins, usize::MAX), Some("null-origin"));
/// ```
pub fn closest_within<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
    max_distance: usize,
) -> Option<&'a str> {
    candidates
        .into_iter()
        .map(|candidate| (strsim::osa_distance(word, candidate), candidate))
        .min_by_key(|(distance, _)| *distance)
        .filter(|(distance, _)| *distance <= max_distance)
        .map(|(_, candidate)| candidate)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn distance_is_optimal_string_alignment() {
        assert_eq!(closest_within("kitten", ["sitting"], 3), Some("sitting"));
        assert_eq!(closest_within("kitten", ["sitting"], 2), None);
        assert_eq!(closest_within("ab", ["ba"], 1), Some("ba"));
        assert_eq!(closest_within("", ["abc"], 3), Some("abc"));
        assert_eq!(closest_within("", ["abc"], 2), None);
    }

    #[test]
    fn first_candidate_wins_a_tie() {
        assert_eq!(closest("ab", ["ac", "ad"]), Some("ac"));
        assert_eq!(closest("ab", std::iter::empty()), None);
    }
}
