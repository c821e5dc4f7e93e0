//! The diagnostic codes of the language: one closed set, [`Code`], with the
//! text of each code in one table: its stable kebab-case slug, a one-line
//! summary and, for the codes of origin strings, an example input.
//! `docs/errors.md` explains each with an example.
//!
//! ```
//! use cors_dsl::codes::Code;
//!
//! assert_eq!(Code::MethodNotToken.as_str(), "method-not-token");
//! assert_eq!(Code::from_text("origin-trailing-slash"), Some(Code::OriginTrailingSlash));
//! assert_eq!(Code::OriginTrailingSlash.origin_example(), Some("https://example.com/"));
//! ```

use std::fmt;

/// What the table says about one code.
struct Row {
    text: &'static str,
    summary: &'static str,
    origin_example: Option<&'static str>,
}

/// Declares [`Code`] and [`TABLE`] from one list of rows, so that a variant
/// and its text cannot drift apart: `Variant = "slug", "summary";`, plus
/// `example: "input"` for the codes of origin strings.
macro_rules! codes {
    (@example) => {
        None
    };
    (@example $example:literal) => {
        Some($example)
    };
    ($($variant:ident = $text:literal, $summary:literal $(, example: $example:literal)?;)*) => {
        /// A diagnostic code: what kind of error a [`Diagnostic`](crate::Diagnostic)
        /// (or an [`OriginError`](crate::origin::OriginError)) reports.
        ///
        /// Its text ([`Code::as_str`]) is the stable slug shown to users and
        /// in `docs/errors.md`.
        ///
        /// ```
        /// let report = cors_dsl::compile_str("a.cors", "policy A { methods: GET; }", None).unwrap_err();
        /// assert_eq!(report.diagnostics[0].kind(), Some(cors_dsl::codes::Code::MissingOrigins));
        /// ```
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[non_exhaustive]
        pub enum Code {
            $(
                #[doc = concat!("`", $text, "`: ", $summary, ".")]
                $variant,
            )*
        }

        impl Code {
            /// Every code, in the order of the catalogue.
            ///
            /// ```
            /// use cors_dsl::codes::Code;
            /// assert_eq!(Code::ALL[0], Code::Syntax);
            /// ```
            pub const ALL: &'static [Code] = &[$(Code::$variant),*];
        }

        /// The text of every code, in the order of the variants of [`Code`].
        const TABLE: &[Row] = &[$(
            Row {
                text: $text,
                summary: $summary,
                origin_example: codes!(@example $($example)?),
            }
        ),*];
    };
}

