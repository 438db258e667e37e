//! The API context: everything that identifies this client to bunq.
//!
//! An [`ApiContext`] holds the environment, the API key, the installation (client key pair,
//! installation token, bunq's public key) and the current session (token, expiry, user). It
//! is made once with [`ApiContext::builder`] (three network calls), then saved and restored
//! (see [`context_file`](crate::context_file)) without the network.

use std::net::IpAddr;
use std::path::Path;
use std::time::{Duration, SystemTime};

use crate::config::Config;
use crate::environment::Environment;
use crate::error::{Error, Result};
use crate::event::{Event, EventSink, SendAttempt};
use crate::exchange::{Credentials, Endpoint};
use crate::handshake;
use crate::keys::{KeyPair, PublicKey};
use crate::psd2::Psd2Certificate;
use crate::redaction::Redactor;
use crate::secret::Secret;
use crate::transport::Transport;
use crate::user::User;

/// The result of `POST installation`.
#[derive(Debug, Clone)]
pub(crate) struct Installation {
    pub token: Secret,
    pub client_key: KeyPair,
    pub server_key: PublicKey,
}

impl Installation {
    /// Authenticates with the installation token, signs, verifies answers.
    pub(crate) fn credentials(&self) -> Credentials<'_> {
        Credentials {
            token: Some(self.token.expose()),
            signer: Some(&self.client_key),
            server_key: Some(&self.server_key),
        }
    }
}

/// The result of `POST session-server`.
#[derive(Debug, Clone)]
pub(crate) struct Session {
    pub token: Secret,
    pub expiry: SystemTime,
    /// The `session_timeout` the session was opened with.
    pub lifetime: Duration,
    pub user_id: u64,
    pub user: User,
}

/// Everything that identifies this client to bunq. `Debug` output hides every secret.
#[derive(Debug, Clone)]
pub struct ApiContext {
    pub(crate) environment: Environment,
    pub(crate) api_key: Secret,
    pub(crate) installation: Installation,
    pub(crate) session: Option<Session>,
    /// May hold a proxy password: kept as a secret.
    pub(crate) proxy_url: Option<Secret>,
}

impl ApiContext {
    /// Starts making a context for `api_key` (an API key, a sandbox key, or an OAuth access
    /// token) in `environment`.
    pub fn builder(environment: Environment, api_key: impl Into<String>) -> ContextBuilder {
        ContextBuilder {
            environment,
            api_key: Secret::new(api_key),
            description: "bunq-context".to_owned(),
            permitted_ips: Vec::new(),
            config: Config::default(),
            key_pair: None,
            proxy_url: None,
            psd2_certificate: None,
            events: EventSink::default(),
        }
    }

    /// Reads a context saved by this crate or an official SDK. No network call is made.
    pub fn restore(path: impl AsRef<Path>) -> Result<ApiContext> {
        crate::context_file::restore(path.as_ref())
    }

    /// Reads a context from the JSON text of a saved context.
    pub fn from_json(json: &str) -> Result<ApiContext> {
        crate::context_file::from_json(json)
    }

    /// Saves the context atomically (temporary file, then rename) with owner-only
    /// permissions, in the official Python SDK's format.
    pub fn save(&self, path: impl AsRef<Path>) -> Result<()> {
        crate::context_file::save(self, path.as_ref())
    }

    /// The context as the JSON text that [`save`](Self::save) writes.
    pub fn to_json(&self) -> String {
        crate::context_file::to_json(self)
    }

    /// The environment this context belongs to.
    pub fn environment(&self) -> &Environment {
        &self.environment
    }

    /// Points the context at another base URL of the same environment type (a proxy, an
    /// emulator, a test server).
    pub fn set_base_url(&mut self, base_url: impl Into<String>) {
        self.environment = self.environment.clone().with_base_url(base_url);
    }

    /// The API key (a secret: never log it).
    pub fn api_key(&self) -> &str {
        self.api_key.expose()
    }

