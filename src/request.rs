//! A request to any bunq endpoint, before the client adds headers and signs it.

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};

/// Characters left alone in query keys and values (RFC 3986 unreserved).
const QUERY_COMPONENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'_')
    .remove(b'.')
    .remove(b'~');

/// Percent-encodes one query key or value.
pub(crate) fn encode_query_component(value: &str) -> String {
    utf8_percent_encode(value, QUERY_COMPONENT).to_string()
}

/// `k1=v1&k2=v2`, each part percent-encoded.
pub(crate) fn encode_query(pairs: &[(String, String)]) -> String {
    pairs
        .iter()
        .map(|(key, value)| {
            format!(
                "{}={}",
                encode_query_component(key),
                encode_query_component(value)
            )
        })
        .collect::<Vec<_>>()
        .join("&")
}

/// The HTTP methods bunq's API uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Method {
    /// Read.
    Get,
    /// Create.
    Post,
    /// Update.
    Put,
    /// Delete.
    Delete,
}

impl Method {
    /// The method's name, e.g. `GET`.
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
            Method::Put => "PUT",
            Method::Delete => "DELETE",
        }
    }

    /// Parses a method name (any case).
    pub fn parse(name: &str) -> Option<Method> {
        match name.to_ascii_uppercase().as_str() {
            "GET" => Some(Method::Get),
            "POST" => Some(Method::Post),
            "PUT" => Some(Method::Put),
            "DELETE" => Some(Method::Delete),
            _ => None,
        }
    }
}

/// A request: method, endpoint path, query, body bytes and extra headers.
///
/// The path is relative to the environment's base URL (`user/1/monetary-account`); a path in
/// the form of bunq's pagination URLs (`/v1/user/1/monetary-account?older_id=5`) works too.
/// The body is sent, and signed, exactly as given.
///
/// `Debug` output shows the body's length, not its content (a `session-server` or
/// `device-server` body carries the API key), and hides the values of headers whose names
/// suggest a credential.
#[derive(Clone, PartialEq, Eq)]
pub struct Request {
    method: Method,
    path: String,
    query: Vec<(String, String)>,
    body: Vec<u8>,
    headers: Vec<(String, String)>,
}

impl Request {
    /// A request with an empty body.
    pub fn new(method: Method, path: impl Into<String>) -> Request {
        Request {
            method,
            path: path.into(),
            query: Vec::new(),
            body: Vec::new(),
            headers: Vec::new(),
        }
    }

    /// `GET path`.
    pub fn get(path: impl Into<String>) -> Request {
        Request::new(Method::Get, path)
    }

    /// `POST path`.
    pub fn post(path: impl Into<String>) -> Request {
        Request::new(Method::Post, path)
    }

    /// `PUT path`.
    pub fn put(path: impl Into<String>) -> Request {
        Request::new(Method::Put, path)
    }

    /// `DELETE path`.
    pub fn delete(path: impl Into<String>) -> Request {
        Request::new(Method::Delete, path)
    }

    /// Adds a query parameter (percent-encoded when sent).
    pub fn query(mut self, key: impl Into<String>, value: impl Into<String>) -> Request {
        self.query.push((key.into(), value.into()));
        self
    }

    /// Sets the body to these exact bytes.
    pub fn body(mut self, body: impl Into<Vec<u8>>) -> Request {
        self.body = body.into();
        self
    }

    /// Sets the body to the compact JSON serialization of `value`.
    pub fn json(self, value: &serde_json::Value) -> Request {
        self.body(value.to_string())
    }

    /// Adds a header, e.g. `Content-Type` and `X-Bunq-Attachment-Description` for an
    /// attachment upload. The standard bunq headers are set by the client.
    pub fn header(mut self, name: impl Into<String>, value: impl Into<String>) -> Request {
        self.headers.push((name.into(), value.into()));
        self
    }

    /// The method.
    pub fn method(&self) -> Method {
        self.method
    }

    /// The endpoint path as given.
    pub fn path(&self) -> &str {
        &self.path
    }

    /// The body bytes.
    pub fn body_bytes(&self) -> &[u8] {
        &self.body
    }

    /// The extra headers, as given with [`header`](Self::header).
    pub fn headers(&self) -> &[(String, String)] {
        &self.headers
    }

    /// The same extra headers for another request (the next page of a walk).
    pub(crate) fn headers_for(&self, mut other: Request) -> Request {
        other.headers = self.headers.clone();
        other
    }

    /// The path with the query appended, percent-encoded; a path that already carries a
    /// query (a pagination URL) keeps it.
    pub(crate) fn path_and_query(&self) -> String {
        if self.query.is_empty() {
            return self.path.clone();
        }
        let separator = if self.path.contains('?') { '&' } else { '?' };
        format!("{}{}{}", self.path, separator, encode_query(&self.query))
    }
}

impl std::fmt::Debug for Request {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Request")
            .field("method", &self.method)
            .field("path", &self.path)
            .field("query", &self.query)
            .field("body", &BodyLength(self.body.len()))
            .field("headers", &DebugHeaders(&self.headers))
            .finish()
    }
}

/// A body in `Debug` output: its length only.
pub(crate) struct BodyLength(pub(crate) usize);

impl std::fmt::Debug for BodyLength {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "<{} bytes>", self.0)
    }
}

/// Headers in `Debug` output, credential-like values hidden.
pub(crate) struct DebugHeaders<'a>(pub(crate) &'a [(String, String)]);

impl std::fmt::Debug for DebugHeaders<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        const CREDENTIAL_WORDS: [&str; 6] =
            ["auth", "cookie", "token", "secret", "key", "signature"];
        let mut list = f.debug_list();
        for (name, value) in self.0 {
            let lower = name.to_ascii_lowercase();
            let shown = match CREDENTIAL_WORDS.iter().any(|word| lower.contains(word)) {
                true => "<redacted>",
                false => value.as_str(),
            };
            list.entry(&(name, shown));
        }
        list.finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn query_values_are_percent_encoded() {
        let request = Request::get("user/1/payment")
            .query("count", "10")
            .query("q", "a b&c=d/é");
        assert_eq!(
            request.path_and_query(),
            "user/1/payment?count=10&q=a%20b%26c%3Dd%2F%C3%A9"
        );
        let page = Request::get("/v1/user/1/payment?older_id=5").query("count", "2");
        assert_eq!(
            page.path_and_query(),
            "/v1/user/1/payment?older_id=5&count=2"
        );
    }
}
