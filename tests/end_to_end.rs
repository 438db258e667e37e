//! The whole core against the offline fake bunq server: create, save, restore, user, every
//! page of accounts, sandbox money, a signed payment, bunq's errors, signature checks.

mod common;

use bunq::{
    ApiContext, Client, Environment, ErrorKind, Request, SandboxUserKind, create_sandbox_user,
};
use common::{TempDir, test_config};
use fake_bunq::FakeBunq;
use serde_json::json;

fn new_context(fake: &FakeBunq) -> ApiContext {
    let environment = Environment::custom(fake.base_url());
    let api_key =
        create_sandbox_user(&environment, SandboxUserKind::Person, &test_config()).unwrap();
    ApiContext::builder(environment, api_key.expose())
        .description("end to end")
        .permitted_ips(["*", "::1", "127.0.0.1"])
        .config(test_config())
        .create()
        .unwrap()
}

fn client(context: ApiContext) -> Client {
    Client::builder(context)
        .config(test_config())
        .build()
        .unwrap()
}

fn payment_body(value: &str) -> serde_json::Value {
    json!({
        "amount": {"value": value, "currency": "EUR"},
        "counterparty_alias": {"type": "EMAIL", "value": "sugardaddy@bunq.com", "name": "Sugar Daddy"},
        "description": "end to end",
    })
}

#[test]
fn the_whole_flow_create_save_restore_list_money_and_pay() {
    let fake = FakeBunq::start().unwrap();
    let context = new_context(&fake);
    let user_id = context.user_id().unwrap();
    let dir = TempDir::new("e2e");
    let path = dir.join("bunq.conf");
    context.save(&path).unwrap();
    let client = Client::builder(ApiContext::restore(&path).unwrap())
        .config(test_config())
        .build()
        .unwrap();

    let user = client
        .get("user")
        .unwrap()
        .first("UserPerson")
        .unwrap()
        .unwrap();
    assert_eq!(user["id"].as_u64(), Some(user_id));

    let pages: Vec<_> = client
        .pages(Request::get(format!("user/{user_id}/monetary-account")).query("count", "10"))
        .collect::<bunq::Result<_>>()
        .unwrap();
    let sizes: Vec<usize> = pages
        .iter()
        .map(|page| page.objects().unwrap().len())
        .collect();
    assert_eq!(sizes, [10, 10, 7]);
    // Each account wrapped in its kind: 25 bank accounts, a joint and a savings account.
    let accounts: Vec<(String, u64)> = pages
        .iter()
        .flat_map(|page| page.objects().unwrap())
        .map(|item| {
            let (kind, account) = item.as_object().unwrap().iter().next().unwrap();
            (kind.clone(), account["id"].as_u64().unwrap())
        })
        .collect();
    // A set, not dedup(): an account repeated on a later page is not next to its first copy.
    let unique: std::collections::BTreeSet<u64> = accounts.iter().map(|(_, id)| *id).collect();
    assert_eq!(
        (accounts.len(), unique.len()),
        (27, 27),
        "every account exactly once: {accounts:?}"
    );
    let count = |wanted: &str| accounts.iter().filter(|(kind, _)| kind == wanted).count();
    assert_eq!(count("MonetaryAccountBank"), 25);
    assert_eq!(count("MonetaryAccountSavings"), 1);
    assert_eq!(count("MonetaryAccountJoint"), 1);
    let account_id = accounts[0].1;

    client
        .request_sandbox_money(account_id, "100.00", "e2e")
        .unwrap();
    assert_eq!(fake.balance(user_id, account_id).as_deref(), Some("100.00"));
    let path_to_payments = format!("user/{user_id}/monetary-account/{account_id}/payment");
    let payment_id = client
        .post(&path_to_payments, &payment_body("0.01"))
        .unwrap()
        .id()
        .unwrap();
    assert_eq!(fake.balance(user_id, account_id).as_deref(), Some("99.99"));
    let payment = client
        .get(&format!("{path_to_payments}/{payment_id}"))
        .unwrap()
        .first("Payment")
        .unwrap()
        .unwrap();
    assert_eq!(payment["amount"]["value"], "-0.01");

    assert_eq!(
        fake.calls("POST", "session-server"),
        1,
        "the restored session was used"
    );
}

