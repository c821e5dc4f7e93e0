//! The canonical layout: the pieces of a text grouped into items (each with
//! the comments attached to it), then printed with four spaces of indent,
//! one statement per line in the order of the statement table, `, `
//! between values and one blank line between items. A `test` block is laid
//! out like a policy, one expectation per line in the order written.
//!
//! Where a comment goes:
//! - before an item (after the previous one): above it, blank lines between
//!   comments kept (at most one);
//! - after the last token of an item, a `{` or a statement, on the same
//!   line: after it, on the same line;
//! - before a statement: above it (it moves with the statement);
//! - inside an item's head, a one-line item or a statement: above the item
//!   or the statement (the line holds nothing but the code);
//! - after the last statement: above the `}`;
//! - after the last item: at the end.

use super::pieces::{Kind, Piece};
use crate::syntax::parser::TokKind;
use crate::syntax::statements::StatementKind;

/// Indentation of a statement.
const INDENT: &str = "    ";

/// A text as items.
pub(super) struct File<'t> {
    items: Vec<Item<'t>>,
    /// Comments after the last item.
    end: Vec<Piece<'t>>,
}

/// `include …;`, `set …;` or `head { entries }`, with its comments.
struct Item<'t> {
    leading: Vec<Piece<'t>>,
    /// A blank line between the leading comments and the item.
    blank_before_head: bool,
    /// The tokens up to the `{` (or up to and including the `;`).
    head: Vec<String>,
    body: Option<Body<'t>>,
    trailing: Vec<Piece<'t>>,
}

/// `{ entries }`.
struct Body<'t> {
    /// A `test` block's expectations (spaced by [`join_loose`]).
    test: bool,
    /// Comments after the `{`, on its line.
    open_trailing: Vec<Piece<'t>>,
    entries: Vec<Entry<'t>>,
    /// Comments after the last entry.
    tail: Vec<Piece<'t>>,
}

/// One statement (`name: values;`) or expectation, with its comments.
struct Entry<'t> {
    leading: Vec<Piece<'t>>,
    tokens: Vec<String>,
    trailing: Vec<Piece<'t>>,
}

/// A cursor over the pieces.
struct Cursor<'p, 't> {
    pieces: &'p [Piece<'t>],
    at: usize,
}

impl<'t> Cursor<'_, 't> {
    fn peek(&self) -> Option<&Piece<'t>> {
        self.pieces.get(self.at)
    }

    /// Comments up to the next token.
    fn comments(&mut self) -> Vec<Piece<'t>> {
        let mut out = Vec::new();
        while let Some(piece) = self.peek().filter(|p| p.is_comment()) {
            out.push(*piece);
            self.at += 1;
        }
        out
    }

    /// Comments on the same line as the previous token, unless a token
    /// follows them on that line too (then they belong to that token).
    fn trailing(&mut self) -> Vec<Piece<'t>> {
        let mut end = self.at;
        while self
            .pieces
            .get(end)
            .is_some_and(|p| p.is_comment() && p.newlines_before == 0)
        {
            end += 1;
        }
        let next_on_same_line = self
            .pieces
            .get(end)
            .is_some_and(|p| !p.is_comment() && p.newlines_before == 0);
        if next_on_same_line {
            return Vec::new();
        }
        let out = self.pieces[self.at..end].to_vec();
        self.at = end;
        out
    }

    /// Tokens up to (and, with `inclusive`, including) the first token of
    /// kind `stop`; comments among them go to `hoisted`. `None` if there is
    /// no such token. With `loose` (the expectations of a `test` block),
    /// tokens written without space between them stay one unit, as the
    /// parser reads them (`G@T` is one method, not `G @ T`), except a
    /// string literal, `,` and `;`.
    fn tokens_until(
        &mut self,
        stop: TokKind,
        inclusive: bool,
        loose: bool,
        hoisted: &mut Vec<Piece<'t>>,
    ) -> Option<Vec<String>> {
        let mut out: Vec<String> = Vec::new();
        let mut previous: Option<Piece<'t>> = None;
        loop {
            let piece = *self.peek()?;
            if piece.is_comment() {
                hoisted.push(piece);
                self.at += 1;
                continue;
            }
            if piece.is_token(stop) && !inclusive {
                return Some(out);
            }
            self.at += 1;
            let touching = previous.is_some_and(|p| p.start + p.text.len() == piece.start);
            // `::` (in `pub(in a::b)`) is one unit.
            let path = touching && previous.is_some_and(|p| p.text == ":" && piece.text == ":");
            let unit = |p: &Piece<'_>| {
                !(p.is_token(TokKind::Str) || p.is_token(TokKind::Semi) || p.text == ",")
            };
            let joined =
                path || (loose && touching && previous.is_some_and(|p| unit(&p)) && unit(&piece));
            match out.last_mut() {
                Some(last) if joined => last.push_str(piece.text),
                _ => out.push(piece.text.to_string()),
            }
            previous = Some(piece);
            if piece.is_token(stop) {
                return Some(out);
            }
        }
    }
}

