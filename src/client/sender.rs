//! How one attempt of a client's call goes out: a turn from the rate limiter, then one
//! signed, verified exchange with the current session token.

use std::path::Path;
use std::time::SystemTime;

use crate::config::Config;
use crate::context::{ApiContext, Installation, Session, open_session};
use crate::environment::Environment;
use crate::error::{Error, Result};
use crate::event::{ContextSave, Event, EventSink, ResendReason, RetryBackoff, SendAttempt};
use crate::exchange::{self, Link};
use crate::rate_limit::RateLimiter;
use crate::redaction::Redactor;
use crate::request::{Method, Request};
use crate::response::Response;
use crate::retry::{self, Budget};
use crate::secret::Secret;
use crate::transport::{Transport, TransportStats};

use super::shared_context::SharedContext;

/// What a client sends with: its configuration, connections, rate limiter, the secrets to
/// keep out of errors, where its events go and where its requests go.
#[derive(Debug)]
pub(super) struct Sender {
    config: Config,
    transport: Transport,
    limiter: RateLimiter,
    /// Where requests go for this client only, instead of the context's own base URL.
    base_url: Option<Environment>,
    /// The secrets of the context and configuration, kept out of every error.
    redactor: Redactor,
    events: EventSink,
}

/// One attempt at a request, as [`Client::send`](super::Client::send) sees it.
pub(super) enum Attempt {
    /// Sent (or failed on the way) with this session token.
    Sent(Option<String>, Result<Response>),
    /// The session ran out while the call waited for the rate limiter: not sent.
    SessionExpired,
}

impl Sender {
    pub(super) fn new(
        config: Config,
        transport: Transport,
        limiter: RateLimiter,
        base_url: Option<Environment>,
        redactor: Redactor,
        events: EventSink,
    ) -> Sender {
        Sender {
            config,
            transport,
            limiter,
            base_url,
            redactor,
            events,
        }
    }

    pub(super) fn config(&self) -> &Config {
        &self.config
    }

    pub(super) fn events(&self) -> &EventSink {
        &self.events
    }

    pub(super) fn transport_stats(&self) -> TransportStats {
        self.transport.stats()
    }

    /// Whether `context` has a session with more than its margin left.
    pub(super) fn has_active_session(&self, context: &ApiContext) -> bool {
        context.session().is_some_and(|session| {
            session.is_active(self.config.session_margin(), SystemTime::now())
        })
    }

    /// One attempt: waits for the limiter (within the budget), then sends with the current
    /// session token, returned so that a renewal replaces exactly that one. With
    /// `needs_active_session`, a session that ran out during the wait is not used.
    pub(super) fn send_once(
        &self,
        context: &SharedContext,
        request: &Request,
        budget: &Budget<'_>,
        needs_active_session: bool,
        attempt: SendAttempt,
    ) -> Result<Attempt> {
        let slot = self
            .limiter
            .acquire(request.method(), request.path(), budget, &self.events)?;
        // Copy what the call needs (cheap: the keys are shared) so that no lock is held
        // while waiting for bunq.
        let (environment, token, installation) = {
            let context = context.read();
            if needs_active_session && !self.has_active_session(&context) {
                drop(context);
                self.limiter.release(slot, false);
                return Ok(Attempt::SessionExpired);
            }
            (
                self.environment_of(&context),
                context.session().map(|session| session.token().to_owned()),
                context.installation().clone(),
            )
        };
        let credentials = installation.credentials_with(token.as_deref());
        let result = exchange::send_attempt(self.link(&environment), request, credentials, attempt);
        self.limiter.release(slot, true);
        Ok(Attempt::Sent(token, result))
    }

    /// Opens a session for `installation` and `api_key`: every attempt, retries after a 429
    /// included, keeps to the one-per-30-s limit of `session-server`, within `budget`.
    pub(super) fn open_session(
        &self,
        environment: &Environment,
        installation: &Installation,
        api_key: &Secret,
        budget: &mut Budget<'_>,
    ) -> Result<Session> {
        let link = self.link(environment);
        let mut attempt = SendAttempt::FIRST;
        loop {
            let slot =
                self.limiter
                    .acquire(Method::Post, "session-server", budget, &self.events)?;
            let opened = open_session(link, installation, api_key, attempt);
            self.limiter.release(slot, true);
            match opened {
                Err(error) if retry::is_too_many_requests(&error) => {
                    if !self.back_off(budget, attempt) {
                        return Err(error);
                    }
                    attempt = attempt.next(ResendReason::TooManyRequests);
                }
                other => return other,
            }
        }
    }

    /// After a 429: waits the backoff (reporting it) and returns true, or false when the
    /// budget is spent.
    pub(super) fn back_off(&self, budget: &mut Budget<'_>, attempt: SendAttempt) -> bool {
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

    /// Tells the rate limiter that a session was opened at `opened` (a saved context's, or
    /// one opened moments ago), so that the next renewal keeps its distance.
    pub(super) fn record_session_opening(&self, opened: std::time::Instant) {
        self.limiter.record(Method::Post, "session-server", opened);
    }

    /// Reports a save of the context to `path` (and its failure, if it failed).
    pub(super) fn report_save(&self, path: &Path, error: Option<&Error>) {
        self.events.report(|| {
            Event::ContextSave(ContextSave {
                path: path.to_path_buf(),
                error: error.map(ToString::to_string),
            })
        });
    }

    /// Where requests go: the base URL given for this client, else the context's.
    pub(super) fn environment_of(&self, context: &ApiContext) -> Environment {
        self.base_url
            .clone()
            .unwrap_or_else(|| context.environment().clone())
    }

    fn link<'a>(&'a self, environment: &'a Environment) -> Link<'a> {
        Link {
            transport: &self.transport,
            config: &self.config,
            environment,
            redactor: &self.redactor,
            events: &self.events,
        }
    }
}
