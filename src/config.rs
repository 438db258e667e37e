//! Client configuration: timeouts, proxy, HTTPS trust, connection reuse, and the header
//! values bunq wants on every request.
//!
//! Every setting has a safe default; [`Config::builder`] changes only what you name.

use std::path::PathBuf;
use std::time::Duration;

use crate::proxy::ProxySetting;
use crate::rate_limit::RateLimits;
use crate::retry::RetryPolicy;
use crate::trust::{AddedRoots, TlsRoots, Trust};

/// Idle connections kept per client unless configured otherwise: at least as many as the
/// threads that typically share one client, so that none of them reconnects.
pub const DEFAULT_MAX_IDLE_CONNECTIONS: usize = 16;

/// The `User-Agent` sent unless configured otherwise.
pub const DEFAULT_USER_AGENT: &str = concat!("bunq-context/", env!("CARGO_PKG_VERSION"));

/// How a client behaves on the wire. Build one with [`Config::builder`].
#[derive(Debug, Clone)]
pub struct Config {
    timeout: Duration,
    connect_timeout: Duration,
    proxy: ProxySetting,
    user_agent: String,
    language: String,
    region: String,
    geolocation: String,
    max_response_bytes: u64,
    rate_limits: Option<RateLimits>,
    retry: RetryPolicy,
    session_margin: Duration,
    trust: Trust,
    max_idle_connections: usize,
    idle_connection_timeout: Duration,
    dns_cache_ttl: Duration,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            timeout: Duration::from_secs(60),
            connect_timeout: Duration::from_secs(10),
            proxy: ProxySetting::FromEnvironment,
            user_agent: DEFAULT_USER_AGENT.to_owned(),
            language: "en_US".to_owned(),
            region: "nl_NL".to_owned(),
            geolocation: "0 0 0 0 000".to_owned(),
            max_response_bytes: 64 * 1024 * 1024,
            rate_limits: Some(RateLimits::default()),
            retry: RetryPolicy::default(),
            session_margin: Duration::from_secs(30),
            trust: Trust::default(),
            max_idle_connections: DEFAULT_MAX_IDLE_CONNECTIONS,
            idle_connection_timeout: Duration::from_secs(15),
            dns_cache_ttl: Duration::from_secs(60),
        }
    }
}

impl Config {
    /// A builder starting from the defaults: 60 s per call, 10 s to connect, proxy from the
    /// environment, `en_US`, `nl_NL`, unknown geolocation (`0 0 0 0 000`), answers up to
    /// 64 MiB, bunq's rate limits, 429s retried for up to 40 s, sessions renewed 30 s before
    /// they expire; HTTPS verified against Mozilla's bundled roots, no pins; up to 16 idle
    /// connections kept for 15 s each; a host name looked up once a minute.
    pub fn builder() -> ConfigBuilder {
        ConfigBuilder {
            config: Config::default(),
        }
    }

    /// The time one HTTP call may take from connecting to the last byte of the answer.
    pub fn timeout(&self) -> Duration {
        self.timeout
    }

    /// The time allowed to open a connection.
    pub fn connect_timeout(&self) -> Duration {
        self.connect_timeout
    }

    /// The proxy setting.
    pub fn proxy(&self) -> &ProxySetting {
        &self.proxy
    }

    /// The `User-Agent` header value.
    pub fn user_agent(&self) -> &str {
        &self.user_agent
    }

    /// The `X-Bunq-Language` header value.
    pub fn language(&self) -> &str {
        &self.language
    }

    /// The `X-Bunq-Region` header value.
    pub fn region(&self) -> &str {
        &self.region
    }

    /// The `X-Bunq-Geolocation` header value.
    pub fn geolocation(&self) -> &str {
        &self.geolocation
    }

    /// The client-side rate limits, `None` when limiting is off.
    pub fn rate_limits(&self) -> Option<&RateLimits> {
        self.rate_limits.as_ref()
    }

    /// How 429 answers are retried.
    pub fn retry(&self) -> &RetryPolicy {
        &self.retry
    }

    /// How long before its expiry a session is renewed (see [`ConfigBuilder::session_margin`]).
    pub fn session_margin(&self) -> Duration {
        self.session_margin
    }

    /// Where the trusted root certificates come from (added ones aside).
    pub fn tls_roots(&self) -> TlsRoots {
        self.trust.roots()
    }

    /// How many root certificate sources (PEM texts and files) were added.
    pub fn added_root_certificate_sources(&self) -> usize {
        self.trust.added_sources()
    }

    /// The pinned `pin-sha256` values, as given.
    pub fn pins_sha256(&self) -> &[String] {
        self.trust.pins()
    }

    /// The largest answer body accepted, in bytes.
    pub fn max_response_bytes(&self) -> u64 {
        self.max_response_bytes
    }

    /// Whom HTTPS trusts: roots and pins together, as the transport needs them.
    pub(crate) fn trust(&self) -> &Trust {
        &self.trust
    }

    /// How many idle connections a client keeps for reuse.
    pub fn max_idle_connections(&self) -> usize {
        self.max_idle_connections
    }

    /// How long an idle connection is kept before it is closed.
    pub fn idle_connection_timeout(&self) -> Duration {
        self.idle_connection_timeout
    }

