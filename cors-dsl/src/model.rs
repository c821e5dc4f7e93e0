//! The canonical policy model: the single output of validation and the single
//! input of both code generation (`cors-macros`) and the run-time engine.
//!
//! Every value here is already canonical: origins are ASCII serializations
//! (punycode hosts, no default port), header names are lowercase, durations
//! are seconds. Nothing downstream re-checks or re-normalizes them.

use crate::source::SourceId;
use crate::span::Span;

/// One validated `policy Name { … }` item.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Policy {
    /// The policy's name as written (a Rust identifier).
    pub name: String,
    /// The source (macro text, file) the policy was written in.
    pub source: SourceId,
    /// Where the name was written, in `source`.
    pub name_span: Span,
    /// The visibility as written (`""`, `"pub"`, `"pub(crate)"`, `"pub(in a::b)"`…).
    pub visibility: String,
    /// The `///` doc comment lines, without the leading `///` (one entry per line).
    pub docs: Vec<String>,
    /// `origins:`.
    pub origins: Origins,
    /// `methods:` (default: `GET, HEAD, POST`).
    pub methods: Methods,
    /// `request-headers:` (default: an empty list).
    pub request_headers: RequestHeaders,
    /// `expose-headers:` (default: an empty list).
    pub expose_headers: ExposeHeaders,
    /// `credentials:` (default `false`).
    pub credentials: bool,
    /// `max-age:` in seconds (0..=86400); `None` when absent.
    pub max_age: Option<u32>,
    /// `private-network:` (default `false`).
    pub private_network: bool,
    /// `preflight-status:`: 200 or 204 (default 204).
    pub preflight_status: u16,
    /// `preflight:` (default [`PreflightMode::Respond`]).
    pub preflight: PreflightMode,
    /// `websocket:` (default [`WebSocket::Unchecked`]).
    pub websocket: WebSocket,
    /// `dangerously-allow:` opt-ins that were written (used or not).
    pub dangerously_allow: DangerouslyAllow,
}

/// `origins:`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Origins {
    /// `origins: *;` — answered with `Access-Control-Allow-Origin: *`.
    Any,
    /// A list of origins.
    List(OriginList),
}

/// The listed origins, split by how they are matched.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct OriginList {
    /// Exact origins as ASCII serializations (`https://xn--bcher-kva.example`,
    /// `http://[::1]:3000`), in the order written, without duplicates.
    pub exact: Vec<String>,
    /// Wildcard patterns (`*.` subdomains and/or `:*` port), in the order written.
    pub patterns: Vec<OriginPattern>,
    /// The bare keyword `null` was listed (requires `dangerously-allow: null-origin`).
    pub null: bool,
}

/// A wildcard origin pattern.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OriginPattern {
    /// Lowercase scheme, e.g. `https`.
    pub scheme: String,
    /// The host part.
    pub host: HostPattern,
    /// The port part.
    pub port: PortPattern,
}

/// The host of an origin pattern.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum HostPattern {
    /// Exactly this ASCII host (domain in punycode, dotted IPv4, or bracketed IPv6 `[::1]`).
    Exact(String),
    /// `*.suffix`: one or more whole labels in front of `suffix` (stored without the leading dot).
    Subdomains(String),
}

/// The port of an origin pattern.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum PortPattern {
    /// No port written: the scheme's default (the serialization has no port).
    Default,
    /// An explicit, non-default port.
    Exact(u16),
    /// `:*`: any port, explicit or default.
    Any,
}

/// `methods:`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Methods {
    /// `methods: *;`.
    Any,
    /// Method tokens exactly as they are matched (case-sensitive), in the order written.
    List(Vec<String>),
}

/// `request-headers:`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RequestHeaders {
    /// `*` (any name but `authorization`), or `*, authorization` (`authorization: true`).
    Any {
        /// `authorization` was listed beside `*`.
        authorization: bool,
    },
    /// Lowercase header names, in the order written.
    List(Vec<String>),
}

/// `expose-headers:`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ExposeHeaders {
    /// `*` (only valid without credentials).
    Any,
    /// Lowercase header names, in the order written.
    List(Vec<String>),
}

/// `preflight:`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum PreflightMode {
    /// The middleware answers successful preflights itself.
    #[default]
    Respond,
    /// The middleware decides and writes the headers, then passes a successful
    /// preflight on to the application.
    Forward,
}

/// `websocket:`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum WebSocket {
    /// No statement: WebSocket handshakes are passed on like any request.
    #[default]
    Unchecked,
    /// `websocket: check-origin;`: handshakes from origins the policy does
    /// not allow are refused with `403`.
    CheckOrigin,
}

/// The `dangerously-allow:` opt-ins.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct DangerouslyAllow {
    /// `null-origin`.
    pub null_origin: bool,
    /// `insecure-origins`.
    pub insecure_origins: bool,
    /// `public-suffix-wildcards`.
    pub public_suffix_wildcards: bool,
}
