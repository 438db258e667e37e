//! The flows beyond the plain handshake (sandbox, OAuth, PSD2, attachments), request by
//! request against mockito: exact method, path, query, headers and body bytes, signatures
//! checked with the client's key, and every kind of error answer.
//!
//! Contexts are made by running the real three steps against mocks: the installation answer
//! carries a server key generated here, and every later answer is signed with it.

use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime};

use bunq::{
    ApiContext, Attachment, Client, Config, Environment, EnvironmentType, ErrorKind, KeyPair,
    OAuthClient, ProxySetting, Psd2Certificate, RetryPolicy, SandboxUserKind, Step, UserKind,
    create_sandbox_user,
};
use mockito::{Matcher, Mock, ServerGuard};
use serde_json::{Value, json};

const API_KEY: &str = "sandbox_0123456789abcdef";
const INSTALLATION_TOKEN: &str = "installation-token-7f3a";
const SESSION_TOKEN: &str = "session-token-91bc";
const USER_ID: u64 = 4242;
const ACCOUNT_ID: u64 = 77;

/// What the mock server received, copied out of mockito's request.
#[derive(Debug, Clone)]
struct Received {
    method: String,
    path_and_query: String,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

impl Received {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(key, _)| key.eq_ignore_ascii_case(name))
            .map(|(_, value)| value.as_str())
    }

    fn json(&self) -> Value {
        serde_json::from_slice(&self.body).expect("the request body is JSON")
    }
}

/// A mockito server playing bunq: it records every request its mocks answer and signs its
/// answers with its own key, like bunq does.
struct MockBunq {
    server: ServerGuard,
    server_key: KeyPair,
    received: Arc<Mutex<Vec<Received>>>,
    /// Mockito removes a mock when it is dropped: they live as long as the server.
    mocks: Vec<Mock>,
}

impl MockBunq {
    fn new() -> MockBunq {
        MockBunq {
            server: mockito::Server::new(),
            server_key: KeyPair::generate().unwrap(),
            received: Arc::default(),
            mocks: Vec::new(),
        }
    }

    fn environment(&self) -> Environment {
        Environment::custom(format!("{}/v1/", self.server.url()))
    }

    /// A mock of `method path` (no query) answering `status` with `body`, signed.
    fn answer(&mut self, method: &str, path: &str, status: usize, body: &str) -> &mut Self {
        let signature = self.server_key.sign(body.as_bytes()).unwrap();
        let mock = self
            .recorded(method, path)
            .with_status(status)
            .with_header("X-Bunq-Server-Signature", &signature)
            .with_header("X-Bunq-Client-Response-Id", "response-id-1")
            .with_body(body)
            .create();
        self.mocks.push(mock);
        self
    }

    /// A mock of `method path` whose answer the test completes; it echoes the request id,
    /// as bunq does on every answer.
    fn recorded(&mut self, method: &str, path: &str) -> Mock {
        let received = Arc::clone(&self.received);
        self.server
            .mock(method, path)
            .match_request(move |request| {
                received.lock().unwrap().push(Received {
                    method: request.method().to_owned(),
                    path_and_query: request.path_and_query().to_owned(),
                    headers: request
                        .headers()
                        .iter()
                        .map(|(name, value)| {
                            (
                                name.as_str().to_owned(),
                                value.to_str().unwrap_or("").to_owned(),
                            )
                        })
                        .collect(),
                    body: request.body().unwrap().clone(),
                });
                true
            })
            .with_header_from_request("X-Bunq-Client-Request-Id", |request| {
                request
                    .header("X-Bunq-Client-Request-Id")
                    .first()
                    .and_then(|value| value.to_str().ok())
                    .unwrap_or_default()
                    .to_owned()
            })
    }

    /// Every request received for `path` (query ignored), in order.
    fn received(&self, path: &str) -> Vec<Received> {
        self.received
            .lock()
            .unwrap()
            .iter()
            .filter(|request| request.path_and_query.split('?').next() == Some(path))
            .cloned()
            .collect()
    }

    fn the_one(&self, path: &str) -> Received {
        let mut received = self.received(path);
        assert_eq!(received.len(), 1, "requests to {path}: {received:?}");
        received.remove(0)
    }

