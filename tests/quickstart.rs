//! The main job, `cargo run --example quickstart`, run as a user runs it.
//!
//! The example binary is built by `cargo test` (examples are built to check they compile) and
//! by `cargo test --all-targets`, which the README's test command uses.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::Duration;

use common::TempDir;
use fake_bunq::{FakeBunq, FakeBunqConfig, FakeTls};

mod counting_proxy;
use counting_proxy::CountingProxy;

fn quickstart_binary() -> PathBuf {
    let deps = std::env::current_exe().unwrap();
    let profile_dir = deps.parent().unwrap().parent().unwrap();
    let binary = profile_dir
        .join("examples")
        .join(format!("quickstart{}", std::env::consts::EXE_SUFFIX));
    assert!(
        binary.exists(),
        "{} is missing: run `cargo test --all-targets` (or `cargo build --example quickstart`) first",
        binary.display()
    );
    binary
}

fn quickstart(args: &[&str], dir: &Path) -> Output {
    Command::new(quickstart_binary())
        .args(args)
        .current_dir(dir)
        .env_remove("HTTPS_PROXY")
        .env_remove("HTTP_PROXY")
        .env_remove("ALL_PROXY")
        .output()
        .unwrap()
}

fn temp_dir(name: &str) -> TempDir {
    TempDir::new(&format!("quickstart-{name}"))
}

fn assert_success(output: &Output) -> String {
    let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
    assert!(
        output.status.success(),
        "quickstart failed:\n{stdout}\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    for step in [
        "Saved the context to",
        "Fetched the user (User.get): UserPerson",
        // Every kind the fake gives a user, each counted.
        "Listed 27 monetary accounts (MonetaryAccount.list): 25 MonetaryAccountBank, \
         1 MonetaryAccountJoint, 1 MonetaryAccountSavings",
        "Asked sugardaddy for 100.00 EUR",
        "Paid 0.01 EUR to sugardaddy@bunq.com",
        "Saved the context again",
    ] {
        assert!(stdout.contains(step), "no {step:?} in:\n{stdout}");
    }
    stdout
}

#[test]
fn offline_it_runs_and_runs_again_from_the_saved_context() {
    let dir = temp_dir("offline");
    let first = assert_success(&quickstart(&[], &dir));
    assert!(first.contains("Created a context"), "{first}");
    assert!(dir.join("bunq.conf").exists());
    let second = assert_success(&quickstart(&[], &dir));
    assert!(
        second.contains("Restored the context from bunq.conf"),
        "{second}"
    );
    assert!(!second.contains("Created a context"), "{second}");
}

#[test]
fn it_works_with_rate_limits_short_sessions_and_again_after_the_session_expired() {
    let fake = FakeBunq::start_with(FakeBunqConfig {
        rate_limits: true,
        session_timeout_secs: 5,
        ..FakeBunqConfig::default()
    })
    .unwrap();
    let dir = temp_dir("limits");
    let args = ["--base-url", &fake.base_url(), "--context", "limits.conf"];
    assert_success(&quickstart(&args, &dir));
    assert_eq!(fake.calls("POST", "session-server"), 1);
    let first_token = saved_session_token(&dir.join("limits.conf"));
    std::thread::sleep(Duration::from_millis(5500));
    // The saved session has expired: the second run renews it. bunq allows one session-server
    // call per 30 s, so the client waits out the 429s this causes.
    let second = assert_success(&quickstart(&args, &dir));
    assert!(
        second.contains("Restored the context from limits.conf"),
        "{second}"
    );
    assert!(fake.calls("POST", "session-server") >= 2);
    let renewed_token = saved_session_token(&dir.join("limits.conf"));
    assert_ne!(renewed_token, first_token, "the renewed session was saved");
}

fn saved_session_token(path: &Path) -> String {
    bunq::ApiContext::restore(path)
        .unwrap()
        .session_token()
        .unwrap()
        .to_owned()
}

#[test]
fn a_failure_is_one_line_and_exit_code_1() {
    let dir = temp_dir("failures");
    for args in [
        vec!["--bogus"],
        vec![
            "--base-url",
            "http://127.0.0.1:9/v1/",
            "--api-key",
            "sandbox_x",
        ],
        vec!["--context"],
    ] {
        let output = quickstart(&args, &dir);
        assert_eq!(output.status.code(), Some(1), "{args:?}");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(stderr.lines().count(), 1, "{args:?}: {stderr}");
        assert!(stderr.starts_with("quickstart failed: "), "{stderr}");
    }
}

