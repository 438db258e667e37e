//! The event stream (`bunq::event`): a whole flow against the fake bunq reports every
//! exchange, wait, renewal and save in order, and no event shows a secret; a 429 and a failed
//! connection are reported with the resend that follows them.

mod common;

use std::io::Read;
use std::net::TcpListener;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::Duration;

use bunq::event::{Event, RenewalReason, ResendReason};
use bunq::{ApiContext, Client, Config, Environment, ErrorKind, ProxySetting, RateLimits};
use common::{TempDir, offline_context, server_key, test_config};
use fake_bunq::FakeBunq;
use mockito::Server;

/// Collects every event it is given.
#[derive(Clone, Default)]
struct Recorder(Arc<Mutex<Vec<Event>>>);

impl Recorder {
    fn callback(&self) -> impl Fn(&Event) + Send + Sync + 'static {
        let events = Arc::clone(&self.0);
        move |event: &Event| events.lock().unwrap().push(event.clone())
    }

    fn take(&self) -> Vec<Event> {
        std::mem::take(&mut *self.0.lock().unwrap())
    }
}

/// One short line per event, for comparing sequences: waits are left out (how many there
/// are depends on timing), everything else is kept.
fn outline(events: &[Event]) -> Vec<String> {
    events
        .iter()
        .filter_map(|event| match event {
            Event::Exchange(exchange) => Some(format!(
                "{} {} {} attempt={}{}",
                exchange.method.as_str(),
                exchange.path,
                exchange
                    .status
                    .map_or("none".to_owned(), |status| status.to_string()),
                exchange.attempt,
                exchange
                    .resend_reason
                    .map_or(String::new(), |reason| format!(
                        " after={}",
                        reason.as_str()
                    )),
            )),
            Event::SessionRenewal(renewal) => {
                Some(format!("session renewed: {}", renewal.reason.as_str()))
            }
            Event::SessionClosed(_) => Some("session closed".to_owned()),
            Event::ContextSave(save) => Some(format!(
                "saved {} ok={}",
                save.path.file_name().unwrap().to_string_lossy(),
                save.error.is_none()
            )),
            Event::RateLimitWait(_) | Event::RetryBackoff(_) => None,
            _ => Some(format!("unexpected {event:?}")),
        })
        .collect()
}

/// Fails when any event's Debug or Display text shows one of `secrets` or a key.
fn assert_no_secret(events: &[Event], secrets: &[String]) {
    for event in events {
        for text in [format!("{event:?}"), event.to_string()] {
            for secret in secrets {
                assert!(
                    !text.contains(secret.as_str()),
                    "an event shows a secret: {text}"
                );
            }
            assert!(!text.contains("PRIVATE KEY"), "{text}");
            assert!(!text.contains("PUBLIC KEY"), "{text}");
        }
    }
}

/// The secrets of a context: API key, installation token, session token, and long pieces
/// of the private key's base64.
fn secrets_of(context: &ApiContext) -> Vec<String> {
    let mut secrets = vec![
        context.api_key().to_owned(),
        context.installation_token().to_owned(),
    ];
    secrets.extend(context.session_token().map(str::to_owned));
    secrets.extend(
        context
            .client_key()
            .private_key_pem()
            .lines()
            .filter(|line| !line.starts_with("-----"))
            .map(str::to_owned),
    );
    secrets
}

#[test]
fn a_whole_flow_reports_each_exchange_wait_renewal_and_save_in_order_and_no_secret() {
    let fake = FakeBunq::start().unwrap();
    let recorder = Recorder::default();
    let config = Config::builder()
        .proxy(ProxySetting::None)
        .rate_limits(Some(RateLimits {
            get: 1,
            window: Duration::from_secs(1),
            // The context's own session-server call was just now: a renewal waits no 30 s.
            session_server_window: Duration::from_millis(10),
            ..RateLimits::default()
        }))
        .build();
    let context = ApiContext::builder(Environment::custom(fake.base_url()), fake.create_api_key())
        .permitted_ips(["*"])
        .config(config.clone())
        .on_event(recorder.callback())
        .create()
        .unwrap();
    let creation = recorder.take();
    assert_eq!(
        outline(&creation),
        [
            "POST installation 200 attempt=1",
            "POST device-server 200 attempt=1",
            "POST session-server 200 attempt=1",
        ]
    );
    for event in &creation {
        let Event::Exchange(exchange) = event else {
            unreachable!()
        };
        assert!(exchange.response_id.is_some(), "{exchange:?}");
        assert_eq!(exchange.error, None);
        assert!(exchange.duration > Duration::ZERO);
    }
    let mut secrets = secrets_of(&context);

    // Removed when the test ends, also when an assertion below fails: a private key is saved.
    let dir = TempDir::new("events");
    let save_path = dir.join("flow.conf");
    let copy_path = dir.join("flow-copy.conf");
    let client = Client::builder(context)
        .config(config)
        .save_to(&save_path)
        .on_event(recorder.callback())
        .build()
        .unwrap();
    let user_id = client.user_id().unwrap();
    client.get("user").unwrap();
    client
        .send(&bunq::Request::get(format!("user/{user_id}/monetary-account")).query("count", "2"))
        .unwrap();
    fake.expire_all_sessions();
    client.get("user").unwrap();
    secrets.extend(secrets_of(&client.context()));
    client.close_session().unwrap();
    client.save(&copy_path).unwrap();
    let events = recorder.take();

    let save_name = save_path
        .file_name()
        .unwrap()
        .to_string_lossy()
        .into_owned();
    let copy_name = copy_path
        .file_name()
        .unwrap()
        .to_string_lossy()
        .into_owned();
    assert_eq!(
        outline(&events),
        [
            "GET user 200 attempt=1".to_owned(),
            format!("GET user/{user_id}/monetary-account?count=2 200 attempt=1"),
            "GET user 401 attempt=1".to_owned(),
            "POST session-server 200 attempt=1".to_owned(),
            "session renewed: refused".to_owned(),
            format!("saved {save_name} ok=true"),
            "GET user 200 attempt=2 after=session_renewal".to_owned(),
            "DELETE session/0 200 attempt=1".to_owned(),
            "session closed".to_owned(),
            format!("saved {save_name} ok=true"),
            format!("saved {copy_name} ok=true"),
        ]
    );
    // The second GET user came within the 1-call-per-second window of the first.
    let waits: Vec<_> = events
        .iter()
        .filter_map(|event| match event {
            Event::RateLimitWait(wait) => Some(wait),
            _ => None,
        })
        .collect();
    assert!(
        waits
            .iter()
            .any(|wait| wait.endpoint == "user" && wait.limit_calls == 1),
        "{waits:?}"
    );
    let renewal = events
        .iter()
        .find_map(|event| match event {
            Event::SessionRenewal(renewal) => Some(renewal),
            _ => None,
        })
        .unwrap();
    assert_eq!(renewal.reason, RenewalReason::Refused);
    assert!(renewal.old_expiry.unwrap() <= renewal.new_expiry);
    assert!(
        events.iter().any(|event| matches!(
            event,
            Event::Exchange(exchange) if exchange.status == Some(401)
                && exchange.error == Some(ErrorKind::Api)
                && exchange.response_id.is_some()
        )),
        "a refused exchange still carries bunq's response id"
    );
    assert_no_secret(&creation, &secrets);
    assert_no_secret(&events, &secrets);
}

