//! Monetary accounts, pagination, sandbox money and payments.

mod common;

use common::Client;
use fake_bunq::{FakeBunq, FakeBunqConfig};
use serde_json::{Value, json};

fn ids(page: &Value, kind: &str) -> Vec<u64> {
    page["Response"]
        .as_array()
        .expect("list")
        .iter()
        .map(|item| item[kind]["id"].as_u64().expect("id"))
        .collect()
}

#[test]
fn twenty_five_accounts_take_three_pages_of_ten() {
    let bunq = FakeBunq::start().expect("start");
    let client = Client::connect(&bunq.base_url(), &bunq.create_api_key());
    let list = format!("user/{}/monetary-account", client.user_id);

    let first = client.get(&format!("{list}?count=10"));
    assert_eq!(first.status, 200);
    client.assert_signed(&first);
    let first = first.json();
    let first_ids = ids(&first, "MonetaryAccountBank");
    assert_eq!(first_ids.len(), 10);
    assert!(
        first_ids.windows(2).all(|pair| pair[0] > pair[1]),
        "newest first"
    );
    let pagination = &first["Pagination"];
    assert_eq!(pagination["newer_url"], Value::Null);
    assert_eq!(
        pagination["future_url"],
        format!("/v1/{list}?count=10&newer_id={}", first_ids[0])
    );
    let older = pagination["older_url"]
        .as_str()
        .expect("older page")
        .to_owned();
    assert_eq!(
        older,
        format!("/v1/{list}?count=10&older_id={}", first_ids[9])
    );

    let second = client.get(&older).json();
    let second_ids = ids(&second, "MonetaryAccountBank");
    assert_eq!(second_ids.len(), 10);
    assert!(second_ids[0] < first_ids[9]);
    let newer = second["Pagination"]["newer_url"]
        .as_str()
        .expect("newer")
        .to_owned();
    let third = client
        .get(
            second["Pagination"]["older_url"]
                .as_str()
                .expect("third page"),
        )
        .json();
    let third_ids = ids(&third, "MonetaryAccountBank");
    assert_eq!(third_ids.len(), 5);
    assert_eq!(third["Pagination"]["older_url"], Value::Null);

    let mut all: Vec<u64> = [first_ids.clone(), second_ids.clone(), third_ids].concat();
    all.sort_unstable();
    all.dedup();
    assert_eq!(all.len(), 25);

    // newer_id of the second page's newest item leads back to the first page.
    let back = client.get(&newer).json();
    assert_eq!(ids(&back, "MonetaryAccountBank"), first_ids);

    let account = &first["Response"][0]["MonetaryAccountBank"];
    assert_eq!(
        account["balance"],
        json!({ "value": "0.00", "currency": "EUR" })
    );
    assert_eq!(account["alias"][0]["type"], "IBAN");
    assert!(
        account["alias"][0]["value"]
            .as_str()
            .expect("iban")
            .starts_with("NL")
    );
    assert_eq!(account["status"], "ACTIVE");
    assert_eq!(account["user_id"], client.user_id);

    let bank = client.get(&format!(
        "user/{}/monetary-account-bank?count=200",
        client.user_id
    ));
    assert_eq!(ids(&bank.json(), "MonetaryAccountBank").len(), 25);
    for bad in ["0", "201", "ten"] {
        assert_eq!(
            client.get(&format!("{list}?count={bad}")).status,
            400,
            "{bad}"
        );
    }
    assert_eq!(bunq.calls("GET", &list), 7);
}