    fn mock_installation(&mut self) -> &mut Self {
        let body = json!({"Response": [
            {"Id": {"id": 1}},
            {"Token": {"id": 2, "created": "2024-01-01 00:00:00.000000",
                       "updated": "2024-01-01 00:00:00.000000", "token": INSTALLATION_TOKEN}},
            {"ServerPublicKey": {"server_public_key": self.server_key.public_key_pem()}},
        ]})
        .to_string();
        self.answer("POST", "/v1/installation", 200, &body)
    }

    fn mock_device_server(&mut self) -> &mut Self {
        self.answer(
            "POST",
            "/v1/device-server",
            200,
            r#"{"Response":[{"Id":{"id":3}}]}"#,
        )
    }

    /// A session-server answer holding `user` (`{"UserPerson": {...}}` and the like).
    fn mock_session_server(&mut self, user: Value) -> &mut Self {
        let body = json!({"Response": [
            {"Id": {"id": 4}},
            {"Token": {"id": 5, "token": SESSION_TOKEN}},
            user,
        ]})
        .to_string();
        self.answer("POST", "/v1/session-server", 200, &body)
    }

    /// A context for a `UserPerson`, made by the real three steps.
    fn context(&mut self) -> ApiContext {
        self.mock_installation()
            .mock_device_server()
            .mock_session_server(
                json!({"UserPerson": {"id": USER_ID, "display_name": "Test", "session_timeout": 3600}}),
            );
        ApiContext::builder(self.environment(), API_KEY)
            .config(test_config())
            .permitted_ips(["*"])
            .create()
            .unwrap()
    }

    fn client(&mut self) -> Client {
        let context = self.context();
        Client::builder(context)
            .config(test_config())
            .build()
            .unwrap()
    }
}

/// No proxy (a CI machine's `HTTP_PROXY` must not catch 127.0.0.1), no waiting on the rate
/// limiter, 429s returned at once.
fn test_config() -> Config {
    Config::builder()
        .proxy(ProxySetting::None)
        .rate_limits(None)
        .retry(RetryPolicy::never())
        .user_agent("flows-test/1.0")
        .build()
}

/// The request was made with the session token and signed over its exact body bytes with
/// the context's client key.
fn assert_signed_with_session(request: &Received, client: &Client) {
    assert_eq!(
        request.header("X-Bunq-Client-Authentication"),
        Some(SESSION_TOKEN)
    );
    let signature = request
        .header("X-Bunq-Client-Signature")
        .expect("the request is signed");
    client
        .context()
        .client_key()
        .public_key()
        .verify(&request.body, signature)
        .expect("the signature covers the exact body bytes");
}

/// A throw-away self-signed certificate for `key`, made in-process with rcgen.
fn self_signed_certificate(key: &KeyPair) -> String {
    let rcgen_key = rcgen::KeyPair::from_pem(key.private_key_pem()).unwrap();
    let mut params = rcgen::CertificateParams::new(vec!["tpp.example".to_owned()]).unwrap();
    params
        .distinguished_name
        .push(rcgen::DnType::CommonName, "bunq-context test provider");
    params.self_signed(&rcgen_key).unwrap().pem()
}

// ---------------------------------------------------------------------------------------
// Sandbox

#[test]
fn a_sandbox_person_is_created_by_an_unauthenticated_empty_post() {
    let mut bunq = MockBunq::new();
    bunq.answer(
        "POST",
        "/v1/sandbox-user-person",
        200,
        r#"{"Response":[{"ApiKey":{"api_key":"sandbox_new_person_key"}}]}"#,
    );
    let api_key =
        create_sandbox_user(&bunq.environment(), SandboxUserKind::Person, &test_config()).unwrap();
    assert_eq!(api_key.expose(), "sandbox_new_person_key");
    assert_eq!(format!("{api_key:?}"), "<redacted>");

    let request = bunq.the_one("/v1/sandbox-user-person");
    assert_eq!(request.method, "POST");
    assert_eq!(request.path_and_query, "/v1/sandbox-user-person");
    assert!(request.body.is_empty());
    assert_eq!(request.header("X-Bunq-Client-Authentication"), None);
    assert_eq!(request.header("X-Bunq-Client-Signature"), None);
    assert_eq!(request.header("Cache-Control"), Some("no-cache"));
    assert_eq!(request.header("User-Agent"), Some("flows-test/1.0"));
    assert!(request.header("X-Bunq-Client-Request-Id").is_some());
}

