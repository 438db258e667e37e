//! The C API's JSON arguments and option strings, through the exported functions:
//! `bunq_client_from_json`'s options, `bunq_pages_new`'s query, `bunq_oauth_authorization_url`'s
//! configuration, `bunq_client_create`'s configuration and `bunq_client_request`'s query and
//! header lists. Any bytes give a status, never a panic; a failure leaves the out-parameter
//! untouched and a message in the last error, a success none; no message and no `Debug`
//! output shows a secret of the configuration; query and headers are exactly the pairs given.
//!
//! The first byte picks the function; the rest is its string arguments, separated by NUL
//! bytes (which a C string cannot contain), a missing one passed as NULL.

#![no_main]

use std::ffi::{CStr, CString, c_char};
use std::ptr;

use bunq::fuzzing::path_and_query;
use bunq_capi::fuzzing::{c_request, creation_config};
use bunq_capi::*;
use bunq::{Method, Request};
use bunq_context_fuzz::round_trip::marked_context_json;
use bunq_context_fuzz::secrets::{self, assert_hidden, others_than, strings_of};
use libfuzzer_sys::fuzz_target;
use serde_json::Value;

fuzz_target!(|data: &[u8]| {
    bunq_context_fuzz::secrets::running(data);
    let Some((&selector, rest)) = data.split_first() else {
        return;
    };
    let fields: Vec<&[u8]> = rest.split(|&byte| byte == 0).collect();
    let field = |index: usize| fields.get(index).copied();
    match selector % 4 {
        0 => client_options(field(0), field(1), field(2)),
        1 => oauth_url(field(0), field(1)),
        2 => creation(field(0)),
        _ => request(field(0), field(1), field(2), field(3)),
    }
});

/// A JSON object with the secret-bearing keys replaced by markers (when they hold strings),
/// the secrets to look for and the strings that may legitimately contain them.
struct Marked {
    bytes: Vec<u8>,
    secrets: Vec<&'static str>,
    others: Vec<String>,
}

