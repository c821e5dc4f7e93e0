//! Shared test support: hand-written policies and the two-adapter harness.

pub mod harness;
pub mod policy;