#[test]
fn a_sandbox_company_uses_its_own_endpoint() {
    let mut bunq = MockBunq::new();
    bunq.answer(
        "POST",
        "/v1/sandbox-user-company",
        200,
        r#"{"Response":[{"ApiKey":{"api_key":"sandbox_new_company_key"}}]}"#,
    );
    let api_key = create_sandbox_user(
        &bunq.environment(),
        SandboxUserKind::Company,
        &test_config(),
    )
    .unwrap();
    assert_eq!(api_key.expose(), "sandbox_new_company_key");
    assert!(bunq.received("/v1/sandbox-user-person").is_empty());
}

#[test]
fn a_refused_sandbox_user_is_an_api_error_with_bunqs_description() {
    let mut bunq = MockBunq::new();
    bunq.answer(
        "POST",
        "/v1/sandbox-user-person",
        500,
        r#"{"Error":[{"error_description":"Sandbox is down.","error_description_translated":"x"}]}"#,
    );
    let error = create_sandbox_user(&bunq.environment(), SandboxUserKind::Person, &test_config())
        .unwrap_err();
    assert_eq!(error.kind(), ErrorKind::Api);
    assert_eq!(error.status(), Some(500));
    assert_eq!(error.descriptions(), ["Sandbox is down."]);
    assert_eq!(error.response_id(), Some("response-id-1"));
}

#[test]
fn a_sandbox_answer_without_an_api_key_is_a_json_error() {
    let mut bunq = MockBunq::new();
    bunq.answer(
        "POST",
        "/v1/sandbox-user-person",
        200,
        r#"{"Response":[{"Id":{"id":1}}]}"#,
    );
    let error = create_sandbox_user(&bunq.environment(), SandboxUserKind::Person, &test_config())
        .unwrap_err();
    assert_eq!(error.kind(), ErrorKind::Json);
}

