//! The optional state file: a new fake started on the same file carries on where the last one
//! stopped, with the same server key, tokens, users, money and ids.

mod common;

use std::fs;
use std::path::Path;
use std::thread;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use common::{Client, HttpResponse, TempDir, send};
use fake_bunq::{FakeBunq, FakeBunqConfig};
use serde_json::{Value, json};

fn config(state_file: &Path) -> FakeBunqConfig {
    FakeBunqConfig {
        state_file: Some(state_file.to_owned()),
        accounts_per_user: 2,
        ..FakeBunqConfig::default()
    }
}

/// `POST sandbox-user-person` over HTTP, as a client would; returns the API key.
fn sandbox_user(base_url: &str) -> String {
    let response = send(
        base_url,
        "POST",
        "sandbox-user-person",
        &Client::base_headers(),
        b"",
    );
    assert_eq!(response.status, 200);
    response.item(0)["ApiKey"]["api_key"]
        .as_str()
        .expect("api key")
        .to_owned()
}

/// The server key an installation answer hands out.
fn served_key_pem(installation: &HttpResponse) -> String {
    installation.item(2)["ServerPublicKey"]["server_public_key"]
        .as_str()
        .expect("server key")
        .to_owned()
}

fn state_json(path: &Path) -> Value {
    serde_json::from_slice(&fs::read(path).expect("state file")).expect("state file is JSON")
}

fn sugar_daddy_request(cents: &str) -> Value {
    json!({
        "amount_inquired": { "value": cents, "currency": "EUR" },
        "counterparty_alias": { "type": "EMAIL", "value": "sugardaddy@bunq.com" },
        "description": "persistence test",
        "allow_bunqme": false,
    })
}

fn payment(value: &str) -> Value {
    json!({
        "amount": { "value": value, "currency": "EUR" },
        "counterparty_alias": { "type": "EMAIL", "value": "friend@example.com", "name": "Friend" },
        "description": "after the restart",
    })
}

#[test]
fn a_new_fake_on_the_same_file_carries_on() {
    let dir = TempDir::new("carries-on");
    let file = dir.join("bunq-state.json");

    let first = FakeBunq::start_with(config(&file)).expect("start");
    assert!(file.exists(), "a fresh state is written at start");
    let api_key = sandbox_user(&first.base_url());
    let mut client = Client::new(&first.base_url());
    let server_pem = served_key_pem(&client.install());
    assert_eq!(client.register_device(&api_key, json!(["*"])).status, 200);
    assert_eq!(client.open_session(&api_key).status, 200);
    let account_id = client.account_ids()[0];
    let account = format!("user/{}/monetary-account/{account_id}", client.user_id);
    let inquiry = client.post(
        &format!("{account}/request-inquiry"),
        &sugar_daddy_request("500.00"),
    );
    assert_eq!(inquiry.status, 200);
    let inquiry_id = inquiry.item(0)["Id"]["id"].as_u64().expect("inquiry id");
    let payments = client.get(&format!("{account}/payment")).json();
    let sugar_payment_id = payments["Response"][0]["Payment"]["id"]
        .as_u64()
        .expect("the sugar daddy's payment");
    drop(first);

    let second = FakeBunq::start_with(config(&file)).expect("restart");
    client.base_url = second.base_url();
    let mut newcomer = Client::new(&second.base_url());
    assert_eq!(
        served_key_pem(&newcomer.install()),
        server_pem,
        "the same server key"
    );

    // The old session token works and the answer verifies with the old server key.
    let user = client.get("user");
    assert_eq!(user.status, 200);
    client.assert_signed(&user);
    assert_eq!(user.item(0)["UserPerson"]["id"], client.user_id);

    let balance = client.get(&account).item(0)["MonetaryAccountBank"]["balance"].clone();
    assert_eq!(balance, json!({ "value": "500.00", "currency": "EUR" }));
    assert_eq!(
        second.balance(client.user_id, account_id).as_deref(),
        Some("500.00")
    );
    let kept = client.get(&format!("{account}/request-inquiry/{inquiry_id}"));
    assert_eq!(kept.item(0)["RequestInquiry"]["status"], "ACCEPTED");

    let paid = client.post(&format!("{account}/payment"), &payment("1.25"));
    assert_eq!(paid.status, 200);
    assert_eq!(
        paid.item(0)["Id"]["id"],
        sugar_payment_id + 1,
        "ids continue"
    );
    assert_eq!(
        second.balance(client.user_id, account_id).as_deref(),
        Some("498.75")
    );

    // The installation and its device survive too: a new session opens on them.
    assert_eq!(client.open_session(&api_key).status, 200);
    // Call counters belong to one run.
    assert_eq!(second.calls("POST", "sandbox-user-person"), 0);
}

