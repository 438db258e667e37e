//! The one error type of the crate.
//!
//! Every failure is an [`Error`] with an [`ErrorKind`]. Errors from bunq itself carry the HTTP
//! status, every `error_description` and the response id (the id to quote to bunq support). An
//! error raised while creating a context says which [`Step`] failed. Messages never contain the
//! API key, a token or a private key: text a server sent is searched for the client's secrets
//! before it becomes part of an error (see `redaction`), and what a caller passed in is cut
//! to [`excerpt`] length when a message repeats it.

use std::fmt;

use crate::redaction::Redactor;

/// The longest message an error keeps, in bytes; anything longer is cut (a server or a
/// caller could otherwise make every error megabytes long).
const MAX_MESSAGE_BYTES: usize = 8 * 1024;
/// How much of a caller's input a message repeats, in characters.
const EXCERPT_CHARS: usize = 200;

/// What kind of failure an [`Error`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ErrorKind {
    /// bunq answered with an error status (4xx/5xx other than 429).
    Api,
    /// bunq answered 429 Too Many Requests (after the allowed retries, if any; then
    /// [`Error::status`] is 429), or the call's time budget ran out first: waiting for the
    /// client-side rate limiter or for another thread's session renewal would have gone past
    /// it (no status).
    RateLimited,
    /// The connection failed: DNS, refused, reset, TLS, proxy, a truncated answer.
    Transport,
    /// The connect or read timeout passed before bunq answered.
    Timeout,
    /// A server signature was missing or wrong, or the echoed request id did not match.
    Signature,
    /// A body that should be JSON was not, or lacked an expected field.
    Json,
    /// Reading or writing a file failed.
    Io,
    /// The caller passed something unusable: a bad PEM, a bad URL, an empty API key, ...
    /// or made a call that cannot work where it was made (from an event callback, a call
    /// that needs the session-renewal turn its own thread holds).
    InvalidInput,
}

impl ErrorKind {
    /// Every kind, so that code mapping kinds elsewhere (the C ABI's statuses) can check it
    /// covers each one.
    pub const ALL: [ErrorKind; 8] = [
        ErrorKind::Api,
        ErrorKind::RateLimited,
        ErrorKind::Transport,
        ErrorKind::Timeout,
        ErrorKind::Signature,
        ErrorKind::Json,
        ErrorKind::Io,
        ErrorKind::InvalidInput,
    ];

    /// A short lowercase name for the kind, as used in messages and by the C ABI.
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorKind::Api => "api",
            ErrorKind::RateLimited => "rate limited",
            ErrorKind::Transport => "transport",
            ErrorKind::Timeout => "timeout",
            ErrorKind::Signature => "signature",
            ErrorKind::Json => "json",
            ErrorKind::Io => "io",
            ErrorKind::InvalidInput => "invalid input",
        }
    }
}

/// The step of a multi-step flow during which an error happened.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Step {
    /// `POST installation`: registering the client's public key.
    Installation,
    /// `POST payment-service-provider-credential`: registering a PSD2 certificate.
    Psd2Credential,
    /// `POST device-server`: binding the API key to this installation.
    DeviceServer,
    /// `POST session-server`: opening a session.
    SessionServer,
}

impl Step {
    fn describe(self) -> &'static str {
        match self {
            Step::Installation => "installation",
            Step::Psd2Credential => "payment-service-provider-credential",
            Step::DeviceServer => "device-server",
            Step::SessionServer => "session-server",
        }
    }
}

impl fmt::Display for Step {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.describe())
    }
}

/// What bunq said when it refused a request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiFailure {
    /// The HTTP status code, e.g. 400.
    pub status: u16,
    /// Every `error_description` of the answer, in order. For a body that is not bunq's error
    /// JSON (a proxy's HTML page), one line describing what came back instead.
    pub descriptions: Vec<String>,
    /// The `X-Bunq-Client-Response-Id` header, the id to quote to bunq support.
    pub response_id: Option<String>,
}