#[test]
fn sugar_daddy_adds_money_and_payments_take_it() {
    let bunq = FakeBunq::start_with(FakeBunqConfig {
        accounts_per_user: 2,
        ..FakeBunqConfig::default()
    })
    .expect("start");
    let client = Client::connect(&bunq.base_url(), &bunq.create_api_key());
    let account_id = *client.account_ids().last().expect("oldest account");
    let user_id = client.user_id;
    let base = format!("user/{user_id}/monetary-account/{account_id}");
    assert_eq!(bunq.balance(user_id, account_id).as_deref(), Some("0.00"));

    let request = |value: &str, email: &str| {
        json!({
            "amount_inquired": { "value": value, "currency": "EUR" },
            "counterparty_alias": { "type": "EMAIL", "value": email },
            "description": "Money please",
            "allow_bunqme": true,
        })
    };
    let inquiry = client.post(
        &format!("{base}/request-inquiry"),
        &request("100.00", "sugardaddy@bunq.com"),
    );
    assert_eq!(inquiry.status, 200);
    client.assert_signed(&inquiry);
    let inquiry_id = inquiry.item(0)["Id"]["id"].as_u64().expect("id");
    assert_eq!(bunq.balance(user_id, account_id).as_deref(), Some("100.00"));
    let fetched = client.get(&format!("{base}/request-inquiry/{inquiry_id}"));
    assert_eq!(fetched.item(0)["RequestInquiry"]["status"], "ACCEPTED");

    let too_much = client.post(
        &format!("{base}/request-inquiry"),
        &request("500.01", "sugardaddy@bunq.com"),
    );
    assert_eq!(too_much.status, 400);
    let stranger = client.post(
        &format!("{base}/request-inquiry"),
        &request("1.00", "someone@example.com"),
    );
    assert_eq!(stranger.status, 400);
    assert!(stranger.error_description().contains("only sugardaddy"));
    for bad in ["0.00", "-1.00", "1.005", "abc"] {
        let response = client.post(
            &format!("{base}/request-inquiry"),
            &request(bad, "sugardaddy@bunq.com"),
        );
        assert_eq!(response.status, 400, "{bad}");
    }
    let mut no_bunqme = request("1.00", "sugardaddy@bunq.com");
    no_bunqme
        .as_object_mut()
        .expect("object")
        .remove("allow_bunqme");
    assert_eq!(
        client
            .post(&format!("{base}/request-inquiry"), &no_bunqme)
            .status,
        400
    );
    let unsigned = client.call(
        "POST",
        &format!("{base}/request-inquiry"),
        request("1.00", "sugardaddy@bunq.com")
            .to_string()
            .as_bytes(),
        client.session_token.as_deref(),
        false,
    );
    assert_eq!(unsigned.status, 466);
    assert_eq!(bunq.balance(user_id, account_id).as_deref(), Some("100.00"));
    assert!(
        client
            .post(
                &format!("{base}/request-inquiry"),
                &request("500.00", "sugardaddy@bunq.com")
            )
            .status
            == 200
    );
    assert_eq!(bunq.balance(user_id, account_id).as_deref(), Some("600.00"));

    let payment = |value: &str| {
        json!({
            "amount": { "value": value, "currency": "EUR" },
            "counterparty_alias": { "type": "IBAN", "value": "NL02ABNA0123456789", "name": "Someone" },
            "description": "Thanks",
        })
    };
    let paid = client.post(&format!("{base}/payment"), &payment("0.01"));
    assert_eq!(paid.status, 200);
    let payment_id = paid.item(0)["Id"]["id"].as_u64().expect("id");
    assert_eq!(bunq.balance(user_id, account_id).as_deref(), Some("599.99"));
    let broke = client.post(&format!("{base}/payment"), &payment("600.00"));
    assert_eq!(broke.status, 400);
    assert_eq!(broke.error_description(), "Insufficient balance.");
    assert_eq!(bunq.balance(user_id, account_id).as_deref(), Some("599.99"));
    let mut nameless = payment("1.00");
    nameless["counterparty_alias"]
        .as_object_mut()
        .expect("alias")
        .remove("name");
    assert_eq!(
        client.post(&format!("{base}/payment"), &nameless).status,
        400
    );

    let one = client.get(&format!("{base}/payment/{payment_id}"));
    assert_eq!(one.status, 200);
    let booked = &one.item(0)["Payment"];
    assert_eq!(
        booked["amount"],
        json!({ "value": "-0.01", "currency": "EUR" })
    );
    assert_eq!(booked["balance_after_mutation"]["value"], "599.99");
    assert_eq!(booked["counterparty_alias"]["name"], "Someone");

    // Two incoming payments from the sugar daddy and one outgoing, newest first.
    let listed = client.get(&format!("{base}/payment?count=2")).json();
    assert_eq!(ids(&listed, "Payment")[0], payment_id);
    assert_eq!(
        listed["Response"][1]["Payment"]["amount"]["value"],
        "500.00"
    );
    assert!(listed["Pagination"]["older_url"].as_str().is_some());

    let account = client.get(&base);
    assert_eq!(
        account.item(0)["MonetaryAccountBank"]["balance"]["value"],
        "599.99"
    );
    assert_eq!(
        client
            .get(&format!("user/{user_id}/monetary-account/999999"))
            .status,
        404
    );
    assert_eq!(bunq.balance(user_id, 999_999), None);
}

#[test]
fn another_users_accounts_are_not_found() {
    let bunq = FakeBunq::start_with(FakeBunqConfig {
        accounts_per_user: 1,
        ..FakeBunqConfig::default()
    })
    .expect("start");
    let alice = Client::connect(&bunq.base_url(), &bunq.create_api_key());
    let bob = Client::connect(&bunq.base_url(), &bunq.create_api_key());
    let alice_account = alice.account_ids()[0];
    let path = format!("user/{}/monetary-account/{alice_account}", alice.user_id);
    assert_eq!(alice.get(&path).status, 200);
    assert_eq!(bob.get(&path).status, 404);
    let bobs_path = format!("user/{}/monetary-account/{alice_account}", bob.user_id);
    assert_eq!(bob.get(&bobs_path).status, 404);
}