    /// The proxy saved with the context, if any.
    pub fn proxy_url(&self) -> Option<&str> {
        self.proxy_url.as_ref().map(Secret::expose)
    }

    /// The installation token (a secret).
    pub fn installation_token(&self) -> &str {
        self.installation.token.expose()
    }

    /// The client key pair registered at installation.
    pub fn client_key(&self) -> &KeyPair {
        &self.installation.client_key
    }

    /// bunq's public key, received at installation.
    pub fn server_public_key(&self) -> &PublicKey {
        &self.installation.server_key
    }

    /// The session token, if a session is open (a secret).
    pub fn session_token(&self) -> Option<&str> {
        self.session.as_ref().map(|session| session.token.expose())
    }

    /// When the current session expires, by the local clock.
    pub fn session_expiry(&self) -> Option<SystemTime> {
        self.session.as_ref().map(|session| session.expiry)
    }

    /// The session's user.
    pub fn user(&self) -> Option<&User> {
        self.session.as_ref().map(|session| &session.user)
    }

    /// The session user's id.
    pub fn user_id(&self) -> Option<u64> {
        self.session.as_ref().map(|session| session.user_id)
    }
}

/// Makes a new [`ApiContext`]: installation, device registration, session.
#[derive(Debug)]
pub struct ContextBuilder {
    environment: Environment,
    api_key: Secret,
    description: String,
    permitted_ips: Vec<String>,
    config: Config,
    key_pair: Option<KeyPair>,
    proxy_url: Option<Secret>,
    psd2_certificate: Option<Psd2Certificate>,
    events: EventSink,
}

impl ContextBuilder {
    /// Calls `callback` with the [`Event`] of each exchange that creates the context
    /// (installation, device-server, session-server), on the thread calling
    /// [`create`](Self::create). The events also go to the `log` facade (target `bunq`). For
    /// the client's own events, see [`ClientBuilder::on_event`](crate::ClientBuilder::on_event).
    pub fn on_event(self, callback: impl Fn(&Event) + Send + Sync + 'static) -> Self {
        self.events.set(Some(std::sync::Arc::new(callback)));
        self
    }

    /// The device description bunq shows the user (default `bunq-context`).
    pub fn description(mut self, description: impl Into<String>) -> Self {
        self.description = description.into();
        self
    }

    /// The IP addresses the API key may be used from: IPv4, IPv6, or `*` for anywhere. An
    /// empty list (the default) binds the key to the address this call comes from.
    ///
    /// **Do not use `["*"]` in production.** It lets anyone who obtains the API key (a
    /// leaked context file, a log, a backup) use it from any machine; bind a production key
    /// to the addresses your servers call from. `*` is meant for the sandbox and test
    /// servers, where keys are throw-away and addresses change.
    pub fn permitted_ips<I, S>(mut self, ips: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.permitted_ips = ips.into_iter().map(Into::into).collect();
        self
    }

    /// Timeouts, proxy and header values for the three calls.
    pub fn config(mut self, config: Config) -> Self {
        self.config = config;
        self
    }

    /// Uses this key pair instead of generating a fresh RSA-2048 one.
    pub fn key_pair(mut self, key_pair: KeyPair) -> Self {
        self.key_pair = Some(key_pair);
        self
    }

    /// A proxy URL saved with the context (the official SDKs' `proxy_url`) and used for the
    /// three calls unless the configuration names another proxy.
    pub fn proxy_url(mut self, proxy_url: impl Into<String>) -> Self {
        self.proxy_url = Some(Secret::new(proxy_url));
        self
    }

    /// Creates the context as a PSD2 third-party provider holding `certificate`: after
    /// installation, `payment-service-provider-credential` registers the certificate and
    /// bunq's credential replaces the API key given to [`ApiContext::builder`] (which may be
    /// empty) for device-server, session-server and the saved context.
    pub fn psd2_certificate(mut self, certificate: Psd2Certificate) -> Self {
        self.psd2_certificate = Some(certificate);
        self
    }

