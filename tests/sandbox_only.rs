//! The sandbox helpers refuse bunq production before sending anything, while the sandbox,
//! the fake and other test servers keep working (issue 21: a quickstart pointed at
//! production used to ask for sandbox money and pay there).

use bunq::{
    ApiContext, Client, Config, Environment, ErrorKind, ProxySetting, SandboxUserKind,
    create_sandbox_user,
};
use fake_bunq::FakeBunq;

fn test_config() -> Config {
    Config::builder()
        .proxy(ProxySetting::None)
        .rate_limits(None)
        .build()
}

/// A context at the fake for a fresh user, of the environment type of `environment` (whose
/// base URL is replaced by the fake's).
fn context_at_fake(fake: &FakeBunq, environment: Environment) -> ApiContext {
    ApiContext::builder(
        environment.with_base_url(fake.base_url()),
        fake.create_api_key(),
    )
    .config(test_config())
    .create()
    .unwrap()
}

fn first_account(client: &Client, fake: &FakeBunq) -> (u64, u64) {
    let user_id = client.user_id().unwrap();
    let accounts = client
        .get(&format!("user/{user_id}/monetary-account"))
        .unwrap();
    let account = accounts.objects().unwrap()[0]
        .as_object()
        .and_then(|object| object.values().next())
        .and_then(|account| account["id"].as_u64())
        .unwrap();
    assert!(fake.balance(user_id, account).is_some());
    (user_id, account)
}

fn assert_refused(error: &bunq::Error, what: &str, why: &str) {
    assert_eq!(error.kind(), ErrorKind::InvalidInput, "{error}");
    let message = error.to_string();
    assert!(
        message.starts_with(&format!("sandbox-only helper refused: {what}")),
        "{message}"
    );
    assert!(message.contains(why), "{message}");
    assert!(message.contains("nothing was sent"), "{message}");
}

#[test]
fn sandbox_money_is_refused_to_a_production_context_even_at_a_test_server() {
    let fake = FakeBunq::start().unwrap();
    let client = Client::builder(context_at_fake(&fake, Environment::production()))
        .config(test_config())
        .build()
        .unwrap();
    let (user_id, account) = first_account(&client, &fake);
    let before = fake.balance(user_id, account).unwrap();

    let error = client
        .request_sandbox_money(account, "100.00", "must not arrive")
        .unwrap_err();
    assert_refused(
        &error,
        "asking the sugar daddy for sandbox money",
        "this context is bunq production (environment PRODUCTION",
    );
    let inquiries = format!("user/{user_id}/monetary-account/{account}/request-inquiry");
    assert_eq!(
        fake.calls("POST", &inquiries),
        0,
        "nothing reached the server"
    );
    assert_eq!(fake.balance(user_id, account).unwrap(), before);
}

#[test]
fn sandbox_money_is_refused_to_a_sandbox_client_sent_to_bunqs_production_host() {
    let fake = FakeBunq::start().unwrap();
    let context = context_at_fake(&fake, Environment::sandbox());
    // The proxy is a closed port: a request that went out would fail as a transport error.
    let client = Client::builder(context)
        .config(
            Config::builder()
                .proxy(ProxySetting::Url("http://127.0.0.1:9".to_owned()))
                .build(),
        )
        .base_url("https://api.bunq.com/v1/")
        .build()
        .unwrap();
    let error = client
        .request_sandbox_money(1, "1.00", "must not leave")
        .unwrap_err();
    assert_refused(
        &error,
        "asking the sugar daddy for sandbox money",
        "its base URL is on api.bunq.com, a bunq production host",
    );
    assert_eq!(client.transport_stats().connections_opened, 0);
}

#[test]
fn sandbox_users_are_refused_at_bunq_production_whatever_the_environment_type() {
    let closed_proxy = Config::builder()
        .proxy(ProxySetting::Url("http://127.0.0.1:9".to_owned()))
        .build();
    for environment in [
        Environment::production(),
        Environment::custom("https://api.bunq.com/v1/"),
        Environment::custom("https://api.bunq.com:443/v1"),
        Environment::sandbox().with_base_url("https://api.bunq.com/v1/"),
    ] {
        for kind in [SandboxUserKind::Person, SandboxUserKind::Company] {
            let error = create_sandbox_user(&environment, kind, &closed_proxy).unwrap_err();
            assert_refused(&error, "creating a sandbox user", "api.bunq.com");
        }
    }
}

#[test]
fn the_sandbox_and_test_servers_keep_their_helpers() {
    let fake = FakeBunq::start().unwrap();
    let environment = Environment::custom(fake.base_url());
    assert!(environment.is_sandbox());
    let api_key =
        create_sandbox_user(&environment, SandboxUserKind::Person, &test_config()).unwrap();
    let context = ApiContext::builder(environment, api_key.expose())
        .config(test_config())
        .create()
        .unwrap();
    let client = Client::builder(context)
        .config(test_config())
        .build()
        .unwrap();
    let (user_id, account) = first_account(&client, &fake);
    client
        .request_sandbox_money(account, "100.00", "play money")
        .unwrap();
    let inquiries = format!("user/{user_id}/monetary-account/{account}/request-inquiry");
    assert_eq!(fake.calls("POST", &inquiries), 1);
}