#[test]
fn sugar_daddy_gets_a_signed_request_inquiry_with_the_exact_body() {
    let mut bunq = MockBunq::new();
    let client = bunq.client();
    let path = format!("/v1/user/{USER_ID}/monetary-account/{ACCOUNT_ID}/request-inquiry");
    bunq.answer("POST", &path, 200, r#"{"Response":[{"Id":{"id":555}}]}"#);

    let id = client
        .request_sandbox_money(ACCOUNT_ID, "100.00", "please, sugar daddy")
        .unwrap();
    assert_eq!(id, 555);

    let request = bunq.the_one(&path);
    assert_eq!(request.method, "POST");
    assert_eq!(
        request.json(),
        json!({
            "amount_inquired": {"value": "100.00", "currency": "EUR"},
            "counterparty_alias": {"type": "EMAIL", "value": "sugardaddy@bunq.com", "name": "Sugar Daddy"},
            "description": "please, sugar daddy",
            "allow_bunqme": true,
        })
    );
    assert_signed_with_session(&request, &client);
}

#[test]
fn unusable_amounts_never_reach_the_network() {
    let mut bunq = MockBunq::new();
    let client = bunq.client();
    let path = format!("/v1/user/{USER_ID}/monetary-account/{ACCOUNT_ID}/request-inquiry");
    bunq.answer("POST", &path, 200, r#"{"Response":[{"Id":{"id":1}}]}"#);
    for amount in [
        "500.01", "501", "0", "0.00", "-5", "abc", "1.999", "1e3", "",
    ] {
        let error = client
            .request_sandbox_money(ACCOUNT_ID, amount, "too much")
            .unwrap_err();
        assert_eq!(error.kind(), ErrorKind::InvalidInput, "{amount:?}");
    }
    assert!(bunq.received(&path).is_empty());
}

#[test]
fn a_refused_request_inquiry_is_an_api_error() {
    let mut bunq = MockBunq::new();
    let client = bunq.client();
    let path = format!("/v1/user/{USER_ID}/monetary-account/{ACCOUNT_ID}/request-inquiry");
    bunq.answer(
        "POST",
        &path,
        400,
        r#"{"Error":[{"error_description":"Amount too high."}]}"#,
    );
    let error = client
        .request_sandbox_money(ACCOUNT_ID, "500", "max")
        .unwrap_err();
    assert_eq!(error.kind(), ErrorKind::Api);
    assert_eq!(error.status(), Some(400));
    assert_eq!(error.descriptions(), ["Amount too high."]);
}

// ---------------------------------------------------------------------------------------
// OAuth

const REDIRECT_URI: &str = "https://example.com/callback?from=bunq&lang=nl-NL";
const CLIENT_SECRET: &str = "s3cr3t&grant_type=x";
const CODE: &str = "the code/+=1";

fn oauth_client(bunq: &MockBunq) -> OAuthClient {
    OAuthClient::new(
        EnvironmentType::Sandbox,
        "client id 1",
        CLIENT_SECRET,
        REDIRECT_URI,
    )
    .with_token_url(format!("{}/v1/token", bunq.server.url()))
    .with_config(test_config())
}

#[test]
fn authorization_urls_are_percent_encoded_for_each_host() {
    let expected_query = "response_type=code&client_id=client%20id%201\
        &redirect_uri=https%3A%2F%2Fexample.com%2Fcallback%3Ffrom%3Dbunq%26lang%3Dnl-NL\
        &state=st%C3%A4te%20%2B%2F~._-";
    let state = "stäte +/~._-";
    let production = OAuthClient::new(
        EnvironmentType::Production,
        "client id 1",
        "x",
        REDIRECT_URI,
    );
    assert_eq!(
        production.authorization_url(state),
        format!("https://oauth.bunq.com/auth?{expected_query}")
    );
    let sandbox = OAuthClient::new(EnvironmentType::Sandbox, "client id 1", "x", REDIRECT_URI);
    assert_eq!(
        sandbox.authorization_url(state),
        format!("https://oauth.sandbox.bunq.com/auth?{expected_query}")
    );
    let custom = sandbox.with_authorize_url("http://127.0.0.1:8080/auth");
    assert_eq!(
        custom.authorization_url(state),
        format!("http://127.0.0.1:8080/auth?{expected_query}")
    );
}

#[test]
fn a_code_is_exchanged_by_a_post_with_encoded_query_and_no_body() {
    let mut bunq = MockBunq::new();
    let mock = bunq
        .recorded("POST", "/v1/token")
        .match_query(Matcher::Any)
        .with_status(200)
        .with_body(r#"{"access_token":"oauth-access-token-1","token_type":"bearer","state":"s1"}"#)
        .create();
    bunq.mocks.push(mock);

    let token = oauth_client(&bunq).exchange_code(CODE).unwrap();
    assert_eq!(token.access_token().expose(), "oauth-access-token-1");
    assert_eq!(token.token_type(), "bearer");
    assert_eq!(token.state(), Some("s1"));
    assert!(!format!("{token:?}").contains("oauth-access-token-1"));

    let request = bunq.the_one("/v1/token");
    assert_eq!(request.method, "POST");
    assert_eq!(
        request.path_and_query,
        "/v1/token?grant_type=authorization_code&code=the%20code%2F%2B%3D1\
         &redirect_uri=https%3A%2F%2Fexample.com%2Fcallback%3Ffrom%3Dbunq%26lang%3Dnl-NL\
         &client_id=client%20id%201&client_secret=s3cr3t%26grant_type%3Dx"
    );
    assert!(request.body.is_empty());
    // The token endpoint is not part of the signed API.
    assert_eq!(request.header("X-Bunq-Client-Signature"), None);
    assert_eq!(request.header("X-Bunq-Client-Authentication"), None);
    assert_eq!(request.header("User-Agent"), Some("flows-test/1.0"));
}

/// Answers the token exchange with `status` and `body`, unsigned like the real endpoint.
fn mock_token_refusal(bunq: &mut MockBunq, status: usize, content_type: &str, body: &str) {
    let mock = bunq
        .recorded("POST", "/v1/token")
        .match_query(Matcher::Any)
        .with_status(status)
        .with_header("Content-Type", content_type)
        .with_body(body)
        .create();
    bunq.mocks.push(mock);
}

fn assert_no_oauth_secret_in(error: &bunq::Error) {
    let text = format!("{error} {error:?}");
    assert!(!text.contains("s3cr3t"), "{text}");
    assert!(
        !text.contains("the code") && !text.contains("the%20code"),
        "{text}"
    );
}

#[test]
fn an_oauth_error_answer_gives_status_code_and_description() {
    let mut bunq = MockBunq::new();
    mock_token_refusal(
        &mut bunq,
        400,
        "application/json",
        r#"{"error":"invalid_grant","error_description":"The authorization code is invalid or expired."}"#,
    );
    let error = oauth_client(&bunq).exchange_code(CODE).unwrap_err();
    assert_eq!(error.kind(), ErrorKind::Api);
    assert_eq!(error.status(), Some(400));
    assert_eq!(
        error.descriptions(),
        ["invalid_grant: The authorization code is invalid or expired."]
    );
    assert!(error.to_string().contains("HTTP Response Code: 400"));
    assert_no_oauth_secret_in(&error);
}

#[test]
fn a_bunq_style_error_at_the_token_endpoint_keeps_bunqs_description() {
    let mut bunq = MockBunq::new();
    mock_token_refusal(
        &mut bunq,
        401,
        "application/json",
        r#"{"Error":[{"error_description":"Client authentication failed."}]}"#,
    );
    let error = oauth_client(&bunq).exchange_code(CODE).unwrap_err();
    assert_eq!(error.status(), Some(401));
    assert_eq!(error.descriptions(), ["Client authentication failed."]);
    assert_no_oauth_secret_in(&error);
}

#[test]
fn a_proxy_page_at_the_token_endpoint_is_still_a_clear_error() {
    let mut bunq = MockBunq::new();
    mock_token_refusal(
        &mut bunq,
        502,
        "text/html",
        "<html><h1>502 Bad Gateway</h1></html>",
    );
    let error = oauth_client(&bunq).exchange_code(CODE).unwrap_err();
    assert_eq!(error.status(), Some(502));
    assert!(error.descriptions()[0].contains("502 Bad Gateway"));
    assert_no_oauth_secret_in(&error);
}

#[test]
fn a_token_answer_without_an_access_token_is_a_json_error() {
    let mut bunq = MockBunq::new();
    mock_token_refusal(
        &mut bunq,
        200,
        "application/json",
        r#"{"token_type":"bearer"}"#,
    );
    let error = oauth_client(&bunq).exchange_code(CODE).unwrap_err();
    assert_eq!(error.kind(), ErrorKind::Json);
}

#[test]
fn empty_oauth_parameters_never_reach_the_network() {
    let bunq = MockBunq::new();
    let error = oauth_client(&bunq).exchange_code(" ").unwrap_err();
    assert_eq!(error.kind(), ErrorKind::InvalidInput);
    let no_secret = OAuthClient::new(EnvironmentType::Sandbox, "id", "", REDIRECT_URI)
        .with_token_url(format!("{}/v1/token", bunq.server.url()));
    assert_eq!(
        no_secret.exchange_code(CODE).unwrap_err().kind(),
        ErrorKind::InvalidInput
    );
    assert!(bunq.received("/v1/token").is_empty());
}

#[test]
fn an_access_token_makes_a_context_whose_user_is_an_api_key_with_nested_timeout() {
    let mut bunq = MockBunq::new();
    bunq.mock_installation()
        .mock_device_server()
        .mock_session_server(json!({"UserApiKey": {
            "id": 8080,
            "requested_by_user": {"UserCompany": {"id": 12, "session_timeout": 7200}},
            "granted_by_user": {"UserPerson": {"id": 13}},
        }}));
    let token_mock = bunq
        .recorded("POST", "/v1/token")
        .match_query(Matcher::Any)
        .with_body(r#"{"access_token":"oauth-access-token-2","token_type":"bearer","state":"s"}"#)
        .create();
    bunq.mocks.push(token_mock);

    let token = oauth_client(&bunq).exchange_code(CODE).unwrap();
    let before = SystemTime::now();
    let context = token
        .context_builder(bunq.environment())
        .config(test_config())
        .create()
        .unwrap();
    let after = SystemTime::now();

    let user = context.user().unwrap();
    assert_eq!(user.kind(), UserKind::ApiKey);
    assert_eq!(context.user_id(), Some(8080));
    assert_eq!(context.api_key(), "oauth-access-token-2");
    let expiry = context.session_expiry().unwrap();
    assert!(expiry >= before + Duration::from_secs(7200));
    assert!(expiry <= after + Duration::from_secs(7200));
    for step in ["/v1/device-server", "/v1/session-server"] {
        assert_eq!(
            bunq.the_one(step).json()["secret"],
            "oauth-access-token-2",
            "{step}"
        );
    }
}

// ---------------------------------------------------------------------------------------
// PSD2

const PSD2_CREDENTIAL: &str = "psd2-credential-token-value-5e1";

fn psd2_certificate() -> Psd2Certificate {
    let key = KeyPair::generate().unwrap();
    let pem = self_signed_certificate(&key);
    Psd2Certificate::new(pem.clone(), pem, key).unwrap()
}

fn mock_psd2_credential(bunq: &mut MockBunq) {
    let body = json!({"Response": [{"CredentialPasswordIp": {
        "id": 9, "status": "ACTIVE", "token_value": PSD2_CREDENTIAL, "permitted_device": null,
    }}]})
    .to_string();
    bunq.answer(
        "POST",
        "/v1/payment-service-provider-credential",
        200,
        &body,
    );
}

#[test]
fn a_psd2_context_registers_the_certificate_and_uses_the_credential_as_api_key() {
    let mut bunq = MockBunq::new();
    bunq.mock_installation().mock_device_server();
    mock_psd2_credential(&mut bunq);
    bunq.mock_session_server(json!({"UserPaymentServiceProvider": {
        "id": 6060, "session_timeout": 3600,
    }}));
    let certificate = psd2_certificate();

    let context = ApiContext::psd2_builder(bunq.environment(), certificate.clone())
        .config(test_config())
        .description("test provider")
        .create()
        .unwrap();

    assert_eq!(
        context.user().unwrap().kind(),
        UserKind::PaymentServiceProvider
    );
    assert_eq!(context.user_id(), Some(6060));
    assert_eq!(context.api_key(), PSD2_CREDENTIAL);

    let installation = bunq.the_one("/v1/installation");
    let installation_key_pem = installation.json()["client_public_key"]
        .as_str()
        .unwrap()
        .to_owned();
    let credential = bunq.the_one("/v1/payment-service-provider-credential");
    assert_eq!(credential.method, "POST");
    assert_eq!(
        credential.header("X-Bunq-Client-Authentication"),
        Some(INSTALLATION_TOKEN)
    );
    context
        .client_key()
        .public_key()
        .verify(
            &credential.body,
            credential.header("X-Bunq-Client-Signature").unwrap(),
        )
        .expect("the credential request is signed with the installation key");
    let body = credential.json();
    assert_eq!(
        body["client_payment_service_provider_certificate"],
        certificate.certificate_pem()
    );
    assert_eq!(
        body["client_payment_service_provider_certificate_chain"],
        certificate.chain_pem()
    );
    let proof = format!("{installation_key_pem}{INSTALLATION_TOKEN}");
    certificate
        .private_key()
        .public_key()
        .verify(
            proof.as_bytes(),
            body["client_public_key_signature"].as_str().unwrap(),
        )
        .expect("the certificate's key signed the installation key PEM and token");
    assert_eq!(body.as_object().unwrap().len(), 3);

    for step in ["/v1/device-server", "/v1/session-server"] {
        let request = bunq.the_one(step);
        assert_eq!(request.json()["secret"], PSD2_CREDENTIAL, "{step}");
        assert_eq!(
            request.header("X-Bunq-Client-Authentication"),
            Some(INSTALLATION_TOKEN)
        );
    }
    assert_eq!(
        bunq.the_one("/v1/device-server").json()["description"],
        "test provider"
    );
}

#[test]
fn a_refused_certificate_fails_the_credential_step_and_goes_no_further() {
    let mut bunq = MockBunq::new();
    bunq.mock_installation().mock_device_server();
    bunq.answer(
        "POST",
        "/v1/payment-service-provider-credential",
        400,
        r#"{"Error":[{"error_description":"The certificate is not a valid QSEAL certificate."}]}"#,
    );
    let error = ApiContext::psd2_builder(bunq.environment(), psd2_certificate())
        .config(test_config())
        .create()
        .unwrap_err();
    assert_eq!(error.kind(), ErrorKind::Api);
    assert_eq!(error.step(), Some(Step::Psd2Credential));
    assert_eq!(error.status(), Some(400));
    assert!(
        error
            .to_string()
            .starts_with("payment-service-provider-credential failed: HTTP Response Code: 400")
    );
    assert!(bunq.received("/v1/device-server").is_empty());
}

#[test]
fn a_forged_credential_answer_is_refused() {
    let mut bunq = MockBunq::new();
    bunq.mock_installation();
    let body = json!({"Response": [{"CredentialPasswordIp": {"token_value": "forged"}}]});
    let forger = KeyPair::generate().unwrap();
    let mock = bunq
        .recorded("POST", "/v1/payment-service-provider-credential")
        .with_header(
            "X-Bunq-Server-Signature",
            &forger.sign(body.to_string().as_bytes()).unwrap(),
        )
        .with_body(body.to_string())
        .create();
    bunq.mocks.push(mock);
    let error = ApiContext::psd2_builder(bunq.environment(), psd2_certificate())
        .config(test_config())
        .create()
        .unwrap_err();
    assert_eq!(error.kind(), ErrorKind::Signature);
    assert_eq!(error.step(), Some(Step::Psd2Credential));
}

#[test]
fn a_credential_answer_without_a_token_value_is_a_json_error() {
    let mut bunq = MockBunq::new();
    bunq.mock_installation();
    bunq.answer(
        "POST",
        "/v1/payment-service-provider-credential",
        200,
        r#"{"Response":[{"CredentialPasswordIp":{"id":9,"status":"PENDING"}}]}"#,
    );
    let error = ApiContext::psd2_builder(bunq.environment(), psd2_certificate())
        .config(test_config())
        .create()
        .unwrap_err();
    assert_eq!(error.kind(), ErrorKind::Json);
    assert_eq!(error.step(), Some(Step::Psd2Credential));
}

// ---------------------------------------------------------------------------------------
// Attachments

/// Every byte value, so that any re-encoding of the body would show.
fn binary_content() -> Vec<u8> {
    (0..=255u8).chain((0..=255u8).rev()).collect()
}

#[test]
fn a_public_attachment_is_uploaded_as_signed_raw_bytes_with_its_headers() {
    let mut bunq = MockBunq::new();
    let client = bunq.client();
    bunq.answer(
        "POST",
        "/v1/attachment-public",
        200,
        r#"{"Response":[{"Uuid":{"uuid":"7c1f0e2a-1b2c-4d5e-8f90-a1b2c3d4e5f6"}}]}"#,
    );
    let attachment = Attachment::new("image/png", "a receipt", binary_content());

    let uuid = client.upload_public_attachment(&attachment).unwrap();
    assert_eq!(uuid, "7c1f0e2a-1b2c-4d5e-8f90-a1b2c3d4e5f6");

    let request = bunq.the_one("/v1/attachment-public");
    assert_eq!(request.method, "POST");
    assert_eq!(request.body, binary_content());
    assert_eq!(request.header("Content-Type"), Some("image/png"));
    assert_eq!(
        request.header("X-Bunq-Attachment-Description"),
        Some("a receipt")
    );
    assert_signed_with_session(&request, &client);
}

#[test]
fn an_account_attachment_is_uploaded_to_the_users_account() {
    let mut bunq = MockBunq::new();
    let client = bunq.client();
    let path = format!("/v1/user/{USER_ID}/monetary-account/{ACCOUNT_ID}/attachment");
    bunq.answer("POST", &path, 200, r#"{"Response":[{"Id":{"id":31}}]}"#);
    let attachment = Attachment::new("application/pdf", "invoice 2024-01", b"%PDF-1.4\n".to_vec());

    let id = client
        .upload_account_attachment(ACCOUNT_ID, &attachment)
        .unwrap();
    assert_eq!(id, 31);

    let request = bunq.the_one(&path);
    assert_eq!(request.body, b"%PDF-1.4\n");
    assert_eq!(request.header("Content-Type"), Some("application/pdf"));
    assert_eq!(
        request.header("X-Bunq-Attachment-Description"),
        Some("invoice 2024-01")
    );
    assert_signed_with_session(&request, &client);
}

#[test]
fn attachment_content_comes_back_as_the_raw_verified_bytes() {
    let mut bunq = MockBunq::new();
    let client = bunq.client();
    let uuid = "7c1f0e2a-1b2c-4d5e-8f90-a1b2c3d4e5f6";
    let public_path = format!("/v1/attachment-public/{uuid}/content");
    let account_path =
        format!("/v1/user/{USER_ID}/monetary-account/{ACCOUNT_ID}/attachment/31/content");
    for path in [&public_path, &account_path] {
        let signature = bunq.server_key.sign(&binary_content()).unwrap();
        let mock = bunq
            .recorded("GET", path)
            .with_header("Content-Type", "image/png")
            .with_header("X-Bunq-Server-Signature", &signature)
            .with_body(binary_content())
            .create();
        bunq.mocks.push(mock);
    }

    assert_eq!(
        client.download_public_attachment(uuid).unwrap(),
        binary_content()
    );
    assert_eq!(
        client.download_account_attachment(ACCOUNT_ID, 31).unwrap(),
        binary_content()
    );
    for path in [&public_path, &account_path] {
        let request = bunq.the_one(path);
        assert_eq!(request.method, "GET");
        assert_signed_with_session(&request, &client);
    }
}

#[test]
fn attachment_content_with_a_tampered_signature_is_refused() {
    let mut bunq = MockBunq::new();
    let client = bunq.client();
    let uuid = "7c1f0e2a-1b2c-4d5e-8f90-a1b2c3d4e5f6";
    let mut tampered = binary_content();
    tampered[10] ^= 0x01;
    // Signed by bunq's key, but over other bytes than those delivered.
    let signature = bunq.server_key.sign(&binary_content()).unwrap();
    let mock = bunq
        .recorded("GET", &format!("/v1/attachment-public/{uuid}/content"))
        .with_header("X-Bunq-Server-Signature", &signature)
        .with_body(tampered)
        .create();
    bunq.mocks.push(mock);

    let error = client.download_public_attachment(uuid).unwrap_err();
    assert_eq!(error.kind(), ErrorKind::Signature);
}

#[test]
fn a_refused_upload_is_an_api_error() {
    let mut bunq = MockBunq::new();
    let client = bunq.client();
    bunq.answer(
        "POST",
        "/v1/attachment-public",
        400,
        r#"{"Error":[{"error_description":"Attachment type not allowed."}]}"#,
    );
    let error = client
        .upload_public_attachment(&Attachment::new("image/x-weird", "odd", vec![1, 2]))
        .unwrap_err();
    assert_eq!(error.kind(), ErrorKind::Api);
    assert_eq!(error.descriptions(), ["Attachment type not allowed."]);
}

#[test]
fn unusable_attachments_and_uuids_never_reach_the_network() {
    let mut bunq = MockBunq::new();
    let client = bunq.client();
    let empty = client
        .upload_public_attachment(&Attachment::new("image/png", "empty", Vec::new()))
        .unwrap_err();
    assert_eq!(empty.kind(), ErrorKind::InvalidInput);
    let header_injection = client
        .upload_public_attachment(&Attachment::new("image/png", "a\r\nX-Evil: 1", vec![1]))
        .unwrap_err();
    assert_eq!(header_injection.kind(), ErrorKind::InvalidInput);
    let traversal = client.download_public_attachment("../user/1").unwrap_err();
    assert_eq!(traversal.kind(), ErrorKind::InvalidInput);
    let received = bunq.received.lock().unwrap();
    assert!(
        received
            .iter()
            .all(|request| request.path_and_query.ends_with("-server")
                || request.path_and_query.ends_with("installation")),
        "{received:?}"
    );
}
