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
    /// `None` only while being dropped.
    current: Mutex<Option<Owned<T>>>,
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
            current: Mutex::new(Some(Owned {
                process: process::id(),
                value: make(),
            })),
            make: Box::new(make),
        }
    }

    /// This process's value: the one made here, or a fresh one if it was made by another
    /// process (the one this process was forked from).
    pub(crate) fn get(&self) -> T {
        let process = process::id();
        let mut current = self.lock();
        match &*current {
            Some(owned) if owned.process == process => owned.value.clone(),
            _ => {
                let value = (self.make)();
                let inherited = current.replace(Owned {
                    process,
                    value: value.clone(),
                });
                // Leaked, never dropped here: see the module documentation.
                mem::forget(inherited);
                value
            }
        }
    }

    fn lock(&self) -> MutexGuard<'_, Option<Owned<T>>> {
        self.current
            .lock()
            .unwrap_or_else(|poison| poison.into_inner())
    }
}

impl<T> Drop for ProcessBound<T> {
    /// A value of another process (a client dropped in a forked child before its first
    /// call there) is leaked like one replaced by [`ProcessBound::get`].
    fn drop(&mut self) {
        let current = self
            .current
            .get_mut()
            .unwrap_or_else(|poison| poison.into_inner());
        if let Some(owned) = current.take() {
            if owned.process != process::id() {
                mem::forget(owned);
            }
        }
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
        set_process(&bound, process::id().wrapping_add(1));
        assert_eq!((bound.get(), bound.get()), (1, 1));
        assert_eq!(made.load(Ordering::SeqCst), 2);
    }

    #[test]
    fn a_value_of_another_process_is_never_dropped() {
        let drops = Arc::new(AtomicUsize::new(0));
        let counted = Arc::clone(&drops);
        let bound = ProcessBound::new(move || Dropping(Arc::clone(&counted)));
        set_process(&bound, process::id().wrapping_add(1));
        drop(bound.get()); // a fresh value for this process; the other one is leaked
        assert_eq!(drops.load(Ordering::SeqCst), 1, "only the clone handed out");
        set_process(&bound, process::id().wrapping_add(1));
        drop(bound);
        assert_eq!(
            drops.load(Ordering::SeqCst),
            1,
            "dropped with another process's value"
        );
        let mine = ProcessBound::new(move || Dropping(Arc::clone(&drops)));
        let drops = Arc::clone(&mine.lock().as_ref().unwrap().value.0);
        drop(mine);
        assert_eq!(
            drops.load(Ordering::SeqCst),
            2,
            "this process's own value is dropped"
        );
    }

    /// Counts its drops.
    #[derive(Clone)]
    struct Dropping(Arc<AtomicUsize>);

    impl Drop for Dropping {
        fn drop(&mut self) {
            self.0.fetch_add(1, Ordering::SeqCst);
        }
    }

    fn set_process<T: Clone>(bound: &ProcessBound<T>, process: u32) {
        if let Some(owned) = bound.lock().as_mut() {
            owned.process = process;
        }
    }
}
