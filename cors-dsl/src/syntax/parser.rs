//! Text → syntax tree, reporting every syntax error of the text.
//!
//! See `grammar.pest` for the two passes: an outline pass splits the text into
//! items and statements, then each chunk is parsed by a strict rule, so one bad
//! statement never hides the errors in the next ones.

use pest::error::{ErrorVariant, InputLocation};
use pest::iterators::Pair;
use pest::Parser as _;

use super::ast::{File, Include, Item, PolicyItem, Spanned, Statement, Value};
use super::statements::{edit_distance, suggest, StatementKind};
use crate::diagnostic::Diagnostic;
use crate::source::{LineIndex, SourceId};
use crate::span::Span;

/// The pest parser generated from `grammar.pest`.
#[derive(pest_derive::Parser)]
#[grammar = "syntax/grammar.pest"]
struct CorsParser;

/// The kinds of outline tokens.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum TokKind {
    Doc,
    Str,
    LBrace,
    RBrace,
    Semi,
    Word,
    Other,
}

#[derive(Clone, Copy, Debug)]
struct Tok {
    kind: TokKind,
    start: usize,
    end: usize,
}

/// Rust keywords a policy name (a Rust type name) cannot be.
const RUST_KEYWORDS: &[&str] = &[
    "as", "async", "await", "break", "const", "continue", "crate", "dyn", "else", "enum", "extern",
    "false", "fn", "for", "if", "impl", "in", "let", "loop", "match", "mod", "move", "mut", "pub",
    "ref", "return", "self", "Self", "static", "struct", "super", "trait", "true", "type",
    "unsafe", "use", "where", "while", "abstract", "become", "box", "do", "final", "macro",
    "override", "priv", "typeof", "unsized", "virtual", "yield", "try", "gen", "_",
];

/// Parses one text. Returns the items that parsed and every syntax error.
pub(crate) fn parse(text: &str, source: SourceId) -> (File, Vec<Diagnostic>) {
    let mut parser = FileParser {
        text,
        source,
        lines: LineIndex::new(text),
        toks: Vec::new(),
        diagnostics: Vec::new(),
    };
    parser.outline();
    let file = parser.items();
    (file, parser.diagnostics)
}

struct FileParser<'a> {
    text: &'a str,
    source: SourceId,
    lines: LineIndex<'a>,
    toks: Vec<Tok>,
    diagnostics: Vec<Diagnostic>,
}

impl<'a> FileParser<'a> {
    fn span(&self, start: usize, end: usize) -> Span {
        self.lines.span(start, end)
    }

    fn error(
        &mut self,
        start: usize,
        end: usize,
        code: &'static str,
        message: String,
        hint: Option<String>,
    ) {
        let span = self.span(start, end);
        self.diagnostics.push(Diagnostic {
            source: self.source,
            span,
            code,
            message,
            hint,
        });
    }

    /// Pass 1: split the text into tokens.
    fn outline(&mut self) {
        let pairs = match CorsParser::parse(Rule::outline, self.text) {
            Ok(pairs) => pairs,
            Err(error) => {
                // Cannot happen (every character is some token), but never panic.
                let pos = error_position(&error);
                self.error(
                    pos,
                    pos + 1,
                    "syntax",
                    "this text cannot be read".into(),
                    None,
                );
                return;
            }
        };
        for pair in pairs.flatten() {
            let (start, end) = (pair.as_span().start(), pair.as_span().end());
            let kind = match pair.as_rule() {
                Rule::doc_comment => TokKind::Doc,
                Rule::string_lit => TokKind::Str,
                Rule::lbrace => TokKind::LBrace,
                Rule::rbrace => TokKind::RBrace,
                Rule::semi => TokKind::Semi,
                Rule::word => TokKind::Word,
                Rule::other_char => TokKind::Other,
                Rule::bad_string => {
                    self.error(
                        start,
                        start + 1,
                        "unterminated-string",
                        "this string literal is never closed".into(),
                        Some("add the closing `\"`".into()),
                    );
                    continue;
                }
                Rule::bad_comment => {
                    self.error(
                        start,
                        start + 2,
                        "unterminated-comment",
                        "this block comment is never closed".into(),
                        Some("add the closing `*/`".into()),
                    );
                    continue;
                }
                _ => continue,
            };
            self.toks.push(Tok { kind, start, end });
        }
    }

