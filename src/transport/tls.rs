//! HTTPS: the connector that wraps a new connection in rustls with the client's own
//! configuration (its roots, its pins, ring as the crypto provider).
//!
//! ureq's own rustls connector takes only a list of roots: it cannot pin a key, and it does not
//! tell what a handshake negotiated. This one does both, and reports a failed handshake as a
//! [`TlsFailure`] naming the host and the problem. It runs once per new connection; a pooled
//! connection keeps its TLS session, so a client makes one handshake per connection, not per
//! call.

use std::fmt;
use std::io::{self, Read, Write};
use std::sync::Arc;

use rustls::pki_types::ServerName;
use rustls::{ClientConfig, ClientConnection, StreamOwned};
use ureq::unversioned::transport::time::{Duration as UreqDuration, Instant as UreqInstant};
use ureq::unversioned::transport::{
    Buffers, ConnectionDetails, Connector, Either, LazyBuffers, NextTimeout, Transport,
    TransportAdapter,
};

use super::stats::{NegotiatedTls, TransportCounters};
use super::tls_failure::TlsFailure;
use crate::trust::pinning::pin_of_certificate;

/// Wraps `https://` connections in TLS; leaves `http://` ones as they are.
pub(crate) struct TlsConnector {
    /// For the server (with the pins).
    server: Arc<ClientConfig>,
    /// For an `https://` proxy itself (the same roots, no pins): `(authority, config)`.
    proxy: Option<(String, Arc<ClientConfig>)>,
    counters: Arc<TransportCounters>,
}

impl TlsConnector {
    pub(crate) fn new(
        server: Arc<ClientConfig>,
        proxy: Option<(String, Arc<ClientConfig>)>,
        counters: Arc<TransportCounters>,
    ) -> TlsConnector {
        TlsConnector {
            server,
            proxy,
            counters,
        }
    }

    fn config_for(&self, details: &ConnectionDetails) -> Arc<ClientConfig> {
        let authority = details.uri.authority().map(|authority| authority.as_str());
        match &self.proxy {
            Some((proxy, config)) if authority == Some(proxy.as_str()) => Arc::clone(config),
            _ => Arc::clone(&self.server),
        }
    }
}

impl<In: Transport> Connector<In> for TlsConnector {
    type Out = Either<In, TlsTransport>;

    fn connect(
        &self,
        details: &ConnectionDetails,
        chained: Option<In>,
    ) -> Result<Option<Self::Out>, ureq::Error> {
        let Some(transport) = chained else {
            return Ok(None);
        };
        if !details.needs_tls() || transport.is_tls() {
            return Ok(Some(Either::A(transport)));
        }
        let host = bare_host(details);
        let server_name = ServerName::try_from(host.clone())
            .map_err(|_| ureq::Error::BadUri(format!("{host:?} is not a valid TLS server name")))?;
        self.counters.tls_handshake_started();
        let mut connection = ClientConnection::new(self.config_for(details), server_name)
            .map_err(|error| handshake_failure(&host, io::Error::other(error)))?;
        let mut socket = TransportAdapter::new(transport.boxed(), details.current_time.clone());
        socket.set_timeout(remaining(details));
        connection
            .complete_io(&mut socket)
            .map_err(|error| handshake_failure(&host, error))?;
        if connection.is_handshaking() {
            let closed = io::Error::new(
                io::ErrorKind::UnexpectedEof,
                format!("the connection to {host} closed during the TLS handshake"),
            );
            return Err(ureq::Error::Io(closed));
        }
        self.counters.tls_negotiated(negotiated(&host, &connection));
        let buffers = LazyBuffers::new(
            details.config.input_buffer_size(),
            details.config.output_buffer_size(),
        );
        Ok(Some(Either::B(TlsTransport {
            buffers,
            stream: StreamOwned::new(connection, socket),
            host,
        })))
    }
}

impl fmt::Debug for TlsConnector {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("TlsConnector").finish_non_exhaustive()
    }
}

/// The URL's host without the brackets of an IPv6 address.
fn bare_host(details: &ConnectionDetails) -> String {
    let host = details.uri.host().unwrap_or_default();
    host.strip_prefix('[')
        .and_then(|inner| inner.strip_suffix(']'))
        .unwrap_or(host)
        .to_owned()
}