/// The error type of every fallible function in this crate.
#[derive(Debug)]
pub struct Error {
    kind: ErrorKind,
    message: String,
    step: Option<Step>,
    api: Option<ApiFailure>,
    source: Option<Box<dyn std::error::Error + Send + Sync + 'static>>,
    /// The connection failed after the request may have left: its fate is unknown, and a
    /// `GET` may be sent again. Not so for an answer refused for its size, a bad URL, ...
    connection_failed: bool,
}

/// `Result<T, bunq::Error>`.
pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    /// A new error of `kind` with a message. The message must not contain secrets.
    /// Messages longer than 8 KiB are cut.
    pub fn new(kind: ErrorKind, message: impl Into<String>) -> Self {
        Error {
            kind,
            message: cut_message(message.into()),
            step: None,
            api: None,
            source: None,
            connection_failed: false,
        }
    }

    /// Shorthand for an [`ErrorKind::InvalidInput`] error.
    pub fn invalid_input(message: impl Into<String>) -> Self {
        Error::new(ErrorKind::InvalidInput, message)
    }

    /// An error for a refusal by bunq: 429 becomes [`ErrorKind::RateLimited`], anything else
    /// [`ErrorKind::Api`].
    pub fn from_api(failure: ApiFailure) -> Self {
        let kind = if failure.status == 429 {
            ErrorKind::RateLimited
        } else {
            ErrorKind::Api
        };
        Error {
            kind,
            message: cut_message(api_message(&failure)),
            step: None,
            api: Some(failure),
            source: None,
            connection_failed: false,
        }
    }

    /// Marks a failed connection whose request may have reached bunq (see
    /// [`is_connection_failure`](Self::is_connection_failure)).
    pub(crate) fn connection_failed(mut self) -> Self {
        self.connection_failed = true;
        self
    }

    /// Whether the connection failed after the request may have been sent, so that only a
    /// request that changes nothing (`GET`) may be sent again.
    pub(crate) fn is_connection_failure(&self) -> bool {
        self.connection_failed
    }

    /// The error with every secret `redactor` knows, and any PEM block, taken out of the
    /// text a server may have supplied: the message, bunq's descriptions, the response id.
    /// An underlying cause whose text reveals a secret is dropped.
    pub(crate) fn redacted(mut self, redactor: &Redactor) -> Self {
        self.message = redactor.redact(&self.message);
        if let Some(api) = &mut self.api {
            for description in &mut api.descriptions {
                *description = redactor.redact(description);
            }
            api.response_id = api.response_id.as_deref().map(|id| redactor.redact(id));
        }
        if self
            .source
            .as_ref()
            .is_some_and(|source| redactor.reveals(&source.to_string()))
        {
            self.source = None;
        }
        self
    }

    /// Attaches the underlying cause.
    pub(crate) fn with_source(
        mut self,
        source: impl std::error::Error + Send + Sync + 'static,
    ) -> Self {
        self.source = Some(Box::new(source));
        self
    }

    /// Records the step during which the error happened (the first step recorded wins).
    pub(crate) fn during(mut self, step: Step) -> Self {
        self.step.get_or_insert(step);
        self
    }

    /// The kind of failure.
    pub fn kind(&self) -> ErrorKind {
        self.kind
    }

    /// The message alone, without the step prefix that `Display` adds.
    pub fn message(&self) -> &str {
        &self.message
    }

    /// The step of context creation that failed, if the error happened during one.
    pub fn step(&self) -> Option<Step> {
        self.step
    }

    /// bunq's answer, for [`ErrorKind::Api`] and [`ErrorKind::RateLimited`] errors.
    pub fn api_failure(&self) -> Option<&ApiFailure> {
        self.api.as_ref()
    }

    /// The HTTP status of bunq's error answer, if there was one.
    pub fn status(&self) -> Option<u16> {
        self.api.as_ref().map(|api| api.status)
    }

    /// bunq's `error_description`s (empty when bunq did not answer with an error).
    pub fn descriptions(&self) -> &[String] {
        self.api
            .as_ref()
            .map(|api| api.descriptions.as_slice())
            .unwrap_or(&[])
    }

    /// The `X-Bunq-Client-Response-Id` of bunq's error answer, if there was one.
    pub fn response_id(&self) -> Option<&str> {
        self.api.as_ref().and_then(|api| api.response_id.as_deref())
    }
}

