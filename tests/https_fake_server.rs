//! The production path, HTTPS with rustls, against the fake bunq server in its TLS mode: the
//! whole flow, trust the user controls (added roots, pins), one clear error per certificate
//! problem, and connection reuse, counted by the client and by the server.

mod common;

use std::sync::{Arc, Barrier};
use std::thread;

use bunq::{
    ApiContext, Attachment, Client, Config, ConfigBuilder, Environment, ErrorKind, ProxySetting,
    Request, SandboxUserKind, TlsRoots, create_sandbox_user,
};
use common::TempDir;
use fake_bunq::{FakeBunq, FakeBunqConfig, FakeTls, ServerCertificate};
use serde_json::json;

fn https_fake(certificate: ServerCertificate) -> FakeBunq {
    FakeBunq::start_with(FakeBunqConfig {
        tls: Some(FakeTls {
            certificate,
            ca_file: None,
        }),
        ..FakeBunqConfig::default()
    })
    .unwrap()
}

/// No proxy, no client-side rate limiting; trust as `trust` says.
fn config_with(trust: impl FnOnce(ConfigBuilder) -> ConfigBuilder) -> Config {
    trust(
        Config::builder()
            .proxy(ProxySetting::None)
            .rate_limits(None),
    )
    .build()
}

/// Trusts the fake's CA, from its PEM text.
fn trusting(fake: &FakeBunq) -> Config {
    let pem = fake.ca_certificate_pem().unwrap().to_owned();
    config_with(|builder| builder.add_root_certificates_pem(pem))
}

fn new_context(fake: &FakeBunq, base_url: &str, config: &Config) -> ApiContext {
    let environment = Environment::custom(base_url);
    let api_key = create_sandbox_user(&environment, SandboxUserKind::Person, config).unwrap();
    ApiContext::builder(Environment::custom(base_url), api_key.expose())
        .permitted_ips(["*"])
        .config(config.clone())
        .create()
        .unwrap_or_else(|error| panic!("context over HTTPS at {}: {error}", fake.base_url()))
}

fn client(context: ApiContext, config: &Config) -> Client {
    Client::builder(context)
        .config(config.clone())
        .build()
        .unwrap()
}

// ---------------------------------------------------------------------------------------
// The whole flow

#[test]
fn the_whole_flow_runs_over_https() {
    let fake = https_fake(ServerCertificate::Valid);
    assert!(fake.base_url().starts_with("https://127.0.0.1:"));
    // The CA from the file the fake wrote, as a user would point at a company CA.
    let ca_file = fake.ca_certificate_file().unwrap().to_owned();
    let config = config_with(|builder| builder.add_root_certificates_file(&ca_file));

    // Context creation, then save and restore.
    let context = new_context(&fake, &fake.base_url(), &config);
    let dir = TempDir::new("https-flow");
    let path = dir.join("bunq.conf");
    context.save(&path).unwrap();
    let client = Client::builder(ApiContext::restore(&path).unwrap())
        .config(config.clone())
        .save_to(&path)
        .build()
        .unwrap();

    // Calls and pagination.
    let user_id = client.user_id().unwrap();
    client.get("user").unwrap();
    let pages: Vec<_> = client
        .pages(Request::get(format!("user/{user_id}/monetary-account")).query("count", "10"))
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(pages.len(), 3, "27 accounts, 10 a page");
    let account_id = pages[0].objects().unwrap()[0]
        .as_object()
        .and_then(|object| object.values().next())
        .and_then(|account| account["id"].as_u64())
        .unwrap();

    // Sandbox money and a payment.
    client
        .request_sandbox_money(account_id, "100.00", "https test")
        .unwrap();
    let before = fake.balance(user_id, account_id).unwrap();
    let payment = json!({
        "amount": {"value": "0.01", "currency": "EUR"},
        "counterparty_alias": {"type": "EMAIL", "value": "sugardaddy@bunq.com", "name": "Sugar Daddy"},
        "description": "over https",
    });
    let payment_path = format!("user/{user_id}/monetary-account/{account_id}/payment");
    assert!(client.post(&payment_path, &payment).unwrap().id().unwrap() > 0);
    assert_ne!(fake.balance(user_id, account_id).unwrap(), before);

    // Attachments up and down, byte for byte.
    let content: Vec<u8> = (0..=255u8).cycle().take(40_000).collect();
    let uuid = client
        .upload_public_attachment(&Attachment::new("image/png", "avatar", content.clone()))
        .unwrap();
    assert_eq!(client.download_public_attachment(&uuid).unwrap(), content);

    // Session renewal: bunq forgets the session, the client renews and saves it.
    let old_token = client.context().session_token().unwrap().to_owned();
    fake.expire_all_sessions();
    client.get("user").unwrap();
    assert_eq!(fake.calls("POST", "session-server"), 2);
    let saved = ApiContext::restore(&path).unwrap();
    assert_ne!(saved.session_token().unwrap(), old_token);

    // All of it went over TLS, negotiated as printed here.
    let stats = client.transport_stats();
    let tls = stats.last_tls.expect("a TLS handshake happened");
    assert_eq!(tls.host, "127.0.0.1");
    assert!(tls.version.starts_with("TLSv1_"), "{tls:?}");
    assert!(!tls.cipher_suite.is_empty(), "{tls:?}");
    assert_eq!(
        Some(tls.server_key_pin_sha256.as_str()),
        fake.server_key_pin_sha256()
    );
}

