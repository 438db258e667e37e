//! The calls running on a `bunq_client` handle, so that `bunq_client_free` can wait for them.
//!
//! Every function taking a client enters it for its whole body; `bunq_client_free` marks
//! the handle as being freed (calls that start later are refused with a clear error) and
//! waits until the calls of other threads have ended. It does not wait for a call of its own
//! thread (a free from an event callback would wait for itself), nor for one of a thread of
//! another process (a forked child's copy lists its parent's threads, which are not there):
//! those calls hold their own references to the client and finish on their own.

use std::process;
use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::thread::{self, ThreadId};

use crate::boundary::failure::{Failure, Outcome};

/// A thread, and the process it runs in.
type Caller = (u32, ThreadId);

fn current_caller() -> Caller {
    (process::id(), thread::current().id())
}

/// The calls in flight on one handle.
#[derive(Debug, Default)]
pub(crate) struct CallsInFlight {
    state: Mutex<State>,
    ended: Condvar,
}

#[derive(Debug, Default)]
struct State {
    freeing: bool,
    /// One entry per call in flight (a thread with a nested call appears twice).
    callers: Vec<Caller>,
}

/// One call in flight; it ends when dropped.
#[derive(Debug)]
pub(crate) struct CallInFlight {
    calls: Arc<CallsInFlight>,
    caller: Caller,
}

impl CallsInFlight {
    /// Starts a call, unless the handle is being freed.
    pub(crate) fn enter(calls: &Arc<CallsInFlight>) -> Outcome<CallInFlight> {
        let caller = current_caller();
        let mut state = calls.lock();
        if state.freeing {
            return Err(Failure::invalid_input(
                "this client is being released (bunq_client_free was called): no call may \
                 start on it any more",
            ));
        }
        state.callers.push(caller);
        Ok(CallInFlight {
            calls: Arc::clone(calls),
            caller,
        })
    }

    /// Refuses new calls from now on, then waits until every call of another thread of this
    /// process has ended; at once when the calling thread is itself in a call (see the
    /// module documentation).
    pub(crate) fn close(&self) {
        let me = current_caller();
        let mut state = self.lock();
        state.freeing = true;
        state.callers.retain(|caller| caller.0 == me.0);
        if state.callers.contains(&me) {
            return;
        }
        while !state.callers.is_empty() {
            state = self
                .ended
                .wait(state)
                .unwrap_or_else(|poison| poison.into_inner());
        }
    }

    fn lock(&self) -> MutexGuard<'_, State> {
        self.state
            .lock()
            .unwrap_or_else(|poison| poison.into_inner())
    }
}

impl Drop for CallInFlight {
    fn drop(&mut self) {
        let mut state = self.calls.lock();
        if let Some(at) = state
            .callers
            .iter()
            .position(|caller| *caller == self.caller)
        {
            state.callers.swap_remove(at);
        }
        if state.freeing {
            self.calls.ended.notify_all();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicBool, Ordering};
    use std::time::{Duration, Instant};

    #[test]
    fn closing_waits_for_other_threads_and_refuses_new_calls() {
        let calls = Arc::new(CallsInFlight::default());
        let ended = Arc::new(AtomicBool::new(false));
        let call = CallsInFlight::enter(&calls).unwrap();
        thread::scope(|scope| {
            let closer = scope.spawn(|| {
                calls.close();
                ended.load(Ordering::SeqCst)
            });
            // New calls are refused once the free has begun.
            let deadline = Instant::now() + Duration::from_secs(10);
            while CallsInFlight::enter(&calls).is_ok() {
                assert!(Instant::now() < deadline, "the free never began");
                thread::sleep(Duration::from_millis(1));
            }
            ended.store(true, Ordering::SeqCst);
            drop(call);
            assert!(
                closer.join().unwrap(),
                "close returned only after the call ended"
            );
        });
    }

    #[test]
    fn closing_from_inside_a_call_of_the_same_thread_does_not_wait() {
        let calls = Arc::new(CallsInFlight::default());
        let _outer = CallsInFlight::enter(&calls).unwrap();
        calls.close();
        assert!(CallsInFlight::enter(&calls).is_err());
    }

    #[test]
    fn calls_of_another_process_are_not_waited_for() {
        let calls = Arc::new(CallsInFlight::default());
        let other = thread::spawn(|| thread::current().id()).join().unwrap();
        calls
            .lock()
            .callers
            .push((process::id().wrapping_add(1), other));
        calls.close();
    }
}
