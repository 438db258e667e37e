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
use std::process;
use std::sync::{Condvar, Mutex, MutexGuard};
use std::thread::{self, ThreadId};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use serde_json::Value;

use crate::client::{Attempt, Client};
use crate::context::{ApiContext, Session};
use crate::error::{Error, Result};
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
///
/// The gate knows which thread of which process holds it. A holder from another process is
/// a thread of the process this one was forked from, which does not exist here: it counts as
/// gone (otherwise a child forked during a renewal would wait for a turn no thread gives
/// back). The holder's own thread asking again (a call made from an event callback during
/// the renewal) is refused at once: it would wait for itself.
#[derive(Debug, Default)]
pub(crate) struct RenewalGate {
    holder: Mutex<Option<Holder>>,
    free: Condvar,
}

/// A thread, and the process it runs in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Holder {
    process: u32,
    thread: ThreadId,
}

impl Holder {
    fn current() -> Holder {
        Holder {
            process: process::id(),
            thread: thread::current().id(),
        }
    }
}

/// Why [`RenewalGate::enter`] gave no turn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum NoTurn {
    /// Another thread held the gate until the deadline.
    Deadline,
    /// The calling thread holds the gate already.
    HeldByThisThread,
}

/// The gate, held; dropping it lets the next thread in.
pub(crate) struct GateHeld<'a> {
    gate: &'a RenewalGate,
    holder: Holder,
}

impl RenewalGate {
    /// Waits until no other thread holds the gate and takes it; refused once `deadline`
    /// passes first, or at once when this thread holds it.
    fn enter(&self, deadline: Instant) -> std::result::Result<GateHeld<'_>, NoTurn> {
        let me = Holder::current();
        let mut holder = self.lock();
        loop {
            match *holder {
                None => break,
                Some(other) if other.process != me.process => break,
                Some(other) if other == me => return Err(NoTurn::HeldByThisThread),
                Some(_) => {}
            }
            let left = deadline
                .checked_duration_since(Instant::now())
                .ok_or(NoTurn::Deadline)?;
            holder = self
                .free
                .wait_timeout(holder, left)
                .unwrap_or_else(|poison| poison.into_inner())
                .0;
        }
        *holder = Some(me);
        Ok(GateHeld {
            gate: self,
            holder: me,
        })
    }

    fn lock(&self) -> MutexGuard<'_, Option<Holder>> {
        self.holder
            .lock()
            .unwrap_or_else(|poison| poison.into_inner())
    }
}

impl Drop for GateHeld<'_> {
    fn drop(&mut self) {
        let mut holder = self.gate.lock();
        // Taken over in a forked child, the gate is no longer this holder's to free.
        if *holder == Some(self.holder) {
            *holder = None;
        }
        drop(holder);
        self.gate.free.notify_all();
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
    fn the_gate_refuses_its_own_holder_at_once_and_forgets_a_holder_from_another_process() {
        let gate = RenewalGate::default();
        let far = Instant::now() + Duration::from_secs(60);
        let held = gate.enter(far).unwrap();
        let asked = Instant::now();
        assert_eq!(gate.enter(far).err(), Some(NoTurn::HeldByThisThread));
        assert!(asked.elapsed() < Duration::from_secs(1));
        thread::scope(|scope| {
            let other = scope.spawn(|| gate.enter(Instant::now()).err());
            assert_eq!(other.join().unwrap(), Some(NoTurn::Deadline));
        });
        drop(held);
        // As a forked child finds it: held by a thread of its parent, which is not here.
        *gate.lock() = Some(Holder {
            process: process::id().wrapping_add(1),
            thread: thread::current().id(),
        });
        let taken = gate
            .enter(Instant::now())
            .expect("a holder from another process is gone");
        assert_eq!(taken.holder, Holder::current());
        drop(taken);
        assert_eq!(*gate.lock(), None);
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
