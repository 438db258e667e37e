//! Callbacks end to end against the offline fake bunq: bunq's own samples parse; filters are
//! listed, added, removed and cleared through the client; a whole webhook loop (register,
//! pay, receive, check the sender, de-duplicate, confirm through the signed API); and bad
//! input: garbage, a huge body, an object that does not exist, a replayed delivery.
//!
//! The samples in `tests/data/callbacks/` are bunq's (sdk_python's
//! `tests/assets/NotificationUrlJsons/`, MIT, `LICENSE-bunq-sdk-python.md` beside them).

mod common;
#[path = "callbacks/receiver.rs"]
mod receiver;

use std::collections::HashSet;
use std::net::IpAddr;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use bunq::callbacks::{
    self, Callback, Category, FilterOwner, NotificationFilter, SenderRanges, parse_callback,
};
use bunq::{ApiContext, Client, Environment, ErrorKind, SandboxUserKind, create_sandbox_user};
use common::test_config;
use fake_bunq::{FakeBunq, FakeBunqConfig};
use receiver::Receiver;
use serde_json::{Value, json};

fn fake(retry_interval: Duration) -> FakeBunq {
    FakeBunq::start_with(FakeBunqConfig {
        accounts_per_user: 2,
        callback_retry_interval: retry_interval,
        ..FakeBunqConfig::default()
    })
    .unwrap()
}

/// A new sandbox user of `fake` and a client for it.
fn user(fake: &FakeBunq) -> Client {
    let environment = Environment::custom(fake.base_url());
    let api_key =
        create_sandbox_user(&environment, SandboxUserKind::Person, &test_config()).unwrap();
    let context = ApiContext::builder(environment, api_key.expose())
        .description("callbacks test")
        .permitted_ips(["*"])
        .config(test_config())
        .create()
        .unwrap();
    Client::builder(context)
        .config(test_config())
        .build()
        .unwrap()
}

/// The user's accounts as (id, IBAN), newest first.
fn accounts(client: &Client) -> Vec<(u64, String)> {
    let path = format!(
        "user/{}/monetary-account?count=200",
        client.user_id().unwrap()
    );
    client
        .get(&path)
        .unwrap()
        .all("MonetaryAccountBank")
        .unwrap()
        .iter()
        .map(|account| {
            let iban = account["alias"][0]["value"].as_str().unwrap().to_owned();
            (account["id"].as_u64().unwrap(), iban)
        })
        .collect()
}

fn pay(client: &Client, from: u64, to_iban: &str, value: &str) -> u64 {
    let path = format!(
        "user/{}/monetary-account/{from}/payment",
        client.user_id().unwrap()
    );
    let body = json!({
        "amount": { "value": value, "currency": "EUR" },
        "counterparty_alias": { "type": "IBAN", "value": to_iban, "name": "Bob" },
        "description": "callbacks test",
    });
    client.post(&path, &body).unwrap().id().unwrap()
}

fn filter(category: Category, target: &str) -> NotificationFilter {
    NotificationFilter::new(category, target).unwrap()
}

fn wait_until_sent(fake: &FakeBunq) {
    let deadline = Instant::now() + Duration::from_secs(20);
    while fake.callbacks_in_flight() > 0 {
        assert!(Instant::now() < deadline, "callbacks still in flight");
        std::thread::sleep(Duration::from_millis(5));
    }
}

fn sample_files() -> Vec<PathBuf> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/data/callbacks");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "json"))
        .collect();
    files.sort();
    files
}

