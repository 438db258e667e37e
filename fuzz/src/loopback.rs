//! A server on 127.0.0.1 that answers each request with the next scripted [`Answer`], so
//! that a target drives the real client (ureq, headers, signature checks) over a socket.
//!
//! It is the fake bunq's scripted mode (`fake_bunq::scripted`), serving connections in turn
//! on one thread (a thread per connection would leave thread-exit bookkeeping that the leak
//! checker counts against the input being run). The server owns the framing (status line,
//! `Content-Length`, `Connection: close`); the fuzzer owns status, headers, signature and
//! body. Nothing leaves the machine.

use std::collections::VecDeque;
use std::sync::{Arc, Mutex, MutexGuard, OnceLock};

use fake_bunq::scripted::{self, ScriptedServer};

use crate::answer::{Answer, Echo, Signing};

/// A request as the server received it, and the answer it got.
#[derive(Debug, Clone)]
pub struct Seen {
    pub method: String,
    /// The request target as sent: path and query.
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
    script: Arc<Mutex<Script>>,
    server: ScriptedServer,
}

/// The one server of this process, started on first use.
pub fn loopback() -> &'static Loopback {
    static SERVER: OnceLock<Loopback> = OnceLock::new();
    SERVER.get_or_init(|| {
        let script = Arc::new(Mutex::new(Script::default()));
        let playing = Arc::clone(&script);
        let server = ScriptedServer::builder()
            .in_turn()
            .start(move |request| answer(&playing, request))
            .unwrap();
        Loopback {
            base_url: server.base_url(),
            script,
            server,
        }
    })
}

impl Loopback {
    /// Replaces the script: the next requests get `answers`, in order. Statuses outside
    /// 200..=599 become 500 (1xx would make a client wait for another answer).
    pub fn play(&self, answers: Vec<Answer>) {
        // The scripted server's own record is not needed: `seen` pairs requests and answers.
        let _ = self.server.take_received();
        let mut script = lock(&self.script);
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
        lock(&self.script).seen.clone()
    }
}

fn lock(script: &Mutex<Script>) -> MutexGuard<'_, Script> {
    script.lock().unwrap_or_else(|poison| poison.into_inner())
}

/// The next scripted answer to `request`, recorded with it.
fn answer(script: &Mutex<Script>, request: &scripted::Request) -> scripted::Answer {
    let mut script = lock(script);
    let (answer, scripted) = match script.answers.pop_front() {
        Some(answer) => (answer, true),
        None => (no_answer_left(), false),
    };
    let request_id = request.request_id().unwrap_or_default();
    let wire = answer
        .headers_for(request_id)
        .into_iter()
        .fold(
            scripted::Answer::bare(answer.status, answer.body.clone()),
            |wire, (name, value)| wire.add_header(&name, &value),
        );
    script.seen.push(Seen {
        method: request.method().to_owned(),
        path: request.target().to_owned(),
        headers: request.headers().to_vec(),
        body: request.body().to_vec(),
        answer,
        scripted,
    });
    wire
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
