//! A server on 127.0.0.1 that answers each request with the next scripted [`Answer`], so
//! that a target drives the real client (ureq, headers, signature checks) over a socket.
//!
//! The server owns the framing (status line, `Content-Length`, `Connection: close`); the
//! fuzzer owns status, headers and body. Nothing leaves the machine.

use std::collections::VecDeque;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::{Mutex, OnceLock};
use std::thread;
use std::time::Duration;

use crate::answer::{Answer, Echo, REQUEST_ID_HEADER, Signing};

/// A request as the server received it, and the answer it got.
#[derive(Debug, Clone)]
pub struct Seen {
    pub method: String,
    pub path: String,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
    /// The answer sent back (a scripted one, or the server's own 500 when none was left).
    pub answer: Answer,
    /// Whether `answer` came from the script.
    pub scripted: bool,
}

impl Seen {
    /// The first value of a request header (any case).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(key, _)| key.eq_ignore_ascii_case(name))
            .map(|(_, value)| value.as_str())
    }
}

#[derive(Default)]
struct Script {
    answers: VecDeque<Answer>,
    seen: Vec<Seen>,
}

/// The running server.
pub struct Loopback {
    /// `http://127.0.0.1:PORT/v1/`.
    pub base_url: String,
    script: Mutex<Script>,
}

/// The one server of this process, started on first use.
pub fn loopback() -> &'static Loopback {
    static SERVER: OnceLock<&'static Loopback> = OnceLock::new();
    SERVER.get_or_init(|| {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let server: &'static Loopback = Box::leak(Box::new(Loopback {
            base_url: format!("http://{}/v1/", listener.local_addr().unwrap()),
            script: Mutex::new(Script::default()),
        }));
        // One thread answers the connections in turn (each carries one request and is
        // closed): a thread per connection would leave thread-exit bookkeeping that the
        // leak checker counts against the input being run.
        thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                server.serve(stream);
            }
        });
        server
    })
}

impl Loopback {
    /// Replaces the script: the next requests get `answers`, in order. Statuses outside
    /// 200..=599 become 500 (1xx would make a client wait for another answer).
    pub fn play(&self, answers: Vec<Answer>) {
        let mut script = self.lock();
        script.seen.clear();
        script.answers = answers
            .into_iter()
            .map(|mut answer| {
                if !(200..=599).contains(&answer.status) {
                    answer.status = 500;
                }
                answer
            })
            .collect();
    }

    /// The requests received since [`play`](Self::play).
    pub fn seen(&self) -> Vec<Seen> {
        self.lock().seen.clone()
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Script> {
        self.script
            .lock()
            .unwrap_or_else(|poison| poison.into_inner())
    }

    fn serve(&self, stream: TcpStream) {
        let _ = stream.set_read_timeout(Some(Duration::from_secs(5)));
        let _ = stream.set_nodelay(true);
        let Ok(mut writer) = stream.try_clone() else {
            return;
        };
        let mut reader = BufReader::new(stream);
        let Some((method, path, headers, body)) = read_request(&mut reader) else {
            return;
        };
        let (answer, scripted) = match self.lock().answers.pop_front() {
            Some(answer) => (answer, true),
            None => (no_answer_left(), false),
        };
        let request_id = headers
            .iter()
            .find(|(name, _)| name.eq_ignore_ascii_case(REQUEST_ID_HEADER))
            .map(|(_, value)| value.clone())
            .unwrap_or_default();
        let wire = wire_bytes(&answer, &request_id);
        self.lock().seen.push(Seen {
            method,
            path,
            headers,
            body,
            answer,
            scripted,
        });
        let _ = writer.write_all(&wire);
        let _ = writer.flush();
    }
}

fn no_answer_left() -> Answer {
    Answer {
        status: 500,
        signing: Signing::Unsigned,
        echo: Echo::NoEcho,
        headers: vec![("Content-Type".into(), "text/plain".into())],
        body: b"the script has no answer left".to_vec(),
    }
}

type Request = (String, String, Vec<(String, String)>, Vec<u8>);

fn read_request(reader: &mut BufReader<TcpStream>) -> Option<Request> {
    let mut line = String::new();
    reader.read_line(&mut line).ok()?;
    let mut parts = line.split_whitespace();
    let method = parts.next()?.to_owned();
    let path = parts.next()?.to_owned();
    let mut headers = Vec::new();
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).ok()? == 0 {
            return None;
        }
        let line = line.trim_end_matches(['\r', '\n']);
        if line.is_empty() {
            break;
        }
        let (name, value) = line.split_once(':')?;
        headers.push((name.trim().to_owned(), value.trim().to_owned()));
    }
    let length: usize = headers
        .iter()
        .find(|(name, _)| name.eq_ignore_ascii_case("content-length"))
        .and_then(|(_, value)| value.parse().ok())
        .unwrap_or(0);
    let mut body = vec![0; length];
    reader.read_exact(&mut body).ok()?;
    Some((method, path, headers, body))
}

/// Status line, the fuzzer's headers (not the framing ones), the script's, the body.
fn wire_bytes(answer: &Answer, request_id: &str) -> Vec<u8> {
    let mut wire = format!("HTTP/1.1 {} Scripted\r\n", answer.status).into_bytes();
    for (name, value) in answer.headers_for(request_id) {
        let framing = ["content-length", "transfer-encoding", "connection"]
            .iter()
            .any(|framing| name.trim().eq_ignore_ascii_case(framing));
        if !framing {
            wire.extend_from_slice(format!("{name}: {value}\r\n").as_bytes());
        }
    }
    wire.extend_from_slice(
        format!(
            "Content-Length: {}\r\nConnection: close\r\n\r\n",
            answer.body.len()
        )
        .as_bytes(),
    );
    wire.extend_from_slice(&answer.body);
    wire
}
