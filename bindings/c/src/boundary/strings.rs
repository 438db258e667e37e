//! Memory handed to C: owned strings and byte buffers (released by `memory.rs`'s functions).
//!
//! Strings are `CString`s given away with `into_raw`. Byte buffers remember their own length
//! in a hidden prefix, so that `bunq_bytes_free` needs only the pointer, like
//! `bunq_string_free`: a caller cannot pass back a wrong length.

use std::ffi::CString;
use std::os::raw::c_char;

use super::failure::{Failure, Outcome};

/// The hidden length prefix of a byte buffer.
pub(crate) const LENGTH_PREFIX: usize = size_of::<usize>();

/// Text as an owned C string. Text with a NUL byte cannot be one: that is an error naming
/// `what`.
pub(crate) fn owned_c_string(text: impl Into<Vec<u8>>, what: &str) -> Outcome<*mut c_char> {
    CString::new(text)
        .map(CString::into_raw)
        .map_err(|_| Failure::invalid_input(format!("{what} contains a NUL byte")))
}

/// For accessors that cannot fail: `None` is NULL; a NUL byte inside (never expected in a
/// message) is shown as `\0` rather than losing the text.
pub(crate) fn owned_c_string_or_null(text: Option<&str>) -> *mut c_char {
    match text {
        None => std::ptr::null_mut(),
        Some(text) => CString::new(text.replace('\0', "\\0"))
            .map(CString::into_raw)
            .unwrap_or(std::ptr::null_mut()),
    }
}

/// A copy of `bytes` as an owned buffer for C: the pointer and the length.
pub(crate) fn owned_bytes(bytes: &[u8]) -> (*mut u8, usize) {
    let mut buffer = Vec::with_capacity(LENGTH_PREFIX + bytes.len());
    buffer.extend_from_slice(&bytes.len().to_ne_bytes());
    buffer.extend_from_slice(bytes);
    let whole = Box::into_raw(buffer.into_boxed_slice()) as *mut u8;
    // SAFETY: the allocation is LENGTH_PREFIX + len bytes long, so the offset is in bounds.
    (unsafe { whole.add(LENGTH_PREFIX) }, bytes.len())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::memory::bunq_bytes_free;

    #[test]
    fn byte_buffers_round_trip_and_free() {
        for data in [&b""[..], b"x", b"\0\xffbody"] {
            let (pointer, length) = owned_bytes(data);
            assert!(!pointer.is_null());
            assert_eq!(length, data.len());
            // SAFETY: just made with that length.
            let copy = unsafe { std::slice::from_raw_parts(pointer, length) };
            assert_eq!(copy, data);
            // SAFETY: from owned_bytes, freed once.
            unsafe { bunq_bytes_free(pointer) };
        }
    }

    #[test]
    fn a_nul_inside_is_an_error_for_results_and_escaped_for_messages() {
        assert!(owned_c_string("a\0b", "the body").is_err());
        let message = owned_c_string_or_null(Some("a\0b"));
        // SAFETY: just made.
        let text = unsafe { CString::from_raw(message) };
        assert_eq!(text.to_str().unwrap(), "a\\0b");
    }
}
