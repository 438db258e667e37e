//! One signed exchange with bunq: standard headers, a fresh request id, the token, the
//! signature of the exact body bytes; then the answer's signature and echoed request id are
//! checked before anything reads the body.
//!
//! Both the three-step handshake and [`Client`](crate::Client) go through [`send`], which
//! also holds the lines a server or a caller must not cross: tokens never go in clear to
//! another machine, a caller's header never replaces the request id, token or signature,
//! and nothing a server writes reaches an error before the client's secrets are taken out.

use std::time::Instant;

use serde_json::Value;

use crate::config::Config;
use crate::environment::{Environment, refuse_cleartext};
use crate::error::{ApiFailure, Error, ErrorKind, Result, excerpt};
use crate::event::{self, Event, EventSink, SendAttempt};
use crate::keys::{KeyPair, PublicKey};
use crate::redaction::Redactor;
use crate::request::Request;
use crate::request_id::new_request_id;
use crate::response::Response;
use crate::transport::Transport;

/// The header carrying the request id, echoed by bunq.
pub(crate) const REQUEST_ID_HEADER: &str = "X-Bunq-Client-Request-Id";
/// The header carrying the installation or session token.
pub(crate) const AUTHENTICATION_HEADER: &str = "X-Bunq-Client-Authentication";
/// The header carrying the client's signature of the body.
pub(crate) const CLIENT_SIGNATURE_HEADER: &str = "X-Bunq-Client-Signature";
/// The header carrying bunq's signature of its answer's body.
pub(crate) const SERVER_SIGNATURE_HEADER: &str = "X-Bunq-Server-Signature";

/// Headers only the client sets: a caller's value would break the echo check, replace the
/// token or forge the signature.
const RESERVED_HEADERS: [&str; 3] = [
    REQUEST_ID_HEADER,
    AUTHENTICATION_HEADER,
    CLIENT_SIGNATURE_HEADER,
];
/// The most `error_description`s an error keeps, and the most characters of each.
const MAX_DESCRIPTIONS: usize = 10;
const MAX_DESCRIPTION_CHARS: usize = 1000;

/// What a request is authenticated and verified with. Everything is optional because the
/// first step (installation) has none of it.
#[derive(Clone, Copy, Default)]
pub(crate) struct Credentials<'a> {
    /// Installation or session token for `X-Bunq-Client-Authentication`.
    pub token: Option<&'a str>,
    /// The client key that signs the body.
    pub signer: Option<&'a KeyPair>,
    /// bunq's key; when set, every 2xx answer must carry a valid signature.
    pub server_key: Option<&'a PublicKey>,
}

/// The way to one environment: the transport, the configuration, the environment itself,
/// the secrets to keep out of errors and where each exchange is reported.
#[derive(Clone, Copy)]
pub(crate) struct Link<'a> {
    pub transport: &'a Transport,
    pub config: &'a Config,
    pub environment: &'a Environment,
    /// The secrets in play besides the request's token (API key, installation token, proxy
    /// credentials), taken out of every error.
    pub redactor: &'a Redactor,
    /// Where each exchange is reported.
    pub events: &'a EventSink,
}

/// Sends `request` as the first attempt of its call: see [`send_attempt`].
pub(crate) fn send(
    link: Link<'_>,
    request: &Request,
    credentials: Credentials<'_>,
) -> Result<Response> {
    send_attempt(link, request, credentials, SendAttempt::FIRST)
}

/// Sends `request` and returns bunq's 2xx answer, verified; any other status is an error
/// carrying bunq's descriptions and response id. The exchange is reported to the link's
/// events as `attempt` of its call.
pub(crate) fn send_attempt(
    link: Link<'_>,
    request: &Request,
    credentials: Credentials<'_>,
    attempt: SendAttempt,
) -> Result<Response> {
    refuse_reserved_headers(request)?;
    let path = request.path_and_query();
    let url = link.environment.url_for(&path);
    refuse_cleartext(&url)?;
    let started = Instant::now();
    let mut status = None;
    let result = exchange(link, request, credentials, &url, &mut status)
        .map_err(|error| error.redacted(&link.redactor.including(credentials.token)));
    link.events.report(|| {
        let (response_id, error) = match &result {
            Ok(response) => (response.response_id(), None),
            Err(error) => (error.response_id(), Some(error.kind())),
        };
        let redactor = link.redactor.including(credentials.token);
        Event::Exchange(event::Exchange {
            method: request.method(),
            path: excerpt(&redactor.redact(&path)),
            status,
            response_id: response_id.map(|id| excerpt(&redactor.redact(id))),
            duration: started.elapsed(),
            attempt: attempt.number,
            resend_reason: attempt.resend_reason,
            error,
        })
    });
    result
}

