//! What several test files need: keys made once, signed mock answers, offline contexts,
//! scratch directories that do not outlive the test.
#![allow(dead_code)] // each test binary uses its own subset

use std::ops::Deref;
use std::path::Path;
use std::sync::OnceLock;

use bunq::{ApiContext, Config, KeyPair, ProxySetting, RetryPolicy};
use serde_json::json;

/// The "server" key of mock bunq answers, generated once per test binary.
pub fn server_key() -> &'static KeyPair {
    static KEY: OnceLock<KeyPair> = OnceLock::new();
    KEY.get_or_init(|| KeyPair::generate().unwrap())
}

/// The client key of contexts made here, generated once per test binary.
pub fn client_key() -> &'static KeyPair {
    static KEY: OnceLock<KeyPair> = OnceLock::new();
    KEY.get_or_init(|| KeyPair::generate().unwrap())
}

/// A configuration for loopback tests: no proxy from the environment, quick retries, no
/// client-side rate limiting unless a test asks for it.
pub fn test_config() -> Config {
    Config::builder()
        .proxy(ProxySetting::None)
        .rate_limits(None)
        .retry(RetryPolicy {
            initial_backoff: std::time::Duration::from_millis(10),
            max_backoff: std::time::Duration::from_millis(50),
            ..RetryPolicy::default()
        })
        .build()
}

/// A saved context pointing at `base_url`, with an open session (token `session_token`)
/// expiring far in the future; restoring it makes no network call.
pub fn context_json(base_url: &str, session_token: &str) -> String {
    json!({
        "api_key": "sandbox_test_api_key",
        "environment_type": "SANDBOX",
        "base_url": base_url,
        "installation_context": {
            "token": "installation-token",
            "private_key_client": client_key().private_key_pem(),
            "public_key_client": client_key().public_key_pem(),
            "public_key_server": server_key().public_key_pem(),
        },
        "session_context": {
            "token": session_token,
            "expiry_time": "2099-01-01T00:00:00+00:00",
            "user_id": 1,
            "user_person": {"id": 1, "display_name": "Test", "session_timeout": 3600},
        },
    })
    .to_string()
}

/// [`context_json`] restored.
pub fn offline_context(base_url: &str, session_token: &str) -> ApiContext {
    ApiContext::from_json(&context_json(base_url, session_token)).unwrap()
}

/// A new, empty, owner-only directory `bunq-<name>-<random>` in the temporary directory,
/// removed with everything in it when dropped: also when the test fails or panics, since the
/// context files tests save there hold private keys. Used as a `Path` (`dir.join(...)`).
pub struct TempDir(tempfile::TempDir);

impl TempDir {
    pub fn new(name: &str) -> TempDir {
        let dir = tempfile::Builder::new()
            .prefix(&format!("bunq-{name}-"))
            .tempdir()
            .expect("a temporary directory");
        TempDir(dir)
    }
}

impl Deref for TempDir {
    type Target = Path;

    fn deref(&self) -> &Path {
        self.0.path()
    }
}

impl AsRef<Path> for TempDir {
    fn as_ref(&self) -> &Path {
        self.0.path()
    }
}

/// Whether a `BUNQ_UPDATE_HEADER=1` run asks a header test to rewrite its committed file
/// instead of comparing with it. Refused under CI (`CI` set, and not "false" or "0"): there
/// a rewrite would turn the comparison into a test that always passes.
pub fn header_update_requested() -> bool {
    if std::env::var_os("BUNQ_UPDATE_HEADER").is_none() {
        return false;
    }
    let in_ci = std::env::var("CI").is_ok_and(|ci| !matches!(ci.as_str(), "" | "false" | "0"));
    assert!(
        !in_ci,
        "BUNQ_UPDATE_HEADER is set under CI (CI={:?}): CI compares the committed headers, it \
         never rewrites them. Unset BUNQ_UPDATE_HEADER.",
        std::env::var("CI").unwrap_or_default()
    );
    true
}
