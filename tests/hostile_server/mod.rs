//! A hostile bunq on loopback: it answers whatever a test tells it to, signed with the test
//! server key (`common::server_key()`, the key of `common::offline_context`), so that the
//! client accepts its answers and the attack reaches the code under test. Nothing leaves
//! 127.0.0.1.
//!
//! Each connection carries one request and one answer (`Connection: close`); the handler
//! sees every request in full (method, path, headers, body) and returns an [`Answer`].
#![allow(dead_code)] // each test binary uses its own subset

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::Duration;

use serde_json::{Value, json};

use crate::common::server_key;

/// A request as the hostile server received it.
#[derive(Debug, Clone)]
pub struct Received {
    pub method: String,
    /// The path without the `/v1/` prefix and without the query, e.g. `user/1`.
    pub endpoint: String,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Received {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(key, _)| key.eq_ignore_ascii_case(name))
            .map(|(_, value)| value.as_str())
    }

    pub fn request_id(&self) -> Option<&str> {
        self.header("X-Bunq-Client-Request-Id")
    }

    /// The whole request as text, the way an echoing proxy would show it.
    pub fn as_text(&self) -> String {
        let mut text = format!("{} /v1/{} HTTP/1.1\n", self.method, self.endpoint);
        for (name, value) in &self.headers {
            text.push_str(&format!("{name}: {value}\n"));
        }
        text.push('\n');
        text.push_str(&String::from_utf8_lossy(&self.body));
        text
    }
}

/// What the server sends back.
#[derive(Debug, Clone)]
pub struct Answer {
    status: u16,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
    sign: bool,
    echo_request_id: bool,
    delay: Duration,
}

impl Answer {
    /// A 200 with `body`, signed, the request id echoed: an answer the client accepts.
    pub fn ok(body: impl Into<Vec<u8>>) -> Answer {
        Answer {
            status: 200,
            headers: vec![
                ("Content-Type".into(), "application/json".into()),
                (
                    "X-Bunq-Client-Response-Id".into(),
                    "hostile-response".into(),
                ),
            ],
            body: body.into(),
            sign: true,
            echo_request_id: true,
            delay: Duration::ZERO,
        }
    }

    /// A 200 with bunq's envelope around `objects`.
    pub fn objects(objects: Value) -> Answer {
        Answer::ok(json!({ "Response": objects }).to_string())
    }

    /// bunq's error JSON with one description, unsigned (as bunq's errors are).
    pub fn error(status: u16, description: &str) -> Answer {
        let body = json!({"Error": [{"error_description": description}]}).to_string();
        Answer::ok(body).status(status).unsigned()
    }

    pub fn status(mut self, status: u16) -> Answer {
        self.status = status;
        self
    }

    pub fn unsigned(mut self) -> Answer {
        self.sign = false;
        self
    }

    pub fn without_request_id(mut self) -> Answer {
        self.echo_request_id = false;
        self
    }

    pub fn header(mut self, name: &str, value: &str) -> Answer {
        self.headers
            .retain(|(key, _)| !key.eq_ignore_ascii_case(name));
        self.headers.push((name.into(), value.into()));
        self
    }

    /// Waits this long before answering.
    pub fn after(mut self, delay: Duration) -> Answer {
        self.delay = delay;
        self
    }

    fn write_to(&self, request: Option<&Received>, stream: &mut TcpStream) {
        thread::sleep(self.delay);
        let mut head = format!("HTTP/1.1 {} Hostile\r\n", self.status);
        for (name, value) in &self.headers {
            head.push_str(&format!("{name}: {value}\r\n"));
        }
        if self.sign {
            let signature = server_key().sign(&self.body).unwrap();
            head.push_str(&format!("X-Bunq-Server-Signature: {signature}\r\n"));
        }
        let echoed = request.and_then(Received::request_id);
        if let Some(id) = echoed.filter(|_| self.echo_request_id) {
            head.push_str(&format!("X-Bunq-Client-Request-Id: {id}\r\n"));
        }
        head.push_str(&format!(
            "Content-Length: {}\r\nConnection: close\r\n\r\n",
            self.body.len()
        ));
        // The client may hang up early (an over-size answer): not an error here.
        let _ = stream
            .write_all(head.as_bytes())
            .and_then(|()| stream.write_all(&self.body))
            .and_then(|()| stream.flush());
    }
}

