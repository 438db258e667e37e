//! The promise that secrets never show: not in error messages, not in `Debug` output.
//!
//! A secret counts as leaked when it appears in the text although no other string of the
//! input contains it (an error may quote a field the fuzzer filled with a copy of the
//! secret; that is the fuzzer's doing, not a leak). Secrets shorter than eight characters
//! are too likely to occur by chance and are not checked. The input being run counts as such
//! a string too: libFuzzer learns the bytes the code compares, markers included, and may put
//! them anywhere.

use std::cell::RefCell;

use serde_json::Value;

thread_local! {
    static INPUT: RefCell<String> = const { RefCell::new(String::new()) };
}

/// Records the input being run (call it first in every target).
pub fn running(data: &[u8]) {
    INPUT.with(|input| *input.borrow_mut() = String::from_utf8_lossy(data).into_owned());
}

/// Markers put in place of secret fields: strings the fuzzer cannot know, so that one in an
/// error message can only have come from the secret field.
pub const API_KEY: &str = "fz-api-key-7c41d09e5b";
/// See [`API_KEY`].
pub const INSTALLATION_TOKEN: &str = "fz-installation-token-2e8a61f3";
/// See [`API_KEY`].
pub const SESSION_TOKEN: &str = "fz-session-token-94b07c1d";
/// See [`API_KEY`].
pub const PROXY_PASSWORD: &str = "fz-proxy-password-5d3e";
/// See [`API_KEY`].
pub const CLIENT_SECRET: &str = "fz-oauth-client-secret-a61c";
/// A private key's body line that is not a key: PEM parsers must not quote it back.
pub const PEM_LINE: &str = "RnVenZlckxlYWtUaGlzS2V5TGluZUZ1enplckxlYWtUaGlzS2V5TGluZQ";

/// A PEM private key whose body is [`PEM_LINE`].
pub fn marked_private_key_pem() -> String {
    format!("-----BEGIN PRIVATE KEY-----\n{PEM_LINE}\n-----END PRIVATE KEY-----\n")
}

/// The shortest secret worth checking.
const MIN_LEN: usize = 8;

/// Panics when `text` shows one of `secrets` that none of `others` contains.
pub fn assert_hidden(text: &str, secrets: &[&str], others: &[String], what: &str) {
    for secret in secrets {
        if secret.len() < MIN_LEN || !text.contains(secret) {
            continue;
        }
        if others.iter().any(|other| other.contains(secret))
            || INPUT.with(|input| input.borrow().contains(secret))
        {
            continue;
        }
        panic!("{what} shows the secret {secret:?}: {text}");
    }
}

/// Every string of a JSON value, keys included.
pub fn strings_of(value: &Value) -> Vec<String> {
    let mut strings = Vec::new();
    collect(value, &mut strings);
    strings
}

fn collect(value: &Value, strings: &mut Vec<String>) {
    match value {
        Value::String(text) => strings.push(text.clone()),
        Value::Array(items) => items.iter().for_each(|item| collect(item, strings)),
        Value::Object(map) => {
            for (key, item) in map {
                strings.push(key.clone());
                collect(item, strings);
            }
        }
        _ => {}
    }
}

/// `strings` without one occurrence of each of `secrets`: what else could explain a secret
/// in a message.
pub fn others_than(mut strings: Vec<String>, secrets: &[&str]) -> Vec<String> {
    for secret in secrets {
        if let Some(index) = strings.iter().position(|text| text == secret) {
            strings.swap_remove(index);
        }
    }
    strings
}

/// The lines of a PEM's base64 body (long enough to be a secret by themselves).
pub fn pem_body_lines(pem: &str) -> Vec<&str> {
    pem.lines()
        .map(str::trim)
        .filter(|line| line.len() >= 16 && !line.starts_with("-----"))
        .collect()
}