/// One request and its answer; `status` is set as soon as an answer arrives (also when the
/// answer is then refused).
fn exchange(
    link: Link<'_>,
    request: &Request,
    credentials: Credentials<'_>,
    url: &str,
    status: &mut Option<u16>,
) -> Result<Response> {
    let request_id = new_request_id()?;
    let headers = headers_for(link.config, request, &credentials, &request_id)?;
    let response = link
        .transport
        .send(request.method(), url, &headers, request.body_bytes())?;
    *status = Some(response.status());
    if !(200..300).contains(&response.status()) {
        return Err(Error::from_api(failure_of(&response)));
    }
    if let Some(server_key) = credentials.server_key {
        verify_answer(&response, server_key, &request_id)?;
    }
    Ok(response)
}

fn refuse_reserved_headers(request: &Request) -> Result<()> {
    for (name, _) in request.headers() {
        if RESERVED_HEADERS
            .iter()
            .any(|reserved| reserved.eq_ignore_ascii_case(name))
        {
            return Err(Error::invalid_input(format!(
                "the header {} is set by the client for each request and may not be given",
                excerpt(name)
            )));
        }
    }
    Ok(())
}

fn headers_for(
    config: &Config,
    request: &Request,
    credentials: &Credentials<'_>,
    request_id: &str,
) -> Result<Vec<(String, String)>> {
    let mut headers = vec![
        ("Cache-Control".to_owned(), "no-cache".to_owned()),
        ("User-Agent".to_owned(), config.user_agent().to_owned()),
        ("X-Bunq-Language".to_owned(), config.language().to_owned()),
        ("X-Bunq-Region".to_owned(), config.region().to_owned()),
        (
            "X-Bunq-Geolocation".to_owned(),
            config.geolocation().to_owned(),
        ),
        (REQUEST_ID_HEADER.to_owned(), request_id.to_owned()),
    ];
    if let Some(token) = credentials.token {
        headers.push((AUTHENTICATION_HEADER.to_owned(), token.to_owned()));
    }
    if let Some(signer) = credentials.signer {
        headers.push((
            CLIENT_SIGNATURE_HEADER.to_owned(),
            signer.sign(request.body_bytes())?,
        ));
    }
    for (name, value) in request.headers() {
        // A caller's header replaces a standard one of the same name, never duplicates it.
        headers.retain(|(existing, _)| !existing.eq_ignore_ascii_case(name));
        headers.push((name.clone(), value.clone()));
    }
    Ok(headers)
}

/// A 2xx answer counts only when bunq signed exactly these bytes and echoed our request id.
pub(crate) fn verify_answer(
    response: &Response,
    server_key: &PublicKey,
    request_id: &str,
) -> Result<()> {
    let signature = response.header(SERVER_SIGNATURE_HEADER).ok_or_else(|| {
        Error::new(
            ErrorKind::Signature,
            format!(
                "bunq's answer has no {SERVER_SIGNATURE_HEADER} header (response id {})",
                response.response_id().map_or("(none)".into(), excerpt)
            ),
        )
    })?;
    server_key.verify(response.body(), signature).map_err(|_| {
        Error::new(
            ErrorKind::Signature,
            format!(
                "the server signature does not match the answer's body (response id {}); \
                 the answer was not accepted",
                response.response_id().map_or("(none)".into(), excerpt)
            ),
        )
    })?;
    // bunq echoes the request id on every answer: a missing echo is no better than a wrong
    // one (an answer replayed from another request carries a valid signature too).
    match response.header(REQUEST_ID_HEADER) {
        Some(echoed) if echoed == request_id => Ok(()),
        Some(echoed) => Err(Error::new(
            ErrorKind::Signature,
            format!(
                "bunq's answer echoes request id {:?}, not the {request_id} that was sent \
                 (response id {}); the answer was not accepted",
                excerpt(echoed),
                response.response_id().map_or("(none)".into(), excerpt)
            ),
        )),
        None => Err(Error::new(
            ErrorKind::Signature,
            format!(
                "bunq's answer does not echo the {REQUEST_ID_HEADER} {request_id} that was sent \
                 (response id {}); the answer was not accepted",
                response.response_id().map_or("(none)".into(), excerpt)
            ),
        )),
    }
}

