//! A server that writes each answer's head and body separately with Nagle's algorithm on
//! (the fake bunq with `split_writes`, as Python's `http.server` answers): over HTTP and
//! HTTPS, and through a CONNECT proxy, every call on the one reused connection gets its whole,
//! verified answer. Correctness only: what quick ACKs save in time is measured by
//! `benches/compare.sh` (rows "split"), never asserted here.

mod connect_proxy;

use bunq::{ApiContext, Client, Config, Environment, ProxySetting, SandboxUserKind};
use connect_proxy::ConnectProxy;
use fake_bunq::{FakeBunq, FakeBunqConfig, FakeTls};
use serde_json::json;

const CALLS: usize = 12;

fn split_writing_fake(tls: Option<FakeTls>) -> FakeBunq {
    FakeBunq::start_with(FakeBunqConfig {
        split_writes: true,
        tls,
        ..FakeBunqConfig::default()
    })
    .unwrap()
}

/// No proxy unless `proxy`, no client-side rate limiting; the fake's CA trusted when it
/// speaks HTTPS.
fn config_for(fake: &FakeBunq, proxy: Option<String>) -> Config {
    let mut builder = Config::builder()
        .proxy(proxy.map_or(ProxySetting::None, ProxySetting::Url))
        .rate_limits(None);
    if let Some(pem) = fake.ca_certificate_pem() {
        builder = builder.add_root_certificates_pem(pem.to_owned());
    }
    builder.build()
}

fn client_for(fake: &FakeBunq, config: &Config) -> Client {
    let environment = Environment::custom(fake.base_url());
    let api_key = bunq::create_sandbox_user(&environment, SandboxUserKind::Person, config).unwrap();
    let context = ApiContext::builder(environment, api_key.expose())
        .permitted_ips(["*"])
        .config(config.clone())
        .create()
        .unwrap();
    Client::builder(context)
        .config(config.clone())
        .build()
        .unwrap()
}

/// GETs and POSTs, each answer whole and verified (the client checks bunq's signature over
/// the exact body bytes), all on the client's one connection.
fn calls_are_served_on_one_connection(client: &Client) {
    let user_id = client.user_id().unwrap();
    let user = client.get(&format!("user/{user_id}")).unwrap();
    let account_id = client
        .get(&format!("user/{user_id}/monetary-account"))
        .unwrap()
        .objects()
        .unwrap()[0]
        .as_object()
        .and_then(|object| object.values().next())
        .and_then(|inner| inner["id"].as_u64())
        .unwrap();
    let before = client.transport_stats();
    for call in 0..CALLS {
        let again = client.get(&format!("user/{user_id}")).unwrap();
        assert_eq!(again.body(), user.body(), "GET {call}");
        let created = client
            .post(
                &format!("user/{user_id}/monetary-account/{account_id}/request-inquiry"),
                &json!({
                    "amount_inquired": {"value": "0.01", "currency": "EUR"},
                    "counterparty_alias": {"type": "EMAIL", "value": "sugardaddy@bunq.com"},
                    "description": format!("split {call}"),
                    "allow_bunqme": false,
                }),
            )
            .unwrap();
        let id = created
            .id()
            .unwrap_or_else(|error| panic!("POST {call}: {error}"));
        assert!(id > 0, "POST {call}");
    }
    let after = client.transport_stats();
    assert_eq!(after.requests_sent - before.requests_sent, 2 * CALLS as u64);
    assert_eq!(
        after.connections_opened, 1,
        "every call reuses the first connection"
    );
}

#[test]
fn a_split_writing_server_is_served_over_one_reused_http_connection() {
    let fake = split_writing_fake(None);
    let config = config_for(&fake, None);
    let client = client_for(&fake, &config);
    calls_are_served_on_one_connection(&client);
}

#[test]
fn a_split_writing_server_is_served_over_one_reused_https_connection() {
    let fake = split_writing_fake(Some(FakeTls::default()));
    let config = config_for(&fake, None);
    let client = client_for(&fake, &config);
    calls_are_served_on_one_connection(&client);
    let stats = client.transport_stats();
    assert_eq!(stats.tls_handshakes, 1);
    assert!(stats.last_tls.is_some());
}

#[test]
fn a_connect_proxy_tunnels_http_to_a_split_writing_server() {
    let fake = split_writing_fake(None);
    let proxy = ConnectProxy::start(None);
    let config = config_for(&fake, Some(proxy.url()));
    let client = client_for(&fake, &config);
    calls_are_served_on_one_connection(&client);
    let target = format!("127.0.0.1:{}", fake.port());
    assert!(
        proxy.tunnels_to(&target) >= 1,
        "the calls went through the proxy: {:?}",
        proxy.requests()
    );
}

#[test]
fn a_connect_proxy_with_credentials_tunnels_https() {
    let fake = split_writing_fake(Some(FakeTls::default()));
    let proxy = ConnectProxy::start(Some(("proxy-user", "proxy-pw")));
    let url = proxy
        .url()
        .replace("http://", "http://proxy-user:proxy-pw@");
    let config = config_for(&fake, Some(url));
    let client = client_for(&fake, &config);
    calls_are_served_on_one_connection(&client);
    let stats = client.transport_stats();
    assert_eq!(
        stats.tls_handshakes, 1,
        "TLS to the server, inside the tunnel"
    );
    assert_eq!(
        stats.last_tls.map(|tls| tls.host),
        Some("127.0.0.1".to_owned())
    );
    assert!(proxy.tunnels_to(&format!("127.0.0.1:{}", fake.port())) >= 1);
}

#[test]
fn a_proxy_that_refuses_the_credentials_is_a_clear_error() {
    let fake = split_writing_fake(None);
    let proxy = ConnectProxy::start(Some(("proxy-user", "proxy-pw")));
    let url = proxy
        .url()
        .replace("http://", "http://proxy-user:wrong-pw@");
    let config = config_for(&fake, Some(url));
    let environment = Environment::custom(fake.base_url());
    let error =
        bunq::create_sandbox_user(&environment, SandboxUserKind::Person, &config).unwrap_err();
    let text = error.to_string();
    assert!(text.contains("407"), "{text}");
    assert!(!text.contains("wrong-pw"), "{text}");
}