    /// Performs installation, device-server and session-server (with
    /// payment-service-provider-credential after installation for a PSD2 provider). An error
    /// says which step failed ([`Error::step`]) and why.
    pub fn create(self) -> Result<ApiContext> {
        self.validate()?;
        let transport = Transport::new(&self.config, self.proxy_url.as_ref().map(Secret::expose))?;
        // Every secret of the three steps is kept out of their errors; the installation
        // token once there is one, the API key bunq issues a PSD2 provider once issued.
        let redactor = Redactor::new()
            .secret(self.api_key.expose())
            .proxy_url(self.proxy_url.as_ref().map_or("", Secret::expose))
            .proxy_setting(&self.config.proxy);
        let endpoint = Endpoint {
            transport: &transport,
            config: &self.config,
            environment: &self.environment,
            redactor: &redactor,
            events: &self.events,
        };
        let client_key = match self.key_pair {
            Some(key_pair) => key_pair,
            None => KeyPair::generate()?,
        };
        let installation = handshake::install(endpoint, &client_key)?;
        let api_key = match &self.psd2_certificate {
            Some(certificate) => {
                handshake::register_psd2_credential(endpoint, &installation, certificate)?
            }
            None => self.api_key,
        };
        let redactor = endpoint
            .redactor
            .clone()
            .secret(installation.token.expose())
            .secret(api_key.expose());
        let endpoint = Endpoint {
            redactor: &redactor,
            ..endpoint
        };
        handshake::register_device(
            endpoint,
            &installation,
            &api_key,
            &self.description,
            &self.permitted_ips,
        )?;
        let session =
            handshake::open_session(endpoint, &installation, &api_key, SendAttempt::FIRST)?;
        Ok(ApiContext {
            environment: self.environment,
            api_key,
            installation,
            session: Some(session),
            proxy_url: self.proxy_url,
        })
    }

    /// Refuses what bunq would refuse, before any network call.
    fn validate(&self) -> Result<()> {
        // A PSD2 provider gets its API key from bunq during creation.
        if self.psd2_certificate.is_none() && self.api_key.expose().trim().is_empty() {
            return Err(Error::invalid_input("the API key is empty"));
        }
        if self.description.trim().is_empty() {
            return Err(Error::invalid_input("the device description is empty"));
        }
        for ip in &self.permitted_ips {
            validate_permitted_ip(ip)?;
        }
        Ok(())
    }
}

/// `*`, or an IPv4 or IPv6 address.
pub(crate) fn validate_permitted_ip(ip: &str) -> Result<()> {
    if ip == "*" || ip.parse::<IpAddr>().is_ok() {
        Ok(())
    } else {
        Err(Error::invalid_input(format!(
            "permitted IP {:?} is neither an IPv4 or IPv6 address nor \"*\"",
            crate::error::excerpt(ip)
        )))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ErrorKind;

    #[test]
    fn permitted_ips_accept_wildcard_ipv4_and_ipv6() {
        for ip in ["*", "192.168.1.10", "2001:db8::1", "::1"] {
            validate_permitted_ip(ip).unwrap();
        }
        for ip in ["", "300.1.1.1", "example.com", "1.2.3.4/24"] {
            assert_eq!(
                validate_permitted_ip(ip).unwrap_err().kind(),
                ErrorKind::InvalidInput
            );
        }
    }

    #[test]
    fn bad_input_is_refused_before_any_network_call() {
        // Port 9 on loopback is closed: reaching the network would give a transport error.
        let environment = Environment::custom("http://127.0.0.1:9/v1/");
        let error = ApiContext::builder(environment.clone(), " ")
            .create()
            .unwrap_err();
        assert_eq!(error.kind(), ErrorKind::InvalidInput);
        let error = ApiContext::builder(environment, "key")
            .permitted_ips(["nope"])
            .create()
            .unwrap_err();
        assert_eq!(error.kind(), ErrorKind::InvalidInput);
    }
}
