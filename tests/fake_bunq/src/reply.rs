//! What a handler answers: bunq's success and error bodies.

use serde_json::{Value, json};

/// An answer before the server adds its common headers and signature.
#[derive(Debug)]
pub(crate) struct Reply {
    /// HTTP status code.
    pub(crate) status: u16,
    /// The exact body bytes; the signature covers these.
    pub(crate) body: Vec<u8>,
    /// The Content-Type header.
    pub(crate) content_type: String,
    /// Sign this answer with a wrong signature (the `_fake/tampered` hook).
    pub(crate) tampered: bool,
}

impl Reply {
    /// Any JSON document with the given status.
    pub(crate) fn json(status: u16, document: &Value) -> Reply {
        Reply {
            status,
            body: document.to_string().into_bytes(),
            content_type: "application/json".to_owned(),
            tampered: false,
        }
    }

    /// 200 `{"Response":[...]}`.
    pub(crate) fn ok(items: Vec<Value>) -> Reply {
        Reply::json(200, &json!({ "Response": items }))
    }

    /// 200 `{"Response":[...],"Pagination":{...}}`.
    pub(crate) fn ok_paginated(items: Vec<Value>, pagination: Value) -> Reply {
        Reply::json(200, &json!({ "Response": items, "Pagination": pagination }))
    }

    /// 200 with raw bytes, e.g. an attachment's content.
    pub(crate) fn raw(body: Vec<u8>, content_type: &str) -> Reply {
        Reply {
            status: 200,
            body,
            content_type: content_type.to_owned(),
            tampered: false,
        }
    }

    /// Whether the answer is a success and so gets signed.
    pub(crate) fn is_success(&self) -> bool {
        (200..300).contains(&self.status)
    }
}

/// A bunq-style error: status and description.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ApiError {
    pub(crate) status: u16,
    pub(crate) description: String,
}

impl ApiError {
    /// An error with any status.
    pub(crate) fn new(status: u16, description: impl Into<String>) -> ApiError {
        ApiError {
            status,
            description: description.into(),
        }
    }

    /// 400 with the given description.
    pub(crate) fn bad_request(description: impl Into<String>) -> ApiError {
        ApiError::new(400, description)
    }

    /// 401 as bunq answers for a missing, unknown, expired or deleted token.
    pub(crate) fn unauthorised() -> ApiError {
        ApiError::new(401, "Insufficient authorisation.")
    }

    /// 404 with the given description.
    pub(crate) fn not_found(description: impl Into<String>) -> ApiError {
        ApiError::new(404, description)
    }

    /// 404 for a path the fake does not know.
    pub(crate) fn route_not_found() -> ApiError {
        ApiError::not_found("Route not found")
    }

    /// bunq's answer to an API key it does not accept.
    pub(crate) fn bad_credentials() -> ApiError {
        ApiError::bad_request("User credentials are incorrect. Incorrect API key or IP address.")
    }

    /// 500 for a bug in the fake itself.
    pub(crate) fn internal() -> ApiError {
        ApiError::new(500, "The fake bunq server failed to handle this request.")
    }
}

impl From<ApiError> for Reply {
    fn from(error: ApiError) -> Reply {
        let body = json!({
            "Error": [{
                "error_description": error.description,
                "error_description_translated": error.description,
            }]
        });
        Reply::json(error.status, &body)
    }
}