/// The session-server answer bunq gives: `Id`, `Token`, the user.
pub fn session_answer(token: &str, user: Value) -> Answer {
    Answer::objects(json!([
        {"Id": {"id": 1}},
        {"Token": {"id": 2, "token": token}},
        {"UserPerson": user},
    ]))
}

/// A user object with this `session_timeout` (any JSON value).
pub fn user_with_timeout(timeout: Value) -> Value {
    json!({"id": 1, "display_name": "Hostile", "session_timeout": timeout})
}

type Handler = dyn Fn(&Received) -> Answer + Send + Sync;

/// The server. Dropping it leaves the listener thread running until the test binary ends;
/// every test has its own port.
pub struct HostileServer {
    base_url: String,
    received: Arc<Mutex<Vec<Received>>>,
    connections: Arc<AtomicUsize>,
}

impl HostileServer {
    /// Starts a server that answers each request with `handler(request)`.
    pub fn start(handler: impl Fn(&Received) -> Answer + Send + Sync + 'static) -> HostileServer {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let base_url = format!("http://{}/v1/", listener.local_addr().unwrap());
        let received = Arc::new(Mutex::new(Vec::new()));
        let connections = Arc::new(AtomicUsize::new(0));
        let handler: Arc<Handler> = Arc::new(handler);
        let (log, count) = (Arc::clone(&received), Arc::clone(&connections));
        thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                count.fetch_add(1, Ordering::SeqCst);
                let (handler, log) = (Arc::clone(&handler), Arc::clone(&log));
                thread::spawn(move || serve(stream, handler.as_ref(), &log));
            }
        });
        HostileServer {
            base_url,
            received,
            connections,
        }
    }

    pub fn base_url(&self) -> String {
        self.base_url.clone()
    }

    /// Every request received so far, in order of arrival.
    pub fn received(&self) -> Vec<Received> {
        self.received.lock().unwrap().clone()
    }

    /// How many requests of `method` to `endpoint` arrived.
    pub fn count(&self, method: &str, endpoint: &str) -> usize {
        self.received()
            .iter()
            .filter(|request| request.method == method && request.endpoint == endpoint)
            .count()
    }

    /// How many connections were opened (each carries one request).
    pub fn connections(&self) -> usize {
        self.connections.load(Ordering::SeqCst)
    }
}

fn serve(stream: TcpStream, handler: &Handler, log: &Mutex<Vec<Received>>) {
    stream
        .set_read_timeout(Some(Duration::from_secs(30)))
        .unwrap();
    let mut writer = stream.try_clone().unwrap();
    let Some(request) = read_request(BufReader::new(stream)) else {
        return;
    };
    log.lock().unwrap().push(request.clone());
    handler(&request).write_to(Some(&request), &mut writer);
}

fn read_request(mut reader: BufReader<TcpStream>) -> Option<Received> {
    let mut line = String::new();
    reader.read_line(&mut line).ok()?;
    let mut parts = line.split_whitespace();
    let method = parts.next()?.to_owned();
    let target = parts.next()?;
    let path = target.split('?').next().unwrap_or(target);
    let endpoint = path
        .trim_start_matches('/')
        .trim_start_matches("v1/")
        .to_owned();
    let mut headers = Vec::new();
    loop {
        let mut header = String::new();
        reader.read_line(&mut header).ok()?;
        let header = header.trim_end();
        if header.is_empty() {
            break;
        }
        let (name, value) = header.split_once(':')?;
        headers.push((name.trim().to_owned(), value.trim().to_owned()));
    }
    let length = headers
        .iter()
        .find(|(name, _)| name.eq_ignore_ascii_case("content-length"))
        .and_then(|(_, value)| value.parse::<usize>().ok())
        .unwrap_or(0);
    let mut body = vec![0u8; length];
    reader.read_exact(&mut body).ok()?;
    Some(Received {
        method,
        endpoint,
        headers,
        body,
    })
}
