//! PHP's FFI reads `include/bunq.h` as the PHP binding hands it over: this test loads it
//! through the binding's own loader (`BunqContext\Library::load`, which drops the header's
//! C++ `extern "C"` block, the one part PHP cannot parse) next to the freshly built
//! `libbunq.so` and calls through it, so a header PHP cannot parse (macros, C23 enum blocks,
//! C++ beyond that block) fails here, not in a user's application.
//!
//! Needs `php` (php-cli, with its bundled FFI extension); a missing `php` fails the test.

use std::path::{Path, PathBuf};
use std::process::Command;

/// `target/<profile>/deps/`, beside this test's binary: where `cargo test` builds the
/// library's crate types (`target/<profile>/libbunq_capi.so` is refreshed only by `cargo build`).
fn library_directory() -> PathBuf {
    let test_binary = std::env::current_exe().expect("the test binary's path");
    test_binary
        .parent()
        .expect("the test binary lives in target/<profile>/deps")
        .to_path_buf()
}

/// Loads the header, checks version, ABI version and a status constant, and makes one
/// failing call to read (and free) an owned error message.
const SCRIPT: &str = r#"
spl_autoload_register(static function (string $class) use ($argv): void {
    if (str_starts_with($class, 'BunqContext\\')) {
        require $argv[3] . '/' . str_replace('\\', '/', substr($class, 12)) . '.php';
    }
});
$ffi = BunqContext\Library::load([$argv[2]], $argv[1]);
$version = $ffi->bunq_version();
$abi = $ffi->bunq_abi_version();
$status = $ffi->bunq_client_create(null, null);
$message = $ffi->bunq_last_error_message();
$text = FFI::string($message);
$ffi->bunq_string_free($message);
echo json_encode([
    "version" => $version,
    "abi" => $abi,
    "status" => $status,
    "null_argument" => $ffi->BUNQ_ERROR_NULL_ARGUMENT,
    "message" => $text,
]), "\n";
"#;

#[test]
fn php_ffi_loads_the_header_and_calls_bunq_version() {
    let root = Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."));
    let library = library_directory().join("libbunq_capi.so");
    assert!(library.exists(), "{} was not built", library.display());
    let output = Command::new("php")
        .args(["-d", "ffi.enable=1", "-r", SCRIPT])
        .arg(root.join("include/bunq.h"))
        .arg(&library)
        .arg(root.join("bindings/php/src"))
        .output()
        .unwrap_or_else(|error| {
            panic!("cannot run php ({error}): install php-cli (Debian: apt-get install -y php-cli)")
        });
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "php failed:\n{stdout}\n{stderr}");
    let result: serde_json::Value = serde_json::from_str(stdout.trim())
        .unwrap_or_else(|error| panic!("php printed no JSON ({error}):\n{stdout}\n{stderr}"));
    assert_eq!(result["version"], env!("CARGO_PKG_VERSION"));
    assert_eq!(result["abi"], bunq_capi::BUNQ_ABI_VERSION);
    assert_eq!(result["status"], result["null_argument"]);
    assert_eq!(result["null_argument"], 9);
    assert_eq!(result["message"], "config_json is NULL");
}
