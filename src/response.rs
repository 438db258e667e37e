//! bunq's answer: status, headers, the raw body, and helpers that decode bunq's envelope.
//!
//! A successful bunq answer looks like
//! `{"Response": [{"<ObjectType>": {...}}, ...], "Pagination": {...}}`. The helpers here read
//! that envelope without a fixed schema, so fields bunq adds later never break decoding.

use serde_json::Value;

use crate::error::{Error, ErrorKind, Result};
use crate::request::{BodyLength, DebugHeaders};

/// The name of the header carrying bunq's response id.
pub const RESPONSE_ID_HEADER: &str = "X-Bunq-Client-Response-Id";

/// An answer from bunq whose signature (when required) has been verified.
///
/// `Debug` output shows the body's length, not its content: answers can carry tokens (a
/// session) or other secrets. Read the body with [`body`](Self::body) or
/// [`json`](Self::json).
#[derive(Clone, PartialEq, Eq)]
pub struct Response {
    status: u16,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

impl Response {
    /// A response from its parts (useful in tests of code that consumes responses).
    pub fn new(status: u16, headers: Vec<(String, String)>, body: Vec<u8>) -> Response {
        Response {
            status,
            headers,
            body,
        }
    }

    /// The HTTP status code.
    pub fn status(&self) -> u16 {
        self.status
    }

    /// Every header as received (names as the server wrote them).
    pub fn headers(&self) -> &[(String, String)] {
        &self.headers
    }

    /// The first value of a header, looked up case-insensitively.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(key, _)| key.eq_ignore_ascii_case(name))
            .map(|(_, value)| value.as_str())
    }

    /// `X-Bunq-Client-Response-Id`, the id to quote to bunq support.
    pub fn response_id(&self) -> Option<&str> {
        self.header(RESPONSE_ID_HEADER)
    }

    /// The raw body bytes, exactly as received and verified.
    pub fn body(&self) -> &[u8] {
        &self.body
    }

    /// Takes the body out of the response.
    pub fn into_body(self) -> Vec<u8> {
        self.body
    }

    /// The body parsed as JSON.
    pub fn json(&self) -> Result<Value> {
        Ok(serde_json::from_slice(&self.body)?)
    }

    /// The objects of the `Response` array, each still wrapped in its type name
    /// (`{"UserPerson": {...}}`).
    pub fn objects(&self) -> Result<Vec<Value>> {
        let mut json = self.json()?;
        match json.get_mut("Response").map(Value::take) {
            Some(Value::Array(objects)) => Ok(objects),
            _ => Err(missing("a \"Response\" array")),
        }
    }

    /// The first object of type `type_name` in the `Response` array, unwrapped, or `None`.
    pub fn first(&self, type_name: &str) -> Result<Option<Value>> {
        Ok(self
            .objects()?
            .into_iter()
            .find_map(|mut object| object.get_mut(type_name).map(Value::take)))
    }

    /// Every object of type `type_name` in the `Response` array, unwrapped.
    pub fn all(&self, type_name: &str) -> Result<Vec<Value>> {
        Ok(self
            .objects()?
            .into_iter()
            .filter_map(|mut object| object.get_mut(type_name).map(Value::take))
            .collect())
    }

    /// The `id` of the first `Id` object: what bunq answers to a create (`POST`).
    pub fn id(&self) -> Result<u64> {
        self.first("Id")?
            .and_then(|id| id.get("id").and_then(Value::as_u64))
            .ok_or_else(|| missing("an \"Id\" object with a numeric id"))
    }

    /// The `Pagination` object of a list answer, if present.
    pub fn pagination(&self) -> Result<Option<Pagination>> {
        let json = self.json()?;
        Ok(json.get("Pagination").map(Pagination::from_json))
    }
}

impl std::fmt::Debug for Response {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Response")
            .field("status", &self.status)
            .field("headers", &DebugHeaders(&self.headers))
            .field("body", &BodyLength(self.body.len()))
            .finish()
    }
}

fn missing(what: &str) -> Error {
    Error::new(ErrorKind::Json, format!("bunq's answer lacks {what}"))
}

/// The links of a list answer: each is a path with query, usable as a request path.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Pagination {
    /// The previous (older) page, if there is one.
    pub older_url: Option<String>,
    /// The next (newer) page, if there is one.
    pub newer_url: Option<String>,
    /// Where items newer than this page's newest will appear: poll it later.
    pub future_url: Option<String>,
}

impl Pagination {
    fn from_json(json: &Value) -> Pagination {
        let url = |key: &str| json.get(key).and_then(Value::as_str).map(str::to_owned);
        Pagination {
            older_url: url("older_url"),
            newer_url: url("newer_url"),
            future_url: url("future_url"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn answer(body: &str) -> Response {
        Response::new(
            200,
            vec![("x-bunq-client-response-id".into(), "r-1".into())],
            body.as_bytes().to_vec(),
        )
    }

    #[test]
    fn the_envelope_decodes() {
        let response = answer(
            r#"{"Response":[{"Id":{"id":7}},{"Token":{"token":"t"}},{"Token":{"token":"u"}}],
                "Pagination":{"older_url":"/v1/x?older_id=1","newer_url":null,"future_url":"/v1/x?newer_id=9"}}"#,
        );
        assert_eq!(response.id().unwrap(), 7);
        assert_eq!(response.first("Token").unwrap().unwrap()["token"], "t");
        assert_eq!(response.all("Token").unwrap().len(), 2);
        assert!(response.first("UserPerson").unwrap().is_none());
        let pagination = response.pagination().unwrap().unwrap();
        assert_eq!(pagination.older_url.as_deref(), Some("/v1/x?older_id=1"));
        assert_eq!(pagination.newer_url, None);
        assert_eq!(response.response_id(), Some("r-1"));
        assert_eq!(response.header("X-BUNQ-CLIENT-RESPONSE-ID"), Some("r-1"));
    }

    #[test]
    fn a_body_without_the_envelope_is_a_json_error() {
        let error = answer("{}").objects().unwrap_err();
        assert_eq!(error.kind(), ErrorKind::Json);
        let error = answer("<html>").json().unwrap_err();
        assert_eq!(error.kind(), ErrorKind::Json);
    }
}
