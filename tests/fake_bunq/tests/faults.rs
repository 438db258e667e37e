//! Rate limits, session expiry, the signature hooks, concurrency and shutdown.

mod common;

use std::net::TcpStream;
use std::thread;
use std::time::{Duration, Instant};

use common::{Client, send, signature_valid};
use fake_bunq::{FakeBunq, FakeBunqConfig};

fn limited() -> FakeBunq {
    FakeBunq::start_with(FakeBunqConfig {
        rate_limits: true,
        accounts_per_user: 1,
        ..FakeBunqConfig::default()
    })
    .expect("start")
}

#[test]
fn fourth_get_within_three_seconds_is_429() {
    let bunq = limited();
    let client = Client::connect(&bunq.base_url(), &bunq.create_api_key());
    let started = Instant::now();
    for _ in 0..3 {
        assert_eq!(client.get("user").status, 200);
    }
    let refused = client.get("user");
    assert!(
        started.elapsed() < Duration::from_secs(3),
        "test ran too slowly to mean anything"
    );
    assert_eq!(refused.status, 429);
    assert_eq!(
        refused.error_description(),
        "Too many requests. You can do a maximum of 3 GET calls per 3 second to this endpoint."
    );
    // Limits are per endpoint: another path still answers.
    assert_eq!(client.get(&format!("user/{}", client.user_id)).status, 200);
    assert_eq!(bunq.calls("GET", "user"), 4);
}

#[test]
fn one_session_per_thirty_seconds_when_limited() {
    let bunq = limited();
    let api_key = bunq.create_api_key();
    let mut client = Client::connect(&bunq.base_url(), &api_key);
    let second = client.open_session(&api_key);
    assert_eq!(second.status, 429);
    assert!(
        second
            .error_description()
            .contains("maximum of 1 POST calls per 30 second")
    );
    assert!(second.header("X-Bunq-Server-Signature").is_none());
}

#[test]
fn no_limits_by_default() {
    let bunq = FakeBunq::start().expect("start");
    let api_key = bunq.create_api_key();
    let mut client = Client::connect(&bunq.base_url(), &api_key);
    for _ in 0..6 {
        assert_eq!(client.get("user").status, 200);
    }
    assert_eq!(client.open_session(&api_key).status, 200);
}

#[test]
fn sessions_die_after_the_timeout() {
    let bunq = FakeBunq::start_with(FakeBunqConfig {
        session_timeout_secs: 1,
        accounts_per_user: 1,
        ..FakeBunqConfig::default()
    })
    .expect("start");
    let api_key = bunq.create_api_key();
    let mut client = Client::connect(&bunq.base_url(), &api_key);
    let user = client.get("user");
    assert_eq!(user.item(0)["UserPerson"]["session_timeout"], 1);
    thread::sleep(Duration::from_millis(1100));
    let expired = client.get("user");
    assert_eq!(expired.status, 401);
    assert_eq!(expired.error_description(), "Insufficient authorisation.");
    // The installation outlives sessions: a new session works.
    assert_eq!(client.open_session(&api_key).status, 200);
    assert_eq!(client.get("user").status, 200);
}

#[test]
fn sessions_can_be_expired_on_demand() {
    let bunq = FakeBunq::start_with(FakeBunqConfig {
        accounts_per_user: 1,
        ..FakeBunqConfig::default()
    })
    .expect("start");
    let api_key = bunq.create_api_key();
    let mut client = Client::connect(&bunq.base_url(), &api_key);

    bunq.expire_all_sessions();
    assert_eq!(client.get("user").status, 401);

    client.open_session(&api_key);
    let hook = client.call(
        "POST",
        "_fake/expire-session",
        b"",
        client.session_token.as_deref(),
        true,
    );
    assert_eq!(hook.status, 200);
    client.assert_signed(&hook);
    assert_eq!(client.get("user").status, 401);

    client.open_session(&api_key);
    let all = send(
        &bunq.base_url(),
        "POST",
        "_fake/expire-all-sessions",
        &[],
        b"",
    );
    assert_eq!(all.status, 200);
    assert_eq!(client.get("user").status, 401);
}

#[test]
fn signature_hooks_tamper_and_omit() {
    let bunq = FakeBunq::start_with(FakeBunqConfig {
        accounts_per_user: 1,
        ..FakeBunqConfig::default()
    })
    .expect("start");
    let client = Client::connect(&bunq.base_url(), &bunq.create_api_key());
    let server_key = client.server_key.clone().expect("server key");

    bunq.tamper_next_signature();
    let tampered = client.get("user");
    assert_eq!(tampered.status, 200);
    assert!(tampered.header("X-Bunq-Server-Signature").is_some());
    assert!(!signature_valid(&server_key, &tampered));
    assert!(
        signature_valid(&server_key, &client.get("user")),
        "only the next one"
    );

    bunq.omit_next_signature();
    let omitted = client.get("user");
    assert_eq!(omitted.status, 200);
    assert!(omitted.header("X-Bunq-Server-Signature").is_none());
    assert!(signature_valid(&server_key, &client.get("user")));

    let hook = client.get("_fake/tampered");
    assert_eq!(hook.status, 200);
    assert_eq!(hook.item(0)["Fake"]["tampered"], true);
    assert!(!signature_valid(&server_key, &hook));

    let stats = send(&bunq.base_url(), "GET", "_fake/stats", &[], b"");
    assert_eq!(stats.status, 200);
    let calls = &stats.json()["calls"];
    assert_eq!(calls["POST session-server"], 1);
    assert_eq!(calls["GET user"], 4);
    assert_eq!(calls["GET _fake/tampered"], 1);
}

#[test]
fn sixteen_threads_of_fifty_calls_each() {
    let bunq = FakeBunq::start_with(FakeBunqConfig {
        accounts_per_user: 1,
        ..FakeBunqConfig::default()
    })
    .expect("start");
    let client = Client::connect(&bunq.base_url(), &bunq.create_api_key());
    let started = Instant::now();
    thread::scope(|scope| {
        for _ in 0..16 {
            scope.spawn(|| {
                for _ in 0..50 {
                    let response = client.get("user");
                    assert_eq!(response.status, 200);
                    client.assert_signed(&response);
                }
            });
        }
    });
    assert_eq!(bunq.calls("GET", "user"), 800);
    assert!(
        started.elapsed() < Duration::from_secs(60),
        "took {:?}",
        started.elapsed()
    );
}

#[test]
fn dropping_the_server_closes_its_port() {
    let bunq = FakeBunq::start().expect("start");
    let url = bunq.base_url();
    let authority = url
        .trim_start_matches("http://")
        .trim_end_matches("/v1/")
        .to_owned();
    assert!(TcpStream::connect(&authority).is_ok());
    drop(bunq);
    assert!(TcpStream::connect(&authority).is_err(), "port still open");
}
