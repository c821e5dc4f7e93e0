//! [`CorsHeader`]: the header names the protocol reads and writes.

/// The `HeaderName` of `$name` in the crate `$http` (`http` 1.x, or 0.2
/// for actix-web): the crate's standard constant, or a name built at compile
/// time (`HeaderName::from_static` at run time would parse it on every call).
/// One table for both versions of `http`.
macro_rules! header_name {
    ($http:ident, $name:expr) => {{
        use $http::header::{self, HeaderName};
        match $name {
            CorsHeader::Origin => header::ORIGIN,
            CorsHeader::RequestMethod => header::ACCESS_CONTROL_REQUEST_METHOD,
            CorsHeader::RequestHeaders => header::ACCESS_CONTROL_REQUEST_HEADERS,
            CorsHeader::RequestPrivateNetwork => {
                const { HeaderName::from_static(CorsHeader::RequestPrivateNetwork.as_str()) }
            }
            CorsHeader::Upgrade => header::UPGRADE,
            CorsHeader::AllowOrigin => header::ACCESS_CONTROL_ALLOW_ORIGIN,
            CorsHeader::AllowCredentials => header::ACCESS_CONTROL_ALLOW_CREDENTIALS,
            CorsHeader::AllowMethods => header::ACCESS_CONTROL_ALLOW_METHODS,
            CorsHeader::AllowHeaders => header::ACCESS_CONTROL_ALLOW_HEADERS,
            CorsHeader::MaxAge => header::ACCESS_CONTROL_MAX_AGE,
            CorsHeader::AllowPrivateNetwork => {
                const { HeaderName::from_static(CorsHeader::AllowPrivateNetwork.as_str()) }
            }
            CorsHeader::ExposeHeaders => header::ACCESS_CONTROL_EXPOSE_HEADERS,
            CorsHeader::Vary => header::VARY,
        }
    }};
}

/// The header names the CORS protocol reads or writes (and `Upgrade`, read
/// for `websocket: check-origin;`).
///
/// ```
/// use cors_core::CorsHeader;
/// assert_eq!(CorsHeader::AllowOrigin.as_str(), "access-control-allow-origin");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum CorsHeader {
    /// `Origin` (request).
    Origin,
    /// `Access-Control-Request-Method` (preflight request).
    RequestMethod,
    /// `Access-Control-Request-Headers` (preflight request).
    RequestHeaders,
    /// `Access-Control-Request-Private-Network` (preflight request).
    RequestPrivateNetwork,
    /// `Upgrade` (request): a WebSocket handshake says `websocket`.
    Upgrade,
    /// `Access-Control-Allow-Origin`.
    AllowOrigin,
    /// `Access-Control-Allow-Credentials`.
    AllowCredentials,
    /// `Access-Control-Allow-Methods` (preflight response).
    AllowMethods,
    /// `Access-Control-Allow-Headers` (preflight response).
    AllowHeaders,
    /// `Access-Control-Max-Age` (preflight response).
    MaxAge,
    /// `Access-Control-Allow-Private-Network` (preflight response).
    AllowPrivateNetwork,
    /// `Access-Control-Expose-Headers` (actual response).
    ExposeHeaders,
    /// `Vary`.
    Vary,
}

impl CorsHeader {
    /// Every `Access-Control-*` response header, in the order they are written.
    pub const RESPONSE: [CorsHeader; 7] = [
        CorsHeader::AllowOrigin,
        CorsHeader::AllowCredentials,
        CorsHeader::AllowMethods,
        CorsHeader::AllowHeaders,
        CorsHeader::MaxAge,
        CorsHeader::AllowPrivateNetwork,
        CorsHeader::ExposeHeaders,
    ];

    /// The lowercase header name.
    #[inline]
    pub const fn as_str(self) -> &'static str {
        match self {
            CorsHeader::Origin => "origin",
            CorsHeader::RequestMethod => "access-control-request-method",
            CorsHeader::RequestHeaders => "access-control-request-headers",
            CorsHeader::RequestPrivateNetwork => "access-control-request-private-network",
            CorsHeader::Upgrade => "upgrade",
            CorsHeader::AllowOrigin => "access-control-allow-origin",
            CorsHeader::AllowCredentials => "access-control-allow-credentials",
            CorsHeader::AllowMethods => "access-control-allow-methods",
            CorsHeader::AllowHeaders => "access-control-allow-headers",
            CorsHeader::MaxAge => "access-control-max-age",
            CorsHeader::AllowPrivateNetwork => "access-control-allow-private-network",
            CorsHeader::ExposeHeaders => "access-control-expose-headers",
            CorsHeader::Vary => "vary",
        }
    }

    /// The `http` 1.x header name (no allocation: standard or static names).
    #[inline]
    pub fn http(self) -> http::HeaderName {
        header_name!(http, self)
    }

    /// The `http` 0.2 header name, as actix-web 4 uses (feature `http02`;
    /// no allocation).
    #[cfg(feature = "http02")]
    #[inline]
    pub fn http02(self) -> http02::HeaderName {
        header_name!(http02, self)
    }
}

#[cfg(test)]
mod tests {
    use super::CorsHeader;

    /// Each `http` crate's name is the header's own name, for every header.
    #[test]
    fn names_in_each_http_version_are_the_headers_names() {
        let request = [
            CorsHeader::Origin,
            CorsHeader::RequestMethod,
            CorsHeader::RequestHeaders,
            CorsHeader::RequestPrivateNetwork,
            CorsHeader::Upgrade,
        ];
        let all = request
            .into_iter()
            .chain(CorsHeader::RESPONSE)
            .chain([CorsHeader::Vary]);
        for header in all {
            assert_eq!(header.http().as_str(), header.as_str(), "{header:?}");
            #[cfg(feature = "http02")]
            assert_eq!(header.http02().as_str(), header.as_str(), "{header:?}");
        }
    }
}
