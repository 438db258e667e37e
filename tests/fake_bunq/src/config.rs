//! How a fake server behaves.

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
    /// Monetary accounts every new user gets (default 25, so that listing with `count=10`
    /// takes three pages).
    pub accounts_per_user: usize,
    /// API keys accepted besides the ones created through sandbox-user-*; each one belongs to
    /// a fresh `UserPerson` (default none).
    pub api_keys: Vec<String>,
    /// The OAuth client id the token exchange accepts (default "fake-client-id").
    pub oauth_client_id: String,
    /// The OAuth client secret the token exchange accepts (default "fake-client-secret").
    pub oauth_client_secret: String,
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
        }
    }
}
