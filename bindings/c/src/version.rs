//! What library this is: its version and the version of its ABI.

use std::os::raw::{c_char, c_int};

use crate::boundary::panic_boundary::guard;
use crate::boundary::status::bunq_status;

// The one place the ABI version is written: build.rs (the SONAME), the Makefile and
// tests/c/run.sh read it from this line, the bindings' generated declarations (`cargo run -p
// bunq-codegen -- bindings`) from the header's #define.
/// The version of the C ABI this header describes: `bunq_abi_version()` of a library built
/// with it returns this. Raised whenever a function's signature, a handle's meaning or a
/// status code changes.
pub const BUNQ_ABI_VERSION: u32 = 1;

/// The library's version, e.g. `"0.1.0"`. A static string: do not free it.
#[unsafe(no_mangle)]
pub extern "C" fn bunq_version() -> *const c_char {
    guard(std::ptr::null(), || {
        concat!(env!("CARGO_PKG_VERSION"), "\0").as_ptr().cast()
    })
}

/// The ABI version of this library. Bindings compare it with the value they were written
/// for (`BUNQ_ABI_VERSION` of this header) and refuse to load on a mismatch.
#[unsafe(no_mangle)]
pub extern "C" fn bunq_abi_version() -> u32 {
    guard(0, || BUNQ_ABI_VERSION)
}

/// The name of a status code, e.g. `"BUNQ_ERROR_API"`, or `"BUNQ_UNKNOWN_STATUS"` for a
/// number that is none. A static string: do not free it.
#[unsafe(no_mangle)]
pub extern "C" fn bunq_status_name(status: c_int) -> *const c_char {
    guard(std::ptr::null(), || {
        let name = usize::try_from(status)
            .ok()
            .and_then(|index| bunq_status::ALL.get(index))
            .map_or("BUNQ_UNKNOWN_STATUS\0", |status| status.name_with_nul());
        name.as_ptr().cast()
    })
}
