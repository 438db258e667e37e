//! The client-side rate limiter: stays within bunq's limits so that 429s are the exception.
//!
//! bunq allows, per IP and per endpoint, 3 GET, 5 POST and 2 PUT calls in any 3 seconds, and
//! one `session-server` call per 30 seconds. The limiter keeps a sliding window per method and
//! endpoint path. A caller reserves the earliest moment its call fits, first come first
//! served, and sleeps until then; a moment beyond the call's time budget is refused at once
//! (the call fails with a rate-limit error instead of waiting past its deadline). All
//! threads of a client share one limiter.
//!
//! A call counts from the moment it is sent until its answer is in: the limiter then moves
//! its mark to that moment, the latest bunq can have counted it at. Windows of endpoints not
//! called for a whole window are forgotten, so the limiter stays small in a process that
//! calls endless `user/<id>/...` paths.

use std::collections::{HashMap, VecDeque};
use std::sync::Mutex;
use std::thread;
use std::time::{Duration, Instant};

use crate::error::{Error, Result, excerpt};
use crate::event::{Event, EventSink, RateLimitWait};
use crate::request::Method;
use crate::retry::Budget;

/// How many calls fit in a window, per method, per endpoint.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RateLimits {
    /// GET calls per window (bunq: 3).
    pub get: u32,
    /// POST calls per window (bunq: 5).
    pub post: u32,
    /// PUT calls per window (bunq: 2).
    pub put: u32,
    /// DELETE calls per window (bunq documents none; 2 by default, like PUT).
    pub delete: u32,
    /// The window (bunq: 3 s). A margin of 0.3 s is added: bunq counts arrivals on its own
    /// clock, and a request delayed on the way must not land inside the previous window.
    pub window: Duration,
    /// The window for `session-server`, which allows one call (bunq: 30 s).
    pub session_server_window: Duration,
}

impl Default for RateLimits {
    fn default() -> Self {
        RateLimits {
            get: 3,
            post: 5,
            put: 2,
            delete: 2,
            window: Duration::from_millis(3_300),
            session_server_window: Duration::from_secs(30),
        }
    }
}

impl RateLimits {
    fn limit_for(&self, method: Method, endpoint: &str) -> (u32, Duration) {
        if method == Method::Post && endpoint == SESSION_SERVER {
            return (1, self.session_server_window);
        }
        let calls = match method {
            Method::Get => self.get,
            Method::Post => self.post,
            Method::Put => self.put,
            Method::Delete => self.delete,
        };
        (calls, self.window)
    }

    /// Refuses a limit of zero calls, which would block every call of that method forever.
    pub(crate) fn validate(&self) -> Result<()> {
        for (name, calls) in [
            ("get", self.get),
            ("post", self.post),
            ("put", self.put),
            ("delete", self.delete),
        ] {
            if calls == 0 {
                return Err(Error::invalid_input(format!(
                    "rate_limits.{name} is 0: at least one call per window must be allowed \
                     (switch the limiter off with no rate limits instead)"
                )));
            }
        }
        Ok(())
    }
}

const SESSION_SERVER: &str = "session-server";

type Endpoint = (Method, String);

/// A reserved moment in one endpoint's window: given back with [`RateLimiter::release`].
#[derive(Debug)]
pub(crate) struct Slot {
    endpoint: Endpoint,
    at: Instant,
}

/// A sliding-window limiter shared by all threads of a client.
#[derive(Debug)]
pub(crate) struct RateLimiter {
    limits: Option<RateLimits>,
    /// The moments reserved per endpoint, sorted, some of them in the future.
    recent: Mutex<HashMap<Endpoint, VecDeque<Instant>>>,
}

impl RateLimiter {
    /// `None` switches limiting off.
    pub(crate) fn new(limits: Option<RateLimits>) -> RateLimiter {
        RateLimiter {
            limits,
            recent: Mutex::new(HashMap::new()),
        }
    }

