//! The C ABI: the functions declared in `include/bunq.h`.
//!
//! Every function here follows the same rules, stated once (docs/c.md's "API conventions"
//! repeats them for C programmers):
//!
//! 1. **Names.** Every symbol is `bunq_<noun>_<verb>`. Handles (`bunq_client`,
//!    `bunq_response`, `bunq_pages`, `bunq_signing_key`) are opaque: created by a `*_create`, `*_new` or
//!    `*_restore` function, released by the matching `*_free`, which accepts NULL.
//! 2. **Status.** Every fallible function returns a [`bunq_status`]: `BUNQ_OK` (0) or one
//!    code per kind of failure. Results go through out-parameters, written only on success;
//!    on failure nothing is written and nothing is left half done for the caller to release.
//! 3. **Last error.** Every function that returns a [`bunq_status`] clears the calling
//!    thread's last error when it starts, stores its details there when it fails, and leaves
//!    it empty when it succeeds (a call nested in its event callback may have failed). The
//!    `bunq_last_error_*` accessors read them (message, HTTP status, bunq's descriptions,
//!    response id); they, `bunq_version`, `bunq_abi_version`, `bunq_status_name`,
//!    `bunq_string_free`, `bunq_bytes_free` and every `*_free` neither clear nor set it.
//!    Messages never contain a secret, even one a server echoed (see `redaction`).
//! 4. **Strings in.** Borrowed, NUL-terminated UTF-8, only read during the call. Invalid
//!    UTF-8 is `BUNQ_ERROR_INVALID_UTF8`, never replaced. Binary data is pointer + length.
//! 5. **Strings out.** Owned `char *`, released only with [`bunq_string_free`]. Byte buffers
//!    are owned `uint8_t *` + length, released only with [`bunq_bytes_free`]. Static strings
//!    (`bunq_version`) are `const char *` and never released. Every owned object (string,
//!    buffer, handle) is released exactly once with its own kind's function: twice, or with
//!    another kind's, is undefined behaviour, like a double `free()`.
//! 6. **Pointers.** Every pointer argument is checked: NULL is `BUNQ_ERROR_NULL_ARGUMENT`,
//!    except where a function's documentation says NULL is allowed. A non-NULL pointer must
//!    be valid: a handle from this library not yet freed, a string or buffer of the stated
//!    length, an out-parameter pointing to writable memory.
//! 7. **Panics.** Every body runs inside one panic boundary: a bug in the library becomes
//!    `BUNQ_ERROR_PANIC` with a message, never an unwinding across the C frame.
//! 8. **Threads.** A handle may be used from several threads at once. `bunq_client_free`
//!    waits for the calls running on the client in other threads; every other
//!    `*_free` must not race with other calls on its handle.
//! 9. **Compatibility.** [`bunq_abi_version`] changes whenever a signature or a status code
//!    does; bindings compare it with the value they were written for.
//!
//! Configuration that has many optional parts (creating and restoring clients, queries,
//! extra headers) is passed as a JSON string; the formats are documented on the functions
//! that take them.

// The safety contract of every function is the same (rules 4 to 6 above), stated once here
// and in the header instead of in a `# Safety` section per function.
#![allow(clippy::missing_safety_doc)]
// The C names (`bunq_client`, `BUNQ_OK`) are the ABI.
#![allow(non_camel_case_types)]

mod attachment;
mod boundary;
mod callbacks;
mod calls;
mod calls_in_flight;
mod client;
mod events;
#[cfg(feature = "fuzzing")]
#[doc(hidden)]
pub mod fuzzing;
mod kept_keys;
mod keys;
mod last_error;
mod memory;
mod oauth;
mod pagination;
mod psd2;
mod request;
mod response;
mod sandbox;
mod session;
mod version;

pub use attachment::*;
pub use boundary::status::bunq_status;
pub use callbacks::*;
pub use calls::*;
pub use client::*;
pub use events::{
    bunq_client_create_with_events, bunq_client_set_event_callback, bunq_event_callback,
};
pub use keys::*;
pub use last_error::*;
pub use memory::{bunq_bytes_free, bunq_string_free};
pub use oauth::*;
pub use pagination::*;
pub use psd2::*;
pub use request::*;
pub use response::*;
pub use sandbox::*;
pub use session::*;
pub use version::*;

/// Rule 8 checked by the compiler: every handle may be shared between threads.
const _: () = {
    const fn shareable<T: Send + Sync>() {}
    shareable::<bunq_client>();
    shareable::<bunq_response>();
    shareable::<bunq_pages>();
    shareable::<bunq_signing_key>();
};
