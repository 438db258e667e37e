//! The scripted mode: answers from a closure, signed with the given key, one request per
//! connection, every request recorded; raw bytes, delays and serving in turn.

mod common;

use std::io::{Read, Write};
use std::net::TcpStream;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use common::{send, signature_valid};
use fake_bunq::scripted::{Answer, ScriptedServer};
use rsa::pkcs8::{EncodePrivateKey, LineEnding};
use serde_json::json;

fn server_key_pem() -> String {
    common::client_key()
        .to_pkcs8_pem(LineEnding::LF)
        .expect("PKCS#8 PEM")
        .to_string()
}

fn headers(request_id: &str) -> Vec<(String, String)> {
    vec![("X-Bunq-Client-Request-Id".to_owned(), request_id.to_owned())]
}

#[test]
fn answers_are_signed_echoed_recorded_and_one_per_connection() {
    let server = ScriptedServer::builder()
        .signing_key_pem(&server_key_pem())
        .start(|request| match request.endpoint() {
            "user" => Answer::objects(json!([{"UserPerson": {"id": 1}}])),
            _ => Answer::error(404, "Not found."),
        })
        .expect("starts");
    assert!(server.base_url().starts_with("http://127.0.0.1:"));
    let base = server.base_url();

    let answer = send(&base, "GET", "user?count=10", &headers("r-1"), b"");
    assert_eq!(answer.status, 200);
    assert_eq!(answer.json()["Response"][0]["UserPerson"]["id"], 1);
    let key = common::client_key().to_public_key();
    assert!(signature_valid(&key, &answer), "signed with the given key");
    assert_eq!(answer.header("X-Bunq-Client-Request-Id"), Some("r-1"));
    assert_eq!(answer.header("Connection"), Some("close"));
    assert_eq!(answer.header("Content-Type"), Some("application/json"));

    let refused = send(&base, "POST", "payment", &headers("r-2"), b"{\"a\":1}");
    assert_eq!(refused.status, 404);
    assert_eq!(refused.error_description(), "Not found.");
    assert_eq!(
        refused.header("X-Bunq-Server-Signature"),
        None,
        "errors go unsigned"
    );

    let received = server.received();
    assert_eq!(received.len(), 2);
    assert_eq!(received[0].method(), "GET");
    assert_eq!(received[0].target(), "/v1/user?count=10");
    assert_eq!(received[0].endpoint(), "user");
    assert_eq!(received[0].request_id(), Some("r-1"));
    assert_eq!(received[1].body(), b"{\"a\":1}");
    assert!(
        received[1]
            .as_text()
            .starts_with("POST /v1/payment HTTP/1.1\n")
    );
    assert_eq!(server.count("GET", "user"), 1);
    assert_eq!(server.count("POST", "payment"), 1);
    assert_eq!(server.connections(), 2);
    assert_eq!(server.take_received().len(), 2);
    assert!(server.received().is_empty(), "taken, then forgotten");
}

