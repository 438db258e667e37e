//! Each exchange with bunq, byte for byte, against mockito: the three steps of context
//! creation, a call, error answers (JSON and not), tampered and missing server signatures,
//! a wrong echoed request id, 401 → renew → retry and 429 → backoff → retry.

mod common;

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use bunq::{ApiContext, Client, Config, Environment, ErrorKind, Request, RetryPolicy, Step};
use common::{client_key, offline_context, server_key, test_config};
use mockito::{Matcher, Mock, Server, ServerGuard};
use serde_json::json;

const UUID: &str = "^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$";

fn base_url(server: &ServerGuard) -> String {
    format!("{}/v1/", server.url())
}

/// The request id as sent, for answers that echo it.
fn echo_request_id(request: &mockito::Request) -> String {
    request
        .header("x-bunq-client-request-id")
        .first()
        .and_then(|value| value.to_str().ok())
        .unwrap_or_default()
        .to_owned()
}

/// A 2xx answer as bunq gives it: signed by the server key, request id echoed.
fn answer(mock: Mock, status: usize, body: &str) -> Mock {
    mock.with_status(status)
        .with_header("content-type", "application/json")
        .with_header("x-bunq-client-response-id", "resp-ok")
        .with_header(
            "x-bunq-server-signature",
            &server_key().sign(body.as_bytes()).unwrap(),
        )
        .with_header_from_request("x-bunq-client-request-id", echo_request_id)
        .with_body(body)
}

/// The headers every request carries, with the values `Config::default()` sends.
fn standard_headers(mock: Mock) -> Mock {
    mock.match_header("cache-control", "no-cache")
        .match_header("user-agent", bunq::DEFAULT_USER_AGENT)
        .match_header("x-bunq-language", "en_US")
        .match_header("x-bunq-region", "nl_NL")
        .match_header("x-bunq-geolocation", "0 0 0 0 000")
        .match_header("x-bunq-client-request-id", Matcher::Regex(UUID.into()))
}

fn installation_answer() -> String {
    json!({"Response": [
        {"Id": {"id": 11}},
        {"Token": {"id": 12, "created": "2026-01-01 00:00:00.000000", "updated": "2026-01-01 00:00:00.000000", "token": "installation-token"}},
        {"ServerPublicKey": {"server_public_key": server_key().public_key_pem()}},
    ]})
    .to_string()
}

fn session_answer(token: &str) -> String {
    json!({"Response": [
        {"Id": {"id": 21}},
        {"Token": {"id": 22, "token": token}},
        {"UserPerson": {"id": 7, "display_name": "Mock User", "session_timeout": 3600, "new_field": {"kept": true}}},
    ]})
    .to_string()
}

