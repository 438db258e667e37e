//! What a server's TLS looks like, without an API key: the value to pin it with.
//!
//! [`probe_tls`] connects to an environment's base URL with the configuration's trust (and
//! pins, if any), sends one unauthenticated `GET` of the base URL itself (no key, no token,
//! no body: nothing that creates anything at bunq) and reports what the handshake agreed
//! on, including the server key's `pin-sha256` for
//! [`ConfigBuilder::pin_sha256`](crate::ConfigBuilder::pin_sha256). The quickstart's
//! `--print-pin` uses it.

use super::NegotiatedTls;
use super::Transport;
use crate::config::Config;
use crate::environment::Environment;
use crate::error::{Error, ErrorKind, Result, excerpt};
use crate::request::Method;

/// Connects to `environment`'s base URL over HTTPS and returns what TLS negotiated there,
/// without an API key: [`NegotiatedTls::server_key_pin_sha256`] is the value to pin the
/// server with ([`ConfigBuilder::pin_sha256`](crate::ConfigBuilder::pin_sha256)).
///
/// One unauthenticated `GET` of the base URL itself is sent (no key, no token, no body:
/// nothing that creates anything at bunq), with the configuration's trust, pins and proxy.
/// Whatever the server answers (bunq answers the bare base URL with an error status) counts:
/// only the handshake matters. A certificate the configuration does not trust, or a key
/// that matches none of its pins, is a [`ErrorKind::Transport`] error as for any call; a
/// base URL that is not `https://` is [`ErrorKind::InvalidInput`], before any connection.
pub fn probe_tls(environment: &Environment, config: &Config) -> Result<NegotiatedTls> {
    let url = environment.base_url();
    let is_https = url
        .get(..8)
        .is_some_and(|scheme| scheme.eq_ignore_ascii_case("https://"));
    if !is_https {
        return Err(Error::invalid_input(format!(
            "{} is not an https:// URL: there is no TLS key to pin",
            excerpt(url)
        )));
    }
    let transport = Transport::new(config, None)?;
    transport.send(Method::Get, url, &[], &[])?;
    transport.stats().last_tls.ok_or_else(|| {
        Error::new(
            ErrorKind::Transport,
            format!("no TLS handshake was recorded for {}", excerpt(url)),
        )
    })
}
