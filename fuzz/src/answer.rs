//! A scripted server answer in a text form the fuzzer mutates well:
//!
//! ```text
//! 200 signed echo
//! Content-Type: application/json
//! X-Bunq-Client-Response-Id: 0b7c
//!
//! {"Response":[{"Id":{"id":1}}]}
//! ```
//!
//! The first line is the status, how the body is signed and whether the request id is
//! echoed; then header lines up to an empty line; then the body, to the end or to a line
//! `=====` that starts the next answer. In the body, `@SERVER_KEY@` stands for the server's
//! public key as a JSON string (what an installation answer carries).
//!
//! Signing: `signed` (the server key over exactly the body), `unsigned` (no header),
//! `foreign` (a valid signature over other bytes), `garbage` (not a signature). Echo: `echo`
//! (the request id sent), `noecho`, `wrongecho`.

use bunq::Response;

use crate::keys::server_key;

/// The name of the signature header.
pub const SIGNATURE_HEADER: &str = "X-Bunq-Server-Signature";
/// The name of the echoed request id header.
pub const REQUEST_ID_HEADER: &str = "X-Bunq-Client-Request-Id";
/// Where one answer ends and the next begins.
const SEPARATOR: &[u8] = b"\n=====\n";

/// How the server signs an answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Signing {
    /// The server key's signature of exactly the body.
    Signed,
    /// No signature header.
    Unsigned,
    /// A valid signature of other bytes.
    Foreign,
    /// A header value that is no signature.
    Garbage,
}

/// Whether the server echoes the request id.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Echo {
    /// The request id that was sent.
    Echo,
    /// No echo header.
    NoEcho,
    /// Another request id.
    WrongEcho,
}

/// One scripted answer.
#[derive(Debug, Clone)]
pub struct Answer {
    pub status: u16,
    pub signing: Signing,
    pub echo: Echo,
    /// The fuzzer's own headers, sent before the ones the script adds.
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Answer {
    /// Reads one answer; anything unreadable gets a default (status 200, signed, echo).
    pub fn parse(data: &[u8]) -> Answer {
        let (head, body) = match find(data, b"\n\n") {
            Some(at) => (&data[..at], &data[at + 2..]),
            None => (data, &data[data.len()..]),
        };
        let head = String::from_utf8_lossy(head);
        let mut lines = head
            .split('\n')
            .map(|line| line.strip_suffix('\r').unwrap_or(line));
        let mut words = lines.next().unwrap_or("").split_whitespace();
        let status = words
            .next()
            .and_then(|word| word.parse().ok())
            .unwrap_or(200);
        let signing = match words.next() {
            Some("unsigned") => Signing::Unsigned,
            Some("foreign") => Signing::Foreign,
            Some("garbage") => Signing::Garbage,
            _ => Signing::Signed,
        };
        let echo = match words.next() {
            Some("noecho") => Echo::NoEcho,
            Some("wrongecho") => Echo::WrongEcho,
            _ => Echo::Echo,
        };
        let headers = lines
            .filter_map(|line| line.split_once(':'))
            .map(|(name, value)| (name.to_owned(), value.trim_start().to_owned()))
            .collect();
        Answer {
            status,
            signing,
            echo,
            headers,
            body: with_server_key(body),
        }
    }

    /// Reads answers separated by `=====` lines.
    pub fn parse_all(data: &[u8]) -> Vec<Answer> {
        let mut answers = Vec::new();
        let mut rest = data;
        while let Some(at) = find(rest, SEPARATOR) {
            answers.push(Answer::parse(&rest[..at]));
            rest = &rest[at + SEPARATOR.len()..];
        }
        answers.push(Answer::parse(rest));
        answers
    }

    /// The headers as sent for a request with `request_id`: the fuzzer's first (so that
    /// its own signature or echo header, if any, is the one a reader finds first), then the
    /// signature and echo.
    pub fn headers_for(&self, request_id: &str) -> Vec<(String, String)> {
        let mut headers = self.headers.clone();
        let signature = match self.signing {
            Signing::Signed => Some(server_key().sign(&self.body).unwrap()),
            Signing::Foreign => {
                let mut other = self.body.clone();
                other.push(b'x');
                Some(server_key().sign(&other).unwrap())
            }
            Signing::Garbage => Some("bm90IGEgc2lnbmF0dXJl".to_owned()),
            Signing::Unsigned => None,
        };
        if let Some(signature) = signature {
            headers.push((SIGNATURE_HEADER.to_owned(), signature));
        }
        match self.echo {
            Echo::Echo => headers.push((REQUEST_ID_HEADER.to_owned(), request_id.to_owned())),
            Echo::WrongEcho => {
                headers.push((REQUEST_ID_HEADER.to_owned(), format!("{request_id}-not")))
            }
            Echo::NoEcho => {}
        }
        headers
    }

    /// The answer as the client's transport would hand it over.
    pub fn response(&self, request_id: &str) -> Response {
        Response::new(self.status, self.headers_for(request_id), self.body.clone())
    }

    /// Whether the fuzzer's headers leave the script's signature and echo the ones found.
    pub fn headers_are_plain(&self) -> bool {
        self.headers.iter().all(|(name, value)| {
            !name.trim().eq_ignore_ascii_case(SIGNATURE_HEADER)
                && !name.trim().eq_ignore_ascii_case(REQUEST_ID_HEADER)
                && !name.is_empty()
                && name
                    .bytes()
                    .all(|byte| byte.is_ascii_alphanumeric() || byte == b'-')
                && value.bytes().all(|byte| (0x20..0x7f).contains(&byte))
                && value.trim() == value
        })
    }

    /// Whether a client must accept this answer: a 2xx with a body, signed over exactly the
    /// body, the request id echoed, and nothing in the fuzzer's headers to confuse a reader.
    pub fn must_be_accepted(&self) -> bool {
        matches!(self.status, 200..=202)
            && self.signing == Signing::Signed
            && self.echo == Echo::Echo
            && self.headers_are_plain()
    }
}

/// The body with `@SERVER_KEY@` replaced by the server key's PEM as a JSON string.
fn with_server_key(body: &[u8]) -> Vec<u8> {
    const PLACEHOLDER: &[u8] = b"@SERVER_KEY@";
    let Some(at) = find(body, PLACEHOLDER) else {
        return body.to_vec();
    };
    let pem = serde_json::to_string(server_key().public_key_pem()).unwrap();
    let mut replaced = body[..at].to_vec();
    replaced.extend_from_slice(pem.as_bytes());
    replaced.extend_from_slice(&with_server_key(&body[at + PLACEHOLDER.len()..]));
    replaced
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack
        .windows(needle.len())
        .position(|window| window == needle)
}
