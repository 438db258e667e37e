//! OAuth: acting for another bunq user who granted your app access.
//!
//! 1. Send the user to [`OAuthClient::authorization_url`]; bunq asks them to grant access and
//!    redirects to your `redirect_uri` with `code` and your `state`.
//! 2. Check that `state` is the one you sent, then trade the code for an access token with
//!    [`OAuthClient::exchange_code`].
//! 3. The access token is used as an API key: [`AccessToken::context_builder`] (or
//!    [`ApiContext::builder`] with it) makes the context. Its session's user is a
//!    `UserApiKey`.
//!
//! Every parameter is percent-encoded (RFC 3986), which the official SDKs forget.
//!
//! ```no_run
//! use bunq::{EnvironmentType, Environment, OAuthClient};
//!
//! # fn main() -> bunq::Result<()> {
//! let oauth = OAuthClient::new(
//!     EnvironmentType::Sandbox,
//!     "my-client-id",
//!     "my-client-secret",
//!     "https://example.com/callback",
//! );
//! println!("open {}", oauth.authorization_url("random-state-123"));
//! // ... bunq redirects to https://example.com/callback?code=...&state=random-state-123
//! let token = oauth.exchange_code("the-code")?;
//! let context = token.context_builder(Environment::sandbox()).create()?;
//! # Ok(())
//! # }
//! ```

use serde_json::Value;

use crate::config::Config;
use crate::context::{ApiContext, ContextBuilder};
use crate::environment::{Environment, EnvironmentType, refuse_cleartext};
use crate::error::{Error, ErrorKind, Result};
use crate::exchange::failure_of;
use crate::redaction::Redactor;
use crate::request::{Method, encode_query};
use crate::response::Response;
use crate::secret::Secret;
use crate::transport::Transport;

/// An OAuth client registered with bunq: its id, secret and redirect URI, and where bunq's
/// authorization page and token endpoint are.
///
/// `Debug` output hides the client secret.
#[derive(Debug, Clone)]
pub struct OAuthClient {
    client_id: String,
    client_secret: Secret,
    redirect_uri: String,
    authorize_url: String,
    token_url: String,
    config: Config,
}

impl OAuthClient {
    /// The OAuth client `client_id` of `environment_type`, redirecting to `redirect_uri`
    /// (exactly as registered with bunq), using bunq's hosts for that environment.
    pub fn new(
        environment_type: EnvironmentType,
        client_id: impl Into<String>,
        client_secret: impl Into<String>,
        redirect_uri: impl Into<String>,
    ) -> OAuthClient {
        OAuthClient {
            client_id: client_id.into(),
            client_secret: Secret::new(client_secret),
            redirect_uri: redirect_uri.into(),
            authorize_url: environment_type.oauth_authorize_url().to_owned(),
            token_url: environment_type.oauth_token_url().to_owned(),
            config: Config::default(),
        }
    }

    /// Another authorization page (a test server), e.g. `http://127.0.0.1:8080/auth`.
    pub fn with_authorize_url(mut self, authorize_url: impl Into<String>) -> Self {
        self.authorize_url = authorize_url.into();
        self
    }

    /// Another token endpoint (a test server), e.g. `http://127.0.0.1:8080/v1/token`.
    pub fn with_token_url(mut self, token_url: impl Into<String>) -> Self {
        self.token_url = token_url.into();
        self
    }

    /// Timeouts, proxy and `User-Agent` for the token exchange.
    pub fn with_config(mut self, config: Config) -> Self {
        self.config = config;
        self
    }

    /// The client id.
    pub fn client_id(&self) -> &str {
        &self.client_id
    }

    /// The redirect URI.
    pub fn redirect_uri(&self) -> &str {
        &self.redirect_uri
    }

    /// The token endpoint in use.
    pub fn token_url(&self) -> &str {
        &self.token_url
    }

    /// The page to send the user to: the authorization page with `response_type=code`,
    /// `client_id`, `redirect_uri` and `state`, each percent-encoded. `state` should be
    /// unguessable and checked when bunq redirects back, against cross-site request forgery.
    pub fn authorization_url(&self, state: &str) -> String {
        let query = encode_query(&[
            pair("response_type", "code"),
            pair("client_id", &self.client_id),
            pair("redirect_uri", &self.redirect_uri),
            pair("state", state),
        ]);
        append_query(&self.authorize_url, &query)
    }

    /// Trades the authorization `code` from bunq's redirect for an access token: `POST` to
    /// the token endpoint with `grant_type=authorization_code`, `code`, `redirect_uri`,
    /// `client_id` and `client_secret` as (percent-encoded) query parameters and no body.
    ///
    /// A refusal (an expired or reused code, a wrong secret) is an [`ErrorKind::Api`] error
    /// with the status and the endpoint's description. Error messages never contain the
    /// code or the client secret.
    pub fn exchange_code(&self, code: &str) -> Result<AccessToken> {
        self.validate(code)?;
        let query = encode_query(&[
            pair("grant_type", "authorization_code"),
            pair("code", code),
            pair("redirect_uri", &self.redirect_uri),
            pair("client_id", &self.client_id),
            pair("client_secret", self.client_secret.expose()),
        ]);
        // The client secret goes in the query: never in clear to another machine.
        refuse_cleartext(&self.token_url)?;
        let url = append_query(&self.token_url, &query);
        let headers = [
            ("Accept".to_owned(), "application/json".to_owned()),
            ("Cache-Control".to_owned(), "no-cache".to_owned()),
            ("User-Agent".to_owned(), self.config.user_agent().to_owned()),
        ];
        // The token endpoint is not bunq's signed API: no installation, no signatures.
        let response = Transport::new(&self.config, None)?
            .send(Method::Post, &url, &headers, &[])
            .map_err(|error| self.without_query(error))?;
        if !(200..300).contains(&response.status()) {
            // The endpoint's text could echo the query: the secret and the code go.
            let redactor = Redactor::new()
                .secret(self.client_secret.expose())
                .secret(code)
                .proxy_setting(self.config.proxy());
            return Err(token_refusal(&response).redacted(&redactor));
        }
        AccessToken::from_answer(&response)
    }

