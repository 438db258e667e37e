//! Where the session is renewed.
//!
//! A session counts as active while more than a margin of its lifetime remains: the
//! configured margin (30 s by default) but at most a tenth of the session's own lifetime, so
//! that a session of a few seconds is not renewed before every call. Renewal is single-flight:
//! however many threads find the session expired at once, one `session-server` call is made
//! and all of them use its token; closing the session takes the same turn. Every attempt,
//! retries after a 429 included, waits for the rate limiter's one-per-30-s slot, within the
//! budget of the call that needs the session. Each renewal is saved (when the client has a
//! place to save) and then reported to the renewal callback, outside the client's locks; a
//! failure of either is kept for [`Client::last_save_error`], never returned to the call.
//!
//! Every number bunq sends is untrusted. A session's lifetime is its user's
//! `session_timeout`, read by [`lifetime_of`]: at most [`MAX_SESSION_LIFETIME`], and a zero or
//! negative value means bunq set none, so the session is used until bunq refuses it.

use std::panic::{self, AssertUnwindSafe};
use std::sync::{Condvar, Mutex};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use serde_json::Value;

use crate::client::{Attempt, Client};
use crate::context::{ApiContext, Session};
use crate::error::Result;
use crate::event::{
    Event, RenewalReason, ResendReason, SendAttempt, SessionClosed, SessionRenewal,
};
use crate::handshake;
use crate::request::{Method, Request};
use crate::retry::{self, Budget};

/// The longest a session is taken to live: 30 days. bunq's sessions last minutes to days; a
/// larger `session_timeout` is read as this, so that no expiry arithmetic overflows and a
/// saved expiry is always a date the official SDKs read back.
pub(crate) const MAX_SESSION_LIFETIME: Duration = Duration::from_secs(30 * 24 * 3600);

/// The lifetime a `session_timeout` value gives: a positive number of seconds (a fraction
/// rounds up to a whole second), at most [`MAX_SESSION_LIFETIME`]; zero or negative means
/// bunq set no lifetime, so the session is used until bunq refuses it (401, then renewed),
/// which is taken as [`MAX_SESSION_LIFETIME`]. A number written as a string counts as the
/// number. Anything else is `None`: not a lifetime.
pub(crate) fn lifetime_of(timeout: &Value) -> Option<Duration> {
    let seconds = match timeout {
        Value::Number(number) => number.as_f64()?,
        Value::String(text) => text.trim().parse::<f64>().ok().filter(|n| n.is_finite())?,
        _ => return None,
    };
    if seconds <= 0.0 || seconds >= MAX_SESSION_LIFETIME.as_secs_f64() {
        return Some(MAX_SESSION_LIFETIME);
    }
    Some(Duration::from_secs(seconds.ceil() as u64))
}

/// `expiry` brought into what a saved context can hold: not before 1970 (such a session is
/// long expired anyway) and not later than [`MAX_SESSION_LIFETIME`] from `now`.
pub(crate) fn clamp_expiry(expiry: SystemTime, now: SystemTime) -> SystemTime {
    let latest = now + MAX_SESSION_LIFETIME;
    expiry.clamp(UNIX_EPOCH, latest.max(UNIX_EPOCH))
}

/// The margin for a session of `lifetime`: `configured`, capped at a tenth of the lifetime.
/// An unknown lifetime (zero) leaves the configured margin.
pub(crate) fn margin_for(configured: Duration, lifetime: Duration) -> Duration {
    if lifetime.is_zero() {
        configured
    } else {
        configured.min(lifetime / 10)
    }
}

/// Whether `session` has more than its margin left at `now`.
pub(crate) fn is_active(session: &Session, configured_margin: Duration, now: SystemTime) -> bool {
    let margin = margin_for(configured_margin, session.lifetime);
    match session.expiry.duration_since(now) {
        Ok(remaining) => remaining > margin,
        Err(_) => false,
    }
}

/// Lets one thread at a time open or close the session; the others wait (within their
/// call's budget) and then find the new session in place. Unlike a plain mutex, a wait here
/// ends at a deadline.
#[derive(Debug, Default)]
pub(crate) struct RenewalGate {
    busy: Mutex<bool>,
    free: Condvar,
}

