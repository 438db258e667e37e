//! Doors for the fuzz targets in `fuzz/` (cargo feature `fuzzing`), not part of the API.
//!
//! Each function here only hands a crate-private function to the fuzz crate, unchanged, so
//! that a target exercises exactly the code a real call runs. Failures of the C API's
//! parsers come back as the status and message the `bunq_last_error_*` accessors would show.

use crate::error::{ApiFailure, Result};
use crate::ffi::bunq_status;
use crate::keys::PublicKey;
use crate::request::Request;
use crate::response::Response;
use crate::{ContextBuilder, exchange, ffi};

/// What the C API reports for a refused argument: the status and the last error's message.
pub type CFailure = (bunq_status, String);

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

/// `bunq_client_create`'s `config_json`, parsed (no network call: the context is not made).
pub fn creation_config(config_json: &str) -> std::result::Result<ContextBuilder, CFailure> {
    ffi::options::creation(config_json)
        .map(|(builder, _options)| builder)
        .map_err(|failure| (failure.status, failure.message))
}

/// The request `bunq_client_request` builds from its C arguments (before the body).
pub fn c_request(
    method: &str,
    path: &str,
    query_json: Option<&str>,
    headers_json: Option<&str>,
) -> std::result::Result<Request, CFailure> {
    ffi::request::build(method, path, query_json, headers_json)
        .map_err(|failure| (failure.status, failure.message))
}
