//! The flows end to end against the fake bunq server (`tests/fake_bunq`): sandbox users and
//! money, OAuth, PSD2 and attachments, each through the public API only.

use bunq::{
    ApiContext, Attachment, Client, Config, Environment, EnvironmentType, ErrorKind, KeyPair,
    OAuthClient, ProxySetting, Psd2Certificate, SandboxUserKind, Step, UserKind,
    create_sandbox_user,
};
use fake_bunq::FakeBunq;

/// No proxy (a CI machine's `HTTP_PROXY` must not catch 127.0.0.1) and no client-side rate
/// limiting (the fake does not limit by default either).
fn test_config() -> Config {
    Config::builder()
        .proxy(ProxySetting::None)
        .rate_limits(None)
        .build()
}

fn environment(fake: &FakeBunq) -> Environment {
    Environment::custom(fake.base_url())
}

fn client_for(context: ApiContext) -> Client {
    Client::builder(context)
        .config(test_config())
        .build()
        .unwrap()
}

/// A client for a fresh sandbox user of `kind`, made through `sandbox-user-*`.
fn sandbox_client(fake: &FakeBunq, kind: SandboxUserKind) -> Client {
    let api_key = create_sandbox_user(&environment(fake), kind, &test_config()).unwrap();
    let context = ApiContext::builder(environment(fake), api_key.expose())
        .config(test_config())
        .permitted_ips(["*"])
        .create()
        .unwrap();
    client_for(context)
}

/// The id of the user's first bank account.
fn first_account_id(client: &Client) -> u64 {
    let user_id = client.user_id().unwrap();
    let accounts = client
        .get(&format!("user/{user_id}/monetary-account-bank"))
        .unwrap()
        .all("MonetaryAccountBank")
        .unwrap();
    accounts[0]["id"].as_u64().expect("an account has an id")
}

/// "123.45" as 12345.
fn cents(amount: &str) -> u64 {
    let (units, decimals) = amount.split_once('.').unwrap_or((amount, "0"));
    units.parse::<u64>().unwrap() * 100 + format!("{decimals:0<2}").parse::<u64>().unwrap()
}

// ---------------------------------------------------------------------------------------
// Sandbox

#[test]
fn a_sandbox_person_gets_a_working_key_and_sugar_daddy_money() {
    let fake = FakeBunq::start().unwrap();
    let api_key =
        create_sandbox_user(&environment(&fake), SandboxUserKind::Person, &test_config()).unwrap();
    assert!(api_key.expose().starts_with("sandbox_"));
    let context = ApiContext::builder(environment(&fake), api_key.expose())
        .config(test_config())
        .create()
        .unwrap();
    assert_eq!(context.user().unwrap().kind(), UserKind::Person);
    let client = client_for(context);
    let user_id = client.user_id().unwrap();
    let account_id = first_account_id(&client);
    let before = fake.balance(user_id, account_id).unwrap();

    let inquiry_id = client
        .request_sandbox_money(account_id, "100.00", "sandbox money")
        .unwrap();

    assert!(inquiry_id > 0);
    let after = fake.balance(user_id, account_id).unwrap();
    assert_eq!(cents(&after), cents(&before) + 10_000);
    let endpoint = format!("user/{user_id}/monetary-account/{account_id}/request-inquiry");
    assert_eq!(fake.calls("POST", &endpoint), 1);
    assert_eq!(fake.calls("POST", "sandbox-user-person"), 1);
}

#[test]
fn a_sandbox_company_is_a_company_user() {
    let fake = FakeBunq::start().unwrap();
    let client = sandbox_client(&fake, SandboxUserKind::Company);
    assert_eq!(client.context().user().unwrap().kind(), UserKind::Company);
    assert_eq!(fake.calls("POST", "sandbox-user-company"), 1);
}

#[test]
fn too_much_sandbox_money_is_refused_before_the_network() {
    let fake = FakeBunq::start().unwrap();
    let client = sandbox_client(&fake, SandboxUserKind::Person);
    let user_id = client.user_id().unwrap();
    let account_id = first_account_id(&client);
    let error = client
        .request_sandbox_money(account_id, "500.01", "too much")
        .unwrap_err();
    assert_eq!(error.kind(), ErrorKind::InvalidInput);
    let endpoint = format!("user/{user_id}/monetary-account/{account_id}/request-inquiry");
    assert_eq!(fake.calls("POST", &endpoint), 0);
}

// ---------------------------------------------------------------------------------------
// OAuth

fn fake_oauth_client(fake: &FakeBunq, client_secret: &str) -> OAuthClient {
    OAuthClient::new(
        EnvironmentType::Sandbox,
        "fake-client-id",
        client_secret,
        "https://example.com/callback",
    )
    .with_token_url(fake.oauth_token_url())
    .with_config(test_config())
}

#[test]
fn an_oauth_code_becomes_a_context_acting_through_a_user_api_key() {
    let fake = FakeBunq::start().unwrap();
    let token = fake_oauth_client(&fake, "fake-client-secret")
        .exchange_code("fake-code-granted-1")
        .unwrap();
    assert!(!token.access_token().is_empty());

    let context = token
        .context_builder(environment(&fake))
        .config(test_config())
        .create()
        .unwrap();

    let user = context.user().unwrap();
    assert_eq!(user.kind(), UserKind::ApiKey);
    assert!(user.session_timeout().is_some_and(|timeout| timeout > 0));
    assert_eq!(context.api_key(), token.access_token().expose());
    // The session works for calls, and a new one opens with the token as API key.
    let client = client_for(context);
    first_account_id(&client);
    client.reset_session().unwrap();
    first_account_id(&client);
    assert_eq!(fake.calls("POST", "session-server"), 2);
}

