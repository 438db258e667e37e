//! `TlsRoots::System`: the operating system's trust store, through rustls-native-certs, which
//! reads the file `SSL_CERT_FILE` names (as OpenSSL does) when it is set. The test points it
//! at one fake server's CA: that server is trusted, another one (another CA) is not.
//!
//! One test in this binary, since it sets an environment variable for the whole process.

use bunq::{Config, Environment, ErrorKind, ProxySetting, SandboxUserKind, TlsRoots};
use fake_bunq::{FakeBunq, FakeBunqConfig, FakeTls};

fn https_fake() -> FakeBunq {
    FakeBunq::start_with(FakeBunqConfig {
        tls: Some(FakeTls::default()),
        ..FakeBunqConfig::default()
    })
    .unwrap()
}

#[test]
fn the_system_store_is_used_when_asked_for_and_nothing_else_is() {
    let trusted = https_fake();
    let other = https_fake();
    // SAFETY: the only test of this binary, and no thread of it reads the environment while
    // this runs (the fake servers' threads do not).
    unsafe {
        std::env::set_var("SSL_CERT_FILE", trusted.ca_certificate_file().unwrap());
        std::env::remove_var("SSL_CERT_DIR");
    }
    let config = Config::builder()
        .proxy(ProxySetting::None)
        .rate_limits(None)
        .tls_roots(TlsRoots::System)
        .build();
    let create = |fake: &FakeBunq| {
        bunq::create_sandbox_user(
            &Environment::custom(fake.base_url()),
            SandboxUserKind::Person,
            &config,
        )
    };

    create(&trusted).expect("the server whose CA is in the system store is trusted");
    let error = create(&other).unwrap_err();
    assert_eq!(error.kind(), ErrorKind::Transport, "{error}");
    assert!(
        error.message().contains("certificate not trusted"),
        "{error}"
    );

    // The bundled roots know neither CA: the store really came from the system setting.
    let bundled = Config::builder()
        .proxy(ProxySetting::None)
        .rate_limits(None)
        .build();
    let error = bunq::create_sandbox_user(
        &Environment::custom(trusted.base_url()),
        SandboxUserKind::Person,
        &bundled,
    )
    .unwrap_err();
    assert!(
        error.message().contains("certificate not trusted"),
        "{error}"
    );
}
