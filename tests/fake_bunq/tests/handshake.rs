//! Installation, device-server, session-server, users, and bunq's request checks.

mod common;

use common::{Client, HttpResponse, send};
use fake_bunq::{FakeBunq, FakeBunqConfig};
use serde_json::{Value, json};

#[test]
fn three_steps_give_a_signed_session_with_the_user() {
    let bunq = FakeBunq::start().expect("start");
    let api_key = bunq.create_api_key();
    let mut client = Client::new(&bunq.base_url());

    let installation = client.install();
    assert_eq!(installation.status, 200);
    assert_eq!(
        installation.header("Content-Type"),
        Some("application/json")
    );
    assert!(installation.item(0)["Id"]["id"].as_u64().is_some());
    let token = installation.item(1)["Token"]["token"]
        .as_str()
        .expect("token")
        .to_owned();
    assert_eq!(token.len(), 64);
    assert!(
        installation.item(1)["Token"]["created"]
            .as_str()
            .expect("created")
            .len()
            == 26
    );

    let device = client.register_device(&api_key, json!(["*"]));
    assert_eq!(device.status, 200);
    client.assert_signed(&device);
    assert!(device.item(0)["Id"]["id"].as_u64().is_some());

    let session = client.open_session(&api_key);
    assert_eq!(session.status, 200);
    let person = &session.item(2)["UserPerson"];
    assert_eq!(person["session_timeout"], 3600);
    assert_eq!(person["status"], "ACTIVE");
    assert_eq!(person["fake_extra_field"]["kept"], true);
    assert_eq!(person["alias"][0]["type"], "EMAIL");
    assert_eq!(
        person["daily_limit_without_confirmation_login"]["value"],
        "250.00"
    );
    assert_ne!(
        session.item(1)["Token"]["token"].as_str(),
        Some(token.as_str())
    );

    let user = client.get("user");
    assert_eq!(user.status, 200);
    client.assert_signed(&user);
    assert_eq!(user.item(0)["UserPerson"]["id"], client.user_id);

    assert_eq!(bunq.calls("POST", "installation"), 1);
    assert_eq!(bunq.calls("POST", "session-server"), 1);
    assert_eq!(bunq.calls("GET", "user"), 1);
}

#[test]
fn every_answer_has_a_fresh_response_id_and_echoes_the_request_id() {
    let bunq = FakeBunq::start().expect("start");
    let mut headers = Client::base_headers();
    headers[1].1 = "echo-me-123".to_owned();
    let first = send(
        &bunq.base_url(),
        "POST",
        "sandbox-user-person",
        &headers,
        b"",
    );
    let second = send(&bunq.base_url(), "GET", "no/such/route", &headers, b"");
    assert_eq!(first.status, 200);
    assert_eq!(second.status, 404);
    assert_eq!(second.error_description(), "Route not found");
    assert!(
        second.header("X-Bunq-Server-Signature").is_none(),
        "errors are unsigned"
    );
    for response in [&first, &second] {
        assert_eq!(
            response.header("X-Bunq-Client-Request-Id"),
            Some("echo-me-123")
        );
        assert_eq!(
            response.header("X-Bunq-Client-Response-Id").map(str::len),
            Some(36)
        );
    }
    assert_ne!(
        first.header("X-Bunq-Client-Response-Id"),
        second.header("X-Bunq-Client-Response-Id")
    );
    let api_key = first.item(0)["ApiKey"]["api_key"]
        .as_str()
        .expect("key")
        .to_owned();
    assert!(api_key.starts_with("sandbox_"));
}

#[test]
fn session_server_demands_a_valid_signature() {
    let bunq = FakeBunq::start().expect("start");
    let api_key = bunq.create_api_key();
    let mut client = Client::new(&bunq.base_url());
    client.install();
    assert_eq!(client.register_device(&api_key, json!([])).status, 200);
    let token = client.installation_token.clone();
    let body = json!({ "secret": api_key }).to_string();

    let unsigned = client.call(
        "POST",
        "session-server",
        body.as_bytes(),
        token.as_deref(),
        false,
    );
    assert_eq!(unsigned.status, 466);
    assert_eq!(unsigned.error_description(), "Request signature required.");

    let mut headers = Client::base_headers();
    headers.push((
        "X-Bunq-Client-Authentication".to_owned(),
        token.clone().expect("token"),
    ));
    let other_body = common::sign(common::client_key(), b"{\"secret\":\"other\"}");
    headers.push(("X-Bunq-Client-Signature".to_owned(), other_body));
    let wrong = send(
        &bunq.base_url(),
        "POST",
        "session-server",
        &headers,
        body.as_bytes(),
    );
    assert_eq!(wrong.status, 400);
    assert_eq!(
        wrong.error_description(),
        "The request signature is invalid."
    );

    // An optional signature is still checked when present, and GETs need none.
    assert_eq!(client.open_session(&api_key).status, 200);
    let mut headers = Client::base_headers();
    headers.push((
        "X-Bunq-Client-Authentication".to_owned(),
        client.session_token.clone().expect("session"),
    ));
    headers.push(("X-Bunq-Client-Signature".to_owned(), "AAAA".to_owned()));
    let bad_get = send(&bunq.base_url(), "GET", "user", &headers, b"");
    assert_eq!(bad_get.status, 400);
    let unsigned_get = client.call("GET", "user", b"", client.session_token.as_deref(), false);
    assert_eq!(unsigned_get.status, 200);
}

