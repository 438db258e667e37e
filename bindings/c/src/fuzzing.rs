//! Doors for the fuzz targets in `fuzz/` (cargo feature `fuzzing`), not part of the API.
//!
//! Each function here only hands a crate-private parser to the fuzz crate, unchanged, so that
//! a target exercises exactly the code a real call runs. Failures come back as the status and
//! message the `bunq_last_error_*` accessors would show.

use bunq::{ContextBuilder, Request};

use crate::boundary::status::bunq_status;

/// What the C API reports for a refused argument: the status and the last error's message.
pub type CFailure = (bunq_status, String);

/// `bunq_client_create`'s `config_json`, parsed (no network call: the context is not made).
pub fn creation_config(config_json: &str) -> Result<ContextBuilder, CFailure> {
    crate::boundary::options::creation(config_json)
        .map(|(builder, _options)| builder)
        .map_err(|failure| (failure.status, failure.message))
}

/// The request `bunq_client_request` builds from its C arguments (before the body).
pub fn c_request(
    method: &str,
    path: &str,
    query_json: Option<&str>,
    headers_json: Option<&str>,
) -> Result<Request, CFailure> {
    crate::boundary::requests::build(method, path, query_json, headers_json)
        .map_err(|failure| (failure.status, failure.message))
}
