//! The fake's HTTP/1.1 transport: one thread per connection, keep-alive, whole bodies, over a
//! TCP stream or a TLS stream on one.
//!
//! httparse parses request heads and chunk sizes; this file only moves bytes. (The fake used
//! tiny_http before: its thread pool can queue a new connection behind idle keep-alive
//! connections until one of them closes, and clients then timed out now and then.)

use std::io::{self, BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

/// Bodies beyond this are refused: a fake only ever sees small JSON and test attachments.
pub(crate) const MAX_BODY_BYTES: usize = 64 * 1024 * 1024;
/// A request head beyond this is refused.
const MAX_HEAD_BYTES: usize = 64 * 1024;
/// How often an idle connection looks whether the server is stopping.
const IDLE_POLL: Duration = Duration::from_millis(200);

/// A request off the wire.
pub(crate) struct RawRequest {
    pub(crate) method: String,
    /// Path and query as sent.
    pub(crate) url: String,
    /// Header names as sent.
    pub(crate) headers: Vec<(String, String)>,
    pub(crate) body: Vec<u8>,
}

/// An answer to put on the wire; `Content-Length` is added.
pub(crate) struct RawResponse {
    pub(crate) status: u16,
    pub(crate) headers: Vec<(String, String)>,
    pub(crate) body: Vec<u8>,
}

/// What goes back for a request.
pub(crate) enum Outgoing {
    /// An HTTP answer, framed here.
    Response(RawResponse),
    /// These bytes exactly (a truncated answer, garbage, or nothing), then the connection
    /// closes.
    Verbatim(Vec<u8>),
}

/// Why a request could not be read.
enum ReadFailure {
    /// The client closed the connection, or the server is stopping.
    Closed,
    /// Not HTTP we accept: answer 400 and close.
    Malformed(&'static str),
}

impl From<io::Error> for ReadFailure {
    fn from(_: io::Error) -> Self {
        ReadFailure::Closed
    }
}

/// Prepares a freshly accepted socket: whole answers go out at once (no segment waits for a
/// delayed ACK) unless `split_writes` asks for Nagle's algorithm, and reads wake up now and
/// then to see whether the server is stopping.
pub(crate) fn prepare_socket(stream: &TcpStream, mode: ConnectionMode) {
    let _ = stream.set_nodelay(!mode.split_writes);
    let _ = stream.set_read_timeout(Some(IDLE_POLL));
}

/// How a connection is served.
#[derive(Debug, Clone, Copy)]
pub(crate) struct ConnectionMode {
    /// Several requests per connection; without it, the first answer closes it (sent with
    /// `Connection: close`).
    pub keep_alive: bool,
    /// Each answer's head and body as two writes, Nagle's algorithm on (as Python's
    /// `http.server` answers).
    pub split_writes: bool,
}

/// Answers requests on `stream` (a [`prepare_socket`]ed TCP stream, or TLS on one) with
/// `handle` until the client closes, asks to close, sends something unreadable, or the server
/// stops, as `mode` says.
pub(crate) fn serve_connection<S: Read + Write>(
    stream: S,
    stopping: &AtomicBool,
    mode: ConnectionMode,
    handle: impl Fn(RawRequest) -> Outgoing,
) {
    let mut connection = BufReader::new(stream);
    loop {
        let request = match read_request(&mut connection, stopping) {
            Ok(request) => request,
            Err(ReadFailure::Closed) => return,
            Err(ReadFailure::Malformed(why)) => {
                let _ = write_response(connection.get_mut(), &bad_request(why), true, false);
                return;
            }
        };
        let close = !mode.keep_alive || wants_close(&request.headers);
        let written = match handle(request) {
            Outgoing::Response(response) => {
                write_response(connection.get_mut(), &response, close, mode.split_writes)
            }
            Outgoing::Verbatim(bytes) => {
                let writer = connection.get_mut();
                let _ = writer.write_all(&bytes).and_then(|()| writer.flush());
                return;
            }
        };
        if written.is_err() || close {
            return;
        }
    }
}

fn read_request(
    reader: &mut impl BufRead,
    stopping: &AtomicBool,
) -> Result<RawRequest, ReadFailure> {
    let head = read_head(reader, stopping)?;
    let mut header_slots = [httparse::EMPTY_HEADER; 64];
    let mut parsed = httparse::Request::new(&mut header_slots);
    match parsed.parse(&head) {
        Ok(httparse::Status::Complete(_)) => {}
        _ => return Err(ReadFailure::Malformed("The request could not be parsed.")),
    }
    let method = parsed.method.unwrap_or_default().to_owned();
    let url = parsed.path.unwrap_or_default().to_owned();
    let headers: Vec<(String, String)> = parsed
        .headers
        .iter()
        .map(|header| {
            let value = String::from_utf8_lossy(header.value).into_owned();
            (header.name.to_owned(), value)
        })
        .collect();
    let body = read_body(reader, &headers, stopping)?;
    Ok(RawRequest {
        method,
        url,
        headers,
        body,
    })
}

/// Lines up to and including the empty one that ends the head.
fn read_head(reader: &mut impl BufRead, stopping: &AtomicBool) -> Result<Vec<u8>, ReadFailure> {
    let mut head = Vec::new();
    loop {
        let before = head.len();
        read_line(reader, &mut head, stopping)?;
        if head.len() == before {
            return Err(ReadFailure::Closed);
        }
        let line = &head[before..];
        if line == b"\r\n" || line == b"\n" {
            if before == 0 {
                // Stray empty lines before a request are allowed (RFC 9112 §2.2).
                head.clear();
                continue;
            }
            return Ok(head);
        }
        if head.len() > MAX_HEAD_BYTES {
            return Err(ReadFailure::Malformed("The request head is too large."));
        }
    }
}

/// One line into `buffer`, waiting through idle timeouts unless the server stops.
fn read_line(
    reader: &mut impl BufRead,
    buffer: &mut Vec<u8>,
    stopping: &AtomicBool,
) -> Result<(), ReadFailure> {
    loop {
        match reader.read_until(b'\n', buffer) {
            Ok(_) => return Ok(()),
            Err(error) if is_timeout(&error) => {
                if stopping.load(Ordering::SeqCst) {
                    return Err(ReadFailure::Closed);
                }
            }
            Err(error) => return Err(error.into()),
        }
    }
}

fn read_body(
    reader: &mut impl BufRead,
    headers: &[(String, String)],
    stopping: &AtomicBool,
) -> Result<Vec<u8>, ReadFailure> {
    let chunked = header(headers, "transfer-encoding")
        .is_some_and(|value| value.to_ascii_lowercase().contains("chunked"));
    if chunked {
        return read_chunked_body(reader, stopping);
    }
    let length = match header(headers, "content-length") {
        None => 0,
        Some(value) => value
            .trim()
            .parse::<usize>()
            .map_err(|_| ReadFailure::Malformed("The Content-Length is not a number."))?,
    };
    if length > MAX_BODY_BYTES {
        return Err(ReadFailure::Malformed("The request body is too large."));
    }
    let mut body = vec![0; length];
    read_exactly(reader, &mut body, stopping)?;
    Ok(body)
}

fn read_chunked_body(
    reader: &mut impl BufRead,
    stopping: &AtomicBool,
) -> Result<Vec<u8>, ReadFailure> {
    let mut body = Vec::new();
    loop {
        let mut line = Vec::new();
        read_line(reader, &mut line, stopping)?;
        let size = match httparse::parse_chunk_size(&line) {
            Ok(httparse::Status::Complete((_, size))) => {
                usize::try_from(size).unwrap_or(usize::MAX)
            }
            _ => return Err(ReadFailure::Malformed("A chunk size could not be parsed.")),
        };
        if size == 0 {
            // Trailer lines, up to the empty one.
            loop {
                let mut trailer = Vec::new();
                read_line(reader, &mut trailer, stopping)?;
                if trailer.is_empty() || trailer == b"\r\n" || trailer == b"\n" {
                    return Ok(body);
                }
            }
        }
        if body.len().saturating_add(size) > MAX_BODY_BYTES {
            return Err(ReadFailure::Malformed("The request body is too large."));
        }
        let start = body.len();
        body.resize(start + size, 0);
        read_exactly(reader, &mut body[start..], stopping)?;
        let mut line_end = Vec::new();
        read_line(reader, &mut line_end, stopping)?;
    }
}

fn read_exactly(
    reader: &mut impl BufRead,
    mut buffer: &mut [u8],
    stopping: &AtomicBool,
) -> Result<(), ReadFailure> {
    while !buffer.is_empty() {
        match reader.read(buffer) {
            Ok(0) => return Err(ReadFailure::Closed),
            Ok(read) => buffer = &mut buffer[read..],
            Err(error) if is_timeout(&error) => {
                if stopping.load(Ordering::SeqCst) {
                    return Err(ReadFailure::Closed);
                }
            }
            Err(error) => return Err(error.into()),
        }
    }
    Ok(())
}

fn is_timeout(error: &io::Error) -> bool {
    matches!(
        error.kind(),
        io::ErrorKind::WouldBlock | io::ErrorKind::TimedOut | io::ErrorKind::Interrupted
    )
}

fn header<'a>(headers: &'a [(String, String)], name: &str) -> Option<&'a str> {
    headers
        .iter()
        .find(|(key, _)| key.eq_ignore_ascii_case(name))
        .map(|(_, value)| value.as_str())
}