#[test]
fn device_server_checks_key_and_permitted_ips() {
    let bunq = FakeBunq::start_with(FakeBunqConfig {
        api_keys: vec!["configured-key".to_owned()],
        ..FakeBunqConfig::default()
    })
    .expect("start");
    let mut client = Client::new(&bunq.base_url());
    client.install();

    let unknown = client.register_device("not-a-key", json!(["*"]));
    assert_eq!(unknown.status, 400);
    assert_eq!(
        unknown.error_description(),
        "User credentials are incorrect. Incorrect API key or IP address."
    );
    let garbage_ip = client.register_device("configured-key", json!(["1.2.3.4", "999.1.1.1"]));
    assert_eq!(garbage_ip.status, 400);
    assert!(garbage_ip.error_description().contains("999.1.1.1"));
    let accepted = client.register_device(
        "configured-key",
        json!(["*", "::1", "2001:db8::1", "10.0.0.1"]),
    );
    assert_eq!(accepted.status, 200);

    let no_description = client.call(
        "POST",
        "device-server",
        br#"{"secret":"configured-key"}"#,
        client.installation_token.as_deref(),
        false,
    );
    assert_eq!(no_description.status, 400);
    assert!(no_description.error_description().contains("description"));

    // A key registered on another installation does not open a session here.
    let mut stranger = Client::new(&bunq.base_url());
    stranger.install();
    assert_eq!(stranger.open_session("configured-key").status, 400);
    assert_eq!(client.open_session("configured-key").status, 200);
}

#[test]
fn tokens_are_checked_per_route_kind() {
    let bunq = FakeBunq::start().expect("start");
    let api_key = bunq.create_api_key();
    let client = Client::connect(&bunq.base_url(), &api_key);
    let installation = client.installation_token.as_deref();
    let session = client.session_token.as_deref();

    let with_installation_token = client.call("GET", "user", b"", installation, false);
    assert_eq!(with_installation_token.status, 401);
    assert_eq!(
        with_installation_token.error_description(),
        "Insufficient authorisation."
    );
    let no_token = client.call("GET", "user", b"", None, false);
    assert_eq!(no_token.status, 401);
    let session_for_device = client.call("POST", "device-server", b"{}", session, false);
    assert_eq!(session_for_device.status, 401);

    let deleted = client.call("DELETE", "session/0", b"", session, true);
    assert_eq!(deleted.status, 200);
    client.assert_signed(&deleted);
    assert_eq!(deleted.json(), json!({ "Response": [] }));
    assert_eq!(client.get("user").status, 401);
}

#[test]
fn missing_headers_and_malformed_bodies_are_bunq_400s() {
    let bunq = FakeBunq::start().expect("start");
    let base = bunq.base_url();
    for missing in ["User-Agent", "X-Bunq-Client-Request-Id", "Cache-Control"] {
        let headers: Vec<(String, String)> = Client::base_headers()
            .into_iter()
            .filter(|(name, _)| name != missing)
            .collect();
        let response = send(&base, "POST", "installation", &headers, b"{}");
        assert_eq!(response.status, 400, "{missing}");
        assert!(response.error_description().contains(missing));
        assert!(response.header("X-Bunq-Client-Response-Id").is_some());
    }
    let headers = Client::base_headers();
    let broken = send(
        &base,
        "POST",
        "installation",
        &headers,
        b"{\"client_public_key\":",
    );
    assert_eq!(broken.status, 400);
    assert_eq!(
        broken.error_description(),
        "The request body is not valid JSON."
    );
    let not_utf8 = send(&base, "POST", "installation", &headers, &[0xff, 0xfe, 0x00]);
    assert_eq!(not_utf8.status, 400);
    let bad_pem = json!({ "client_public_key": "-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----" });
    let bad_key = send(
        &base,
        "POST",
        "installation",
        &headers,
        bad_pem.to_string().as_bytes(),
    );
    assert_eq!(bad_key.status, 400);
    let missing_key = send(&base, "POST", "installation", &headers, b"{}");
    assert_eq!(missing_key.status, 400);
    assert!(
        missing_key
            .error_description()
            .contains("client_public_key")
    );
    assert_eq!(bunq.calls("POST", "installation"), 7);
}

#[test]
fn user_by_id_only_for_the_sessions_user() {
    let bunq = FakeBunq::start().expect("start");
    let company_key = {
        let response = send(
            &bunq.base_url(),
            "POST",
            "sandbox-user-company",
            &Client::base_headers(),
            b"",
        );
        response.item(0)["ApiKey"]["api_key"]
            .as_str()
            .expect("key")
            .to_owned()
    };
    let client = Client::connect(&bunq.base_url(), &company_key);
    let id = client.user_id;

    let own = client.get(&format!("user/{id}"));
    assert_eq!(own.status, 200);
    assert!(own.item(0)["UserCompany"]["name"].as_str().is_some());
    assert_eq!(client.get(&format!("user-company/{id}")).status, 200);
    let as_person: HttpResponse = client.get(&format!("user-person/{id}"));
    assert_eq!(as_person.status, 404);
    let other = client.get(&format!("user/{}", id + 1000));
    assert_eq!(other.status, 404);
    assert_eq!(other.error_description(), "User not found");
    assert!(other.header("X-Bunq-Client-Response-Id").is_some());
    let listed = client.get("user");
    assert_eq!(listed.item(0)["UserCompany"]["id"], Value::from(id));
}
