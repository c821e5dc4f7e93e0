//! The parser is generated from `src/syntax/grammar.pest` ahead of time and
//! checked in (`src/syntax/parser/generated.rs`), so that users do not build
//! pest's code generator (and the stack guard its `std` feature brings) to
//! compile a policy. This test regenerates it and fails if the checked-in
//! file differs; `CORS_REGENERATE_PARSER=1` rewrites the file instead.

use std::path::Path;

const HEADER: &str = "\
// @generated from `src/syntax/grammar.pest` by pest_generator; do not edit.
// Regenerate: CORS_REGENERATE_PARSER=1 cargo test -p cors-dsl --test generated_parser

use super::CorsParser;
";

/// The parser as pest_generator writes it today, pretty-printed.
fn generate() -> String {
    let input: proc_macro2::TokenStream = r#"
        #[grammar = "src/syntax/grammar.pest"]
        struct CorsParser;
    "#
    .parse()
    .expect("the derive input is valid Rust");
    // `false`: no `include_str!` of the grammar (it would hold an absolute path).
    let tokens = pest_generator::derive_parser(input, false);
    let file: syn::File = syn::parse2(tokens).expect("pest_generator emits valid Rust");
    format!("{HEADER}\n{}", prettyplease::unparse(&file))
}

#[test]
fn checked_in_parser_matches_the_grammar() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/syntax/parser/generated.rs");
    let expected = generate();
    if std::env::var_os("CORS_REGENERATE_PARSER").is_some() {
        std::fs::write(&path, &expected).expect("write the generated parser");
        return;
    }
    let found = std::fs::read_to_string(&path).expect("read the checked-in parser");
    assert!(
        found == expected,
        "{} is not what pest_generator makes of grammar.pest; rerun with \
         CORS_REGENERATE_PARSER=1 cargo test -p cors-dsl --test generated_parser",
        path.display()
    );
}
