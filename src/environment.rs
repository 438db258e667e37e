//! Where the API lives: production, sandbox, or any base URL.

use std::net::IpAddr;

use crate::error::{Error, Result, excerpt};

/// The two kinds of bunq environment, as written in a saved context (`environment_type`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum EnvironmentType {
    /// Real money: `https://api.bunq.com/v1/`.
    Production,
    /// Play money: `https://public-api.sandbox.bunq.com/v1/`.
    Sandbox,
}

impl EnvironmentType {
    /// The name used in saved contexts: `PRODUCTION` or `SANDBOX`.
    pub fn as_str(self) -> &'static str {
        match self {
            EnvironmentType::Production => "PRODUCTION",
            EnvironmentType::Sandbox => "SANDBOX",
        }
    }

    /// Parses `PRODUCTION` or `SANDBOX` (any case).
    pub fn parse(name: &str) -> Option<EnvironmentType> {
        match name.to_ascii_uppercase().as_str() {
            "PRODUCTION" => Some(EnvironmentType::Production),
            "SANDBOX" => Some(EnvironmentType::Sandbox),
            _ => None,
        }
    }

    /// bunq's API base URL for this environment.
    pub fn default_base_url(self) -> &'static str {
        match self {
            EnvironmentType::Production => "https://api.bunq.com/v1/",
            EnvironmentType::Sandbox => "https://public-api.sandbox.bunq.com/v1/",
        }
    }

    /// The OAuth authorization page for this environment.
    pub fn oauth_authorize_url(self) -> &'static str {
        match self {
            EnvironmentType::Production => "https://oauth.bunq.com/auth",
            EnvironmentType::Sandbox => "https://oauth.sandbox.bunq.com/auth",
        }
    }

    /// The OAuth token exchange endpoint for this environment.
    pub fn oauth_token_url(self) -> &'static str {
        match self {
            EnvironmentType::Production => "https://api.oauth.bunq.com/v1/token",
            EnvironmentType::Sandbox => "https://api-oauth.sandbox.bunq.com/v1/token",
        }
    }
}

/// An environment type plus the base URL actually used: bunq's own, or another one (a test
/// server, a proxy, an emulator) that behaves like it.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Environment {
    kind: EnvironmentType,
    base_url: String,
}

impl Environment {
    /// bunq production.
    pub fn production() -> Environment {
        Environment::of_type(EnvironmentType::Production)
    }

    /// bunq's public sandbox.
    pub fn sandbox() -> Environment {
        Environment::of_type(EnvironmentType::Sandbox)
    }

    /// The default URL of `kind`.
    pub fn of_type(kind: EnvironmentType) -> Environment {
        Environment {
            kind,
            base_url: kind.default_base_url().to_owned(),
        }
    }

    /// The environment at `base_url`: bunq's production or sandbox URL gives that
    /// environment; any other URL (a test server, a proxy, an emulator such as
    /// `http://127.0.0.1:8080/v1/`) a sandbox-type environment there. A missing trailing
    /// slash is added.
    pub fn custom(base_url: impl Into<String>) -> Environment {
        let base_url = base_url.into();
        let production = EnvironmentType::Production.default_base_url();
        let kind = if base_url.trim_end_matches('/') == production.trim_end_matches('/') {
            EnvironmentType::Production
        } else {
            EnvironmentType::Sandbox
        };
        Environment::of_type(kind).with_base_url(base_url)
    }

    /// The same environment type at another base URL.
    pub fn with_base_url(mut self, base_url: impl Into<String>) -> Environment {
        let mut base_url = base_url.into();
        if !base_url.ends_with('/') {
            base_url.push('/');
        }
        self.base_url = base_url;
        self
    }

    /// Production or sandbox.
    pub fn kind(&self) -> EnvironmentType {
        self.kind
    }

    /// The base URL requests go to, ending in `/`.
    pub fn base_url(&self) -> &str {
        &self.base_url
    }

    /// Whether only play money is at stake: a sandbox-type environment whose base URL is not
    /// on one of bunq's production hosts. bunq's sandbox, the fake server and other test
    /// servers (loopback or custom hosts) are; a `PRODUCTION` environment is not, wherever
    /// it points, and neither is a sandbox-type one whose base URL names a `bunq.com` host
    /// outside `sandbox.bunq.com` (such as `https://api.bunq.com:443/v1`). The sandbox
    /// helpers (`create_sandbox_user`, `Client::request_sandbox_money`) refuse to run where
    /// this is false.
    pub fn is_sandbox(&self) -> bool {
        self.kind == EnvironmentType::Sandbox && !is_production_host(self.host())
    }

    /// The host of the base URL, without user info, port or brackets.
    fn host(&self) -> &str {
        let after_scheme = self
            .base_url
            .split_once("://")
            .map_or(self.base_url.as_str(), |(_, rest)| rest);
        host_of(after_scheme)
    }

    /// Whether the base URL is the environment type's own (not a custom one).
    pub fn is_default_url(&self) -> bool {
        self.base_url == self.kind.default_base_url()
    }

    /// The URL for an endpoint path: `user/1` and `/v1/user/1` (the form of pagination URLs)
    /// both give `<base>user/1`.
    pub fn url_for(&self, path: &str) -> String {
        let path = path.trim_start_matches('/');
        let path = path.strip_prefix("v1/").unwrap_or(path);
        format!("{}{}", self.base_url, path)
    }
}

