//! The `bunq_response` handle: one verified answer from bunq.

use std::os::raw::c_char;

use bunq::Response;

use crate::boundary::arguments::{handle, out, string};
use crate::boundary::failure::{Failure, Outcome};
use crate::boundary::handles::free_handle;
use crate::boundary::panic_boundary::{call, guard};
use crate::boundary::status::bunq_status;
use crate::boundary::strings::{owned_bytes, owned_c_string};

/// A verified 2xx answer: status, headers and body. Opaque; made by `bunq_client_request`,
/// `bunq_pages_next` and the flow functions, released with `bunq_response_free`. Immutable,
/// so safe to read from several threads at once.
pub struct bunq_response {
    pub(crate) response: Response,
}

/// # Safety
/// `response` is NULL or a live `bunq_response`.
unsafe fn response_of<'a>(response: *const bunq_response) -> Outcome<&'a Response> {
    // SAFETY: passed on from the caller.
    Ok(&unsafe { handle(response, "response") }?.response)
}

/// Writes the HTTP status code (e.g. 200) to `*out_status`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn bunq_response_status(
    response: *const bunq_response,
    out_status: *mut u16,
) -> bunq_status {
    call(|| {
        // SAFETY: the C caller's promises (see the module rules).
        let response = unsafe { response_of(response) }?;
        let out_status = unsafe { out(out_status, "out_status") }?;
        out_status.write(response.status());
        Ok(())
    })
}

/// Looks up the first value of header `name` (borrowed; any case). On success
/// `*out_value` is a string the caller owns (release it with `bunq_string_free`), or NULL
/// when the answer has no such header.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn bunq_response_header(
    response: *const bunq_response,
    name: *const c_char,
    out_value: *mut *mut c_char,
) -> bunq_status {
    call(|| {
        // SAFETY: the C caller's promises (see the module rules).
        let response = unsafe { response_of(response) }?;
        let name = unsafe { string(name, "name") }?;
        let out_value = unsafe { out(out_value, "out_value") }?;
        out_value.write(optional_owned(response.header(name), "the header value")?);
        Ok(())
    })
}

/// The `X-Bunq-Client-Response-Id` header, the id to quote to bunq support. On success
/// `*out_response_id` is a string the caller owns (release it with `bunq_string_free`), or
/// NULL when the answer had none.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn bunq_response_response_id(
    response: *const bunq_response,
    out_response_id: *mut *mut c_char,
) -> bunq_status {
    call(|| {
        // SAFETY: the C caller's promises (see the module rules).
        let response = unsafe { response_of(response) }?;
        let out_id = unsafe { out(out_response_id, "out_response_id") }?;
        out_id.write(optional_owned(response.response_id(), "the response id")?);
        Ok(())
    })
}

/// A copy of the body bytes, exactly as received and verified. On success `*out_body` is a
/// buffer the caller owns (release it with `bunq_bytes_free`; never NULL, even for an empty
/// body) and `*out_length` its length.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn bunq_response_body(
    response: *const bunq_response,
    out_body: *mut *mut u8,
    out_length: *mut usize,
) -> bunq_status {
    call(|| {
        // SAFETY: the C caller's promises (see the module rules).
        let response = unsafe { response_of(response) }?;
        let out_body = unsafe { out(out_body, "out_body") }?;
        let out_length = unsafe { out(out_length, "out_length") }?;
        let (body, length) = owned_bytes(response.body());
        out_body.write(body);
        out_length.write(length);
        Ok(())
    })
}

/// The body as a NUL-terminated string (bunq's JSON). A body that is not UTF-8 is
/// `BUNQ_ERROR_INVALID_UTF8`, one with a NUL byte `BUNQ_ERROR_INVALID_INPUT`: use
/// `bunq_response_body` for binary answers (attachments). On success `*out_text` is a
/// string the caller owns: release it with `bunq_string_free`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn bunq_response_body_text(
    response: *const bunq_response,
    out_text: *mut *mut c_char,
) -> bunq_status {
    call(|| {
        // SAFETY: the C caller's promises (see the module rules).
        let response = unsafe { response_of(response) }?;
        let out_text = unsafe { out(out_text, "out_text") }?;
        let text = std::str::from_utf8(response.body()).map_err(|_| {
            Failure::new(
                bunq_status::BUNQ_ERROR_INVALID_UTF8,
                "the body is not UTF-8 text: use bunq_response_body",
            )
        })?;
        out_text.write(owned_c_string(text, "the body")?);
        Ok(())
    })
}

/// The id bunq gives in answer to a create (`POST`): the `id` of the first `Id` object,
/// e.g. a new payment's id. A body without one is `BUNQ_ERROR_JSON`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn bunq_response_created_id(
    response: *const bunq_response,
    out_id: *mut u64,
) -> bunq_status {
    call(|| {
        // SAFETY: the C caller's promises (see the module rules).
        let response = unsafe { response_of(response) }?;
        let out_id = unsafe { out(out_id, "out_id") }?;
        out_id.write(response.id()?);
        Ok(())
    })
}

/// Releases a response. NULL is allowed. Must not race with other calls on the same handle.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn bunq_response_free(response: *mut bunq_response) {
    guard((), || {
        // SAFETY: NULL or a live handle, released once (the caller's promise).
        unsafe { free_handle(response) }
    })
}

/// `None` as NULL, text as an owned C string.
fn optional_owned(text: Option<&str>, what: &str) -> Outcome<*mut c_char> {
    match text {
        None => Ok(std::ptr::null_mut()),
        Some(text) => owned_c_string(text, what),
    }
}
