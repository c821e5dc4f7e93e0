//! Turns the macro's tokens back into policy text, keeping each token at its
//! original line and column, and remembers which text range came from which
//! token so that diagnostics can be spanned on the offending token.

use proc_macro::{Delimiter, Span, TokenStream, TokenTree};

/// The reconstructed text and the map from text ranges back to token spans.
pub struct Layout {
    /// Policy text, laid out like the source.
    pub text: String,
    /// `(start, end, span)` for every token, in text order.
    tokens: Vec<(usize, usize, Span)>,
    line: usize,
    col: usize,
}

impl Layout {
    /// Lays out a whole macro input.
    pub fn of(input: TokenStream) -> Self {
        let mut layout = Layout {
            text: String::new(),
            tokens: Vec::new(),
            line: 0,
            col: 1,
        };
        layout.stream(input);
        layout
    }

    /// The span of the token that covers byte `offset` of the text, or the
    /// nearest token after it (or the last one, for an offset at the end).
    pub fn span_at(&self, offset: usize) -> Option<Span> {
        let after = self.tokens.partition_point(|&(_, end, _)| end <= offset);
        self.tokens
            .get(after)
            .or_else(|| self.tokens.last())
            .map(|&(_, _, span)| span)
    }

    fn stream(&mut self, input: TokenStream) {
        let mut tokens = input.into_iter().peekable();
        while let Some(token) = tokens.next() {
            match token {
                TokenTree::Group(group) => {
                    let (open, close) = match group.delimiter() {
                        Delimiter::Parenthesis => ("(", ")"),
                        Delimiter::Brace => ("{", "}"),
                        Delimiter::Bracket => ("[", "]"),
                        Delimiter::None => ("", ""),
                    };
                    self.token(open, group.span_open());
                    self.stream(group.stream());
                    self.token(close, group.span_close());
                }
                TokenTree::Punct(punct) if punct.as_char() == '#' => {
                    let doc = match tokens.peek() {
                        Some(TokenTree::Group(g)) if g.delimiter() == Delimiter::Bracket => {
                            doc_text(g.stream())
                        }
                        _ => None,
                    };
                    match doc {
                        Some(doc) => {
                            tokens.next();
                            self.doc_comment(&doc, punct.span());
                        }
                        None => self.token("#", punct.span()),
                    }
                }
                other => self.token(&other.to_string(), other.span()),
            }
        }
    }

    /// `#[doc = "…"]` (what rustc makes of `///`) goes back to `///` lines.
    fn doc_comment(&mut self, doc: &str, span: Span) {
        for (i, line) in doc.split('\n').enumerate() {
            if i > 0 {
                self.text.push('\n');
                self.line += 1;
                self.col = 1;
            }
            self.token(&format!("///{line}"), span);
        }
        // A doc comment runs to the end of its line.
        self.text.push('\n');
        self.line += 1;
        self.col = 1;
    }

    fn token(&mut self, text: &str, span: Span) {
        if text.is_empty() {
            return;
        }
        self.move_to(span.line(), span.column());
        let start = self.text.len();
        self.text.push_str(text);
        self.tokens.push((start, self.text.len(), span));
        match text.rfind('\n') {
            Some(last) => {
                self.line += text.matches('\n').count();
                self.col = text[last + 1..].chars().count() + 1;
            }
            None => self.col += text.chars().count(),
        }
    }

    /// Pads the text so the next token starts at `line:col` of the source; a
    /// token that would land behind the cursor (spans from another macro's
    /// expansion) is separated by one space instead.
    fn move_to(&mut self, line: usize, col: usize) {
        if self.line == 0 {
            // The text starts on line 1 of the source file, so that line
            // numbers quoted in messages (`first defined at 3:12`) are the
            // file's own.
            self.line = 1;
            self.col = 1;
        }
        if line > self.line {
            for _ in self.line..line {
                self.text.push('\n');
            }
            self.line = line;
            self.col = 1;
        }
        if line == self.line && col >= self.col {
            self.text.extend(std::iter::repeat_n(' ', col - self.col));
            self.col = col;
        } else if !self.text.is_empty() && !self.text.ends_with(char::is_whitespace) {
            self.text.push(' ');
            self.col += 1;
        }
    }
}

/// The value of a `doc = "…"` attribute body, if that is what `stream` is.
fn doc_text(stream: TokenStream) -> Option<String> {
    let mut parts = stream.into_iter();
    match (parts.next(), parts.next(), parts.next(), parts.next()) {
        (
            Some(TokenTree::Ident(name)),
            Some(TokenTree::Punct(eq)),
            Some(TokenTree::Literal(lit)),
            None,
        ) if name.to_string() == "doc" && eq.as_char() == '=' => {
            let lit: proc_macro2::TokenStream = TokenTree::Literal(lit).to_string().parse().ok()?;
            syn::parse2::<syn::LitStr>(lit).ok().map(|s| s.value())
        }
        _ => None,
    }
}
