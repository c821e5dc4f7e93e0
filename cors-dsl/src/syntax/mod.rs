//! Text → syntax tree: the pest grammar, the parser and the tree it builds.

pub(crate) mod ast;
pub(crate) mod parser;
pub(crate) mod statements;