    /// How long a host name's addresses are reused before it is looked up again.
    pub fn dns_cache_ttl(&self) -> Duration {
        self.dns_cache_ttl
    }
}

/// Builds a [`Config`]. Obtain one with [`Config::builder`].
#[derive(Debug, Clone)]
pub struct ConfigBuilder {
    config: Config,
}

impl ConfigBuilder {
    /// The time one HTTP call may take, connecting included. Zero is replaced by one
    /// millisecond: a call without a deadline can hang forever, which is never wanted.
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.config.timeout = timeout.max(Duration::from_millis(1));
        self
    }

    /// The time allowed to open a connection (at least one millisecond).
    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.config.connect_timeout = timeout.max(Duration::from_millis(1));
        self
    }

    /// Which proxy to use.
    pub fn proxy(mut self, proxy: ProxySetting) -> Self {
        self.config.proxy = proxy;
        self
    }

    /// The `User-Agent` header.
    pub fn user_agent(mut self, value: impl Into<String>) -> Self {
        self.config.user_agent = value.into();
        self
    }

    /// The `X-Bunq-Language` header, e.g. `nl_NL`.
    pub fn language(mut self, value: impl Into<String>) -> Self {
        self.config.language = value.into();
        self
    }

    /// The `X-Bunq-Region` header, e.g. `en_US`.
    pub fn region(mut self, value: impl Into<String>) -> Self {
        self.config.region = value.into();
        self
    }

    /// The `X-Bunq-Geolocation` header: `longitude latitude altitude radius country`, e.g.
    /// `4.89 52.37 12 100 NL`.
    pub fn geolocation(mut self, value: impl Into<String>) -> Self {
        self.config.geolocation = value.into();
        self
    }

    /// The largest answer body accepted, in bytes (attachments count).
    pub fn max_response_bytes(mut self, bytes: u64) -> Self {
        self.config.max_response_bytes = bytes;
        self
    }

    /// Client-side rate limits; `None` switches the limiter off. Each limit must allow at
    /// least one call: a zero is refused when the client is built.
    pub fn rate_limits(mut self, limits: Option<RateLimits>) -> Self {
        self.config.rate_limits = limits;
        self
    }

    /// How 429 answers are retried ([`RetryPolicy::never`] to get them at once), and the
    /// time budget of each call (see [`RetryPolicy::max_total_wait`]).
    pub fn retry(mut self, policy: RetryPolicy) -> Self {
        self.config.retry = policy;
        self
    }

    /// A session counts as active while more than this much of it remains (default 30 s),
    /// capped at a tenth of the session's own lifetime so that short sessions still work.
    pub fn session_margin(mut self, margin: Duration) -> Self {
        self.config.session_margin = margin;
        self
    }

    /// Where the trusted root certificates come from: Mozilla's, bundled (the default), the
    /// operating system's store, or only the added ones.
    pub fn tls_roots(mut self, roots: TlsRoots) -> Self {
        self.config.trust.set_roots(roots);
        self
    }

    /// Trusts the root certificates in `pem` (one or more `-----BEGIN CERTIFICATE-----`
    /// blocks) as well: a test server's CA, or a company proxy's that re-signs TLS. Checked when
    /// a client is made: PEM without a certificate is an [`InvalidInput`](crate::ErrorKind)
    /// error then.
    pub fn add_root_certificates_pem(mut self, pem: impl Into<String>) -> Self {
        self.config.trust.add(AddedRoots::Pem(pem.into()));
        self
    }

    /// Trusts the root certificates in the PEM file at `path` as well, read whenever a client
    /// is made (an unreadable file is an [`InvalidInput`](crate::ErrorKind) error then).
    pub fn add_root_certificates_file(mut self, path: impl Into<PathBuf>) -> Self {
        self.config.trust.add(AddedRoots::File(path.into()));
        self
    }

    /// Pins a server key (repeatable): a server is believed only if its certificate is
    /// trusted *and* its key's SHA-256 (of the SubjectPublicKeyInfo, base64: the `pin-sha256`
    /// convention; an `sha256/` prefix is accepted) is one of the pinned ones. Pin a backup
    /// key too, or a key rotation locks the client out. An `https://` proxy's own key is not
    /// checked against the pins; a proxy that re-signs TLS cannot be used with them.
    pub fn pin_sha256(mut self, pin: impl Into<String>) -> Self {
        self.config.trust.pin(pin.into());
        self
    }

    /// How many idle connections a client keeps for reuse (default 16). Give it at least the
    /// number of threads that share the client: a thread finding no idle connection opens a
    /// new one, a TLS handshake against bunq.
    pub fn max_idle_connections(mut self, connections: usize) -> Self {
        self.config.max_idle_connections = connections;
        self
    }

    /// How long an idle connection is kept before it is closed (default 15 s).
    pub fn idle_connection_timeout(mut self, timeout: Duration) -> Self {
        self.config.idle_connection_timeout = timeout;
        self
    }

    /// How long a host name's addresses are reused before they are looked up again (default
    /// 60 s; zero looks the name up for every new connection). A connection that fails forgets
    /// them at once.
    pub fn dns_cache_ttl(mut self, ttl: Duration) -> Self {
        self.config.dns_cache_ttl = ttl;
        self
    }

    /// The finished configuration.
    pub fn build(self) -> Config {
        self.config
    }
}
