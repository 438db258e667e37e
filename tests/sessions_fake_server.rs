//! A client that keeps working, against the fake server with short sessions and bunq's rate
//! limits: renewal before expiry and on 401, single-flight across threads, renewals saved,
//! the rate limiter, 429 retries, pagination to `future_url`.

mod common;

use std::sync::{Arc, Barrier, Mutex};
use std::thread;

use bunq::event::{Event, RenewalReason};
use bunq::{
    ApiContext, Client, Config, Environment, ProxySetting, Request, SandboxUserKind,
    create_sandbox_user,
};
use common::{TempDir, test_config};
use fake_bunq::{FakeBunq, FakeBunqConfig};
use serde_json::{Value, json};

fn new_context(fake: &FakeBunq, config: &Config) -> ApiContext {
    let environment = Environment::custom(fake.base_url());
    let api_key = create_sandbox_user(&environment, SandboxUserKind::Person, config).unwrap();
    ApiContext::builder(environment, api_key.expose())
        .permitted_ips(["*"])
        .config(config.clone())
        .create()
        .unwrap()
}

/// The same context, but with a session that the local clock considers expired (while bunq,
/// here the fake, still accepts it).
fn locally_expired(context: &ApiContext) -> ApiContext {
    let mut json: Value = serde_json::from_str(&context.to_json()).unwrap();
    json["session_context"]["expiry_time"] = json!("2000-01-01 00:00:00.000000");
    ApiContext::from_json(&json.to_string()).unwrap()
}

#[test]
fn sixteen_threads_across_a_401_expiry_cause_exactly_one_renewal() {
    let fake = FakeBunq::start().unwrap();
    let client = Arc::new(
        Client::builder(new_context(&fake, &test_config()))
            .config(test_config())
            .build()
            .unwrap(),
    );
    let start = Arc::new(Barrier::new(17));
    let halfway = Arc::new(Barrier::new(17));
    let workers: Vec<_> = (0..16)
        .map(|_| {
            let (client, start, halfway) = (
                Arc::clone(&client),
                Arc::clone(&start),
                Arc::clone(&halfway),
            );
            thread::spawn(move || {
                start.wait();
                for call in 0..50 {
                    if call == 25 {
                        halfway.wait(); // every thread has made 25 calls; the session dies now
                        halfway.wait();
                    }
                    client.get("user").unwrap();
                }
            })
        })
        .collect();
    start.wait();
    halfway.wait();
    fake.expire_all_sessions();
    halfway.wait();
    for worker in workers {
        worker.join().expect("every call succeeded");
    }
    // A thread whose call raced the expiry got one 401 and resent; a thread that called
    // after another had renewed used the new token at once.
    let calls = fake.calls("GET", "user");
    assert!(
        (16 * 50 + 1..=16 * 50 + 16).contains(&calls),
        "at least one 401, at most one per thread: {calls}"
    );
    assert_eq!(
        fake.calls("POST", "session-server"),
        2,
        "creation plus exactly one renewal"
    );
}

#[test]
fn sixteen_threads_finding_the_session_expired_by_the_clock_cause_exactly_one_renewal() {
    let fake = FakeBunq::start().unwrap();
    let context = locally_expired(&new_context(&fake, &test_config()));
    let client = Arc::new(
        Client::builder(context)
            .config(test_config())
            .build()
            .unwrap(),
    );
    let start = Arc::new(Barrier::new(16));
    let workers: Vec<_> = (0..16)
        .map(|_| {
            let (client, start) = (Arc::clone(&client), Arc::clone(&start));
            thread::spawn(move || {
                start.wait();
                for _ in 0..50 {
                    client.get("user").unwrap();
                }
            })
        })
        .collect();
    for worker in workers {
        worker.join().expect("every call succeeded");
    }
    assert_eq!(fake.calls("GET", "user"), 800, "no call needed a retry");
    assert_eq!(
        fake.calls("POST", "session-server"),
        2,
        "creation plus exactly one renewal"
    );
}

#[test]
fn a_short_session_is_renewed_before_it_expires_and_the_renewal_is_saved() {
    let fake = FakeBunq::start_with(FakeBunqConfig {
        session_timeout_secs: 4,
        ..FakeBunqConfig::default()
    })
    .unwrap();
    let dir = TempDir::new("sessions-saved");
    let path = dir.join("bunq.conf");
    new_context(&fake, &test_config()).save(&path).unwrap();
    let renewals = Arc::new(Mutex::new(0));
    let counted = Arc::clone(&renewals);
    let reasons = Arc::new(Mutex::new(Vec::new()));
    let recorded = Arc::clone(&reasons);
    let client = Client::builder(ApiContext::restore(&path).unwrap())
        .config(test_config())
        .save_to(&path)
        .on_session_change(move |_| *counted.lock().unwrap() += 1)
        .on_event(move |event| {
            if let Event::SessionRenewal(renewal) = event {
                recorded.lock().unwrap().push(renewal.reason);
            }
        })
        .build()
        .unwrap();
    let first_token = client.context().session_token().unwrap().to_owned();
    client.get("user").unwrap();
    // 3.7 s into a 4-s session: inside the client's margin (a tenth of the lifetime), while
    // the fake still accepts the session. A client that renewed only on a 401 would not
    // renew at all here, and one that waited past the expiry would meet a 401.
    thread::sleep(std::time::Duration::from_millis(3700));
    client.get("user").unwrap();
    assert_eq!(*renewals.lock().unwrap(), 1);
    assert_eq!(
        *reasons.lock().unwrap(),
        [RenewalReason::Expiring],
        "renewed because the session was about to expire, not because bunq refused it"
    );
    assert_eq!(fake.calls("GET", "user"), 2, "no 401 and resend was needed");
    assert_eq!(fake.calls("POST", "session-server"), 2);
    let saved = ApiContext::restore(&path).unwrap();
    let renewed_token = saved.session_token().unwrap();
    assert_ne!(renewed_token, first_token);
    assert_eq!(Some(renewed_token), client.context().session_token());

    // A restarted process reuses the saved session: no new session-server call.
    let restarted = Client::builder(saved)
        .config(test_config())
        .build()
        .unwrap();
    restarted.get("user").unwrap();
    assert_eq!(fake.calls("POST", "session-server"), 2);
}

