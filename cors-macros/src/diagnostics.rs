//! Turns `cors-dsl` diagnostics into `compile_error!`s spanned on the
//! offending token.

use cors_dsl::span::Span as TextSpan;
use cors_dsl::{Diagnostic, Report, SourceId, Sources};
use proc_macro2::{Span, TokenStream};
use quote::quote_spanned;

use crate::layout::Layout;

/// One `compile_error!` per diagnostic, all of them, in source order.
pub fn to_compile_errors(report: &Report, layout: &Layout) -> TokenStream {
    report
        .diagnostics
        .iter()
        .map(|diagnostic| {
            let (span, message) = locate(report, layout, diagnostic);
            quote_spanned! {span=> ::core::compile_error! { #message } }
        })
        .collect()
}

/// Where to put the error and what it says. A diagnostic in the macro's own
/// text goes on its token; one in an included file goes on the path literal
/// of the `include` that (transitively) pulled the file in, and its message
/// names the file, line and column and shows the line.
fn locate(report: &Report, layout: &Layout, diagnostic: &Diagnostic) -> (Span, String) {
    let span = span_of(&report.sources, layout, diagnostic.source, diagnostic.span);
    let message = if diagnostic.source == SourceId(0) {
        let mut message = diagnostic.message.clone();
        if let Some(hint) = &diagnostic.hint {
            message.push_str("\nhelp: ");
            message.push_str(hint);
        }
        for note in &diagnostic.notes {
            message.push_str("\nnote: ");
            message.push_str(note);
        }
        message
    } else {
        // The whole rustc-style rendering: `file:line:col: error: …`, the
        // source line with a caret, the hint and the notes.
        diagnostic
            .render(&report.sources)
            .trim_end()
            .replacen(": error: ", ": ", 1)
    };
    (span, message)
}

/// The token span for a position in `source`: the token itself in the macro's
/// own text, or the path literal of the `include` that pulled the file in.
pub fn span_of(sources: &Sources, layout: &Layout, source: SourceId, span: TextSpan) -> Span {
    let (mut source, mut offset) = (source, span.start);
    while let Some((parent, include_span)) = sources.get(source).included_from {
        source = parent;
        offset = include_span.start;
    }
    if source == SourceId(0) {
        layout.span_at(offset).map(Span::from)
    } else {
        None
    }
    .unwrap_or_else(Span::call_site)
}
