//! The HTTP layer: one `ureq` agent per client, with timeouts, proxy and no surprises.
//!
//! The agent never turns an error status into an `Err` (bunq's error body and response id are
//! needed), never follows redirects (a redirected request would no longer be the one signed),
//! and never asks for compressed answers (signatures cover the bytes bunq sent).
//!
//! Its parts are the library's own where ureq's defaults cost too much or trust too little:
//! a caching resolver ([`resolver`]), a TCP connector that re-arms quick ACKs ([`tcp`]), a
//! TLS connector with the client's trust and pins ([`tls`]), a pool sized from the
//! configuration, and counters for all of them ([`TransportStats`]).

use std::io;
use std::sync::Arc;
use std::time::Duration;

use rustls::ClientConfig;
use ureq::config::Config as AgentConfig;
use ureq::unversioned::transport::{ConnectProxyConnector, Connector};

use crate::config::Config;
use crate::error::{Error, ErrorKind, Result, excerpt};
use crate::proxy::ProxySetting;
use crate::request::Method;
use crate::response::Response;
use process_bound::ProcessBound;
use resolver::CachingResolver;
use stats::TransportCounters;
use tcp::TcpConnector;
use tls::{TlsConnector, TlsCutShort};
use tls_failure::TlsFailure;

mod probe;
mod process_bound;
mod quick_ack;
mod resolver;
mod stats;
mod tcp;
mod tcp_transport;
mod tls;
mod tls_failure;

pub use probe::probe_tls;
pub use stats::{NegotiatedTls, TransportStats};

/// Sends bytes, receives bytes. Cheap to share between threads.
///
/// Its connections (the agent's pool, and the resolver's cache and lock) belong to the
/// process that opened them: a process forked from that one gets an agent of its own on its
/// first call and never uses its parent's connections (see [`process_bound`]).
#[derive(Debug)]
pub(crate) struct Transport {
    agent: ProcessBound<ureq::Agent>,
    counters: Arc<TransportCounters>,
    max_response_bytes: u64,
    timeout_description: String,
}

/// What an agent is made of: each process makes its own from the same parts.
struct AgentParts {
    config: AgentConfig,
    server_tls: Arc<ClientConfig>,
    proxy_tls: Option<(String, Arc<ClientConfig>)>,
    dns_cache_ttl: Duration,
    counters: Arc<TransportCounters>,
}

impl AgentParts {
    fn agent(&self) -> ureq::Agent {
        let resolver = CachingResolver::new(self.dns_cache_ttl, Arc::clone(&self.counters));
        let tls = TlsConnector::new(
            Arc::clone(&self.server_tls),
            self.proxy_tls.clone(),
            Arc::clone(&self.counters),
        );
        let sockets = TcpConnector::new(resolver.clone(), Arc::clone(&self.counters));
        let connector = ().chain(ConnectProxyConnector::default()).chain(sockets).chain(tls);
        ureq::Agent::with_parts(self.config.clone(), connector, resolver)
    }
}

impl Transport {
    /// An agent for `config`; `saved_proxy` is a context's `proxy_url`, used when the
    /// configuration leaves the proxy to the environment.
    pub(crate) fn new(config: &Config, saved_proxy: Option<&str>) -> Result<Transport> {
        let proxy = proxy_for(config.proxy(), saved_proxy)?;
        let counters = Arc::new(TransportCounters::default());
        let proxy_tls = proxy_tls(config, proxy.as_ref())?;
        let agent_config = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .max_redirects(0)
            .timeout_global(Some(config.timeout()))
            .timeout_connect(Some(config.connect_timeout()))
            .proxy(proxy)
            .allow_non_standard_methods(true)
            // One client talks to one host: every idle connection may be kept for it.
            .max_idle_connections(config.max_idle_connections())
            .max_idle_connections_per_host(config.max_idle_connections())
            .max_idle_age(config.idle_connection_timeout())
            .build();
        let parts = AgentParts {
            config: agent_config,
            server_tls: config.trust().client_config()?,
            proxy_tls,
            dns_cache_ttl: config.dns_cache_ttl(),
            counters: Arc::clone(&counters),
        };
        Ok(Transport {
            agent: ProcessBound::new(move || parts.agent()),
            counters,
            max_response_bytes: config.max_response_bytes(),
            timeout_description: format!(
                "{:?} per call, {:?} to connect",
                config.timeout(),
                config.connect_timeout()
            ),
        })
    }

    /// The counts so far.
    pub(crate) fn stats(&self) -> TransportStats {
        self.counters.snapshot()
    }

    /// Sends one request and reads the whole answer, whatever its status.
    pub(crate) fn send(
        &self,
        method: Method,
        url: &str,
        headers: &[(String, String)],
        body: &[u8],
    ) -> Result<Response> {
        let mut builder = ureq::http::Request::builder()
            .method(method.as_str())
            .uri(url);
        for (name, value) in headers {
            builder = builder.header(name.as_str(), value.as_str());
        }
        let request = builder.body(body).map_err(|error| {
            Error::invalid_input(format!(
                "cannot build the request for {}: {error}",
                excerpt(url)
            ))
        })?;
        self.counters.request_sent();
        let mut answer = self
            .agent
            .get()
            .run(request)
            .map_err(|error| self.classify(error, url))?;
        let status = answer.status().as_u16();
        let headers = answer
            .headers()
            .iter()
            .map(|(name, value)| {
                (
                    name.as_str().to_owned(),
                    String::from_utf8_lossy(value.as_bytes()).into_owned(),
                )
            })
            .collect();
        let body = answer
            .body_mut()
            .with_config()
            .limit(self.max_response_bytes)
            .read_to_vec()
            .map_err(|error| self.classify(error, url))?;
        Ok(Response::new(status, headers, body))
    }

