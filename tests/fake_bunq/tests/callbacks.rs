//! Callbacks: URL notification filters, deliveries after payments and requests, retries,
//! failed deliveries and sending them again.

mod common;

use std::net::{IpAddr, Ipv4Addr};
use std::thread;
use std::time::{Duration, Instant};

use common::receiver::{Received, Receiver};
use common::{Client, TempDir};
use fake_bunq::{CALLBACK_SOURCE_ADDRESS, FakeBunq, FakeBunqConfig};
use serde_json::{Value, json};

fn fake(retry_interval: Duration) -> FakeBunq {
    FakeBunq::start_with(FakeBunqConfig {
        accounts_per_user: 2,
        callback_retry_interval: retry_interval,
        ..FakeBunqConfig::default()
    })
    .expect("start")
}

fn filters(list: &[(&str, &str)]) -> Value {
    let items: Vec<Value> = list
        .iter()
        .map(|(category, target)| json!({ "category": category, "notification_target": target }))
        .collect();
    json!({ "notification_filters": items })
}

/// `(category, target)` of each listed filter.
fn listed(response: &common::HttpResponse) -> Vec<(String, String)> {
    assert_eq!(
        response.status,
        200,
        "{}",
        String::from_utf8_lossy(&response.body)
    );
    response.json()["Response"]
        .as_array()
        .expect("list")
        .iter()
        .map(|item| {
            let filter = &item["NotificationFilterUrl"];
            assert_eq!(filter["notification_delivery_method"], "URL");
            assert!(filter["id"].as_u64().is_some());
            (
                filter["category"].as_str().expect("category").to_owned(),
                filter["notification_target"]
                    .as_str()
                    .expect("target")
                    .to_owned(),
            )
        })
        .collect()
}

fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
    list.iter()
        .map(|(a, b)| ((*a).to_owned(), (*b).to_owned()))
        .collect()
}

fn sugar_daddy(client: &Client, account_id: u64, value: &str) {
    let response = client.post(
        &format!(
            "user/{}/monetary-account/{account_id}/request-inquiry",
            client.user_id
        ),
        &json!({
            "amount_inquired": { "value": value, "currency": "EUR" },
            "counterparty_alias": { "type": "EMAIL", "value": "sugardaddy@bunq.com" },
            "description": "Money please",
            "allow_bunqme": true,
        }),
    );
    assert_eq!(response.status, 200);
}

fn pay(client: &Client, account_id: u64, iban: &str, value: &str) -> common::HttpResponse {
    client.post(
        &format!(
            "user/{}/monetary-account/{account_id}/payment",
            client.user_id
        ),
        &json!({
            "amount": { "value": value, "currency": "EUR" },
            "counterparty_alias": { "type": "IBAN", "value": iban, "name": "Someone" },
            "description": "Callback test",
        }),
    )
}

fn iban_of(client: &Client, account_id: u64) -> String {
    let account = client.get(&format!(
        "user/{}/monetary-account/{account_id}",
        client.user_id
    ));
    account.item(0)["MonetaryAccountBank"]["alias"][0]["value"]
        .as_str()
        .expect("iban")
        .to_owned()
}

fn wait_until_sent(bunq: &FakeBunq) {
    let deadline = Instant::now() + Duration::from_secs(20);
    while bunq.callbacks_in_flight() > 0 {
        assert!(Instant::now() < deadline, "callbacks still in flight");
        thread::sleep(Duration::from_millis(5));
    }
}

#[test]
fn a_post_replaces_the_whole_list_for_the_user_and_for_an_account() {
    let bunq = fake(Duration::from_secs(60));
    let client = Client::connect(&bunq.base_url(), &bunq.create_api_key());
    let account = client.account_ids()[0];
    let user_path = format!("user/{}/notification-filter-url", client.user_id);
    let account_path = format!(
        "user/{}/monetary-account/{account}/notification-filter-url",
        client.user_id
    );
    assert!(listed(&client.get(&user_path)).is_empty());

    let first = [
        ("PAYMENT", "https://example.com/a"),
        ("MUTATION", "http://127.0.0.1:9/b"),
    ];
    let replaced = client.post(&user_path, &filters(&first));
    client.assert_signed(&replaced);
    assert_eq!(listed(&replaced), pairs(&first));
    assert_eq!(listed(&client.get(&user_path)), pairs(&first));

    // A second POST is not added to the first: it replaces it.
    let second = [("REQUEST", "https://example.com/c")];
    assert_eq!(
        listed(&client.post(&user_path, &filters(&second))),
        pairs(&second)
    );
    assert_eq!(listed(&client.get(&user_path)), pairs(&second));

    // The account's list is its own.
    assert!(listed(&client.get(&account_path)).is_empty());
    let on_account = [("PAYMENT", "http://localhost:9/d")];
    client.post(&account_path, &filters(&on_account));
    assert_eq!(listed(&client.get(&account_path)), pairs(&on_account));
    assert_eq!(listed(&client.get(&user_path)), pairs(&second));

    // An empty list clears it.
    assert!(listed(&client.post(&user_path, &filters(&[]))).is_empty());
    assert!(listed(&client.get(&user_path)).is_empty());
    assert_eq!(listed(&client.get(&account_path)), pairs(&on_account));
    assert_eq!(bunq.calls("POST", &user_path), 3);
}

