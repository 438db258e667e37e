//! Doors for the fuzz targets in `fuzz/` (cargo feature `fuzzing`), not part of the API.
//!
//! Each function here only hands a crate-private function to the fuzz crate, unchanged, so
//! that a target exercises exactly the code a real call runs. (The C API's parsers have their
//! doors in the C ABI crate, `bunq_capi::fuzzing`.)

use crate::error::{ApiFailure, Result};
use crate::exchange;
use crate::keys::PublicKey;
use crate::request::Request;
use crate::response::Response;

/// The check every 2xx answer passes before anything reads it: bunq's signature over the
/// exact body bytes, and the echoed request id.
pub fn verify_answer(response: &Response, server_key: &PublicKey, request_id: &str) -> Result<()> {
    exchange::verify_answer(response, server_key, request_id)
}

/// bunq's error answer (or a proxy's page) read into status, descriptions and response id.
pub fn failure_of(response: &Response) -> ApiFailure {
    exchange::failure_of(response)
}

/// The path with the percent-encoded query, as the request line carries it.
pub fn path_and_query(request: &Request) -> String {
    request.path_and_query()
}
