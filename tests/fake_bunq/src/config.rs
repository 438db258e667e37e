//! How a fake server behaves.

use std::path::PathBuf;
use std::time::Duration;

use crate::tls::FakeTls;

/// Settings of a [`FakeBunq`](crate::FakeBunq) server.
///
/// Build it with struct update syntax so that new settings do not break callers:
/// `FakeBunqConfig { session_timeout_secs: 1, ..FakeBunqConfig::default() }`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FakeBunqConfig {
    /// Seconds a session lives after its creation; also reported as the user's
    /// `session_timeout` (default 3600).
    pub session_timeout_secs: u64,
    /// Enforce bunq's rate limits: GET 3, POST 5, PUT 2 calls per endpoint in 3 seconds, and
    /// one session-server call in 30 seconds (default false).
    pub rate_limits: bool,
    /// Bank accounts (`MonetaryAccountBank`) every new user gets, besides the savings
    /// account and the joint account every user gets first (default 25, so that listing
    /// all 27 with `count=10` takes three pages).
    pub accounts_per_user: usize,
    /// API keys accepted besides the ones created through sandbox-user-*; each one belongs to
    /// a fresh `UserPerson` (default none).
    pub api_keys: Vec<String>,
    /// The OAuth client id the token exchange accepts (default "fake-client-id").
    pub oauth_client_id: String,
    /// The OAuth client secret the token exchange accepts (default "fake-client-secret").
    pub oauth_client_secret: String,
    /// Keep the state in this JSON file across restarts (default `None`: in memory only).
    ///
    /// At start an existing file is loaded (a damaged one fails the start with
    /// `InvalidData`), a missing one is created. After every request that changed the state,
    /// and when the server is dropped, the whole state is written to a temporary file beside
    /// it and renamed over it; owner-only on unix, since it holds the server's private key.
    /// Kept: the server key, installations, device keys, API keys (sandbox, OAuth, PSD2),
    /// sessions with their wall-clock expiry, users, accounts, balances, payments, requests,
    /// attachments, URL notification filters, used OAuth codes and the id counters; not
    /// kept: call counts, rate-limit windows, and callbacks in flight or failed. Settings such as `session_timeout_secs` come from the config of
    /// each start, and `api_keys` the file does not know yet get new users.
    pub state_file: Option<PathBuf>,
    /// Serve HTTPS instead of plain HTTP (default `None`: plain HTTP). The base URL is then
    /// `https://127.0.0.1:PORT/v1/`, and the CA to trust is in
    /// [`FakeBunq::ca_certificate_pem`](crate::FakeBunq::ca_certificate_pem) and the file
    /// [`FakeBunq::ca_certificate_file`](crate::FakeBunq::ca_certificate_file).
    pub tls: Option<FakeTls>,
    /// How long a callback that failed waits before its next try (default one minute, as at
    /// bunq; tests use milliseconds). A callback is tried 6 times in all, then listed by
    /// `notification-filter-failure`.
    pub callback_retry_interval: Duration,
    /// Answer as many Python servers do (`http.server`): the status line and headers in one
    /// write, the body in a second, with Nagle's algorithm left on (no `TCP_NODELAY`), so
    /// that the body waits for the client's ACK of the head (default false: one write,
    /// `TCP_NODELAY`). A client that delays its ACKs then waits its delayed-ACK timer (about
    /// 40 ms on Linux) once per answer on a reused connection.
    pub split_writes: bool,
}

impl Default for FakeBunqConfig {
    fn default() -> Self {
        FakeBunqConfig {
            session_timeout_secs: 3600,
            rate_limits: false,
            accounts_per_user: 25,
            api_keys: Vec::new(),
            oauth_client_id: "fake-client-id".to_owned(),
            oauth_client_secret: "fake-client-secret".to_owned(),
            state_file: None,
            tls: None,
            callback_retry_interval: Duration::from_secs(60),
            split_writes: false,
        }
    }
}
