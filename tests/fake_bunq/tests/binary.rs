//! The `fake-bunq` binary: CLI, the printed URL, and shutdown on stdin EOF.

mod common;

use std::io::{BufRead, BufReader};
use std::net::TcpStream;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::Client;

const BINARY: &str = env!("CARGO_BIN_EXE_fake-bunq");

#[test]
fn prints_the_url_serves_and_exits_when_stdin_closes() {
    let mut child = Command::new(BINARY)
        .args([
            "--accounts",
            "3",
            "--api-key",
            "cli-key",
            "--session-timeout",
            "77",
        ])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("spawn");
    let mut line = String::new();
    BufReader::new(child.stdout.take().expect("stdout"))
        .read_line(&mut line)
        .expect("read url");
    let url = line.trim_end().to_owned();
    assert!(
        url.starts_with("http://127.0.0.1:") && url.ends_with("/v1/"),
        "{url}"
    );

    let client = Client::connect(&url, "cli-key");
    let user = client.get("user").item(0);
    assert_eq!(user["UserPerson"]["session_timeout"], 77);
    assert_eq!(client.account_ids().len(), 3);

    drop(child.stdin.take());
    let deadline = Instant::now() + Duration::from_secs(10);
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait") {
            break status;
        }
        assert!(
            Instant::now() < deadline,
            "fake-bunq did not exit on stdin EOF"
        );
        std::thread::sleep(Duration::from_millis(20));
    };
    assert!(status.success());
    let authority = url.trim_start_matches("http://").trim_end_matches("/v1/");
    assert!(
        TcpStream::connect(authority).is_err(),
        "server still listens after exit"
    );
}

#[test]
fn help_and_bad_arguments() {
    let help = Command::new(BINARY).arg("--help").output().expect("run");
    assert!(help.status.success());
    let usage = String::from_utf8_lossy(&help.stdout);
    for option in [
        "--port",
        "--session-timeout",
        "--rate-limits",
        "--accounts",
        "--api-key",
    ] {
        assert!(usage.contains(option), "{option}");
    }
    let bad = Command::new(BINARY)
        .args(["--port", "many"])
        .output()
        .expect("run");
    assert!(!bad.status.success());
    assert!(bad.stdout.is_empty());
    assert!(String::from_utf8_lossy(&bad.stderr).contains("--port"));
    let unknown = Command::new(BINARY).arg("--bogus").output().expect("run");
    assert_eq!(unknown.status.code(), Some(2));
}