#[test]
fn plain_http_to_loopback_still_works() {
    let fake = FakeBunq::start().unwrap();
    assert!(fake.base_url().starts_with("http://"));
    let config = config_with(|builder| builder);
    let client = client(new_context(&fake, &fake.base_url(), &config), &config);
    client.get("user").unwrap();
    let stats = client.transport_stats();
    assert_eq!(stats.tls_handshakes, 0);
    assert_eq!(stats.last_tls, None);
}

// ---------------------------------------------------------------------------------------
// Trust: pins and only-added roots

#[test]
fn the_servers_pinned_key_is_accepted_alongside_a_backup_pin() {
    let fake = https_fake(ServerCertificate::Valid);
    let pin = fake.server_key_pin_sha256().unwrap().to_owned();
    let pem = fake.ca_certificate_pem().unwrap().to_owned();
    let config = config_with(|builder| {
        builder
            .tls_roots(TlsRoots::OnlyAdded)
            .add_root_certificates_pem(pem)
            .pin_sha256("47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=") // a backup key
            .pin_sha256(format!("sha256/{pin}"))
    });
    let environment = Environment::custom(fake.base_url());
    create_sandbox_user(&environment, SandboxUserKind::Person, &config).unwrap();
}

// ---------------------------------------------------------------------------------------
// One clear error per failure kind: a Transport error naming the problem and the host

/// Makes one call with `config` and returns the error's message, checking its kind.
fn failure(fake: &FakeBunq, config: &Config) -> String {
    let environment = Environment::custom(fake.base_url());
    let error = create_sandbox_user(&environment, SandboxUserKind::Person, config).unwrap_err();
    assert_eq!(error.kind(), ErrorKind::Transport, "{error}");
    let message = error.to_string();
    assert!(
        message.contains("TLS handshake with 127.0.0.1 failed"),
        "{message}"
    );
    assert!(message.contains(&fake.base_url()), "{message}");
    message
}

#[test]
fn an_untrusted_certificate_is_refused() {
    let fake = https_fake(ServerCertificate::Valid);
    // The bundled Mozilla roots do not include a throw-away CA.
    let message = failure(&fake, &config_with(|builder| builder));
    assert!(message.contains("certificate not trusted"), "{message}");
    assert_eq!(fake.calls("POST", "sandbox-user-person"), 0);
}

#[test]
fn a_certificate_for_another_host_is_refused() {
    let fake = https_fake(ServerCertificate::OtherHost);
    let message = failure(&fake, &trusting(&fake));
    assert!(
        message.contains("certificate for another host"),
        "{message}"
    );
    assert!(message.contains("other.example"), "{message}");
}

#[test]
fn an_expired_certificate_is_refused() {
    let fake = https_fake(ServerCertificate::Expired);
    let message = failure(&fake, &trusting(&fake));
    assert!(message.contains("certificate expired"), "{message}");
}

