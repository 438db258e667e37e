//! `include/bunq.h`, generated from the C ABI crate (`bindings/c/src/`) by cbindgen with the
//! repository's `cbindgen.toml`. Parsed from the source files (not `with_crate`), so no
//! `cargo metadata` call is needed and nothing waits on cargo's locks.

use std::path::Path;

/// The header's text as cbindgen writes it from the sources under `root`.
pub fn generate(root: &Path) -> Result<String, String> {
    let config = cbindgen::Config::from_file(root.join("cbindgen.toml"))
        .map_err(|error| format!("cbindgen.toml: {error}"))?;
    let bindings = cbindgen::Builder::new()
        .with_config(config)
        .with_src(root.join("bindings/c/src/lib.rs"))
        .generate()
        .map_err(|error| format!("cbindgen cannot generate the header: {error}"))?;
    let mut header = Vec::new();
    bindings.write(&mut header);
    String::from_utf8(header).map_err(|_| "the header is not UTF-8".to_owned())
}