#[test]
fn filters_bunq_would_refuse_are_refused_and_others_lists_are_not_found() {
    let bunq = fake(Duration::from_secs(60));
    let alice = Client::connect(&bunq.base_url(), &bunq.create_api_key());
    let bob = Client::connect(&bunq.base_url(), &bunq.create_api_key());
    let path = format!("user/{}/notification-filter-url", alice.user_id);
    let kept = [("PAYMENT", "https://example.com/kept")];
    alice.post(&path, &filters(&kept));
    for (body, reason) in [
        (
            filters(&[("NOT_A_CATEGORY", "https://example.com/")]),
            "not a notification category",
        ),
        (filters(&[("PAYMENT", "http://example.com/")]), "HTTPS"),
        (filters(&[("PAYMENT", "ftp://127.0.0.1/")]), "HTTPS"),
        (
            filters(&[
                ("PAYMENT", "https://example.com/1"),
                ("PAYMENT", "https://example.com/2"),
                ("PAYMENT", "https://example.com/3"),
            ]),
            "At most 2",
        ),
        (json!({}), "notification_filters"),
        (
            json!({ "notification_filters": "PAYMENT" }),
            "must be a list",
        ),
    ] {
        let refused = alice.post(&path, &body);
        assert_eq!(refused.status, 400, "{body}");
        assert!(
            refused.error_description().contains(reason),
            "{reason}: {}",
            refused.error_description()
        );
    }
    // A refused POST changes nothing.
    assert_eq!(listed(&alice.get(&path)), pairs(&kept));

    assert_eq!(bob.get(&path).status, 404);
    assert_eq!(bob.post(&path, &filters(&[])).status, 404);
    let alices_account = alice.account_ids()[0];
    let account_path = format!(
        "user/{}/monetary-account/{alices_account}/notification-filter-url",
        bob.user_id
    );
    assert_eq!(bob.get(&account_path).status, 404);
    assert_eq!(listed(&alice.get(&path)), pairs(&kept));
    let failures = format!("user/{}/notification-filter-failure", alice.user_id);
    assert_eq!(bob.get(&failures).status, 404);
}

