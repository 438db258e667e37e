//! What the client reports while it works: every exchange with bunq, every wait, every
//! session renewal and every save of the context.
//!
//! Each [`Event`] goes to two places, and is made only when one of them listens:
//! - the [`log`] facade, target `bunq`, with the event's [`Display`](fmt::Display) text as the
//!   message (one line, e.g. `POST session-server 200 3.2 ms response-id=…`), at
//!   [`Event::level`]; `env_logger` or any other logger shows them;
//! - the callback given to [`ClientBuilder::on_event`](crate::ClientBuilder::on_event) or
//!   [`ContextBuilder::on_event`](crate::ContextBuilder::on_event), with the typed fields.
//!
//! No event carries a body, a header value, the API key, a token or a key: the path is the
//! one sent, with every secret the client knows replaced by `<redacted>`. The C API hands the
//! same events over as JSON (`bunq_client_set_event_callback`), and the bindings pass them to
//! their language's logging.

use std::fmt;
use std::panic::{self, AssertUnwindSafe};
use std::path::PathBuf;
use std::sync::{Arc, RwLock};
use std::time::{Duration, SystemTime};

use crate::error::ErrorKind;
use crate::request::Method;

/// The `log` target of every event.
pub const LOG_TARGET: &str = "bunq";

/// A callback that receives every event of a client (or of a context's creation).
pub type EventCallback = Arc<dyn Fn(&Event) + Send + Sync>;

/// One thing the client did.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum Event {
    /// A request sent to bunq and what came back.
    Exchange(Exchange),
    /// A call waited for the client-side rate limiter before it was sent.
    RateLimitWait(RateLimitWait),
    /// bunq answered 429 Too Many Requests; the client waited before sending again.
    RetryBackoff(RetryBackoff),
    /// A new session replaced the old one (or the missing one).
    SessionRenewal(SessionRenewal),
    /// The session was ended at bunq and forgotten.
    SessionClosed(SessionClosed),
    /// The context was saved to a file (or saving it failed).
    ContextSave(ContextSave),
}

/// A request sent to bunq and what came back.
#[derive(Debug, Clone, PartialEq)]
pub struct Exchange {
    /// The request's method.
    pub method: Method,
    /// The path as sent, relative to the base URL, query included (`user/1/payment?count=10`);
    /// every secret the client knows is replaced by `<redacted>`, and a path over 200
    /// characters is cut.
    pub path: String,
    /// The HTTP status of the answer; `None` when none came (connection failure, timeout).
    pub status: Option<u16>,
    /// bunq's `X-Bunq-Client-Response-Id`: the id bunq support asks for.
    pub response_id: Option<String>,
    /// From signing the request to having the whole answer, its signature checked.
    pub duration: Duration,
    /// Which attempt of the call this was: 1, then 2, ... for each resend.
    pub attempt: u32,
    /// Why this request was sent again; `None` for a first attempt.
    pub resend_reason: Option<ResendReason>,
    /// Why the exchange failed, if it did: a status other than 2xx (`Api`, `RateLimited`), no
    /// answer (`Transport`, `Timeout`), or an answer refused (`Signature`).
    pub error: Option<ErrorKind>,
}

/// Why a request was sent again.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ResendReason {
    /// bunq answered 429 Too Many Requests (it did not process the request).
    TooManyRequests,
    /// bunq refused the session (401); a new session was opened first.
    SessionRenewal,
    /// The connection failed; only a `GET` is resent, once.
    ConnectionFailure,
}

impl ResendReason {
    /// `too_many_requests`, `session_renewal` or `connection_failure`.
    pub fn as_str(self) -> &'static str {
        match self {
            ResendReason::TooManyRequests => "too_many_requests",
            ResendReason::SessionRenewal => "session_renewal",
            ResendReason::ConnectionFailure => "connection_failure",
        }
    }

    fn describe(self) -> &'static str {
        match self {
            ResendReason::TooManyRequests => "429",
            ResendReason::SessionRenewal => "a session renewal",
            ResendReason::ConnectionFailure => "a connection failure",
        }
    }
}

/// A call waited for the client-side rate limiter.
#[derive(Debug, Clone, PartialEq)]
pub struct RateLimitWait {
    /// The waiting call's method.
    pub method: Method,
    /// The endpoint whose window was full (`user/1/payment`, no query).
    pub endpoint: String,
    /// How long the call waited.
    pub waited: Duration,
    /// The limit: this many calls of the method to the endpoint ...
    pub limit_calls: u32,
    /// ... in this window.
    pub limit_window: Duration,
}