#[test]
fn a_trusted_server_whose_key_is_not_pinned_is_refused() {
    let fake = https_fake(ServerCertificate::Valid);
    let pem = fake.ca_certificate_pem().unwrap().to_owned();
    let config = config_with(|builder| {
        builder
            .add_root_certificates_pem(pem)
            .pin_sha256("47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=")
    });
    let message = failure(&fake, &config);
    assert!(message.contains("pinned key mismatch"), "{message}");
    // The message gives the pin the server has, to compare with the one expected.
    assert!(
        message.contains(fake.server_key_pin_sha256().unwrap()),
        "{message}"
    );
}

#[test]
fn a_get_refused_by_tls_is_not_sent_again() {
    // A refused certificate or pin is the same on a second try: resending the GET (as after
    // a connection that broke) would only make a second handshake to the same refusal.
    let fake = https_fake(ServerCertificate::Valid);
    let context = new_context(&fake, &fake.base_url(), &trusting(&fake));
    let pem = fake.ca_certificate_pem().unwrap().to_owned();
    let pinned_elsewhere = config_with(|builder| {
        builder
            .add_root_certificates_pem(pem)
            .pin_sha256("47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=")
    });
    let client = client(context, &pinned_elsewhere);
    let before = fake.connections();
    let error = client.get("user").unwrap_err();
    assert!(error.to_string().contains("pinned key mismatch"), "{error}");
    assert_eq!(
        fake.connections() - before,
        1,
        "one connection, not a resend"
    );
}

#[test]
fn a_bad_pin_or_root_file_is_invalid_input_before_any_connection() {
    let fake = https_fake(ServerCertificate::Valid);
    let environment = Environment::custom(fake.base_url());
    for config in [
        config_with(|builder| builder.pin_sha256("too-short")),
        config_with(|builder| builder.add_root_certificates_file("/nonexistent/ca.pem")),
    ] {
        let error =
            create_sandbox_user(&environment, SandboxUserKind::Person, &config).unwrap_err();
        assert_eq!(error.kind(), ErrorKind::InvalidInput, "{error}");
    }
    assert_eq!(fake.connections(), 0);
}

// ---------------------------------------------------------------------------------------
// Connection reuse and name lookups

#[test]
fn a_hundred_calls_over_https_make_one_tls_handshake() {
    let fake = https_fake(ServerCertificate::Valid);
    let config = trusting(&fake);
    let client = client(new_context(&fake, &fake.base_url(), &config), &config);
    let before = fake.connections();
    for _ in 0..100 {
        client.get("user").unwrap();
    }
    let stats = client.transport_stats();
    assert_eq!(stats.requests_sent, 100);
    assert_eq!(stats.connections_opened, 1, "{stats:?}");
    assert_eq!(stats.tls_handshakes, 1, "{stats:?}");
    assert_eq!(
        fake.connections() - before,
        1,
        "the server saw one connection"
    );
    assert_eq!(stats.name_lookups, 0, "an IP address needs no lookup");
}

#[test]
fn a_host_name_is_looked_up_once_for_a_hundred_calls_and_again_after_a_failed_connection() {
    let fake = https_fake(ServerCertificate::Valid);
    let config = trusting(&fake);
    let by_name = fake.base_url().replace("127.0.0.1", "localhost");
    let client = client(new_context(&fake, &by_name, &config), &config);
    for _ in 0..100 {
        client.get("user").unwrap();
    }
    let stats = client.transport_stats();
    assert_eq!(stats.name_lookups, 1, "{stats:?}");
    assert_eq!(stats.last_tls.unwrap().host, "localhost");

    // The server goes away: the call that cannot connect forgets the address, and the next
    // one looks the name up again. (POSTs, which are never resent, keep the count exact.)
    drop(fake);
    let payment = json!({"description": "never arrives"});
    for expected_lookups in [1, 2] {
        let error = client.post("user/1/note", &payment).unwrap_err();
        assert_eq!(error.kind(), ErrorKind::Transport, "{error}");
        assert_eq!(client.transport_stats().name_lookups, expected_lookups);
    }
}

