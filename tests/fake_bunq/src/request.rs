//! An incoming request, read completely off the socket, and its body fields.

use serde_json::{Map, Value};

use crate::http::RawRequest;
use crate::query;
use crate::reply::ApiError;

/// A request as the routes see it.
#[derive(Debug, Clone)]
pub(crate) struct Incoming {
    /// Upper-case HTTP method.
    pub(crate) method: String,
    /// The path after `/v1/` without the query, e.g. "user/1/monetary-account"; `None` for
    /// paths outside `/v1/`.
    pub(crate) endpoint: Option<String>,
    /// The raw path as requested (without the query), for counting unknown paths.
    pub(crate) path: String,
    /// Decoded query parameters in order.
    pub(crate) query: Vec<(String, String)>,
    /// Headers with lower-case names.
    pub(crate) headers: Vec<(String, String)>,
    /// The exact body bytes; client signatures cover these.
    pub(crate) body: Vec<u8>,
}

impl Incoming {
    /// The request as the routes see it: upper-case method, lower-case header names,
    /// decoded query.
    pub(crate) fn from_raw(raw: RawRequest) -> Incoming {
        let (path, query_text) = raw.url.split_once('?').unwrap_or((raw.url.as_str(), ""));
        let headers = raw
            .headers
            .into_iter()
            .map(|(name, value)| (name.to_ascii_lowercase(), value))
            .collect();
        Incoming {
            method: raw.method.to_ascii_uppercase(),
            endpoint: path.strip_prefix("/v1/").map(str::to_owned),
            path: path.to_owned(),
            query: query::parse(query_text),
            headers,
            body: raw.body,
        }
    }

    /// The path segments after `/v1/`, without empty ones from a trailing slash.
    pub(crate) fn segments(&self) -> Vec<&str> {
        self.endpoint
            .as_deref()
            .map(|endpoint| endpoint.split('/').filter(|s| !s.is_empty()).collect())
            .unwrap_or_default()
    }

    /// The key calls are counted and rate-limited under, e.g. "GET user/1/monetary-account".
    pub(crate) fn call_key(&self) -> String {
        let endpoint = match &self.endpoint {
            Some(endpoint) => endpoint.trim_end_matches('/'),
            None => self.path.trim_start_matches('/'),
        };
        format!("{} {endpoint}", self.method)
    }

    /// The value of a header (case-insensitive name), if present.
    pub(crate) fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(field, _)| field.eq_ignore_ascii_case(name))
            .map(|(_, value)| value.as_str())
    }

    /// The first value of a query parameter, if present.
    pub(crate) fn query_param(&self, name: &str) -> Option<&str> {
        self.query
            .iter()
            .find(|(field, _)| field == name)
            .map(|(_, value)| value.as_str())
    }

    /// The body as a JSON object; an empty body counts as `{}` (bunq accepts empty bodies
    /// where nothing is required, e.g. sandbox-user-person).
    pub(crate) fn json_object(&self) -> Result<Map<String, Value>, ApiError> {
        if self.body.iter().all(u8::is_ascii_whitespace) {
            return Ok(Map::new());
        }
        match serde_json::from_slice(&self.body) {
            Ok(Value::Object(object)) => Ok(object),
            Ok(_) => Err(ApiError::bad_request(
                "The request body must be a JSON object.",
            )),
            Err(_) => Err(ApiError::bad_request("The request body is not valid JSON.")),
        }
    }
}

/// A required string field of a JSON body.
pub(crate) fn required_str<'a>(
    body: &'a Map<String, Value>,
    field: &str,
) -> Result<&'a str, ApiError> {
    match body.get(field) {
        Some(Value::String(text)) => Ok(text),
        Some(_) => Err(ApiError::bad_request(format!(
            "The field \"{field}\" must be a string."
        ))),
        None => Err(missing_field(field)),
    }
}

/// A required object field of a JSON body.
pub(crate) fn required_object<'a>(
    body: &'a Map<String, Value>,
    field: &str,
) -> Result<&'a Map<String, Value>, ApiError> {
    match body.get(field) {
        Some(Value::Object(object)) => Ok(object),
        Some(_) => Err(ApiError::bad_request(format!(
            "The field \"{field}\" must be an object."
        ))),
        None => Err(missing_field(field)),
    }
}

/// The error for a required field that is absent.
pub(crate) fn missing_field(field: &str) -> ApiError {
    ApiError::bad_request(format!("The field \"{field}\" is required."))
}
