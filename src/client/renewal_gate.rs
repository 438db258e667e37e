//! The renewal gate: one thread at a time opens or closes a client's session.

use std::process;
use std::sync::{Condvar, Mutex, MutexGuard};
use std::thread::{self, ThreadId};
use std::time::Instant;

/// Lets one thread at a time open or close the session; the others wait (within their
/// call's budget) and then find the new session in place. Unlike a plain mutex, a wait here
/// ends at a deadline.
///
/// The gate knows which thread of which process holds it. A holder from another process is
/// a thread of the process this one was forked from, which does not exist here: it counts as
/// gone (otherwise a child forked during a renewal would wait for a turn no thread gives
/// back). The holder's own thread asking again (a call made from an event callback during
/// the renewal) is refused at once: it would wait for itself.
#[derive(Debug, Default)]
pub(super) struct RenewalGate {
    holder: Mutex<Option<Holder>>,
    free: Condvar,
}

/// A thread, and the process it runs in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Holder {
    process: u32,
    thread: ThreadId,
}

impl Holder {
    fn current() -> Holder {
        Holder {
            process: process::id(),
            thread: thread::current().id(),
        }
    }
}

/// Why [`RenewalGate::enter`] gave no turn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum NoTurn {
    /// Another thread held the gate until the deadline.
    Deadline,
    /// The calling thread holds the gate already.
    HeldByThisThread,
}

/// The gate, held; dropping it lets the next thread in.
pub(super) struct GateHeld<'a> {
    gate: &'a RenewalGate,
    holder: Holder,
}

impl RenewalGate {
    /// Waits until no other thread holds the gate and takes it; refused once `deadline`
    /// passes first, or at once when this thread holds it.
    pub(super) fn enter(&self, deadline: Instant) -> Result<GateHeld<'_>, NoTurn> {
        let me = Holder::current();
        let mut holder = self.lock();
        loop {
            match *holder {
                None => break,
                Some(other) if other.process != me.process => break,
                Some(other) if other == me => return Err(NoTurn::HeldByThisThread),
                Some(_) => {}
            }
            let left = deadline
                .checked_duration_since(Instant::now())
                .ok_or(NoTurn::Deadline)?;
            holder = self
                .free
                .wait_timeout(holder, left)
                .unwrap_or_else(|poison| poison.into_inner())
                .0;
        }
        *holder = Some(me);
        Ok(GateHeld {
            gate: self,
            holder: me,
        })
    }

    fn lock(&self) -> MutexGuard<'_, Option<Holder>> {
        self.holder
            .lock()
            .unwrap_or_else(|poison| poison.into_inner())
    }
}

impl Drop for GateHeld<'_> {
    fn drop(&mut self) {
        let mut holder = self.gate.lock();
        // Taken over in a forked child, the gate is no longer this holder's to free.
        if *holder == Some(self.holder) {
            *holder = None;
        }
        drop(holder);
        self.gate.free.notify_all();
    }
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::*;

    #[test]
    fn the_gate_refuses_its_own_holder_at_once_and_forgets_a_holder_from_another_process() {
        let gate = RenewalGate::default();
        let far = Instant::now() + Duration::from_secs(60);
        let held = gate.enter(far).expect("a free gate");
        let asked = Instant::now();
        assert_eq!(gate.enter(far).err(), Some(NoTurn::HeldByThisThread));
        assert!(asked.elapsed() < Duration::from_secs(1));
        thread::scope(|scope| {
            let other = scope.spawn(|| gate.enter(Instant::now()).err());
            assert_eq!(other.join().unwrap(), Some(NoTurn::Deadline));
        });
        drop(held);
        // As a forked child finds it: held by a thread of its parent, which is not here.
        *gate.lock() = Some(Holder {
            process: process::id().wrapping_add(1),
            thread: thread::current().id(),
        });
        let taken = gate
            .enter(Instant::now())
            .expect("a holder from another process is gone");
        assert_eq!(taken.holder, Holder::current());
        drop(taken);
        assert_eq!(*gate.lock(), None);
    }
}
