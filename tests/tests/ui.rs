//! Compile-fail tests of `cors_policy!`: every diagnostic's text and span are
//! pinned in `tests/ui/fail/*.stderr` (regenerate with `TRYBUILD=overwrite`
//! after an intended change, and review the diff).

#[test]
fn compile_fail() {
    let t = trybuild::TestCases::new();
    t.compile_fail("ui/fail/*.rs");
}