#[test]
fn every_sample_of_bunq_parses_and_names_an_object_that_can_be_confirmed() {
    let expected = [
        (
            "BunqMeTab",
            "BUNQME_TAB",
            "BUNQME_TAB_CREATED",
            8,
            "monetary-account/32/bunqme-tab/8",
        ),
        (
            "DraftPayment",
            "DRAFT_PAYMENT",
            "DRAFT_PAYMENT_ACCEPTED",
            1,
            "monetary-account/42/draft-payment/1",
        ),
        (
            "MasterCardAction",
            "DRAFT_PAYMENT",
            "DRAFT_PAYMENT_ACCEPTED",
            1,
            "monetary-account/31/mastercard-action/1",
        ),
        (
            "MonetaryAccountBank",
            "DRAFT_PAYMENT",
            "DRAFT_PAYMENT_ACCEPTED",
            21,
            "monetary-account-bank/21",
        ),
        (
            "Payment",
            "MUTATION",
            "MUTATION_CREATED",
            108864,
            "monetary-account/213/payment/108864",
        ),
        (
            "RequestInquiry",
            "REQUEST",
            "REQUEST_INQUIRY_ACCEPTED",
            21,
            "monetary-account/43/request-inquiry/21",
        ),
        (
            "ScheduledPayment",
            "SCHEDULE_RESULT",
            "SCHEDULE_DEFINITION_PAYMENT_BATCH_CANCELLED",
            2,
            "monetary-account/44/schedule-payment/2",
        ),
        (
            "ShareInviteBankInquiry",
            "SHARE",
            "SHARE_INVITE_BANK_INQUIRY_ACCEPTED",
            1,
            "monetary-account/46/share-invite-monetary-account-inquiry/1",
        ),
    ];
    let files = sample_files();
    assert!(files.len() >= expected.len(), "{files:?}");
    let mut seen = HashSet::new();
    for file in &files {
        let body = std::fs::read(file).unwrap();
        let callback = parse_callback(&body)
            .unwrap_or_else(|error| panic!("{} does not parse: {error}", file.display()));
        assert!(callback.category.is_known(), "{}", file.display());
        assert_eq!(callback.target_url.as_deref(), Some("nope"));
        assert_eq!(callback.deduplication_key().len(), 64);
        seen.insert(callback.object_type.clone());
        let Some((_, category, event_type, id, path)) = expected
            .iter()
            .find(|(object_type, ..)| *object_type == callback.object_type)
        else {
            continue;
        };
        assert_eq!(callback.category.as_str(), *category, "{}", file.display());
        assert_eq!(callback.event_type, *event_type);
        assert_eq!(callback.object_id, Some(*id));
        assert_eq!(callback.object["id"], *id);
        assert_eq!(
            callbacks::confirm_path(7, &callback.object_type, &callback.object).unwrap(),
            format!("user/7/{path}")
        );
    }
    for (object_type, ..) in expected {
        assert!(seen.contains(object_type), "no sample of {object_type}");
    }
}

#[test]
fn filters_are_listed_added_removed_and_cleared_through_the_client() {
    let fake = fake(Duration::from_secs(60));
    let client = user(&fake);
    let user_id = client.user_id().unwrap();
    let (account_id, _) = accounts(&client)[0];
    let user_list = format!("user/{user_id}/notification-filter-url");
    let account = FilterOwner::MonetaryAccount(account_id);
    assert!(
        callbacks::list_filters(&client, FilterOwner::User)
            .unwrap()
            .is_empty()
    );

    let payments = filter(Category::Payment, "https://example.com/bunq");
    let mutations = filter(Category::Mutation, "http://127.0.0.1:9/bunq");
    assert_eq!(
        callbacks::add_filter(&client, FilterOwner::User, &payments).unwrap(),
        vec![payments.clone()]
    );
    let both = callbacks::add_filter(&client, FilterOwner::User, &mutations).unwrap();
    assert_eq!(both, vec![payments.clone(), mutations.clone()]);
    assert_eq!(
        callbacks::list_filters(&client, FilterOwner::User).unwrap(),
        both
    );
    // Adding one that is there already writes nothing.
    let posts = fake.calls("POST", &user_list);
    callbacks::add_filter(&client, FilterOwner::User, &payments).unwrap();
    assert_eq!(fake.calls("POST", &user_list), posts);

    // The account's list is separate.
    callbacks::replace_filters(&client, account, std::slice::from_ref(&mutations)).unwrap();
    assert_eq!(
        callbacks::list_filters(&client, account).unwrap(),
        vec![mutations.clone()]
    );

    assert_eq!(
        callbacks::remove_filter(&client, FilterOwner::User, &payments).unwrap(),
        vec![mutations.clone()]
    );
    assert_eq!(
        callbacks::list_filters(&client, FilterOwner::User).unwrap(),
        vec![mutations.clone()]
    );
    let posts = fake.calls("POST", &user_list);
    callbacks::remove_filter(&client, FilterOwner::User, &payments).unwrap();
    assert_eq!(
        fake.calls("POST", &user_list),
        posts,
        "nothing to remove, nothing written"
    );

    callbacks::clear_filters(&client, FilterOwner::User).unwrap();
    assert!(
        callbacks::list_filters(&client, FilterOwner::User)
            .unwrap()
            .is_empty()
    );
    assert_eq!(
        callbacks::list_filters(&client, account).unwrap(),
        vec![mutations]
    );

    // A target bunq must not be given is refused before anything is sent.
    let posts = fake.calls("POST", &user_list);
    let cleartext = NotificationFilter {
        category: Category::Payment,
        target: "http://example.com/bunq".to_owned(),
    };
    for error in [
        callbacks::replace_filters(&client, FilterOwner::User, std::slice::from_ref(&cleartext))
            .unwrap_err(),
        callbacks::add_filter(&client, FilterOwner::User, &cleartext).unwrap_err(),
        NotificationFilter::new(Category::Payment, "http://example.com/bunq").unwrap_err(),
    ] {
        assert_eq!(error.kind(), ErrorKind::InvalidInput);
        assert!(error.message().contains("only https://"), "{error}");
    }
    assert_eq!(fake.calls("POST", &user_list), posts);

    // What bunq itself refuses comes back as bunq's error.
    let too_many: Vec<_> = (1..=3)
        .map(|n| filter(Category::Payment, &format!("https://example.com/{n}")))
        .collect();
    let refused = callbacks::replace_filters(&client, FilterOwner::User, &too_many).unwrap_err();
    assert_eq!(refused.status(), Some(400));
    let unknown_account = FilterOwner::MonetaryAccount(999_999);
    let missing = callbacks::list_filters(&client, unknown_account).unwrap_err();
    assert_eq!(missing.status(), Some(404));
}