#[test]
fn headers_signature_and_echo_are_the_scripts_to_leave_out_or_repeat() {
    let server = ScriptedServer::builder()
        .signing_key_pem(&server_key_pem())
        .start(|_| {
            Answer::bare(201, "{}")
                .add_header("X-Twice", "one")
                .add_header("X-Twice", "two")
                .add_header("Content-Length", "999")
                .add_header("Connection", "keep-alive")
        })
        .expect("starts");
    let answer = send(&server.base_url(), "GET", "user", &headers("r-3"), b"");
    assert_eq!(answer.status, 201);
    let twice: Vec<&str> = answer
        .headers
        .iter()
        .filter(|(name, _)| name == "X-Twice")
        .map(|(_, value)| value.as_str())
        .collect();
    assert_eq!(twice, ["one", "two"]);
    assert_eq!(answer.header("X-Bunq-Server-Signature"), None);
    assert_eq!(answer.header("X-Bunq-Client-Request-Id"), None);
    // The framing is the server's: the body's true length, and the connection closes.
    assert_eq!(answer.header("Content-Length"), Some("2"));
    assert_eq!(answer.header("Connection"), Some("close"));

    // Replaced, not repeated; unsigned; not echoed.
    let server = ScriptedServer::builder()
        .signing_key_pem(&server_key_pem())
        .start(|_| {
            Answer::ok("{}")
                .header("content-type", "text/html")
                .unsigned()
                .without_request_id()
        })
        .expect("starts");
    let answer = send(&server.base_url(), "GET", "user", &headers("r-4"), b"");
    let types: Vec<&(String, String)> = answer
        .headers
        .iter()
        .filter(|(name, _)| name.eq_ignore_ascii_case("Content-Type"))
        .collect();
    assert_eq!(types.len(), 1);
    assert_eq!(answer.header("Content-Type"), Some("text/html"));
    assert_eq!(answer.header("X-Bunq-Server-Signature"), None);
    assert_eq!(answer.header("X-Bunq-Client-Request-Id"), None);
}

#[test]
fn verbatim_bytes_go_out_as_they_are_then_the_connection_closes() {
    let truncated = b"HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n{\"Respo".to_vec();
    let script = truncated.clone();
    let server = ScriptedServer::start(move |request| match request.endpoint() {
        "hang-up" => Answer::verbatim(Vec::new()),
        _ => Answer::verbatim(script.clone()),
    })
    .expect("starts");
    let authority = server.base_url()["http://".len()..]
        .trim_end_matches("/v1/")
        .to_owned();
    for (path, expected) in [("user", truncated), ("hang-up", Vec::new())] {
        let mut stream = TcpStream::connect(&authority).expect("connects");
        write!(stream, "GET /v1/{path} HTTP/1.1\r\nHost: x\r\n\r\n").expect("writes");
        let mut bytes = Vec::new();
        stream.read_to_end(&mut bytes).expect("reads to the end");
        assert_eq!(bytes, expected, "{path}");
    }
}

#[test]
fn in_turn_it_answers_one_connection_after_another_and_a_delay_waits() {
    let answered = Arc::new(AtomicUsize::new(0));
    let counter = Arc::clone(&answered);
    let server = ScriptedServer::builder()
        .in_turn()
        .start(move |_| {
            counter.fetch_add(1, Ordering::SeqCst);
            Answer::objects(json!([])).after(Duration::from_millis(200))
        })
        .expect("starts");
    let base = server.base_url();
    let started = Instant::now();
    let threads: Vec<_> = (0..3)
        .map(|_| {
            let base = base.clone();
            std::thread::spawn(move || send(&base, "GET", "user", &[], b"").status)
        })
        .collect();
    for thread in threads {
        assert_eq!(thread.join().expect("no panic"), 200);
    }
    // One at a time: three answers of 200 ms each take 600 ms at least.
    assert!(
        started.elapsed() >= Duration::from_millis(600),
        "{:?}",
        started.elapsed()
    );
    assert_eq!(answered.load(Ordering::SeqCst), 3);
    assert_eq!(server.connections(), 3);
}

#[test]
fn a_key_that_is_no_pkcs8_rsa_key_fails_the_start() {
    let error = ScriptedServer::builder()
        .signing_key_pem("-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n")
        .start(|_| Answer::ok("{}"))
        .expect_err("refused");
    assert_eq!(error.kind(), std::io::ErrorKind::InvalidInput);
    assert!(error.to_string().contains("PKCS#8"), "{error}");
}

#[test]
fn dropping_it_closes_the_port() {
    let server = ScriptedServer::start(|_| Answer::ok("{}")).expect("starts");
    let authority = format!("127.0.0.1:{}", server.port());
    assert!(TcpStream::connect(&authority).is_ok());
    drop(server);
    assert!(TcpStream::connect(&authority).is_err(), "still listening");
}
