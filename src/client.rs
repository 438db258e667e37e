//! The client: owns an API context and sends any request to any endpoint.
//!
//! A [`Client`] is `Send + Sync`; share it (e.g. in an `Arc`) between threads. Calls proceed
//! concurrently, apart from waiting on the shared rate limiter. It may also be used in a
//! process forked from the one that made it (see [`Client`]). Session renewal lives in
//! [`session`](crate::session), the limiter in [`rate_limit`](crate::rate_limit), retries in
//! [`retry`](crate::retry).

use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, RwLock, RwLockReadGuard, RwLockWriteGuard};
use std::time::{Instant, SystemTime};

use crate::config::Config;
use crate::context::ApiContext;
use crate::environment::Environment;
use crate::error::{Error, ErrorKind, Result};
use crate::event::{
    ContextSave, Event, EventCallback, EventSink, RenewalReason, ResendReason, RetryBackoff,
    SendAttempt,
};
use crate::exchange::{self, Credentials, Endpoint};
use crate::rate_limit::RateLimiter;
use crate::redaction::Redactor;
use crate::request::{Method, Request};
use crate::response::Response;
use crate::retry::{self, Budget};
use crate::session::RenewalGate;
use crate::transport::Transport;
use crate::transport_stats::TransportStats;

/// Called with a snapshot of the context after every session renewal, to store it elsewhere.
pub type RenewalCallback = Box<dyn Fn(&ApiContext) + Send + Sync>;

/// Sends requests for one API context, keeping its session alive.
///
/// Threads: share it (`Send + Sync`); calls run concurrently. Processes: it may be used in a
/// process forked from the one that made it (a pre-forking server's workers). Every call
/// compares the process id with the one its connections were opened in; in a forked child the
/// first call opens connections of its own, and the parent's are never read, written or
/// closed there (shared, they would interleave both processes' requests, and over TLS reuse
/// one key and nonce). A session renewal that a thread of the parent was making when it
/// forked does not block the child. Do not fork from inside an event callback. Handlers
/// ([`ClientBuilder::on_event`]) may call the client: see there. The whole story is in
/// `docs/threads-and-processes.md`.
pub struct Client {
    pub(crate) config: Config,
    pub(crate) transport: Transport,
    pub(crate) context: RwLock<ApiContext>,
    /// Held while a session is opened or closed: renewal is single-flight.
    pub(crate) renewal: RenewalGate,
    pub(crate) limiter: RateLimiter,
    pub(crate) save_path: Option<PathBuf>,
    pub(crate) on_renewal: Option<RenewalCallback>,
    /// Where requests go for this client only, instead of the context's own base URL.
    pub(crate) base_url: Option<Environment>,
    /// The secrets of the context and configuration, kept out of every error.
    pub(crate) redactor: Redactor,
    /// Why the saving or the callback after the last session change failed, if it did.
    pub(crate) last_save_error: Mutex<Option<String>>,
    /// Where exchanges, waits, renewals and saves are reported.
    pub(crate) events: EventSink,
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

/// One attempt at a request, as [`Client::send`] sees it.
pub(crate) enum Attempt {
    /// Sent (or failed on the way) with this session token.
    Sent(Option<String>, Result<Response>),
    /// The session ran out while the call waited for the rate limiter: not sent.
    SessionExpired,
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
            base_url: None,
            on_event: None,
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

    /// A copy of the context as it is now (with the latest session). Its base URL is the
    /// context's own, even when [`ClientBuilder::base_url`] sends this client elsewhere.
    pub fn context(&self) -> ApiContext {
        self.read_context().clone()
    }

    /// Saves the current context atomically to `path`.
    pub fn save(&self, path: impl AsRef<Path>) -> Result<()> {
        let path = path.as_ref();
        let saved = self.context().save(path);
        self.report_save(path, saved.as_ref().err());
        saved
    }

    /// Replaces the callback that receives this client's events (`None`: none; the `log`
    /// facade still gets them). For a client already in use; a new client takes its callback
    /// from [`ClientBuilder::on_event`].
    pub(crate) fn set_event_callback(&self, callback: Option<EventCallback>) {
        self.events.set(callback);
    }

    pub(crate) fn report_save(&self, path: &Path, error: Option<&Error>) {
        self.events.report(|| {
            Event::ContextSave(ContextSave {
                path: path.to_path_buf(),
                error: error.map(ToString::to_string),
            })
        });
    }