fn marked(raw: Option<&[u8]>, replacements: &[(&str, String, &'static str)]) -> Option<Marked> {
    let raw = raw?;
    let Ok(Value::Object(mut object)) = serde_json::from_slice::<Value>(raw) else {
        return Some(Marked {
            bytes: raw.to_vec(),
            secrets: Vec::new(),
            others: Vec::new(),
        });
    };
    let mut secrets = Vec::new();
    for (key, value, secret) in replacements {
        if let Some(slot @ Value::String(_)) = object.get_mut(*key) {
            *slot = Value::String(value.clone());
            secrets.push(*secret);
        }
    }
    let value = Value::Object(object);
    Some(Marked {
        bytes: value.to_string().into_bytes(),
        others: others_than(strings_of(&value), &secrets),
        secrets,
    })
}

fn proxy_with_password() -> String {
    format!("http://fuzz:{}@proxy.invalid:3128", secrets::PROXY_PASSWORD)
}

/// A C string argument: NULL when absent.
fn c_string(field: Option<&[u8]>) -> Option<CString> {
    field.map(|bytes| CString::new(bytes).expect("fields hold no NUL"))
}

fn pointer(string: &Option<CString>) -> *const c_char {
    string
        .as_ref()
        .map_or(ptr::null(), |string| string.as_ptr())
}

/// The promises of every call: no panic, the last error matches the status, a failure has
/// a message without secrets, a success leaves no message.
fn check(status: bunq_status, secrets: &[&str], others: &[String]) {
    assert_ne!(status, bunq_status::BUNQ_ERROR_PANIC);
    assert_eq!(bunq_last_error_status(), status);
    let message = bunq_last_error_message();
    if status == bunq_status::BUNQ_OK {
        assert!(message.is_null(), "a success left an error message");
        return;
    }
    assert!(!message.is_null(), "a failure without a message");
    // SAFETY: a NUL-terminated string from the library, released just after.
    let text = unsafe { CStr::from_ptr(message) }
        .to_string_lossy()
        .into_owned();
    unsafe { bunq_string_free(message) };
    assert!(!text.is_empty());
    let mut all = secrets.to_vec();
    all.extend([
        secrets::API_KEY,
        secrets::INSTALLATION_TOKEN,
        secrets::SESSION_TOKEN,
    ]);
    assert_hidden(&text, &all, others, "bunq_last_error_message");
}

fn client_options(options: Option<&[u8]>, path: Option<&[u8]>, query: Option<&[u8]>) {
    let options = marked(
        options,
        &[("proxy", proxy_with_password(), secrets::PROXY_PASSWORD)],
    );
    let context = CString::new(marked_context_json("http://127.0.0.1:9/v1/")).unwrap();
    let options_c = c_string(options.as_ref().map(|marked| &marked.bytes[..]));
    let (secrets, others) = options.as_ref().map_or((Vec::new(), Vec::new()), |marked| {
        (marked.secrets.clone(), marked.others.clone())
    });
    let sentinel = ptr::dangling_mut::<bunq_client>();
    let mut client = sentinel;
    // SAFETY: valid strings (or NULL) and an out-parameter.
    let status =
        unsafe { bunq_client_from_json(context.as_ptr(), pointer(&options_c), &mut client) };
    check(status, &secrets, &others);
    if status != bunq_status::BUNQ_OK {
        assert_eq!(client, sentinel, "a failure wrote the out-parameter");
        return;
    }
    let path = c_string(path);
    let query = c_string(query);
    let mut pages = ptr::dangling_mut::<bunq_pages>();
    // SAFETY: a live client, valid strings (or NULL), an out-parameter.
    let status = unsafe { bunq_pages_new(client, pointer(&path), pointer(&query), &mut pages) };
    check(status, &[], &[]);
    if status == bunq_status::BUNQ_OK {
        // SAFETY: a walk just made, released once.
        unsafe { bunq_pages_free(pages) };
    } else {
        assert_eq!(pages, ptr::dangling_mut::<bunq_pages>());
    }
    // SAFETY: the client made above, released once.
    unsafe { bunq_client_free(client) };
}

fn oauth_url(config: Option<&[u8]>, state: Option<&[u8]>) {
    let config = marked(
        config,
        &[
            (
                "client_secret",
                secrets::CLIENT_SECRET.to_owned(),
                secrets::CLIENT_SECRET,
            ),
            ("proxy", proxy_with_password(), secrets::PROXY_PASSWORD),
        ],
    );
    let config_c = c_string(config.as_ref().map(|marked| &marked.bytes[..]));
    let state_c = c_string(state);
    let (secrets, others) = config.as_ref().map_or((Vec::new(), Vec::new()), |marked| {
        (marked.secrets.clone(), marked.others.clone())
    });
    let mut url: *mut c_char = ptr::null_mut();
    // SAFETY: valid strings (or NULL) and an out-parameter.
    let status =
        unsafe { bunq_oauth_authorization_url(pointer(&config_c), pointer(&state_c), &mut url) };
    check(status, &secrets, &others);
    if status != bunq_status::BUNQ_OK {
        assert!(url.is_null());
        return;
    }
    // SAFETY: a string from the library, released just after.
    let text = unsafe { CStr::from_ptr(url) }
        .to_string_lossy()
        .into_owned();
    unsafe { bunq_string_free(url) };
    assert_hidden(&text, &secrets, &others, "the authorization URL");
    let state = std::str::from_utf8(state.unwrap()).unwrap();
    let tail = text
        .rsplit_once("&state=")
        .map(|(_, tail)| tail)
        .unwrap_or_else(|| panic!("{text}"));
    let decoded = percent_encoding::percent_decode_str(tail)
        .decode_utf8()
        .unwrap();
    assert_eq!(
        decoded, state,
        "the state is not the last parameter as given: {text}"
    );
}

fn creation(config: Option<&[u8]>) {
    let Some(config) = config else {
        return;
    };
    let Ok(text) = std::str::from_utf8(config) else {
        return;
    };
    let marked = marked(
        Some(text.as_bytes()),
        &[
            ("api_key", secrets::API_KEY.to_owned(), secrets::API_KEY),
            (
                "private_key_pem",
                secrets::marked_private_key_pem(),
                secrets::PEM_LINE,
            ),
            ("proxy_url", proxy_with_password(), secrets::PROXY_PASSWORD),
            ("proxy", proxy_with_password(), secrets::PROXY_PASSWORD),
        ],
    )
    .unwrap();
    let text = String::from_utf8(marked.bytes).unwrap();
    match creation_config(&text) {
        Ok(builder) => {
            assert_hidden(
                &format!("{builder:?}"),
                &marked.secrets,
                &marked.others,
                "Debug of ContextBuilder",
            );
        }
        Err((status, message)) => {
            assert!(
                matches!(
                    status,
                    bunq_status::BUNQ_ERROR_JSON | bunq_status::BUNQ_ERROR_INVALID_INPUT
                ),
                "{status:?}: {message}"
            );
            assert_hidden(
                &message,
                &marked.secrets,
                &marked.others,
                "the configuration error",
            );
        }
    }
}

fn text(field: Option<&[u8]>) -> Option<&str> {
    field.and_then(|bytes| std::str::from_utf8(bytes).ok())
}

fn request(
    method: Option<&[u8]>,
    path: Option<&[u8]>,
    query: Option<&[u8]>,
    headers: Option<&[u8]>,
) {
    let (Some(method), Some(path)) = (text(method), text(path)) else {
        return;
    };
    let (query, headers) = (text(query), text(headers));
    match c_request(method, path, query, headers) {
        Ok(built) => {
            let mut expected = Request::new(Method::parse(method).unwrap(), path);
            for (key, value) in pairs(query) {
                expected = expected.query(key, value);
            }
            for (name, value) in pairs(headers) {
                expected = expected.header(name, value);
            }
            assert_eq!(built, expected);
            assert!(path_and_query(&built).starts_with(path));
        }
        Err((status, message)) => assert!(
            matches!(
                status,
                bunq_status::BUNQ_ERROR_JSON | bunq_status::BUNQ_ERROR_INVALID_INPUT
            ),
            "{status:?}: {message}"
        ),
    }
}

/// The pairs a query or header list stands for (the documented shapes), for lists that the
/// library accepted.
fn pairs(list: Option<&str>) -> Vec<(String, String)> {
    let Some(list) = list else {
        return Vec::new();
    };
    let scalar = |value: &Value| match value {
        Value::String(text) => text.clone(),
        other => other.to_string(),
    };
    match serde_json::from_str::<Value>(list).unwrap() {
        Value::Object(map) => map
            .iter()
            .map(|(key, value)| (key.clone(), scalar(value)))
            .collect(),
        Value::Array(items) => items
            .iter()
            .map(|item| (item[0].as_str().unwrap().to_owned(), scalar(&item[1])))
            .collect(),
        other => panic!("accepted a list that is {other}"),
    }
}