#[test]
fn a_session_that_expired_while_down_answers_401() {
    let dir = TempDir::new("expired");
    let file = dir.join("state.json");
    let short = FakeBunqConfig {
        session_timeout_secs: 1,
        ..config(&file)
    };
    let first = FakeBunq::start_with(short.clone()).expect("start");
    let api_key = first.create_api_key();
    let mut client = Client::connect(&first.base_url(), &api_key);
    let token = client.session_token.clone().expect("session");
    drop(first);

    // Stored as wall-clock time: an Instant would mean nothing to the next process.
    let stored = state_json(&file)["state"]["sessions"][&token]["expires_at_unix_ms"]
        .as_u64()
        .expect("expiry in UNIX milliseconds");
    let now_ms = u64::try_from(
        SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .unwrap()
            .as_millis(),
    )
    .unwrap();
    assert!(
        stored > now_ms && stored <= now_ms + 1000,
        "{stored} vs {now_ms}"
    );

    thread::sleep(Duration::from_millis(1200));
    let second = FakeBunq::start_with(short).expect("restart");
    client.base_url = second.base_url();
    assert_eq!(client.get("user").status, 401);
    // Only the session died: the installation opens a new one.
    assert_eq!(client.open_session(&api_key).status, 200);
    assert_eq!(client.get("user").status, 200);
}

#[test]
fn a_damaged_file_fails_the_start_clearly_and_stays_untouched() {
    let dir = TempDir::new("damaged");
    let file = dir.join("state.json");
    drop(FakeBunq::start_with(config(&file)).expect("start"));
    let whole = fs::read(&file).expect("written");

    for damaged in [&whole[..whole.len() / 2], b"not json at all".as_slice()] {
        fs::write(&file, damaged).expect("damage");
        let error = FakeBunq::start_with(config(&file)).expect_err("refused");
        assert_eq!(error.kind(), std::io::ErrorKind::InvalidData);
        let message = error.to_string();
        assert!(
            message.contains(&file.display().to_string()),
            "names the file: {message}"
        );
        assert!(message.contains("damaged"), "{message}");
        assert_eq!(
            fs::read(&file).expect("still there"),
            damaged,
            "not overwritten"
        );
    }
}

#[test]
fn the_file_is_private_and_replaced_whole() {
    let dir = TempDir::new("private");
    let file = dir.join("state.json");
    let bunq = FakeBunq::start_with(config(&file)).expect("start");
    let client = Client::connect(&bunq.base_url(), &bunq.create_api_key());
    assert_eq!(client.get("user").status, 200);

    let state = state_json(&file);
    assert_eq!(state["format"], 1);
    assert!(
        state["server_private_key_pem"]
            .as_str()
            .is_some_and(|pem| pem.starts_with("-----BEGIN PRIVATE KEY-----"))
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = fs::metadata(&file).expect("metadata").permissions().mode();
        assert_eq!(mode & 0o777, 0o600, "owner-only: it holds the private key");
    }
    let names: Vec<String> = fs::read_dir(&dir.0)
        .expect("list")
        .map(|entry| {
            entry
                .expect("entry")
                .file_name()
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    assert_eq!(names, ["state.json"], "no temporary files left behind");
}

#[test]
fn concurrent_changes_are_all_on_disk_once_answered() {
    let dir = TempDir::new("concurrent");
    let file = dir.join("state.json");
    let bunq = FakeBunq::start_with(config(&file)).expect("start");
    let base_url = bunq.base_url();
    let keys: Vec<String> = thread::scope(|scope| {
        let workers: Vec<_> = (0..8)
            .map(|_| scope.spawn(|| (0..4).map(|_| sandbox_user(&base_url)).collect::<Vec<_>>()))
            .collect();
        workers
            .into_iter()
            .flat_map(|worker| worker.join().expect("worker"))
            .collect()
    });
    // Read while the server still runs: every answered change must already be saved.
    let state = state_json(&file);
    for key in &keys {
        assert!(
            state["state"]["api_keys"][key].is_u64(),
            "{key} is in the file"
        );
    }
    assert_eq!(state["state"]["next_ids"]["user"], keys.len());
    drop(bunq);

    let again = FakeBunq::start_with(config(&file)).expect("restart");
    for key in &keys {
        let mut client = Client::new(&again.base_url());
        assert_eq!(client.install().status, 200);
        assert_eq!(client.register_device(key, json!(["*"])).status, 200);
    }
}

#[test]
fn configured_api_keys_keep_their_user_across_restarts() {
    let dir = TempDir::new("configured");
    let file = dir.join("state.json");
    let with_key = FakeBunqConfig {
        api_keys: vec!["configured-key".to_owned()],
        ..config(&file)
    };
    let first = FakeBunq::start_with(with_key.clone()).expect("start");
    let user_id = Client::connect(&first.base_url(), "configured-key").user_id;
    drop(first);
    let second = FakeBunq::start_with(with_key).expect("restart");
    let client = Client::connect(&second.base_url(), "configured-key");
    assert_eq!(client.user_id, user_id, "the file's user, not a new one");
}
