//! The flow examples (`examples/oauth.rs`, `psd2.rs`, `attachments.rs`, `sandbox_user.rs`)
//! run offline against the fake, and refuse bunq production before any connection: a new
//! production key is not registered for every address (`*`) unless `--permit-any-ip` says
//! so, and sandbox users and money are never asked of production (issue 21).
//!
//! The binaries are built by `cargo test` (examples are built to check they compile).

use std::path::PathBuf;
use std::process::{Command, Output};

mod counting_proxy;
use counting_proxy::CountingProxy;

const PRODUCTION: &str = "https://api.bunq.com/v1/";

fn example(name: &str) -> Command {
    let deps = std::env::current_exe().unwrap();
    let profile_dir = deps.parent().unwrap().parent().unwrap();
    let binary: PathBuf = profile_dir
        .join("examples")
        .join(format!("{name}{}", std::env::consts::EXE_SUFFIX));
    assert!(
        binary.exists(),
        "{} is missing: run `cargo test --all-targets` (or `cargo build --examples`) first",
        binary.display()
    );
    Command::new(binary)
}

fn run_through(proxy: &CountingProxy, name: &str, args: &[&str]) -> Output {
    proxy.route(example(name).args(args)).output().unwrap()
}

fn assert_failed_with(output: &Output, what: &str, expected: &str) {
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{what}: {stderr}");
    assert!(
        stderr.contains(expected),
        "{what}: no {expected:?} in {stderr}"
    );
}

#[test]
fn offline_every_flow_example_still_runs() {
    for name in ["oauth", "psd2", "attachments", "sandbox_user"] {
        let output = example(name)
            .env_remove("HTTPS_PROXY")
            .env_remove("HTTP_PROXY")
            .env_remove("ALL_PROXY")
            .output()
            .unwrap();
        assert!(
            output.status.success(),
            "{name}: {}\n{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        );
        // The accounts are listed by name, every kind: not only the bank accounts (issue 21.4).
        let stdout = String::from_utf8_lossy(&output.stdout);
        if matches!(name, "attachments" | "sandbox_user") {
            for kind in [
                "MonetaryAccountBank",
                "MonetaryAccountSavings",
                "MonetaryAccountJoint",
            ] {
                assert!(stdout.contains(kind), "{name} lists no {kind}:\n{stdout}");
            }
        }
    }
}

#[test]
fn at_production_no_key_is_registered_for_every_address_without_permit_any_ip() {
    let proxy = CountingProxy::start();
    for name in ["oauth", "psd2", "attachments", "sandbox_user"] {
        let output = run_through(&proxy, name, &["--base-url", PRODUCTION]);
        assert_failed_with(
            &output,
            name,
            "refusing to register a production API key for every IP address \
             (permitted_ips [\"*\"]) at https://api.bunq.com/v1/: pass --permitted-ip ADDRESS",
        );
        assert_eq!(proxy.connections(), 0, "{name} attempted a connection");
    }
}

#[test]
fn at_production_sandbox_users_are_refused_even_with_permit_any_ip() {
    let proxy = CountingProxy::start();
    for name in ["attachments", "sandbox_user"] {
        for ips in [&["--permit-any-ip"][..], &["--permitted-ip", "192.0.2.7"]] {
            let args = [&["--base-url", PRODUCTION][..], ips].concat();
            let output = run_through(&proxy, name, &args);
            assert_failed_with(
                &output,
                name,
                "sandbox-only helper refused: creating a sandbox user works only in bunq's \
                 sandbox",
            );
            assert_eq!(
                proxy.connections(),
                0,
                "{name} {args:?} attempted a connection"
            );
        }
    }
}

#[test]
fn with_permit_any_ip_the_oauth_example_goes_on_to_the_network() {
    // The counter-check: the proxy does see what an example sends.
    let proxy = CountingProxy::start();
    let output = run_through(
        &proxy,
        "oauth",
        &["--base-url", PRODUCTION, "--permit-any-ip"],
    );
    assert_eq!(output.status.code(), Some(1));
    assert!(proxy.connections() >= 1, "the proxy saw no connection");
}