    /// Why saving the context (to [`ClientBuilder::save_to`]) or calling the renewal
    /// callback failed after the latest session change, or `None` when both worked (or there
    /// was no change yet). Such a failure never fails the call that renewed the session: the
    /// session works, only its copy elsewhere is stale. Each session change replaces the
    /// value.
    pub fn last_save_error(&self) -> Option<String> {
        self.last_save_error
            .lock()
            .unwrap_or_else(|poison| poison.into_inner())
            .clone()
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
    /// backoff. A `GET` whose connection failed is resent once; other methods never are,
    /// since bunq may have processed them.
    ///
    /// All of it shares one budget, the [`RetryPolicy`](crate::RetryPolicy): every wait of
    /// the call (429 backoffs, also those of a session renewal it needs, the rate limiter,
    /// another thread's renewal) ends within `max_total_wait` of the call's start, and the
    /// 429 resends of the whole call count against `max_attempts`. A wait that would go past
    /// the budget is not started: the call fails with [`ErrorKind::RateLimited`].
    pub fn send(&self, request: &Request) -> Result<Response> {
        let mut budget = Budget::start(&self.config.retry);
        let mut renewed_on_refusal = false;
        let mut attempt = SendAttempt::FIRST;
        loop {
            self.ensure_session_within(&mut budget)?;
            match self.send_resending_get(request, &budget, &mut attempt)? {
                Attempt::SessionExpired => continue,
                Attempt::Sent(token, Err(error))
                    if is_dead_session(&error) && !renewed_on_refusal =>
                {
                    renewed_on_refusal = true;
                    self.renew_session_replacing(
                        token.as_deref(),
                        RenewalReason::Refused,
                        &mut budget,
                    )?;
                    attempt = attempt.next(ResendReason::SessionRenewal);
                }
                Attempt::Sent(_, Err(error)) if retry::is_too_many_requests(&error) => {
                    if !self.back_off(&mut budget, attempt) {
                        return Err(error);
                    }
                    attempt = attempt.next(ResendReason::TooManyRequests);
                }
                Attempt::Sent(_, result) => return result,
            }
        }
    }

    /// After a 429: waits the backoff (reporting it) and returns true, or false when the
    /// budget is spent.
    pub(crate) fn back_off(&self, budget: &mut Budget<'_>, attempt: SendAttempt) -> bool {
        let Some(waited) = budget.wait_after_rate_limit() else {
            return false;
        };
        self.events.report(|| {
            Event::RetryBackoff(RetryBackoff {
                waited,
                next_attempt: attempt.number.saturating_add(1),
            })
        });
        true
    }

    /// Sends; a `GET` whose connection failed is sent once more (it changes nothing).
    fn send_resending_get(
        &self,
        request: &Request,
        budget: &Budget<'_>,
        attempt: &mut SendAttempt,
    ) -> Result<Attempt> {
        match self.send_once(request, budget, true, *attempt)? {
            Attempt::Sent(_, Err(error))
                if error.is_connection_failure() && request.method == Method::Get =>
            {
                *attempt = attempt.next(ResendReason::ConnectionFailure);
                self.send_once(request, budget, true, *attempt)
            }
            sent => Ok(sent),
        }
    }

    /// One attempt: waits for the limiter (within the budget), then sends with the current
    /// session token, returned so that a renewal replaces exactly that one. With
    /// `needs_active_session`, a session that ran out during the wait is not used.
    pub(crate) fn send_once(
        &self,
        request: &Request,
        budget: &Budget<'_>,
        needs_active_session: bool,
        attempt: SendAttempt,
    ) -> Result<Attempt> {
        let slot = self
            .limiter
            .acquire(request.method, &request.path, budget, &self.events)?;
        // Copy what the call needs (cheap: the keys are shared) so that no lock is held
        // while waiting for bunq.
        let (environment, token, client_key, server_key) = {
            let context = self.read_context();
            if needs_active_session && !self.has_active_session(&context) {
                drop(context);
                self.limiter.release(slot, false);
                return Ok(Attempt::SessionExpired);
            }
            (
                self.environment_of(&context),
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
        let result =
            exchange::send_attempt(self.endpoint(&environment), request, credentials, attempt);
        self.limiter.release(slot, true);
        Ok(Attempt::Sent(token, result))
    }

    /// Where requests go: the base URL given for this client, else the context's.
    pub(crate) fn environment_of(&self, context: &ApiContext) -> Environment {
        self.base_url
            .clone()
            .unwrap_or_else(|| context.environment.clone())
    }

    pub(crate) fn endpoint<'a>(&'a self, environment: &'a Environment) -> Endpoint<'a> {
        Endpoint {
            transport: &self.transport,
            config: &self.config,
            environment,
            redactor: &self.redactor,
            events: &self.events,
        }
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
    base_url: Option<String>,
    on_event: Option<EventCallback>,
}

impl fmt::Debug for ClientBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ClientBuilder")
            .field("context", &self.context)
            .field("config", &self.config)
            .field("save_path", &self.save_path)
            .field("base_url", &self.base_url)
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
    /// process reuses the session instead of opening another. A failed save does not fail
    /// the call that renewed: see [`Client::last_save_error`].
    pub fn save_to(mut self, path: impl Into<PathBuf>) -> Self {
        self.save_path = Some(path.into());
        self
    }

    /// Calls `callback` with the context after every session change (renewal or close).
    ///
    /// It runs on the thread whose call changed the session, after the change is complete
    /// and saved, and outside every lock of the client: it may call the client. A panic in it
    /// is caught and reported through [`Client::last_save_error`]; the call goes on.
    pub fn on_session_renewed(
        mut self,
        callback: impl Fn(&ApiContext) + Send + Sync + 'static,
    ) -> Self {
        self.on_renewal = Some(Box::new(callback));
        self
    }

    /// Calls `callback` with every [`Event`] of this client: each exchange with bunq, each
    /// wait for the rate limiter or after a 429, each session renewal or close, each save.
    ///
    /// It runs on the thread whose call the event belongs to, while that call goes on (keep
    /// it short), sometimes while that thread holds the client's session-renewal turn (the
    /// `session-server` exchange, the renewal, the save after it). A call to the same client
    /// from inside it works, unless it needs that turn too (a renewal, a session close): then
    /// it fails at once with [`ErrorKind::InvalidInput`] instead of waiting for its own
    /// thread. A panic in it is caught and ignored. The events also go to the `log` facade
    /// (target `bunq`) whether a callback is set or not.
    pub fn on_event(mut self, callback: impl Fn(&Event) + Send + Sync + 'static) -> Self {
        self.on_event = Some(Arc::new(callback));
        self
    }

    /// Sends every request of this client to `base_url` (a test server, a proxy) instead of
    /// the context's own. For this client only: the context, its saves and
    /// [`Client::context`] keep the context's base URL. (To change the context itself, use
    /// [`ApiContext::set_base_url`].)
    pub fn base_url(mut self, base_url: impl Into<String>) -> Self {
        self.base_url = Some(base_url.into());
        self
    }

    /// The client. Fails on a rate limit of zero calls, a proxy it cannot use, or a
    /// [`save_to`](Self::save_to) path no file can have (one with a NUL).
    pub fn build(self) -> Result<Client> {
        if let Some(limits) = &self.config.rate_limits {
            limits.validate()?;
        }
        // Refused now rather than at every auto-save, each failing after a renewal.
        if let Some(path) = &self.save_path {
            if path.as_os_str().as_encoded_bytes().contains(&0) {
                return Err(Error::invalid_input(
                    "save_to contains a NUL character: no file can have that name",
                ));
            }
        }
        let transport = Transport::new(&self.config, self.context.proxy_url())?;
        let limiter = RateLimiter::new(self.config.rate_limits.clone());
        record_session_opening(&limiter, &self.context);
        let redactor = Redactor::new()
            .secret(self.context.api_key.expose())
            .secret(self.context.installation.token.expose())
            .proxy_url(self.context.proxy_url().unwrap_or(""))
            .proxy_setting(&self.config.proxy);
        let base_url = self
            .base_url
            .map(|url| self.context.environment.clone().with_base_url(url));
        Ok(Client {
            limiter,
            transport,
            config: self.config,
            context: RwLock::new(self.context),
            renewal: RenewalGate::default(),
            save_path: self.save_path,
            on_renewal: self.on_renewal,
            base_url,
            redactor,
            last_save_error: Mutex::new(None),
            events: EventSink::new(self.on_event),
        })
    }
}

/// A session opened moments ago (the context was just created, or saved by a process that
/// just renewed) used up the one session-server call of the last 30 s: the limiter learns
/// of it, so that the next renewal keeps its distance instead of meeting a 429.
fn record_session_opening(limiter: &RateLimiter, context: &ApiContext) {
    let Some(session) = &context.session else {
        return;
    };
    let Some(opened) = session.expiry.checked_sub(session.lifetime) else {
        return;
    };
    if session.lifetime.is_zero() {
        return;
    }
    let age = SystemTime::now().duration_since(opened).ok();
    if let Some(at) = age.and_then(|age| Instant::now().checked_sub(age)) {
        limiter.record(Method::Post, "session-server", at);
    }
}
