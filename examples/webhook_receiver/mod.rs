//! A small receiver of bunq's callbacks for the examples: a std `TcpListener` on 127.0.0.1,
//! one thread per connection. Each request's body is parsed as a callback; the receiver
//! answers at once (200 for a callback, 400 with the reason for anything else: bunq wants a
//! quick answer) and hands the callback on through a channel, so that the slow part
//! (confirming it through the API) happens after.

use std::error::Error;
use std::io::{Read, Write};
use std::net::{IpAddr, TcpListener, TcpStream};
use std::sync::mpsc::{self, Receiver, Sender};
use std::thread;
use std::time::Duration;

use bunq::callbacks::{self, Callback, MAX_CALLBACK_BYTES};

/// One callback the receiver accepted.
pub struct Delivery {
    /// Where it came from.
    pub peer: IpAddr,
    /// The path it was posted to.
    pub path: String,
    /// The callback, parsed.
    pub callback: Callback,
}

/// A receiver on 127.0.0.1: one thread accepting, one per connection. Returns the channel
/// the accepted callbacks arrive on and the receiver's base URL.
pub fn start_receiver() -> Result<(Receiver<Delivery>, String), Box<dyn Error>> {
    let listener = TcpListener::bind("127.0.0.1:0")?;
    let url = format!("http://{}/", listener.local_addr()?);
    let (sender, deliveries) = mpsc::channel();
    thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let sender = sender.clone();
            thread::spawn(move || receive(stream, &sender));
        }
    });
    Ok((deliveries, url))
}

/// One request: parse the body as a callback, answer at once, hand it on.
fn receive(mut stream: TcpStream, deliveries: &Sender<Delivery>) {
    let _ = stream.set_read_timeout(Some(Duration::from_secs(10)));
    let peer = stream.peer_addr().map(|address| address.ip());
    let (status, reason) = match (peer, read_request(&mut stream)) {
        (Ok(peer), Ok((path, body))) => match callbacks::parse_callback(&body) {
            Ok(callback) => {
                let _ = deliveries.send(Delivery {
                    peer,
                    path,
                    callback,
                });
                (200, "OK".to_owned())
            }
            Err(error) => (400, error.to_string()),
        },
        (_, Err(error)) => (400, error),
        (Err(error), _) => (400, error.to_string()),
    };
    let reason = reason.replace(['\r', '\n'], " ");
    let _ = write!(
        stream,
        "HTTP/1.1 {status} X\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{reason}",
        reason.len()
    );
}

/// The path and body of an HTTP request; a body over the callback cap is refused unread.
fn read_request(stream: &mut TcpStream) -> Result<(String, Vec<u8>), String> {
    let mut data = Vec::new();
    let mut buffer = [0u8; 4096];
    let head_end = loop {
        if let Some(end) = data.windows(4).position(|w| w == b"\r\n\r\n") {
            break end + 4;
        }
        if data.len() > 16 * 1024 {
            return Err("the request head is too large".to_owned());
        }
        match stream.read(&mut buffer) {
            Ok(0) | Err(_) => return Err("the request ended early".to_owned()),
            Ok(read) => data.extend_from_slice(&buffer[..read]),
        }
    };
    let head = String::from_utf8_lossy(&data[..head_end]).into_owned();
    let path = head.split(' ').nth(1).unwrap_or("/").to_owned();
    let length: usize = head
        .lines()
        .filter_map(|line| line.split_once(':'))
        .find(|(name, _)| name.trim().eq_ignore_ascii_case("content-length"))
        .and_then(|(_, value)| value.trim().parse().ok())
        .unwrap_or(0);
    if length > MAX_CALLBACK_BYTES {
        return Err(format!("a body of {length} bytes is no callback"));
    }
    let mut body = data[head_end..].to_vec();
    while body.len() < length {
        match stream.read(&mut buffer) {
            Ok(0) | Err(_) => return Err("the body ended early".to_owned()),
            Ok(read) => body.extend_from_slice(&buffer[..read]),
        }
    }
    body.truncate(length);
    Ok((path, body))
}
