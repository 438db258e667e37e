//! Interoperability with bunq's official Python SDK (bunq-sdk from PyPI).
//!
//! The SDK restores a context file written by this crate and makes signed calls to the fake
//! server; this crate restores a file the SDK wrote and does the same. The SDK runs from the
//! Python named by `BUNQ_SDK_PYTHON`, or `.venv/bunq-sdk/bin/python` in the repository, which
//! the README's test command creates (`pip install bunq-sdk` in its own virtual environment:
//! the SDK pins urllib3 < 2). Without it the test fails, saying how to get it.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use bunq::{ApiContext, Client, Config, Environment, ProxySetting, Request};
use common::TempDir;
use fake_bunq::FakeBunq;
use serde_json::{Value, json};

fn python_with_sdk() -> PathBuf {
    let candidate = std::env::var_os("BUNQ_SDK_PYTHON")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join(".venv/bunq-sdk/bin/python"));
    assert!(
        candidate.exists(),
        "no Python with the official bunq SDK at {}: run the README's test command, or \
         `python3 -m venv .venv/bunq-sdk && .venv/bunq-sdk/bin/pip install bunq-sdk==1.28.0`",
        candidate.display()
    );
    candidate
}

fn run_sdk(args: &[&str]) -> String {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/interop/official_sdk.py");
    let output = Command::new(python_with_sdk())
        .arg(script)
        .args(args)
        // The SDK uses requests, which honours proxy variables; loopback must stay direct.
        .env("NO_PROXY", "127.0.0.1,localhost")
        .env("no_proxy", "127.0.0.1,localhost")
        .output()
        .expect("the SDK's Python runs");
    assert!(
        output.status.success(),
        "official SDK {args:?} failed:\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).unwrap()
}

fn config() -> Config {
    Config::builder().proxy(ProxySetting::None).build()
}

#[test]
fn the_official_sdk_restores_a_file_written_here_and_makes_signed_calls() {
    let fake = FakeBunq::start().unwrap();
    let dir = TempDir::new("interop");
    let path = dir.join("written-by-rust.conf");
    let context = ApiContext::builder(Environment::custom(fake.base_url()), fake.create_api_key())
        .description("written by bunq-context")
        .permitted_ips(["*"])
        .config(config())
        .create()
        .unwrap();
    context.save(&path).unwrap();

    let printed = run_sdk(&["call", &fake.base_url(), path.to_str().unwrap()]);
    let result: Value = serde_json::from_str(printed.trim()).unwrap();
    assert_eq!(result["user_id"].as_u64(), context.user_id());
    assert!(result["request_inquiry_id"].as_u64().is_some(), "{result}");
    let account_id = result["account_id"].as_u64().unwrap();
    assert_eq!(
        fake.balance(context.user_id().unwrap(), account_id)
            .as_deref(),
        Some("10.00"),
        "the SDK's signed request-inquiry reached the account"
    );
    assert_eq!(
        fake.calls("POST", "session-server"),
        1,
        "the SDK reused the saved session"
    );
}

#[test]
fn a_file_written_by_the_official_sdk_restores_here_and_makes_signed_calls() {
    let fake = FakeBunq::start().unwrap();
    let dir = TempDir::new("interop");
    let path = dir.join("written-by-sdk.conf");
    run_sdk(&[
        "create",
        &fake.base_url(),
        &fake.create_api_key(),
        path.to_str().unwrap(),
    ]);

    let mut context = ApiContext::restore(&path).unwrap();
    context.set_base_url(fake.base_url());
    let user_id = context.user_id().unwrap();
    let client = Client::builder(context).config(config()).build().unwrap();
    let user = client.get("user").unwrap();
    assert_eq!(
        user.objects().unwrap()[0]["UserPerson"]["id"].as_u64(),
        Some(user_id)
    );
    let accounts = client
        .get(&format!("user/{user_id}/monetary-account"))
        .unwrap()
        .all("MonetaryAccountBank")
        .unwrap();
    let account_id = accounts[0]["id"].as_u64().unwrap();
    let inquiry = Request::post(format!("user/{user_id}/monetary-account/{account_id}/request-inquiry")).json(&json!({
        "amount_inquired": {"value": "20.00", "currency": "EUR"},
        "counterparty_alias": {"type": "EMAIL", "value": "sugardaddy@bunq.com", "name": "Sugar Daddy"},
        "description": "interop",
        "allow_bunqme": true,
    }));
    client.send(&inquiry).unwrap().id().unwrap();
    assert_eq!(fake.balance(user_id, account_id).as_deref(), Some("20.00"));
    assert_eq!(
        fake.calls("POST", "session-server"),
        1,
        "the SDK's saved session was reused"
    );
}
