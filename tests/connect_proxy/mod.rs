//! A small HTTP CONNECT proxy on loopback, for tests that go through a proxy as a company
//! network would make them: it checks `Proxy-Authorization` when given credentials (407
//! otherwise), opens the tunnel, and copies bytes both ways until either side closes. It
//! records every request line it was sent.

use std::io::{self, BufRead, BufReader, Read, Write};
use std::net::{Shutdown, TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread;

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as BASE64;

/// A running proxy; it stops accepting when dropped (tunnels end with their connections).
pub struct ConnectProxy {
    port: u16,
    requests: Arc<Mutex<Vec<String>>>,
    stopping: Arc<AtomicBool>,
}

impl ConnectProxy {
    /// Starts on a free port; with `credentials`, a tunnel needs them (Basic).
    pub fn start(credentials: Option<(&str, &str)>) -> ConnectProxy {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        let requests = Arc::new(Mutex::new(Vec::new()));
        let expected = credentials.map(|(user, password)| {
            format!("Basic {}", BASE64.encode(format!("{user}:{password}")))
        });
        let stopping = Arc::new(AtomicBool::new(false));
        let seen = Arc::clone(&requests);
        let stop = Arc::clone(&stopping);
        thread::spawn(move || {
            for client in listener.incoming() {
                if stop.load(Ordering::SeqCst) {
                    return;
                }
                let Ok(client) = client else { return };
                let seen = Arc::clone(&seen);
                let expected = expected.clone();
                thread::spawn(move || {
                    let _ = serve(client, expected.as_deref(), &seen);
                });
            }
        });
        ConnectProxy {
            port,
            requests,
            stopping,
        }
    }

    /// `http://127.0.0.1:PORT`
    pub fn url(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    /// The request lines received so far.
    pub fn requests(&self) -> Vec<String> {
        self.requests.lock().unwrap().clone()
    }

    /// How many tunnels to `authority` (`host:port`) were asked for.
    pub fn tunnels_to(&self, authority: &str) -> usize {
        let line = format!("CONNECT {authority} HTTP/1.1");
        self.requests().iter().filter(|seen| **seen == line).count()
    }
}

impl Drop for ConnectProxy {
    fn drop(&mut self) {
        // A last connection wakes the accept loop, which then sees the flag and ends.
        self.stopping.store(true, Ordering::SeqCst);
        let _ = TcpStream::connect(("127.0.0.1", self.port));
    }
}

fn serve(client: TcpStream, expected: Option<&str>, seen: &Mutex<Vec<String>>) -> io::Result<()> {
    let mut reader = BufReader::new(client.try_clone()?);
    let mut head = Vec::new();
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line)? == 0 {
            return Ok(());
        }
        let line = line.trim_end().to_owned();
        if line.is_empty() {
            break;
        }
        head.push(line);
    }
    let request_line = head.first().cloned().unwrap_or_default();
    seen.lock().unwrap().push(request_line.clone());
    let mut client = client;
    let authorized = expected.is_none_or(|expected| {
        head.iter().any(|header| {
            header.split_once(':').is_some_and(|(name, value)| {
                name.eq_ignore_ascii_case("proxy-authorization") && value.trim() == expected
            })
        })
    });
    if !authorized {
        return client.write_all(
            b"HTTP/1.1 407 Proxy Authentication Required\r\n\
              Proxy-Authenticate: Basic realm=\"test\"\r\nContent-Length: 0\r\n\r\n",
        );
    }
    let Some(authority) = request_line
        .strip_prefix("CONNECT ")
        .and_then(|rest| rest.strip_suffix(" HTTP/1.1"))
    else {
        return client.write_all(b"HTTP/1.1 405 Method Not Allowed\r\nContent-Length: 0\r\n\r\n");
    };
    let Ok(server) = TcpStream::connect(authority) else {
        return client.write_all(b"HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\n\r\n");
    };
    // Relays as soon as bytes come: the tunnel must not add delays of its own.
    server.set_nodelay(true)?;
    client.set_nodelay(true)?;
    client.write_all(b"HTTP/1.1 200 Connection established\r\n\r\n")?;
    let mut upstream = server.try_clone()?;
    // Whatever the client sent after the head and the reader already holds.
    upstream.write_all(reader.buffer())?;
    let downstream = thread::spawn({
        let mut server = server;
        let mut client = client.try_clone()?;
        move || {
            let _ = copy_then_close(&mut server, &mut client);
        }
    });
    let _ = copy_then_close(&mut reader.into_inner(), &mut upstream);
    let _ = downstream.join();
    Ok(())
}

/// Copies until `from` ends, then closes the other side's writing half.
fn copy_then_close(from: &mut TcpStream, to: &mut TcpStream) -> io::Result<()> {
    let mut buffer = [0u8; 16 * 1024];
    loop {
        let read = from.read(&mut buffer)?;
        if read == 0 {
            return to.shutdown(Shutdown::Write);
        }
        to.write_all(&buffer[..read])?;
    }
}
