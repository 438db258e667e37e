//! A value that belongs to the process that made it, such as a pool of open connections.
//!
//! After `fork()` the child has a copy of everything its parent had, open sockets included.
//! A connection pool used by both would interleave their requests on one connection: over
//! HTTP each would read the other's answers, and over TLS both would encrypt with the same
//! key and nonce (which leaks the plaintexts' XOR and can leak GCM's authentication key). So
//! a [`ProcessBound`] value is used only by the process that made it: another process asking
//! for it (a forked child, which cannot have called anything in between) gets a fresh one.
//!
//! The parent's value is not dropped in the child but leaked, once per fork: whatever its
//! drop would do to the sockets it holds (a TLS `close_notify`, a TCP `shutdown`) would act
//! on connections the parent still uses. The child keeps its copies of those descriptors
//! open until it exits; it never reads or writes on them. Comparing the process id costs a
//! `getpid` per use, far below one exchange with bunq.

use std::fmt;
use std::mem;
use std::process;
use std::sync::{Mutex, MutexGuard};

/// A value of the current process, made afresh in a new (forked) one. Cheap to read: one
/// `getpid` and a short lock per [`ProcessBound::get`].
pub(crate) struct ProcessBound<T> {
    current: Mutex<Owned<T>>,
    make: Box<dyn Fn() -> T + Send + Sync>,
}

/// The value and the process it belongs to.
struct Owned<T> {
    process: u32,
    value: T,
}

impl<T: Clone> ProcessBound<T> {
    /// A value made now with `make`, which makes it again for each new process.
    pub(crate) fn new(make: impl Fn() -> T + Send + Sync + 'static) -> ProcessBound<T> {
        ProcessBound {
            current: Mutex::new(Owned {
                process: process::id(),
                value: make(),
            }),
            make: Box::new(make),
        }
    }

    /// This process's value: the one made here, or a fresh one if it was made by another
    /// process (the one this process was forked from).
    pub(crate) fn get(&self) -> T {
        let process = process::id();
        let mut current = self.lock();
        if current.process != process {
            let fresh = Owned {
                process,
                value: (self.make)(),
            };
            // Leaked, never dropped here: see the module documentation.
            mem::forget(mem::replace(&mut *current, fresh));
        }
        current.value.clone()
    }

    fn lock(&self) -> MutexGuard<'_, Owned<T>> {
        self.current
            .lock()
            .unwrap_or_else(|poison| poison.into_inner())
    }
}

impl<T> fmt::Debug for ProcessBound<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ProcessBound").finish_non_exhaustive()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;
    use std::sync::atomic::{AtomicUsize, Ordering};

    #[test]
    fn a_value_is_made_once_per_process() {
        let made = Arc::new(AtomicUsize::new(0));
        let counter = Arc::clone(&made);
        let bound = ProcessBound::new(move || counter.fetch_add(1, Ordering::SeqCst));
        assert_eq!((bound.get(), bound.get()), (0, 0));
        // As a forked child finds it: made by another process.
        bound.lock().process = process::id().wrapping_add(1);
        assert_eq!((bound.get(), bound.get()), (1, 1));
        assert_eq!(made.load(Ordering::SeqCst), 2);
    }
}