codes! {
    // Syntax.
    Syntax = "syntax", "unexpected token";
    MissingSemicolon = "missing-semicolon", "a statement or `include` line does not end with `;`";
    MissingColon = "missing-colon", "a statement name is not followed by `:`";
    MissingComma = "missing-comma", "two values are not separated by `,`";
    EmptyList = "empty-list", "a statement has no value";
    TrailingComma = "trailing-comma", "a list ends with `,`";
    EmptyElement = "empty-element", "a list has an empty element (`,,`)";
    UnknownStatement = "unknown-statement", "a statement name the language does not know";
    UnterminatedString = "unterminated-string", "a string literal without its closing `\"`";
    UnterminatedComment = "unterminated-comment", "a `/*` comment without its closing `*/`";
    CommentTooDeep = "comment-too-deep", "block comments nested more than 64 deep";
    InvalidEscape = "invalid-escape", "an escape sequence Rust string literals do not have";
    UnmatchedBrace = "unmatched-brace", "a `}` without a `{`";
    UnclosedBrace = "unclosed-brace", "a `{` without a `}`";
    MisplacedDocComment = "misplaced-doc-comment", "a `///` doc comment that documents no policy";
    InvalidPolicyName = "invalid-policy-name", "a policy name that is not a Rust identifier";
    // Files and includes.
    NoPolicy = "no-policy", "a text or file with no policy";
    IncludeWithoutBase = "include-without-base", "`include` in a text compiled without a base folder";
    IncludeUnreadable = "include-unreadable", "an included file is missing, a directory, unreadable or not UTF-8";
    IncludeCycle = "include-cycle", "a file includes itself, directly or not";
    // Policies and statements.
    DuplicatePolicy = "duplicate-policy", "two policies with the same name";
    DuplicateStatement = "duplicate-statement", "a statement given twice in one policy";
    MissingOrigins = "missing-origins", "a policy without `origins`";
    TooManyValues = "too-many-values", "several values for a one-value statement";
    QuotedValue = "quoted-value", "a string literal where a bare word is expected";
    WildcardNotAlone = "wildcard-not-alone", "`*` combined with other values";
    // Origins in a policy.
    UnquotedOrigin = "unquoted-origin", "an origin written without quotes";
    DuplicateOrigin = "duplicate-origin", "the same origin twice (after canonicalization)";
    OriginCovered = "origin-covered", "an origin or pattern another pattern already matches";
    WildcardOriginWithCredentials = "wildcard-origin-with-credentials", "`origins: *` with `credentials: true`";
    InsecureOriginWithCredentials = "insecure-origin-with-credentials", "an `http://` origin with credentials";
    PublicSuffixWildcardWithCredentials = "public-suffix-wildcard-with-credentials", "`*.` over a public suffix with credentials";
    NullOriginWithoutOptIn = "null-origin-without-opt-in", "`null` without `dangerously-allow: null-origin`";
    NullOriginWithCredentials = "null-origin-with-credentials", "`null` with `credentials: true`";
    PrivateNetworkWithAnyOrigin = "private-network-with-any-origin", "`private-network: true` with `origins: *`";
    WebSocketWithAnyOrigin = "websocket-with-any-origin", "`websocket: check-origin` with `origins: *`";
    // Methods.
    MethodNotToken = "method-not-token", "a method that is not an HTTP token";
    MethodTooLong = "method-too-long", "a method longer than 64 bytes";
    MethodCase = "method-case", "a well-known method in the wrong case";
    ForbiddenMethod = "forbidden-method", "`CONNECT`, `TRACE` or `TRACK`";
    DuplicateMethod = "duplicate-method", "the same method twice";
    // Headers.
    HeaderNotToken = "header-not-token", "a header name that is not an HTTP token";
    HeaderTooLong = "header-too-long", "a header name longer than 128 bytes";
    DuplicateHeader = "duplicate-header", "the same header name twice (case-insensitive)";
    ForbiddenRequestHeader = "forbidden-request-header", "a request header scripts can never set";
    ResponseHeaderInRequestHeaders = "response-header-in-request-headers", "an `access-control-*` response header in `request-headers`";
    ExposeSetCookie = "expose-set-cookie", "`set-cookie` in `expose-headers`";
    ExposeRequestHeader = "expose-request-header", "a request-only header in `expose-headers`";
    ExposeCorsHeader = "expose-cors-header", "a CORS response header in `expose-headers`";
    ExposeAnyWithCredentials = "expose-any-with-credentials", "`expose-headers: *` with `credentials: true`";
    // Scalars.
    InvalidBoolean = "invalid-boolean", "`credentials`/`private-network` not `true` or `false`";
    InvalidDuration = "invalid-duration", "a `max-age` that is not a duration";
    MaxAgeNegative = "max-age-negative", "a negative `max-age`";
    MaxAgeTooLarge = "max-age-too-large", "a `max-age` above 86400 s";
    InvalidPreflightStatus = "invalid-preflight-status", "a `preflight-status` other than 200 or 204";
    InvalidPreflightMode = "invalid-preflight-mode", "a `preflight` other than `respond` or `forward`";
    InvalidWebSocketMode = "invalid-websocket-mode", "a `websocket` other than `check-origin`";
    UnknownOptIn = "unknown-opt-in", "an unknown `dangerously-allow` name";
    DuplicateOptIn = "duplicate-opt-in", "the same `dangerously-allow` name twice";
    // Tests (`test Name { … }`).
    TestUnknownPolicy = "test-unknown-policy", "a `test` block of a policy that is not declared";
    TestEmpty = "test-empty", "a `test` block without an expectation";
    TestOriginNotAscii = "test-origin-not-ascii", "a test origin no browser sends: non-ASCII (browsers send punycode) or with a control character";
    TestUnknownReason = "test-unknown-reason", "a `because` other than `origin`, `method` or `request-headers`";
    TestBecauseWithAllow = "test-because-with-allow", "`because` in an `allow` expectation";
    TestBecauseHeadersWithoutWith = "test-because-headers-without-with", "`because request-headers` in an expectation without `with`";
    TestNotAllowed = "test-not-allowed", "an `allow` expectation the policy refuses";
    TestNotDenied = "test-not-denied", "a `deny` expectation the policy allows";
    TestWrongReason = "test-wrong-reason", "a `deny … because` expectation refused by another check";
    // Sets and `extends`.
    InvalidSetName = "invalid-set-name", "a set name that does not start with an upper-case letter or has no lower-case one";
    DuplicateSet = "duplicate-set", "two sets with the same name";
    UnknownSet = "unknown-set", "a name in a list that no set defines";
    SetCycle = "set-cycle", "a set that contains itself, directly or through other sets";
    SetMismatch = "set-mismatch", "a set used in a statement its values cannot go in";
    UnusedSet = "unused-set", "a set no policy uses (a warning)";
    UnknownParent = "unknown-parent", "`extends` names a policy that does not exist";
    ExtendsCycle = "extends-cycle", "a policy that extends itself, directly or through other policies";
    // Origin strings (`origin::parse_origin`), in the order the checks run.
    OriginEmpty = "origin-empty", "the origin string is empty", example: "";
    OriginQuotedWildcard = "origin-quoted-wildcard", "`\"*\"` in quotes: write the bare keyword `*`", example: "*";
    OriginQuotedNull = "origin-quoted-null", "`\"null\"` in quotes: write the bare keyword `null`", example: "null";
    OriginTooLong = "origin-too-long", "longer than 64 + 3 + 253 + 1 + 5 bytes", example: "<a 400-byte string>";
    OriginWhitespace = "origin-whitespace", "whitespace anywhere", example: "https://a.com ";
    OriginControlCharacter = "origin-control-character", "a control character", example: "https://a\u{0}.com";
    OriginFileScheme = "origin-file-scheme", "`file:` pages send the origin `null`", example: "file:///index.html";
    OriginOpaqueScheme = "origin-opaque-scheme", "`data:`, `blob:`, `about:`, `javascript:` send the origin `null`", example: "data:text/html,hi";
    OriginMissingScheme = "origin-missing-scheme", "no `scheme://`", example: "example.com";
    OriginMissingSlashes = "origin-missing-slashes", "`scheme:` without `//`", example: "https:example.com";
    OriginUppercaseScheme = "origin-uppercase-scheme", "the scheme is not lowercase", example: "HTTPS://example.com";
    OriginInvalidScheme = "origin-invalid-scheme", "the scheme is not `[a-z][a-z0-9+.-]*`", example: "1http://example.com";
    OriginSchemeTooLong = "origin-scheme-too-long", "the scheme is over 64 bytes", example: "<a 65-letter scheme>";
    OriginEmptyHost = "origin-empty-host", "no host", example: "https://";
    OriginTrailingSlash = "origin-trailing-slash", "a trailing `/`", example: "https://example.com/";
    OriginPath = "origin-path", "a path", example: "https://example.com/api";
    OriginQuery = "origin-query", "a query", example: "https://example.com?x=1";
    OriginFragment = "origin-fragment", "a fragment", example: "https://example.com#top";
    OriginUserinfo = "origin-userinfo", "a user name or password", example: "https://user@example.com";
    OriginIpv6ZoneId = "origin-ipv6-zone-id", "an IPv6 zone id", example: "http://[fe80::1%25eth0]";
    OriginPercentEncoding = "origin-percent-encoding", "percent-encoding", example: "https://%61.com";
    OriginIpv6Unbracketed = "origin-ipv6-unbracketed", "an IPv6 address without brackets", example: "http://::1";
    OriginIpv6Invalid = "origin-ipv6-invalid", "not a valid IPv6 address (or unclosed `[`)", example: "http://[::g]";
    OriginWildcardIpHost = "origin-wildcard-ip-host", "a subdomain wildcard on an IP address", example: "https://*.127.0.0.1";
    OriginIpv6EmbeddedIpv4 = "origin-ipv6-embedded-ipv4", "an IPv6 address with a dotted IPv4 tail", example: "http://[::ffff:1.2.3.4]";
    OriginIpv6NotCanonical = "origin-ipv6-not-canonical", "an IPv6 address not in RFC 5952 form", example: "http://[0:0:0:0:0:0:0:1]";
    OriginWildcardBareHost = "origin-wildcard-bare-host", "a wildcard as the whole host", example: "https://*";
    OriginWildcardNotLeading = "origin-wildcard-not-leading", "a `*` label that is not the leftmost", example: "https://a.*.example.com";
    OriginWildcardPartialLabel = "origin-wildcard-partial-label", "`*` inside a label", example: "https://*example.com";
    OriginUppercaseHost = "origin-uppercase-host", "uppercase letters in the host", example: "https://Example.com";
    OriginInvalidHostCharacter = "origin-invalid-host-character", "a character not allowed in a host", example: "https://a!b.com";
    OriginEmptyLabel = "origin-empty-label", "an empty label", example: "https://a..com";
    OriginInvalidIdna = "origin-invalid-idna", "not a valid internationalized domain name", example: "https://xn--f";
    OriginLabelTooLong = "origin-label-too-long", "a label over 63 bytes", example: "<a 64-letter label>";
    OriginHostTooLong = "origin-host-too-long", "a host over 253 bytes", example: "<a 255-byte host>";
    OriginIpv4NotCanonical = "origin-ipv4-not-canonical", "an IPv4 address not in dotted-quad form", example: "http://127.1";
    OriginNumericHost = "origin-numeric-host", "ends in a number but is not an IPv4 address", example: "http://foo.255";
    OriginPortEmpty = "origin-port-empty", "`:` without a port", example: "https://example.com:";
    OriginWildcardPartialPort = "origin-wildcard-partial-port", "`*` mixed into a port", example: "https://example.com:8*";
    OriginPortInvalid = "origin-port-invalid", "a port that is not a number", example: "https://example.com:abc";
    OriginPortZero = "origin-port-zero", "port 0", example: "https://example.com:0";
    OriginPortLeadingZero = "origin-port-leading-zero", "a port with a leading zero", example: "https://example.com:08080";
    OriginPortOutOfRange = "origin-port-out-of-range", "a port above 65535", example: "https://example.com:65536";
    OriginDefaultPort = "origin-default-port", "the scheme's default port (browsers never send it)", example: "https://example.com:443";
}

