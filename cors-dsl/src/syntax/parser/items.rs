//! Pass 2: the tokens grouped into items, `include` lines and policies
//! (their heads are parsed in [`head`](super::head), their statements in
//! [`statement`](super::statement)).

use pest::Parser as _;

use super::head::Head;
use super::outline::{Tok, TokKind};
use super::{error_position, positives, CorsParser, FileParser, Rule};
use crate::codes::Code;
use crate::syntax::ast::{File, Include, Item, PolicyItem, Spanned};

/// The chunks of a `{ … }` body, from [`FileParser::body`].
pub(super) struct Body {
    /// `(first, end)` token indices of each chunk (`end` exclusive).
    pub(super) chunks: Vec<(usize, usize)>,
    /// The token after the body.
    pub(super) next: usize,
    /// The `}` was found.
    pub(super) closed: bool,
}

impl FileParser<'_> {
    /// Pass 2: group tokens into items and parse each.
    pub(super) fn items(&mut self) -> File {
        let mut file = File::default();
        let mut docs: Vec<Tok> = Vec::new();
        let mut i = 0;
        while i < self.toks.len() {
            let tok = self.toks[i];
            match tok.kind {
                TokKind::Doc => {
                    docs.push(tok);
                    i += 1;
                }
                TokKind::RBrace => {
                    self.error(
                        tok.start,
                        tok.end,
                        Code::UnmatchedBrace,
                        "this `}` has no matching `{`".into(),
                        Some("remove it, or add the `{` it should close".into()),
                    );
                    i += 1;
                }
                TokKind::Semi => {
                    self.error(
                        tok.start,
                        tok.end,
                        Code::Syntax,
                        "unexpected `;` outside of a policy".into(),
                        Some("remove it".into()),
                    );
                    i += 1;
                }
                _ if tok.kind == TokKind::Word && self.tok_text(tok) == "set" => {
                    self.misplaced_docs(&mut docs, "a `set`");
                    let (item, next) = self.set_item(i);
                    if let Some(item) = item {
                        file.items.push(Item::Set(item));
                    }
                    i = next;
                }
                _ if tok.kind == TokKind::Word && self.tok_text(tok) == "test" => {
                    self.misplaced_docs(&mut docs, "a test block");
                    let (item, next) = self.test_block(i);
                    if let Some(item) = item {
                        file.items.push(Item::Test(item));
                    }
                    i = next;
                }
                _ if tok.kind == TokKind::Word && self.tok_text(tok) == "include" => {
                    self.misplaced_docs(&mut docs, "an `include` line");
                    let (item, next) = self.include(i);
                    if let Some(item) = item {
                        file.items.push(Item::Include(item));
                    }
                    i = next;
                }
                _ => {
                    let (item, next) = self.policy(i, std::mem::take(&mut docs));
                    if let Some(item) = item {
                        file.items.push(Item::Policy(item));
                    }
                    i = next;
                }
            }
        }
        self.misplaced_docs(&mut docs, "the end of the text");
        file
    }

    pub(super) fn misplaced_docs(&mut self, docs: &mut Vec<Tok>, before: &str) {
        for doc in docs.drain(..) {
            self.error(
                doc.start,
                doc.end,
                Code::MisplacedDocComment,
                format!("a `///` doc comment can only document a policy, not {before}"),
                Some("use `//` for an ordinary comment".into()),
            );
        }
    }

    /// `include "path";` starting at token `i`; returns the index after it.
    fn include(&mut self, i: usize) -> (Option<Include>, usize) {
        let mut j = i;
        let mut end = self.toks[i].end;
        while j < self.toks.len() {
            let tok = self.toks[j];
            if matches!(tok.kind, TokKind::LBrace | TokKind::RBrace | TokKind::Doc) {
                break;
            }
            end = tok.end;
            j += 1;
            if tok.kind == TokKind::Semi {
                break;
            }
        }
        let start = self.toks[i].start;
        let chunk = &self.text[start..end];
        match CorsParser::parse(Rule::include_item, chunk) {
            Ok(mut pairs) => {
                let path = pairs
                    .next()
                    .into_iter()
                    .flat_map(|p| p.into_inner())
                    .find(|p| p.as_rule() == Rule::string_lit)
                    .and_then(|p| self.string(&p, start));
                (path.map(|path| Include { path }), j)
            }
            Err(error) => {
                let pos = start + error_position(&error);
                let positives = positives(&error);
                let (code, message, hint) = if positives.contains(&Rule::string_lit) {
                    (
                        Code::Syntax,
                        format!(
                            "expected the quoted path of a policy file after `include`, found {}",
                            self.found(pos)
                        ),
                        Some("write `include \"policies/api.cors\";`".to_string()),
                    )
                } else if positives.contains(&Rule::semi) {
                    (
                        Code::MissingSemicolon,
                        "expected `;` after the include path".to_string(),
                        Some("end the `include` line with `;`".to_string()),
                    )
                } else {
                    (
                        Code::Syntax,
                        format!("unexpected {}", self.found(pos)),
                        None,
                    )
                };
                self.error_at_token(pos, code, message, hint);
                (None, j)
            }
        }
    }

    /// `[vis] policy Name { … }` starting at token `i`.
    fn policy(&mut self, i: usize, docs: Vec<Tok>) -> (Option<PolicyItem>, usize) {
        // The head: tokens up to `{`.
        let mut j = i;
        while j < self.toks.len() {
            let kind = self.toks[j].kind;
            if matches!(kind, TokKind::LBrace | TokKind::RBrace | TokKind::Semi) {
                break;
            }
            if kind == TokKind::Doc {
                let doc = self.toks[j];
                self.error(
                    doc.start,
                    doc.end,
                    Code::MisplacedDocComment,
                    "a `///` doc comment must come before the visibility and `policy`".into(),
                    Some("move it above the policy".into()),
                );
            }
            j += 1;
        }
        let head_start = self.toks[i].start;
        let head_end = if j > i {
            self.toks[j - 1].end
        } else {
            head_start
        };
        let head = self.head(head_start, head_end);
        let next_kind = self.toks.get(j).map(|t| t.kind);
        if next_kind != Some(TokKind::LBrace) {
            if head.is_some() {
                let pos = self.toks.get(j).map_or(self.text.len(), |t| t.start);
                let name = head
                    .as_ref()
                    .map(|h| h.name.value.clone())
                    .unwrap_or_default();
                self.error_at_token(
                    pos,
                    Code::Syntax,
                    format!(
                        "expected `{{` after `policy {name}`, found {}",
                        self.found(pos)
                    ),
                    Some(format!(
                        "write the statements in braces: `policy {name} {{ origins: …; }}`"
                    )),
                );
            }
            // Skip the `;` or `}` that stopped the head (it was reported above or by `head`).
            return (None, (j + 1).min(self.toks.len()).max(i + 1));
        }
        let body = self.body(j, "a statement");
        let mut statements = Vec::new();
        let mut had_errors = !body.closed;
        for &(first, end) in &body.chunks {
            had_errors |= !self.statement(first, end, &mut statements);
        }
        let k = self.close_body(j, &body, "policy");
        let Some(Head {
            visibility,
            name,
            extends,
        }) = head
        else {
            return (None, k);
        };
        let docs = docs
            .into_iter()
            .map(|d| {
                let raw = &self.text[d.start..d.end];
                let text = raw.strip_prefix("///").unwrap_or(raw);
                Spanned {
                    value: text.strip_suffix('\r').unwrap_or(text).to_string(),
                    span: self.span(d.start, d.end),
                }
            })
            .collect();
        (
            Some(PolicyItem {
                docs,
                visibility,
                name,
                extends,
                statements,
                had_errors,
            }),
            k,
        )
    }

    /// Splits the body opened by the `{` at token `open` into chunks, one
    /// per statement or expectation (`;` included when present), up to the
    /// matching `}`. `what` names a chunk in the message of a misplaced doc
    /// comment.
    pub(super) fn body(&mut self, open: usize, what: &str) -> Body {
        let mut chunks = Vec::new();
        let mut k = open + 1;
        let mut chunk_start: Option<usize> = None;
        let mut closed = false;
        while k < self.toks.len() {
            let tok = self.toks[k];
            match tok.kind {
                TokKind::RBrace => {
                    chunks.extend(chunk_start.take().map(|first| (first, k)));
                    closed = true;
                    k += 1;
                    break;
                }
                // A nested block: most likely a missing `}` before the next item.
                TokKind::LBrace => break,
                TokKind::Semi => {
                    chunks.push((chunk_start.take().unwrap_or(k), k + 1));
                    k += 1;
                }
                TokKind::Doc => {
                    self.error(
                        tok.start,
                        tok.end,
                        Code::MisplacedDocComment,
                        format!("a `///` doc comment can only document a policy, not {what}"),
                        Some("use `//` for an ordinary comment".into()),
                    );
                    k += 1;
                }
                _ => {
                    chunk_start.get_or_insert(k);
                    k += 1;
                }
            }
        }
        chunks.extend(chunk_start.map(|first| (first, k)));
        Body {
            chunks,
            next: k,
            closed,
        }
    }

    /// Reports an unclosed body (opened by the `{` at token `open`, of an
    /// item named `item`) and returns the token index the next item starts at.
    pub(super) fn close_body(&mut self, open: usize, body: &Body, item: &str) -> usize {
        if body.closed {
            return body.next;
        }
        let open_index = open;
        let open = self.toks[open];
        self.error(
            open.start,
            open.end,
            Code::UnclosedBrace,
            "this `{` is never closed".into(),
            Some(format!("add `}}` at the end of the {item}")),
        );
        // Back up to the start of the next item's head, if the scan hit one.
        if body.next < self.toks.len() {
            self.head_start_before(body.next, open_index + 1)
        } else {
            body.next
        }
    }

    /// When a policy body runs into a nested `{` (a missing `}`), the tokens
    /// after the last `;` belong to the next policy's head: find where it starts.
    fn head_start_before(&self, brace: usize, lowest: usize) -> usize {
        let mut h = brace;
        while h > lowest {
            let kind = self.toks[h - 1].kind;
            if matches!(kind, TokKind::Semi | TokKind::RBrace | TokKind::LBrace) {
                break;
            }
            h -= 1;
        }
        h
    }
}
