//! Releasing the memory this library hands to C: `bunq_string_free` and `bunq_bytes_free`.

use std::ffi::CString;
use std::os::raw::c_char;

use crate::boundary::panic_boundary::guard;
use crate::boundary::strings::LENGTH_PREFIX;

/// Releases a string returned by this library (any `char *` it returned). NULL is allowed
/// and does nothing. Passing anything else, or the same string twice, is undefined behaviour.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn bunq_string_free(string: *mut c_char) {
    guard((), || {
        if !string.is_null() {
            // SAFETY: the caller passes a string from `owned_c_string*`, released once.
            drop(unsafe { CString::from_raw(string) });
        }
    })
}

/// Releases a byte buffer returned by this library (any `uint8_t *` it returned, e.g. by
/// `bunq_response_body`). NULL is allowed and does nothing. The buffer knows its own length.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn bunq_bytes_free(bytes: *mut u8) {
    guard((), || {
        if bytes.is_null() {
            return;
        }
        // SAFETY: the caller passes a pointer from `owned_bytes`, which sits LENGTH_PREFIX
        // bytes into an allocation that starts with the length of what follows.
        unsafe {
            let whole = bytes.sub(LENGTH_PREFIX);
            let mut length = [0u8; LENGTH_PREFIX];
            std::ptr::copy_nonoverlapping(whole, length.as_mut_ptr(), LENGTH_PREFIX);
            let total = LENGTH_PREFIX + usize::from_ne_bytes(length);
            drop(Box::from_raw(std::ptr::slice_from_raw_parts_mut(
                whole, total,
            )));
        }
    })
}
