//! The `fake-bunq` binary: CLI, the printed URL, and shutdown on stdin EOF.

mod common;

use std::io::{BufRead, BufReader, Read};
use std::net::TcpStream;
use std::process::{Child, Command, ExitStatus, Stdio};
use std::time::{Duration, Instant};

use common::{Client, TempDir};
use serde_json::json;

const BINARY: &str = env!("CARGO_BIN_EXE_fake-bunq");

/// Start the binary with `args`; returns it and the base URL it printed.
fn spawn(args: &[&str]) -> (Child, String) {
    let mut child = Command::new(BINARY)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("spawn");
    let mut line = String::new();
    BufReader::new(child.stdout.take().expect("stdout"))
        .read_line(&mut line)
        .expect("read url");
    (child, line.trim_end().to_owned())
}

/// Close the binary's stdin and wait for its successful exit.
fn stop(child: &mut Child) {
    drop(child.stdin.take());
    let status = exit_status(child, "exit on stdin EOF");
    assert!(status.success());
}

/// The binary's exit status, once it ends; a failure if it has not within 10 s (`what` it
/// was to do: "stop on SIGTERM").
fn exit_status(child: &mut Child, what: &str) -> ExitStatus {
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        if let Some(status) = child.try_wait().expect("wait") {
            return status;
        }
        assert!(Instant::now() < deadline, "fake-bunq did not {what}");
        std::thread::sleep(Duration::from_millis(20));
    }
}

#[test]
fn prints_the_url_serves_and_exits_when_stdin_closes() {
    let (mut child, url) = spawn(&[
        "--accounts",
        "3",
        "--api-key",
        "cli-key",
        "--session-timeout",
        "77",
    ]);
    assert!(
        url.starts_with("http://127.0.0.1:") && url.ends_with("/v1/"),
        "{url}"
    );

    let client = Client::connect(&url, "cli-key");
    let user = client.get("user").item(0);
    assert_eq!(user["UserPerson"]["session_timeout"], 77);
    let kinds: Vec<String> = client
        .accounts()
        .into_iter()
        .map(|(kind, _)| kind)
        .collect();
    assert_eq!(kinds.len(), 5, "3 bank, 1 joint, 1 savings: {kinds:?}");
    assert_eq!(
        kinds
            .iter()
            .filter(|kind| *kind == "MonetaryAccountBank")
            .count(),
        3
    );

    stop(&mut child);
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
        "--oauth-client-id",
        "--oauth-client-secret",
        "--state",
        "--tls",
        "--ca-file",
        "--tls-certificate",
        "--callback-retry-interval-ms",
        "--ignore-stdin",
        "--help",
    ] {
        assert!(usage.contains(option), "{option}");
    }
    // Every route the router serves, bunq's with their operation's name, the control routes
    // with what they do: read from the router's own table.
    let routes: Vec<_> = fake_bunq::routes().collect();
    assert!(routes.iter().any(|route| route.is_control()));
    for route in routes {
        let line = format!("  {} {}\n", route.method(), route.path_template());
        assert!(usage.contains(&line), "{line}");
        assert!(usage.contains(route.about()), "{}", route.about());
        if let Some(name) = route.operation() {
            assert!(usage.contains(&format!("{name}: ")), "{name}");
        }
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

#[test]
fn state_keeps_the_key_the_session_and_the_money_across_runs() {
    let dir = TempDir::new("binary-state");
    let file = dir.join("state.json");
    let file = file.to_str().expect("a UTF-8 temporary path");
    let args = ["--state", file, "--api-key", "cli-key", "--accounts", "1"];

    let (mut child, url) = spawn(&args);
    let mut client = Client::connect(&url, "cli-key");
    let account = format!(
        "user/{}/monetary-account/{}",
        client.user_id,
        client.account_ids()[0]
    );
    let inquiry = json!({
        "amount_inquired": { "value": "12.34", "currency": "EUR" },
        "counterparty_alias": { "type": "EMAIL", "value": "sugardaddy@bunq.com" },
        "description": "first run",
        "allow_bunqme": false,
    });
    let request = format!("{account}/request-inquiry");
    assert_eq!(client.post(&request, &inquiry).status, 200);
    // Exits at once on stdin EOF: the change must have been saved before it was answered.
    stop(&mut child);

    let (mut child, url) = spawn(&args);
    client.base_url = url;
    let answer = client.get(&account);
    assert_eq!(answer.status, 200, "the first run's session still works");
    client.assert_signed(&answer);
    assert_eq!(
        answer.item(0)["MonetaryAccountBank"]["balance"]["value"],
        "12.34"
    );
    stop(&mut child);
}

#[test]
fn the_callback_retry_interval_is_a_flag() {
    let (mut child, url) = spawn(&[
        "--accounts",
        "1",
        "--api-key",
        "retry-key",
        "--callback-retry-interval-ms",
        "5",
    ]);
    let client = Client::connect(&url, "retry-key");
    let closed_port = {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
        listener.local_addr().expect("address").port()
    };
    let target = format!("http://127.0.0.1:{closed_port}/");
    let filters = json!({ "notification_filters": [{ "category": "REQUEST", "notification_target": target }] });
    client.post(
        &format!("user/{}/notification-filter-url", client.user_id),
        &filters,
    );
    let account = client.account_ids()[0];
    let request = json!({
        "amount_inquired": { "value": "1.00", "currency": "EUR" },
        "counterparty_alias": { "type": "EMAIL", "value": "sugardaddy@bunq.com" },
        "description": "Money please",
        "allow_bunqme": true,
    });
    let path = format!(
        "user/{}/monetary-account/{account}/request-inquiry",
        client.user_id
    );
    assert_eq!(client.post(&path, &request).status, 200);
    // Six tries 5 ms apart end within moments; with the default minute they would not.
    let failures = format!("user/{}/notification-filter-failure", client.user_id);
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let listed = client.get(&failures).json();
        if listed["Response"]
            .as_array()
            .is_some_and(|items| items.len() == 1)
        {
            break;
        }
        assert!(Instant::now() < deadline, "the failure was never listed");
        std::thread::sleep(Duration::from_millis(20));
    }
    stop(&mut child);
    let bad = Command::new(BINARY)
        .args(["--callback-retry-interval-ms", "soon"])
        .output()
        .expect("run");
    assert_eq!(bad.status.code(), Some(2));
}

