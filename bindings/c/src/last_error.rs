//! The accessors of the calling thread's last error (`bunq_last_error_*`).
//!
//! Every other function clears it when it starts and sets it when it fails (the store is
//! `boundary/last_error_store.rs`), so after a failed call it describes that call, and after
//! a successful one it is empty. The accessors themselves leave it alone, so they can be
//! called in any order, any number of times.

use std::os::raw::c_char;

use crate::boundary::last_error_store::with_last;
use crate::boundary::panic_boundary::guard;
use crate::boundary::status::bunq_status;
use crate::boundary::strings::owned_c_string_or_null;

/// The status of this thread's last failed call, or `BUNQ_OK` when the last call succeeded.
/// Does not clear the last error.
#[unsafe(no_mangle)]
pub extern "C" fn bunq_last_error_status() -> bunq_status {
    guard(bunq_status::BUNQ_ERROR_PANIC, || {
        with_last(|last| last.map_or(bunq_status::BUNQ_OK, |failure| failure.status))
    })
}

/// The last error's message (for bunq's refusals, in the official SDKs' wording, response id
/// included), or NULL when the last call succeeded. Never contains an API key, token or
/// private key. The caller owns the string: release it with `bunq_string_free`.
#[unsafe(no_mangle)]
pub extern "C" fn bunq_last_error_message() -> *mut c_char {
    guard(std::ptr::null_mut(), || {
        with_last(|last| owned_c_string_or_null(last.map(|failure| failure.message.as_str())))
    })
}

/// The HTTP status of bunq's error answer (e.g. 404), or 0 when the last error was not an
/// answer from bunq (or there is none).
#[unsafe(no_mangle)]
pub extern "C" fn bunq_last_error_http_status() -> u16 {
    guard(0, || {
        with_last(|last| {
            last.and_then(|failure| failure.api.as_ref())
                .map_or(0, |api| api.status)
        })
    })
}

/// How many `error_description`s bunq's error answer had (0 when none, or no error).
#[unsafe(no_mangle)]
pub extern "C" fn bunq_last_error_description_count() -> usize {
    guard(0, || {
        with_last(|last| {
            last.and_then(|failure| failure.api.as_ref())
                .map_or(0, |api| api.descriptions.len())
        })
    })
}

/// bunq's `error_description` number `index` (from 0), or NULL when `index` is out of
/// range. The caller owns the string: release it with `bunq_string_free`.
#[unsafe(no_mangle)]
pub extern "C" fn bunq_last_error_description(index: usize) -> *mut c_char {
    guard(std::ptr::null_mut(), || {
        with_last(|last| {
            let description = last
                .and_then(|failure| failure.api.as_ref())
                .and_then(|api| api.descriptions.get(index));
            owned_c_string_or_null(description.map(String::as_str))
        })
    })
}

/// The `X-Bunq-Client-Response-Id` of bunq's error answer (the id to quote to bunq
/// support), or NULL when there was none. The caller owns the string: release it with
/// `bunq_string_free`.
#[unsafe(no_mangle)]
pub extern "C" fn bunq_last_error_response_id() -> *mut c_char {
    guard(std::ptr::null_mut(), || {
        with_last(|last| {
            let id = last
                .and_then(|failure| failure.api.as_ref())
                .and_then(|api| api.response_id.as_deref());
            owned_c_string_or_null(id)
        })
    })
}

/// The step of context creation that failed (`installation`, `device-server`,
/// `session-server`, `payment-service-provider-credential`), or NULL when the last error
/// happened outside those steps. The caller owns the string: release it with
/// `bunq_string_free`.
#[unsafe(no_mangle)]
pub extern "C" fn bunq_last_error_step() -> *mut c_char {
    guard(std::ptr::null_mut(), || {
        with_last(|last| owned_c_string_or_null(last.and_then(|failure| failure.step.as_deref())))
    })
}
