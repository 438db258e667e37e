//! The client: owns an API context and sends any request to any endpoint.
//!
//! A [`Client`] is `Send + Sync`; share it (e.g. in an `Arc`) between threads. Calls proceed
//! concurrently, apart from waiting on the shared rate limiter. Session renewal lives in
//! [`session`](crate::session), the limiter in [`rate_limit`](crate::rate_limit), retries in
//! [`retry`](crate::retry).

use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, RwLock, RwLockReadGuard, RwLockWriteGuard};

use crate::config::Config;
use crate::context::ApiContext;
use crate::error::{Error, ErrorKind, Result};
use crate::exchange::{self, Credentials, Endpoint};
use crate::rate_limit::RateLimiter;
use crate::request::{Method, Request};
use crate::response::Response;
use crate::retry;
use crate::transport::Transport;
use crate::transport_stats::TransportStats;

/// Called with a snapshot of the context after every session renewal, to store it elsewhere.
pub type RenewalCallback = Box<dyn Fn(&ApiContext) + Send + Sync>;

/// Sends requests for one API context, keeping its session alive.
pub struct Client {
    pub(crate) config: Config,
    pub(crate) transport: Transport,
    pub(crate) context: RwLock<ApiContext>,
    /// Held while a session is being opened: renewal is single-flight.
    pub(crate) renewal: Mutex<()>,
    pub(crate) limiter: RateLimiter,
    pub(crate) save_path: Option<PathBuf>,
    pub(crate) on_renewal: Option<RenewalCallback>,
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Client")
            .field("context", &*self.read_context())
            .field("config", &self.config)
            .field("save_path", &self.save_path)
            .finish_non_exhaustive()
    }
}

impl Client {
    /// A client for `context` with the default configuration.
    pub fn new(context: ApiContext) -> Result<Client> {
        Client::builder(context).build()
    }

    /// A client for the context saved at `path`, saving every session renewal back there.
    pub fn restore(path: impl AsRef<Path>) -> Result<Client> {
        let path = path.as_ref();
        Client::builder(ApiContext::restore(path)?)
            .save_to(path)
            .build()
    }

    /// Starts configuring a client for `context`.
    pub fn builder(context: ApiContext) -> ClientBuilder {
        ClientBuilder {
            context,
            config: Config::default(),
            save_path: None,
            on_renewal: None,
        }
    }

    /// The configuration in use.
    pub fn config(&self) -> &Config {
        &self.config
    }

    /// What this client's connections have cost so far: requests sent, connections opened,
    /// TLS handshakes, name lookups, and what the last TLS handshake negotiated. Context
    /// creation and sandbox or OAuth calls use connections of their own, not counted here.
    pub fn transport_stats(&self) -> TransportStats {
        self.transport.stats()
    }

    /// A copy of the context as it is now (with the latest session).
    pub fn context(&self) -> ApiContext {
        self.read_context().clone()
    }

    /// Saves the current context atomically to `path`.
    pub fn save(&self, path: impl AsRef<Path>) -> Result<()> {
        self.context().save(path)
    }

    /// The session user's id (opening a session first if there is none).
    pub fn user_id(&self) -> Result<u64> {
        self.ensure_session()?;
        self.read_context()
            .user_id()
            .ok_or_else(|| Error::new(ErrorKind::Json, "the session has no user id"))
    }

    /// `GET path`.
    pub fn get(&self, path: &str) -> Result<Response> {
        self.send(&Request::get(path))
    }

    /// `POST path` with a JSON body.
    pub fn post(&self, path: &str, body: &serde_json::Value) -> Result<Response> {
        self.send(&Request::post(path).json(body))
    }

    /// `PUT path` with a JSON body.
    pub fn put(&self, path: &str, body: &serde_json::Value) -> Result<Response> {
        self.send(&Request::put(path).json(body))
    }

    /// `DELETE path`.
    pub fn delete(&self, path: &str) -> Result<Response> {
        self.send(&Request::delete(path))
    }

    /// Sends `request` with the session token, signed, and returns bunq's verified 2xx answer.
    ///
    /// Before the call a session near its expiry is renewed. A 401 (or 403 "Insufficient
    /// authentication.") renews the session once and resends. A 429 is resent after a
    /// backoff within the [`RetryPolicy`](crate::RetryPolicy). A `GET` whose connection
    /// failed is resent once; other methods never are, since bunq may have processed them.
    pub fn send(&self, request: &Request) -> Result<Response> {
        self.ensure_session()?;
        retry::on_rate_limit(&self.config.retry, || self.send_renewing(request))
    }