#[test]
fn with_tls_it_runs_over_https_and_prints_what_tls_negotiated() {
    let dir = temp_dir("tls");
    let stdout = assert_success(&quickstart(&["--tls"], &dir));
    assert!(stdout.contains("offline fake bunq at https://"), "{stdout}");
    assert!(stdout.contains("TLS: TLSv1_"), "{stdout}");
    assert!(stdout.contains("cipher suite TLS"), "{stdout}");
    // One client, one connection, one handshake, whatever the number of requests.
    assert!(stdout.contains("Connections: 1 opened for"), "{stdout}");
    assert!(stdout.contains("TLS handshakes: 1;"), "{stdout}");
}

#[test]
fn against_another_https_server_it_trusts_a_ca_file_and_checks_pins() {
    let fake = FakeBunq::start_with(FakeBunqConfig {
        tls: Some(FakeTls::default()),
        ..FakeBunqConfig::default()
    })
    .unwrap();
    let dir = temp_dir("ca-cert");
    let ca_file = fake
        .ca_certificate_file()
        .unwrap()
        .to_str()
        .unwrap()
        .to_owned();
    let base_url = fake.base_url();
    let pin = fake.server_key_pin_sha256().unwrap().to_owned();

    // Without the CA: refused, one line on stderr naming the problem.
    let untrusted = quickstart(&["--base-url", &base_url], &dir);
    assert_eq!(untrusted.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&untrusted.stderr);
    assert!(stderr.contains("certificate not trusted"), "{stderr}");
    assert_eq!(stderr.lines().count(), 1, "{stderr}");

    // With it, and the server's pin: the whole flow.
    let args = [
        "--base-url",
        &base_url,
        "--ca-cert",
        &ca_file,
        "--pin-sha256",
        &pin,
    ];
    let stdout = assert_success(&quickstart(&args, &dir));
    assert!(stdout.contains(&format!("pin-sha256 {pin}")), "{stdout}");

    // With another pin: refused.
    let other_pin = "47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=";
    let args = [
        "--base-url",
        &base_url,
        "--ca-cert",
        &ca_file,
        "--pin-sha256",
        other_pin,
    ];
    let mismatch = quickstart(&args, &dir);
    assert_eq!(mismatch.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&mismatch.stderr);
    assert!(stderr.contains("pinned key mismatch"), "{stderr}");
}

#[test]
fn with_trace_each_exchange_is_one_line_on_stderr_without_secrets() {
    let dir = temp_dir("trace");
    let output = quickstart(&["--trace"], &dir);
    assert_success(&output);
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    assert!(
        stderr.lines().all(|line| line.starts_with("trace: ")),
        "{stderr}"
    );
    let context = bunq::ApiContext::restore(dir.join("bunq.conf")).unwrap();
    let user_id = context.user_id().unwrap();
    for expected in [
        "trace: POST sandbox-user-person 200 ".to_owned(),
        "trace: POST installation 200 ".to_owned(),
        "trace: POST device-server 200 ".to_owned(),
        "trace: POST session-server 200 ".to_owned(),
        format!("trace: GET user/{user_id} 200 "),
        format!("trace: GET user/{user_id}/monetary-account?count=10 200 "),
        format!("trace: POST user/{user_id}/monetary-account/"),
        "trace: context saved to bunq.conf".to_owned(),
    ] {
        assert!(
            stderr.lines().any(|line| line.starts_with(&expected)),
            "no line starting {expected:?} in:\n{stderr}"
        );
    }
    let exchange = stderr
        .lines()
        .find(|line| line.starts_with(&format!("trace: GET user/{user_id} 200 ")))
        .unwrap();
    assert!(exchange.contains(" ms response-id="), "{exchange}");
    for secret in [
        context.api_key(),
        context.installation_token(),
        context.session_token().unwrap(),
    ] {
        assert!(!stderr.contains(secret), "{stderr}");
    }
    assert!(!stderr.contains("PRIVATE KEY"), "{stderr}");

    let quiet = quickstart(&[], &dir);
    assert_success(&quiet);
    assert!(
        !String::from_utf8_lossy(&quiet.stderr).contains("trace:"),
        "no --trace, no trace"
    );
}

