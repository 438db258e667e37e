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

/// Every item of a page of `monetary-account`, as (kind, id).
fn kinds_and_ids(page: &Value) -> Vec<(String, u64)> {
    page["Response"]
        .as_array()
        .expect("list")
        .iter()
        .map(|item| {
            let object = item.as_object().expect("object");
            assert_eq!(object.len(), 1, "one kind per item: {item}");
            let (kind, account) = object.iter().next().expect("kind");
            (kind.clone(), account["id"].as_u64().expect("id"))
        })
        .collect()
}

fn only_ids(items: &[(String, u64)]) -> Vec<u64> {
    items.iter().map(|(_, id)| *id).collect()
}

#[test]
fn twenty_seven_accounts_of_three_kinds_take_three_pages_of_ten() {
    let bunq = FakeBunq::start().expect("start");
    let client = Client::connect(&bunq.base_url(), &bunq.create_api_key());
    let list = format!("user/{}/monetary-account", client.user_id);

    let first = client.get(&format!("{list}?count=10"));
    assert_eq!(first.status, 200);
    client.assert_signed(&first);
    let first = first.json();
    let first_items = kinds_and_ids(&first);
    let first_ids = only_ids(&first_items);
    assert_eq!(first_ids.len(), 10);
    assert!(
        first_ids.windows(2).all(|pair| pair[0] > pair[1]),
        "newest first"
    );
    assert!(
        first_items
            .iter()
            .all(|(kind, _)| kind == "MonetaryAccountBank"),
        "the newest accounts are bank accounts: {first_items:?}"
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
    let second_items = kinds_and_ids(&second);
    assert_eq!(second_items.len(), 10);
    assert!(second_items[0].1 < first_ids[9]);
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
    let third_items = kinds_and_ids(&third);
    assert_eq!(third_items.len(), 7);
    assert_eq!(third["Pagination"]["older_url"], Value::Null);
    // The savings and the joint account are the oldest: the end of the walk.
    let last_two: Vec<&str> = third_items[5..]
        .iter()
        .map(|(kind, _)| kind.as_str())
        .collect();
    assert_eq!(last_two, ["MonetaryAccountJoint", "MonetaryAccountSavings"]);

    // Every account exactly once, every kind listed: 25 bank, 1 savings, 1 joint.
    let every: Vec<(String, u64)> = [first_items, second_items, third_items].concat();
    let mut all = only_ids(&every);
    all.sort_unstable();
    all.dedup();
    assert_eq!(all.len(), 27);
    let count = |kind: &str| every.iter().filter(|(k, _)| k == kind).count();
    assert_eq!(count("MonetaryAccountBank"), 25);
    assert_eq!(count("MonetaryAccountSavings"), 1);
    assert_eq!(count("MonetaryAccountJoint"), 1);

    // newer_id of the second page's newest item leads back to the first page.
    let back = client.get(&newer).json();
    assert_eq!(only_ids(&kinds_and_ids(&back)), first_ids);

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

    // Each kind's own list holds exactly the accounts of that kind.
    for (path, kind, expected) in [
        ("monetary-account-bank", "MonetaryAccountBank", 25),
        ("monetary-account-savings", "MonetaryAccountSavings", 1),
        ("monetary-account-joint", "MonetaryAccountJoint", 1),
    ] {
        let own = client.get(&format!("user/{}/{path}?count=200", client.user_id));
        assert_eq!(own.status, 200);
        let mut own_ids = ids(&own.json(), kind);
        assert_eq!(own_ids.len(), expected, "{path}");
        let mut listed: Vec<u64> = every
            .iter()
            .filter(|(k, _)| k == kind)
            .map(|(_, id)| *id)
            .collect();
        own_ids.sort_unstable();
        listed.sort_unstable();
        assert_eq!(own_ids, listed, "{path}");
    }
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
fn savings_and_joint_accounts_read_as_bunq_sends_them_and_move_money() {
    let bunq = FakeBunq::start_with(FakeBunqConfig {
        accounts_per_user: 1,
        ..FakeBunqConfig::default()
    })
    .expect("start");
    let client = Client::connect(&bunq.base_url(), &bunq.create_api_key());
    let user_id = client.user_id;
    let accounts = client.accounts();
    let kinds: Vec<&str> = accounts.iter().map(|(kind, _)| kind.as_str()).collect();
    assert_eq!(
        kinds,
        [
            "MonetaryAccountBank",
            "MonetaryAccountJoint",
            "MonetaryAccountSavings"
        ]
    );
    let (bank, joint, savings) = (accounts[0].1, accounts[1].1, accounts[2].1);

    // Each by its own path and by the anchor's, in its own key; not by another kind's path.
    let savings_object = client
        .get(&format!(
            "user/{user_id}/monetary-account-savings/{savings}"
        ))
        .item(0);
    assert_eq!(
        client
            .get(&format!("user/{user_id}/monetary-account/{savings}"))
            .item(0),
        savings_object
    );
    let savings_object = &savings_object["MonetaryAccountSavings"];
    assert_eq!(
        savings_object["savings_goal"],
        json!({ "value": "1000.00", "currency": "EUR" })
    );
    assert_eq!(savings_object["savings_goal_progress"], 0);
    assert_eq!(savings_object["alias"][0]["type"], "IBAN");
    let joint_object = client
        .get(&format!("user/{user_id}/monetary-account-joint/{joint}"))
        .item(0);
    let co_owners = joint_object["MonetaryAccountJoint"]["all_co_owner"]
        .as_array()
        .expect("co-owners")
        .clone();
    assert_eq!(co_owners.len(), 2);
    assert_eq!(co_owners[1]["status"], "ACCEPTED");
    assert_eq!(co_owners[1]["alias"]["display_name"], "Fake Partner");
    for (path, id) in [
        ("monetary-account-bank", savings),
        ("monetary-account-savings", joint),
        ("monetary-account-joint", bank),
    ] {
        let wrong = client.get(&format!("user/{user_id}/{path}/{id}"));
        assert_eq!(wrong.status, 404, "{path}/{id}");
    }

    // Money into the savings account, on to the joint account by IBAN, out again.
    let base = |id: u64| format!("user/{user_id}/monetary-account/{id}");
    let inquiry = client.post(
        &format!("{}/request-inquiry", base(savings)),
        &json!({
            "amount_inquired": { "value": "250.00", "currency": "EUR" },
            "counterparty_alias": { "type": "EMAIL", "value": "sugardaddy@bunq.com" },
            "description": "savings",
            "allow_bunqme": false,
        }),
    );
    assert_eq!(inquiry.status, 200, "{}", inquiry.error_description());
    let progress = client
        .get(&format!(
            "user/{user_id}/monetary-account-savings/{savings}"
        ))
        .item(0)["MonetaryAccountSavings"]["savings_goal_progress"]
        .clone();
    assert_eq!(progress, 25);
    let joint_iban = joint_object["MonetaryAccountJoint"]["alias"][0]["value"]
        .as_str()
        .expect("iban")
        .to_owned();
    let payment = client.post(
        &format!("{}/payment", base(savings)),
        &json!({
            "amount": { "value": "100.00", "currency": "EUR" },
            "counterparty_alias": { "type": "IBAN", "value": joint_iban, "name": "Joint" },
            "description": "to the joint account",
        }),
    );
    assert_eq!(payment.status, 200);
    assert_eq!(bunq.balance(user_id, savings).as_deref(), Some("150.00"));
    assert_eq!(bunq.balance(user_id, joint).as_deref(), Some("100.00"));
    let received = client.get(&format!("{}/payment", base(joint)));
    assert_eq!(received.item(0)["Payment"]["amount"]["value"], "100.00");
    assert_eq!(received.item(0)["Payment"]["monetary_account_id"], joint);
}

#[test]
fn sugar_daddy_adds_money_and_payments_take_it() {
    let bunq = FakeBunq::start_with(FakeBunqConfig {
        accounts_per_user: 2,
        ..FakeBunqConfig::default()
    })
    .expect("start");
    let client = Client::connect(&bunq.base_url(), &bunq.create_api_key());
    let account_id = client
        .accounts()
        .into_iter()
        .filter(|(kind, _)| kind == "MonetaryAccountBank")
        .map(|(_, id)| id)
        .next_back()
        .expect("oldest bank account");
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
