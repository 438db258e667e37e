//! A scripted server: every answer comes from a Rust closure, so that a test can play a
//! hostile or broken bunq (wrong signatures, missing echoes, odd session answers, error
//! pages, truncated bodies) that the fake bunq itself never plays.
//!
//! It runs on the fake's own HTTP layer, on 127.0.0.1 only. Each connection carries one
//! request and one answer (`Connection: close`), so that a test sees each request on a
//! connection of its own. Every request is recorded before its answer goes out. Answers are
//! signed with the key given to the builder (a PKCS#8 PEM), so that a client that trusts that
//! key accepts them and the attack reaches the code under test.
//!
//! ```no_run
//! use fake_bunq::scripted::{Answer, ScriptedServer};
//! use serde_json::json;
//!
//! # fn main() -> std::io::Result<()> {
//! # let server_private_key_pem = "";
//! let server = ScriptedServer::builder()
//!     .signing_key_pem(server_private_key_pem)
//!     .start(|request| match request.endpoint() {
//!         "user" => Answer::objects(json!([{"UserPerson": {"id": 1}}])),
//!         _ => Answer::error(404, "Not found."),
//!     })?;
//! // ... point a client with a saved context at server.base_url() ...
//! assert_eq!(server.count("GET", "user"), 0);
//! # Ok(())
//! # }
//! ```

use std::io;
use std::net::{TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::thread::{self, JoinHandle};
use std::time::Duration;

use serde_json::{Value, json};

use crate::acceptor::{self, Workers};
use crate::http::{self, ConnectionMode, Outgoing, RawRequest, RawResponse};
use crate::signing::ServerKey;

/// The header a client's request id travels in, echoed by bunq.
const REQUEST_ID_HEADER: &str = "X-Bunq-Client-Request-Id";

/// A request as the scripted server received it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Request {
    method: String,
    target: String,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

impl Request {
    fn from_raw(raw: RawRequest) -> Request {
        Request {
            method: raw.method,
            target: raw.url,
            headers: raw.headers,
            body: raw.body,
        }
    }

    /// The method as sent, e.g. `GET`.
    pub fn method(&self) -> &str {
        &self.method
    }

    /// The request target as sent: path and query, e.g. `/v1/user/1/payment?count=10`.
    pub fn target(&self) -> &str {
        &self.target
    }

    /// The path without `/v1/` and without the query, e.g. `user/1/payment`.
    pub fn endpoint(&self) -> &str {
        let path = self.target.split('?').next().unwrap_or_default();
        let path = path.trim_start_matches('/');
        path.strip_prefix("v1/").unwrap_or(path)
    }

    /// Every header, names and values as sent, in order.
    pub fn headers(&self) -> &[(String, String)] {
        &self.headers
    }

    /// The first value of a header (the name in any case).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(key, _)| key.eq_ignore_ascii_case(name))
            .map(|(_, value)| value.as_str())
    }

    /// The `X-Bunq-Client-Request-Id` the client sent.
    pub fn request_id(&self) -> Option<&str> {
        self.header(REQUEST_ID_HEADER)
    }

    /// The body's bytes.
    pub fn body(&self) -> &[u8] {
        &self.body
    }

    /// The whole request as text, the way a proxy that echoes requests would show it.
    pub fn as_text(&self) -> String {
        let mut text = format!("{} /v1/{} HTTP/1.1\n", self.method, self.endpoint());
        for (name, value) in &self.headers {
            text.push_str(&format!("{name}: {value}\n"));
        }
        text.push('\n');
        text.push_str(&String::from_utf8_lossy(&self.body));
        text
    }
}

/// What the scripted server sends back for one request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Answer {
    status: u16,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
    signed: bool,
    echo_request_id: bool,
    delay: Duration,
    /// Bytes sent instead of an HTTP answer.
    verbatim: Option<Vec<u8>>,
}

impl Answer {
    /// `status` and `body` with no header at all: unsigned, the request id not echoed. The
    /// server adds only the framing (`Content-Length`, `Connection: close`).
    pub fn bare(status: u16, body: impl Into<Vec<u8>>) -> Answer {
        Answer {
            status,
            headers: Vec::new(),
            body: body.into(),
            signed: false,
            echo_request_id: false,
            delay: Duration::ZERO,
            verbatim: None,
        }
    }

    /// A 200 with `body` as JSON, a response id, signed (by the server's key, if it has
    /// one) and the request id echoed: an answer a client accepts.
    pub fn ok(body: impl Into<Vec<u8>>) -> Answer {
        let mut answer = Answer::bare(200, body)
            .add_header("Content-Type", "application/json")
            .add_header("X-Bunq-Client-Response-Id", "scripted-response");
        answer.signed = true;
        answer.echo_request_id = true;
        answer
    }

    /// A 200 with bunq's envelope around `objects`: `{"Response": objects}`.
    pub fn objects(objects: Value) -> Answer {
        Answer::ok(json!({ "Response": objects }).to_string())
    }