/// What is left of the connect timeout after the TCP connection took its share: the
/// handshake must not get a fresh one.
fn remaining(details: &ConnectionDetails) -> NextTimeout {
    let mut timeout = details.timeout;
    if let (UreqDuration::Exact(limit), UreqInstant::Exact(start), UreqInstant::Exact(now)) =
        (timeout.after, details.now, (details.current_time)())
    {
        let elapsed = now.saturating_duration_since(start);
        timeout.after = UreqDuration::Exact(limit.saturating_sub(elapsed));
    }
    timeout
}

/// A rustls error becomes a [`TlsFailure`] (inside an I/O error, ureq's way of carrying
/// errors it does not know); a timeout or a closed socket stays what it was.
fn handshake_failure(host: &str, error: io::Error) -> ureq::Error {
    let tls_error = error
        .get_ref()
        .and_then(|inner| inner.downcast_ref::<rustls::Error>())
        .cloned();
    match tls_error {
        Some(tls_error) => ureq::Error::Io(io::Error::new(
            io::ErrorKind::InvalidData,
            TlsFailure::new(host, tls_error),
        )),
        None => ureq::Error::from(error),
    }
}

fn negotiated(host: &str, connection: &ClientConnection) -> NegotiatedTls {
    let version = connection
        .protocol_version()
        .map(|version| {
            version
                .as_str()
                .map_or_else(|| format!("{version:?}"), str::to_owned)
        })
        .unwrap_or_default();
    let cipher_suite = connection
        .negotiated_cipher_suite()
        .map(|suite| {
            let suite = suite.suite();
            suite
                .as_str()
                .map_or_else(|| format!("{suite:?}"), str::to_owned)
        })
        .unwrap_or_default();
    let server_key_pin_sha256 = connection
        .peer_certificates()
        .and_then(|chain| chain.first())
        .and_then(pin_of_certificate)
        .unwrap_or_default();
    NegotiatedTls {
        host: host.to_owned(),
        version,
        cipher_suite,
        server_key_pin_sha256,
    }
}

/// An HTTP connection inside TLS.
pub(crate) struct TlsTransport {
    buffers: LazyBuffers,
    stream: StreamOwned<ClientConnection, TransportAdapter>,
    host: String,
}

/// The connection ended without the server's TLS `close_notify`: whatever was being read
/// may have been cut short by anyone on the way. Reported as its own error, since ureq
/// takes an `UnexpectedEof` (or a reset) as the end of an answer without Content-Length,
/// which would then reach the caller as if complete.
#[derive(Debug)]
pub(crate) struct TlsCutShort {
    host: String,
    reset: bool,
}

impl fmt::Display for TlsCutShort {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let how = match self.reset {
            true => "was reset",
            false => "closed without TLS close_notify",
        };
        write!(
            f,
            "the connection to {} {how}: the answer may be cut short",
            self.host
        )
    }
}

impl std::error::Error for TlsCutShort {}

/// A read that met the end of the connection without `close_notify` becomes a
/// [`TlsCutShort`]; any other error stays as it was.
fn cut_short(host: &str, error: io::Error) -> io::Error {
    let reset = match error.kind() {
        io::ErrorKind::UnexpectedEof => false,
        io::ErrorKind::ConnectionReset | io::ErrorKind::ConnectionAborted => true,
        _ => return error,
    };
    io::Error::other(TlsCutShort {
        host: host.to_owned(),
        reset,
    })
}

impl Transport for TlsTransport {
    fn buffers(&mut self) -> &mut dyn Buffers {
        &mut self.buffers
    }

    fn transmit_output(&mut self, amount: usize, timeout: NextTimeout) -> Result<(), ureq::Error> {
        self.stream.get_mut().set_timeout(timeout);
        let output = &self.buffers.output()[..amount];
        self.stream.write_all(output)?;
        Ok(())
    }

    fn await_input(&mut self, timeout: NextTimeout) -> Result<bool, ureq::Error> {
        self.stream.get_mut().set_timeout(timeout);
        let input = self.buffers.input_append_buf();
        let amount = self
            .stream
            .read(input)
            .map_err(|error| cut_short(&self.host, error))?;
        self.buffers.input_appended(amount);
        Ok(amount > 0)
    }

    fn is_open(&mut self) -> bool {
        self.stream.get_mut().get_mut().is_open()
    }

    fn is_tls(&self) -> bool {
        true
    }
}

impl fmt::Debug for TlsTransport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("TlsTransport")
            .field("connection", self.stream.sock.inner())
            .finish()
    }
}
