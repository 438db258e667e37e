//! The README's Rust example works as written.
//!
//! A doctest can only compile it (run, it would talk to bunq's sandbox), so the program also
//! lives in `examples/readme.rs`, which cargo builds: the first test fails when the two
//! differ (outside CI, where `CI` is not `true`, it also rewrites the example from the README,
//! so that running the test again passes; commit the result), the second runs the example
//! binary against the fake bunq server, as a user runs it with `BUNQ_BASE_URL` set.

use std::path::{Path, PathBuf};
use std::process::Command;

use fake_bunq::FakeBunq;

/// The README's section whose first ```rust block is the example.
const HEADING: &str = "## Rust";
const EXAMPLE: &str = "examples/readme.rs";

fn repository() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The first ```rust block (any rustdoc attributes) under the README's `## Rust` heading.
fn readme_example() -> String {
    let readme = std::fs::read_to_string(repository().join("README.md")).unwrap();
    let section = readme
        .split_once(&format!("\n{HEADING}\n"))
        .unwrap_or_else(|| panic!("README.md has no {HEADING:?} section"))
        .1;
    let section = section.split("\n## ").next().unwrap_or_default();
    let (_, block) = section
        .split_once("```rust")
        .unwrap_or_else(|| panic!("README.md's {HEADING:?} section has no ```rust block"));
    let (_, code) = block.split_once('\n').unwrap();
    let end = code.find("\n```").expect("the ```rust block is closed");
    format!("{}\n", &code[..end])
}

/// `examples/readme.rs` as its leading `//!` lines (and the blank line after them) and the
/// program after them.
fn split_example(text: &str) -> (String, String) {
    let mut header = String::new();
    let mut rest = text;
    while let Some(line_end) = rest.find('\n') {
        let line = &rest[..=line_end];
        if !(line.starts_with("//!") || (line == "\n" && !header.is_empty())) {
            break;
        }
        header.push_str(line);
        rest = &rest[line_end + 1..];
        if line == "\n" {
            break;
        }
    }
    (header, rest.to_owned())
}

#[test]
fn examples_readme_rs_is_the_readme_example() {
    let path = repository().join(EXAMPLE);
    let text = std::fs::read_to_string(&path).unwrap();
    let (header, program) = split_example(&text);
    assert!(!header.is_empty(), "{EXAMPLE} starts with a //! comment");
    let example = readme_example();
    if program == example {
        return;
    }
    let in_ci = std::env::var("CI").is_ok_and(|value| value == "true");
    if !in_ci {
        std::fs::write(&path, format!("{header}{example}")).unwrap();
    }
    panic!(
        "{EXAMPLE} differs from the README's Rust example. {}\n--- README.md:\n{example}\n--- {EXAMPLE}:\n{program}",
        if in_ci {
            "Copy the README's example into it (below its //! comment) and commit it."
        } else {
            "It has been rewritten from the README: review and commit it."
        }
    )
}

/// A scratch directory, removed with everything in it (a saved context holds a private key)
/// even when the test fails.
struct ScratchDirectory(PathBuf);

impl ScratchDirectory {
    fn new(name: &str) -> ScratchDirectory {
        let path = std::env::temp_dir().join(format!("bunq-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&path);
        std::fs::create_dir_all(&path).unwrap();
        ScratchDirectory(path)
    }
}

impl Drop for ScratchDirectory {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// target/<profile>/examples/readme, which `cargo build --examples` (and `cargo test
/// --all-targets`) leaves there.
fn example_binary() -> PathBuf {
    let deps = std::env::current_exe().unwrap();
    let profile_directory = deps.parent().unwrap().parent().unwrap();
    let binary = profile_directory
        .join("examples")
        .join(format!("readme{}", std::env::consts::EXE_SUFFIX));
    assert!(
        binary.exists(),
        "{} is missing: run `cargo build --examples` first",
        binary.display()
    );
    binary
}

#[test]
fn the_readme_example_lists_every_account_and_saves_the_context() {
    let fake = FakeBunq::start().unwrap();
    let directory = ScratchDirectory::new("readme-rust-example");
    let output = Command::new(example_binary())
        .current_dir(&directory.0)
        .env("BUNQ_BASE_URL", fake.base_url())
        .env_remove("HTTPS_PROXY")
        .env_remove("HTTP_PROXY")
        .env_remove("ALL_PROXY")
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        output.status.success(),
        "the example failed:\n{stdout}\n{stderr}"
    );
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(
        lines.len(),
        27,
        "one line per account of the fake's user:\n{stdout}"
    );
    // Every kind the fake gives a user, each account once.
    for kind in [
        "MonetaryAccountBank ",
        "MonetaryAccountSavings ",
        "MonetaryAccountJoint ",
    ] {
        assert!(
            lines.iter().any(|line| line.starts_with(kind)),
            "{kind}\n{stdout}"
        );
    }
    for line in lines {
        let words: Vec<&str> = line.splitn(3, ' ').collect();
        assert!(
            words.len() == 3
                && words[0].starts_with("MonetaryAccount")
                && words[1].parse::<u64>().is_ok(),
            "not `kind id description`: {line:?}"
        );
    }
    let saved = std::fs::read_to_string(directory.0.join("bunq.conf")).unwrap();
    assert!(saved.contains("\"session_context\""), "{saved}");
}
