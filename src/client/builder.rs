//! [`ClientBuilder`]: how a client is configured and put together.

use std::fmt;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Instant, SystemTime};

use crate::config::Config;
use crate::context::ApiContext;
use crate::error::{Error, Result};
use crate::event::{Event, EventCallback, EventSink};
use crate::rate_limit::RateLimiter;
use crate::redaction::Redactor;
use crate::transport::Transport;

use super::Client;
use super::renewal::{Renewal, SessionCallback};
use super::sender::Sender;
use super::shared_context::SharedContext;

/// Configures a [`Client`]. Obtain one with [`Client::builder`].
pub struct ClientBuilder {
    context: ApiContext,
    config: Config,
    save_path: Option<PathBuf>,
    on_session_change: Option<SessionCallback>,
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
    pub(super) fn new(context: ApiContext) -> ClientBuilder {
        ClientBuilder {
            context,
            config: Config::default(),
            save_path: None,
            on_session_change: None,
            base_url: None,
            on_event: None,
        }
    }

    /// Timeouts, proxy, headers, rate limits, retries.
    pub fn config(mut self, config: Config) -> Self {
        self.config = config;
        self
    }

    /// Saves the context atomically to `path` after every change of the session (renewal
    /// or close), so a restarted process reuses the session instead of opening another. A
    /// failed save does not fail the call that renewed: see [`Client::last_save_error`].
    pub fn save_to(mut self, path: impl Into<PathBuf>) -> Self {
        self.save_path = Some(path.into());
        self
    }

    /// Calls `callback` with the context after every change of the session: a renewal or a
    /// close.
    ///
    /// It runs on the thread whose call changed the session, after the change is complete
    /// and saved, and outside every lock of the client: it may call the client. A panic in it
    /// is caught and reported through [`Client::last_session_callback_error`]; the call goes
    /// on.
    pub fn on_session_change(
        mut self,
        callback: impl Fn(&ApiContext) + Send + Sync + 'static,
    ) -> Self {
        self.on_session_change = Some(Box::new(callback));
        self
    }

    /// Calls `callback` with every [`Event`] of this client: each exchange with bunq, each
    /// wait for the rate limiter or after a 429, each session renewal or close, each save.
    ///
    /// It runs on the thread whose call the event belongs to, while that call goes on (keep
    /// it short), sometimes while that thread holds the client's session-renewal turn (the
    /// `session-server` exchange, the renewal, the save after it). A call to the same client
    /// from inside it works, unless it needs that turn too (a renewal, a session close): then
    /// it fails at once with [`ErrorKind::InvalidInput`](crate::ErrorKind) instead of waiting
    /// for its own thread. A panic in it is caught and ignored. The events also go to the
    /// `log` facade (target `bunq`) whether a callback is set or not.
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
        if let Some(limits) = self.config.rate_limits() {
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
        let context = self.context;
        let transport = Transport::new(&self.config, context.proxy_url())?;
        let limiter = RateLimiter::new(self.config.rate_limits().cloned());
        let redactor = Redactor::new()
            .secret(context.api_key())
            .secret(context.installation_token())
            .proxy_url(context.proxy_url().unwrap_or(""))
            .proxy_setting(self.config.proxy());
        let base_url = self
            .base_url
            .map(|url| context.environment().clone().with_base_url(url));
        let sender = Sender::new(
            self.config,
            transport,
            limiter,
            base_url,
            redactor,
            EventSink::new(self.on_event),
        );
        if let Some(opened) = session_opened(&context) {
            sender.record_session_opening(opened);
        }
        Ok(Client {
            sender,
            context: SharedContext::new(context),
            renewal: Renewal::new(self.save_path, self.on_session_change),
        })
    }
}

/// When the context's session was opened, if moments ago: a context just created, or saved
/// by a process that just renewed, used up the one session-server call of the last 30 s. The
/// limiter learns of it, so that the next renewal keeps its distance instead of meeting a 429.
fn session_opened(context: &ApiContext) -> Option<Instant> {
    let opened = context.session()?.opened()?;
    let age = SystemTime::now().duration_since(opened).ok()?;
    Instant::now().checked_sub(age)
}