/// bunq answered 429; the client waited before the next attempt.
#[derive(Debug, Clone, PartialEq)]
pub struct RetryBackoff {
    /// How long the client waited.
    pub waited: Duration,
    /// The number of the attempt that follows.
    pub next_attempt: u32,
}

/// A new session replaced the old one.
#[derive(Debug, Clone, PartialEq)]
pub struct SessionRenewal {
    /// Why the session was renewed.
    pub reason: RenewalReason,
    /// When the old session expired (or would have); `None` when there was none.
    pub old_expiry: Option<SystemTime>,
    /// When the new session expires, by the local clock.
    pub new_expiry: SystemTime,
}

/// Why a session was renewed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum RenewalReason {
    /// There was no session (none saved, or it was closed).
    NoSession,
    /// The session had expired or was within its margin of expiring.
    Expiring,
    /// bunq refused the session (401, or 403 "Insufficient authentication.").
    Refused,
    /// The program asked for a new session ([`Client::reset_session`](crate::Client::reset_session)).
    Reset,
}

impl RenewalReason {
    /// `no_session`, `expiring`, `refused` or `reset`.
    pub fn as_str(self) -> &'static str {
        match self {
            RenewalReason::NoSession => "no_session",
            RenewalReason::Expiring => "expiring",
            RenewalReason::Refused => "refused",
            RenewalReason::Reset => "reset",
        }
    }

    fn describe(self) -> &'static str {
        match self {
            RenewalReason::NoSession => "there was none",
            RenewalReason::Expiring => "the old one was expiring",
            RenewalReason::Refused => "bunq refused the old one",
            RenewalReason::Reset => "asked for",
        }
    }
}

/// The session was ended at bunq and forgotten.
#[derive(Debug, Clone, PartialEq)]
pub struct SessionClosed {
    /// When the closed session would have expired.
    pub old_expiry: Option<SystemTime>,
}

/// The context was saved (or saving it failed).
#[derive(Debug, Clone, PartialEq)]
pub struct ContextSave {
    /// The file.
    pub path: PathBuf,
    /// Why saving failed; `None` when it worked.
    pub error: Option<String>,
}

impl Event {
    /// How much the event matters: `Debug` for what goes as planned (an answered exchange, a
    /// wait for the rate limiter, a save), `Info` for what a program may want to know (a
    /// failed exchange, a 429 backoff, a session renewal or close), `Warn` for a failed save.
    pub fn level(&self) -> log::Level {
        match self {
            Event::Exchange(exchange) if exchange.error.is_some() => log::Level::Info,
            Event::Exchange(_) | Event::RateLimitWait(_) => log::Level::Debug,
            Event::RetryBackoff(_) | Event::SessionRenewal(_) | Event::SessionClosed(_) => {
                log::Level::Info
            }
            Event::ContextSave(save) if save.error.is_some() => log::Level::Warn,
            Event::ContextSave(_) => log::Level::Debug,
        }
    }

    /// The kind's name: `exchange`, `rate_limit_wait`, `retry_backoff`, `session_renewal`,
    /// `session_closed` or `context_save`.
    pub fn name(&self) -> &'static str {
        match self {
            Event::Exchange(_) => "exchange",
            Event::RateLimitWait(_) => "rate_limit_wait",
            Event::RetryBackoff(_) => "retry_backoff",
            Event::SessionRenewal(_) => "session_renewal",
            Event::SessionClosed(_) => "session_closed",
            Event::ContextSave(_) => "context_save",
        }
    }
}

