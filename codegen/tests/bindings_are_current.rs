//! `include/bunq.h`, the bindings' generated files (`_abi.py`, `_settings.py`,
//! `bunq_preload.h`, `Abi.php`, `Settings.php`, `NativeMethods.g.cs`, `Status.g.cs`,
//! `Settings.g.cs`), `docs/settings.md` and the settings' doc comments in the C crate are
//! generated (by `cargo run -p bunq-codegen -- bindings`) and committed. This test
//! regenerates them in-process and fails when a committed file differs: stale, or edited by
//! hand. Outside CI (`CI` is not `true`) it also writes the fresh files, so that running the
//! test again passes; review and commit them.

use bunq_codegen::bindings::{self, Mode};
use bunq_codegen::repository_root;

#[test]
fn the_generated_files_are_current() {
    let in_ci = std::env::var("CI").is_ok_and(|value| value == "true");
    let mode = if in_ci { Mode::Check } else { Mode::Write };
    let stale = bindings::regenerate(&repository_root(), mode).expect("the generator runs");
    assert!(
        stale.is_empty(),
        "stale (or edited by hand): {}. {}",
        stale.join(", "),
        match in_ci {
            true => format!("Run `{}` and commit the result.", bindings::COMMAND),
            false => "They have been rewritten: review and commit them.".to_owned(),
        }
    );
}

#[test]
fn a_hand_edit_of_a_generated_file_is_noticed() {
    // The comparison is of whole files: one changed character makes a file stale.
    let root = repository_root();
    let files = bindings::generate(&root).unwrap();
    for file in &files {
        let committed = std::fs::read_to_string(root.join(&file.path)).unwrap();
        let edited = committed.replacen('e', "E", 1);
        assert_ne!(edited, file.content, "{}", file.path);
    }
    let paths: Vec<&str> = files.iter().map(|file| file.path.as_str()).collect();
    for expected in [
        "bindings/python/src/bunq_context/_abi.py",
        "bindings/php/bunq_preload.h",
        "bindings/php/src/Abi.php",
        "bindings/csharp/src/NativeMethods.g.cs",
        "bindings/csharp/src/Status.g.cs",
        "docs/settings.md",
    ] {
        assert!(paths.contains(&expected), "{expected} is not generated");
    }
}

#[test]
fn every_function_of_the_header_is_declared_for_python_and_csharp() {
    let root = repository_root();
    let header = std::fs::read_to_string(root.join(bindings::HEADER_PATH)).unwrap();
    let parsed = bunq_codegen::c_header::Header::parse(&header).unwrap();
    assert!(parsed.functions.len() >= 70, "{}", parsed.functions.len());
    let files = bindings::generate(&root).unwrap();
    let file = |path: &str| &files.iter().find(|file| file.path == path).unwrap().content;
    for function in &parsed.functions {
        let name = &function.name;
        assert!(
            file("bindings/python/src/bunq_context/_abi.py").contains(&format!("\"{name}\"")),
            "{name} is not declared for Python"
        );
        assert!(
            file("bindings/csharp/src/NativeMethods.g.cs").contains(&format!(" {name}(")),
            "{name} is not declared for C#"
        );
    }
}
