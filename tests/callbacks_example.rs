//! `cargo run --example callbacks`, run as a user runs it: the whole webhook loop offline.
//!
//! The example binary is built by `cargo test` (examples are built to check they compile).

use std::path::PathBuf;
use std::process::Command;

fn example_binary() -> PathBuf {
    let deps = std::env::current_exe().unwrap();
    let profile_dir = deps.parent().unwrap().parent().unwrap();
    let binary = profile_dir
        .join("examples")
        .join(format!("callbacks{}", std::env::consts::EXE_SUFFIX));
    assert!(
        binary.exists(),
        "{} is missing: run `cargo test --all-targets` (or `cargo build --example callbacks`) first",
        binary.display()
    );
    binary
}

#[test]
fn it_registers_pays_receives_and_confirms_every_callback() {
    let output = Command::new(example_binary())
        .env_remove("HTTPS_PROXY")
        .env_remove("HTTP_PROXY")
        .env_remove("ALL_PROXY")
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "the example failed:\n{stdout}\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    for line in [
        "Registered Alice's filters (User): PAYMENT, MUTATION, REQUEST",
        "Registered Bob's filters (MonetaryAccount(",
        "REQUEST REQUEST_INQUIRY_ACCEPTED RequestInquiry",
        "MUTATION MUTATION_RECEIVED Payment",
        "PAYMENT PAYMENT_CREATED Payment",
        "MUTATION MUTATION_CREATED Payment",
        "PAYMENT PAYMENT_RECEIVED Payment",
        "confirmed through the signed API: -12.34 EUR",
        "confirmed through the signed API: 12.34 EUR",
        "(bunq's production range: no)",
        "Cleared the filters",
        "Received 6 callbacks: 6 confirmed through the signed API, 0 repeats skipped",
    ] {
        assert!(stdout.contains(line), "no {line:?} in:\n{stdout}");
    }
    assert_eq!(
        stdout.matches("confirmed through the signed API:").count(),
        6
    );
}