    /// Maps ureq's error to ours, with a message that names the URL (cut, since a caller may
    /// pass a huge path) but no secret. A failed connection is marked as such (a `GET` may be
    /// resent); an answer over the size limit is not: it would be as big again, and neither
    /// is a refused certificate or pin: a second handshake meets the same refusal.
    fn classify(&self, error: ureq::Error, url: &str) -> Error {
        let connection_failed = match &error {
            ureq::Error::BodyExceedsLimit(_) => false,
            ureq::Error::Io(io_error) => tls_failure(io_error).is_none(),
            _ => true,
        };
        let (kind, what) = match &error {
            ureq::Error::Timeout(which) => (
                ErrorKind::Timeout,
                format!("timed out ({which}; limits: {})", self.timeout_description),
            ),
            ureq::Error::Io(io_error) if io_error.kind() == io::ErrorKind::TimedOut => (
                ErrorKind::Timeout,
                format!("timed out (limits: {})", self.timeout_description),
            ),
            ureq::Error::Io(io_error) if tls_failure(io_error).is_some() => (
                ErrorKind::Transport,
                tls_failure(io_error)
                    .map(ToString::to_string)
                    .unwrap_or_default(),
            ),
            ureq::Error::Io(io_error) if tls_cut_short(io_error).is_some() => (
                ErrorKind::Transport,
                tls_cut_short(io_error)
                    .map(ToString::to_string)
                    .unwrap_or_default(),
            ),
            ureq::Error::Io(io_error) if io_error.kind() == io::ErrorKind::UnexpectedEof => (
                ErrorKind::Transport,
                "the connection closed before the whole answer arrived".to_owned(),
            ),
            ureq::Error::BadUri(_) => (ErrorKind::InvalidInput, "invalid URL".to_owned()),
            ureq::Error::InvalidProxyUrl => {
                (ErrorKind::InvalidInput, "invalid proxy URL".to_owned())
            }
            ureq::Error::BodyExceedsLimit(limit) => (
                ErrorKind::Transport,
                format!("the answer is larger than the configured limit of {limit} bytes"),
            ),
            other => (ErrorKind::Transport, other.to_string()),
        };
        let classified = Error::new(kind, format!("{what}: {}", excerpt(url)));
        let classified = match connection_failed && kind == ErrorKind::Transport {
            true => classified.connection_failed(),
            false => classified,
        };
        // ureq's own text may repeat the whole URL: kept as the source only when short.
        match error.to_string().len() <= 1024 {
            true => classified.with_source(error),
            false => classified,
        }
    }
}

/// The TLS failure inside an I/O error from [`crate::tls`], if that is what it is.
fn tls_failure(error: &io::Error) -> Option<&TlsFailure> {
    error.get_ref()?.downcast_ref::<TlsFailure>()
}

/// A TLS connection that ended without `close_notify` (see [`TlsCutShort`]).
fn tls_cut_short(error: &io::Error) -> Option<&TlsCutShort> {
    error.get_ref()?.downcast_ref::<TlsCutShort>()
}

fn proxy_for(setting: &ProxySetting, saved_proxy: Option<&str>) -> Result<Option<ureq::Proxy>> {
    let explicit = match (setting, saved_proxy) {
        (ProxySetting::None, _) => return Ok(None),
        (ProxySetting::Url(url), _) => url.as_str(),
        (ProxySetting::FromEnvironment, Some(saved)) if !saved.is_empty() => saved,
        (ProxySetting::FromEnvironment, _) => {
            return only_connect_proxy(ureq::Proxy::try_from_env());
        }
    };
    let proxy = ureq::Proxy::new(explicit)
        .map_err(|error| Error::invalid_input(format!("invalid proxy URL: {error}")))?;
    only_connect_proxy(Some(proxy))
}

/// HTTP(S) CONNECT proxies work; a SOCKS proxy would need a feature this build leaves out,
/// and ureq would then fail each call obscurely (or panic): refuse it up front.
fn only_connect_proxy(proxy: Option<ureq::Proxy>) -> Result<Option<ureq::Proxy>> {
    match &proxy {
        Some(socks)
            if !matches!(
                socks.protocol(),
                ureq::ProxyProtocol::Http | ureq::ProxyProtocol::Https
            ) =>
        {
            Err(Error::invalid_input(format!(
                "SOCKS proxies are not supported ({:?} proxy at {}); use an HTTP CONNECT \
                 proxy, or no proxy",
                socks.protocol(),
                socks.host()
            )))
        }
        _ => Ok(proxy),
    }
}

/// For an `https://` proxy: the authority the connector recognises it by, and a TLS
/// configuration with the client's roots but not its pins (they are the server's).
fn proxy_tls(
    config: &Config,
    proxy: Option<&ureq::Proxy>,
) -> Result<Option<(String, Arc<ClientConfig>)>> {
    let Some(proxy) = proxy.filter(|proxy| proxy.protocol() == ureq::ProxyProtocol::Https) else {
        return Ok(None);
    };
    let authority = format!("{}:{}", proxy.host(), proxy.port());
    let uri_authority = proxy
        .uri()
        .authority()
        .map_or(authority, |authority| authority.as_str().to_owned());
    Ok(Some((
        uri_authority,
        config.trust().without_pins().client_config()?,
    )))
}
