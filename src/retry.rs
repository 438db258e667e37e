//! When a refused or failed call is sent again, and how long a call may wait in all.
//!
//! - 429 Too Many Requests: bunq did not process the request, so any method is resent after
//!   a backoff (0.5 s, 1 s, 2 s, ... at most 8 s apart), bounded by attempts and by total
//!   time. The default total, 40 s, outlasts bunq's 30-second `session-server` window.
//! - A connection that failed after the request may have been sent (reset, truncated
//!   answer): the request's fate is unknown. Only `GET`, which changes nothing, is resent,
//!   once. A `POST` could create a second payment and is never resent. An answer refused for
//!   its size is not a failed connection: it would be as big again.
//! - Timeouts are never resent: a call ends within its configured time.
//!
//! One [`Budget`] covers a whole call, whatever happens inside it: 429s of the call and of a
//! session renewal it needs, waits for the rate limiter and for another thread's renewal all
//! draw on the same `max_total_wait` and the same `max_attempts`.

use std::thread;
use std::time::{Duration, Instant};

use crate::error::{Error, ErrorKind};

/// How 429 answers are retried, and the time budget of each call.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RetryPolicy {
    /// The most attempts in all, the first one included (1 = never retry), counting the
    /// 429s of the call and of any session renewal it needs together.
    pub max_attempts: u32,
    /// The first backoff; each next one doubles.
    pub initial_backoff: Duration,
    /// The longest single backoff.
    pub max_backoff: Duration,
    /// The call's budget: every wait of one call (429 backoffs, the rate limiter, another
    /// thread's session renewal) ends within this time of the call's start; a wait that
    /// would not is not started, and the call fails with
    /// [`ErrorKind::RateLimited`](crate::ErrorKind::RateLimited).
    pub max_total_wait: Duration,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy {
            max_attempts: 10,
            initial_backoff: Duration::from_millis(500),
            max_backoff: Duration::from_secs(8),
            max_total_wait: Duration::from_secs(40),
        }
    }
}

impl RetryPolicy {
    /// Never retry.
    pub fn never() -> RetryPolicy {
        RetryPolicy {
            max_attempts: 1,
            ..RetryPolicy::default()
        }
    }

    /// The wait before attempt `attempt + 1` (attempts counted from 1), or `None` when the
    /// budget is spent.
    pub(crate) fn backoff(&self, attempt: u32, waited: Duration) -> Option<Duration> {
        if attempt >= self.max_attempts {
            return None;
        }
        let doubling = self
            .initial_backoff
            .saturating_mul(1 << (attempt - 1).min(16));
        let wait = doubling.min(self.max_backoff);
        let remaining = self.max_total_wait.checked_sub(waited)?;
        if remaining.is_zero() {
            return None;
        }
        Some(wait.min(remaining))
    }
}

/// The time and the attempts one call has left. Made when the call starts; every wait inside
/// it (429 backoffs, the rate limiter, another thread's session renewal) ends by its
/// deadline, and every 429 resend counts against `max_attempts`.
#[derive(Debug)]
pub(crate) struct Budget<'a> {
    policy: &'a RetryPolicy,
    started: Instant,
    attempts: u32,
}

impl<'a> Budget<'a> {
    /// A budget starting now.
    pub(crate) fn start(policy: &'a RetryPolicy) -> Budget<'a> {
        Budget {
            policy,
            started: Instant::now(),
            attempts: 1,
        }
    }

    /// When the call must stop waiting.
    pub(crate) fn deadline(&self) -> Instant {
        self.started
            .checked_add(self.policy.max_total_wait)
            .unwrap_or_else(|| self.started + Duration::from_secs(365 * 24 * 3600))
    }

    /// After a 429: sleeps the backoff and returns how long, or returns `None` when the
    /// attempts or the time are spent (the 429 then goes to the caller).
    pub(crate) fn wait_after_rate_limit(&mut self) -> Option<Duration> {
        let wait = self.policy.backoff(self.attempts, self.started.elapsed())?;
        thread::sleep(wait);
        self.attempts += 1;
        Some(wait)
    }

    /// The error for a wait that would outlast the budget: `what` would take `wait` more
    /// (`None`: a wait of unknown length, which did not end by the deadline).
    pub(crate) fn exceeded(&self, what: &str, wait: Option<Duration>) -> Error {
        let outlasts = match wait {
            Some(wait) => format!("would take {:.1} s more, beyond", wait.as_secs_f64()),
            None => "did not end within".to_owned(),
        };
        Error::new(
            ErrorKind::RateLimited,
            format!(
                "{what} {outlasts} this call's time budget of {:.1} s \
                 (RetryPolicy::max_total_wait)",
                self.policy.max_total_wait.as_secs_f64()
            ),
        )
    }
}

/// A 429 from bunq (not a budget the client ran out of): worth a backoff and a resend.
pub(crate) fn is_too_many_requests(error: &Error) -> bool {
    error.kind() == ErrorKind::RateLimited && error.status() == Some(429)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_doubles_up_to_the_cap_and_stops_at_the_budget() {
        let policy = RetryPolicy::default();
        assert_eq!(
            policy.backoff(1, Duration::ZERO),
            Some(Duration::from_millis(500))
        );
        assert_eq!(
            policy.backoff(2, Duration::ZERO),
            Some(Duration::from_secs(1))
        );
        assert_eq!(
            policy.backoff(6, Duration::ZERO),
            Some(Duration::from_secs(8))
        );
        assert_eq!(
            policy.backoff(3, Duration::from_secs(39)),
            Some(Duration::from_secs(1))
        );
        assert_eq!(policy.backoff(3, Duration::from_secs(40)), None);
        assert_eq!(policy.backoff(10, Duration::ZERO), None);
        assert_eq!(RetryPolicy::never().backoff(1, Duration::ZERO), None);
    }

    #[test]
    fn a_budget_counts_attempts_and_time_for_the_whole_call() {
        let policy = RetryPolicy {
            max_attempts: 3,
            initial_backoff: Duration::from_millis(1),
            ..RetryPolicy::default()
        };
        let mut budget = Budget::start(&policy);
        assert!(budget.wait_after_rate_limit().is_some());
        assert!(budget.wait_after_rate_limit().is_some());
        assert!(
            budget.wait_after_rate_limit().is_none(),
            "three attempts in all"
        );
        let spent = RetryPolicy {
            max_total_wait: Duration::ZERO,
            ..RetryPolicy::default()
        };
        assert!(Budget::start(&spent).wait_after_rate_limit().is_none());
        assert!(Budget::start(&spent).deadline() <= Instant::now());
    }

    #[test]
    fn a_budget_error_says_what_outlasted_it() {
        let policy = RetryPolicy {
            max_total_wait: Duration::from_secs(5),
            ..RetryPolicy::default()
        };
        let budget = Budget::start(&policy);
        let limiter = budget.exceeded("waiting for the rate limiter", Some(Duration::from_secs(2)));
        assert_eq!(
            limiter.to_string(),
            "waiting for the rate limiter would take 2.0 s more, beyond this \
             call's time budget of 5.0 s (RetryPolicy::max_total_wait)"
        );
        let renewal = budget.exceeded("waiting for another thread's session renewal", None);
        assert_eq!(
            renewal.to_string(),
            "waiting for another thread's session renewal did not end within \
             this call's time budget of 5.0 s (RetryPolicy::max_total_wait)"
        );
    }
}
