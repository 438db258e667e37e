//! The request C arguments describe: method, path, query and extra headers (JSON lists).

use bunq::{Method, Request};

use super::failure::{Failure, Outcome};
use super::json;

/// A request from the C arguments (the body is added by the caller).
pub(crate) fn build(
    method: &str,
    path: &str,
    query_json: Option<&str>,
    headers_json: Option<&str>,
) -> Outcome<Request> {
    let method = Method::parse(method).ok_or_else(|| {
        Failure::invalid_input("method must be \"GET\", \"POST\", \"PUT\" or \"DELETE\"")
    })?;
    let mut request = Request::new(method, path);
    if let Some(query_json) = query_json {
        for (key, value) in json::pairs(query_json, "query_json")? {
            request = request.query(key, value);
        }
    }
    if let Some(headers_json) = headers_json {
        for (name, value) in json::pairs(headers_json, "headers_json")? {
            request = request.header(name, value);
        }
    }
    Ok(request)
}
