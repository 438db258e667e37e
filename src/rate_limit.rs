//! The client-side rate limiter: stays within bunq's limits so that 429s are the exception.
//!
//! bunq allows, per IP and per endpoint, 3 GET, 5 POST and 2 PUT calls in any 3 seconds, and
//! one `session-server` call per 30 seconds. The limiter keeps a sliding window per method and
//! endpoint path and makes a caller wait (sleep) until its call fits. All threads of a client
//! share one limiter.

use std::collections::{HashMap, VecDeque};
use std::sync::Mutex;
use std::thread;
use std::time::{Duration, Instant};

use crate::request::Method;

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
    fn limit_for(&self, method: Method, path: &str) -> (u32, Duration) {
        if method == Method::Post && path == "session-server" {
            return (1, self.session_server_window);
        }
        let calls = match method {
            Method::Get => self.get,
            Method::Post => self.post,
            Method::Put => self.put,
            Method::Delete => self.delete,
        };
        (calls.max(1), self.window)
    }
}

/// A sliding-window limiter shared by all threads of a client.
#[derive(Debug)]
pub(crate) struct RateLimiter {
    limits: Option<RateLimits>,
    recent: Mutex<HashMap<(Method, String), VecDeque<Instant>>>,
}

impl RateLimiter {
    /// `None` switches limiting off.
    pub(crate) fn new(limits: Option<RateLimits>) -> RateLimiter {
        RateLimiter {
            limits,
            recent: Mutex::new(HashMap::new()),
        }
    }

    /// Waits until one more call of `method` to `path` fits, then counts it.
    pub(crate) fn acquire(&self, method: Method, path: &str) {
        let Some(limits) = &self.limits else {
            return;
        };
        let endpoint = endpoint_of(path);
        let (calls, window) = limits.limit_for(method, &endpoint);
        let key = (method, endpoint);
        loop {
            let wait = {
                let mut recent = self
                    .recent
                    .lock()
                    .unwrap_or_else(|poison| poison.into_inner());
                let now = Instant::now();
                let times = recent.entry(key.clone()).or_default();
                while times
                    .front()
                    .is_some_and(|time| now.duration_since(*time) >= window)
                {
                    times.pop_front();
                }
                if times.len() < calls as usize {
                    times.push_back(now);
                    return;
                }
                window.saturating_sub(now.duration_since(times[0]))
            };
            thread::sleep(wait.max(Duration::from_millis(1)));
        }
    }
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
        let limiter = RateLimiter::new(Some(RateLimits {
            get: 2,
            window: Duration::from_secs(3600),
            ..RateLimits::default()
        }));
        limiter.acquire(Method::Get, "user");
        limiter.acquire(Method::Get, "user");
        limiter.acquire(Method::Get, "user/1");
        let recent = limiter.recent.lock().unwrap();
        assert_eq!(recent[&(Method::Get, "user".to_owned())].len(), 2);
        assert_eq!(recent[&(Method::Get, "user/1".to_owned())].len(), 1);
    }

    #[test]
    fn a_call_over_the_limit_waits_for_the_window_to_slide() {
        let limiter = RateLimiter::new(Some(RateLimits {
            get: 1,
            window: Duration::from_millis(50),
            ..RateLimits::default()
        }));
        let start = Instant::now();
        limiter.acquire(Method::Get, "user");
        limiter.acquire(Method::Get, "user");
        // A lower bound only: waiting is the behaviour under test, not speed.
        assert!(start.elapsed() >= Duration::from_millis(50));
    }
}