/// Groups the pieces of a text free of syntax errors into items. `None` if
/// they do not have the shape of such a text.
pub(super) fn file<'t>(pieces: &[Piece<'t>]) -> Option<File<'t>> {
    let mut cursor = Cursor { pieces, at: 0 };
    let mut items = Vec::new();
    loop {
        let leading = cursor.comments();
        let Some(first) = cursor.peek().copied() else {
            return Some(File {
                items,
                end: leading,
            });
        };
        let mut hoisted = Vec::new();
        let one_line = first.is_token(TokKind::Word) && matches!(first.text, "include" | "set");
        let test = first.is_token(TokKind::Word) && first.text == "test";
        let (head, body) = if one_line {
            (
                cursor.tokens_until(TokKind::Semi, true, false, &mut hoisted)?,
                None,
            )
        } else {
            let head = cursor.tokens_until(TokKind::LBrace, false, false, &mut hoisted)?;
            cursor.at += 1; // the `{`
            (head, Some(body(&mut cursor, test)?))
        };
        let mut leading = leading;
        let blank_before_head = !leading.is_empty() && first.newlines_before >= 2;
        leading.extend(hoisted);
        items.push(Item {
            leading,
            blank_before_head,
            head,
            body,
            trailing: cursor.trailing(),
        });
    }
}

/// The body after a `{`: statements, or a `test` block's expectations
/// (`test`).
fn body<'t>(cursor: &mut Cursor<'_, 't>, test: bool) -> Option<Body<'t>> {
    let open_trailing = cursor.trailing();
    let mut entries = Vec::new();
    loop {
        let mut leading = cursor.comments();
        if cursor.peek()?.is_token(TokKind::RBrace) {
            cursor.at += 1;
            return Some(Body {
                test,
                open_trailing,
                entries,
                tail: leading,
            });
        }
        let tokens = cursor.tokens_until(TokKind::Semi, true, test, &mut leading)?;
        if tokens.iter().any(|t| matches!(t.as_str(), "{" | "}")) {
            return None;
        }
        entries.push(Entry {
            leading,
            tokens,
            trailing: cursor.trailing(),
        });
    }
}

/// Whether a space goes between two tokens on a line.
fn space_between(previous: &str, next: &str) -> bool {
    !(matches!(next, "," | ";" | ":" | ")" | "(" | "::") || matches!(previous, "(" | "::"))
}

/// The tokens of one line, canonically spaced.
fn join(tokens: &[String]) -> String {
    let mut out = String::new();
    for (i, token) in tokens.iter().enumerate() {
        if i > 0 && space_between(&tokens[i - 1], token) {
            out.push(' ');
        }
        out.push_str(token);
    }
    out
}

/// The tokens of one expectation of a `test` block: a space between any
/// two, but none before `,` and `;` (a method or a header name may be any
/// run of characters, `:` and `(` included).
fn join_loose(tokens: &[String]) -> String {
    let mut out = String::new();
    for (i, token) in tokens.iter().enumerate() {
        if i > 0 && !matches!(token.as_str(), "," | ";") {
            out.push(' ');
        }
        out.push_str(token);
    }
    out
}

