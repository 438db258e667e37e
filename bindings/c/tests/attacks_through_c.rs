//! The attacks of issue 9 that go through the C ABI, as the bindings call it: a base URL given
//! for one run is not saved, a zero rate limit is refused, and the last error survives the
//! functions that must not clear it. The rest are in the core's `tests/attacks.rs`.

#[path = "../../../tests/common/mod.rs"]
mod common;
#[path = "../../../tests/hostile_server/mod.rs"]
mod hostile_server;

use std::path::Path;

use bunq::ApiContext;
use bunq_capi::*;
use common::{TempDir, context_json, offline_context};
use hostile_server::{Answer, session_answer, user_with_timeout};
use serde_json::{Value, json};

const SESSION_TOKEN: &str = "session-token-0123456789abcdef";

/// A saved context for `base_url` without a session: the first call opens one.
fn context_without_session(base_url: &str) -> ApiContext {
    let mut json: Value = serde_json::from_str(&context_json(base_url, SESSION_TOKEN)).unwrap();
    json.as_object_mut().unwrap().remove("session_context");
    ApiContext::from_json(&json.to_string()).unwrap()
}

/// `bunq_client_restore` through the C ABI, as the bindings call it.
fn restore_through_c(path: &Path, options: &str) -> *mut bunq_client {
    let path = std::ffi::CString::new(path.to_str().unwrap()).unwrap();
    let options = std::ffi::CString::new(options).unwrap();
    let mut client = std::ptr::null_mut();
    // SAFETY: valid strings and out-parameter.
    let status = unsafe { bunq_client_restore(path.as_ptr(), options.as_ptr(), &mut client) };
    assert_eq!(status, bunq_status::BUNQ_OK);
    client
}

fn c_string(text: &str) -> std::ffi::CString {
    std::ffi::CString::new(text).unwrap()
}

#[test]
fn a_base_url_given_for_this_run_is_not_saved() {
    let server = hostile_server::start(|request| match request.endpoint() {
        "session-server" => session_answer(SESSION_TOKEN, user_with_timeout(json!(3600))),
        _ => Answer::objects(json!([{"User": {"id": 1}}])),
    });
    let dir = TempDir::new("attacks-c-run-only-url");
    let path = dir.join("bunq.conf");
    context_without_session("http://127.0.0.1:9/v1/")
        .save(&path)
        .unwrap();
    let options = json!({"base_url": server.base_url(), "proxy": "none", "rate_limits": false});
    let client = restore_through_c(&path, &options.to_string());
    let mut response = std::ptr::null_mut();
    // SAFETY: a live client, valid strings, a valid out-parameter.
    let status = unsafe {
        bunq_client_request(
            client,
            c_string("GET").as_ptr(),
            c_string("user").as_ptr(),
            std::ptr::null(),
            std::ptr::null(),
            0,
            std::ptr::null(),
            &mut response,
        )
    };
    assert_eq!(status, bunq_status::BUNQ_OK);
    // SAFETY: handles from this library, freed once.
    unsafe {
        bunq_response_free(response);
        bunq_client_free(client);
    }
    assert_eq!(
        server.count("POST", "session-server"),
        1,
        "a session was opened"
    );
    let saved = ApiContext::restore(&path).unwrap();
    assert_eq!(
        saved.session_token(),
        Some(SESSION_TOKEN),
        "the renewal was saved"
    );
    assert_eq!(
        saved.environment().base_url(),
        "http://127.0.0.1:9/v1/",
        "the saved base URL is the file's own"
    );
}

#[test]
fn a_rate_limit_of_zero_is_refused_through_c() {
    let dir = TempDir::new("attacks-c-zero-limit");
    let path = dir.join("bunq.conf");
    offline_context("http://127.0.0.1:9/v1/", SESSION_TOKEN)
        .save(&path)
        .unwrap();
    let path = c_string(path.to_str().unwrap());
    let options = c_string(r#"{"rate_limits": {"get": 0}}"#);
    let mut client = std::ptr::null_mut();
    // SAFETY: valid strings and out-parameter.
    let status = unsafe { bunq_client_restore(path.as_ptr(), options.as_ptr(), &mut client) };
    assert_eq!(status, bunq_status::BUNQ_ERROR_INVALID_INPUT);
    assert!(client.is_null());
}

#[test]
fn the_last_error_survives_the_functions_that_do_not_clear_it() {
    let header = include_str!("../../../include/bunq.h");
    for sentence in [
        "bunq_last_error_* accessors, bunq_version, bunq_abi_version, bunq_status_name",
        "bunq_string_free, bunq_bytes_free and every *_free function",
    ] {
        assert!(header.contains(sentence), "bunq.h does not say: {sentence}");
    }
    // SAFETY: NULL arguments are allowed or refused, never used.
    unsafe {
        let status = bunq_client_restore(std::ptr::null(), std::ptr::null(), std::ptr::null_mut());
        assert_eq!(status, bunq_status::BUNQ_ERROR_NULL_ARGUMENT);
        assert!(!bunq_version().is_null());
        assert_eq!(bunq_abi_version(), 1);
        assert!(!bunq_status_name(3).is_null());
        bunq_string_free(std::ptr::null_mut());
        bunq_bytes_free(std::ptr::null_mut());
        bunq_client_free(std::ptr::null_mut());
        bunq_response_free(std::ptr::null_mut());
        bunq_pages_free(std::ptr::null_mut());
        let message = bunq_last_error_message();
        bunq_string_free(message);
        let _ = bunq_last_error_http_status();
        let _ = bunq_last_error_description_count();
        bunq_string_free(bunq_last_error_description(0));
        bunq_string_free(bunq_last_error_response_id());
        bunq_string_free(bunq_last_error_step());
        assert_eq!(
            bunq_last_error_status(),
            bunq_status::BUNQ_ERROR_NULL_ARGUMENT,
            "none of these cleared the last error"
        );
        // Any other function clears it when it starts.
        let mut pair_private = std::ptr::null_mut();
        let mut pair_public = std::ptr::null_mut();
        assert_eq!(
            bunq_key_pair_generate(&mut pair_private, &mut pair_public),
            bunq_status::BUNQ_OK
        );
        assert_eq!(bunq_last_error_status(), bunq_status::BUNQ_OK);
        bunq_string_free(pair_private);
        bunq_string_free(pair_public);
    }
}