/// Reads bunq's `{"Error": [{"error_description": ...}]}`; any other body (an OAuth error, a
/// proxy's HTML page, nothing at all) still becomes a readable description.
/// Each description is cut to 1000 characters, at most 10 are kept, and so is the response
/// id (a server could make them megabytes long).
pub(crate) fn failure_of(response: &Response) -> ApiFailure {
    ApiFailure {
        status: response.status(),
        descriptions: descriptions_of(response)
            .into_iter()
            .take(MAX_DESCRIPTIONS)
            .map(|description| cut(description, MAX_DESCRIPTION_CHARS))
            .collect(),
        response_id: response
            .response_id()
            .map(|id| cut(id.to_owned(), MAX_DESCRIPTION_CHARS)),
    }
}

fn cut(text: String, chars: usize) -> String {
    match text.char_indices().nth(chars) {
        None => text,
        Some((end, _)) => format!("{}...", &text[..end]),
    }
}

fn descriptions_of(response: &Response) -> Vec<String> {
    let Ok(json) = serde_json::from_slice::<Value>(response.body()) else {
        return vec![describe_unexpected_body(response)];
    };
    let bunq_errors: Vec<String> = json
        .get("Error")
        .and_then(Value::as_array)
        .map(|errors| {
            errors
                .iter()
                .filter_map(|error| error.get("error_description").and_then(Value::as_str))
                .map(str::to_owned)
                .collect()
        })
        .unwrap_or_default();
    if !bunq_errors.is_empty() {
        return bunq_errors;
    }
    if let Some(oauth) = json.get("error_description").and_then(Value::as_str) {
        return vec![oauth.to_owned()];
    }
    vec![describe_unexpected_body(response)]
}

fn describe_unexpected_body(response: &Response) -> String {
    if response.body().is_empty() {
        return "the answer has an empty body".to_owned();
    }
    let content_type = response
        .header("Content-Type")
        .map_or("no Content-Type".into(), excerpt);
    // Only the start of a page matters for the message: do not copy 64 MiB to cut 200.
    let start = &response.body()[..response.body().len().min(64 * 1024)];
    let text = String::from_utf8_lossy(start);
    let excerpt: String = text
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .chars()
        .take(200)
        .collect();
    format!("the answer is not bunq's error JSON ({content_type}): {excerpt}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::response::RESPONSE_ID_HEADER;

    fn error_answer(body: &str, content_type: &str) -> Response {
        Response::new(
            502,
            vec![
                ("Content-Type".into(), content_type.into()),
                (RESPONSE_ID_HEADER.into(), "resp-9".into()),
            ],
            body.as_bytes().to_vec(),
        )
    }

    #[test]
    fn bunq_error_descriptions_are_all_kept() {
        let failure = failure_of(&error_answer(
            r#"{"Error":[{"error_description":"One.","error_description_translated":"Een."},{"error_description":"Two."}]}"#,
            "application/json",
        ));
        assert_eq!(failure.descriptions, ["One.", "Two."]);
        assert_eq!(failure.response_id.as_deref(), Some("resp-9"));
    }

    #[test]
    fn an_html_page_still_gives_a_clear_description() {
        let failure = failure_of(&error_answer(
            "<html>\n<body><h1>502 Bad Gateway</h1></body></html>",
            "text/html",
        ));
        assert_eq!(failure.status, 502);
        assert_eq!(
            failure.descriptions,
            [
                "the answer is not bunq's error JSON (text/html): <html> <body><h1>502 Bad Gateway</h1></body></html>"
            ]
        );
    }
}