/// One callback as the loop handles it: from where, parsed, and bunq's confirmed object.
struct Handled {
    callback: Callback,
    confirmed: Value,
}

#[test]
fn the_whole_webhook_loop_register_pay_receive_check_deduplicate_confirm() {
    let fake = fake(Duration::from_secs(60));
    let alice = user(&fake);
    let bob = user(&fake);
    let receiver = Receiver::start();
    let (alice_account, alice_iban) = accounts(&alice)[0].clone();
    let (bob_account, bob_iban) = accounts(&bob)[1].clone();

    // Alice listens on her user for payments, mutations and requests; Bob on one account.
    for category in [Category::Payment, Category::Mutation, Category::Request] {
        let listening = filter(category, &receiver.url("/alice"));
        callbacks::add_filter(&alice, FilterOwner::User, &listening).unwrap();
    }
    let bobs = FilterOwner::MonetaryAccount(bob_account);
    callbacks::replace_filters(
        &bob,
        bobs,
        &[
            filter(Category::Payment, &receiver.url("/bob")),
            filter(Category::Mutation, &receiver.url("/bob")),
        ],
    )
    .unwrap();

    alice
        .request_sandbox_money(alice_account, "100.00", "callbacks test")
        .unwrap();
    let payment_id = pay(&alice, alice_account, &bob_iban, "12.34");
    wait_until_sent(&fake);
    let deliveries = receiver.wait_for(6);
    assert_eq!(deliveries.len(), 6);

    // The fake delivers from loopback (127.0.0.2 where the system allows it); bunq's
    // production range is another, and the list is the receiver's to choose.
    let fake_senders = SenderRanges::new(["127.0.0.0/8", "::1"]).unwrap();
    let mut seen_keys = HashSet::new();
    let mut handled: Vec<(String, Handled)> = Vec::new();
    for delivery in &deliveries {
        assert_eq!(delivery.status, 200);
        assert!(fake_senders.contains(delivery.peer.ip()));
        assert!(!callbacks::is_from_bunq(delivery.peer.ip()));
        if cfg!(target_os = "linux") {
            assert_eq!(
                delivery.peer.ip(),
                IpAddr::from(fake_bunq::CALLBACK_SOURCE_ADDRESS)
            );
        }
        let callback = parse_callback(&delivery.body).unwrap();
        assert!(
            seen_keys.insert(callback.deduplication_key()),
            "no repeats here"
        );
        let client = if delivery.path == "/alice" {
            &alice
        } else {
            &bob
        };
        let confirmed = callbacks::confirm_callback(client, &callback).unwrap();
        println!(
            "{} {} {} {} -> {}",
            delivery.path,
            callback.category,
            callback.event_type,
            callback.object_type,
            confirmed["amount"]["value"]
        );
        handled.push((
            delivery.path.clone(),
            Handled {
                callback,
                confirmed,
            },
        ));
    }

    let summary: Vec<(&str, &str, &str, &str)> = handled
        .iter()
        .map(|(path, handled)| {
            (
                path.as_str(),
                handled.callback.category.as_str(),
                handled.callback.event_type.as_str(),
                handled.callback.object_type.as_str(),
            )
        })
        .collect();
    let alice_side: Vec<_> = summary
        .iter()
        .filter(|s| s.0 == "/alice")
        .copied()
        .collect();
    assert_eq!(
        alice_side,
        [
            (
                "/alice",
                "REQUEST",
                "REQUEST_INQUIRY_ACCEPTED",
                "RequestInquiry"
            ),
            ("/alice", "MUTATION", "MUTATION_RECEIVED", "Payment"),
            ("/alice", "PAYMENT", "PAYMENT_CREATED", "Payment"),
            ("/alice", "MUTATION", "MUTATION_CREATED", "Payment"),
        ]
    );
    let bob_side: Vec<_> = summary.iter().filter(|s| s.0 == "/bob").copied().collect();
    assert_eq!(
        bob_side,
        [
            ("/bob", "PAYMENT", "PAYMENT_RECEIVED", "Payment"),
            ("/bob", "MUTATION", "MUTATION_RECEIVED", "Payment"),
        ]
    );
    for (_, handled) in &handled {
        // bunq's signed answer names the object the callback named.
        assert_eq!(handled.confirmed["id"], handled.callback.object["id"]);
        assert_eq!(
            Some(handled.confirmed["id"].as_u64().unwrap()),
            handled.callback.object_id
        );
    }
    let sent = handled
        .iter()
        .find(|(_, h)| h.callback.event_type == "PAYMENT_CREATED")
        .map(|(_, h)| &h.confirmed)
        .unwrap();
    assert_eq!(sent["id"], payment_id);
    assert_eq!(sent["amount"]["value"], "-12.34");
    assert_eq!(sent["monetary_account_id"], alice_account);
    let received = handled
        .iter()
        .find(|(_, h)| h.callback.event_type == "PAYMENT_RECEIVED")
        .map(|(_, h)| &h.confirmed)
        .unwrap();
    assert_eq!(received["amount"]["value"], "12.34");
    assert_eq!(received["monetary_account_id"], bob_account);
    assert_eq!(received["counterparty_alias"]["value"], alice_iban);
    assert!(
        callbacks::list_failed_deliveries(&alice)
            .unwrap()
            .is_empty()
    );
}

