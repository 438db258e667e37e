//! The saved context: the official SDKs' format, their variants, atomic owner-only saving.

mod common;

use std::fs;

use bunq::{ApiContext, EnvironmentType, ErrorKind, UserKind};
use common::{TempDir, client_key, context_json, offline_context, server_key};
use serde_json::{Value, json};

fn temp_dir(name: &str) -> TempDir {
    TempDir::new(&format!("context-test-{name}"))
}

#[test]
fn a_saved_context_restores_identically_without_the_network() {
    // Port 9 is closed: any network call would fail.
    let context = offline_context("http://127.0.0.1:9/v1/", "session-token");
    let dir = temp_dir("roundtrip");
    let path = dir.join("bunq.conf");
    context.save(&path).unwrap();
    let restored = ApiContext::restore(&path).unwrap();
    assert_eq!(restored.to_json(), context.to_json());
    assert_eq!(restored.session_token(), Some("session-token"));
    assert_eq!(restored.environment().base_url(), "http://127.0.0.1:9/v1/");
    assert_eq!(
        restored.client_key().private_key_pem(),
        client_key().private_key_pem()
    );
    assert_eq!(restored.user().unwrap().display_name(), Some("Test"));
}

#[test]
fn the_file_is_the_python_sdks_format() {
    let context = offline_context("http://127.0.0.1:9/v1/", "session-token");
    let text = context.to_json();
    assert!(
        text.starts_with("{\n    \"api_key\": \"sandbox_test_api_key\",\n"),
        "{text}"
    );
    let json: Value = serde_json::from_str(&text).unwrap();
    let keys: Vec<&String> = json.as_object().unwrap().keys().collect();
    assert_eq!(
        keys,
        [
            "api_key",
            "base_url",
            "environment_type",
            "installation_context",
            "session_context"
        ]
    );
    assert_eq!(json["environment_type"], "SANDBOX");
    let installation = &json["installation_context"];
    assert_eq!(installation["token"], "installation-token");
    assert!(
        installation["private_key_client"]
            .as_str()
            .unwrap()
            .starts_with("-----BEGIN PRIVATE KEY-----")
    );
    assert!(
        installation["public_key_client"]
            .as_str()
            .unwrap()
            .starts_with("-----BEGIN PUBLIC KEY-----")
    );
    assert_eq!(
        installation["public_key_server"],
        server_key().public_key_pem()
    );
    let session = &json["session_context"];
    assert_eq!(session["token"], "session-token");
    assert_eq!(session["user_id"], 1);
    assert_eq!(session["user_person"]["session_timeout"], 3600);
    let expiry = session["expiry_time"].as_str().unwrap();
    assert_eq!(expiry.len(), "2099-01-01 00:00:00.000000".len(), "{expiry}");
    assert!(
        json.get("proxy_url").is_none(),
        "absent values are left out"
    );
}

#[test]
fn unknown_user_fields_survive_and_nulls_are_left_out() {
    let mut json: Value =
        serde_json::from_str(&context_json("http://127.0.0.1:9/v1/", "t")).unwrap();
    json["session_context"]["user_person"]["brand_new_field"] = json!({"nested": [1, 2, 3]});
    json["session_context"]["user_person"]["avatar"] = Value::Null;
    let context = ApiContext::from_json(&json.to_string()).unwrap();
    let saved: Value = serde_json::from_str(&context.to_json()).unwrap();
    assert_eq!(
        saved["session_context"]["user_person"]["brand_new_field"]["nested"][2],
        3
    );
    assert!(
        saved["session_context"]["user_person"]
            .get("avatar")
            .is_none()
    );
}

#[test]
fn the_php_sdks_camel_case_user_keys_are_read() {
    let mut json: Value =
        serde_json::from_str(&context_json("http://127.0.0.1:9/v1/", "t")).unwrap();
    let user = json["session_context"]
        .as_object_mut()
        .unwrap()
        .remove("user_person")
        .unwrap();
    json["session_context"]["userCompany"] = user;
    let context = ApiContext::from_json(&json.to_string()).unwrap();
    assert_eq!(context.user().unwrap().kind(), UserKind::Company);
    let saved: Value = serde_json::from_str(&context.to_json()).unwrap();
    assert!(
        saved["session_context"].get("user_company").is_some(),
        "written back in the Python spelling"
    );
}

#[test]
fn the_csharp_and_java_proxy_key_and_millisecond_expiry_are_read() {
    let mut json: Value =
        serde_json::from_str(&context_json("http://127.0.0.1:9/v1/", "t")).unwrap();
    json["proxy"] = json!("http://proxy.example:3128");
    json["session_context"]["expiry_time"] = json!("2099-01-01 00:00:00.123");
    json.as_object_mut().unwrap().remove("base_url");
    json["environment_type"] = json!("PRODUCTION");
    let context = ApiContext::from_json(&json.to_string()).unwrap();
    assert_eq!(context.proxy_url(), Some("http://proxy.example:3128"));
    assert_eq!(context.environment().kind(), EnvironmentType::Production);
    assert_eq!(context.environment().base_url(), "https://api.bunq.com/v1/");
    let saved: Value = serde_json::from_str(&context.to_json()).unwrap();
    assert_eq!(saved["proxy_url"], "http://proxy.example:3128");
}

#[test]
fn a_pkcs1_private_key_in_the_file_is_accepted() {
    use rsa::pkcs1::{EncodeRsaPrivateKey, LineEnding};
    use rsa::pkcs8::DecodePrivateKey;
    let pkcs1 = rsa::PrivateKey::from_pkcs8_pem(client_key().private_key_pem())
        .unwrap()
        .to_pkcs1_pem(LineEnding::CRLF)
        .unwrap();
    let mut json: Value =
        serde_json::from_str(&context_json("http://127.0.0.1:9/v1/", "t")).unwrap();
    json["installation_context"]["private_key_client"] = json!(pkcs1.as_str());
    let context = ApiContext::from_json(&json.to_string()).unwrap();
    assert_eq!(
        context.client_key().public_key_pem(),
        client_key().public_key_pem()
    );
}

