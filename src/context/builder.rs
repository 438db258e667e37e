//! [`ContextBuilder`]: makes a new API context by running the handshake.

use std::net::IpAddr;

use crate::config::Config;
use crate::environment::Environment;
use crate::error::{Error, Result};
use crate::event::{Event, EventSink, SendAttempt};
use crate::exchange::Link;
use crate::keys::KeyPair;
use crate::redaction::Redactor;
use crate::secret::Secret;
use crate::transport::Transport;

use super::{ApiContext, Psd2Certificate, handshake};

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
    /// A builder with the defaults: description `bunq-context`, no permitted IPs (the key is
    /// bound to the caller's address), the default configuration, a fresh key pair.
    pub(super) fn new(environment: Environment, api_key: Secret) -> ContextBuilder {
        ContextBuilder {
            environment,
            api_key,
            description: "bunq-context".to_owned(),
            permitted_ips: Vec::new(),
            config: Config::default(),
            key_pair: None,
            proxy_url: None,
            psd2_certificate: None,
            events: EventSink::default(),
        }
    }

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
            .proxy_setting(self.config.proxy());
        let link = Link {
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
        let installation = handshake::install(link, &client_key)?;
        let api_key = match &self.psd2_certificate {
            Some(certificate) => {
                handshake::register_psd2_credential(link, &installation, certificate)?
            }
            None => self.api_key,
        };
        let redactor = link
            .redactor
            .clone()
            .secret(installation.token.expose())
            .secret(api_key.expose());
        let link = Link {
            redactor: &redactor,
            ..link
        };
        handshake::register_device(
            link,
            &installation,
            &api_key,
            &self.description,
            &self.permitted_ips,
        )?;
        let session = handshake::open_session(link, &installation, &api_key, SendAttempt::FIRST)?;
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
