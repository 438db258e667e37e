//! Faults mockito cannot express, from a minimal loopback server: a server that never
//! answers, a reset connection, a truncated body, a proxy's HTML page.

mod common;

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::thread;
use std::time::Duration;

use bunq::{Client, Config, ErrorKind, ProxySetting};
use common::offline_context;
use serde_json::json;

/// A server on loopback that reads each request, then treats its connection with `fault`.
/// Returns its base URL and a count of the connections it saw.
fn faulty_server(fault: fn(TcpStream)) -> (String, Arc<AtomicUsize>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}/v1/", listener.local_addr().unwrap());
    let connections = Arc::new(AtomicUsize::new(0));
    let seen = Arc::clone(&connections);
    thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            seen.fetch_add(1, Ordering::SeqCst);
            thread::spawn(move || {
                let mut stream = stream;
                read_request_head(&mut stream);
                fault(stream);
            });
        }
    });
    (url, connections)
}

/// Reads up to the end of the request head, and the body if a Content-Length says so.
fn read_request_head(stream: &mut TcpStream) {
    stream
        .set_read_timeout(Some(Duration::from_secs(5)))
        .unwrap();
    let mut received = Vec::new();
    let mut byte = [0u8; 1];
    while !received.ends_with(b"\r\n\r\n") {
        match stream.read(&mut byte) {
            Ok(1) => received.push(byte[0]),
            _ => return,
        }
    }
    let head = String::from_utf8_lossy(&received).to_ascii_lowercase();
    let length = head
        .lines()
        .find_map(|line| line.strip_prefix("content-length:"))
        .and_then(|value| value.trim().parse::<usize>().ok())
        .unwrap_or(0);
    let mut body = vec![0u8; length];
    let _ = stream.read_exact(&mut body);
}

fn client(url: &str, timeout: Duration) -> Client {
    let config = Config::builder()
        .proxy(ProxySetting::None)
        .rate_limits(None)
        .timeout(timeout)
        .build();
    Client::builder(offline_context(url, "session-token"))
        .config(config)
        .build()
        .unwrap()
}

#[test]
fn a_server_that_never_answers_ends_in_a_timeout_error() {
    let (url, _) = faulty_server(|stream| {
        thread::sleep(Duration::from_secs(10));
        drop(stream);
    });
    let error = client(&url, Duration::from_millis(300))
        .get("user")
        .unwrap_err();
    assert_eq!(error.kind(), ErrorKind::Timeout, "{error}");
    assert!(error.to_string().contains("timed out"), "{error}");
}

/// The request arrived, then the connection ends with no answer: its fate is unknown.
fn hang_up(stream: TcpStream) {
    let _ = stream.shutdown(std::net::Shutdown::Both);
}

#[test]
fn a_get_whose_connection_dies_is_resent_once_then_reported() {
    let (url, connections) = faulty_server(hang_up);
    let error = client(&url, Duration::from_secs(5))
        .get("user")
        .unwrap_err();
    assert_eq!(error.kind(), ErrorKind::Transport, "{error}");
    assert_eq!(
        connections.load(Ordering::SeqCst),
        2,
        "a GET is safe to resend once"
    );
}

#[test]
fn a_post_whose_connection_dies_is_never_resent() {
    let (url, connections) = faulty_server(hang_up);
    let error = client(&url, Duration::from_secs(5))
        .post(
            "user/1/monetary-account/2/payment",
            &json!({"amount": "0.01"}),
        )
        .unwrap_err();
    assert_eq!(error.kind(), ErrorKind::Transport, "{error}");
    assert_eq!(
        connections.load(Ordering::SeqCst),
        1,
        "bunq may have made the payment"
    );
}

#[test]
fn a_truncated_body_is_a_transport_error() {
    let (url, _) = faulty_server(|mut stream| {
        let _ = stream.write_all(
            b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"Respo",
        );
    });
    let error = client(&url, Duration::from_secs(5))
        .post("user", &json!({}))
        .unwrap_err();
    assert_eq!(error.kind(), ErrorKind::Transport, "{error}");
}

#[test]
fn a_proxys_html_page_is_an_api_error_that_says_what_came_back() {
    let (url, _) = faulty_server(|mut stream| {
        let page =
            "<html><head><title>503 Service Unavailable</title></head><body>down</body></html>";
        let _ = write!(
            stream,
            "HTTP/1.1 503 Service Unavailable\r\nContent-Type: text/html\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{page}",
            page.len()
        );
    });
    let error = client(&url, Duration::from_secs(5))
        .get("user")
        .unwrap_err();
    assert_eq!(error.kind(), ErrorKind::Api);
    assert_eq!(error.status(), Some(503));
    assert_eq!(error.response_id(), None);
    assert!(
        error.to_string().contains("503 Service Unavailable"),
        "{error}"
    );
}

#[test]
fn nothing_listening_is_a_transport_error() {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}/v1/", listener.local_addr().unwrap());
    drop(listener);
    let error = client(&url, Duration::from_secs(5))
        .get("user")
        .unwrap_err();
    assert_eq!(error.kind(), ErrorKind::Transport, "{error}");
}