    /// bunq's error JSON with one description, unsigned as bunq's errors are.
    pub fn error(status: u16, description: &str) -> Answer {
        let body = json!({"Error": [{"error_description": description}]}).to_string();
        Answer::ok(body).status(status).unsigned()
    }

    /// Exactly these bytes instead of an HTTP answer (a truncated answer, garbage; empty:
    /// hang up without answering), then the connection closes.
    pub fn verbatim(bytes: impl Into<Vec<u8>>) -> Answer {
        let mut answer = Answer::bare(0, Vec::new());
        answer.verbatim = Some(bytes.into());
        answer
    }

    /// Another status.
    pub fn status(mut self, status: u16) -> Answer {
        self.status = status;
        self
    }

    /// No `X-Bunq-Server-Signature`.
    pub fn unsigned(mut self) -> Answer {
        self.signed = false;
        self
    }

    /// No `X-Bunq-Client-Request-Id` echo.
    pub fn without_request_id(mut self) -> Answer {
        self.echo_request_id = false;
        self
    }

    /// Sets a header, replacing any of that name (in any case).
    pub fn header(mut self, name: &str, value: &str) -> Answer {
        self.headers
            .retain(|(key, _)| !key.eq_ignore_ascii_case(name));
        self.add_header(name, value)
    }

    /// Adds a header after the others, even one of a name already there. The signature and
    /// the echo the server adds come after these. `Content-Length`, `Transfer-Encoding` and
    /// `Connection` are the server's and left out.
    pub fn add_header(mut self, name: &str, value: &str) -> Answer {
        self.headers.push((name.to_owned(), value.to_owned()));
        self
    }

    /// Waits this long before answering.
    pub fn after(mut self, delay: Duration) -> Answer {
        self.delay = delay;
        self
    }

    /// The answer as it goes on the wire, for `request`.
    fn outgoing(self, key: Option<&ServerKey>, request: &Request) -> Outgoing {
        if let Some(bytes) = self.verbatim {
            return Outgoing::Verbatim(bytes);
        }
        let is_framing = |name: &str| {
            ["content-length", "transfer-encoding", "connection"]
                .iter()
                .any(|framing| name.trim().eq_ignore_ascii_case(framing))
        };
        let mut headers: Vec<(String, String)> = self
            .headers
            .into_iter()
            .filter(|(name, _)| !is_framing(name))
            .collect();
        let signature = key
            .filter(|_| self.signed)
            .and_then(|key| key.sign(&self.body));
        if let Some(signature) = signature {
            headers.push(("X-Bunq-Server-Signature".to_owned(), signature));
        }
        let echo = request.request_id().filter(|_| self.echo_request_id);
        if let Some(id) = echo {
            headers.push((REQUEST_ID_HEADER.to_owned(), id.to_owned()));
        }
        Outgoing::Response(RawResponse {
            status: self.status,
            headers,
            body: self.body,
        })
    }
}

type Handler = dyn Fn(&Request) -> Answer + Send + Sync;

/// How to start a [`ScriptedServer`].
#[derive(Default)]
pub struct ScriptedServerBuilder {
    signing_key_pem: Option<String>,
    in_turn: bool,
}

impl std::fmt::Debug for ScriptedServerBuilder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ScriptedServerBuilder")
            .field(
                "signing_key_pem",
                &self.signing_key_pem.as_ref().map(|_| "<hidden>"),
            )
            .field("in_turn", &self.in_turn)
            .finish()
    }
}

impl ScriptedServerBuilder {
    /// Sign answers with this private key (PKCS#8 PEM, `BEGIN PRIVATE KEY`): the key whose
    /// public half the client's context holds as bunq's. Without one, every answer goes out
    /// unsigned.
    pub fn signing_key_pem(mut self, pem: &str) -> ScriptedServerBuilder {
        self.signing_key_pem = Some(pem.to_owned());
        self
    }

    /// Serve the connections one after the other on the accepting thread instead of a
    /// thread each: no thread starts or ends per request (which a leak checker would count
    /// against a fuzz input), at the cost of one request at a time.
    pub fn in_turn(mut self) -> ScriptedServerBuilder {
        self.in_turn = true;
        self
    }

    /// Starts the server on a free port of 127.0.0.1; `handler` answers every request.
    ///
    /// # Errors
    /// When the port cannot be bound, or (kind `InvalidInput`) the signing key is no PKCS#8
    /// RSA key.
    pub fn start(
        self,
        handler: impl Fn(&Request) -> Answer + Send + Sync + 'static,
    ) -> io::Result<ScriptedServer> {
        let key = match &self.signing_key_pem {
            None => None,
            Some(pem) => Some(ServerKey::from_private_pem(pem).ok_or_else(|| {
                io::Error::new(
                    io::ErrorKind::InvalidInput,
                    "the scripted server's signing key is no PKCS#8 RSA private key PEM",
                )
            })?),
        };
        let listener = TcpListener::bind(("127.0.0.1", 0))?;
        let port = listener.local_addr()?.port();
        let shared = Arc::new(Scripted {
            handler: Box::new(handler),
            key,
            received: Mutex::new(Vec::new()),
            connections: AtomicUsize::new(0),
            stopping: AtomicBool::new(false),
        });
        let in_turn = self.in_turn;
        let acceptor = {
            let shared = Arc::clone(&shared);
            thread::Builder::new()
                .name("scripted-accept".to_owned())
                .spawn(move || accept(&listener, &shared, in_turn))?
        };
        Ok(ScriptedServer {
            shared,
            acceptor: Some(acceptor),
            port,
        })
    }
}