#[test]
fn a_payment_between_two_users_calls_back_both_sides_from_the_fixed_address() {
    let bunq = fake(Duration::from_secs(60));
    let alice = Client::connect(&bunq.base_url(), &bunq.create_api_key());
    let bob = Client::connect(&bunq.base_url(), &bunq.create_api_key());
    let alices_receiver = Receiver::start(200);
    let bobs_receiver = Receiver::start(200);
    let alice_account = alice.account_ids()[0];
    let bob_account = bob.account_ids()[1];
    let bob_iban = iban_of(&bob, bob_account);
    // Alice listens on her user for everything money does; Bob on the one account.
    alice.post(
        &format!("user/{}/notification-filter-url", alice.user_id),
        &filters(&[
            ("PAYMENT", &alices_receiver.url("/alice")),
            ("MUTATION", &alices_receiver.url("/alice")),
            ("REQUEST", &alices_receiver.url("/alice")),
        ]),
    );
    bob.post(
        &format!(
            "user/{}/monetary-account/{bob_account}/notification-filter-url",
            bob.user_id
        ),
        &filters(&[
            ("PAYMENT", &bobs_receiver.url("/bob")),
            ("MUTATION", &bobs_receiver.url("/bob")),
        ]),
    );

    sugar_daddy(&alice, alice_account, "100.00");
    let paid = pay(&alice, alice_account, &bob_iban, "12.34");
    assert_eq!(paid.status, 200);
    let payment_id = paid.item(0)["Id"]["id"].as_u64().expect("id");
    wait_until_sent(&bunq);
    assert_eq!(
        bunq.balance(bob.user_id, bob_account).as_deref(),
        Some("12.34")
    );
    assert_eq!(
        bunq.balance(alice.user_id, alice_account).as_deref(),
        Some("87.66")
    );

    let alices = alices_receiver.wait_for(4);
    let summaries: Vec<_> = alices.iter().map(Received::summary).collect();
    let expected = [
        ("REQUEST", "REQUEST_INQUIRY_ACCEPTED", "RequestInquiry"),
        ("MUTATION", "MUTATION_RECEIVED", "Payment"),
        ("PAYMENT", "PAYMENT_CREATED", "Payment"),
        ("MUTATION", "MUTATION_CREATED", "Payment"),
    ];
    let expected: Vec<_> = expected
        .iter()
        .map(|(a, b, c)| ((*a).to_owned(), (*b).to_owned(), (*c).to_owned()))
        .collect();
    assert_eq!(summaries, expected);
    let sent = &alices[2].json()["NotificationUrl"];
    assert_eq!(sent["target_url"], alices_receiver.url("/alice"));
    assert_eq!(sent["object"]["Payment"]["id"], payment_id);
    assert_eq!(sent["object"]["Payment"]["amount"]["value"], "-12.34");
    assert_eq!(
        sent["object"]["Payment"]["monetary_account_id"],
        alice_account
    );
    assert_eq!(
        sent["object"]["Payment"]["counterparty_alias"]["value"],
        bob_iban
    );

    let bobs = bobs_receiver.wait_for(2);
    let summaries: Vec<_> = bobs.iter().map(Received::summary).collect();
    assert_eq!(
        summaries,
        vec![
            (
                "PAYMENT".into(),
                "PAYMENT_RECEIVED".into(),
                "Payment".into()
            ),
            (
                "MUTATION".into(),
                "MUTATION_RECEIVED".into(),
                "Payment".into()
            ),
        ]
    );
    let received = &bobs[0].json()["NotificationUrl"]["object"]["Payment"];
    assert_eq!(received["amount"]["value"], "12.34");
    assert_eq!(received["monetary_account_id"], bob_account);
    assert_eq!(
        received["counterparty_alias"]["value"],
        iban_of(&alice, alice_account)
    );
    assert_ne!(
        received["id"], payment_id,
        "each side has a payment of its own"
    );
    // What the callback names, the API answers.
    let fetched = bob.get(&format!(
        "user/{}/monetary-account/{bob_account}/payment/{}",
        bob.user_id, received["id"]
    ));
    assert_eq!(fetched.item(0)["Payment"], *received);

    for request in alices.iter().chain(&bobs) {
        assert_eq!(request.method, "POST");
        // 127.0.0.2 on systems that let a socket bind it (Linux does), else 127.0.0.1.
        let expected_source = if cfg!(target_os = "linux") {
            IpAddr::V4(CALLBACK_SOURCE_ADDRESS)
        } else {
            request.peer.ip()
        };
        assert_eq!(request.peer.ip(), expected_source);
        assert!(matches!(request.peer.ip(), IpAddr::V4(ip) if ip.is_loopback()));
    }
    assert_eq!(alices[0].path, "/alice");
    assert_eq!(bobs[0].path, "/bob");
    assert_ne!(CALLBACK_SOURCE_ADDRESS, Ipv4Addr::LOCALHOST);
}

#[test]
fn a_failing_target_is_tried_six_times_then_listed_and_sent_again_on_request() {
    let bunq = fake(Duration::from_millis(20));
    let client = Client::connect(&bunq.base_url(), &bunq.create_api_key());
    let account = client.account_ids()[0];
    let receiver = Receiver::start(500);
    client.post(
        &format!("user/{}/notification-filter-url", client.user_id),
        &filters(&[("REQUEST", &receiver.url("/hook"))]),
    );
    sugar_daddy(&client, account, "5.00");
    wait_until_sent(&bunq);
    let tries = receiver.received();
    assert_eq!(tries.len(), 6, "the first try and 5 retries");
    assert!(
        tries.iter().all(|attempt| attempt.body == tries[0].body),
        "every try sends the same bytes"
    );

    let failures_path = format!("user/{}/notification-filter-failure", client.user_id);
    let listed = client.get(&failures_path);
    client.assert_signed(&listed);
    let failure = listed.item(0)["NotificationFilterFailure"].clone();
    assert_eq!(failure["category"], "REQUEST");
    assert_eq!(failure["event_type"], "REQUEST_INQUIRY_ACCEPTED");
    assert_eq!(failure["response_code"], 500);
    assert!(
        failure["exception_message"]
            .as_str()
            .unwrap()
            .contains("500")
    );
    assert_eq!(
        failure["notification_filters"][0]["notification_target"],
        receiver.url("/hook")
    );
    assert_eq!(
        failure["object_id"],
        tries[0].json()["NotificationUrl"]["object"]["RequestInquiry"]["id"]
    );
    let failure_id = failure["id"].as_u64().expect("id");

    // Unknown ids refuse the whole request and leave the list alone.
    let unknown = client.post(
        &failures_path,
        &json!({ "notification_filter_failed_ids": format!("{failure_id},999") }),
    );
    assert_eq!(unknown.status, 404);
    assert_eq!(
        client
            .post(
                &failures_path,
                &json!({ "notification_filter_failed_ids": [failure_id] })
            )
            .status,
        400
    );
    assert_eq!(
        client.get(&failures_path).json()["Response"]
            .as_array()
            .unwrap()
            .len(),
        1
    );

    receiver.set_status(200);
    let retried = client.post(
        &failures_path,
        &json!({ "notification_filter_failed_ids": failure_id.to_string() }),
    );
    assert_eq!(retried.status, 200);
    wait_until_sent(&bunq);
    let all = receiver.received();
    assert_eq!(all.len(), 7);
    assert_eq!(all[6].body, tries[0].body);
    assert!(
        client.get(&failures_path).json()["Response"]
            .as_array()
            .unwrap()
            .is_empty()
    );
}