/// How serious a diagnostic is.
///
/// ```
/// use cors_dsl::codes::{Code, Severity};
/// assert_eq!(Code::UnusedSet.severity(), Severity::Warning);
/// assert_eq!(Code::SetCycle.severity(), Severity::Error);
/// assert_eq!(Severity::Warning.as_str(), "warning");
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Severity {
    /// The text is invalid: nothing is compiled.
    #[default]
    Error,
    /// The text is valid, but something in it is most likely a mistake.
    Warning,
}

impl Severity {
    /// `"error"` or `"warning"`, as printed after the position.
    pub const fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Code {
    /// Whether a diagnostic with this code is an error or a warning.
    ///
    /// ```
    /// use cors_dsl::codes::{Code, Severity};
    /// assert_eq!(Code::MissingOrigins.severity(), Severity::Error);
    /// ```
    pub const fn severity(self) -> Severity {
        match self {
            Code::UnusedSet => Severity::Warning,
            _ => Severity::Error,
        }
    }

    const fn row(self) -> &'static Row {
        &TABLE[self as usize]
    }

    /// The stable slug, e.g. `"method-not-token"`.
    ///
    /// ```
    /// assert_eq!(cors_dsl::codes::Code::UnknownStatement.as_str(), "unknown-statement");
    /// ```
    pub const fn as_str(self) -> &'static str {
        self.row().text
    }

    /// A one-line summary of what the code reports.
    ///
    /// ```
    /// assert_eq!(cors_dsl::codes::Code::OriginPath.summary(), "a path");
    /// ```
    pub const fn summary(self) -> &'static str {
        self.row().summary
    }

    /// For a code of origin-string parsing ([`parse_origin`](crate::origin::parse_origin)):
    /// an origin string that gets it (`<…>` describes an input too long to
    /// show). `None` for every other code.
    ///
    /// ```
    /// use cors_dsl::codes::Code;
    /// assert_eq!(Code::OriginDefaultPort.origin_example(), Some("https://example.com:443"));
    /// assert_eq!(Code::Syntax.origin_example(), None);
    /// ```
    pub const fn origin_example(self) -> Option<&'static str> {
        self.row().origin_example
    }

    /// Whether the code reports a failing expectation of a `test` block
    /// (the policy does not do what the test says), rather than invalid text.
    ///
    /// ```
    /// use cors_dsl::codes::Code;
    /// assert!(Code::TestNotAllowed.is_test_failure());
    /// assert!(!Code::TestUnknownPolicy.is_test_failure());
    /// ```
    pub const fn is_test_failure(self) -> bool {
        matches!(
            self,
            Code::TestNotAllowed | Code::TestNotDenied | Code::TestWrongReason
        )
    }

    /// The code whose slug is `text`.
    ///
    /// ```
    /// use cors_dsl::codes::Code;
    /// assert_eq!(Code::from_text("include-cycle"), Some(Code::IncludeCycle));
    /// assert_eq!(Code::from_text("no-such-code"), None);
    /// ```
    pub fn from_text(text: &str) -> Option<Code> {
        Code::ALL.iter().copied().find(|code| code.as_str() == text)
    }
}

