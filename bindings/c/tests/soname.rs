//! The shared library's SONAME carries its ABI version (`libbunq.so.1` while
//! `bunq_abi_version()`, `BUNQ_ABI_VERSION` in bunq.h). A program linked with `-lbunq` records the SONAME, so the
//! dynamic loader can only ever give it a library of the same ABI; `tests/c/run.sh` shows
//! that with a stub library of another ABI.
//!
//! Reads the library's dynamic section with `readelf` (binutils, installed with gcc); a missing
//! `readelf` fails the test.

#![cfg(target_os = "linux")]

use std::path::PathBuf;
use std::process::Command;

/// `target/<profile>/deps/libbunq_capi.so`, beside this test's binary: the cdylib `cargo test`
/// builds along with the test.
fn built_library() -> PathBuf {
    let test_binary = std::env::current_exe().expect("the test binary's path");
    let library = test_binary
        .parent()
        .expect("the test binary lives in target/<profile>/deps")
        .join("libbunq_capi.so");
    assert!(library.exists(), "{} was not built", library.display());
    library
}

/// The names in a dynamic section's entries of one kind (`SONAME`, `NEEDED`).
fn dynamic_entries(library: &PathBuf, kind: &str) -> Vec<String> {
    let output = Command::new("readelf")
        .arg("--dynamic")
        .arg(library)
        .output()
        .unwrap_or_else(|error| {
            panic!("cannot run readelf ({error}): install binutils (Debian: apt-get install -y binutils)")
        });
    assert!(
        output.status.success(),
        "readelf failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    // e.g. ` 0x000000000000000e (SONAME)  Library soname: [libbunq.so.1]`
    String::from_utf8_lossy(&output.stdout)
        .lines()
        .filter(|line| line.contains(&format!("({kind})")))
        .filter_map(|line| {
            let start = line.find('[')? + 1;
            let end = line.rfind(']')?;
            Some(line[start..end].to_owned())
        })
        .collect()
}

#[test]
fn the_soname_is_libbunq_so_dot_the_abi_version() {
    let abi_version = bunq_capi::bunq_abi_version();
    assert_eq!(
        abi_version,
        bunq_capi::BUNQ_ABI_VERSION,
        "the function returns the constant bunq.h declares"
    );
    assert_eq!(
        dynamic_entries(&built_library(), "SONAME"),
        [format!("libbunq.so.{abi_version}")]
    );
}
