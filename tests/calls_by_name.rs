//! `Client::call` and `Client::objects` against the fake bunq server: list every account, pay
//! by name, list the payments across pages, read one back; and wrong calls refused before
//! anything is sent.

use bunq::api::{Answer, Call};
use bunq::{
    ApiContext, Client, Config, Environment, ErrorKind, ProxySetting, SandboxUserKind,
    create_sandbox_user,
};
use fake_bunq::FakeBunq;
use serde_json::json;

fn test_config() -> Config {
    Config::builder()
        .proxy(ProxySetting::None)
        .rate_limits(None)
        .build()
}

fn sandbox_client(fake: &FakeBunq) -> Client {
    let environment = Environment::custom(fake.base_url());
    let api_key =
        create_sandbox_user(&environment, SandboxUserKind::Person, &test_config()).unwrap();
    let context = ApiContext::builder(environment, api_key.expose())
        .config(test_config())
        .create()
        .unwrap();
    Client::builder(context)
        .config(test_config())
        .build()
        .unwrap()
}

fn pay(client: &Client, account_id: u64, cents: u32) -> u64 {
    let body = json!({
        "amount": {"value": format!("0.{cents:02}"), "currency": "EUR"},
        "counterparty_alias": {"type": "EMAIL", "value": "sugardaddy@bunq.com", "name": "Sugar Daddy"},
        "description": format!("payment of {cents} cents"),
    });
    let call = Call::new("Payment.create")
        .id("monetary_account_id", account_id)
        .body(body);
    match client.call(&call).unwrap() {
        Answer::Id(id) => id,
        other => panic!("Payment.create answers an id, not {other:?}"),
    }
}

#[test]
fn accounts_payments_and_pages_by_name() {
    let fake = FakeBunq::start().unwrap();
    let client = sandbox_client(&fake);

    let Answer::List(accounts) = client.call(&Call::new("MonetaryAccount.list")).unwrap() else {
        panic!("MonetaryAccount.list answers a list")
    };
    assert!(!accounts.is_empty());
    let account = accounts
        .iter()
        .find(|account| account.kind() == "MonetaryAccountBank")
        .expect("the user has a bank account");
    let account_id = account.value()["id"].as_u64().unwrap();
    let Answer::Id(_) = client
        .call(
            &Call::new("RequestInquiry.create")
                .id("monetary_account_id", account_id)
                .body(json!({
                    "amount_inquired": {"value": "10.00", "currency": "EUR"},
                    "counterparty_alias": {"type": "EMAIL", "value": "sugardaddy@bunq.com"},
                    "description": "money to spend",
                    "allow_bunqme": false,
                })),
        )
        .unwrap()
    else {
        panic!("RequestInquiry.create answers an id")
    };

    let made: Vec<u64> = (1..=3)
        .map(|cents| pay(&client, account_id, cents))
        .collect();

    // One payment a page: the walk follows older_url three times (and more for the
    // request's incoming payment), newest first.
    let walk = client
        .objects(
            &Call::new("Payment.list")
                .id("monetary_account_id", account_id)
                .query("count", "1"),
        )
        .unwrap();
    let listed: Vec<u64> = walk
        .map(|payment| {
            let payment = payment.unwrap();
            assert_eq!(payment.kind(), "Payment");
            payment.value()["id"].as_u64().unwrap()
        })
        .collect();
    for id in &made {
        assert_eq!(
            listed.iter().filter(|listed| *listed == id).count(),
            1,
            "payment {id} is listed exactly once in {listed:?}"
        );
    }
    let position = |id: &u64| listed.iter().position(|listed| listed == id).unwrap();
    assert!(
        position(&made[2]) < position(&made[0]),
        "newest first: {listed:?}"
    );

    // call() walks every page too, at once.
    let Answer::List(all) = client
        .call(
            &Call::new("Payment.list")
                .id("monetary_account_id", account_id)
                .query("count", "2"),
        )
        .unwrap()
    else {
        panic!("a list")
    };
    assert_eq!(all.len(), listed.len());

    let Answer::Object(payment) = client
        .call(
            &Call::new("Payment.get")
                .id("monetary_account_id", account_id)
                .id("payment_id", made[1]),
        )
        .unwrap()
    else {
        panic!("Payment.get answers an object")
    };
    assert_eq!(payment.value()["amount"]["value"], "-0.02");
}

#[test]
fn wrong_calls_are_refused_before_anything_is_sent() {
    let fake = FakeBunq::start().unwrap();
    let client = sandbox_client(&fake);
    client.user_id().unwrap();
    let sent = client.transport_stats().requests_sent;
    let wrong = [
        Call::new("Payment.lsit").id("monetary_account_id", 1),
        Call::new("Payment.list"),
        Call::new("Payment.list")
            .id("monetary_account_id", 1)
            .id("payment_id", 2),
        Call::new("Payment.get")
            .id("monetary_account_id", 1)
            .id("payment_id", "seven"),
        Call::new("Payment.list")
            .id("monetary_account_id", 1)
            .body(json!({})),
    ];
    for call in &wrong {
        let error = client.call(call).unwrap_err();
        assert_eq!(error.kind(), ErrorKind::InvalidInput, "{call:?}: {error}");
    }
    let error = client.call(&wrong[0]).unwrap_err();
    assert!(error.message().contains("Payment.list"), "{error}");
    let error = client
        .objects(
            &Call::new("Payment.get")
                .id("monetary_account_id", 1)
                .id("payment_id", 2),
        )
        .unwrap_err();
    assert_eq!(error.kind(), ErrorKind::InvalidInput, "{error}");
    assert_eq!(
        client.transport_stats().requests_sent,
        sent,
        "nothing was sent"
    );
}