#[test]
fn targets_off_this_machine_and_closed_ports_fail_with_a_reason() {
    let bunq = fake(Duration::from_millis(5));
    let client = Client::connect(&bunq.base_url(), &bunq.create_api_key());
    let account = client.account_ids()[0];
    let closed_port = {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        listener.local_addr().unwrap().port()
    };
    client.post(
        &format!("user/{}/notification-filter-url", client.user_id),
        &filters(&[
            ("MUTATION", "https://example.com/never-called"),
            ("MUTATION", &format!("http://127.0.0.1:{closed_port}/")),
        ]),
    );
    sugar_daddy(&client, account, "1.00");
    wait_until_sent(&bunq);
    let listed = client.get(&format!(
        "user/{}/notification-filter-failure?count=200",
        client.user_id
    ));
    let messages: Vec<String> = listed.json()["Response"]
        .as_array()
        .unwrap()
        .iter()
        .map(|item| {
            item["NotificationFilterFailure"]["exception_message"]
                .as_str()
                .unwrap()
                .to_owned()
        })
        .collect();
    assert_eq!(messages.len(), 2, "{messages:?}");
    assert!(
        messages
            .iter()
            .any(|m| m.contains("only to http:// URLs on this machine")),
        "{messages:?}"
    );
    assert!(
        messages.iter().any(|m| m.contains("Could not connect")),
        "{messages:?}"
    );
}

#[test]
fn delivering_never_holds_up_the_answer_to_the_request() {
    // A minute between tries: a first try that failed would stay in flight.
    let bunq = fake(Duration::from_secs(60));
    let client = Client::connect(&bunq.base_url(), &bunq.create_api_key());
    let account = client.account_ids()[0];
    let receiver = Receiver::start(200);
    receiver.hold();
    client.post(
        &format!("user/{}/notification-filter-url", client.user_id),
        &filters(&[("REQUEST", &receiver.url("/slow"))]),
    );
    // The receiver answers only after the request's own answer is back. Were the handler
    // waiting for the delivery, the delivery would time out first and wait a minute.
    sugar_daddy(&client, account, "1.00");
    receiver.release();
    wait_until_sent(&bunq);
    assert_eq!(receiver.received().len(), 1);
    let failures = client.get(&format!(
        "user/{}/notification-filter-failure",
        client.user_id
    ));
    assert!(failures.json()["Response"].as_array().unwrap().is_empty());
}

#[test]
fn filters_survive_a_restart_on_the_state_file() {
    let dir = TempDir::new("callbacks-state");
    let config = FakeBunqConfig {
        accounts_per_user: 1,
        state_file: Some(dir.join("state.json")),
        ..FakeBunqConfig::default()
    };
    let api_key;
    let wanted = [("PAYMENT", "https://example.com/kept")];
    {
        let bunq = FakeBunq::start_with(config.clone()).unwrap();
        api_key = bunq.create_api_key();
        let client = Client::connect(&bunq.base_url(), &api_key);
        client.post(
            &format!("user/{}/notification-filter-url", client.user_id),
            &filters(&wanted),
        );
    }
    let bunq = FakeBunq::start_with(config).unwrap();
    let client = Client::connect(&bunq.base_url(), &api_key);
    let path = format!("user/{}/notification-filter-url", client.user_id);
    assert_eq!(listed(&client.get(&path)), pairs(&wanted));
}
