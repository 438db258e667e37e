//! bunq's rate limits: per endpoint and method, in a sliding window.

use std::collections::{HashMap, VecDeque};
use std::time::{Duration, Instant};

use crate::reply::ApiError;

/// How many calls of one method one endpoint takes in a window.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Limit {
    pub(crate) method: &'static str,
    pub(crate) max_calls: usize,
    pub(crate) window_secs: u64,
}

/// bunq's documented limit for a call, if it has one.
pub(crate) fn limit_for(method: &str, endpoint: &str) -> Option<Limit> {
    if method == "POST" && endpoint.trim_end_matches('/') == "session-server" {
        return Some(Limit {
            method: "POST",
            max_calls: 1,
            window_secs: 30,
        });
    }
    let (method, max_calls) = match method {
        "GET" => ("GET", 3),
        "POST" => ("POST", 5),
        "PUT" => ("PUT", 2),
        _ => return None,
    };
    Some(Limit {
        method,
        max_calls,
        window_secs: 3,
    })
}

/// The moments of the calls admitted recently, per "METHOD endpoint".
#[derive(Debug, Default)]
pub(crate) struct RateLimiter {
    windows: HashMap<String, VecDeque<Instant>>,
}

impl RateLimiter {
    /// Admit a call at `now` or refuse it with bunq's 429; refused calls are not remembered,
    /// because bunq did not process them.
    pub(crate) fn admit(&mut self, key: &str, limit: Limit, now: Instant) -> Result<(), ApiError> {
        let window = Duration::from_secs(limit.window_secs);
        let calls = self.windows.entry(key.to_owned()).or_default();
        while calls
            .front()
            .is_some_and(|&admitted| now.duration_since(admitted) >= window)
        {
            calls.pop_front();
        }
        if calls.len() >= limit.max_calls {
            return Err(too_many_requests(limit));
        }
        calls.push_back(now);
        Ok(())
    }
}

fn too_many_requests(limit: Limit) -> ApiError {
    ApiError::new(
        429,
        format!(
            "Too many requests. You can do a maximum of {} {} calls per {} second to this endpoint.",
            limit.max_calls, limit.method, limit.window_secs
        ),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fourth_get_in_three_seconds_is_refused() {
        let mut limiter = RateLimiter::default();
        let limit = limit_for("GET", "user").expect("GET is limited");
        let start = Instant::now();
        for _ in 0..3 {
            assert!(limiter.admit("GET user", limit, start).is_ok());
        }
        let refused = limiter.admit("GET user", limit, start).unwrap_err();
        assert_eq!(refused.status, 429);
        assert!(
            refused
                .description
                .contains("maximum of 3 GET calls per 3 second")
        );
        assert!(limiter.admit("GET other", limit, start).is_ok());
        let later = start + Duration::from_secs(3);
        assert!(limiter.admit("GET user", limit, later).is_ok());
    }

    #[test]
    fn session_server_takes_one_call_in_thirty_seconds() {
        let limit = limit_for("POST", "session-server").expect("limited");
        assert_eq!((limit.max_calls, limit.window_secs), (1, 30));
        assert_eq!(limit_for("DELETE", "session/0"), None);
    }
}
