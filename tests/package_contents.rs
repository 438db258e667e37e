//! The crate as `cargo package` would publish it: its metadata is complete, it carries both
//! licence texts and the project's documents, and none of the tests' data (which holds
//! private keys), the bindings, benches, fuzz targets or examples. Also: the licence texts the
//! Python and PHP packages ship are the repository's.

use std::path::Path;
use std::process::Command;

/// The repository's address in every package's metadata (a placeholder until published).
const REPOSITORY: &str = "https://github.com/bunq-context/bunq-context";

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// `cargo package --list`: the files the crate package would hold (offline, whatever the
/// working tree's state).
fn packaged_files() -> Vec<String> {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    let output = Command::new(cargo)
        .args(["package", "--list", "--allow-dirty", "--offline"])
        .current_dir(root())
        .output()
        .expect("cargo runs");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        output.status.success(),
        "cargo package --list failed:\n{stderr}"
    );
    assert!(
        !stderr.contains("warning"),
        "cargo package warns:\n{stderr}"
    );
    String::from_utf8(output.stdout)
        .expect("UTF-8 file names")
        .lines()
        .map(str::to_owned)
        .collect()
}

#[test]
fn the_crate_package_carries_the_licences_and_no_test_data() {
    let files = packaged_files();
    for needed in [
        "LICENSE-MIT",
        "LICENSE-APACHE",
        "README.md",
        "CHANGELOG.md",
        "SECURITY.md",
        "docs/platforms.md",
        "Cargo.toml",
        "src/lib.rs",
        "src/api/operations.rs",
    ] {
        assert!(
            files.iter().any(|file| file == needed),
            "{needed} is missing: {files:?}"
        );
    }
    for file in &files {
        for left_out in [
            "tests/",
            "bindings/",
            "include/",
            "codegen/",
            "benches/",
            "fuzz/",
            "examples/",
            "target/",
            ".",
        ] {
            let generated = [".cargo_vcs_info.json"].contains(&file.as_str());
            assert!(
                generated || !file.starts_with(left_out),
                "{file} should not be in the crate package"
            );
        }
        assert!(
            !file.ends_with(".pem") && !file.ends_with(".conf"),
            "{file}"
        );
    }
    for file in files.iter().filter(|file| !file.starts_with('.')) {
        let path = root().join(file);
        if let Ok(text) = std::fs::read_to_string(&path) {
            assert!(!holds_a_private_key(&text), "{file} holds a private key");
        }
    }
}

/// Whether `text` holds a PEM private key: a `BEGIN ... PRIVATE KEY` line followed by a line
/// of base64 as long as a key's (the marker alone, in code and docs, is no key).
fn holds_a_private_key(text: &str) -> bool {
    let lines: Vec<&str> = text.lines().collect();
    lines.windows(2).any(|pair| {
        pair[0].contains("-----BEGIN") && pair[0].contains("PRIVATE KEY-----") && {
            let body = pair[1].trim();
            body.len() >= 60
                && body
                    .bytes()
                    .all(|byte| byte.is_ascii_alphanumeric() || b"+/=".contains(&byte))
        }
    })
}

#[test]
fn a_private_key_is_told_from_its_marker() {
    let key = std::fs::read_to_string(root().join("tests/c/data/psd2-test-key.pem")).unwrap();
    assert!(holds_a_private_key(&key));
    assert!(!holds_a_private_key(
        "expected BEGIN PRIVATE KEY\n\"-----BEGIN PRIVATE KEY-----\\nAAAA\\n\""
    ));
}

#[test]
fn the_crate_metadata_is_complete() {
    assert_eq!(env!("CARGO_PKG_LICENSE"), "MIT OR Apache-2.0");
    assert_eq!(env!("CARGO_PKG_REPOSITORY"), REPOSITORY);
    assert_eq!(env!("CARGO_PKG_HOMEPAGE"), REPOSITORY);
    assert_eq!(env!("CARGO_PKG_AUTHORS"), "The bunq-context authors");
    assert_eq!(env!("CARGO_PKG_RUST_VERSION"), "1.87");
    assert!(!env!("CARGO_PKG_DESCRIPTION").is_empty());
    assert!(env!("CARGO_PKG_README").ends_with("README.md"));
    for url in [REPOSITORY, "https://docs.rs/bunq-context"] {
        let manifest = std::fs::read_to_string(root().join("Cargo.toml")).unwrap();
        assert!(manifest.contains(url), "Cargo.toml does not name {url}");
    }
}

#[test]
fn every_package_ships_the_repositorys_licence_texts() {
    for licence in ["LICENSE-MIT", "LICENSE-APACHE"] {
        let original = std::fs::read(root().join(licence)).unwrap();
        assert!(original.len() > 1000, "{licence} is the full text");
        for package in ["bindings/python", "bindings/php"] {
            let copy = std::fs::read(root().join(package).join(licence))
                .unwrap_or_else(|error| panic!("{package}/{licence}: {error}"));
            assert!(
                copy == original,
                "{package}/{licence} differs from {licence}"
            );
        }
    }
    let apache = std::fs::read_to_string(root().join("LICENSE-APACHE")).unwrap();
    assert!(apache.contains("Apache License") && apache.contains("Version 2.0, January 2004"));
    assert!(apache.contains("END OF TERMS AND CONDITIONS"));
    let mit = std::fs::read_to_string(root().join("LICENSE-MIT")).unwrap();
    assert!(mit.starts_with("MIT License"));
    assert!(mit.contains("Permission is hereby granted, free of charge"));
}