/// Mocks for the three steps, each matching exact headers, body and signature.
fn mock_handshake(server: &mut ServerGuard) -> Vec<Mock> {
    let installation_body = json!({"client_public_key": client_key().public_key_pem()}).to_string();
    let device_body = r#"{"description":"mockito test","permitted_ips":["*","2001:db8::1"],"secret":"sandbox_key"}"#;
    let session_body = r#"{"secret":"sandbox_key"}"#;
    let installation = standard_headers(server.mock("POST", "/v1/installation"))
        .match_header("x-bunq-client-authentication", Matcher::Missing)
        .match_header("x-bunq-client-signature", Matcher::Missing)
        .match_body(Matcher::Exact(installation_body));
    let device = standard_headers(server.mock("POST", "/v1/device-server"))
        .match_header("x-bunq-client-authentication", "installation-token")
        .match_header(
            "x-bunq-client-signature",
            client_key().sign(device_body.as_bytes()).unwrap().as_str(),
        )
        .match_body(Matcher::Exact(device_body.into()));
    let session = standard_headers(server.mock("POST", "/v1/session-server"))
        .match_header("x-bunq-client-authentication", "installation-token")
        .match_header(
            "x-bunq-client-signature",
            client_key().sign(session_body.as_bytes()).unwrap().as_str(),
        )
        .match_body(Matcher::Exact(session_body.into()));
    vec![
        answer(installation, 200, &installation_answer())
            .expect(1)
            .create(),
        answer(device, 200, r#"{"Response":[{"Id":{"id":31}}]}"#)
            .expect(1)
            .create(),
        answer(session, 200, &session_answer("session-token"))
            .expect(1)
            .create(),
    ]
}

fn create_context(server: &ServerGuard) -> bunq::Result<ApiContext> {
    ApiContext::builder(Environment::custom(base_url(server)), "sandbox_key")
        .description("mockito test")
        .permitted_ips(["*", "2001:db8::1"])
        .key_pair(client_key().clone())
        .config(Config::builder().proxy(bunq::ProxySetting::None).build())
        .create()
}

#[test]
fn creating_a_context_sends_the_three_exact_requests() {
    let mut server = Server::new();
    let mocks = mock_handshake(&mut server);
    let context = create_context(&server).unwrap();
    for mock in &mocks {
        mock.assert();
    }
    assert_eq!(context.installation_token(), "installation-token");
    assert_eq!(context.session_token(), Some("session-token"));
    assert_eq!(context.user_id(), Some(7));
    let user = context.user().unwrap();
    assert_eq!(user.kind(), bunq::UserKind::Person);
    assert_eq!(user.object()["new_field"]["kept"], true);
    assert_eq!(
        context.server_public_key().pem(),
        server_key().public_key_pem()
    );
}

#[test]
fn a_call_carries_the_session_token_and_the_signature_of_its_exact_body() {
    let mut server = Server::new();
    let body = b"{\"amount\": {\"value\": \"0.01\", \"currency\": \"EUR\"}}\n";
    let mock = standard_headers(server.mock("POST", "/v1/user/7/monetary-account/3/payment"))
        .match_query(Matcher::UrlEncoded("note".into(), "a b&c".into()))
        .match_header("x-bunq-client-authentication", "session-token")
        .match_header(
            "x-bunq-client-signature",
            client_key().sign(body).unwrap().as_str(),
        )
        .match_header("x-custom", "yes")
        .match_body(Matcher::Exact(String::from_utf8(body.to_vec()).unwrap()));
    let mock = answer(mock, 200, r#"{"Response":[{"Id":{"id":99}}]}"#)
        .expect(1)
        .create();
    let client = Client::builder(offline_context(&base_url(&server), "session-token"))
        .config(test_config())
        .build()
        .unwrap();
    let request = Request::post("user/7/monetary-account/3/payment")
        .query("note", "a b&c")
        .header("X-Custom", "yes")
        .body(body.to_vec());
    let response = client.send(&request).unwrap();
    mock.assert();
    assert_eq!(response.id().unwrap(), 99);
    assert_eq!(response.response_id(), Some("resp-ok"));
}

#[test]
fn a_get_signs_the_empty_body_like_the_official_sdks() {
    let mut server = Server::new();
    let mock = standard_headers(server.mock("GET", "/v1/user")).match_header(
        "x-bunq-client-signature",
        client_key().sign(b"").unwrap().as_str(),
    );
    let mock = answer(mock, 200, r#"{"Response":[]}"#).expect(1).create();
    let client = Client::builder(offline_context(&base_url(&server), "session-token"))
        .config(test_config())
        .build()
        .unwrap();
    client.get("user").unwrap();
    mock.assert();
}

#[test]
fn a_bunq_error_names_the_step_status_descriptions_and_response_id() {
    let mut server = Server::new();
    let _installation = answer(
        server.mock("POST", "/v1/installation"),
        200,
        &installation_answer(),
    )
    .create();
    let _device = server
        .mock("POST", "/v1/device-server")
        .with_status(400)
        .with_header("x-bunq-client-response-id", "resp-400")
        .with_body(r#"{"Error":[{"error_description":"User credentials are incorrect. Incorrect API key or IP address.","error_description_translated":"..."}]}"#)
        .create();
    let error = create_context(&server).unwrap_err();
    assert_eq!(error.kind(), ErrorKind::Api);
    assert_eq!(error.step(), Some(Step::DeviceServer));
    assert_eq!(error.status(), Some(400));
    assert_eq!(error.response_id(), Some("resp-400"));
    assert_eq!(
        error.descriptions(),
        ["User credentials are incorrect. Incorrect API key or IP address."]
    );
    let message = error.to_string();
    assert!(
        message.starts_with("device-server failed: HTTP Response Code: 400"),
        "{message}"
    );
    assert!(message.contains("resp-400"), "{message}");
    assert!(
        !message.contains("sandbox_key"),
        "the API key leaked: {message}"
    );
}

#[test]
fn a_non_json_error_body_still_gives_a_clear_error() {
    let mut server = Server::new();
    let _installation = server
        .mock("POST", "/v1/installation")
        .with_status(502)
        .with_header("content-type", "text/html")
        .with_body("<html><body><h1>502 Bad Gateway</h1>\n<p>nginx</p></body></html>")
        .create();
    let error = create_context(&server).unwrap_err();
    assert_eq!(error.kind(), ErrorKind::Api);
    assert_eq!(error.step(), Some(Step::Installation));
    assert_eq!(error.status(), Some(502));
    assert!(error.descriptions()[0].contains("not bunq's error JSON (text/html)"));
    assert!(error.descriptions()[0].contains("502 Bad Gateway"));
}

fn client_for(server: &ServerGuard) -> Client {
    Client::builder(offline_context(&base_url(server), "session-token"))
        .config(test_config())
        .build()
        .unwrap()
}

#[test]
fn a_tampered_server_signature_is_refused() {
    let mut server = Server::new();
    let body = r#"{"Response":[{"UserPerson":{"id":7}}]}"#;
    let signature_of_other_bytes = server_key().sign(b"{\"Response\":[]}").unwrap();
    let _mock = server
        .mock("GET", "/v1/user")
        .with_status(200)
        .with_header("x-bunq-server-signature", &signature_of_other_bytes)
        .with_header_from_request("x-bunq-client-request-id", echo_request_id)
        .with_body(body)
        .create();
    let error = client_for(&server).get("user").unwrap_err();
    assert_eq!(error.kind(), ErrorKind::Signature);
    assert!(error.to_string().contains("does not match"), "{error}");
}

#[test]
fn a_missing_server_signature_is_refused() {
    let mut server = Server::new();
    let _mock = server
        .mock("GET", "/v1/user")
        .with_status(200)
        .with_header_from_request("x-bunq-client-request-id", echo_request_id)
        .with_body(r#"{"Response":[]}"#)
        .create();
    let error = client_for(&server).get("user").unwrap_err();
    assert_eq!(error.kind(), ErrorKind::Signature);
    assert!(
        error.to_string().contains("no X-Bunq-Server-Signature"),
        "{error}"
    );
}

#[test]
fn a_wrong_echoed_request_id_is_refused() {
    let mut server = Server::new();
    let body = r#"{"Response":[]}"#;
    let _mock = server
        .mock("GET", "/v1/user")
        .with_status(200)
        .with_header(
            "x-bunq-server-signature",
            &server_key().sign(body.as_bytes()).unwrap(),
        )
        .with_header(
            "x-bunq-client-request-id",
            "00000000-0000-4000-8000-000000000000",
        )
        .with_body(body)
        .create();
    let error = client_for(&server).get("user").unwrap_err();
    assert_eq!(error.kind(), ErrorKind::Signature);
    assert!(error.to_string().contains("echoes request id"), "{error}");
}

#[test]
fn a_401_renews_the_session_once_and_resends() {
    let mut server = Server::new();
    let dead = server
        .mock("GET", "/v1/user")
        .match_header("x-bunq-client-authentication", "old-token")
        .with_status(401)
        .with_header("x-bunq-client-response-id", "resp-401")
        .with_body(r#"{"Error":[{"error_description":"Insufficient authorisation."}]}"#)
        .expect(1)
        .create();
    let session_body = r#"{"secret":"sandbox_test_api_key"}"#;
    let renewal = server
        .mock("POST", "/v1/session-server")
        .match_header("x-bunq-client-authentication", "installation-token")
        .match_header(
            "x-bunq-client-signature",
            client_key().sign(session_body.as_bytes()).unwrap().as_str(),
        )
        .match_body(Matcher::Exact(session_body.into()));
    let renewal = answer(renewal, 200, &session_answer("new-token"))
        .expect(1)
        .create();
    let alive = server
        .mock("GET", "/v1/user")
        .match_header("x-bunq-client-authentication", "new-token");
    let alive = answer(alive, 200, r#"{"Response":[{"UserPerson":{"id":7}}]}"#)
        .expect(1)
        .create();

    let renewed_tokens = Arc::new(std::sync::Mutex::new(Vec::new()));
    let seen = Arc::clone(&renewed_tokens);
    let client = Client::builder(offline_context(&base_url(&server), "old-token"))
        .config(test_config())
        .on_session_change(move |context| {
            seen.lock()
                .unwrap()
                .push(context.session_token().unwrap().to_owned());
        })
        .build()
        .unwrap();
    let response = client.get("user").unwrap();
    assert_eq!(response.first("UserPerson").unwrap().unwrap()["id"], 7);
    dead.assert();
    renewal.assert();
    alive.assert();
    assert_eq!(*renewed_tokens.lock().unwrap(), ["new-token"]);
    assert_eq!(client.context().session_token(), Some("new-token"));
}

#[test]
fn a_403_insufficient_authentication_also_renews() {
    let mut server = Server::new();
    let _dead = server
        .mock("GET", "/v1/user")
        .match_header("x-bunq-client-authentication", "old-token")
        .with_status(403)
        .with_body(r#"{"Error":[{"error_description":"Insufficient authentication."}]}"#)
        .create();
    let renewal = answer(
        server.mock("POST", "/v1/session-server"),
        200,
        &session_answer("new-token"),
    )
    .expect(1)
    .create();
    let _alive = answer(
        server
            .mock("GET", "/v1/user")
            .match_header("x-bunq-client-authentication", "new-token"),
        200,
        r#"{"Response":[]}"#,
    )
    .create();
    let client = Client::builder(offline_context(&base_url(&server), "old-token"))
        .config(test_config())
        .build()
        .unwrap();
    client.get("user").unwrap();
    renewal.assert();
}

#[test]
fn a_second_401_after_renewal_is_returned_not_looped() {
    let mut server = Server::new();
    let dead = server
        .mock("GET", "/v1/user")
        .with_status(401)
        .with_body(r#"{"Error":[{"error_description":"Insufficient authorisation."}]}"#)
        .expect(2)
        .create();
    let renewal = answer(
        server.mock("POST", "/v1/session-server"),
        200,
        &session_answer("new-token"),
    )
    .expect(1)
    .create();
    let error = client_for(&server).get("user").unwrap_err();
    assert_eq!(error.status(), Some(401));
    dead.assert();
    renewal.assert();
}

/// Answers 429 to the first `refusals` calls, then a signed 200.
fn rate_limited_mock(server: &mut ServerGuard, refusals: usize) -> (Mock, Arc<AtomicUsize>) {
    let calls = Arc::new(AtomicUsize::new(0));
    let counter = Arc::clone(&calls);
    let refused = move || counter.load(Ordering::SeqCst) <= refusals;
    let ok_body = r#"{"Response":[{"Id":{"id":5}}]}"#;
    let too_many = r#"{"Error":[{"error_description":"Too many requests. You can do a maximum of 5 POST calls per 3 second to this endpoint."}]}"#;
    let signature = server_key().sign(ok_body.as_bytes()).unwrap();
    let counter = Arc::clone(&calls);
    let refused_for_body = refused.clone();
    let mock = server
        .mock("POST", "/v1/user/7/monetary-account/3/payment")
        .with_status_code_from_request(move |_| {
            counter.fetch_add(1, Ordering::SeqCst);
            if refused() { 429 } else { 200 }
        })
        .with_header("x-bunq-server-signature", &signature)
        .with_header_from_request("x-bunq-client-request-id", echo_request_id)
        .with_body_from_request(move |_| {
            if refused_for_body() {
                too_many.into()
            } else {
                ok_body.into()
            }
        })
        .create();
    (mock, calls)
}

#[test]
fn a_429_is_retried_after_a_backoff() {
    let mut server = Server::new();
    let (_mock, calls) = rate_limited_mock(&mut server, 2);
    let response = client_for(&server)
        .post("user/7/monetary-account/3/payment", &json!({"amount": "1"}))
        .unwrap();
    assert_eq!(response.id().unwrap(), 5);
    assert_eq!(calls.load(Ordering::SeqCst), 3);
}

#[test]
fn a_429_that_outlasts_the_retry_budget_is_a_rate_limit_error_with_bunqs_message() {
    let mut server = Server::new();
    let (_mock, calls) = rate_limited_mock(&mut server, usize::MAX);
    let config = Config::builder()
        .proxy(bunq::ProxySetting::None)
        .rate_limits(None)
        .retry(RetryPolicy {
            max_attempts: 3,
            initial_backoff: std::time::Duration::from_millis(5),
            ..RetryPolicy::default()
        })
        .build();
    let client = Client::builder(offline_context(&base_url(&server), "session-token"))
        .config(config)
        .build()
        .unwrap();
    let error = client
        .post("user/7/monetary-account/3/payment", &json!({"amount": "1"}))
        .unwrap_err();
    assert_eq!(error.kind(), ErrorKind::RateLimited);
    assert_eq!(error.status(), Some(429));
    assert!(error.descriptions()[0].starts_with("Too many requests."));
    assert_eq!(calls.load(Ordering::SeqCst), 3);
}

#[test]
fn closing_the_session_deletes_session_0_and_forgets_the_token() {
    let mut server = Server::new();
    let delete = standard_headers(server.mock("DELETE", "/v1/session/0"))
        .match_header("x-bunq-client-authentication", "session-token");
    let delete = answer(delete, 200, r#"{"Response":[]}"#).expect(1).create();
    let client = client_for(&server);
    client.close_session().unwrap();
    delete.assert();
    assert_eq!(client.context().session_token(), None);
    assert!(!client.is_session_active());
}

#[test]
fn a_malformed_installation_answer_is_a_json_error_naming_the_step() {
    let mut server = Server::new();
    let _installation = answer(
        server.mock("POST", "/v1/installation"),
        200,
        r#"{"Response":[{"Id":{"id":1}}]}"#,
    )
    .create();
    let error = create_context(&server).unwrap_err();
    assert_eq!(error.kind(), ErrorKind::Json);
    assert_eq!(error.step(), Some(Step::Installation));
    assert!(error.to_string().contains("lacks a Token"), "{error}");
    let mut server = Server::new();
    let _installation = answer(server.mock("POST", "/v1/installation"), 200, "{}").create();
    let error = create_context(&server).unwrap_err();
    assert_eq!(error.step(), Some(Step::Installation), "{error}");
}
