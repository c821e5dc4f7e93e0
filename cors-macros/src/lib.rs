//! `cors_policy!`: compiles CORS policies into zero-allocation matchers.
//!
//! Use it through `cors_runtime::cors_policy`, whose documentation describes
//! the language. The pipeline is the one of `cors-dsl`, run at build time:
//!
//! 1. `layout`: the tokens become policy text, each token at its original
//!    line and column, with a map from text positions back to token spans;
//! 2. `cors_dsl::compile_str` parses and validates the text (resolving
//!    `include "…";` against `CARGO_MANIFEST_DIR`) and runs its `test`
//!    blocks (a failing expectation is one more diagnostic; tests generate
//!    no code);
//! 3. every diagnostic becomes a `compile_error!` spanned on the offending
//!    token (`diagnostics`), or, when the text is valid, `expand` emits one
//!    unit struct per policy implementing `cors_runtime::Policy`.

use proc_macro::TokenStream;
use proc_macro2::Span;

mod diagnostics;
mod expand;
mod layout;

/// Compiles CORS policies; see the `cors_runtime` crate documentation.
#[proc_macro]
pub fn cors_policy(input: TokenStream) -> TokenStream {
    let layout = layout::Layout::of(input);
    let base = std::env::var_os("CARGO_MANIFEST_DIR").map(std::path::PathBuf::from);
    let compiled = match cors_dsl::compile_str("cors_policy!", &layout.text, base.as_deref()) {
        Ok(compiled) => compiled,
        Err(report) => return with_errors(&report, &layout).into(),
    };

    let mut output = proc_macro2::TokenStream::new();
    let mut tracked = Vec::new();
    for (_, source) in compiled.sources.iter() {
        if let Some(path) = &source.path {
            match path
                .canonicalize()
                .ok()
                .and_then(|p| p.to_str().map(str::to_owned))
            {
                Some(path) => tracked.push(path),
                None => {
                    let message = format!(
                        "cannot track {} for rebuilds: its path is not UTF-8",
                        path.display()
                    );
                    output.extend(syn::Error::new(Span::call_site(), message).to_compile_error());
                }
            }
        }
    }
    output.extend(expand::track_files(tracked.iter().map(String::as_str)));

    for policy in &compiled.policies {
        let declaration = expand::Declaration {
            name: &policy.name,
            span: diagnostics::span_of(&compiled.sources, &layout, policy.source, policy.name_span),
            visibility: &policy.visibility,
            docs: &policy.docs,
        };
        let plan = cors_dsl::lower::plan(policy);
        match expand::policy(&declaration, &plan) {
            Ok(tokens) => output.extend(tokens),
            Err(error) => output.extend(error.to_compile_error()),
        }
    }
    output.into()
}

/// The errors of an invalid block, and the type of every policy it declares
/// (so that code using them type-checks and only the real errors show).
fn with_errors(report: &cors_dsl::Report, layout: &layout::Layout) -> proc_macro2::TokenStream {
    let mut output = diagnostics::to_compile_errors(report, layout);
    for declared in &report.declared {
        if syn::parse_str::<syn::Ident>(&declared.name).is_err() {
            continue; // not an identifier: already an error of its own
        }
        let declaration = expand::Declaration {
            name: &declared.name,
            span: diagnostics::span_of(
                &report.sources,
                layout,
                declared.source,
                declared.name_span,
            ),
            visibility: &declared.visibility,
            docs: &declared.docs,
        };
        match expand::fallback(&declaration) {
            Ok(tokens) => output.extend(tokens),
            Err(error) => output.extend(error.to_compile_error()),
        }
    }
    output
}
