//! Where the session is renewed.
//!
//! A session counts as active while more than a margin of its lifetime remains (the rules
//! are the context's: `context/session.rs`). Before a call, a session that is missing or
//! inside its margin is renewed; a 401 renews it once more. Renewal is single-flight:
//! however many threads find the session expired at once, one `session-server` call is made
//! and all of them use its token; closing the session takes the same turn. Every attempt,
//! retries after a 429 included, waits for the rate limiter's one-per-30-s slot, within the
//! budget of the call that needs the session.
//!
//! Each change of the session (renewal or close) is saved when the client has a place to
//! save, then handed to the session callback, outside the client's locks. A failed save is
//! kept for [`Client::last_save_error`](super::Client::last_save_error), a panicking callback
//! for [`Client::last_session_callback_error`](super::Client::last_session_callback_error);
//! neither fails the call that changed the session.

use std::panic::{self, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use crate::context::ApiContext;
use crate::error::{Error, Result, panic_message};
use crate::event::{Event, RenewalReason, SendAttempt, SessionClosed, SessionRenewal};
use crate::request::{Method, Request};
use crate::retry::Budget;

use super::renewal_gate::{GateHeld, NoTurn, RenewalGate};
use super::sender::{Attempt, Sender};
use super::shared_context::SharedContext;

/// Called with a snapshot of the context after every change of the session (a renewal or a
/// close), to store it elsewhere.
pub type SessionCallback = Box<dyn Fn(&ApiContext) + Send + Sync>;

/// Keeps a client's session alive: the gate, and where each change of the session goes.
pub(super) struct Renewal {
    gate: RenewalGate,
    save_path: Option<PathBuf>,
    on_change: Option<SessionCallback>,
    /// Why saving the latest change of the session failed, if it did.
    last_save_error: Mutex<Option<String>>,
    /// Why the session callback failed (panicked) on the latest change, if it did.
    last_callback_error: Mutex<Option<String>>,
}

impl std::fmt::Debug for Renewal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Renewal")
            .field("save_path", &self.save_path)
            .field("on_change", &self.on_change.is_some())
            .finish_non_exhaustive()
    }
}

impl Renewal {
    pub(super) fn new(save_path: Option<PathBuf>, on_change: Option<SessionCallback>) -> Renewal {
        Renewal {
            gate: RenewalGate::default(),
            save_path,
            on_change,
            last_save_error: Mutex::new(None),
            last_callback_error: Mutex::new(None),
        }
    }

    pub(super) fn save_path(&self) -> Option<&Path> {
        self.save_path.as_deref()
    }

    pub(super) fn last_save_error(&self) -> Option<String> {
        lock(&self.last_save_error).clone()
    }

    pub(super) fn last_callback_error(&self) -> Option<String> {
        lock(&self.last_callback_error).clone()
    }

    /// Opens a new session if the current one is missing or inside its margin. Returns
    /// whether a new session was opened (by this call or a concurrent one).
    pub(super) fn ensure(
        &self,
        sender: &Sender,
        context: &SharedContext,
        budget: &mut Budget<'_>,
    ) -> Result<bool> {
        // The check and the token it condemns are read under one lock: a token read later
        // could already be a concurrent renewal's, which would then be renewed again.
        let stale = {
            let context = context.read();
            if sender.has_active_session(&context) {
                return Ok(false);
            }
            context.session().map(|session| session.token().to_owned())
        };
        let reason = match stale {
            Some(_) => RenewalReason::Expiring,
            None => RenewalReason::NoSession,
        };
        self.replace(sender, context, stale.as_deref(), reason, budget)?;
        Ok(true)
    }

    /// Replaces the session whose token is `stale` (`None`: no session) with a new one,
    /// unless another thread already did while this one waited its turn.
    pub(super) fn replace(
        &self,
        sender: &Sender,
        context: &SharedContext,
        stale: Option<&str>,
        reason: RenewalReason,
        budget: &mut Budget<'_>,
    ) -> Result<()> {
        let held = self.enter_gate(budget)?;
        let (installation, api_key, environment) = {
            let context = context.read();
            if context.session().map(|session| session.token()) != stale {
                return Ok(());
            }
            (
                context.installation().clone(),
                context.api_key_secret().clone(),
                sender.environment_of(&context),
            )
        };
        let session = sender.open_session(&environment, &installation, &api_key, budget)?;
        let new_expiry = session.expiry();
        let (snapshot, old_expiry) = context.replace_session(Some(session));
        sender.events().report(|| {
            Event::SessionRenewal(SessionRenewal {
                reason,
                old_expiry,
                new_expiry,
            })
        });
        self.persist(sender, snapshot, held);
        Ok(())
    }

    /// Ends the session at bunq (`DELETE session/0`) and forgets it. A renewal in progress on
    /// another thread finishes first, and it is that new session which is closed.
    pub(super) fn close(&self, sender: &Sender, context: &SharedContext) -> Result<()> {
        let budget = Budget::start(sender.config().retry());
        let held = self.enter_gate(&budget)?;
        if context.read().session().is_none() {
            return Ok(());
        }
        let attempt = sender.send_once(
            context,
            &Request::new(Method::Delete, "session/0"),
            &budget,
            false,
            SendAttempt::FIRST,
        )?;
        // A session bunq already forgot (401) is closed all the same.
        if let Attempt::Sent(_, Err(error)) = attempt {
            if error.status() != Some(401) {
                return Err(error);
            }
        }
        let (snapshot, old_expiry) = context.replace_session(None);
        sender
            .events()
            .report(|| Event::SessionClosed(SessionClosed { old_expiry }));
        self.persist(sender, snapshot, held);
        Ok(())
    }

    fn enter_gate(&self, budget: &Budget<'_>) -> Result<GateHeld<'_>> {
        self.gate
            .enter(budget.deadline())
            .map_err(|refused| match refused {
                NoTurn::Deadline => {
                    budget.exceeded("waiting for another thread's session renewal", None)
                }
                NoTurn::HeldByThisThread => Error::invalid_input(
                    "this call needs the client's session-renewal turn, which the same thread \
                     holds: it was made from inside an event callback while this client \
                     renews or closes its session; make it after the callback returns",
                ),
            })
    }

    /// Saves a changed context (still holding the gate, so that saves happen in the order of
    /// the changes), lets the gate go, then tells the callback. Neither failure fails the
    /// call that changed the session: each is kept for its accessor.
    fn persist(&self, sender: &Sender, snapshot: ApiContext, held: GateHeld<'_>) {
        let saved = self.save_path.as_ref().and_then(|path| {
            let error = snapshot.save(path).err();
            sender.report_save(path, error.as_ref());
            error.map(|error| error.to_string())
        });
        *lock(&self.last_save_error) = saved;
        drop(held);
        let called = self.on_change.as_ref().and_then(|callback| {
            panic::catch_unwind(AssertUnwindSafe(|| callback(&snapshot)))
                .err()
                .map(|payload| {
                    format!(
                        "the session callback panicked: {}",
                        panic_message(payload.as_ref())
                    )
                })
        });
        *lock(&self.last_callback_error) = called;
    }
}

fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(|poison| poison.into_inner())
}