#[cfg(unix)]
#[test]
fn sigterm_stops_it_cleanly_and_removes_its_ca_file() {
    let mut child = Command::new(BINARY)
        .args(["--tls", "--ignore-stdin"])
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    let mut stdout = BufReader::new(child.stdout.take().expect("stdout"));
    let (mut url, mut named) = (String::new(), String::new());
    stdout.read_line(&mut url).expect("url");
    stdout.read_line(&mut named).expect("ca line");
    assert!(url.starts_with("https://127.0.0.1:"), "{url}");
    let ca_file = named
        .trim_end()
        .strip_prefix("CA certificate: ")
        .unwrap_or_else(|| panic!("no CA line: {named:?}"))
        .to_owned();
    assert!(std::path::Path::new(&ca_file).is_file(), "{ca_file}");
    // Still serving after stdin closed (--ignore-stdin): only the signal stops it.
    std::thread::sleep(Duration::from_millis(300));
    assert!(
        child.try_wait().expect("wait").is_none(),
        "it stopped early"
    );

    let killed = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .expect("the kill command runs");
    assert!(killed.success());
    let status = exit_status(&mut child, "stop on SIGTERM");
    assert!(status.success(), "{status}");
    assert!(
        !std::path::Path::new(&ca_file).exists(),
        "the CA file it named itself is removed"
    );
    let mut told = String::new();
    child
        .stderr
        .take()
        .expect("stderr")
        .read_to_string(&mut told)
        .expect("stderr");
    assert!(
        told.contains(&format!("serving a fake bunq API at {}", url.trim_end())),
        "{told}"
    );
    assert!(
        told.contains(&format!("CA certificate to trust is in {ca_file}")),
        "{told}"
    );
    assert!(told.trim_end().ends_with("fake-bunq: stopped"), "{told}");
}
