//! The session and its lifetime rules.
//!
//! A session's lifetime is its user's `session_timeout`, read by [`lifetime_of`]: every
//! number bunq sends is untrusted, so at most [`MAX_SESSION_LIFETIME`], and a zero or
//! negative value means bunq set none, so the session is used until bunq refuses it.
//!
//! A session counts as active while more than a margin of its lifetime remains: the
//! configured margin (30 s by default) but at most a tenth of the session's own lifetime, so
//! that a session of a few seconds is not renewed before every call. (The client renews it:
//! see `client/renewal.rs`.)

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use serde_json::Value;

use crate::secret::Secret;
use crate::user::User;

/// The longest a session is taken to live: 30 days. bunq's sessions last minutes to days; a
/// larger `session_timeout` is read as this, so that no expiry arithmetic overflows and a
/// saved expiry is always a date the official SDKs read back.
pub(crate) const MAX_SESSION_LIFETIME: Duration = Duration::from_secs(30 * 24 * 3600);

/// The result of `POST session-server`.
#[derive(Debug, Clone)]
pub(crate) struct Session {
    pub(super) token: Secret,
    pub(super) expiry: SystemTime,
    /// The `session_timeout` the session was opened with (zero when unknown).
    pub(super) lifetime: Duration,
    pub(super) user_id: u64,
    pub(super) user: User,
}

impl Session {
    /// The session token (a secret).
    pub(crate) fn token(&self) -> &str {
        self.token.expose()
    }

    /// When the session expires, by the local clock.
    pub(crate) fn expiry(&self) -> SystemTime {
        self.expiry
    }

    /// When the session was opened, if its lifetime is known.
    pub(crate) fn opened(&self) -> Option<SystemTime> {
        match self.lifetime.is_zero() {
            true => None,
            false => self.expiry.checked_sub(self.lifetime),
        }
    }

    /// Whether more than its margin is left at `now` (see the module's rules).
    pub(crate) fn is_active(&self, configured_margin: Duration, now: SystemTime) -> bool {
        let margin = margin_for(configured_margin, self.lifetime);
        match self.expiry.duration_since(now) {
            Ok(remaining) => remaining > margin,
            Err(_) => false,
        }
    }
}

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
fn margin_for(configured: Duration, lifetime: Duration) -> Duration {
    if lifetime.is_zero() {
        configured
    } else {
        configured.min(lifetime / 10)
    }
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