#[test]
fn with_callbacks_the_payments_callbacks_are_received_checked_and_confirmed() {
    let dir = temp_dir("callbacks");
    let stdout = assert_success(&quickstart(&["--callbacks"], &dir));
    for step in [
        "Registered PAYMENT and MUTATION callbacks of account",
        "Callback PAYMENT PAYMENT_CREATED about Payment",
        "Callback MUTATION MUTATION_CREATED about Payment",
        "confirmed through the signed API: -0.01 EUR",
        "Cleared the notification filters of account",
    ] {
        assert!(stdout.contains(step), "no {step:?} in:\n{stdout}");
    }
    let refused = quickstart(
        &[
            "--callbacks",
            "--base-url",
            "https://public-api.sandbox.bunq.com/v1/",
        ],
        &dir,
    );
    assert_eq!(refused.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&refused.stderr).contains("--callbacks needs the bundled fake"),
        "{}",
        String::from_utf8_lossy(&refused.stderr)
    );
}

// ---------------------------------------------------------------------------------------
// Production: refused unless asked for; the pin needs no payment (issue 21)

/// The quickstart with every proxy variable pointing at `proxy`.
fn quickstart_through(proxy: &CountingProxy, args: &[&str], dir: &Path) -> Output {
    let mut command = Command::new(quickstart_binary());
    command.args(args).current_dir(dir);
    proxy.route(&mut command).output().unwrap()
}

fn assert_refused(output: &Output, args: &[&str], expected: &[&str]) {
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{args:?}: {stderr}");
    assert_eq!(stderr.lines().count(), 1, "{args:?}: {stderr}");
    for text in expected {
        assert!(stderr.contains(text), "{args:?}: no {text:?} in {stderr}");
    }
}

#[test]
fn production_is_refused_before_any_connection_unless_the_flags_say_so() {
    let proxy = CountingProxy::start();
    let dir = temp_dir("production");
    let production = "https://api.bunq.com/v1/";
    let payments_refused = [
        "quickstart failed: refusing to run against bunq production (",
        "bunq.com",
        "pays 0.01 EUR of real money",
        "--allow-production-payments",
        "--print-pin",
    ];
    let any_ip_refused = [
        "refusing to register a production API key for every IP address",
        "--permitted-ip ADDRESS",
        "--permit-any-ip",
    ];
    let sandbox_user_refused = ["sandbox-only helper refused: creating a sandbox user"];
    let cases: [(Vec<&str>, &[&str]); 6] = [
        (
            vec!["--base-url", production, "--api-key", "k"],
            &payments_refused,
        ),
        (vec!["--base-url", production], &payments_refused),
        (
            vec![
                "--base-url",
                "https://API.bunq.com:443/v1",
                "--api-key",
                "k",
            ],
            &payments_refused,
        ),
        (
            vec![
                "--base-url",
                production,
                "--api-key",
                "k",
                "--permit-any-ip",
            ],
            &payments_refused,
        ),
        (
            vec![
                "--base-url",
                production,
                "--api-key",
                "k",
                "--allow-production-payments",
            ],
            &any_ip_refused,
        ),
        (
            vec![
                "--base-url",
                production,
                "--allow-production-payments",
                "--permit-any-ip",
            ],
            &sandbox_user_refused,
        ),
    ];
    for (args, expected) in cases {
        let output = quickstart_through(&proxy, &args, &dir);
        assert_refused(&output, &args, expected);
        assert_eq!(proxy.connections(), 0, "{args:?} attempted a connection");
        assert!(!dir.join("bunq.conf").exists(), "{args:?} saved a context");
    }

    // The proxy does catch what the quickstart sends: --print-pin connects (and fails, as
    // the proxy hangs up).
    let output = quickstart_through(&proxy, &["--print-pin", "--base-url", production], &dir);
    assert_eq!(output.status.code(), Some(1));
    assert!(proxy.connections() >= 1, "the proxy saw no connection");
}

