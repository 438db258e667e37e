//! Where the API lives: production, sandbox, or any base URL.

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

#[cfg(test)]
mod tests {
    use super::*;

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
