//! The CORS policy language.
//!
//! Pipeline: text ──pest──▶ syntax tree (with spans) ──validate──▶ [`model`].
//!
//! Entry points: [`compile_str`] (text, with `include` resolved against a
//! folder) and [`compile_file`]. Errors come back as a [`Report`] holding every
//! diagnostic of every file, which renders rustc-style via `Display`.

pub mod model;
pub mod origin;
pub mod span;
