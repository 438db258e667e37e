//! The events through the `log` facade, as `env_logger` or any logger receives them: target
//! `bunq`, one line each, no callback needed, no secret. A test binary of its own, since a
//! logger is installed once per process.

use std::sync::Mutex;

use bunq::{ApiContext, Client, Config, Environment, ProxySetting};
use fake_bunq::FakeBunq;

/// What the logger was given: (target, level, message).
static RECORDS: Mutex<Vec<(String, log::Level, String)>> = Mutex::new(Vec::new());

struct Recording;

impl log::Log for Recording {
    fn enabled(&self, metadata: &log::Metadata<'_>) -> bool {
        metadata.target() == bunq::event::LOG_TARGET
    }

    fn log(&self, record: &log::Record<'_>) {
        if self.enabled(record.metadata()) {
            RECORDS.lock().unwrap().push((
                record.target().to_owned(),
                record.level(),
                record.args().to_string(),
            ));
        }
    }

    fn flush(&self) {}
}

#[test]
fn a_logger_receives_every_exchange_under_target_bunq_without_secrets() {
    log::set_logger(&Recording).unwrap();
    log::set_max_level(log::LevelFilter::Debug);

    let fake = FakeBunq::start().unwrap();
    let config = Config::builder()
        .proxy(ProxySetting::None)
        .rate_limits(None)
        .build();
    let api_key = fake.create_api_key();
    let context = ApiContext::builder(Environment::custom(fake.base_url()), api_key.clone())
        .permitted_ips(["*"])
        .config(config.clone())
        .create()
        .unwrap();
    let client = Client::builder(context).config(config).build().unwrap();
    client.get("user").unwrap();
    fake.expire_all_sessions();
    client.get("user").unwrap();
    let context = client.context();

    let records = RECORDS.lock().unwrap().clone();
    let messages: Vec<&str> = records
        .iter()
        .map(|(_, _, message)| message.as_str())
        .collect();
    let starts = [
        "POST installation 200 ",
        "POST device-server 200 ",
        "POST session-server 200 ",
        "GET user 200 ",
        "GET user 401 ",
        "POST session-server 200 ",
        "session renewed (bunq refused the old one)",
        "GET user 200 ",
    ];
    assert_eq!(messages.len(), starts.len(), "{messages:#?}");
    for (message, start) in messages.iter().zip(starts) {
        assert!(message.starts_with(start), "{message:?} for {start:?}");
    }
    assert!(messages[0].contains(" ms response-id="), "{}", messages[0]);
    assert!(
        messages[7].ends_with("(attempt 2, resent after a session renewal)"),
        "{}",
        messages[7]
    );
    assert!(records.iter().all(|(target, _, _)| target == "bunq"));
    assert_eq!(records[0].1, log::Level::Debug, "an answered exchange");
    assert_eq!(records[4].1, log::Level::Info, "a refused one");
    assert_eq!(records[6].1, log::Level::Info, "a renewal");
    for secret in [
        api_key.as_str(),
        context.installation_token(),
        context.session_token().unwrap(),
    ] {
        assert!(
            messages.iter().all(|message| !message.contains(secret)),
            "{messages:#?}"
        );
    }
}
