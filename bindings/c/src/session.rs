//! The session of a `bunq_client`: ensure, reset, close. (Requests renew it on their own;
//! these are for callers that want control.)

use crate::boundary::arguments::out;
use crate::boundary::panic_boundary::call;
use crate::boundary::status::bunq_status;
use crate::client::{bunq_client, client_of};

/// Opens a new session if there is none or the current one is about to expire. Writes
/// `*out_opened`: true when a new session was opened.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn bunq_session_ensure(
    client: *const bunq_client,
    out_opened: *mut bool,
) -> bunq_status {
    call(|| {
        // SAFETY: the C caller's promises (see the module rules).
        let client = unsafe { client_of(client) }?;
        let out_opened = unsafe { out(out_opened, "out_opened") }?;
        out_opened.write(client.ensure_session()?);
        Ok(())
    })
}

/// Opens a new session now, whatever the state of the current one.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn bunq_session_reset(client: *const bunq_client) -> bunq_status {
    call(|| {
        // SAFETY: the C caller's promises (see the module rules).
        let client = unsafe { client_of(client) }?;
        Ok(client.reset_session()?)
    })
}

/// Ends the session at bunq and forgets it; the next request opens a new one.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn bunq_session_close(client: *const bunq_client) -> bunq_status {
    call(|| {
        // SAFETY: the C caller's promises (see the module rules).
        let client = unsafe { client_of(client) }?;
        Ok(client.close_session()?)
    })
}

/// Writes `*out_active`: whether the client has a session with more than its renewal margin
/// left (no network call).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn bunq_session_is_active(
    client: *const bunq_client,
    out_active: *mut bool,
) -> bunq_status {
    call(|| {
        // SAFETY: the C caller's promises (see the module rules).
        let client = unsafe { client_of(client) }?;
        let out_active = unsafe { out(out_active, "out_active") }?;
        out_active.write(client.is_session_active());
        Ok(())
    })
}