/// HTTP/1.1 keeps a connection open unless the client says `Connection: close`.
fn wants_close(headers: &[(String, String)]) -> bool {
    header(headers, "connection").is_some_and(|value| value.to_ascii_lowercase().contains("close"))
}

fn write_response(
    writer: &mut impl Write,
    response: &RawResponse,
    close: bool,
    split_writes: bool,
) -> io::Result<()> {
    let mut out = Vec::with_capacity(256 + response.body.len());
    write!(
        out,
        "HTTP/1.1 {} {}\r\n",
        response.status,
        reason(response.status)
    )?;
    for (name, value) in &response.headers {
        write!(out, "{name}: {value}\r\n")?;
    }
    write!(out, "Content-Length: {}\r\n", response.body.len())?;
    if close {
        out.extend_from_slice(b"Connection: close\r\n");
    }
    out.extend_from_slice(b"\r\n");
    if split_writes {
        writer.write_all(&out)?;
        writer.flush()?;
        out.clear();
    }
    out.extend_from_slice(&response.body);
    writer.write_all(&out)?;
    writer.flush()
}

fn bad_request(why: &str) -> RawResponse {
    let body = serde_json::json!({"Error": [{"error_description": why, "error_description_translated": why}]});
    RawResponse {
        status: 400,
        headers: vec![("Content-Type".to_owned(), "application/json".to_owned())],
        body: body.to_string().into_bytes(),
    }
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        201 => "Created",
        400 => "Bad Request",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        413 => "Payload Too Large",
        429 => "Too Many Requests",
        466 => "Request Signature Required",
        500 => "Internal Server Error",
        _ => "Status",
    }
}
