//! The saved context (`bunq.conf`, the official SDKs' four variants): any text is read
//! without a panic; a context that reads saves and reads back to the same context; secret
//! values are opaque (replacing them changes nothing else); no error message and no `Debug`
//! output shows a secret.

#![no_main]

use bunq::ApiContext;
use bunq_context_fuzz::round_trip::saves_and_reads_back;
use bunq_context_fuzz::secrets::{self, assert_hidden, others_than, pem_body_lines, strings_of};
use libfuzzer_sys::fuzz_target;
use serde_json::Value;

fuzz_target!(|data: &[u8]| {
    bunq_context_fuzz::secrets::running(data);
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let read = ApiContext::from_json(text);
    if let Ok(context) = &read {
        saves_and_reads_back(context);
    }
    // The same file with its secrets replaced by markers the fuzzer cannot know.
    let Ok(Value::Object(mut root)) = serde_json::from_str::<Value>(text) else {
        return;
    };
    let mut secrets = vec![
        secrets::API_KEY,
        secrets::INSTALLATION_TOKEN,
        secrets::SESSION_TOKEN,
    ];
    replace_string(&mut root, &["api_key"], secrets::API_KEY);
    replace_string(
        &mut root,
        &["installation_context", "token"],
        secrets::INSTALLATION_TOKEN,
    );
    replace_string(
        &mut root,
        &["session_context", "token"],
        secrets::SESSION_TOKEN,
    );
    for key in ["proxy_url", "proxy"] {
        if replace_string(
            &mut root,
            &[key],
            &format!("http://user:{}@proxy:3128", secrets::PROXY_PASSWORD),
        ) {
            secrets.push(secrets::PROXY_PASSWORD);
        }
    }
    let private_key = root
        .get("installation_context")
        .and_then(|installation| installation.get("private_key_client"))
        .and_then(Value::as_str)
        .unwrap_or("")
        .to_owned();
    secrets.extend(pem_body_lines(&private_key));
    let marked = Value::Object(root);
    let others = others_than(strings_of(&marked), &secrets);
    let marked_read = ApiContext::from_json(&marked.to_string());
    assert_eq!(
        read.is_ok(),
        marked_read.is_ok(),
        "replacing secret values changed whether the context reads: {:?} / {:?}",
        read.as_ref().err(),
        marked_read.as_ref().err()
    );
    match marked_read {
        Ok(context) => {
            assert_hidden(
                &format!("{context:?}"),
                &secrets,
                &others,
                "Debug of ApiContext",
            );
            saves_and_reads_back(&context);
        }
        Err(error) => {
            assert_hidden(&error.to_string(), &secrets, &others, "the error message");
            assert_hidden(
                &format!("{error:?}"),
                &secrets,
                &others,
                "Debug of the error",
            );
        }
    }
});

/// Sets the string at `path` to `value` if a string is there; says whether it was.
fn replace_string(root: &mut serde_json::Map<String, Value>, path: &[&str], value: &str) -> bool {
    let (last, parents) = path.split_last().unwrap();
    let mut object = root;
    for key in parents {
        match object.get_mut(*key) {
            Some(Value::Object(inner)) => object = inner,
            _ => return false,
        }
    }
    match object.get_mut(*last) {
        Some(slot @ Value::String(_)) => {
            *slot = Value::String(value.to_owned());
            true
        }
        _ => false,
    }
}