/// `threads` threads share `client` for `rounds` calls each, in lockstep: the fake answers a
/// round's calls only once all of them are in flight (so the round needs `threads`
/// connections at once), and no thread starts the next round before every thread has its
/// answer (so all of them are back in the pool, idle, at the same moment).
fn in_rounds(client: &Arc<Client>, threads: usize, rounds: usize) {
    let round_done = Arc::new(Barrier::new(threads));
    let workers: Vec<_> = (0..threads)
        .map(|_| {
            let (client, round_done) = (Arc::clone(client), Arc::clone(&round_done));
            thread::spawn(move || {
                for _ in 0..rounds {
                    let answer = client
                        .send(
                            &Request::get("_fake/rendezvous").query("parties", threads.to_string()),
                        )
                        .unwrap();
                    assert_eq!(answer.objects().unwrap()[0]["Rendezvous"]["complete"], true);
                    round_done.wait();
                }
            })
        })
        .collect();
    for worker in workers {
        worker.join().expect("every call succeeded");
    }
}

#[test]
fn eight_threads_making_a_hundred_calls_each_open_eight_connections() {
    let fake = https_fake(ServerCertificate::Valid);
    let config = trusting(&fake);
    let client = Arc::new(client(
        new_context(&fake, &fake.base_url(), &config),
        &config,
    ));
    let before = fake.connections();
    in_rounds(&client, 8, 100);
    let stats = client.transport_stats();
    assert_eq!(stats.requests_sent, 800);
    // With the default pool (16) every connection of a round is kept for the next one.
    // ureq's own default (3 per host) would close five a round and open five anew.
    assert_eq!(stats.connections_opened, 8, "{stats:?}");
    assert_eq!(stats.tls_handshakes, 8, "{stats:?}");
    assert_eq!(fake.connections() - before, 8);
}

#[test]
fn the_pool_size_comes_from_the_configuration() {
    let fake = https_fake(ServerCertificate::Valid);
    let pem = fake.ca_certificate_pem().unwrap().to_owned();
    let config = config_with(|builder| {
        builder
            .add_root_certificates_pem(pem)
            .max_idle_connections(2)
    });
    let client = Arc::new(client(
        new_context(&fake, &fake.base_url(), &config),
        &config,
    ));
    let rounds = 5;
    in_rounds(&client, 4, rounds);
    // Four at once, two kept: the first round opens four, every later round two more.
    let stats = client.transport_stats();
    assert_eq!(
        stats.connections_opened,
        4 + 2 * (rounds as u64 - 1),
        "{stats:?}"
    );
}

// ---------------------------------------------------------------------------------------
// Servers that do not speak TLS properly: an error, never a hang

/// A loopback listener whose connections get `answer` (then stay open until the test ends).
fn odd_server(answer: &'static [u8]) -> (std::net::SocketAddr, thread::JoinHandle<()>) {
    use std::io::Write;
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let address = listener.local_addr().unwrap();
    let server = thread::spawn(move || {
        let (mut socket, _) = listener.accept().unwrap();
        let _ = socket.write_all(answer);
        // Hold the connection open for longer than the client's connect timeout.
        thread::sleep(std::time::Duration::from_secs(3));
    });
    (address, server)
}

#[test]
fn a_server_that_never_answers_the_handshake_is_a_timeout_not_a_hang() {
    let (address, server) = odd_server(b"");
    let config = config_with(|builder| {
        builder
            .connect_timeout(std::time::Duration::from_millis(500))
            .timeout(std::time::Duration::from_secs(60))
    });
    let environment = Environment::custom(format!("https://{address}/v1/"));
    let error = create_sandbox_user(&environment, SandboxUserKind::Person, &config).unwrap_err();
    assert_eq!(error.kind(), ErrorKind::Timeout, "{error}");
    server.join().unwrap();
}

#[test]
fn a_server_answering_plain_http_to_a_tls_hello_is_a_tls_failure() {
    let (address, server) = odd_server(b"HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n");
    let environment = Environment::custom(format!("https://{address}/v1/"));
    let config = config_with(|builder| builder);
    let error = create_sandbox_user(&environment, SandboxUserKind::Person, &config).unwrap_err();
    assert_eq!(error.kind(), ErrorKind::Transport, "{error}");
    assert!(
        error
            .message()
            .contains("TLS handshake with 127.0.0.1 failed"),
        "{error}"
    );
    server.join().unwrap();
}
