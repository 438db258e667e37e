//! The calling thread's last error: a thread-local slot that the panic boundary clears when
//! a call starts and fills when it fails (`last_error.rs` has the exported accessors).

use std::cell::RefCell;

use super::failure::Failure;
use super::status::bunq_status;

thread_local! {
    static LAST_ERROR: RefCell<Option<Failure>> = const { RefCell::new(None) };
}

/// Forgets the last error (at the start of each call).
pub(crate) fn clear() {
    LAST_ERROR.with(|slot| slot.borrow_mut().take());
}

/// Records `failure` as the last error and returns its status.
pub(crate) fn set(failure: Failure) -> bunq_status {
    let status = failure.status;
    LAST_ERROR.with(|slot| *slot.borrow_mut() = Some(failure));
    status
}

/// Reads the last error, if any, with `read`.
pub(crate) fn with_last<T>(read: impl FnOnce(Option<&Failure>) -> T) -> T {
    LAST_ERROR.with(|slot| read(slot.borrow().as_ref()))
}
