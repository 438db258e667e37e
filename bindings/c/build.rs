//! Gives the shared library a SONAME on Linux that carries its ABI version,
//! `libbunq.so.<bunq_abi_version()>`: a program linked with `-lbunq` records that name, so the
//! dynamic loader never hands it a library of another ABI (one built for ABI 2 is
//! `libbunq.so.2`), and several ABIs can be installed side by side.
//!
//! The number is read from `src/version.rs`, where `bunq_abi_version()` takes it from, so
//! the two cannot disagree (`tests/soname.rs` checks the built library).

use std::fs;

const VERSION_SOURCE: &str = "src/version.rs";

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-changed={VERSION_SOURCE}");
    if std::env::var("CARGO_CFG_TARGET_OS").as_deref() == Ok("linux") {
        let abi_version = abi_version();
        println!("cargo:rustc-cdylib-link-arg=-Wl,-soname,libbunq.so.{abi_version}");
    }
}

/// The `N` of `pub const BUNQ_ABI_VERSION: u32 = N;` in `src/version.rs`.
fn abi_version() -> u32 {
    let source = fs::read_to_string(VERSION_SOURCE)
        .unwrap_or_else(|error| panic!("cannot read {VERSION_SOURCE}: {error}"));
    source
        .lines()
        .find_map(|line| {
            line.trim()
                .strip_prefix("pub const BUNQ_ABI_VERSION: u32 = ")?
                .strip_suffix(';')?
                .parse()
                .ok()
        })
        .unwrap_or_else(|| {
            panic!("{VERSION_SOURCE} has no line `pub const BUNQ_ABI_VERSION: u32 = N;`")
        })
}
