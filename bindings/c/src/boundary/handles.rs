//! Handles given to C: made once by `new_handle`, released once by `free_handle` (from the
//! type's own `bunq_..._free`).

/// Gives a new handle to C.
pub(crate) fn new_handle<T>(value: T) -> *mut T {
    Box::into_raw(Box::new(value))
}

/// Releases a handle from [`new_handle`]; NULL is allowed and does nothing.
///
/// # Safety
/// `handle` is NULL or a live handle from `new_handle`, released once (the C caller's
/// promise to the `bunq_..._free` function).
pub(crate) unsafe fn free_handle<T>(handle: *mut T) {
    if !handle.is_null() {
        // SAFETY: a live handle from `new_handle`, released once (the caller's promise).
        drop(unsafe { Box::from_raw(handle) });
    }
}
