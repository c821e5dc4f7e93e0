//! Compile-fail tests of `cors_policy!` live in `tests/compile_fail.rs`; the cases in `fail/`.
