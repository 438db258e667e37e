//! The client: owns an API context and sends any request to any endpoint.
//!
//! A [`Client`] is `Send + Sync`; share it (e.g. in an `Arc`) between threads. Calls proceed
//! concurrently, apart from waiting on the shared rate limiter. It may also be used in a
//! process forked from the one that made it (see [`Client`]). Its parts:
//!
//! - `sender.rs`: one attempt of a call (the rate limiter's turn, one signed exchange);
//! - `renewal.rs`: where the session is renewed (single-flight, through `renewal_gate.rs`),
//!   closed, saved and reported;
//! - `shared_context.rs`: the context the client's threads share;
//! - `builder.rs`: [`ClientBuilder`];
//! - `calls.rs`: calls by name, from bunq's API table ([`crate::api`]);
//! - `pages.rs`, `attachments.rs`, `sandbox_money.rs`: page walks, attachments and the
//!   sandbox's money, made of ordinary calls.

use std::fmt;
use std::path::Path;

use crate::config::Config;
use crate::context::ApiContext;
use crate::error::{Error, ErrorKind, Result};
use crate::event::{EventCallback, RenewalReason, ResendReason, SendAttempt};
use crate::request::{Method, Request};
use crate::response::Response;
use crate::retry::{self, Budget};
use crate::transport::TransportStats;

mod attachments;
mod builder;
mod calls;
mod pages;
mod renewal;
mod renewal_gate;
mod sandbox_money;
mod sender;
mod shared_context;

pub use builder::ClientBuilder;
pub use calls::Objects;
pub use pages::Pages;
use renewal::Renewal;
pub use renewal::SessionCallback;
use sender::{Attempt, Sender};
use shared_context::SharedContext;

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
    /// How each attempt goes out.
    sender: Sender,
    /// The context, its session replaced by renewals.
    context: SharedContext,
    /// Keeps the session alive, saves and reports its changes.
    renewal: Renewal,
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Client")
            .field("context", &*self.context.read())
            .field("config", self.sender.config())
            .field("save_path", &self.renewal.save_path())
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
        ClientBuilder::new(context)
    }

    /// The configuration in use.
    pub fn config(&self) -> &Config {
        self.sender.config()
    }

    /// What this client's connections have cost so far: requests sent, connections opened,
    /// TLS handshakes, name lookups, and what the last TLS handshake negotiated. Context
    /// creation and sandbox or OAuth calls use connections of their own, not counted here.
    pub fn transport_stats(&self) -> TransportStats {
        self.sender.transport_stats()
    }

    /// A copy of the context as it is now (with the latest session). Its base URL is the
    /// context's own, even when [`ClientBuilder::base_url`] sends this client elsewhere.
    pub fn context(&self) -> ApiContext {
        self.context.read().clone()
    }

    /// Saves the current context atomically to `path`.
    pub fn save(&self, path: impl AsRef<Path>) -> Result<()> {
        let path = path.as_ref();
        let saved = self.context().save(path);
        self.sender.report_save(path, saved.as_ref().err());
        saved
    }

    /// Replaces the callback that receives this client's events (`None`: none; the `log`
    /// facade still gets them). For a client already in use; a new client takes its callback
    /// from [`ClientBuilder::on_event`].
    pub fn set_event_callback(&self, callback: Option<EventCallback>) {
        self.sender.events().set(callback);
    }

    /// Why saving the context (to [`ClientBuilder::save_to`]) failed after the latest change
    /// of the session, or `None` when it worked (or there was no change yet). Such a failure
    /// never fails the call that renewed the session: the session works, only its saved copy
    /// is stale. Each change of the session replaces the value.
    pub fn last_save_error(&self) -> Option<String> {
        self.renewal.last_save_error()
    }

    /// Why the session callback ([`ClientBuilder::on_session_change`]) failed (it panicked)
    /// after the latest change of the session, or `None` when it returned (or there was no
    /// change yet). Each change of the session replaces the value.
    pub fn last_session_callback_error(&self) -> Option<String> {
        self.renewal.last_callback_error()
    }

    /// The session user's id (opening a session first if there is none).
    pub fn user_id(&self) -> Result<u64> {
        self.ensure_session()?;
        self.context
            .read()
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
        let mut budget = Budget::start(self.sender.config().retry());
        let mut renewed_on_refusal = false;
        let mut attempt = SendAttempt::FIRST;
        loop {
            self.renewal
                .ensure(&self.sender, &self.context, &mut budget)?;
            match self.send_resending_get(request, &budget, &mut attempt)? {
                Attempt::SessionExpired => continue,
                Attempt::Sent(token, Err(error))
                    if is_dead_session(&error) && !renewed_on_refusal =>
                {
                    renewed_on_refusal = true;
                    self.renewal.replace(
                        &self.sender,
                        &self.context,
                        token.as_deref(),
                        RenewalReason::Refused,
                        &mut budget,
                    )?;
                    attempt = attempt.next(ResendReason::SessionRenewal);
                }
                Attempt::Sent(_, Err(error)) if retry::is_too_many_requests(&error) => {
                    if !self.sender.back_off(&mut budget, attempt) {
                        return Err(error);
                    }
                    attempt = attempt.next(ResendReason::TooManyRequests);
                }
                Attempt::Sent(_, result) => return result,
            }
        }
    }

    /// Sends; a `GET` whose connection failed is sent once more (it changes nothing).
    fn send_resending_get(
        &self,
        request: &Request,
        budget: &Budget<'_>,
        attempt: &mut SendAttempt,
    ) -> Result<Attempt> {
        match self
            .sender
            .send_once(&self.context, request, budget, true, *attempt)?
        {
            Attempt::Sent(_, Err(error))
                if error.is_connection_failure() && request.method() == Method::Get =>
            {
                *attempt = attempt.next(ResendReason::ConnectionFailure);
                self.sender
                    .send_once(&self.context, request, budget, true, *attempt)
            }
            sent => Ok(sent),
        }
    }

    /// Every page of the list at `request` (e.g. `Request::get("user/1/payment").query("count",
    /// "200")`), following `older_url` until the oldest page.
    pub fn pages(&self, request: Request) -> Pages<'_> {
        Pages::new(self, request)
    }

    /// Whether the current session is active (more than the margin left).
    pub fn is_session_active(&self) -> bool {
        self.sender.has_active_session(&self.context.read())
    }

    /// Opens a new session if the current one is missing or inside its margin. Returns
    /// whether a new session was opened (by this call or a concurrent one).
    pub fn ensure_session(&self) -> Result<bool> {
        let mut budget = Budget::start(self.sender.config().retry());
        self.renewal
            .ensure(&self.sender, &self.context, &mut budget)
    }

    /// Opens a new session now, whatever the state of the current one.
    pub fn reset_session(&self) -> Result<()> {
        let current = self.context.session_token();
        self.renewal.replace(
            &self.sender,
            &self.context,
            current.as_deref(),
            RenewalReason::Reset,
            &mut Budget::start(self.sender.config().retry()),
        )
    }

    /// Ends the session at bunq (`DELETE session/0`) and forgets it; the next call opens a
    /// new one. The change is saved like a renewal. A renewal in progress on another thread
    /// finishes first, and it is that new session which is closed.
    pub fn close_session(&self) -> Result<()> {
        self.renewal.close(&self.sender, &self.context)
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