impl fmt::Display for Code {
    /// The slug ([`Code::as_str`]).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// How many codes are (`origin`) or are not of origin strings.
const fn count(origin: bool) -> usize {
    let mut n = 0;
    let mut i = 0;
    while i < TABLE.len() {
        if TABLE[i].origin_example.is_some() == origin {
            n += 1;
        }
        i += 1;
    }
    n
}

const GENERAL_LEN: usize = count(false);
const ORIGIN_LEN: usize = count(true);

const GENERAL: [(&str, &str); GENERAL_LEN] = {
    let mut out = [("", ""); GENERAL_LEN];
    let (mut i, mut j) = (0, 0);
    while i < TABLE.len() {
        if TABLE[i].origin_example.is_none() {
            out[j] = (TABLE[i].text, TABLE[i].summary);
            j += 1;
        }
        i += 1;
    }
    out
};

const ORIGIN: [(&str, &str, &str); ORIGIN_LEN] = {
    let mut out = [("", "", ""); ORIGIN_LEN];
    let (mut i, mut j) = (0, 0);
    while i < TABLE.len() {
        if let Some(example) = TABLE[i].origin_example {
            out[j] = (TABLE[i].text, example, TABLE[i].summary);
            j += 1;
        }
        i += 1;
    }
    out
};

/// Every diagnostic code produced outside of origin-string parsing, with its
/// summary (the rows of [`Code`] without an origin example).
///
/// ```
/// assert!(cors_dsl::codes::CODES.iter().any(|(code, _)| *code == "unknown-statement"));
/// ```
pub const CODES: &[(&str, &str)] = &GENERAL;

/// The codes of origin-string parsing as `(code, example, summary)`: the
/// rows of [`Code`] with an origin example, published as
/// [`origin::ERROR_CODES`](crate::origin::ERROR_CODES).
pub(crate) const ORIGIN_CODES: &[(&str, &str, &str)] = &ORIGIN;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_round_trip_and_are_unique() {
        for (i, code) in Code::ALL.iter().enumerate() {
            assert_eq!(*code as usize, i);
            assert_eq!(Code::from_text(code.as_str()), Some(*code));
            assert_eq!(code.to_string(), code.as_str());
        }
        assert_eq!(CODES.len() + ORIGIN_CODES.len(), Code::ALL.len());
    }
}
