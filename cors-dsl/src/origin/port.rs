//! The port of an origin: a number as browsers serialize it, never the
//! scheme's default, or the `:*` wildcard.

use super::error::{error, quote, OriginError, Quoted};
use crate::codes::Code;
use crate::model::PortPattern;
use cors_core::grammar::default_port;

/// Parses the port text (after `:`), if any.
pub(super) fn parse_port(
    scheme: &str,
    port: Option<&str>,
    shown: Quoted<'_>,
) -> Result<PortPattern, OriginError> {
    let Some(text) = port else {
        return Ok(PortPattern::Default);
    };
    if text.is_empty() {
        return Err(error(
            Code::OriginPortEmpty,
            format!("the origin {shown} ends with \":\" but has no port"),
            "remove the \":\" (or write a port number, or \":*\" for any port)",
        ));
    }
    if text == "*" {
        return Ok(PortPattern::Any);
    }
    if text.contains('*') {
        return Err(error(
            Code::OriginWildcardPartialPort,
            format!(
                "the port {} of the origin {shown} mixes \"*\" with other characters",
                quote(text)
            ),
            "a port wildcard is the whole port: write \":*\" for any port, or one exact port",
        ));
    }
    if !text.bytes().all(|b| b.is_ascii_digit()) {
        return Err(error(
            Code::OriginPortInvalid,
            format!(
                "the port {} of the origin {shown} is not a number",
                quote(text)
            ),
            "write a port number from 1 to 65535, or \":*\" for any port",
        ));
    }
    let value = text
        .bytes()
        .try_fold(0u32, |acc, b| {
            acc.checked_mul(10)?.checked_add(u32::from(b - b'0'))
        })
        .unwrap_or(u32::MAX);
    if value == 0 {
        return Err(error(
            Code::OriginPortZero,
            format!("the origin {shown} has port 0, which no origin has"),
            "write a port number from 1 to 65535",
        ));
    }
    if text.starts_with('0') {
        let trimmed = text.trim_start_matches('0');
        return Err(error(
            Code::OriginPortLeadingZero,
            format!(
                "the port {} of the origin {shown} has a leading zero; browsers send ports without one",
                quote(text)
            ),
            format!("write \":{trimmed}\""),
        ));
    }
    let Ok(port) = u16::try_from(value) else {
        return Err(error(
            Code::OriginPortOutOfRange,
            format!(
                "the port {} of the origin {shown} is above 65535",
                quote(text)
            ),
            "write a port number from 1 to 65535",
        ));
    };
    if default_port(scheme) == Some(port) {
        return Err(error(
            Code::OriginDefaultPort,
            format!(
                "the origin {shown} names port {port}, the default for {scheme}:, which browsers leave out of Origin (so it would never match)"
            ),
            format!("remove \":{port}\": browsers never send the default port"),
        ));
    }
    Ok(PortPattern::Exact(port))
}
