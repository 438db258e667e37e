//! What a client's connections have cost so far: requests, connections, TLS handshakes and
//! name lookups, and what the last TLS handshake negotiated.
//!
//! Read with [`Client::transport_stats`](crate::Client::transport_stats) (from C:
//! `bunq_client_transport_stats`). A benchmark divides the counts by its number of calls; a
//! healthy client opens about one connection per thread and looks a name up about once a
//! minute, however many calls it makes.

use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};

/// Counts since the client was made. Obtain with
/// [`Client::transport_stats`](crate::Client::transport_stats).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct TransportStats {
    /// HTTP requests sent (each retry and each resend counts).
    pub requests_sent: u64,
    /// TCP connections opened (to the server, or to the proxy); the others reused one from
    /// the pool.
    pub connections_opened: u64,
    /// TLS handshakes completed or attempted.
    pub tls_handshakes: u64,
    /// Host names looked up (DNS, `/etc/hosts`); an IP address in the URL needs none, and a
    /// name's answer is reused for `dns_cache_ttl`.
    pub name_lookups: u64,
    /// The last successful TLS handshake, `None` before the first (or over plain HTTP).
    pub last_tls: Option<NegotiatedTls>,
}

/// What one TLS handshake agreed on.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct NegotiatedTls {
    /// The host name (or IP address) the certificate was checked against.
    pub host: String,
    /// The protocol version, e.g. `TLSv1_3`.
    pub version: String,
    /// The cipher suite, e.g. `TLS13_AES_256_GCM_SHA384`.
    pub cipher_suite: String,
    /// The `pin-sha256` of the server certificate's key: the value to pin this server with.
    pub server_key_pin_sha256: String,
}

/// The live counters behind [`TransportStats`], shared by the parts of one transport.
#[derive(Debug, Default)]
pub(crate) struct TransportCounters {
    requests_sent: AtomicU64,
    connections_opened: AtomicU64,
    tls_handshakes: AtomicU64,
    name_lookups: AtomicU64,
    last_tls: Mutex<Option<NegotiatedTls>>,
}

impl TransportCounters {
    pub(crate) fn request_sent(&self) {
        self.requests_sent.fetch_add(1, Ordering::Relaxed);
    }

    pub(crate) fn connection_opened(&self) {
        self.connections_opened.fetch_add(1, Ordering::Relaxed);
    }

    pub(crate) fn tls_handshake_started(&self) {
        self.tls_handshakes.fetch_add(1, Ordering::Relaxed);
    }

    pub(crate) fn name_looked_up(&self) {
        self.name_lookups.fetch_add(1, Ordering::Relaxed);
    }

    pub(crate) fn tls_negotiated(&self, negotiated: NegotiatedTls) {
        *self
            .last_tls
            .lock()
            .unwrap_or_else(|poison| poison.into_inner()) = Some(negotiated);
    }

    pub(crate) fn snapshot(&self) -> TransportStats {
        TransportStats {
            requests_sent: self.requests_sent.load(Ordering::Relaxed),
            connections_opened: self.connections_opened.load(Ordering::Relaxed),
            tls_handshakes: self.tls_handshakes.load(Ordering::Relaxed),
            name_lookups: self.name_lookups.load(Ordering::Relaxed),
            last_tls: self
                .last_tls
                .lock()
                .unwrap_or_else(|poison| poison.into_inner())
                .clone(),
        }
    }
}
