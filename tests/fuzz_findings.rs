//! Inputs the fuzz targets of `fuzz/` found breaking a promise, replayed in the normal test
//! suite so that the fix stays. Each input is the file the fuzzer wrote, kept as it was in
//! `tests/data/fuzz/`; each test states the promise and reads the input the way its target
//! did.

mod common;

use bunq::{Client, Config, ProxySetting};
use common::offline_context;

/// The fuzzer's input as its target splits it: NUL-separated fields.
fn fields(name: &str) -> Vec<String> {
    let path = format!("{}/tests/data/fuzz/{name}", env!("CARGO_MANIFEST_DIR"));
    let data = std::fs::read(&path).unwrap_or_else(|error| panic!("{path}: {error}"));
    data.split(|&byte| byte == 0)
        .map(|field| String::from_utf8(field.to_vec()).expect("the input is UTF-8"))
        .collect()
}

/// `urls_and_queries`: a proxy password never shows in `Debug` output or an error. The
/// proxy URL `ttp://127@0.//:ss@(:l` has an `@` in its user part and another after a `/`;
/// the password (`ss`) sat between them and `Debug` showed it, because the user part was
/// taken to end at the first `/`.
#[test]
fn a_proxy_password_after_a_slash_and_a_second_at_sign_stays_hidden() {
    let url = fields("proxy-url-with-two-at-signs.bin")[11].clone();
    assert_eq!(url, "ttp://127@0.//:ss@(:l");
    let marked = url.replace(":ss@", ":fz-proxy-password-5d3e@");
    let setting = ProxySetting::Url(marked.clone());
    let debug = format!("{setting:?}");
    assert!(!debug.contains("fz-proxy-password"), "{debug}");
    let built = Client::builder(offline_context("http://127.0.0.1:9/v1/", "session-token"))
        .config(Config::builder().proxy(setting).build())
        .build();
    if let Err(error) = built {
        let shown = format!("{error} {error:?}");
        assert!(!shown.contains("fz-proxy-password"), "{shown}");
    }
}