#[test]
fn the_client_side_limiter_avoids_429s_that_an_unlimited_client_meets() {
    let limited_fake = FakeBunq::start_with(FakeBunqConfig {
        rate_limits: true,
        ..FakeBunqConfig::default()
    })
    .unwrap();
    let with_limits = Config::builder().proxy(ProxySetting::None).build(); // bunq's limits, the default
    let client = Client::builder(new_context(&limited_fake, &with_limits))
        .config(with_limits)
        .build()
        .unwrap();
    for _ in 0..7 {
        client.get("user").unwrap();
    }
    assert_eq!(
        limited_fake.calls("GET", "user"),
        7,
        "no request was refused and resent"
    );

    let fake = FakeBunq::start_with(FakeBunqConfig {
        rate_limits: true,
        ..FakeBunqConfig::default()
    })
    .unwrap();
    // No limiter, the default retry policy: the 429s come and are waited out.
    let unlimited = Config::builder()
        .proxy(ProxySetting::None)
        .rate_limits(None)
        .build();
    let client = Client::builder(new_context(&fake, &unlimited))
        .config(unlimited)
        .build()
        .unwrap();
    for _ in 0..7 {
        client.get("user").unwrap();
    }
    assert!(
        fake.calls("GET", "user") > 7,
        "429s were answered and retried until they succeeded"
    );
}

#[test]
fn closing_the_session_makes_the_next_call_open_a_new_one() {
    let fake = FakeBunq::start().unwrap();
    let client = Client::builder(new_context(&fake, &test_config()))
        .config(test_config())
        .build()
        .unwrap();
    client.close_session().unwrap();
    assert_eq!(fake.calls("DELETE", "session/0"), 1);
    assert!(!client.is_session_active());
    client.get("user").unwrap();
    assert_eq!(fake.calls("POST", "session-server"), 2);
    client.reset_session().unwrap();
    assert_eq!(fake.calls("POST", "session-server"), 3);
}

#[test]
fn pages_walk_to_the_oldest_and_future_url_finds_what_is_newer() {
    let fake = FakeBunq::start().unwrap();
    let client = Client::builder(new_context(&fake, &test_config()))
        .config(test_config())
        .build()
        .unwrap();
    let user_id = client.user_id().unwrap();
    let accounts = client
        .get(&format!("user/{user_id}/monetary-account"))
        .unwrap();
    let account_id = accounts.all("MonetaryAccountBank").unwrap()[0]["id"]
        .as_u64()
        .unwrap();
    client
        .request_sandbox_money(account_id, "10.00", "pages")
        .unwrap();
    let payments = format!("user/{user_id}/monetary-account/{account_id}/payment");
    let pay = |value: &str| {
        client
            .post(&payments, &json!({
                "amount": {"value": value, "currency": "EUR"},
                "counterparty_alias": {"type": "EMAIL", "value": "sugardaddy@bunq.com", "name": "Sugar Daddy"},
                "description": "pages",
            }))
            .unwrap()
            .id()
            .unwrap()
    };
    for _ in 0..5 {
        pay("0.01");
    }
    // Sugardaddy's money arrives as a payment too: compare with one big page.
    let everything = client.get(&format!("{payments}?count=200")).unwrap();
    let expected: Vec<u64> = everything
        .all("Payment")
        .unwrap()
        .iter()
        .map(|payment| payment["id"].as_u64().unwrap())
        .collect();
    assert!(expected.len() >= 5, "{expected:?}");
    let mut pages = client.pages(Request::get(&payments).query("count", "2"));
    let seen: Vec<u64> = pages
        .by_ref()
        .flat_map(|page| page.unwrap().all("Payment").unwrap())
        .map(|payment| payment["id"].as_u64().unwrap())
        .collect();
    assert_eq!(
        seen, expected,
        "page by page, newest first, every payment once"
    );
    let future_url = pages
        .future_url()
        .expect("the first page links to the future")
        .to_owned();

    let newer = pay("0.02");
    let later = client.get(&future_url).unwrap();
    let ids: Vec<u64> = later
        .all("Payment")
        .unwrap()
        .iter()
        .map(|p| p["id"].as_u64().unwrap())
        .collect();
    assert_eq!(ids, [newer]);
}