    fn validate(&self, code: &str) -> Result<()> {
        let required = [
            ("authorization code", code),
            ("client id", &self.client_id),
            ("client secret", self.client_secret.expose()),
            ("redirect URI", &self.redirect_uri),
        ];
        match required.iter().find(|(_, value)| value.trim().is_empty()) {
            Some((name, _)) => Err(Error::invalid_input(format!("the OAuth {name} is empty"))),
            None => Ok(()),
        }
    }

    /// The transport names the URL it failed to reach, and this URL's query carries the
    /// code and the client secret: the error is rebuilt naming the endpoint alone. The
    /// original is dropped rather than kept as the source, since it holds the secret too.
    fn without_query(&self, error: Error) -> Error {
        let message = error.message().split(&self.token_url).next().unwrap_or("");
        Error::new(
            error.kind(),
            format!(
                "the OAuth token exchange failed: {}{} (query hidden)",
                message, self.token_url
            ),
        )
    }
}

fn pair(key: &str, value: &str) -> (String, String) {
    (key.to_owned(), value.to_owned())
}

fn append_query(url: &str, query: &str) -> String {
    let separator = if url.contains('?') { '&' } else { '?' };
    format!("{url}{separator}{query}")
}

/// The endpoint's `{"error": "invalid_grant", "error_description": "..."}` (or bunq's own
/// error JSON, or anything else) as an error naming the OAuth error code too.
fn token_refusal(response: &Response) -> Error {
    let mut failure = failure_of(response);
    let code = serde_json::from_slice::<Value>(response.body())
        .ok()
        .and_then(|json| json.get("error").and_then(Value::as_str).map(str::to_owned));
    if let Some(code) = code {
        match failure.descriptions.first_mut() {
            Some(description) if !description.contains(&code) => {
                *description = format!("{code}: {description}");
            }
            _ => {}
        }
    }
    Error::from_api(failure)
}

/// An access token granted through OAuth. `Debug` output hides the token.
#[derive(Debug, Clone)]
pub struct AccessToken {
    access_token: Secret,
    token_type: String,
    state: Option<String>,
}

impl AccessToken {
    fn from_answer(response: &Response) -> Result<AccessToken> {
        let json = response.json()?;
        let text = |field: &str| json.get(field).and_then(Value::as_str).map(str::to_owned);
        let access_token = text("access_token")
            .filter(|token| !token.is_empty())
            .ok_or_else(|| {
                Error::new(
                    ErrorKind::Json,
                    "the OAuth token endpoint's answer lacks an access_token",
                )
            })?;
        Ok(AccessToken {
            access_token: Secret::new(access_token),
            token_type: text("token_type").unwrap_or_default(),
            state: text("state"),
        })
    }

    /// The access token itself (a secret: never log it); it serves as the API key.
    pub fn access_token(&self) -> &Secret {
        &self.access_token
    }

    /// The token type bunq reports, e.g. `bearer`.
    pub fn token_type(&self) -> &str {
        &self.token_type
    }

    /// The `state` bunq echoes, when it does.
    pub fn state(&self) -> Option<&str> {
        self.state.as_deref()
    }

    /// Starts making a context that uses this token as its API key in `environment`.
    pub fn context_builder(&self, environment: Environment) -> ContextBuilder {
        ApiContext::builder(environment, self.access_token.expose())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_authorization_url_encodes_every_parameter() {
        let oauth = OAuthClient::new(
            EnvironmentType::Production,
            "id with space",
            "secret",
            "https://example.com/cb?x=1&y=ü",
        );
        assert_eq!(
            oauth.authorization_url("a/b+c"),
            "https://oauth.bunq.com/auth?response_type=code&client_id=id%20with%20space\
             &redirect_uri=https%3A%2F%2Fexample.com%2Fcb%3Fx%3D1%26y%3D%C3%BC&state=a%2Fb%2Bc"
        );
    }

    #[test]
    fn debug_output_hides_the_secrets() {
        let oauth = OAuthClient::new(EnvironmentType::Sandbox, "id", "s3cr3t", "https://x");
        assert!(!format!("{oauth:?}").contains("s3cr3t"));
        let token = AccessToken {
            access_token: Secret::new("t0k3n"),
            token_type: "bearer".into(),
            state: None,
        };
        assert!(!format!("{token:?}").contains("t0k3n"));
    }

    #[test]
    fn a_transport_error_names_the_endpoint_but_not_the_query() {
        let oauth = OAuthClient::new(EnvironmentType::Sandbox, "id", "s3cr3t", "https://x")
            .with_token_url("http://127.0.0.1:9/v1/token");
        let error = oauth.exchange_code("c0de").unwrap_err();
        let text = format!("{error} {error:?}");
        assert!(text.contains("http://127.0.0.1:9/v1/token"), "{text}");
        assert!(!text.contains("s3cr3t") && !text.contains("c0de"), "{text}");
    }
}