    /// Sends; a dead session is renewed once and the request sent again.
    fn send_renewing(&self, request: &Request) -> Result<Response> {
        let (token, result) = self.send_resending_get(request);
        match result {
            Err(error) if is_dead_session(&error) => {
                self.renew_session_replacing(token.as_deref())?;
                self.send_resending_get(request).1
            }
            other => other,
        }
    }

    /// Sends; a `GET` whose connection failed is sent once more (it changes nothing).
    fn send_resending_get(&self, request: &Request) -> (Option<String>, Result<Response>) {
        match self.send_once(request) {
            (_, Err(error))
                if error.kind() == ErrorKind::Transport && request.method == Method::Get =>
            {
                self.send_once(request)
            }
            sent => sent,
        }
    }

    /// One attempt: waits for the limiter, sends with the current session token. Returns the
    /// token used, so that a renewal replaces exactly that one.
    pub(crate) fn send_once(&self, request: &Request) -> (Option<String>, Result<Response>) {
        self.limiter.acquire(request.method, &request.path);
        // Copy what the call needs (cheap: the keys are shared) so that no lock is held
        // while waiting for bunq.
        let (environment, token, client_key, server_key) = {
            let context = self.read_context();
            (
                context.environment.clone(),
                context.session_token().map(str::to_owned),
                context.installation.client_key.clone(),
                context.installation.server_key.clone(),
            )
        };
        let credentials = Credentials {
            token: token.as_deref(),
            signer: Some(&client_key),
            server_key: Some(&server_key),
        };
        let endpoint = Endpoint {
            transport: &self.transport,
            config: &self.config,
            environment: &environment,
        };
        let result = exchange::send(endpoint, request, credentials);
        (token, result)
    }

    pub(crate) fn read_context(&self) -> RwLockReadGuard<'_, ApiContext> {
        self.context
            .read()
            .unwrap_or_else(|poison| poison.into_inner())
    }

    pub(crate) fn write_context(&self) -> RwLockWriteGuard<'_, ApiContext> {
        self.context
            .write()
            .unwrap_or_else(|poison| poison.into_inner())
    }
}

/// A session bunq no longer accepts: 401 "Insufficient authorisation.", or the 403
/// "Insufficient authentication." that has also been seen.
fn is_dead_session(error: &Error) -> bool {
    match error.status() {
        Some(401) => true,
        Some(403) => error
            .descriptions()
            .iter()
            .any(|description| description.contains("Insufficient authentication")),
        _ => false,
    }
}

/// Configures a [`Client`]. Obtain one with [`Client::builder`].
pub struct ClientBuilder {
    context: ApiContext,
    config: Config,
    save_path: Option<PathBuf>,
    on_renewal: Option<RenewalCallback>,
}

impl fmt::Debug for ClientBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ClientBuilder")
            .field("context", &self.context)
            .field("config", &self.config)
            .field("save_path", &self.save_path)
            .finish_non_exhaustive()
    }
}

impl ClientBuilder {
    /// Timeouts, proxy, headers, rate limits, retries.
    pub fn config(mut self, config: Config) -> Self {
        self.config = config;
        self
    }

    /// Saves the context atomically to `path` after every session renewal, so a restarted
    /// process reuses the session instead of opening another.
    pub fn save_to(mut self, path: impl Into<PathBuf>) -> Self {
        self.save_path = Some(path.into());
        self
    }

    /// Calls `callback` with the context after every session renewal.
    pub fn on_session_renewed(
        mut self,
        callback: impl Fn(&ApiContext) + Send + Sync + 'static,
    ) -> Self {
        self.on_renewal = Some(Box::new(callback));
        self
    }

    /// The client.
    pub fn build(self) -> Result<Client> {
        let transport = Transport::new(&self.config, self.context.proxy_url())?;
        Ok(Client {
            limiter: RateLimiter::new(self.config.rate_limits.clone()),
            transport,
            config: self.config,
            context: RwLock::new(self.context),
            renewal: Mutex::new(()),
            save_path: self.save_path,
            on_renewal: self.on_renewal,
        })
    }
}
