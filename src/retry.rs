//! When a refused or failed call is sent again.
//!
//! - 429 Too Many Requests: bunq did not process the request, so any method is resent after
//!   a backoff (0.5 s, 1 s, 2 s, ... at most 8 s apart), bounded by attempts and by total
//!   time. The default total, 40 s, outlasts bunq's 30-second `session-server` window.
//! - A connection that failed after the request may have been sent (reset, truncated
//!   answer): the request's fate is unknown. Only `GET`, which changes nothing, is resent,
//!   once. A `POST` could create a second payment and is never resent.
//! - Timeouts are never resent: a call ends within its configured time.

use std::thread;
use std::time::Duration;

use crate::error::{ErrorKind, Result};

/// How 429 answers are retried.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RetryPolicy {
    /// The most attempts in all, the first one included (1 = never retry).
    pub max_attempts: u32,
    /// The first backoff; each next one doubles.
    pub initial_backoff: Duration,
    /// The longest single backoff.
    pub max_backoff: Duration,
    /// Once this much time has been spent waiting, the 429 is returned to the caller.
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

/// Calls `call` until it returns anything but a rate-limit error or `policy` gives up, sleeping
/// the backoff in between.
pub(crate) fn on_rate_limit<T>(
    policy: &RetryPolicy,
    mut call: impl FnMut() -> Result<T>,
) -> Result<T> {
    let mut attempt = 1;
    let mut waited = Duration::ZERO;
    loop {
        match call() {
            Err(error) if error.kind() == ErrorKind::RateLimited => {
                let Some(wait) = policy.backoff(attempt, waited) else {
                    return Err(error);
                };
                thread::sleep(wait);
                waited += wait;
                attempt += 1;
            }
            other => return other,
        }
    }
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
}
