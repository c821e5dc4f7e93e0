//! The one pseudo-random generator of the crate's randomized tests
//! (xorshift64): seeded, so every run checks the same inputs.

/// A generator of `u64`s starting from `seed` (not zero).
pub(crate) fn xorshift(mut state: u64) -> impl FnMut() -> u64 {
    move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    }
}
