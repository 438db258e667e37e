//! A callback receiver for the fake's tests: a std TcpListener on 127.0.0.1 that reads one
//! HTTP request per connection (httparse for the head), keeps it, and answers a status the
//! test chooses; optionally it holds each answer until the test releases it.

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, AtomicU16, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::{self, JoinHandle};
use std::time::{Duration, Instant};

use serde_json::Value;

/// One request the receiver got.
#[derive(Debug, Clone)]
pub struct Received {
    pub peer: SocketAddr,
    pub method: String,
    pub path: String,
    pub body: Vec<u8>,
}

impl Received {
    pub fn json(&self) -> Value {
        serde_json::from_slice(&self.body).expect("a callback body is JSON")
    }

    /// `NotificationUrl.category`, `.event_type` and the object's type name.
    pub fn summary(&self) -> (String, String, String) {
        let notification = &self.json()["NotificationUrl"];
        let object = notification["object"].as_object().expect("object");
        (
            notification["category"]
                .as_str()
                .expect("category")
                .to_owned(),
            notification["event_type"]
                .as_str()
                .expect("event type")
                .to_owned(),
            object.keys().next().expect("a type").clone(),
        )
    }
}

#[derive(Default)]
struct Shared {
    received: Mutex<Vec<Received>>,
    status: AtomicU16,
    hold: AtomicBool,
    stopping: AtomicBool,
}

pub struct Receiver {
    port: u16,
    shared: Arc<Shared>,
    acceptor: Option<JoinHandle<()>>,
}

impl Receiver {
    /// A receiver answering `status` to every request.
    pub fn start(status: u16) -> Receiver {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind a receiver");
        let port = listener.local_addr().expect("address").port();
        let shared = Arc::new(Shared::default());
        shared.status.store(status, Ordering::SeqCst);
        let acceptor = {
            let shared = Arc::clone(&shared);
            thread::spawn(move || {
                for stream in listener.incoming() {
                    if shared.stopping.load(Ordering::SeqCst) {
                        return;
                    }
                    let Ok(stream) = stream else { continue };
                    let shared = Arc::clone(&shared);
                    thread::spawn(move || serve(stream, &shared));
                }
            })
        };
        Receiver {
            port,
            shared,
            acceptor: Some(acceptor),
        }
    }

    /// `http://127.0.0.1:PORT{path}`.
    pub fn url(&self, path: &str) -> String {
        format!("http://127.0.0.1:{}{path}", self.port)
    }

    pub fn set_status(&self, status: u16) {
        self.shared.status.store(status, Ordering::SeqCst);
    }

    /// Keep each answer back until [`release`](Self::release) (at most 30 s).
    pub fn hold(&self) {
        self.shared.hold.store(true, Ordering::SeqCst);
    }

    pub fn release(&self) {
        self.shared.hold.store(false, Ordering::SeqCst);
    }

    pub fn received(&self) -> Vec<Received> {
        self.shared.received.lock().unwrap().clone()
    }

    /// Waits (at most 10 s) until `count` requests arrived; returns all so far.
    pub fn wait_for(&self, count: usize) -> Vec<Received> {
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            let received = self.received();
            if received.len() >= count || Instant::now() > deadline {
                return received;
            }
            thread::sleep(Duration::from_millis(5));
        }
    }
}

impl Drop for Receiver {
    fn drop(&mut self) {
        self.shared.stopping.store(true, Ordering::SeqCst);
        self.release();
        let _ = TcpStream::connect(("127.0.0.1", self.port));
        if let Some(acceptor) = self.acceptor.take() {
            let _ = acceptor.join();
        }
    }
}

fn serve(mut stream: TcpStream, shared: &Shared) {
    let _ = stream.set_read_timeout(Some(Duration::from_secs(10)));
    let Some(received) = read_request(&mut stream) else {
        return;
    };
    shared.received.lock().unwrap().push(received);
    let deadline = Instant::now() + Duration::from_secs(30);
    while shared.hold.load(Ordering::SeqCst) && Instant::now() < deadline {
        thread::sleep(Duration::from_millis(5));
    }
    let status = shared.status.load(Ordering::SeqCst);
    let answer =
        format!("HTTP/1.1 {status} Whatever\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
    let _ = stream.write_all(answer.as_bytes());
}

fn read_request(stream: &mut TcpStream) -> Option<Received> {
    let peer = stream.peer_addr().ok()?;
    let mut data = Vec::new();
    let mut buffer = [0u8; 4096];
    loop {
        let mut headers = [httparse::EMPTY_HEADER; 32];
        let mut request = httparse::Request::new(&mut headers);
        if let Ok(httparse::Status::Complete(head_length)) = request.parse(&data) {
            let length: usize = request
                .headers
                .iter()
                .find(|header| header.name.eq_ignore_ascii_case("content-length"))
                .and_then(|header| std::str::from_utf8(header.value).ok()?.parse().ok())
                .unwrap_or(0);
            let (method, path) = (request.method?.to_owned(), request.path?.to_owned());
            while data.len() < head_length + length {
                let read = stream.read(&mut buffer).ok()?;
                if read == 0 {
                    return None;
                }
                data.extend_from_slice(&buffer[..read]);
            }
            return Some(Received {
                peer,
                method,
                path,
                body: data[head_length..head_length + length].to_vec(),
            });
        }
        let read = stream.read(&mut buffer).ok()?;
        if read == 0 {
            return None;
        }
        data.extend_from_slice(&buffer[..read]);
    }
}