    fn tok_text(&self, tok: Tok) -> &'a str {
        &self.text[tok.start..tok.end]
    }

    /// Pass 2: group tokens into items and parse each.
    fn items(&mut self) -> File {
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
                        "unmatched-brace",
                        "this `}` has no matching `{`".into(),
                        Some("remove it, or add the `{` it should close".into()),
                    );
                    i += 1;
                }
                TokKind::Semi => {
                    self.error(
                        tok.start,
                        tok.end,
                        "syntax",
                        "unexpected `;` outside of a policy".into(),
                        Some("remove it".into()),
                    );
                    i += 1;
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

    fn misplaced_docs(&mut self, docs: &mut Vec<Tok>, before: &str) {
        for doc in docs.drain(..) {
            self.error(
                doc.start,
                doc.end,
                "misplaced-doc-comment",
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
                        "syntax",
                        format!(
                            "expected the quoted path of a policy file after `include`, found {}",
                            self.found(pos)
                        ),
                        Some("write `include \"policies/api.cors\";`".to_string()),
                    )
                } else if positives.contains(&Rule::semi) {
                    (
                        "missing-semicolon",
                        "expected `;` after the include path".to_string(),
                        Some("end the `include` line with `;`".to_string()),
                    )
                } else {
                    ("syntax", format!("unexpected {}", self.found(pos)), None)
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
                    "misplaced-doc-comment",
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
                    .map(|(_, n)| n.value.clone())
                    .unwrap_or_default();
                self.error_at_token(
                    pos,
                    "syntax",
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
        let open = self.toks[j];
        // The body: up to the matching `}`.
        let mut statements = Vec::new();
        let mut had_errors = false;
        let mut k = j + 1;
        let mut chunk_start: Option<usize> = None;
        let mut closed = false;
        while k < self.toks.len() {
            let tok = self.toks[k];
            match tok.kind {
                TokKind::RBrace => {
                    if let Some(first) = chunk_start.take() {
                        had_errors |= !self.statement(first, k, &mut statements);
                    }
                    closed = true;
                    k += 1;
                    break;
                }
                TokKind::LBrace => {
                    // A nested block: most likely a missing `}` before the next policy.
                    if let Some(first) = chunk_start.take() {
                        had_errors |= !self.statement(first, k, &mut statements);
                    }
                    break;
                }
                TokKind::Semi => {
                    let first = chunk_start.take().unwrap_or(k);
                    had_errors |= !self.statement(first, k + 1, &mut statements);
                    k += 1;
                }
                TokKind::Doc => {
                    self.error(
                        tok.start,
                        tok.end,
                        "misplaced-doc-comment",
                        "a `///` doc comment can only document a policy, not a statement".into(),
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
        if !closed {
            if let Some(first) = chunk_start.take() {
                self.statement(first, k, &mut statements);
            }
            self.error(
                open.start,
                open.end,
                "unclosed-brace",
                "this `{` is never closed".into(),
                Some("add `}` at the end of the policy".into()),
            );
            // Back up to the start of the next policy head, if the scan hit one.
            if k < self.toks.len() {
                k = self.head_start_before(k, j + 1);
            }
            had_errors = true;
        }
        let Some((visibility, name)) = head else {
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
                statements,
                had_errors,
            }),
            k,
        )
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

    /// Parses a policy head `text[start..end]`: visibility and name.
    fn head(&mut self, start: usize, end: usize) -> Option<(String, Spanned<String>)> {
        let chunk = &self.text[start..end];
        match CorsParser::parse(Rule::policy_header, chunk) {
            Ok(mut pairs) => {
                let header = pairs.next()?;
                let mut visibility = String::new();
                let mut name = None;
                for pair in header.into_inner() {
                    match pair.as_rule() {
                        Rule::visibility => visibility = normalize_visibility(&pair),
                        Rule::policy_name => {
                            let span = pair.as_span();
                            let value = span.as_str().to_string();
                            let span = self.span(start + span.start(), start + span.end());
                            if RUST_KEYWORDS.contains(&value.as_str()) {
                                self.error(
                                    span.start,
                                    span.end,
                                    "invalid-policy-name",
                                    format!("`{value}` is a Rust keyword and cannot name a policy"),
                                    Some(
                                        "policy names become Rust types: use a name such as `Api`"
                                            .into(),
                                    ),
                                );
                                return None;
                            }
                            name = Some(Spanned { value, span });
                        }
                        _ => {}
                    }
                }
                name.map(|name| (visibility, name))
            }
            Err(error) => {
                let pos = start + error_position(&error);
                let positives = positives(&error);
                let found = self.found(pos);
                let (code, message, hint) = if positives.contains(&Rule::kw_policy)
                    || positives.contains(&Rule::policy_header)
                {
                    let word = self.word_at(pos);
                    let hint = if !word.is_empty()
                        && edit_distance(&word.to_ascii_lowercase(), "policy") <= 2
                    {
                        Some("did you mean `policy`?".to_string())
                    } else {
                        Some("a block holds `policy Name { … }` items and `include \"file.cors\";` lines".to_string())
                    };
                    (
                        "syntax",
                        format!("expected `policy` or `include`, found {found}"),
                        hint,
                    )
                } else if positives.contains(&Rule::policy_name)
                    || positives.contains(&Rule::identifier)
                {
                    (
                        "invalid-policy-name",
                        format!("expected a policy name after `policy`, found {found}"),
                        Some(
                            "policy names are Rust identifiers, such as `Api` or `PublicAssets`"
                                .to_string(),
                        ),
                    )
                } else if positives.contains(&Rule::vis_scope)
                    || positives.contains(&Rule::kw_crate)
                {
                    (
                        "syntax",
                        format!("expected `crate`, `super`, `self` or `in path` inside `pub(…)`, found {found}"),
                        None,
                    )
                } else if positives.contains(&Rule::rparen) || positives.contains(&Rule::path_sep) {
                    (
                        "syntax",
                        format!("expected `)` to close `pub(…)`, found {found}"),
                        None,
                    )
                } else if positives.contains(&Rule::EOI) {
                    (
                        "syntax",
                        format!("expected `{{` after the policy name, found {found}"),
                        Some("a policy is written `policy Name { statements }`".to_string()),
                    )
                } else {
                    ("syntax", format!("unexpected {found}"), None)
                };
                self.error_at_token(pos, code, message, hint);
                None
            }
        }
    }

    /// Parses the statement made of tokens `first..end` (`end` exclusive).
    /// Returns `false` if it was reported as an error.
    fn statement(&mut self, first: usize, end: usize, out: &mut Vec<Statement>) -> bool {
        let start = self.toks[first].start;
        let stop = self.toks[end - 1].end;
        let first_tok = self.toks[first];
        // An unknown statement name: report it, with a suggestion, and skip the statement.
        if first_tok.kind == TokKind::Word {
            let written = self.tok_text(first_tok);
            let looks_like_name = written.starts_with(|c: char| c.is_ascii_alphabetic())
                && written
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
            if looks_like_name && StatementKind::from_name(written).is_none() {
                let hint = match suggest(written) {
                    Some(kind) => format!("did you mean `{}`?", kind.name()),
                    None => format!(
                        "the statements are {}",
                        StatementKind::ALL
                            .iter()
                            .map(|k| format!("`{}`", k.name()))
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                };
                self.error(
                    first_tok.start,
                    first_tok.end,
                    "unknown-statement",
                    format!("unknown statement `{written}`"),
                    Some(hint),
                );
                return false;
            }
        }
        let chunk = &self.text[start..stop];
        let kind = StatementKind::from_name(self.tok_text(first_tok));
        match CorsParser::parse(Rule::statement, chunk) {
            Ok(mut pairs) => {
                let Some(statement) = pairs.next() else {
                    return false;
                };
                let mut name = None;
                let mut values = Vec::new();
                let mut ok = true;
                for pair in statement.into_inner() {
                    match pair.as_rule() {
                        Rule::statement_name => {
                            let span = pair.as_span();
                            name = Some(Spanned {
                                value: span.as_str().to_string(),
                                span: self.span(start + span.start(), start + span.end()),
                            });
                        }
                        Rule::string_lit => match self.string(&pair, start) {
                            Some(s) => values.push(Value::Str(s)),
                            None => ok = false,
                        },
                        Rule::word => {
                            let span = pair.as_span();
                            values.push(Value::Word(Spanned {
                                value: span.as_str().to_string(),
                                span: self.span(start + span.start(), start + span.end()),
                            }));
                        }
                        _ => {}
                    }
                }
                match name {
                    Some(name) if ok => {
                        out.push(Statement { name, values });
                        true
                    }
                    _ => false,
                }
            }
            Err(error) => {
                let pos = start + error_position(&error);
                self.statement_error(pos, &positives(&error), kind);
                false
            }
        }
    }

    fn statement_error(&mut self, pos: usize, positives: &[Rule], kind: Option<StatementKind>) {
        let list = kind.map_or("the statement", |k| k.list_description());
        let stmt = kind.map_or("statement", |k| k.name());
        let found = self.found(pos);
        let next = self.token_at(pos);
        let previous = self.text[..pos].trim_end().chars().last();
        let next_text = next.map(|t| self.tok_text(t));
        let (code, message, hint): (&'static str, String, Option<String>) = if positives
            .contains(&Rule::statement_name)
            || positives.contains(&Rule::statement)
        {
            (
                "syntax",
                format!("expected a statement such as `origins: …;`, found {found}"),
                Some("each statement is `name: value, value;`".into()),
            )
        } else if positives.contains(&Rule::colon) {
            (
                "missing-colon",
                format!("expected `:` after `{stmt}`, found {found}"),
                Some(format!("write `{stmt}: …;`")),
            )
        } else if positives.contains(&Rule::string_lit) || positives.contains(&Rule::word) {
            match (previous, next_text) {
                (Some(':'), Some(";") | None) => (
                    "empty-list",
                    format!("{list} is empty"),
                    Some(format!(
                        "give at least one value, or remove the `{stmt}` statement"
                    )),
                ),
                (Some(','), Some(";") | None) => (
                    "trailing-comma",
                    format!("trailing comma at the end of {list}"),
                    Some("remove the last `,`".into()),
                ),
                (Some(',' | ':'), Some(",")) => (
                    "empty-element",
                    format!("empty element in {list}"),
                    Some("remove the extra `,`".into()),
                ),
                _ => (
                    "syntax",
                    format!("expected a value in {list}, found {found}"),
                    Some(value_hint(kind)),
                ),
            }
        } else if positives.contains(&Rule::comma) || positives.contains(&Rule::semi) {
            let next_is_statement = next.is_some_and(|t| {
                t.kind == TokKind::Word && {
                    let after = self.text[t.end..].trim_start();
                    after.starts_with(':')
                }
            });
            match next {
                None => (
                    "missing-semicolon",
                    format!("expected `;` after {list}"),
                    Some("end every statement with `;`".into()),
                ),
                Some(t) if t.kind == TokKind::RBrace || next_is_statement => (
                    "missing-semicolon",
                    format!("expected `;` after {list}"),
                    Some("end every statement with `;`".into()),
                ),
                Some(t) if matches!(t.kind, TokKind::Word | TokKind::Str) => (
                    "missing-comma",
                    format!("expected `,` between the values of {list}, found {found}"),
                    Some("separate values with `,`".into()),
                ),
                Some(t) if kind == Some(StatementKind::Origins) && self.tok_text(t) == ":" => (
                    "syntax",
                    format!("unexpected `:` in {list}"),
                    Some("origins are string literals: write them in double quotes, like `\"https://app.example.com\"`".into()),
                ),
                Some(_) => (
                    "syntax",
                    format!("unexpected {found} in {list}"),
                    Some("separate values with `,` and end the statement with `;`".into()),
                ),
            }
        } else {
            ("syntax", format!("unexpected {found}"), None)
        };
        self.error_at_token(pos, code, message, hint);
    }

    /// The outline token starting at or after `pos`.
    fn token_at(&self, pos: usize) -> Option<Tok> {
        let index = self.toks.partition_point(|t| t.end <= pos);
        self.toks.get(index).copied()
    }

    /// The word at `pos`, if any.
    fn word_at(&self, pos: usize) -> &'a str {
        match self.token_at(pos) {
            Some(t) if t.kind == TokKind::Word => self.tok_text(t),
            _ => "",
        }
    }

    /// Describes the token at `pos` for a message: `` `foo` `` or "the end of the text".
    fn found(&self, pos: usize) -> String {
        match self.token_at(pos) {
            Some(t) => {
                let text = self.tok_text(t);
                let short: String = text.chars().take(40).collect();
                if t.kind == TokKind::Doc {
                    "a doc comment".into()
                } else if short.len() < text.len() {
                    format!("`{short}…`")
                } else {
                    format!("`{short}`")
                }
            }
            None => "the end of the text".into(),
        }
    }

    /// Reports an error on the token at or after `pos` (or at the end of the text).
    fn error_at_token(
        &mut self,
        pos: usize,
        code: &'static str,
        message: String,
        hint: Option<String>,
    ) {
        let (start, end) = match self.token_at(pos) {
            Some(t) => (t.start, t.end),
            None => (self.text.len(), self.text.len()),
        };
        self.error(start, end, code, message, hint);
    }

    /// Resolves the escapes of a string literal pair (its offsets relative to `base`).
    fn string(&mut self, pair: &Pair<'_, Rule>, base: usize) -> Option<Spanned<String>> {
        let span = pair.as_span();
        let (start, end) = (base + span.start(), base + span.end());
        let raw = span.as_str();
        let inner = raw.get(1..raw.len().saturating_sub(1)).unwrap_or("");
        match unescape(inner) {
            Ok(value) => Some(Spanned {
                value,
                span: self.span(start, end),
            }),
            Err(bad) => {
                let escape_start = start + 1 + bad.offset;
                self.error(
                    escape_start,
                    escape_start + bad.len,
                    "invalid-escape",
                    bad.message,
                    Some(r#"the escapes are \" \\ \n \r \t \0 \' and \u{…}"#.into()),
                );
                None
            }
        }
    }
}

fn value_hint(kind: Option<StatementKind>) -> String {
    match kind {
        Some(StatementKind::Origins) => {
            "write origins in double quotes, or the bare `*` or `null`".into()
        }
        Some(StatementKind::Methods) => "write method names such as `GET, POST`".into(),
        Some(StatementKind::RequestHeaders | StatementKind::ExposeHeaders) => {
            "write header names such as `content-type, x-request-id`".into()
        }
        Some(StatementKind::Credentials | StatementKind::PrivateNetwork) => {
            "write `true` or `false`".into()
        }
        Some(StatementKind::MaxAge) => "write seconds such as `600`, or `30s`, `10m`, `2h`".into(),
        Some(StatementKind::PreflightStatus) => "write `200` or `204`".into(),
        Some(StatementKind::Preflight) => "write `respond` or `forward`".into(),
        Some(StatementKind::DangerouslyAllow) => {
            "write `null-origin`, `insecure-origins` or `public-suffix-wildcards`".into()
        }
        None => "separate values with `,` and end the statement with `;`".into(),
    }
}

/// `pub`, `pub(crate)`, `pub(in a::b)` without inner whitespace.
fn normalize_visibility(pair: &Pair<'_, Rule>) -> String {
    let mut out = String::from("pub");
    for inner in pair.clone().into_inner() {
        if inner.as_rule() == Rule::vis_scope {
            out.push('(');
            let mut first = true;
            for part in inner.into_inner() {
                match part.as_rule() {
                    Rule::kw_in => out.push_str("in "),
                    Rule::vis_path => {
                        let path: Vec<&str> = part
                            .into_inner()
                            .filter(|p| p.as_rule() == Rule::identifier)
                            .map(|p| p.as_str())
                            .collect();
                        out.push_str(&path.join("::"));
                    }
                    _ => {
                        if !first {
                            out.push(' ');
                        }
                        out.push_str(part.as_str());
                    }
                }
                first = false;
            }
            out.push(')');
        }
    }
    out
}

fn error_position(error: &pest::error::Error<Rule>) -> usize {
    match error.location {
        InputLocation::Pos(p) => p,
        InputLocation::Span((start, _)) => start,
    }
}

fn positives(error: &pest::error::Error<Rule>) -> Vec<Rule> {
    match &error.variant {
        ErrorVariant::ParsingError { positives, .. } => positives.clone(),
        ErrorVariant::CustomError { .. } => Vec::new(),
    }
}

/// A bad escape inside a string literal (offsets relative to the content).
#[derive(Debug, PartialEq, Eq)]
struct BadEscape {
    offset: usize,
    len: usize,
    message: String,
}

/// Resolves Rust-style escapes: `\"`, `\\`, `\n`, `\r`, `\t`, `\0`, `\'`,
/// `\u{…}`, and a backslash before a line break (skipping the next line's
/// leading whitespace).
fn unescape(content: &str) -> Result<String, BadEscape> {
    let mut out = String::with_capacity(content.len());
    let mut chars = content.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        let Some((_, e)) = chars.next() else {
            return Err(BadEscape {
                offset: i,
                len: 1,
                message: "a string literal cannot end with a lone `\\`".into(),
            });
        };
        match e {
            '"' => out.push('"'),
            '\\' => out.push('\\'),
            '\'' => out.push('\''),
            'n' => out.push('\n'),
            'r' => out.push('\r'),
            't' => out.push('\t'),
            '0' => out.push('\0'),
            '\n' => {
                while chars.peek().is_some_and(|(_, c)| c.is_whitespace()) {
                    chars.next();
                }
            }
            'u' => {
                let rest = &content[i + 2..];
                let close = rest.find('}');
                let parsed = rest.strip_prefix('{').and(close).and_then(|close| {
                    let digits = &rest[1..close];
                    let digits: String = digits.chars().filter(|&c| c != '_').collect();
                    if digits.is_empty() || digits.len() > 6 {
                        return None;
                    }
                    u32::from_str_radix(&digits, 16)
                        .ok()
                        .and_then(char::from_u32)
                        .map(|ch| (ch, close))
                });
                match parsed {
                    Some((ch, close)) => {
                        out.push(ch);
                        // Skip `{…}`.
                        let stop = i + 2 + close;
                        while chars.peek().is_some_and(|(j, _)| *j <= stop) {
                            chars.next();
                        }
                    }
                    None => {
                        return Err(BadEscape {
                            offset: i,
                            len: 2,
                            message: "invalid unicode escape: write `\\u{…}` with 1 to 6 hex digits of a valid character".into(),
                        })
                    }
                }
            }
            other => {
                return Err(BadEscape {
                    offset: i,
                    len: 1 + other.len_utf8(),
                    message: format!("unknown escape `\\{other}` in a string literal"),
                })
            }
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes() {
        assert_eq!(unescape(r#"a\"b\\c"#).unwrap(), "a\"b\\c");
        assert_eq!(unescape(r"b\u{FC}cher").unwrap(), "bücher");
        assert_eq!(unescape(r"\x41").unwrap_err().offset, 0);
        assert!(unescape(r"\u{110000}").is_err());
        assert!(unescape(r"\u{").is_err());
    }

    #[test]
    fn spans_of_tokens() {
        let text = "/// Doc.\npub(crate) policy Api {\n  origins: \"https://a.example\", *;\n}\n";
        let (file, diagnostics) = parse(text, SourceId(0));
        assert!(diagnostics.is_empty(), "{diagnostics:?}");
        let Item::Policy(policy) = &file.items[0] else {
            panic!("expected a policy");
        };
        assert_eq!(policy.visibility, "pub(crate)");
        assert_eq!(policy.docs[0].value, " Doc.");
        assert_eq!((policy.name.span.line, policy.name.span.col), (2, 19));
        let origins = &policy.statements[0];
        assert_eq!((origins.name.span.line, origins.name.span.col), (3, 3));
        assert_eq!(origins.values[1].span().col, 33);
    }
}