/// The gate, held; dropping it lets the next thread in.
pub(crate) struct GateHeld<'a>(&'a RenewalGate);

impl RenewalGate {
    /// Waits until no other thread holds the gate and takes it; `None` once `deadline`
    /// passes first.
    fn enter(&self, deadline: Instant) -> Option<GateHeld<'_>> {
        let mut busy = self
            .busy
            .lock()
            .unwrap_or_else(|poison| poison.into_inner());
        while *busy {
            let left = deadline.checked_duration_since(Instant::now())?;
            busy = self
                .free
                .wait_timeout(busy, left)
                .unwrap_or_else(|poison| poison.into_inner())
                .0;
        }
        *busy = true;
        Some(GateHeld(self))
    }
}

impl Drop for GateHeld<'_> {
    fn drop(&mut self) {
        *self
            .0
            .busy
            .lock()
            .unwrap_or_else(|poison| poison.into_inner()) = false;
        self.0.free.notify_all();
    }
}

impl Client {
    /// Whether the current session is active (more than the margin left).
    pub fn is_session_active(&self) -> bool {
        self.has_active_session(&self.read_context())
    }

    pub(crate) fn has_active_session(&self, context: &ApiContext) -> bool {
        context.session.as_ref().is_some_and(|session| {
            is_active(session, self.config.session_margin, SystemTime::now())
        })
    }

    /// Opens a new session if the current one is missing or inside its margin. Returns
    /// whether a new session was opened (by this call or a concurrent one).
    pub fn ensure_session(&self) -> Result<bool> {
        self.ensure_session_within(&mut Budget::start(&self.config.retry))
    }

    /// [`ensure_session`](Self::ensure_session) within a call's budget.
    pub(crate) fn ensure_session_within(&self, budget: &mut Budget<'_>) -> Result<bool> {
        // The check and the token it condemns are read under one lock: a token read later
        // could already be a concurrent renewal's, which would then be renewed again.
        let stale = {
            let context = self.read_context();
            if self.has_active_session(&context) {
                return Ok(false);
            }
            context.session_token().map(str::to_owned)
        };
        let reason = match stale {
            Some(_) => RenewalReason::Expiring,
            None => RenewalReason::NoSession,
        };
        self.renew_session_replacing(stale.as_deref(), reason, budget)?;
        Ok(true)
    }

    /// Opens a new session now, whatever the state of the current one.
    pub fn reset_session(&self) -> Result<()> {
        let current = self.read_context().session_token().map(str::to_owned);
        self.renew_session_replacing(
            current.as_deref(),
            RenewalReason::Reset,
            &mut Budget::start(&self.config.retry),
        )
    }