/// What the acceptor and the connections share.
struct Scripted {
    handler: Box<Handler>,
    key: Option<ServerKey>,
    received: Mutex<Vec<Request>>,
    connections: AtomicUsize,
    stopping: AtomicBool,
}

impl Scripted {
    fn answer(&self, raw: RawRequest) -> Outgoing {
        let request = Request::from_raw(raw);
        self.received
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .push(request.clone());
        let answer = (self.handler)(&request);
        if !answer.delay.is_zero() {
            thread::sleep(answer.delay);
        }
        answer.outgoing(self.key.as_ref(), &request)
    }
}

/// A running scripted server on 127.0.0.1. Dropping it stops accepting and closes the port;
/// a connection being answered finishes on its own.
pub struct ScriptedServer {
    shared: Arc<Scripted>,
    /// `None` only while dropping.
    acceptor: Option<JoinHandle<()>>,
    port: u16,
}

impl std::fmt::Debug for ScriptedServer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ScriptedServer")
            .field("base_url", &self.base_url())
            .finish_non_exhaustive()
    }
}

impl ScriptedServer {
    /// How to start one: a signing key, serving in turn.
    pub fn builder() -> ScriptedServerBuilder {
        ScriptedServerBuilder::default()
    }

    /// Starts a server without a signing key (every answer unsigned) where `handler`
    /// answers every request.
    ///
    /// # Errors
    /// When the port cannot be bound.
    pub fn start(
        handler: impl Fn(&Request) -> Answer + Send + Sync + 'static,
    ) -> io::Result<ScriptedServer> {
        ScriptedServer::builder().start(handler)
    }

    /// The API base, `http://127.0.0.1:PORT/v1/`.
    pub fn base_url(&self) -> String {
        format!("http://127.0.0.1:{}/v1/", self.port)
    }

    /// The port on 127.0.0.1.
    pub fn port(&self) -> u16 {
        self.port
    }

    /// Every request received so far (or since the last [`take_received`]), in order of
    /// arrival.
    ///
    /// [`take_received`]: ScriptedServer::take_received
    pub fn received(&self) -> Vec<Request> {
        self.lock_received().clone()
    }

    /// The requests received so far, forgotten here: a long-running server (a fuzz
    /// target's) keeps no growing list.
    pub fn take_received(&self) -> Vec<Request> {
        std::mem::take(&mut *self.lock_received())
    }

    /// How many of the [`received`](ScriptedServer::received) requests were `method` to
    /// `endpoint` (the path without `/v1/` and the query).
    pub fn count(&self, method: &str, endpoint: &str) -> usize {
        self.lock_received()
            .iter()
            .filter(|request| request.method == method && request.endpoint() == endpoint)
            .count()
    }

    /// How many connections were opened (each carries one request).
    pub fn connections(&self) -> usize {
        self.shared.connections.load(Ordering::SeqCst)
    }

    fn lock_received(&self) -> std::sync::MutexGuard<'_, Vec<Request>> {
        self.shared
            .received
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
    }
}

impl Drop for ScriptedServer {
    fn drop(&mut self) {
        self.shared.stopping.store(true, Ordering::SeqCst);
        if let Some(acceptor) = self.acceptor.take() {
            acceptor::wake_and_join(self.port, acceptor);
        }
    }
}

fn accept(listener: &TcpListener, shared: &Arc<Scripted>, in_turn: bool) {
    let served = Arc::clone(shared);
    let serve_one = move |stream: TcpStream| {
        // One request a connection, as hostile as needed, never split.
        let mode = ConnectionMode {
            keep_alive: false,
            split_writes: false,
        };
        http::prepare_socket(&stream, mode);
        http::serve_connection(stream, &served.stopping, mode, |raw| served.answer(raw));
    };
    // Connection threads are not joined: a scripted answer may wait longer than a test.
    let detached = Mutex::new(Vec::new());
    let workers = match in_turn {
        true => Workers::InTurn,
        false => Workers::ThreadEach(&detached),
    };
    acceptor::accept_until_stopped(
        listener,
        &shared.stopping,
        &shared.connections,
        workers,
        serve_one,
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_endpoint_drops_the_prefix_and_the_query() {
        let request = Request {
            method: "GET".into(),
            target: "/v1/user/1/payment?count=10".into(),
            headers: vec![("x-bunq-client-request-id".into(), "r-1".into())],
            body: Vec::new(),
        };
        assert_eq!(request.endpoint(), "user/1/payment");
        assert_eq!(request.request_id(), Some("r-1"));
        assert!(
            request
                .as_text()
                .starts_with("GET /v1/user/1/payment HTTP/1.1\n")
        );
    }
}
