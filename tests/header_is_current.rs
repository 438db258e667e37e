//! `include/bunq.h` is generated from `src/ffi/` by cbindgen and committed, so that C users
//! need no Rust tooling. This test regenerates it in memory with the pinned cbindgen and
//! fails when the committed copy differs.
//!
//! To update the header after changing `src/ffi/`:
//! `BUNQ_UPDATE_HEADER=1 cargo test --test header_is_current`
//! (or, with the cbindgen command-line tool of the same version,
//! `cbindgen --config cbindgen.toml --output include/bunq.h`).

use std::path::Path;

fn generated_header(root: &Path) -> String {
    let config = cbindgen::Config::from_file(root.join("cbindgen.toml"))
        .expect("cbindgen.toml is readable and valid");
    // Parsing from the source files (not `with_crate`) needs no `cargo metadata` call, so
    // the test never waits on cargo's locks.
    let bindings = cbindgen::Builder::new()
        .with_config(config)
        .with_src(root.join("src/lib.rs"))
        .generate()
        .expect("cbindgen generates the header");
    let mut header = Vec::new();
    bindings.write(&mut header);
    String::from_utf8(header).expect("the header is UTF-8")
}

#[test]
fn the_committed_header_matches_the_source() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let path = root.join("include/bunq.h");
    let fresh = generated_header(root);
    if std::env::var_os("BUNQ_UPDATE_HEADER").is_some() {
        std::fs::write(&path, &fresh).expect("include/bunq.h is writable");
        return;
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == fresh,
        "include/bunq.h is stale (or missing): it differs from what src/ffi/ generates.\n\
         Regenerate it with `BUNQ_UPDATE_HEADER=1 cargo test --test header_is_current` \
         and commit the result."
    );
}

#[test]
fn the_header_is_plain_c_that_php_ffi_can_read_and_cpp_can_link() {
    let header = generated_header(Path::new(env!("CARGO_MANIFEST_DIR")));
    // PHP's FFI::cdef skips #include/#define/guard lines but no other preprocessor line,
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
                || line.starts_with("#endif");
            assert!(allowed, "a preprocessor line PHP cannot read: {line}");
        }
        index += 1;
    }
    assert_eq!(cpp_lines, ["extern \"C\" {", "}  // extern \"C\""]);
    assert_eq!(header.matches("extern \"C\"").count(), 2);
}
