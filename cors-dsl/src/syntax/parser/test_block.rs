//! `test Name { expectation; … }`: the head, and one expectation per
//! chunk, `allow|deny [preflight] METHOD from ORIGIN [with H, …] [because
//! REASON];`, with what was expected where the rule stopped.

use pest::iterators::Pair;
use pest::Parser as _;

use super::outline::TokKind;
use super::{error_position, positives, CorsParser, FileParser, Rule};
use crate::codes::Code;
use crate::suggest::closest_within;
use crate::syntax::ast::{Expectation, Spanned, TestBlock, Value};

/// The keywords of an expectation, for "did you mean".
const KEYWORDS: [&str; 6] = ["allow", "deny", "preflight", "from", "with", "because"];

/// An example expectation, for hints.
const EXAMPLE: &str = "allow GET from \"https://app.example.com\";";

impl FileParser<'_> {
    /// `test Name { … }` starting at token `i`; returns the index after it.
    pub(super) fn test_block(&mut self, i: usize) -> (Option<TestBlock>, usize) {
        let mut j = i;
        while j < self.toks.len()
            && !matches!(
                self.toks[j].kind,
                TokKind::LBrace | TokKind::RBrace | TokKind::Semi | TokKind::Doc
            )
        {
            j += 1;
        }
        let head_start = self.toks[i].start;
        let head_end = self.toks[j - 1].end;
        let head = self.test_head(head_start, head_end);
        if self.toks.get(j).map(|t| t.kind) != Some(TokKind::LBrace) {
            if let Some((_, name)) = &head {
                let pos = self.toks.get(j).map_or(self.text.len(), |t| t.start);
                self.error_at_token(
                    pos,
                    Code::Syntax,
                    format!(
                        "expected `{{` after `test {}`, found {}",
                        name.value,
                        self.found(pos)
                    ),
                    Some(format!(
                        "write the expectations in braces: `test {} {{ {EXAMPLE} }}`",
                        name.value
                    )),
                );
            }
            return (None, (j + 1).min(self.toks.len()).max(i + 1));
        }
        let body = self.body(j, "an expectation");
        let mut expectations = Vec::new();
        let mut had_errors = !body.closed;
        for &(first, end) in &body.chunks {
            match self.expectation(first, end) {
                Some(expectation) => expectations.push(expectation),
                None => had_errors = true,
            }
        }
        let next = self.close_body(j, &body, "test block");
        let block = head.map(|(keyword, policy)| TestBlock {
            keyword,
            policy,
            expectations,
            had_errors,
        });
        (block, next)
    }

    /// `test Name`: the span of `test` and the name.
    fn test_head(
        &mut self,
        start: usize,
        end: usize,
    ) -> Option<(crate::span::Span, Spanned<String>)> {
        match CorsParser::parse(Rule::test_header, &self.text[start..end]) {
            Ok(mut pairs) => {
                let mut keyword = None;
                let mut name = None;
                for pair in pairs.next()?.into_inner() {
                    let span =
                        self.span(start + pair.as_span().start(), start + pair.as_span().end());
                    match pair.as_rule() {
                        Rule::kw_test => keyword = Some(span),
                        Rule::policy_name => {
                            name = Some(Spanned {
                                value: pair.as_str().to_owned(),
                                span,
                            });
                        }
                        _ => {}
                    }
                }
                Some((keyword?, name?))
            }
            Err(error) => {
                let pos = start + error_position(&error);
                self.error_at_token(
                    pos,
                    Code::Syntax,
                    format!(
                        "expected the name of the policy under test after `test`, found {}",
                        self.found(pos)
                    ),
                    Some(format!("write `test Api {{ {EXAMPLE} }}`")),
                );
                None
            }
        }
    }

    /// Parses the expectation made of tokens `first..end` (`end` exclusive);
    /// `None` if it was reported as an error.
    fn expectation(&mut self, first: usize, end: usize) -> Option<Expectation> {
        let start = self.toks[first].start;
        let stop = self.toks[end - 1].end;
        let pairs = match CorsParser::parse(Rule::expectation, &self.text[start..stop]) {
            Ok(mut pairs) => pairs.next()?,
            Err(error) => {
                if !self.unquoted_url(stop) {
                    let pos = start + error_position(&error);
                    self.expectation_error(pos, &positives(&error));
                }
                return None;
            }
        };
        let mut allow = None;
        let mut preflight = None;
        let mut method = None;
        let mut origin = None;
        let mut with: Option<(crate::span::Span, Vec<Value>)> = None;
        let mut because = None;
        let mut last_end = start;
        let mut ok = true;
        for pair in pairs.into_inner() {
            let (from, to) = (start + pair.as_span().start(), start + pair.as_span().end());
            let span = self.span(from, to);
            if pair.as_rule() != Rule::semi && pair.as_rule() != Rule::EOI {
                last_end = to;
            }
            match pair.as_rule() {
                Rule::verdict => {
                    allow = Some(Spanned {
                        value: pair.as_str() == "allow",
                        span,
                    });
                }
                Rule::kw_preflight => preflight = Some(span),
                Rule::test_method => method = self.test_value(pair, start, &mut ok),
                Rule::test_origin => origin = self.test_value(pair, start, &mut ok),
                Rule::kw_with => with = Some((span, Vec::new())),
                Rule::test_header_name => {
                    if let (Some(value), Some((_, names))) =
                        (self.test_value(pair, start, &mut ok), with.as_mut())
                    {
                        names.push(value);
                    }
                }
                Rule::reason => {
                    because = Some(Spanned {
                        value: pair.as_str().to_owned(),
                        span,
                    });
                }
                _ => {}
            }
        }
        if !ok {
            return None;
        }
        Some(Expectation {
            allow: allow?,
            preflight,
            method: method?,
            origin: origin?,
            with,
            because,
            span: self.span(start, last_end),
        })
    }

    /// A method, origin or header name: a string literal (escapes resolved)
    /// or a bare run of characters. Sets `ok` to false on a bad escape.
    fn test_value(&mut self, pair: Pair<'_, Rule>, base: usize, ok: &mut bool) -> Option<Value> {
        let inner = pair.into_inner().next()?;
        match inner.as_rule() {
            Rule::string_lit => {
                let value = self.string(&inner, base);
                *ok &= value.is_some();
                value.map(Value::Str)
            }
            _ => {
                let span = inner.as_span();
                Some(Value::Word(Spanned {
                    value: span.as_str().to_owned(),
                    span: self.span(base + span.start(), base + span.end()),
                }))
            }
        }
    }

    /// `allow GET from https://app.example.com;`: the outline reads
    /// `//app.example.com;` as a comment, so the expectation stops at
    /// `https:` without its `;`. Reports the unquoted origin instead;
    /// `false` if the chunk ending at `stop` is not such a case.
    fn unquoted_url(&mut self, stop: usize) -> bool {
        if !self.text[..stop].ends_with(':') || !self.text[stop..].starts_with("//") {
            return false;
        }
        let start = self.text[..stop]
            .rfind(|c: char| c.is_whitespace())
            .map_or(0, |i| i + 1);
        let end = self.text[stop..]
            .find(|c: char| c.is_whitespace() || c == ';')
            .map_or(self.text.len(), |i| stop + i);
        let url = &self.text[start..end];
        self.error(
            start,
            end,
            Code::UnquotedOrigin,
            format!("the origin of a test is a string literal, found `{url}`"),
            Some(format!("write \"{}\"", url.escape_debug())),
        );
        true
    }

    fn expectation_error(&mut self, pos: usize, positives: &[Rule]) {
        let found = self.found(pos);
        let word = self.word_at(pos);
        let next = self.token_at(pos);
        let at_end = next.is_none_or(|t| matches!(t.kind, TokKind::RBrace | TokKind::Semi));
        let did_you_mean = |expected: &[&'static str]| {
            closest_within(&word.to_ascii_lowercase(), KEYWORDS, 2)
                .filter(|k| !word.is_empty() && expected.contains(k))
                .map(|k| format!("did you mean `{k}`?"))
        };
        let has = |rule: Rule| positives.contains(&rule);
        let (code, message, hint) = if has(Rule::verdict) || has(Rule::kw_allow) {
            (
                Code::Syntax,
                format!("expected `allow` or `deny` at the start of an expectation, found {found}"),
                did_you_mean(&["allow", "deny"])
                    .unwrap_or_else(|| format!("an expectation reads `{EXAMPLE}`")),
            )
        } else if has(Rule::test_method) {
            (
                Code::Syntax,
                format!("expected the request's method, found {found}"),
                format!("an expectation reads `{EXAMPLE}`"),
            )
        } else if has(Rule::kw_from) {
            (
                Code::Syntax,
                format!("expected `from` and the request's origin after the method, found {found}"),
                did_you_mean(&["from"])
                    .unwrap_or_else(|| format!("an expectation reads `{EXAMPLE}`")),
            )
        } else if has(Rule::test_origin) {
            (
                Code::Syntax,
                format!("expected the request's origin after `from`, found {found}"),
                "write it as a browser sends it, in double quotes (`\"https://app.example.com\"`), or the bare keyword `null`".into(),
            )
        } else if has(Rule::test_header_name) {
            let after_comma = self.text[..pos].trim_end().ends_with(',');
            let (code, message) = if at_end && after_comma {
                (
                    Code::TrailingComma,
                    "trailing comma at the end of the header names".to_owned(),
                )
            } else {
                (
                    Code::Syntax,
                    format!("expected a header name, found {found}"),
                )
            };
            (code, message, "write the header names the script sets, separated by `,`: `with content-type, x-request-id`".into())
        } else if has(Rule::reason) || positives == [Rule::loose] {
            (
                Code::Syntax,
                format!("expected the failing check after `because`, found {found}"),
                "write `because origin`, `because method` or `because request-headers`".into(),
            )
        } else if has(Rule::semi) && at_end {
            (
                Code::MissingSemicolon,
                "expected `;` at the end of the expectation".into(),
                "end every expectation with `;`".into(),
            )
        } else if has(Rule::comma) && !word.is_empty() && did_you_mean(&["because"]).is_none() {
            (
                Code::MissingComma,
                format!("expected `,` between the header names, found {found}"),
                "separate header names with `,`".into(),
            )
        } else {
            let expected: Vec<&str> = [
                (Rule::kw_with, "`with`"),
                (Rule::comma, "`,`"),
                (Rule::kw_because, "`because`"),
                (Rule::semi, "`;`"),
            ]
            .into_iter()
            .filter(|(rule, _)| has(*rule))
            .map(|(_, text)| text)
            .collect();
            let expected = match expected.as_slice() {
                [] => "the end of the expectation".to_owned(),
                [one] => (*one).to_owned(),
                [init @ .., last] => format!("{} or {last}", init.join(", ")),
            };
            (
                Code::Syntax,
                format!("expected {expected}, found {found}"),
                did_you_mean(&["with", "because"])
                    .unwrap_or_else(|| "an expectation ends with `with` and the header names, then `because` and the failing check, then `;`".into()),
            )
        };
        self.error_at_token(pos, code, message, Some(hint));
    }
}
