//! Where the session is renewed.
//!
//! A session counts as active while more than a margin of its lifetime remains: the
//! configured margin (30 s by default) but at most a tenth of the session's own lifetime, so
//! that a session of a few seconds is not renewed before every call. Renewal is single-flight:
//! however many threads find the session expired at once, one `session-server` call is made
//! and all of them use its token. Each renewal is saved (when the client has a place to save)
//! and reported to the renewal callback.

use std::time::{Duration, SystemTime};

use crate::client::Client;
use crate::context::{ApiContext, Session};
use crate::error::Result;
use crate::exchange::Endpoint;
use crate::handshake;
use crate::request::{Method, Request};
use crate::retry;

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

impl Client {
    /// Whether the current session is active (more than the margin left).
    pub fn is_session_active(&self) -> bool {
        self.has_active_session(&self.read_context())
    }

    fn has_active_session(&self, context: &ApiContext) -> bool {
        context.session.as_ref().is_some_and(|session| {
            is_active(session, self.config.session_margin, SystemTime::now())
        })
    }

    /// Opens a new session if the current one is missing or inside its margin. Returns
    /// whether a new session was opened (by this call or a concurrent one).
    pub fn ensure_session(&self) -> Result<bool> {
        // The check and the token it condemns are read under one lock: a token read later
        // could already be a concurrent renewal's, which would then be renewed again.
        let stale = {
            let context = self.read_context();
            if self.has_active_session(&context) {
                return Ok(false);
            }
            context.session_token().map(str::to_owned)
        };
        self.renew_session_replacing(stale.as_deref())?;
        Ok(true)
    }

    /// Opens a new session now, whatever the state of the current one.
    pub fn reset_session(&self) -> Result<()> {
        let current = self.read_context().session_token().map(str::to_owned);
        self.renew_session_replacing(current.as_deref())
    }

    /// Ends the session at bunq (`DELETE session/0`) and forgets it; the next call opens a
    /// new one. The change is saved like a renewal.
    pub fn close_session(&self) -> Result<()> {
        if self.read_context().session.is_none() {
            return Ok(());
        }
        let (_, result) = self.send_once(&Request::new(Method::Delete, "session/0"));
        // A session bunq already forgot (401) is closed all the same.
        if let Err(error) = result {
            if error.status() != Some(401) {
                return Err(error);
            }
        }
        let snapshot = {
            let mut context = self.write_context();
            context.session = None;
            context.clone()
        };
        self.persist(&snapshot)
    }

    /// Replaces the session whose token is `stale` (`None`: no session) with a new one,
    /// unless another thread already did while this one waited its turn.
    pub(crate) fn renew_session_replacing(&self, stale: Option<&str>) -> Result<()> {
        let _single_flight = self
            .renewal
            .lock()
            .unwrap_or_else(|poison| poison.into_inner());
        let (installation, api_key, environment) = {
            let context = self.read_context();
            if context.session_token() != stale {
                return Ok(());
            }
            (
                context.installation.clone(),
                context.api_key.clone(),
                context.environment.clone(),
            )
        };
        self.limiter.acquire(Method::Post, "session-server");
        let endpoint = Endpoint {
            transport: &self.transport,
            config: &self.config,
            environment: &environment,
        };
        // session-server answers 429 when called more than once per 30 s: wait it out.
        let session = retry::on_rate_limit(&self.config.retry, || {
            handshake::open_session(endpoint, &installation, &api_key)
        })?;
        let snapshot = {
            let mut context = self.write_context();
            context.session = Some(session);
            context.clone()
        };
        self.persist(&snapshot)
    }

    /// Saves and reports a changed context.
    fn persist(&self, snapshot: &ApiContext) -> Result<()> {
        if let Some(callback) = &self.on_renewal {
            callback(snapshot);
        }
        match &self.save_path {
            Some(path) => snapshot.save(path),
            None => Ok(()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