#[test]
fn a_receiver_fed_garbage_or_a_huge_body_refuses_it_and_keeps_working() {
    use std::io::{Read, Write};

    let receiver = Receiver::start();
    let post = |body: &[u8], declared_length: usize| -> String {
        let mut stream = std::net::TcpStream::connect(receiver.address()).unwrap();
        let head =
            format!("POST /hook HTTP/1.1\r\nHost: x\r\nContent-Length: {declared_length}\r\n\r\n");
        stream.write_all(head.as_bytes()).unwrap();
        let _ = stream.write_all(body);
        let mut answer = String::new();
        let _ = stream.read_to_string(&mut answer);
        answer
    };
    let garbage: [&[u8]; 5] = [
        b"\x00\xff\xfe garbage",
        b"{\"NotificationUrl\": {\"category\": \"PAYMENT\"}}",
        b"{\"Response\": [{\"Payment\": {\"id\": 1}}]}",
        b"null",
        b"",
    ];
    for body in garbage {
        let answer = post(body, body.len());
        assert!(answer.starts_with("HTTP/1.1 400"), "{answer}");
        assert!(answer.contains("not a bunq callback"), "{answer}");
    }
    // Over the cap: refused from the declared length, the body never read.
    let answer = post(b"{}", callbacks::MAX_CALLBACK_BYTES + 1);
    assert!(answer.starts_with("HTTP/1.1 413"), "{answer}");
    // And when a huge body does reach the parser, it is refused before any decoding.
    let mut huge = br#"{"NotificationUrl": {"category": "PAYMENT", "event_type": "E", "object": {"Payment": {"id": 1, "x": ""#.to_vec();
    huge.resize(2 * 1024 * 1024, b'a');
    huge.extend_from_slice(b"\"}}}}");
    let error = parse_callback(&huge).unwrap_err();
    assert_eq!(error.kind(), ErrorKind::InvalidInput);
    assert!(
        error.message().contains("more than the 1048576 bytes"),
        "{error}"
    );

    // Still answering: a real callback gets its 200.
    let sample = std::fs::read(sample_files()[0].clone()).unwrap();
    let answer = post(&sample, sample.len());
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
    let statuses: Vec<u16> = receiver.deliveries().iter().map(|d| d.status).collect();
    assert_eq!(statuses, [400, 400, 400, 400, 400, 413, 200]);
}

