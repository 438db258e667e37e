//! OAuth code exchange and PSD2 credentials, each ending in a session of its user kind.

mod common;

use common::{Client, HttpResponse, client_key, send, sign};
use fake_bunq::{FakeBunq, FakeBunqConfig, certificate_pem_for_key};
use rsa::PrivateKey;
use rsa::pkcs8::{EncodePublicKey, LineEnding};
use serde_json::{Value, json};

fn exchange(bunq: &FakeBunq, query: &str) -> HttpResponse {
    send(
        &bunq.base_url(),
        "POST",
        &format!("token?{query}"),
        &[],
        b"",
    )
}

const GOOD_CLIENT: &str = "client_id=fake-client-id&client_secret=fake-client-secret";

#[test]
fn an_authorization_code_becomes_an_api_key_for_a_user_api_key_session() {
    let bunq = FakeBunq::start_with(FakeBunqConfig {
        accounts_per_user: 1,
        session_timeout_secs: 600,
        ..FakeBunqConfig::default()
    })
    .expect("start");
    assert!(bunq.oauth_token_url().ends_with("/v1/token"));
    let redirect = "redirect_uri=https%3A%2F%2Fexample.com%2Fcallback%3Fx%3D1";
    let query = format!("grant_type=authorization_code&code=fake-code-1&{redirect}&{GOOD_CLIENT}");

    let granted = exchange(&bunq, &query);
    assert_eq!(
        granted.status,
        200,
        "{}",
        String::from_utf8_lossy(&granted.body)
    );
    let body = granted.json();
    assert_eq!(body["token_type"], "bearer");
    assert_eq!(body["state"], Value::Null);
    let access_token = body["access_token"].as_str().expect("token").to_owned();
    assert_eq!(access_token.len(), 64);

    let reused = exchange(&bunq, &query);
    assert_eq!(reused.status, 400);
    assert_eq!(reused.json()["error"], "invalid_grant");

    let client = Client::connect(&bunq.base_url(), &access_token);
    let user = client.get("user").item(0);
    let api_key_user = &user["UserApiKey"];
    assert_eq!(api_key_user["id"], client.user_id);
    assert!(api_key_user.get("session_timeout").is_none());
    assert_eq!(
        api_key_user["requested_by_user"]["UserPerson"]["session_timeout"],
        600
    );
    assert!(
        api_key_user["granted_by_user"]["UserPerson"]["id"]
            .as_u64()
            .is_some()
    );
    // One bank account (accounts_per_user), besides the joint and savings account all get.
    let kinds: Vec<String> = client
        .accounts()
        .into_iter()
        .map(|(kind, _)| kind)
        .collect();
    assert_eq!(
        kinds,
        [
            "MonetaryAccountBank",
            "MonetaryAccountJoint",
            "MonetaryAccountSavings"
        ]
    );
}

#[test]
fn token_exchange_errors_are_oauth_shaped() {
    let bunq = FakeBunq::start().expect("start");
    let cases = [
        (
            format!("grant_type=client_credentials&code=fake-code-2&redirect_uri=x&{GOOD_CLIENT}"),
            "unsupported_grant_type",
        ),
        (
            "grant_type=authorization_code&code=fake-code-2&redirect_uri=x&client_id=fake-client-id&client_secret=wrong".to_owned(),
            "invalid_client",
        ),
        (
            format!("grant_type=authorization_code&code=made-up&redirect_uri=x&{GOOD_CLIENT}"),
            "invalid_grant",
        ),
        (
            format!("grant_type=authorization_code&redirect_uri=x&{GOOD_CLIENT}"),
            "invalid_grant",
        ),
    ];
    for (query, error) in cases {
        let response = exchange(&bunq, &query);
        assert_eq!(response.status, 400, "{query}");
        assert_eq!(response.json()["error"], error, "{query}");
        assert!(response.json()["error_description"].as_str().is_some());
    }
    // The refused attempts did not use up the code.
    let good =
        format!("grant_type=authorization_code&code=fake-code-2&redirect_uri=x&{GOOD_CLIENT}");
    assert_eq!(exchange(&bunq, &good).status, 200);
    assert_eq!(bunq.calls("POST", "token"), 5);
}

fn psd2_key() -> PrivateKey {
    PrivateKey::new(&mut getrandom::SysRng, 2048).expect("certificate key")
}

fn credential_body(certificate: &str, signature: &str) -> String {
    json!({
        "client_payment_service_provider_certificate": certificate,
        "client_payment_service_provider_certificate_chain": certificate,
        "client_public_key_signature": signature,
    })
    .to_string()
}

#[test]
fn psd2_credentials_open_provider_sessions() {
    let bunq = FakeBunq::start_with(FakeBunqConfig {
        accounts_per_user: 1,
        ..FakeBunqConfig::default()
    })
    .expect("start");
    let certificate_key = psd2_key();
    let certificate_public = certificate_key
        .to_public_key()
        .to_public_key_pem(LineEnding::LF)
        .expect("pem");
    let certificate = certificate_pem_for_key(&certificate_public).expect("certificate");
    let mut client = Client::new(&bunq.base_url());
    client.install();
    let token = client.installation_token.clone().expect("token");
    let signed = format!("{}{token}", client.public_pem);
    let good_signature = sign(&certificate_key, signed.as_bytes());

    let wrong_signer = sign(client_key(), signed.as_bytes());
    let path = "payment-service-provider-credential";
    let refused = client.call(
        "POST",
        path,
        credential_body(&certificate, &wrong_signer).as_bytes(),
        Some(&token),
        true,
    );
    assert_eq!(refused.status, 400);
    assert_eq!(
        refused.error_description(),
        "The client public key signature is invalid."
    );
    let not_a_certificate = client.call(
        "POST",
        path,
        credential_body("nope", &good_signature).as_bytes(),
        Some(&token),
        true,
    );
    assert_eq!(not_a_certificate.status, 400);
    let missing = client.call(
        "POST",
        path,
        br#"{"client_public_key_signature":"x"}"#,
        Some(&token),
        true,
    );
    assert_eq!(missing.status, 400);
    let body = credential_body(&certificate, &good_signature);
    let unsigned = client.call("POST", path, body.as_bytes(), Some(&token), false);
    assert_eq!(unsigned.status, 466);

    let accepted = client.call("POST", path, body.as_bytes(), Some(&token), true);
    assert_eq!(
        accepted.status,
        200,
        "{}",
        String::from_utf8_lossy(&accepted.body)
    );
    client.assert_signed(&accepted);
    let credential = &accepted.item(0)["CredentialPasswordIp"];
    assert_eq!(credential["status"], "ACTIVE");
    let api_key = credential["token_value"]
        .as_str()
        .expect("token value")
        .to_owned();

    assert_eq!(client.register_device(&api_key, json!(["*"])).status, 200);
    let session = client.open_session(&api_key);
    assert_eq!(session.status, 200);
    let provider = &session.item(2)["UserPaymentServiceProvider"];
    assert_eq!(provider["session_timeout"], 3600);
    assert_eq!(provider["status"], "ACTIVE");
    assert!(
        provider["certificate_distinguished_name"]
            .as_str()
            .is_some()
    );
    assert!(client.get("user").item(0)["UserPaymentServiceProvider"].is_object());
}
