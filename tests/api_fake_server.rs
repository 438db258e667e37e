//! Calls by name against the fake bunq server: each call is prepared from the table, sent
//! with `Client::send` (or the page walk), and its answer unwrapped as the table says, then
//! read into the typed objects, which write back what the fake sent.

use bunq::api::objects::{
    Amount, MonetaryAccount, MonetaryAccountBank, NewPayment, Payment, Pointer, RequestInquiry,
    User,
};
use bunq::api::{self, Answer, ApiObject, Call};
use bunq::{
    ApiContext, Client, Config, Environment, ErrorKind, ProxySetting, SandboxUserKind,
    create_sandbox_user,
};
use fake_bunq::FakeBunq;
use serde_json::{Value, json};

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
        .permitted_ips(["*"])
        .create()
        .unwrap();
    Client::builder(context)
        .config(test_config())
        .build()
        .unwrap()
}

/// Prepares `call` with the session's user, sends it, unwraps the answer.
fn call(client: &Client, call: Call) -> Answer {
    let prepared = call.prepare(Some(client.user_id().unwrap())).unwrap();
    let response = client.send(prepared.request()).unwrap();
    api::unwrap_answer(prepared.operation(), &response).unwrap()
}

/// `object` read as `T`, written back unchanged.
fn typed<T: serde::de::DeserializeOwned + serde::Serialize>(object: &ApiObject) -> T {
    let value: T = object.parse().unwrap();
    assert_eq!(
        &serde_json::to_value(&value).unwrap(),
        object.value(),
        "{}",
        object.kind()
    );
    value
}

fn first_bank_account(client: &Client) -> MonetaryAccountBank {
    let Answer::List(accounts) = call(client, Call::new("MonetaryAccountBank.list")) else {
        panic!("a list")
    };
    assert!(!accounts.is_empty());
    assert!(
        accounts
            .iter()
            .all(|account| account.kind() == "MonetaryAccountBank")
    );
    typed(&accounts[0])
}

#[test]
fn the_user_and_the_accounts_come_back_typed() {
    let fake = FakeBunq::start().unwrap();
    let client = sandbox_client(&fake);
    let Answer::Object(user) = call(&client, Call::new("User.get")) else {
        panic!("an object")
    };
    assert_eq!(user.kind(), "UserPerson");
    let _: bunq::api::objects::UserPerson = typed(&user);
    let user = User::from_object(&user).unwrap();
    assert_eq!(user.id(), Some(client.user_id().unwrap()));
    let session_user = User::from_session_user(client.context().user().unwrap()).unwrap();
    assert!(matches!(session_user, User::Person(_)));

    let bank = first_bank_account(&client);
    assert!(bank.balance.get().is_some());
    let Answer::List(accounts) = call(&client, Call::new("MonetaryAccount.list")) else {
        panic!("a list")
    };
    let account = MonetaryAccount::from_object(&accounts[0]).unwrap();
    assert!(
        matches!(account, MonetaryAccount::Bank(_)),
        "the anchor's kind is named"
    );
    assert_eq!(account.id(), bank.id.get().copied());
}

#[test]
fn money_is_asked_for_paid_and_listed_by_name() {
    let fake = FakeBunq::start().unwrap();
    let client = sandbox_client(&fake);
    let user_id = client.user_id().unwrap();
    let account_id = *first_bank_account(&client).id.get().unwrap();

    let asked = call(
        &client,
        Call::new("RequestInquiry.create")
            .id("monetary_account_id", account_id)
            .body(json!({
                "amount_inquired": {"value": "100.00", "currency": "EUR"},
                "counterparty_alias": {"type": "EMAIL", "value": "sugardaddy@bunq.com"},
                "description": "sandbox money",
                "allow_bunqme": false,
            })),
    );
    let Answer::Id(inquiry_id) = asked else {
        panic!("an id: {asked:?}")
    };
    let Answer::Object(inquiry) = call(
        &client,
        Call::new("RequestInquiry.get")
            .id("monetary_account_id", account_id)
            .id("request_inquiry_id", inquiry_id),
    ) else {
        panic!("an object")
    };
    let inquiry: RequestInquiry = typed(&inquiry);
    assert_eq!(inquiry.amount_inquired.get().unwrap().value, "100.00");

    let mut paid = Vec::new();
    for (value, description) in [("1.50", "coffee"), ("2.25", "tea"), ("3.00", "cake")] {
        let body = NewPayment::new(
            Amount::new(value, "EUR"),
            Pointer::email("bravo@bunq.com"),
            description,
        );
        let answer = call(
            &client,
            Call::new("Payment.create")
                .id("monetary_account_id", account_id)
                .body(serde_json::to_value(&body).unwrap()),
        );
        let Answer::Id(id) = answer else {
            panic!("an id: {answer:?}")
        };
        paid.push(id);
    }
    let endpoint = format!("user/{user_id}/monetary-account/{account_id}/payment");
    assert_eq!(fake.calls("POST", &endpoint), 3);

    // The whole list, one payment per page, walked lazily with the client's page walk.
    let prepared = Call::new("Payment.list")
        .id("monetary_account_id", account_id)
        .query("count", "1")
        .prepare(Some(user_id))
        .unwrap();
    let key = prepared.operation().object_key().unwrap();
    let mut payments: Vec<Payment> = Vec::new();
    for page in client.pages(prepared.into_request()) {
        for object in api::unwrap_page(&page.unwrap(), key).unwrap() {
            payments.push(typed(&object));
        }
    }
    assert_eq!(payments.len(), 4, "three payments and the sandbox money");
    assert!(fake.calls("GET", &endpoint) >= 4, "one request per page");
    for id in &paid {
        let payment = payments
            .iter()
            .find(|p| p.id.get() == Some(id))
            .expect("listed");
        assert!(payment.amount.get().unwrap().value.starts_with('-'));
    }

    let Answer::Object(one) = call(
        &client,
        Call::new("Payment.get")
            .id("monetary_account_id", account_id)
            .id("payment_id", paid[0]),
    ) else {
        panic!("an object")
    };
    let coffee: Payment = typed(&one);
    assert_eq!(coffee.description.get().map(String::as_str), Some("coffee"));
    assert_eq!(coffee.amount.get().unwrap().value, "-1.50");
}

#[test]
fn a_bad_call_is_refused_before_anything_is_sent() {
    let fake = FakeBunq::start().unwrap();
    let client = sandbox_client(&fake);
    let user_id = client.user_id().unwrap();
    for bad in [
        Call::new("payment.list").id("monetary_account_id", 1),
        Call::new("Payment.list").id("monetary_account_id", 0),
        Call::new("Payment.list")
            .id("monetary_account_id", 1)
            .body(Value::Null),
        Call::new("Payment.list"),
    ] {
        let error = bad.prepare(Some(user_id)).unwrap_err();
        assert_eq!(error.kind(), ErrorKind::InvalidInput, "{error}");
    }
    for account in [0, 1] {
        let endpoint = format!("user/{user_id}/monetary-account/{account}/payment");
        assert_eq!(fake.calls("GET", &endpoint), 0);
    }
}
