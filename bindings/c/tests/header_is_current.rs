//! `include/bunq.h` is generated from this crate (`bindings/c/src/`) by cbindgen with the
//! repository's `cbindgen.toml`, and committed, so that C users need no Rust tooling. This
//! test regenerates it in memory with the pinned cbindgen and fails when the committed copy
//! differs.
//!
//! To update the header after changing `bindings/c/src/`: `cargo run -p bunq-codegen --
//! bindings` (which also regenerates the bindings' declarations from it), or
//! `BUNQ_UPDATE_HEADER=1 cargo test -p bunq-capi --test header_is_current` (refused under CI,
//! `CI=true`) for the header alone.

#[path = "../../../tests/common/mod.rs"]
mod common;

use std::path::Path;

/// The repository's top, where `cbindgen.toml` and `include/` are.
fn repository() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."))
}

fn generated_header(root: &Path) -> String {
    bunq_codegen::header::generate(root).expect("cbindgen generates the header")
}

#[test]
fn the_committed_header_matches_the_source() {
    let root = repository();
    let path = root.join("include/bunq.h");
    let fresh = generated_header(root);
    if common::header_update_requested() {
        std::fs::write(&path, &fresh).expect("include/bunq.h is writable");
        return;
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == fresh,
        "include/bunq.h is stale (or missing): it differs from what bindings/c/src/ generates.\n\
         Regenerate it with `BUNQ_UPDATE_HEADER=1 cargo test -p bunq-capi --test header_is_current` \
         and commit the result."
    );
}

#[test]
fn the_header_is_plain_c_that_php_ffi_can_read_and_cpp_can_link() {
    let header = generated_header(repository());
    // PHP's FFI::cdef skips #include/#define/guard lines (the guard's and BUNQ_ABI_VERSION's)
    // but no other preprocessor line,
    // and cannot parse C++ or the C23 block of fixed-width enums. The one C++ part, the
    // `extern "C"` linkage a C++ program needs, sits in two `#ifdef __cplusplus` blocks of
    // one line each, which the PHP binding drops before parsing (and the preload header
    // leaves out).
    let lines: Vec<&str> = header.lines().collect();
    let mut cpp_lines = Vec::new();
    let mut index = 0;
    while index < lines.len() {
        let line = lines[index];
        if line == "#ifdef __cplusplus" {
            cpp_lines.push(lines[index + 1]);
            assert!(
                lines[index + 2].starts_with("#endif"),
                "a C++ block of more than one line"
            );
            index += 3;
            continue;
        }
        if line.starts_with('#') {
            let allowed = line.starts_with("#include <")
                || line == "#ifndef BUNQ_H"
                || line == "#define BUNQ_H"
                || line.starts_with("#define BUNQ_ABI_VERSION ")
                || line.starts_with("#endif");
            assert!(allowed, "a preprocessor line PHP cannot read: {line}");
        }
        index += 1;
    }
    assert_eq!(cpp_lines, ["extern \"C\" {", "}  // extern \"C\""]);
    assert_eq!(header.matches("extern \"C\"").count(), 2);
}