/// The tokens of one entry of `body`.
fn join_entry(body: &Body<'_>, entry: &Entry<'_>) -> String {
    if body.test {
        join_loose(&entry.tokens)
    } else {
        join(&entry.tokens)
    }
}

/// Comments on their own lines; blank lines between them kept (one at most)
/// when `blank_lines`.
fn comment_lines(out: &mut String, comments: &[Piece<'_>], indent: &str, blank_lines: bool) {
    for (i, comment) in comments.iter().enumerate() {
        if blank_lines && i > 0 && comment.newlines_before >= 2 {
            out.push('\n');
        }
        out.push_str(indent);
        out.push_str(&comment.printed());
        out.push('\n');
    }
}

/// Comments after code on its line.
fn trailing(out: &mut String, comments: &[Piece<'_>]) {
    for comment in comments {
        out.push(' ');
        out.push_str(&comment.printed());
    }
}

/// The statement-table position of an entry, if it is a statement.
fn statement_order(entry: &Entry<'_>) -> Option<usize> {
    let name = entry.tokens.first()?;
    StatementKind::from_name(name).map(StatementKind::index)
}

/// Prints a text in the canonical layout.
pub(super) fn print(file: &File<'_>) -> String {
    let mut out = String::new();
    for (n, item) in file.items.iter().enumerate() {
        if n > 0 {
            out.push('\n');
        }
        comment_lines(&mut out, &item.leading, "", true);
        if item.blank_before_head {
            out.push('\n');
        }
        out.push_str(&join(&item.head));
        if let Some(body) = &item.body {
            print_body(&mut out, &item.head, body);
        }
        trailing(&mut out, &item.trailing);
        out.push('\n');
    }
    if let Some(first) = file.end.first() {
        if !file.items.is_empty() && first.newlines_before >= 2 {
            out.push('\n');
        }
        comment_lines(&mut out, &file.end, "", true);
    }
    out
}

fn print_body(out: &mut String, head: &[String], body: &Body<'_>) {
    out.push_str(" {");
    if body.open_trailing.is_empty() && body.entries.is_empty() && body.tail.is_empty() {
        out.push('}');
        return;
    }
    trailing(out, &body.open_trailing);
    out.push('\n');
    let mut entries: Vec<&Entry<'_>> = body.entries.iter().collect();
    // Statements in the order of the statement table (stable: the order of
    // two of the same kind, an error anyway, is kept).
    let is_policy = !body.test && head.iter().any(|t| t == "policy");
    if is_policy && entries.iter().all(|e| statement_order(e).is_some()) {
        entries.sort_by_key(|e| statement_order(e));
    }
    for entry in entries {
        comment_lines(out, &entry.leading, INDENT, false);
        out.push_str(INDENT);
        out.push_str(&join_entry(body, entry));
        trailing(out, &entry.trailing);
        out.push('\n');
    }
    comment_lines(out, &body.tail, INDENT, false);
    out.push('}');
}

/// What a text means to the formatter, layout aside: each item's doc
/// comments and tokens, statements in the canonical order (a formatted text
/// must have the same).
pub(super) fn meaning(file: &File<'_>) -> Vec<Vec<String>> {
    file.items
        .iter()
        .map(|item| {
            let mut out: Vec<String> = item
                .leading
                .iter()
                .filter(|p| p.kind == Kind::Doc)
                .map(Piece::printed)
                .collect();
            out.push(join(&item.head));
            if let Some(body) = &item.body {
                let mut entries: Vec<&Entry<'_>> = body.entries.iter().collect();
                if !body.test
                    && item.head.iter().any(|t| t == "policy")
                    && entries.iter().all(|e| statement_order(e).is_some())
                {
                    entries.sort_by_key(|e| statement_order(e));
                }
                out.extend(entries.iter().map(|e| join_entry(body, e)));
            }
            out
        })
        .collect()
}
