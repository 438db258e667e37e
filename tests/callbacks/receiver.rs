//! A small callback receiver for the tests: a std TcpListener on 127.0.0.1, one request per
//! connection, read by hand (no HTTP library: it shows how little a receiver needs). Each
//! body goes through `bunq::callbacks::parse_callback`: what is not a callback gets 400 with
//! the reason, a body over the cap 413 unread, a callback 200 (or, while `fail_next` lasts,
//! 500, so that the fake tries again). Everything is recorded for the test to check.

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::{self, JoinHandle};
use std::time::{Duration, Instant};

use bunq::callbacks::{MAX_CALLBACK_BYTES, parse_callback};

/// The longest request head read.
const MAX_HEAD_BYTES: usize = 16 * 1024;

/// One request as received, and what the receiver answered.
#[derive(Debug, Clone)]
pub struct Delivery {
    pub peer: SocketAddr,
    pub path: String,
    pub body: Vec<u8>,
    pub status: u16,
}

#[derive(Default)]
struct State {
    deliveries: Mutex<Vec<Delivery>>,
    fail_next: AtomicUsize,
    stopping: AtomicBool,
}

pub struct Receiver {
    port: u16,
    state: Arc<State>,
    acceptor: Option<JoinHandle<()>>,
}

impl Receiver {
    pub fn start() -> Receiver {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        let state = Arc::new(State::default());
        let acceptor = {
            let state = Arc::clone(&state);
            thread::spawn(move || {
                for stream in listener.incoming() {
                    if state.stopping.load(Ordering::SeqCst) {
                        return;
                    }
                    if let Ok(stream) = stream {
                        let state = Arc::clone(&state);
                        thread::spawn(move || serve(stream, &state));
                    }
                }
            })
        };
        Receiver {
            port,
            state,
            acceptor: Some(acceptor),
        }
    }

    pub fn url(&self, path: &str) -> String {
        format!("http://127.0.0.1:{}{path}", self.port)
    }

    pub fn address(&self) -> SocketAddr {
        SocketAddr::from(([127, 0, 0, 1], self.port))
    }

    /// Answer 500 to the next `count` callbacks.
    pub fn fail_next(&self, count: usize) {
        self.state.fail_next.store(count, Ordering::SeqCst);
    }

    pub fn deliveries(&self) -> Vec<Delivery> {
        self.state.deliveries.lock().unwrap().clone()
    }

    /// Waits (at most 10 s) for `count` deliveries; returns all so far.
    pub fn wait_for(&self, count: usize) -> Vec<Delivery> {
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            let deliveries = self.deliveries();
            if deliveries.len() >= count || Instant::now() > deadline {
                return deliveries;
            }
            thread::sleep(Duration::from_millis(5));
        }
    }
}

impl Drop for Receiver {
    fn drop(&mut self) {
        self.state.stopping.store(true, Ordering::SeqCst);
        let _ = TcpStream::connect(self.address());
        if let Some(acceptor) = self.acceptor.take() {
            let _ = acceptor.join();
        }
    }
}

fn serve(mut stream: TcpStream, state: &State) {
    let _ = stream.set_read_timeout(Some(Duration::from_secs(10)));
    let Ok(peer) = stream.peer_addr() else { return };
    let Some((path, body)) = read_request(&mut stream) else {
        let _ = answer(&mut stream, 400, "not an HTTP request");
        return;
    };
    let (status, reason) = match body {
        None => (413, "too large".to_owned()),
        Some(ref body) => match parse_callback(body) {
            Err(error) => (400, error.to_string()),
            Ok(_) if take_one(&state.fail_next) => (500, "failing on purpose".to_owned()),
            Ok(_) => (200, "ok".to_owned()),
        },
    };
    state.deliveries.lock().unwrap().push(Delivery {
        peer,
        path,
        body: body.unwrap_or_default(),
        status,
    });
    let _ = answer(&mut stream, status, &reason);
}

fn take_one(counter: &AtomicUsize) -> bool {
    counter
        .fetch_update(Ordering::SeqCst, Ordering::SeqCst, |n| n.checked_sub(1))
        .is_ok()
}

fn answer(stream: &mut TcpStream, status: u16, reason: &str) -> std::io::Result<()> {
    let reason = reason.replace(['\r', '\n'], " ");
    write!(
        stream,
        "HTTP/1.1 {status} X\r\nContent-Type: text/plain\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{reason}",
        reason.len()
    )
}

/// The path and the body (`None` when its declared length is over the callback cap: not
/// read at all).
fn read_request(stream: &mut TcpStream) -> Option<(String, Option<Vec<u8>>)> {
    let mut data = Vec::new();
    let mut buffer = [0u8; 4096];
    let head_end = loop {
        if let Some(end) = data.windows(4).position(|window| window == b"\r\n\r\n") {
            break end + 4;
        }
        if data.len() > MAX_HEAD_BYTES {
            return None;
        }
        let read = stream.read(&mut buffer).ok()?;
        if read == 0 {
            return None;
        }
        data.extend_from_slice(&buffer[..read]);
    };
    let head = String::from_utf8_lossy(&data[..head_end]).into_owned();
    let path = head.split(' ').nth(1)?.to_owned();
    let length: usize = head
        .lines()
        .filter_map(|line| line.split_once(':'))
        .find(|(name, _)| name.trim().eq_ignore_ascii_case("content-length"))
        .and_then(|(_, value)| value.trim().parse().ok())
        .unwrap_or(0);
    if length > MAX_CALLBACK_BYTES {
        return Some((path, None));
    }
    let mut body = data[head_end..].to_vec();
    while body.len() < length {
        let read = stream.read(&mut buffer).ok()?;
        if read == 0 {
            return None;
        }
        body.extend_from_slice(&buffer[..read]);
    }
    body.truncate(length);
    Some((path, Some(body)))
}
