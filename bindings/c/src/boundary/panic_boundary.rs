//! The one place where a panic is stopped before it reaches C.
//!
//! Unwinding into a C frame is undefined behaviour; every exported function runs its body
//! through [`call`] (fallible functions) or [`guard`] (accessors that return a value).

use std::any::Any;
use std::panic::{self, AssertUnwindSafe};

use super::failure::{Failure, Outcome};
use super::last_error_store;
use super::status::bunq_status;

/// Runs a fallible body: clears the last error, runs `body`, records its failure or a
/// caught panic, and returns the status. A success clears the last error again at the end:
/// a call nested in it (from an event callback) may have failed and set it meanwhile.
pub(crate) fn call(body: impl FnOnce() -> Outcome) -> bunq_status {
    last_error_store::clear();
    // AssertUnwindSafe: after a panic the call's own state is dropped; shared state (the
    // client's locks) recovers from poisoning in the core.
    match panic::catch_unwind(AssertUnwindSafe(body)) {
        Ok(Ok(())) => {
            last_error_store::clear();
            bunq_status::BUNQ_OK
        }
        Ok(Err(failure)) => last_error_store::set(failure),
        Err(payload) => last_error_store::set(panic_failure(payload.as_ref())),
    }
}

/// Runs an infallible body that returns a value, giving `fallback` if it panics. Does not
/// touch the last error (the last-error accessors use this).
pub(crate) fn guard<T>(fallback: T, body: impl FnOnce() -> T) -> T {
    panic::catch_unwind(AssertUnwindSafe(body)).unwrap_or(fallback)
}

fn panic_failure(payload: &(dyn Any + Send)) -> Failure {
    let detail = bunq::panic_message(payload);
    Failure::new(
        bunq_status::BUNQ_ERROR_PANIC,
        format!("internal error (a bug in bunq-context, please report it): {detail}"),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_becomes_a_status_and_a_message() {
        let status = call(|| panic!("boom"));
        assert_eq!(status, bunq_status::BUNQ_ERROR_PANIC);
        assert_eq!(
            crate::bunq_last_error_status(),
            bunq_status::BUNQ_ERROR_PANIC
        );
        assert_eq!(guard(7, || panic!("again")), 7);
        assert_eq!(call(|| Ok(())), bunq_status::BUNQ_OK);
        assert_eq!(crate::bunq_last_error_status(), bunq_status::BUNQ_OK);
    }

    #[test]
    fn a_success_clears_what_a_nested_failure_left() {
        let nested = || {
            let status = call(|| Err(Failure::invalid_input("nested")));
            assert_eq!(status, bunq_status::BUNQ_ERROR_INVALID_INPUT);
            Ok(())
        };
        assert_eq!(call(nested), bunq_status::BUNQ_OK);
        assert_eq!(crate::bunq_last_error_status(), bunq_status::BUNQ_OK);
    }
}