#[test]
fn bunqs_refusals_arrive_with_status_description_and_response_id() {
    let fake = FakeBunq::start().unwrap();
    let context = new_context(&fake);
    let user_id = context.user_id().unwrap();
    let client = client(context);

    let error = client.get("user/999999").unwrap_err();
    assert_eq!(error.kind(), ErrorKind::Api);
    assert_eq!(error.status(), Some(404));
    assert!(
        error.response_id().is_some_and(|id| id.len() == 36),
        "{error}"
    );

    let accounts = client
        .get(&format!("user/{user_id}/monetary-account"))
        .unwrap();
    let account_id = accounts.all("MonetaryAccountBank").unwrap()[0]["id"]
        .as_u64()
        .unwrap();
    let error = client
        .post(
            &format!("user/{user_id}/monetary-account/{account_id}/payment"),
            &payment_body("5.00"),
        )
        .unwrap_err();
    assert_eq!(error.status(), Some(400));
    assert_eq!(error.descriptions(), ["Insufficient balance."]);
}

#[test]
fn a_wrong_client_signature_is_refused_by_bunq_with_400() {
    let fake = FakeBunq::start().unwrap();
    let context = new_context(&fake);
    let user_id = context.user_id().unwrap();
    // A key other than the one registered at installation signs: the fake must notice.
    // (A caller's header may not replace the signature: the client refuses that itself.)
    let mut saved: serde_json::Value = serde_json::from_str(&context.to_json()).unwrap();
    saved["installation_context"]["private_key_client"] =
        json!(bunq::KeyPair::generate().unwrap().private_key_pem());
    let client = client(ApiContext::from_json(&saved.to_string()).unwrap());
    let request = Request::post(format!("user/{user_id}/monetary-account/1/payment"))
        .json(&payment_body("0.01"));
    let error = client.send(&request).unwrap_err();
    assert_eq!(error.status(), Some(400));
    assert_eq!(error.descriptions(), ["The request signature is invalid."]);
}

#[test]
fn tampered_and_missing_server_signatures_are_refused() {
    let fake = FakeBunq::start().unwrap();
    let client = client(new_context(&fake));
    let error = client.get("_fake/tampered").unwrap_err();
    assert_eq!(error.kind(), ErrorKind::Signature);
    fake.tamper_next_signature();
    assert_eq!(client.get("user").unwrap_err().kind(), ErrorKind::Signature);
    fake.omit_next_signature();
    assert_eq!(client.get("user").unwrap_err().kind(), ErrorKind::Signature);
    client.get("user").unwrap();
}

#[test]
fn a_wrong_api_key_fails_at_the_device_step() {
    let fake = FakeBunq::start().unwrap();
    let error = ApiContext::builder(
        Environment::custom(fake.base_url()),
        "sandbox_not_a_real_key",
    )
    .config(test_config())
    .create()
    .unwrap_err();
    assert_eq!(error.step(), Some(bunq::Step::DeviceServer));
    assert_eq!(error.status(), Some(400));
    assert!(
        error
            .to_string()
            .starts_with("device-server failed: HTTP Response Code: 400")
    );
    assert!(!error.to_string().contains("sandbox_not_a_real_key"));
}

#[test]
fn a_company_user_works_like_a_person() {
    let fake = FakeBunq::start().unwrap();
    let environment = Environment::custom(fake.base_url());
    let api_key =
        create_sandbox_user(&environment, SandboxUserKind::Company, &test_config()).unwrap();
    let context = ApiContext::builder(environment, api_key.expose())
        .config(test_config())
        .create()
        .unwrap();
    assert_eq!(context.user().unwrap().kind(), bunq::UserKind::Company);
    let client = client(context);
    assert!(
        client
            .get("user")
            .unwrap()
            .first("UserCompany")
            .unwrap()
            .is_some()
    );
}