/// One line: what `--trace` and the `log` records show.
impl fmt::Display for Event {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Event::Exchange(exchange) => exchange.fmt(f),
            Event::RateLimitWait(wait) => write!(
                f,
                "waited {} for the rate limit of {} {} ({} per {})",
                seconds(wait.waited),
                wait.method.as_str(),
                wait.endpoint,
                calls(wait.limit_calls),
                seconds(wait.limit_window)
            ),
            Event::RetryBackoff(backoff) => write!(
                f,
                "waited {} after 429 before attempt {}",
                seconds(backoff.waited),
                backoff.next_attempt
            ),
            Event::SessionRenewal(renewal) => {
                write!(
                    f,
                    "session renewed ({}): expires {}",
                    renewal.reason.describe(),
                    timestamp(renewal.new_expiry)
                )?;
                match renewal.old_expiry {
                    Some(old) => write!(f, ", the old one {}", timestamp(old)),
                    None => Ok(()),
                }
            }
            Event::SessionClosed(closed) => match closed.old_expiry {
                Some(old) => write!(
                    f,
                    "session closed (it would have expired {})",
                    timestamp(old)
                ),
                None => f.write_str("session closed"),
            },
            Event::ContextSave(save) => match &save.error {
                None => write!(f, "context saved to {}", save.path.display()),
                Some(error) => write!(f, "context not saved to {}: {error}", save.path.display()),
            },
        }
    }
}

impl fmt::Display for Exchange {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {} ", self.method.as_str(), self.path)?;
        match self.status {
            Some(status) => write!(f, "{status}")?,
            None => f.write_str("no answer")?,
        }
        write!(f, " {:.1} ms", self.duration.as_secs_f64() * 1000.0)?;
        if let Some(id) = &self.response_id {
            write!(f, " response-id={id}")?;
        }
        // A status other than 2xx says why already; the kind adds what a status cannot.
        let answered_ok = self
            .status
            .is_some_and(|status| (200..300).contains(&status));
        if let Some(error) = self.error.filter(|_| answered_ok || self.status.is_none()) {
            write!(f, " failed: {}", error.as_str())?;
        }
        if let Some(reason) = self.resend_reason {
            write!(
                f,
                " (attempt {}, resent after {})",
                self.attempt,
                reason.describe()
            )?;
        }
        Ok(())
    }
}

fn seconds(duration: Duration) -> String {
    format!("{:.2} s", duration.as_secs_f64())
}

fn calls(count: u32) -> String {
    match count {
        1 => "1 call".to_owned(),
        more => format!("{more} calls"),
    }
}

impl Event {
    /// The event as one JSON object, the form the C ABI and the Python, PHP and C# bindings
    /// deliver: `event` (its [`name`](Self::name)), `level` (`error`, `warning`, `info` or
    /// `debug`: the names of Python's logging and PSR-3), `message` (its `Display` text) and
    /// the fields of its kind, durations in milliseconds (with microseconds as decimals) and
    /// times in RFC 3339 UTC. No field holds a secret.
    pub fn to_json(&self) -> serde_json::Value {
        let mut object = serde_json::json!({
            "event": self.name(),
            "level": level_name(self.level()),
            "message": self.to_string(),
        });
        if let (Some(object), serde_json::Value::Object(fields)) =
            (object.as_object_mut(), self.fields_json())
        {
            object.extend(fields);
        }
        object
    }

    fn fields_json(&self) -> serde_json::Value {
        use serde_json::json;
        match self {
            Event::Exchange(exchange) => json!({
                "method": exchange.method.as_str(),
                "path": exchange.path,
                "status": exchange.status,
                "response_id": exchange.response_id,
                "duration_ms": milliseconds(exchange.duration),
                "attempt": exchange.attempt,
                "resend_reason": exchange.resend_reason.map(ResendReason::as_str),
                "error": exchange.error.map(ErrorKind::as_str),
            }),
            Event::RateLimitWait(wait) => json!({
                "method": wait.method.as_str(),
                "endpoint": wait.endpoint,
                "waited_ms": milliseconds(wait.waited),
                "limit_calls": wait.limit_calls,
                "limit_window_ms": milliseconds(wait.limit_window),
            }),
            Event::RetryBackoff(backoff) => json!({
                "waited_ms": milliseconds(backoff.waited),
                "next_attempt": backoff.next_attempt,
            }),
            Event::SessionRenewal(renewal) => json!({
                "reason": renewal.reason.as_str(),
                "old_expiry": renewal.old_expiry.map(timestamp),
                "new_expiry": timestamp(renewal.new_expiry),
            }),
            Event::SessionClosed(closed) => json!({
                "old_expiry": closed.old_expiry.map(timestamp),
            }),
            Event::ContextSave(save) => json!({
                "path": save.path.to_string_lossy(),
                "ok": save.error.is_none(),
                "error": save.error,
            }),
        }
    }
}

