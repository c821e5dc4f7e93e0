//! [`Declared`]: a policy item as written, known even when the text is
//! invalid (the macro still declares its type, so that users see only the
//! real errors).

use crate::source::SourceId;
use crate::span::Span;

/// A `policy Name { … }` item as declared, valid or not.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Declared {
    /// The name as written.
    pub name: String,
    /// The visibility as written (`""`, `"pub"`, `"pub(crate)"`, …).
    pub visibility: String,
    /// The `///` doc comment lines, without the leading `///`.
    pub docs: Vec<String>,
    /// The source the item was written in.
    pub source: SourceId,
    /// Where the name was written, in `source`.
    pub name_span: Span,
}