/// Refuses a URL that would carry tokens or keys in clear: only `https://`, or `http://` to
/// this machine (`localhost`, `127.0.0.0/8`, `::1`: a test server, the fake, a local proxy).
pub(crate) fn refuse_cleartext(url: &str) -> Result<()> {
    let Some((scheme, rest)) = url.split_once("://") else {
        return Err(Error::invalid_input(format!(
            "{} is not an http(s) URL",
            excerpt(url)
        )));
    };
    if scheme.eq_ignore_ascii_case("https") {
        return Ok(());
    }
    if scheme.eq_ignore_ascii_case("http") && is_loopback(host_of(rest)) {
        return Ok(());
    }
    Err(Error::invalid_input(format!(
        "refusing to send to {}: tokens and keys go only over https:// (http:// only to \
         localhost, 127.0.0.1 or ::1)",
        excerpt(url)
    )))
}

/// The host of what follows `scheme://`: no user info, no port, no brackets.
fn host_of(after_scheme: &str) -> &str {
    let authority = after_scheme
        .split(['/', '?', '#'])
        .next()
        .unwrap_or(after_scheme);
    let host_and_port = authority.rsplit('@').next().unwrap_or(authority);
    if let Some(bracketed) = host_and_port.strip_prefix('[') {
        return bracketed.split(']').next().unwrap_or(bracketed);
    }
    host_and_port.split(':').next().unwrap_or(host_and_port)
}

/// `bunq.com` and its subdomains, except the sandbox's (`*.sandbox.bunq.com`); any case,
/// with or without the trailing dot of a fully qualified name.
fn is_production_host(host: &str) -> bool {
    let host = host.trim_end_matches('.').to_ascii_lowercase();
    let under = |domain: &str| host == domain || host.ends_with(&format!(".{domain}"));
    under("bunq.com") && !under("sandbox.bunq.com")
}

fn is_loopback(host: &str) -> bool {
    host.eq_ignore_ascii_case("localhost")
        || host.parse::<IpAddr>().is_ok_and(|ip| ip.is_loopback())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_https_or_loopback_http_is_allowed() {
        for url in [
            "https://api.bunq.com/v1/user",
            "http://127.0.0.1:9/v1/",
            "http://127.8.9.10/v1/",
            "http://localhost:8080/v1/",
            "HTTP://LOCALHOST/v1/",
            "http://[::1]:9/v1/",
        ] {
            refuse_cleartext(url).unwrap();
        }
        for url in [
            "http://api.bunq.com/v1/",
            "http://127.0.0.1.evil.example/v1/",
            "http://localhost.evil.example/",
            "http://127.0.0.1@evil.example/",
            "http://[::2]/",
            "ftp://127.0.0.1/",
            "127.0.0.1:9/v1/",
        ] {
            let error = refuse_cleartext(url).unwrap_err();
            assert_eq!(error.kind(), crate::ErrorKind::InvalidInput, "{url}");
        }
    }

    #[test]
    fn urls_join_with_or_without_the_version_prefix() {
        let env = Environment::custom("http://127.0.0.1:9/v1");
        assert_eq!(env.base_url(), "http://127.0.0.1:9/v1/");
        assert_eq!(env.url_for("user/1"), "http://127.0.0.1:9/v1/user/1");
        assert_eq!(
            env.url_for("/v1/user/1?count=2"),
            "http://127.0.0.1:9/v1/user/1?count=2"
        );
        assert_eq!(env.kind(), EnvironmentType::Sandbox);
        assert!(!env.is_default_url());
        assert!(Environment::production().is_default_url());
        let production = Environment::custom("https://api.bunq.com/v1");
        assert_eq!(production.kind(), EnvironmentType::Production);
        assert!(production.is_default_url());
    }

    #[test]
    fn only_sandbox_types_away_from_bunq_production_hosts_are_the_sandbox() {
        for sandbox in [
            Environment::sandbox(),
            Environment::custom("http://127.0.0.1:9/v1/"),
            Environment::custom("https://localhost:8443/v1"),
            Environment::custom("https://bunq-emulator.example/v1/"),
            Environment::custom("https://public-api.sandbox.bunq.com/v1/"),
            Environment::custom("https://notbunq.com/v1/"),
            Environment::custom("https://api.bunq.com.evil.example/v1/"),
        ] {
            assert!(sandbox.is_sandbox(), "{}", sandbox.base_url());
        }
        for production in [
            Environment::production(),
            Environment::custom("https://api.bunq.com/v1"),
            Environment::custom("https://API.Bunq.COM:443/v1/"),
            Environment::custom("https://api.bunq.com./v1/"),
            Environment::custom("https://user@api.bunq.com/v1/"),
            Environment::custom("https://bunq.com/v1/"),
            Environment::sandbox().with_base_url("https://api.bunq.com/v1/"),
            Environment::sandbox().with_base_url("https://api.oauth.bunq.com/v1/"),
            // A production context pointed at a test server or a proxy stays production.
            Environment::production().with_base_url("http://127.0.0.1:9/v1/"),
        ] {
            assert!(!production.is_sandbox(), "{}", production.base_url());
        }
    }

    #[test]
    fn environment_names_parse() {
        assert_eq!(
            EnvironmentType::parse("sandbox"),
            Some(EnvironmentType::Sandbox)
        );
        assert_eq!(
            EnvironmentType::parse("PRODUCTION"),
            Some(EnvironmentType::Production)
        );
        assert_eq!(EnvironmentType::parse("staging"), None);
    }
}