    /// Ends the session at bunq (`DELETE session/0`) and forgets it; the next call opens a
    /// new one. The change is saved like a renewal. A renewal in progress on another thread
    /// finishes first, and it is that new session which is closed.
    pub fn close_session(&self) -> Result<()> {
        let budget = Budget::start(&self.config.retry);
        let held = self.enter_gate(&budget)?;
        if self.read_context().session.is_none() {
            return Ok(());
        }
        let attempt = self.send_once(
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
        let (snapshot, old_expiry) = {
            let mut context = self.write_context();
            let old_expiry = context.session.take().map(|session| session.expiry);
            (context.clone(), old_expiry)
        };
        self.events
            .report(|| Event::SessionClosed(SessionClosed { old_expiry }));
        self.persist(snapshot, held);
        Ok(())
    }

    /// Replaces the session whose token is `stale` (`None`: no session) with a new one,
    /// unless another thread already did while this one waited its turn.
    pub(crate) fn renew_session_replacing(
        &self,
        stale: Option<&str>,
        reason: RenewalReason,
        budget: &mut Budget<'_>,
    ) -> Result<()> {
        let held = self.enter_gate(budget)?;
        let (installation, api_key, environment) = {
            let context = self.read_context();
            if context.session_token() != stale {
                return Ok(());
            }
            (
                context.installation.clone(),
                context.api_key.clone(),
                self.environment_of(&context),
            )
        };
        let endpoint = self.endpoint(&environment);
        let mut attempt = SendAttempt::FIRST;
        let session = loop {
            // Every attempt, retries included, keeps to the one-per-30-s limit.
            let slot =
                self.limiter
                    .acquire(Method::Post, "session-server", budget, &self.events)?;
            let opened = handshake::open_session(endpoint, &installation, &api_key, attempt);
            self.limiter.release(slot, true);
            match opened {
                Err(error) if retry::is_too_many_requests(&error) => {
                    if !self.back_off(budget, attempt) {
                        return Err(error);
                    }
                    attempt = attempt.next(ResendReason::TooManyRequests);
                }
                other => break other?,
            }
        };
        let new_expiry = session.expiry;
        let (snapshot, old_expiry) = {
            let mut context = self.write_context();
            let old = context.session.replace(session);
            (context.clone(), old.map(|session| session.expiry))
        };
        self.events.report(|| {
            Event::SessionRenewal(SessionRenewal {
                reason,
                old_expiry,
                new_expiry,
            })
        });
        self.persist(snapshot, held);
        Ok(())
    }

    fn enter_gate(&self, budget: &Budget<'_>) -> Result<GateHeld<'_>> {
        self.renewal
            .enter(budget.deadline())
            .ok_or_else(|| budget.exceeded("waiting for another thread's session renewal", None))
    }

    /// Saves a changed context (still holding the gate, so that saves happen in the order of
    /// the changes), lets the gate go, then tells the callback. Neither failure fails the
    /// call that changed the session: it is kept for [`Client::last_save_error`].
    fn persist(&self, snapshot: ApiContext, held: GateHeld<'_>) {
        let saved = self.save_path.as_ref().and_then(|path| {
            let error = snapshot.save(path).err();
            self.report_save(path, error.as_ref());
            error.map(|error| error.to_string())
        });
        drop(held);
        let called = self.on_renewal.as_ref().and_then(|callback| {
            panic::catch_unwind(AssertUnwindSafe(|| callback(&snapshot)))
                .err()
                .map(|payload| {
                    format!(
                        "the session renewal callback panicked: {}",
                        panic_text(payload.as_ref())
                    )
                })
        });
        let outcome = match (saved, called) {
            (Some(saved), Some(called)) => Some(format!("{saved}; {called}")),
            (saved, called) => saved.or(called),
        };
        *self
            .last_save_error
            .lock()
            .unwrap_or_else(|poison| poison.into_inner()) = outcome;
    }
}

fn panic_text(payload: &(dyn std::any::Any + Send)) -> &str {
    payload
        .downcast_ref::<&str>()
        .copied()
        .or_else(|| payload.downcast_ref::<String>().map(String::as_str))
        .unwrap_or("no message")
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn session_timeouts_are_read_within_sane_bounds() {
        let max = Some(MAX_SESSION_LIFETIME);
        assert_eq!(lifetime_of(&json!(3600)), Some(Duration::from_secs(3600)));
        assert_eq!(lifetime_of(&json!("600")), Some(Duration::from_secs(600)));
        assert_eq!(lifetime_of(&json!(0.2)), Some(Duration::from_secs(1)));
        assert_eq!(lifetime_of(&json!(u64::MAX)), max);
        assert_eq!(lifetime_of(&json!(1e300)), max);
        assert_eq!(lifetime_of(&json!(0)), max);
        assert_eq!(lifetime_of(&json!(-5)), max);
        assert_eq!(lifetime_of(&json!("soon")), None);
        assert_eq!(lifetime_of(&json!(null)), None);
        let now = SystemTime::now();
        assert_eq!(
            clamp_expiry(now + Duration::from_secs(1 << 40), now),
            now + MAX_SESSION_LIFETIME
        );
        assert_eq!(
            clamp_expiry(UNIX_EPOCH - Duration::from_secs(1), now),
            UNIX_EPOCH
        );
    }

    #[test]
    fn the_margin_is_capped_at_a_tenth_of_the_lifetime() {
        let thirty = Duration::from_secs(30);
        assert_eq!(margin_for(thirty, Duration::from_secs(3600)), thirty);
        assert_eq!(
            margin_for(thirty, Duration::from_secs(5)),
            Duration::from_millis(500)
        );
        assert_eq!(margin_for(thirty, Duration::ZERO), thirty);
    }
}
