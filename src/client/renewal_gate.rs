//! The renewal gate: one thread at a time opens or closes a client's session.

use std::sync::{Condvar, Mutex};
use std::time::Instant;

/// Lets one thread at a time open or close the session; the others wait (within their
/// call's budget) and then find the new session in place. Unlike a plain mutex, a wait here
/// ends at a deadline.
#[derive(Debug, Default)]
pub(super) struct RenewalGate {
    busy: Mutex<bool>,
    free: Condvar,
}

/// The gate, held; dropping it lets the next thread in.
pub(super) struct GateHeld<'a>(&'a RenewalGate);

impl RenewalGate {
    /// Waits until no other thread holds the gate and takes it; `None` once `deadline`
    /// passes first.
    pub(super) fn enter(&self, deadline: Instant) -> Option<GateHeld<'_>> {
        let mut busy = self
            .busy
            .lock()
            .unwrap_or_else(|poison| poison.into_inner());
        while *busy {
            let left = deadline.checked_duration_since(Instant::now())?;
            busy = self
                .free
                .wait_timeout(busy, left)
                .unwrap_or_else(|poison| poison.into_inner())
                .0;
        }
        *busy = true;
        Some(GateHeld(self))
    }
}

impl Drop for GateHeld<'_> {
    fn drop(&mut self) {
        *self
            .0
            .busy
            .lock()
            .unwrap_or_else(|poison| poison.into_inner()) = false;
        self.0.free.notify_all();
    }
}