#[test]
fn an_oauth_code_is_good_only_once() {
    let fake = FakeBunq::start().unwrap();
    let oauth = fake_oauth_client(&fake, "fake-client-secret");
    oauth.exchange_code("fake-code-once").unwrap();
    let error = oauth.exchange_code("fake-code-once").unwrap_err();
    assert_eq!(error.kind(), ErrorKind::Api);
    assert_eq!(error.status(), Some(400));
    assert!(!error.descriptions().is_empty());
}

#[test]
fn a_wrong_client_secret_is_refused_without_showing_it() {
    let fake = FakeBunq::start().unwrap();
    let error = fake_oauth_client(&fake, "not-the-secret")
        .exchange_code("fake-code-2")
        .unwrap_err();
    assert_eq!(error.kind(), ErrorKind::Api);
    assert!(
        error
            .status()
            .is_some_and(|status| (400..500).contains(&status))
    );
    let text = format!("{error} {error:?}");
    assert!(!text.contains("not-the-secret"), "{text}");
}

// ---------------------------------------------------------------------------------------
// PSD2

/// A throw-away self-signed certificate for `key`, made in-process with rcgen.
fn self_signed_certificate(key: &KeyPair) -> String {
    let rcgen_key = rcgen::KeyPair::from_pem(key.private_key_pem()).unwrap();
    let mut params = rcgen::CertificateParams::new(vec!["tpp.example".to_owned()]).unwrap();
    params
        .distinguished_name
        .push(rcgen::DnType::CommonName, "bunq-context test provider");
    params.self_signed(&rcgen_key).unwrap().pem()
}

#[test]
fn a_psd2_provider_gets_a_credential_and_a_provider_session() {
    let fake = FakeBunq::start().unwrap();
    let key = KeyPair::generate().unwrap();
    let pem = self_signed_certificate(&key);
    let certificate = Psd2Certificate::new(pem.clone(), pem, key).unwrap();

    let context = ApiContext::psd2_builder(environment(&fake), certificate)
        .config(test_config())
        .create()
        .unwrap();

    assert_eq!(
        context.user().unwrap().kind(),
        UserKind::PaymentServiceProvider
    );
    assert!(!context.api_key().is_empty());
    assert_eq!(fake.calls("POST", "payment-service-provider-credential"), 1);
    // The credential is the API key of every later session, also after a restore.
    let restored = ApiContext::from_json(&context.to_json()).unwrap();
    let client = client_for(restored);
    client.reset_session().unwrap();
    assert_eq!(
        client.context().user().unwrap().kind(),
        UserKind::PaymentServiceProvider
    );
}

#[test]
fn a_certificate_with_someone_elses_key_is_refused() {
    let fake = FakeBunq::start().unwrap();
    let certificate_key = KeyPair::generate().unwrap();
    let pem = self_signed_certificate(&certificate_key);
    let wrong_key = KeyPair::generate().unwrap();
    let certificate = Psd2Certificate::new(pem.clone(), pem, wrong_key).unwrap();

    let error = ApiContext::psd2_builder(environment(&fake), certificate)
        .config(test_config())
        .create()
        .unwrap_err();

    assert_eq!(error.kind(), ErrorKind::Api);
    assert_eq!(error.step(), Some(Step::Psd2Credential));
    assert_eq!(fake.calls("POST", "device-server"), 0);
}

// ---------------------------------------------------------------------------------------
// Attachments

/// Every byte value, so that any re-encoding on the way would show.
fn binary_content() -> Vec<u8> {
    (0..=255u8).cycle().take(3000).collect()
}

#[test]
fn a_public_attachment_comes_back_byte_for_byte() {
    let fake = FakeBunq::start().unwrap();
    let client = sandbox_client(&fake, SandboxUserKind::Person);
    let attachment = Attachment::new("image/png", "avatar", binary_content());

    let uuid = client.upload_public_attachment(&attachment).unwrap();

    assert_eq!(
        client.download_public_attachment(&uuid).unwrap(),
        binary_content()
    );
}

#[test]
fn an_account_attachment_comes_back_byte_for_byte() {
    let fake = FakeBunq::start().unwrap();
    let client = sandbox_client(&fake, SandboxUserKind::Person);
    let account_id = first_account_id(&client);
    let attachment = Attachment::new("application/pdf", "invoice", binary_content());

    let id = client
        .upload_account_attachment(account_id, &attachment)
        .unwrap();

    assert_eq!(
        client.download_account_attachment(account_id, id).unwrap(),
        binary_content()
    );
}

#[test]
fn attachment_content_with_a_bad_or_missing_signature_is_refused() {
    let fake = FakeBunq::start().unwrap();
    let client = sandbox_client(&fake, SandboxUserKind::Person);
    let uuid = client
        .upload_public_attachment(&Attachment::new("image/png", "avatar", binary_content()))
        .unwrap();

    fake.tamper_next_signature();
    let tampered = client.download_public_attachment(&uuid).unwrap_err();
    assert_eq!(tampered.kind(), ErrorKind::Signature);

    fake.omit_next_signature();
    let unsigned = client.download_public_attachment(&uuid).unwrap_err();
    assert_eq!(unsigned.kind(), ErrorKind::Signature);

    // The next, honest answer is accepted again.
    assert_eq!(
        client.download_public_attachment(&uuid).unwrap(),
        binary_content()
    );
}