/// `text` as a message may repeat it: at most 200 characters, then how much was left out.
/// For what a caller passed in (a path, a URL, a header name), which may be huge.
pub(crate) fn excerpt(text: &str) -> String {
    match text.char_indices().nth(EXCERPT_CHARS) {
        None => text.to_owned(),
        Some((end, _)) => format!("{}... ({} bytes in all)", &text[..end], text.len()),
    }
}

/// The text a panic carried (`panic!("...")`), or `"no message"`: for reporting a caught
/// panic (a callback's, or at the C boundary) in an error message.
pub fn panic_message(payload: &(dyn std::any::Any + Send)) -> &str {
    payload
        .downcast_ref::<&str>()
        .copied()
        .or_else(|| payload.downcast_ref::<String>().map(String::as_str))
        .unwrap_or("no message")
}

/// `message`, cut at 8 KiB (on a character boundary) with a note that it was cut.
pub(crate) fn cut_message(mut message: String) -> String {
    if message.len() > MAX_MESSAGE_BYTES {
        let mut end = MAX_MESSAGE_BYTES;
        while !message.is_char_boundary(end) {
            end -= 1;
        }
        message.truncate(end);
        message.push_str("... (cut)");
    }
    message
}

/// The official SDKs' wording, on one line.
fn api_message(failure: &ApiFailure) -> String {
    format!(
        "HTTP Response Code: {}; The response id to help bunq debug: {}; Error message: {}",
        failure.status,
        failure.response_id.as_deref().unwrap_or("(none)"),
        failure.descriptions.join(" ")
    )
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.step {
            Some(step) => write!(f, "{step} failed: {}", self.message),
            None => f.write_str(&self.message),
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        self.source
            .as_deref()
            .map(|source| source as &(dyn std::error::Error + 'static))
    }
}

impl From<std::io::Error> for Error {
    fn from(error: std::io::Error) -> Self {
        Error::new(ErrorKind::Io, error.to_string()).with_source(error)
    }
}

impl From<serde_json::Error> for Error {
    fn from(error: serde_json::Error) -> Self {
        Error::new(ErrorKind::Json, format!("invalid JSON: {error}")).with_source(error)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bad_request() -> ApiFailure {
        ApiFailure {
            status: 400,
            descriptions: vec!["User credentials are incorrect.".into(), "Second.".into()],
            response_id: Some("0b7c-resp".into()),
        }
    }

    #[test]
    fn api_message_reads_like_the_official_sdks() {
        let error = Error::from_api(bad_request());
        assert_eq!(error.kind(), ErrorKind::Api);
        assert_eq!(
            error.to_string(),
            "HTTP Response Code: 400; The response id to help bunq debug: 0b7c-resp; \
             Error message: User credentials are incorrect. Second."
        );
        assert_eq!(error.status(), Some(400));
        assert_eq!(error.response_id(), Some("0b7c-resp"));
        assert_eq!(error.descriptions().len(), 2);
    }

    #[test]
    fn long_input_is_cut_and_short_input_kept() {
        assert_eq!(excerpt("user/1"), "user/1");
        let long = "é".repeat(10_000);
        let cut = excerpt(&long);
        assert!(cut.starts_with(&"é".repeat(200)), "{cut}");
        assert!(cut.ends_with("... (20000 bytes in all)"), "{cut}");
        let error = Error::new(ErrorKind::Io, "x".repeat(1_000_000));
        assert!(error.message().len() < 9 * 1024);
    }

    #[test]
    fn a_429_is_a_rate_limit_error() {
        let mut failure = bad_request();
        failure.status = 429;
        assert_eq!(Error::from_api(failure).kind(), ErrorKind::RateLimited);
    }

    #[test]
    fn the_failed_step_prefixes_the_message() {
        let error = Error::from_api(bad_request())
            .during(Step::DeviceServer)
            .during(Step::SessionServer);
        assert_eq!(error.step(), Some(Step::DeviceServer));
        assert!(
            error
                .to_string()
                .starts_with("device-server failed: HTTP Response Code: 400")
        );
    }
}