#[test]
fn confirming_an_object_that_does_not_exist_says_not_found() {
    let fake = fake(Duration::from_secs(60));
    let client = user(&fake);
    let user_id = client.user_id().unwrap();
    let (account_id, _) = accounts(&client)[0];
    // A callback shaped like bunq's, naming a payment bunq never made.
    let body = json!({ "NotificationUrl": {
        "target_url": "https://example.com/bunq",
        "category": "PAYMENT",
        "event_type": "PAYMENT_CREATED",
        "object": { "Payment": {
            "id": 999_999, "monetary_account_id": account_id,
            "amount": { "value": "1000000.00", "currency": "EUR" },
        } },
    }});
    let forged = parse_callback(body.to_string().as_bytes()).unwrap();
    let error = callbacks::confirm_callback(&client, &forged).unwrap_err();
    assert_eq!(error.kind(), ErrorKind::Api);
    assert_eq!(error.status(), Some(404));
    let path = format!("user/{user_id}/monetary-account/{account_id}/payment/999999");
    assert_eq!(fake.calls("GET", &path), 1);

    // An account that is not the user's: bunq does not show it either.
    let elsewhere = json!({ "id": 1, "monetary_account_id": 999_999 });
    let error = callbacks::confirm_object(&client, "Payment", &elsewhere).unwrap_err();
    assert_eq!(error.status(), Some(404));

    // A type that cannot be fetched by its id: refused, nothing sent.
    let sent = client.transport_stats().requests_sent;
    let error = callbacks::confirm_object(&client, "ChatMessage", &json!({ "id": 1 })).unwrap_err();
    assert_eq!(error.kind(), ErrorKind::InvalidInput);
    let error = callbacks::confirm_object(&client, "Payment", &json!({ "id": 1 })).unwrap_err();
    assert!(error.message().contains("monetary_account_id"), "{error}");
    assert_eq!(client.transport_stats().requests_sent, sent);
}

#[test]
fn a_replayed_delivery_has_the_same_key_and_bunqs_failures_can_be_sent_again() {
    let fake = fake(Duration::from_millis(10));
    let client = user(&fake);
    let (account_id, _) = accounts(&client)[0];
    let receiver = Receiver::start();
    let listening = filter(Category::Request, &receiver.url("/hook"));
    callbacks::add_filter(&client, FilterOwner::User, &listening).unwrap();

    // The first try fails: the fake tries again with the same body.
    receiver.fail_next(1);
    client
        .request_sandbox_money(account_id, "5.00", "callbacks test")
        .unwrap();
    wait_until_sent(&fake);
    let deliveries = receiver.wait_for(2);
    let statuses: Vec<u16> = deliveries.iter().map(|d| d.status).collect();
    assert_eq!(statuses, [500, 200]);
    let first = parse_callback(&deliveries[0].body).unwrap();
    let replay = parse_callback(&deliveries[1].body).unwrap();
    assert_eq!(first.deduplication_key(), replay.deduplication_key());
    let mut handled = HashSet::new();
    let processed = deliveries
        .iter()
        .filter(|d| d.status == 200)
        .map(|d| parse_callback(&d.body).unwrap())
        .filter(|callback| handled.insert(callback.deduplication_key()))
        .count();
    assert_eq!(processed, 1);

    // All six tries fail: bunq lists the delivery, and sends it again when asked.
    receiver.fail_next(6);
    client
        .request_sandbox_money(account_id, "6.00", "callbacks test")
        .unwrap();
    wait_until_sent(&fake);
    let failures = callbacks::list_failed_deliveries(&client).unwrap();
    assert_eq!(failures.len(), 1);
    let failure = &failures[0];
    assert_eq!(failure.category, Category::Request);
    assert_eq!(failure.event_type, "REQUEST_INQUIRY_ACCEPTED");
    assert_eq!(failure.response_code, Some(500));
    assert_eq!(failure.targets, vec![receiver.url("/hook")]);
    let failed_body = receiver.deliveries().last().unwrap().body.clone();
    assert_eq!(
        failure.object_id,
        parse_callback(&failed_body).unwrap().object_id
    );

    callbacks::retry_failed_deliveries(&client, &[failure.id.unwrap()]).unwrap();
    wait_until_sent(&fake);
    let last = receiver.deliveries().last().unwrap().clone();
    assert_eq!(last.status, 200);
    assert_eq!(last.body, failed_body, "sent again, byte for byte");
    assert!(
        callbacks::list_failed_deliveries(&client)
            .unwrap()
            .is_empty()
    );
    let error = callbacks::retry_failed_deliveries(&client, &[]).unwrap_err();
    assert_eq!(error.kind(), ErrorKind::InvalidInput);
    let error = callbacks::retry_failed_deliveries(&client, &[424_242]).unwrap_err();
    assert_eq!(error.status(), Some(404));
}