    /// Reserves the earliest moment one more call of `method` to `path` fits and sleeps until
    /// then, reporting a wait to `events`. A moment past the budget's deadline is not waited
    /// for: the error says how long the wait would have been. `None` when limiting is off.
    pub(crate) fn acquire(
        &self,
        method: Method,
        path: &str,
        budget: &Budget<'_>,
        events: &EventSink,
    ) -> Result<Option<Slot>> {
        let Some(limits) = &self.limits else {
            return Ok(None);
        };
        let endpoint = (method, endpoint_of(path));
        let (calls, window) = limits.limit_for(method, &endpoint.1);
        let now = Instant::now();
        let at = {
            let mut recent = self.lock();
            forget_old(&mut recent, limits, now);
            let times = recent.entry(endpoint.clone()).or_default();
            // The call fits once the `calls`-th latest mark has left the window.
            let at = match times.len().checked_sub(calls.max(1) as usize) {
                Some(index) => (times[index] + window).max(now),
                None => now,
            };
            if at > budget.deadline() {
                let what = format!(
                    "waiting for the rate limit of {} {}",
                    method.as_str(),
                    excerpt(&endpoint.1)
                );
                return Err(budget.exceeded(&what, Some(at - now)));
            }
            insert_sorted(times, at);
            at
        };
        if let Some(wait) = at.checked_duration_since(Instant::now()) {
            thread::sleep(wait);
            events.report(|| {
                Event::RateLimitWait(RateLimitWait {
                    method,
                    endpoint: excerpt(&endpoint.1),
                    waited: wait,
                    limit_calls: calls,
                    limit_window: window,
                })
            });
        }
        Ok(Some(Slot { endpoint, at }))
    }

    /// Gives a reserved moment back: a call that was `sent` now counts from this moment (its
    /// answer is in, so bunq counted it no later); one that was not sent is forgotten.
    pub(crate) fn release(&self, slot: Option<Slot>, sent: bool) {
        let Some(slot) = slot else {
            return;
        };
        let mut recent = self.lock();
        let times = recent.entry(slot.endpoint).or_default();
        if let Some(index) = times.iter().position(|time| *time == slot.at) {
            times.remove(index);
        }
        if sent {
            insert_sorted(times, Instant::now().max(slot.at));
        }
    }

