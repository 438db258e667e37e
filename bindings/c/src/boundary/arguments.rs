//! Checks on what C passes in: NULL, UTF-8, lengths. Each check names the argument (never
//! its value, which may be a secret) in its failure.

use std::ffi::CStr;
use std::os::raw::c_char;
use std::ptr::NonNull;

use super::failure::{Failure, Outcome};
use super::status::bunq_status;

/// A required string argument: non-NULL, NUL-terminated, UTF-8.
///
/// # Safety
/// `pointer` is NULL or points to a NUL-terminated string that outlives `'a`.
pub(crate) unsafe fn string<'a>(pointer: *const c_char, name: &str) -> Outcome<&'a str> {
    // SAFETY: the caller promises a NUL-terminated string, or NULL (returned as None).
    unsafe { optional_string(pointer, name) }?.ok_or_else(|| Failure::null_argument(name))
}

/// An optional string argument: NULL is `None`.
///
/// # Safety
/// As for [`string`].
pub(crate) unsafe fn optional_string<'a>(
    pointer: *const c_char,
    name: &str,
) -> Outcome<Option<&'a str>> {
    if pointer.is_null() {
        return Ok(None);
    }
    // SAFETY: non-NULL and, by the caller's promise, NUL-terminated and alive for 'a.
    let text = unsafe { CStr::from_ptr(pointer) };
    text.to_str().map(Some).map_err(|error| {
        Failure::new(
            bunq_status::BUNQ_ERROR_INVALID_UTF8,
            format!(
                "{name} is not valid UTF-8 (invalid byte at offset {})",
                error.valid_up_to()
            ),
        )
    })
}

/// A byte buffer argument: NULL is allowed only with length 0.
///
/// # Safety
/// `pointer` is NULL or points to `length` readable bytes that outlive `'a`.
pub(crate) unsafe fn bytes<'a>(pointer: *const u8, length: usize, name: &str) -> Outcome<&'a [u8]> {
    if length == 0 {
        return Ok(&[]);
    }
    if pointer.is_null() {
        return Err(Failure::null_argument(name));
    }
    if length > isize::MAX as usize {
        return Err(Failure::invalid_input(format!("{name} is too long")));
    }
    // SAFETY: non-NULL, and the caller promises `length` readable bytes.
    Ok(unsafe { std::slice::from_raw_parts(pointer, length) })
}

/// A handle argument: non-NULL, made by this library, not yet freed.
///
/// # Safety
/// `pointer` is NULL or a live handle of type `T` that outlives `'a`.
pub(crate) unsafe fn handle<'a, T>(pointer: *const T, name: &str) -> Outcome<&'a T> {
    // SAFETY: the caller promises a live handle, or NULL (as_ref gives None).
    unsafe { pointer.as_ref() }.ok_or_else(|| Failure::null_argument(name))
}

/// An out-parameter, checked before any work is done and written once at the very end, so
/// that a failure leaves it untouched.
pub(crate) struct Out<T>(NonNull<T>);

/// Checks an out-parameter.
///
/// # Safety
/// `pointer` is NULL or valid for writing one `T` until the call returns.
pub(crate) unsafe fn out<T>(pointer: *mut T, name: &str) -> Outcome<Out<T>> {
    NonNull::new(pointer)
        .map(Out)
        .ok_or_else(|| Failure::null_argument(name))
}

impl<T> Out<T> {
    /// Writes the result (without reading or dropping what was there: it may be
    /// uninitialised).
    pub fn write(self, value: T) {
        // SAFETY: `out` was given a pointer valid for writing one T.
        unsafe { self.0.as_ptr().write(value) }
    }
}