#[cfg(unix)]
#[test]
fn saving_is_owner_only_and_leaves_no_temporary_file() {
    use std::os::unix::fs::PermissionsExt;
    let dir = temp_dir("permissions");
    let path = dir.join("bunq.conf");
    fs::write(&path, "old").unwrap();
    fs::set_permissions(&path, fs::Permissions::from_mode(0o644)).unwrap();
    offline_context("http://127.0.0.1:9/v1/", "t")
        .save(&path)
        .unwrap();
    let mode = fs::metadata(&path).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600);
    let names: Vec<_> = fs::read_dir(&dir)
        .unwrap()
        .map(|entry| entry.unwrap().file_name())
        .collect();
    assert_eq!(names, ["bunq.conf"]);
}

#[test]
fn a_failed_save_leaves_the_old_file_whole() {
    let dir = temp_dir("failed-save");
    let path = dir.join("bunq.conf");
    fs::write(&path, "the old context").unwrap();
    // The target is a directory now: the rename fails after the temporary file was written.
    let blocked = dir.join("blocked");
    fs::create_dir_all(blocked.join("inner")).unwrap();
    let error = offline_context("http://127.0.0.1:9/v1/", "t")
        .save(&blocked)
        .unwrap_err();
    assert_eq!(error.kind(), ErrorKind::Io);
    assert_eq!(fs::read_to_string(&path).unwrap(), "the old context");
    let names: Vec<_> = fs::read_dir(&dir)
        .unwrap()
        .map(|entry| entry.unwrap().file_name())
        .collect();
    assert_eq!(names.len(), 2, "no temporary file left behind: {names:?}");
    let missing =
        offline_context("http://127.0.0.1:9/v1/", "t").save(dir.join("no/such/dir/bunq.conf"));
    assert_eq!(missing.unwrap_err().kind(), ErrorKind::Io);
}

#[test]
fn secrets_never_appear_in_debug_output() {
    let mut json: Value =
        serde_json::from_str(&context_json("http://127.0.0.1:9/v1/", "the-session-token")).unwrap();
    json["proxy_url"] = json!("http://me:proxy-password@proxy.example:3128");
    let context = ApiContext::from_json(&json.to_string()).unwrap();
    let debug = format!("{context:?}");
    for secret in [
        "sandbox_test_api_key",
        "installation-token",
        "the-session-token",
        "PRIVATE KEY",
        "proxy-password",
    ] {
        assert!(!debug.contains(secret), "{secret} in {debug}");
    }
    let client = bunq::Client::new(context).unwrap();
    let debug = format!("{client:?}");
    assert!(!debug.contains("the-session-token"), "{debug}");
}

#[test]
fn damaged_files_give_clear_errors() {
    let cases = [
        ("not json", "not JSON"),
        ("{}", "environment_type is missing"),
        (
            r#"{"environment_type":"MARS"}"#,
            "neither SANDBOX nor PRODUCTION",
        ),
    ];
    for (text, expected) in cases {
        let error = ApiContext::from_json(text).unwrap_err();
        assert_eq!(error.kind(), ErrorKind::Json);
        assert!(error.to_string().contains(expected), "{error}");
    }
    let mut json: Value =
        serde_json::from_str(&context_json("http://127.0.0.1:9/v1/", "t")).unwrap();
    json["installation_context"]["private_key_client"] =
        json!("-----BEGIN PRIVATE KEY-----\nxx\n-----END PRIVATE KEY-----");
    let error = ApiContext::from_json(&json.to_string()).unwrap_err();
    assert_eq!(error.kind(), ErrorKind::InvalidInput);
    let error = ApiContext::restore("/nonexistent/bunq.conf").unwrap_err();
    assert_eq!(error.kind(), ErrorKind::Io);
}

#[test]
fn a_user_id_that_is_not_the_users_own_is_refused() {
    let mut json: Value =
        serde_json::from_str(&context_json("http://127.0.0.1:9/v1/", "t")).unwrap();
    assert_eq!(json["session_context"]["user_person"]["id"], 1);
    json["session_context"]["user_id"] = json!(1002);
    let error = ApiContext::from_json(&json.to_string()).unwrap_err();
    assert_eq!(error.kind(), ErrorKind::Json);
    let message = error.to_string();
    assert!(message.contains("session_context.user_id"), "{message}");
    assert!(
        message.contains("1002") && message.contains("user_person.id"),
        "{message}"
    );

    // The same id, written as the official SDKs write it, is accepted; so is a file that
    // leaves user_id out (the user object's id is taken).
    json["session_context"]["user_id"] = json!(1);
    assert_eq!(
        ApiContext::from_json(&json.to_string()).unwrap().user_id(),
        Some(1)
    );
    json["session_context"]
        .as_object_mut()
        .unwrap()
        .remove("user_id");
    assert_eq!(
        ApiContext::from_json(&json.to_string()).unwrap().user_id(),
        Some(1)
    );
}

#[test]
fn a_save_path_with_a_nul_is_refused_when_the_client_is_made() {
    let context = offline_context("http://127.0.0.1:9/v1/", "session-token");
    let error = bunq::Client::builder(context)
        .save_to("bunq\0.conf")
        .build()
        .unwrap_err();
    assert_eq!(error.kind(), ErrorKind::InvalidInput);
    assert!(error.to_string().contains("save_to"), "{error}");
}
