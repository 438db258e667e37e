//! The context a client shares between its threads: read by every call, its session
//! replaced by renewals.

use std::sync::{RwLock, RwLockReadGuard};
use std::time::SystemTime;

use crate::context::{ApiContext, Session};

/// The client's context behind a lock that a panic elsewhere never poisons for good.
#[derive(Debug)]
pub(super) struct SharedContext(RwLock<ApiContext>);

impl SharedContext {
    pub(super) fn new(context: ApiContext) -> SharedContext {
        SharedContext(RwLock::new(context))
    }

    /// The context as it is now; hold the guard briefly (never across a network call).
    pub(super) fn read(&self) -> RwLockReadGuard<'_, ApiContext> {
        self.0.read().unwrap_or_else(|poison| poison.into_inner())
    }

    /// The current session's token, if there is a session.
    pub(super) fn session_token(&self) -> Option<String> {
        self.read()
            .session()
            .map(|session| session.token().to_owned())
    }

    /// Puts `session` in place of the current one (`None`: forgets it). Returns a snapshot of
    /// the changed context and the old session's expiry.
    pub(super) fn replace_session(
        &self,
        session: Option<Session>,
    ) -> (ApiContext, Option<SystemTime>) {
        let mut context = self.0.write().unwrap_or_else(|poison| poison.into_inner());
        let old = context.replace_session(session);
        (context.clone(), old.map(|session| session.expiry()))
    }
}
