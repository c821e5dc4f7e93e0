//! The diagnostic codes of the language (besides the origin-string codes of
//! [`origin::ERROR_CODES`](crate::origin::ERROR_CODES)), each with a one-line
//! summary. `docs/errors.md` explains each with an example.

/// Every diagnostic code produced outside of origin-string parsing, with a summary.
///
/// ```
/// assert!(cors_dsl::codes::CODES.iter().any(|(code, _)| *code == "unknown-statement"));
/// ```
pub const CODES: &[(&str, &str)] = &[
    // Syntax.
    ("syntax", "unexpected token"),
    (
        "missing-semicolon",
        "a statement or `include` line does not end with `;`",
    ),
    ("missing-colon", "a statement name is not followed by `:`"),
    ("missing-comma", "two values are not separated by `,`"),
    ("empty-list", "a statement has no value"),
    ("trailing-comma", "a list ends with `,`"),
    ("empty-element", "a list has an empty element (`,,`)"),
    (
        "unknown-statement",
        "a statement name the language does not know",
    ),
    (
        "unterminated-string",
        "a string literal without its closing `\"`",
    ),
    (
        "unterminated-comment",
        "a `/*` comment without its closing `*/`",
    ),
    (
        "invalid-escape",
        "an escape sequence Rust string literals do not have",
    ),
    ("unmatched-brace", "a `}` without a `{`"),
    ("unclosed-brace", "a `{` without a `}`"),
    (
        "misplaced-doc-comment",
        "a `///` doc comment that documents no policy",
    ),
    (
        "invalid-policy-name",
        "a policy name that is not a Rust identifier",
    ),
    // Files and includes.
    ("no-policy", "a text or file with no policy"),
    (
        "include-without-base",
        "`include` in a text compiled without a base folder",
    ),
    (
        "include-unreadable",
        "an included file is missing, a directory, unreadable or not UTF-8",
    ),
    ("include-cycle", "a file includes itself, directly or not"),
    // Policies and statements.
    ("duplicate-policy", "two policies with the same name"),
    (
        "duplicate-statement",
        "a statement given twice in one policy",
    ),
    ("missing-origins", "a policy without `origins`"),
    (
        "too-many-values",
        "several values for a one-value statement",
    ),
    (
        "quoted-value",
        "a string literal where a bare word is expected",
    ),
    ("wildcard-not-alone", "`*` combined with other values"),
    // Origins.
    ("unquoted-origin", "an origin written without quotes"),
    (
        "duplicate-origin",
        "the same origin twice (after canonicalization)",
    ),
    (
        "origin-covered",
        "an origin or pattern another pattern already matches",
    ),
    (
        "wildcard-origin-with-credentials",
        "`origins: *` with `credentials: true`",
    ),
    (
        "insecure-origin-with-credentials",
        "an `http://` origin with credentials",
    ),
    (
        "public-suffix-wildcard-with-credentials",
        "`*.` over a public suffix with credentials",
    ),
    (
        "null-origin-without-opt-in",
        "`null` without `dangerously-allow: null-origin`",
    ),
    (
        "null-origin-with-credentials",
        "`null` with `credentials: true`",
    ),
    (
        "private-network-with-any-origin",
        "`private-network: true` with `origins: *`",
    ),
    // Methods.
    ("method-not-token", "a method that is not an HTTP token"),
    ("method-case", "a well-known method in the wrong case"),
    ("forbidden-method", "`CONNECT`, `TRACE` or `TRACK`"),
    ("duplicate-method", "the same method twice"),
    // Headers.
    (
        "header-not-token",
        "a header name that is not an HTTP token",
    ),
    ("header-too-long", "a header name longer than 128 bytes"),
    (
        "duplicate-header",
        "the same header name twice (case-insensitive)",
    ),
    (
        "forbidden-request-header",
        "a request header scripts can never set",
    ),
    (
        "response-header-in-request-headers",
        "an `access-control-*` response header in `request-headers`",
    ),
    ("expose-set-cookie", "`set-cookie` in `expose-headers`"),
    (
        "expose-request-header",
        "a request-only header in `expose-headers`",
    ),
    (
        "expose-cors-header",
        "a CORS response header in `expose-headers`",
    ),
    (
        "expose-any-with-credentials",
        "`expose-headers: *` with `credentials: true`",
    ),
    // Scalars.
    (
        "invalid-boolean",
        "`credentials`/`private-network` not `true` or `false`",
    ),
    ("invalid-duration", "a `max-age` that is not a duration"),
    ("max-age-negative", "a negative `max-age`"),
    ("max-age-too-large", "a `max-age` above 86400 s"),
    (
        "invalid-preflight-status",
        "a `preflight-status` other than 200 or 204",
    ),
    (
        "invalid-preflight-mode",
        "a `preflight` other than `respond` or `forward`",
    ),
    ("unknown-opt-in", "an unknown `dangerously-allow` name"),
    (
        "duplicate-opt-in",
        "the same `dangerously-allow` name twice",
    ),
];