#[test]
fn a_429_is_reported_then_its_backoff_then_the_resend() {
    let mut server = Server::new();
    let calls = Arc::new(AtomicUsize::new(0));
    let counter = Arc::clone(&calls);
    let body = r#"{"Response":[{"Id":{"id":5}}]}"#;
    let signature = server_key().sign(body.as_bytes()).unwrap();
    let _mock = server
        .mock("GET", "/v1/user")
        .with_status_code_from_request(move |_| match counter.fetch_add(1, Ordering::SeqCst) {
            0 => 429,
            _ => 200,
        })
        .with_header("x-bunq-client-response-id", "resp-429-test")
        .with_header("x-bunq-server-signature", &signature)
        .with_header_from_request("x-bunq-client-request-id", |request| {
            request
                .header("x-bunq-client-request-id")
                .first()
                .and_then(|value| value.to_str().ok())
                .unwrap_or_default()
                .to_owned()
        })
        .with_body(body)
        .create();
    let recorder = Recorder::default();
    let client = Client::builder(offline_context(
        &format!("{}/v1/", server.url()),
        "session-token-abcdef",
    ))
    .config(test_config())
    .on_event(recorder.callback())
    .build()
    .unwrap();
    client.get("user").unwrap();
    let events = recorder.take();
    assert_eq!(events.len(), 3, "{events:#?}");
    let Event::Exchange(refused) = &events[0] else {
        panic!("{events:#?}")
    };
    assert_eq!(
        (refused.status, refused.error, refused.attempt),
        (Some(429), Some(ErrorKind::RateLimited), 1)
    );
    assert_eq!(refused.response_id.as_deref(), Some("resp-429-test"));
    let Event::RetryBackoff(backoff) = &events[1] else {
        panic!("{events:#?}")
    };
    assert_eq!(backoff.next_attempt, 2);
    assert!(backoff.waited >= Duration::from_millis(10));
    let Event::Exchange(resent) = &events[2] else {
        panic!("{events:#?}")
    };
    assert_eq!(
        (
            resent.status,
            resent.attempt,
            resent.resend_reason,
            resent.error
        ),
        (Some(200), 2, Some(ResendReason::TooManyRequests), None)
    );
    assert!(
        events[2]
            .to_string()
            .ends_with("(attempt 2, resent after 429)"),
        "{}",
        events[2]
    );
    assert_no_secret(&events, &["session-token-abcdef".to_owned()]);
}

#[test]
fn a_get_whose_connection_failed_is_reported_with_its_one_resend() {
    // A server that reads each request and hangs up without answering.
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    thread::spawn(move || {
        for stream in listener.incoming().take(2) {
            let mut stream = stream.unwrap();
            let mut buffer = [0u8; 4096];
            let _ = stream.read(&mut buffer);
        }
    });
    let recorder = Recorder::default();
    let client = Client::builder(offline_context(
        &format!("http://127.0.0.1:{port}/v1/"),
        "session-token-abcdef",
    ))
    .config(test_config())
    .on_event(recorder.callback())
    .build()
    .unwrap();
    let error = client.get("user").unwrap_err();
    assert_eq!(error.kind(), ErrorKind::Transport);
    let events = recorder.take();
    assert_eq!(
        outline(&events),
        [
            "GET user none attempt=1",
            "GET user none attempt=2 after=connection_failure"
        ]
    );
    assert!(events.iter().all(|event| matches!(
        event,
        Event::Exchange(exchange) if exchange.error == Some(ErrorKind::Transport)
    )));
    assert!(events[0].to_string().contains("no answer"), "{}", events[0]);
}

#[test]
fn a_panicking_callback_breaks_no_call() {
    let fake = FakeBunq::start().unwrap();
    let context = ApiContext::builder(Environment::custom(fake.base_url()), fake.create_api_key())
        .permitted_ips(["*"])
        .config(test_config())
        .create()
        .unwrap();
    let client = Client::builder(context)
        .config(test_config())
        .on_event(|_| panic!("a buggy observer"))
        .build()
        .unwrap();
    // The panic is caught inside the client: the call still succeeds.
    client.get("user").unwrap();
}