/// Python's and PSR-3's names for the levels.
fn level_name(level: log::Level) -> &'static str {
    match level {
        log::Level::Error => "error",
        log::Level::Warn => "warning",
        log::Level::Info => "info",
        log::Level::Debug | log::Level::Trace => "debug",
    }
}

/// Milliseconds with microsecond precision.
fn milliseconds(duration: Duration) -> f64 {
    (duration.as_micros() as f64) / 1000.0
}

/// RFC 3339 in UTC with milliseconds, e.g. `2026-11-28T10:15:00.250Z`.
pub(crate) fn timestamp(time: SystemTime) -> String {
    chrono::DateTime::<chrono::Utc>::from(time).to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
}

/// Which attempt of a call a request is, and why it is sent again.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct SendAttempt {
    pub number: u32,
    pub resend_reason: Option<ResendReason>,
}

impl SendAttempt {
    /// A call's first attempt.
    pub(crate) const FIRST: SendAttempt = SendAttempt {
        number: 1,
        resend_reason: None,
    };

    /// The attempt after this one, sent again for `reason`.
    pub(crate) fn next(self, reason: ResendReason) -> SendAttempt {
        SendAttempt {
            number: self.number.saturating_add(1),
            resend_reason: Some(reason),
        }
    }
}

/// Where a client's (or a context creation's) events go: the `log` facade always, and the
/// callback when one is set. The callback can be set or replaced while the client is in use
/// (the C API sets it after a client is made).
#[derive(Default)]
pub(crate) struct EventSink {
    callback: RwLock<Option<EventCallback>>,
}

impl fmt::Debug for EventSink {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let set = self.current().is_some();
        f.debug_struct("EventSink").field("callback", &set).finish()
    }
}

impl EventSink {
    /// A sink calling `callback` (and logging).
    pub(crate) fn new(callback: Option<EventCallback>) -> EventSink {
        EventSink {
            callback: RwLock::new(callback),
        }
    }

    /// Replaces the callback (`None`: only the `log` facade is left).
    pub(crate) fn set(&self, callback: Option<EventCallback>) {
        *self
            .callback
            .write()
            .unwrap_or_else(|poison| poison.into_inner()) = callback;
    }

    fn current(&self) -> Option<EventCallback> {
        self.callback
            .read()
            .unwrap_or_else(|poison| poison.into_inner())
            .clone()
    }

    /// Reports the event `make` builds, building it only when a callback is set or a logger
    /// takes `bunq` records. The callback runs outside the sink's lock (it may replace
    /// itself); a panic in it is caught and dropped: watching must not break the call.
    pub(crate) fn report(&self, make: impl FnOnce() -> Event) {
        let callback = self.current();
        if callback.is_none() && !log::log_enabled!(target: LOG_TARGET, log::Level::Warn) {
            return;
        }
        let event = make();
        let level = event.level();
        if log::log_enabled!(target: LOG_TARGET, level) {
            log::log!(target: LOG_TARGET, level, "{event}");
        }
        if let Some(callback) = callback {
            let _ = panic::catch_unwind(AssertUnwindSafe(|| callback(&event)));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_exchange_reads_as_one_line() {
        let exchange = Exchange {
            method: Method::Post,
            path: "session-server".into(),
            status: Some(200),
            response_id: Some("resp-1".into()),
            duration: Duration::from_micros(3_240),
            attempt: 2,
            resend_reason: Some(ResendReason::TooManyRequests),
            error: None,
        };
        assert_eq!(
            Event::Exchange(exchange.clone()).to_string(),
            "POST session-server 200 3.2 ms response-id=resp-1 (attempt 2, resent after 429)"
        );
        let failed = Exchange {
            status: None,
            response_id: None,
            attempt: 1,
            resend_reason: None,
            error: Some(ErrorKind::Transport),
            ..exchange
        };
        assert_eq!(
            failed.to_string(),
            "POST session-server no answer 3.2 ms failed: transport"
        );
        assert_eq!(Event::Exchange(failed).level(), log::Level::Info);
    }

    #[test]
    fn a_panicking_callback_does_not_reach_the_caller() {
        let sink = EventSink::new(Some(Arc::new(|_: &Event| panic!("observer bug"))));
        sink.report(|| Event::SessionClosed(SessionClosed { old_expiry: None }));
    }
}
