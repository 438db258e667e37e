//! Sending any request with a `bunq_client`.

use std::os::raw::c_char;

use crate::boundary::arguments::{bytes, optional_string, out, string};
use crate::boundary::handles::new_handle;
use crate::boundary::panic_boundary::call;
use crate::boundary::requests;
use crate::boundary::status::bunq_status;
use crate::client::{bunq_client, client_of};
use crate::response::bunq_response;

/// Sends a request to any bunq endpoint: standard headers, the session token (a session is
/// opened or renewed when needed), the body signed byte for byte; bunq's answer is verified.
///
/// - `method` (borrowed): `"GET"`, `"POST"`, `"PUT"` or `"DELETE"` (any case).
/// - `path` (borrowed): relative to the base URL, e.g. `"user/1/monetary-account"`; a
///   pagination URL such as `"/v1/user/1/payment?older_id=5"` works too.
/// - `query_json` (borrowed, may be NULL): query parameters, percent-encoded when sent, as
///   `{"count": 200}` or `[["count", "200"], ...]` (values: strings, numbers, booleans).
/// - `body`, `body_length` (borrowed; NULL allowed when the length is 0): sent exactly as
///   given, e.g. the JSON text of a payment.
/// - `headers_json` (borrowed, may be NULL): extra headers in the same shapes as the query,
///   e.g. `{"Content-Type": "image/png"}` for an attachment.
///
/// Only 2xx answers succeed: on success `*out_response` is a new handle the caller owns
/// (release it with `bunq_response_free`). bunq's refusals are `BUNQ_ERROR_API` (or
/// `BUNQ_ERROR_RATE_LIMITED`) with the HTTP status, descriptions and response id in the
/// last error; an answer with a wrong signature is `BUNQ_ERROR_SIGNATURE`.
#[unsafe(no_mangle)]
#[allow(clippy::too_many_arguments)] // the seven parts of a request, as C passes them
pub unsafe extern "C" fn bunq_client_request(
    client: *const bunq_client,
    method: *const c_char,
    path: *const c_char,
    query_json: *const c_char,
    body: *const u8,
    body_length: usize,
    headers_json: *const c_char,
    out_response: *mut *mut bunq_response,
) -> bunq_status {
    call(|| {
        // SAFETY: the C caller's promises (see the module rules).
        let client = unsafe { client_of(client) }?;
        let method = unsafe { string(method, "method") }?;
        let path = unsafe { string(path, "path") }?;
        let query_json = unsafe { optional_string(query_json, "query_json") }?;
        let body = unsafe { bytes(body, body_length, "body") }?;
        let headers_json = unsafe { optional_string(headers_json, "headers_json") }?;
        let out_response = unsafe { out(out_response, "out_response") }?;
        let request = requests::build(method, path, query_json, headers_json)?.body(body);
        let response = client.send(&request)?;
        out_response.write(new_handle(bunq_response { response }));
        Ok(())
    })
}