#[test]
fn a_production_context_is_used_only_with_the_flag_and_never_asks_sugardaddy() {
    let fake = FakeBunq::start().unwrap();
    let dir = temp_dir("production-context");
    let no_proxy = bunq::Config::builder()
        .proxy(bunq::ProxySetting::None)
        .build();
    // A PRODUCTION context, made at the fake (as through a local proxy to production).
    let api_key = fake.create_api_key();
    let context = bunq::ApiContext::builder(
        bunq::Environment::production().with_base_url(fake.base_url()),
        &api_key,
    )
    .config(no_proxy.clone())
    .create()
    .unwrap();
    context.save(dir.join("production.conf")).unwrap();
    // Money to pay with, through a sandbox-type context of the same user (the production
    // one may not ask sugardaddy).
    let sandbox_context =
        bunq::ApiContext::builder(bunq::Environment::custom(fake.base_url()), &api_key)
            .config(no_proxy.clone())
            .create()
            .unwrap();
    let funding = bunq::Client::builder(sandbox_context)
        .config(no_proxy)
        .build()
        .unwrap();
    let user_id = funding.user_id().unwrap();
    let account_ids: Vec<u64> = funding
        .get(&format!("user/{user_id}/monetary-account"))
        .unwrap()
        .objects()
        .unwrap()
        .iter()
        .map(|account| {
            account.as_object().unwrap().values().next().unwrap()["id"]
                .as_u64()
                .unwrap()
        })
        .collect();
    for id in &account_ids {
        funding
            .request_sandbox_money(*id, "1.00", "funding")
            .unwrap();
    }
    let inquiries = || -> usize {
        account_ids
            .iter()
            .map(|id| {
                fake.calls(
                    "POST",
                    &format!("user/{user_id}/monetary-account/{id}/request-inquiry"),
                )
            })
            .sum()
    };
    let funded = inquiries();
    let args = [
        "--base-url",
        &fake.base_url(),
        "--context",
        "production.conf",
    ];

    let refused = quickstart(&args, &dir);
    assert_refused(
        &refused,
        &args,
        &["refusing to run against bunq production (environment PRODUCTION at http://127.0.0.1:"],
    );
    assert_eq!(fake.calls("GET", "user"), 0, "refused before any call");

    let allowed_args = [&args[..], &["--allow-production-payments"]].concat();
    let output = quickstart(&allowed_args, &dir);
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "{stdout}\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(
        stdout.contains("Skipped asking sugardaddy for money: it exists only in the sandbox"),
        "{stdout}"
    );
    assert!(
        stdout.contains("Paid 0.01 EUR to sugardaddy@bunq.com"),
        "{stdout}"
    );
    assert_eq!(inquiries(), funded, "no sandbox money asked for");
}

#[test]
fn print_pin_only_connects_and_prints_the_servers_key_pin() {
    let fake = FakeBunq::start_with(FakeBunqConfig {
        tls: Some(FakeTls::default()),
        ..FakeBunqConfig::default()
    })
    .unwrap();
    let dir = temp_dir("print-pin");
    let ca_file = fake
        .ca_certificate_file()
        .unwrap()
        .to_str()
        .unwrap()
        .to_owned();
    let pin = fake.server_key_pin_sha256().unwrap().to_owned();
    let args = [
        "--print-pin",
        "--base-url",
        &fake.base_url(),
        "--ca-cert",
        &ca_file,
    ];
    let output = quickstart(&args, &dir);
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "{stdout}\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(
        stdout.contains(&format!("Server key pin-sha256: {pin}\n")),
        "{stdout}"
    );
    assert!(stdout.contains("TLS: TLSv1_"), "{stdout}");
    for step in [
        "installation",
        "device-server",
        "session-server",
        "sandbox-user-person",
    ] {
        assert_eq!(fake.calls("POST", step), 0, "{step}");
    }
    assert!(!dir.join("bunq.conf").exists(), "no context was made");

    // Pinning what it printed works; another pin is refused.
    let pinned = quickstart(&[&args[..], &["--pin-sha256", &pin]].concat(), &dir);
    assert!(pinned.status.success());
    let other_pin = "47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=";
    let mismatch = quickstart(&[&args[..], &["--pin-sha256", other_pin]].concat(), &dir);
    assert_refused(&mismatch, &args, &["pinned key mismatch"]);

    // Without --base-url: the bundled fake over HTTPS.
    let own_fake = quickstart(&["--print-pin"], &dir);
    let stdout = String::from_utf8_lossy(&own_fake.stdout);
    assert!(own_fake.status.success(), "{stdout}");
    assert!(stdout.contains("offline fake bunq at https://"), "{stdout}");
    assert!(stdout.contains("Server key pin-sha256: "), "{stdout}");
}