    /// Records a call made before this limiter existed (the session-server call that opened
    /// a context's session), so that the next one keeps its distance.
    pub(crate) fn record(&self, method: Method, path: &str, at: Instant) {
        if self.limits.is_some() {
            let mut recent = self.lock();
            insert_sorted(recent.entry((method, endpoint_of(path))).or_default(), at);
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<Endpoint, VecDeque<Instant>>> {
        self.recent
            .lock()
            .unwrap_or_else(|poison| poison.into_inner())
    }
}

/// Drops the marks that left their window, and the endpoints left with none.
fn forget_old(
    recent: &mut HashMap<Endpoint, VecDeque<Instant>>,
    limits: &RateLimits,
    now: Instant,
) {
    recent.retain(|(method, endpoint), times| {
        let (_, window) = limits.limit_for(*method, endpoint);
        while times
            .front()
            .is_some_and(|time| now.saturating_duration_since(*time) >= window)
        {
            times.pop_front();
        }
        !times.is_empty()
    });
}

fn insert_sorted(times: &mut VecDeque<Instant>, at: Instant) {
    let index = times.partition_point(|time| *time <= at);
    times.insert(index, at);
}

/// The endpoint a path counts against: no `/v1/` prefix, no query.
fn endpoint_of(path: &str) -> String {
    let path = path.trim_start_matches('/');
    let path = path.strip_prefix("v1/").unwrap_or(path);
    let path = path.split('?').next().unwrap_or(path);
    path.trim_end_matches('/').to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::retry::RetryPolicy;

    fn limiter(limits: RateLimits) -> RateLimiter {
        RateLimiter::new(Some(limits))
    }

    #[test]
    fn endpoints_ignore_prefix_and_query() {
        assert_eq!(
            endpoint_of("/v1/user/1/payment?older_id=3"),
            "user/1/payment"
        );
        assert_eq!(endpoint_of("user/1/payment"), "user/1/payment");
    }

    #[test]
    fn calls_within_the_limit_do_not_wait_and_are_counted_per_endpoint() {
        let policy = RetryPolicy::default();
        let budget = Budget::start(&policy);
        let limiter = limiter(RateLimits {
            get: 2,
            window: Duration::from_secs(3600),
            ..RateLimits::default()
        });
        limiter
            .acquire(Method::Get, "user", &budget, &EventSink::default())
            .unwrap();
        limiter
            .acquire(Method::Get, "user", &budget, &EventSink::default())
            .unwrap();
        limiter
            .acquire(Method::Get, "user/1", &budget, &EventSink::default())
            .unwrap();
        let recent = limiter.recent.lock().unwrap();
        assert_eq!(recent[&(Method::Get, "user".to_owned())].len(), 2);
        assert_eq!(recent[&(Method::Get, "user/1".to_owned())].len(), 1);
    }

    #[test]
    fn a_call_over_the_limit_waits_for_the_window_to_slide() {
        let policy = RetryPolicy::default();
        let budget = Budget::start(&policy);
        let limiter = limiter(RateLimits {
            get: 1,
            window: Duration::from_millis(50),
            ..RateLimits::default()
        });
        let start = Instant::now();
        limiter
            .acquire(Method::Get, "user", &budget, &EventSink::default())
            .unwrap();
        limiter
            .acquire(Method::Get, "user", &budget, &EventSink::default())
            .unwrap();
        // A lower bound only: waiting is the behaviour under test, not speed.
        assert!(start.elapsed() >= Duration::from_millis(50));
    }

    #[test]
    fn a_wait_past_the_budget_is_refused_at_once() {
        let policy = RetryPolicy {
            max_total_wait: Duration::from_millis(100),
            ..RetryPolicy::default()
        };
        let budget = Budget::start(&policy);
        let limiter = limiter(RateLimits {
            get: 1,
            window: Duration::from_secs(3600),
            ..RateLimits::default()
        });
        limiter
            .acquire(Method::Get, "user", &budget, &EventSink::default())
            .unwrap();
        let error = limiter
            .acquire(Method::Get, "user", &budget, &EventSink::default())
            .unwrap_err();
        assert_eq!(error.kind(), crate::ErrorKind::RateLimited);
        assert_eq!(error.status(), None, "the client refused, not bunq");
        assert!(error.to_string().contains("GET user"), "{error}");
    }

    #[test]
    fn the_limiter_forgets_endpoints_whose_window_has_passed() {
        let policy = RetryPolicy::default();
        let budget = Budget::start(&policy);
        let limiter = limiter(RateLimits {
            window: Duration::from_millis(20),
            ..RateLimits::default()
        });
        for id in 0..10_000 {
            limiter
                .acquire(
                    Method::Get,
                    &format!("user/{id}"),
                    &budget,
                    &EventSink::default(),
                )
                .unwrap();
        }
        thread::sleep(Duration::from_millis(30));
        limiter
            .acquire(Method::Get, "user/last", &budget, &EventSink::default())
            .unwrap();
        assert_eq!(limiter.recent.lock().unwrap().len(), 1);
    }

    #[test]
    fn a_released_call_counts_from_its_answer_and_an_unsent_one_not_at_all() {
        let policy = RetryPolicy::default();
        let budget = Budget::start(&policy);
        let limiter = limiter(RateLimits {
            get: 1,
            window: Duration::from_secs(3600),
            ..RateLimits::default()
        });
        let slot = limiter
            .acquire(Method::Get, "user", &budget, &EventSink::default())
            .unwrap();
        limiter.release(slot, false);
        let slot = limiter
            .acquire(Method::Get, "user", &budget, &EventSink::default())
            .unwrap();
        let reserved = slot.as_ref().unwrap().at;
        thread::sleep(Duration::from_millis(5));
        limiter.release(slot, true);
        let recent = limiter.recent.lock().unwrap();
        let times = &recent[&(Method::Get, "user".to_owned())];
        assert_eq!(times.len(), 1);
        assert!(times[0] > reserved);
    }

    #[test]
    fn a_limit_of_zero_is_refused() {
        let error = RateLimits {
            delete: 0,
            ..RateLimits::default()
        }
        .validate()
        .unwrap_err();
        assert_eq!(error.kind(), crate::ErrorKind::InvalidInput);
        assert!(error.to_string().contains("rate_limits.delete"), "{error}");
        RateLimits::default().validate().unwrap();
    }
}
