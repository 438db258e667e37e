//! The fake agrees with bunq's operation table, `bunq::api::operations()`:
//! - every route it serves (`fake_bunq::routes()`, the table its router matches against) is an
//!   operation of bunq's table with the same method and the same path template, ids named
//!   alike, besides its own `_fake/` control routes and the OAuth token exchange;
//! - each of those operations, called by name through the client library against a running
//!   fake (`Client::call`), answers what its row says: the object, list, id, UUID, bytes or
//!   nothing, wrapped in the row's key. The handshake's own operations (installation,
//!   device-server, session-server, PSD2 credentials), which the client library performs
//!   itself, are sent raw and their answers unwrapped as their rows say.
//!
//! A route added to the fake without being walked here fails the last assertion.

mod common;

use std::collections::BTreeSet;
use std::time::{Duration, Instant};

use bunq::api::{self, Answer, AnswerKind, ApiObject, Call};
use bunq::{ApiContext, Attachment, Client, Config, Environment, ProxySetting, Response};
use common::{Client as RawClient, HttpResponse, sign};
use fake_bunq::{FakeBunq, FakeBunqConfig, certificate_pem_for_key};
use rsa::pkcs8::{EncodePublicKey, LineEnding};
use serde_json::json;

/// Routes of the fake that bunq's table does not have, and why.
const NOT_IN_THE_TABLE: [(&str, &str); 1] = [(
    "POST token",
    "the OAuth token exchange, which bunq serves on oauth.bunq.com, not on the API",
)];

#[test]
fn every_route_but_the_control_routes_is_an_operation_of_the_table() {
    let mut outside = Vec::new();
    for route in fake_bunq::routes() {
        let shown = format!("{} {}", route.method(), route.path_template());
        let Some(name) = route.operation() else {
            if !route.is_control() {
                outside.push(shown);
            }
            continue;
        };
        let operation = api::operation(name)
            .unwrap_or_else(|error| panic!("{shown} names {name}, not in the table: {error}"));
        assert_eq!(
            operation.method().as_str(),
            route.method(),
            "{shown} serves {name}, which is {} {}",
            operation.method().as_str(),
            operation.path_template()
        );
        assert_eq!(
            operation.path_template(),
            route.path_template(),
            "{shown} serves {name}, whose path is {}",
            operation.path_template()
        );
    }
    let expected: Vec<String> = NOT_IN_THE_TABLE
        .iter()
        .map(|(route, _)| (*route).to_owned())
        .collect();
    assert_eq!(outside, expected, "routes that are no operation of bunq's");
    // No operation is served twice under different paths.
    let names: Vec<&str> = fake_bunq::routes()
        .filter_map(|route| route.operation())
        .collect();
    let unique: BTreeSet<&str> = names.iter().copied().collect();
    assert_eq!(unique.len(), names.len(), "{names:?}");
}

fn config() -> Config {
    Config::builder()
        .proxy(ProxySetting::None)
        .rate_limits(None)
        .build()
}

fn client_for(fake: &FakeBunq, api_key: &str) -> Client {
    let context = ApiContext::builder(Environment::custom(fake.base_url()), api_key)
        .config(config())
        .permitted_ips(["*"])
        .create()
        .unwrap();
    Client::builder(context).config(config()).build().unwrap()
}

/// The operations walked, each checked against its row.
#[derive(Default)]
struct Walk {
    walked: BTreeSet<&'static str>,
}

impl Walk {
    /// Calls `call` by name and checks the answer is what its row says.
    fn call(&mut self, client: &Client, call: Call) -> Answer {
        let operation = api::operation(call.name()).unwrap();
        let answer = client
            .call(&call)
            .unwrap_or_else(|error| panic!("{}: {error}", call.name()));
        self.check(operation, &answer);
        answer
    }

    /// Sends a call prepared by name with another body (bytes, not JSON) and its headers,
    /// and unwraps the answer as the row says.
    fn upload(&mut self, client: &Client, call: Call, attachment: &Attachment) -> Answer {
        let prepared = call.prepare(Some(client.user_id().unwrap())).unwrap();
        let operation = prepared.operation();
        let request = prepared
            .into_request()
            .body(attachment.content.clone())
            .header("Content-Type", attachment.content_type.clone())
            .header(
                bunq::ATTACHMENT_DESCRIPTION_HEADER,
                attachment.description.clone(),
            );
        let response = client.send(&request).unwrap();
        let answer = api::unwrap_answer(operation, &response)
            .unwrap_or_else(|error| panic!("{}: {error}", operation.name()));
        self.check(operation, &answer);
        answer
    }

    /// Unwraps a raw answer of the fake as the row of `name` says.
    fn raw(&mut self, name: &str, answer: &HttpResponse) -> Answer {
        assert_eq!(
            answer.status,
            200,
            "{name}: {}",
            String::from_utf8_lossy(&answer.body)
        );
        let operation = api::operation(name).unwrap();
        let response = Response::new(answer.status, answer.headers.clone(), answer.body.clone());
        let unwrapped = api::unwrap_answer(operation, &response)
            .unwrap_or_else(|error| panic!("{name}: {error}"));
        self.check(operation, &unwrapped);
        unwrapped
    }

    fn check(&mut self, operation: &'static api::Operation, answer: &Answer) {
        let kind = match answer {
            Answer::Object(_) => AnswerKind::Object,
            Answer::List(_) => AnswerKind::List,
            Answer::Id(_) => AnswerKind::Id,
            Answer::Uuid(_) => AnswerKind::Uuid,
            Answer::Binary(_) => AnswerKind::Binary,
            Answer::Nothing => AnswerKind::Nothing,
            Answer::Envelope(_) => AnswerKind::Envelope,
        };
        assert_eq!(kind, operation.answer(), "{}", operation.name());
        self.walked.insert(operation.name());
    }
}

fn object(answer: Answer) -> ApiObject {
    match answer {
        Answer::Object(object) => object,
        other => panic!("an object, not {other:?}"),
    }
}

fn list(answer: Answer) -> Vec<ApiObject> {
    match answer {
        Answer::List(objects) => objects,
        other => panic!("a list, not {other:?}"),
    }
}

fn id(answer: Answer) -> u64 {
    match answer {
        Answer::Id(id) => id,
        other => panic!("an id, not {other:?}"),
    }
}

fn kinds(objects: &[ApiObject]) -> BTreeSet<String> {
    objects
        .iter()
        .map(|object| object.kind().to_owned())
        .collect()
}

#[test]
fn every_operation_the_fake_serves_answers_as_its_row_says() {
    let fake = FakeBunq::start_with(FakeBunqConfig {
        accounts_per_user: 2,
        // A callback that fails is given up on at once, so that one lists as failed.
        callback_retry_interval: Duration::from_millis(1),
        ..FakeBunqConfig::default()
    })
    .unwrap();
    let mut walk = Walk::default();
    handshake(&fake, &mut walk);

    // A person, made by name through a client of another user.
    let first = client_for(&fake, &fake.create_api_key());
    let person_key = object(walk.call(&first, Call::new("SandboxUserPerson.create")));
    let company_key = object(walk.call(&first, Call::new("SandboxUserCompany.create")));
    let api_key = |object: &ApiObject| object.value()["api_key"].as_str().unwrap().to_owned();
    let client = client_for(&fake, &api_key(&person_key));
    let company = client_for(&fake, &api_key(&company_key));
    users(&client, &company, &mut walk);
    let accounts = accounts(&client, &mut walk);
    money(&client, accounts.bank, &mut walk);
    attachments(&client, accounts.bank, &mut walk);
    callbacks(&fake, &client, accounts.bank, &mut walk);

    // Last: it ends the session.
    let answer = walk.call(&client, Call::new("Session.delete").id("session_id", 1));
    assert_eq!(answer, Answer::Nothing);
    assert_eq!(fake.calls("DELETE", "session/1"), 1);

    let served: BTreeSet<&str> = fake_bunq::routes()
        .filter_map(|route| route.operation())
        .collect();
    assert_eq!(walk.walked, served, "operations served but not walked here");
}

/// Installation, device-server and session-server as the client library sends them, and
/// PSD2 credentials; their answers unwrapped as their rows say.
fn handshake(fake: &FakeBunq, walk: &mut Walk) {
    let api_key = fake.create_api_key();
    let mut raw = RawClient::new(&fake.base_url());
    let installation = raw.install();
    let Answer::Envelope(objects) = walk.raw("Installation.create", &installation) else {
        unreachable!("checked by the walk");
    };
    assert_eq!(
        kinds(&objects),
        BTreeSet::from(["Id".into(), "Token".into(), "ServerPublicKey".into()])
    );
    let device = raw.register_device(&api_key, json!(["*"]));
    assert!(id(walk.raw("DeviceServer.create", &device)) > 0);
    let session = raw.open_session(&api_key);
    let Answer::Envelope(objects) = walk.raw("SessionServer.create", &session) else {
        unreachable!("checked by the walk");
    };
    assert!(objects.iter().any(|object| object.kind() == "UserPerson"));

    // PSD2: a certificate for a key of the provider's, its signature over the client key
    // and the installation token.
    let certificate_key = rsa::PrivateKey::new(&mut getrandom::SysRng, 2048).unwrap();
    let certificate_public = certificate_key
        .to_public_key()
        .to_public_key_pem(LineEnding::LF)
        .unwrap();
    let certificate = certificate_pem_for_key(&certificate_public).unwrap();
    let mut provider = RawClient::new(&fake.base_url());
    provider.install();
    let token = provider.installation_token.clone().unwrap();
    let signature = sign(
        &certificate_key,
        format!("{}{token}", provider.public_pem).as_bytes(),
    );
    let body = json!({
        "client_payment_service_provider_certificate": certificate,
        "client_payment_service_provider_certificate_chain": certificate,
        "client_public_key_signature": signature,
    })
    .to_string();
    let credential = provider.call(
        "POST",
        "payment-service-provider-credential",
        body.as_bytes(),
        Some(&token),
        true,
    );
    let credential = object(walk.raw("PaymentServiceProviderCredential.create", &credential));
    assert!(credential.value()["token_value"].as_str().is_some());
}

fn users(client: &Client, company: &Client, walk: &mut Walk) {
    let user_id = client.user_id().unwrap();
    let users = list(walk.call(client, Call::new("User.list")));
    assert_eq!(kinds(&users), BTreeSet::from(["UserPerson".into()]));
    let user = object(walk.call(client, Call::new("User.get")));
    assert_eq!(user.kind(), "UserPerson");
    let person = object(walk.call(
        client,
        Call::new("UserPerson.get").id("user_person_id", user_id),
    ));
    assert_eq!(person.value()["id"], user_id);
    let company_id = company.user_id().unwrap();
    let company = object(walk.call(
        company,
        Call::new("UserCompany.get").id("user_company_id", company_id),
    ));
    assert_eq!(company.kind(), "UserCompany");
}

/// One account of each kind.
struct Accounts {
    bank: u64,
}

fn accounts(client: &Client, walk: &mut Walk) -> Accounts {
    let all = list(walk.call(client, Call::new("MonetaryAccount.list")));
    assert_eq!(
        kinds(&all),
        BTreeSet::from([
            "MonetaryAccountBank".into(),
            "MonetaryAccountJoint".into(),
            "MonetaryAccountSavings".into(),
        ])
    );
    let mut bank = 0;
    for (kind, id_name) in [
        ("MonetaryAccountBank", "monetary_account_bank_id"),
        ("MonetaryAccountSavings", "monetary_account_savings_id"),
        ("MonetaryAccountJoint", "monetary_account_joint_id"),
    ] {
        let own = list(walk.call(client, Call::new(format!("{kind}.list"))));
        assert!(own.iter().all(|account| account.kind() == kind), "{kind}");
        let account_id = own[0].value()["id"].as_u64().unwrap();
        let one = object(walk.call(
            client,
            Call::new(format!("{kind}.get")).id(id_name, account_id),
        ));
        assert_eq!(one.kind(), kind);
        let anchored = object(walk.call(
            client,
            Call::new("MonetaryAccount.get").id("monetary_account_id", account_id),
        ));
        assert_eq!(
            anchored, one,
            "the anchor answers the account in its own kind"
        );
        if kind == "MonetaryAccountBank" {
            bank = account_id;
        }
    }
    Accounts { bank }
}

fn money(client: &Client, account: u64, walk: &mut Walk) {
    let inquiry = id(walk.call(
        client,
        Call::new("RequestInquiry.create")
            .id("monetary_account_id", account)
            .body(json!({
                "amount_inquired": {"value": "10.00", "currency": "EUR"},
                "counterparty_alias": {"type": "EMAIL", "value": "sugardaddy@bunq.com"},
                "description": "walk",
                "allow_bunqme": false,
            })),
    ));
    let read = object(
        walk.call(
            client,
            Call::new("RequestInquiry.get")
                .id("monetary_account_id", account)
                .id("request_inquiry_id", inquiry),
        ),
    );
    assert_eq!(read.value()["status"], "ACCEPTED");
    let payment = id(walk.call(
        client,
        Call::new("Payment.create")
            .id("monetary_account_id", account)
            .body(json!({
                "amount": {"value": "1.00", "currency": "EUR"},
                "counterparty_alias": {"type": "EMAIL", "value": "sugardaddy@bunq.com"},
                "description": "walk",
            })),
    ));
    let payments = list(walk.call(
        client,
        Call::new("Payment.list").id("monetary_account_id", account),
    ));
    assert_eq!(payments.len(), 2, "the request's money in, the payment out");
    let read = object(
        walk.call(
            client,
            Call::new("Payment.get")
                .id("monetary_account_id", account)
                .id("payment_id", payment),
        ),
    );
    assert_eq!(read.value()["amount"]["value"], "-1.00");
}

fn attachments(client: &Client, account: u64, walk: &mut Walk) {
    let attachment = Attachment::new("image/png", "walk", b"\x89PNG not really".to_vec());
    let uuid = match walk.upload(client, Call::new("AttachmentPublic.create"), &attachment) {
        Answer::Uuid(uuid) => uuid,
        other => panic!("a uuid, not {other:?}"),
    };
    let public = object(walk.call(
        client,
        Call::new("AttachmentPublic.get").id("attachment_public_uuid", &uuid),
    ));
    assert_eq!(public.value()["uuid"], uuid.as_str());
    let content = walk.call(
        client,
        Call::new("AttachmentPublicContent.list").id("attachment_public_uuid", &uuid),
    );
    assert_eq!(content, Answer::Binary(attachment.content.clone()));
    let attachment_id = id(walk.upload(
        client,
        Call::new("AttachmentMonetaryAccount.create").id("monetary_account_id", account),
        &attachment,
    ));
    let content = walk.call(
        client,
        Call::new("AttachmentMonetaryAccountContent.list")
            .id("monetary_account_id", account)
            .id("attachment_id", attachment_id),
    );
    assert_eq!(content, Answer::Binary(attachment.content));
}

fn callbacks(fake: &FakeBunq, client: &Client, account: u64, walk: &mut Walk) {
    // Nothing listens on port 9 (discard): every callback there fails.
    let filters = json!({"notification_filters": [
        {"category": "MUTATION", "notification_target": "http://127.0.0.1:9/walk"},
    ]});
    // A POST replaces the whole list and answers it.
    let created = list(walk.call(
        client,
        Call::new("NotificationFilterUrl.create").body(filters.clone()),
    ));
    assert_eq!(created.len(), 1);
    let user_filters = list(walk.call(client, Call::new("NotificationFilterUrl.list")));
    assert_eq!(user_filters.len(), 1);
    let created = list(
        walk.call(
            client,
            Call::new("NotificationFilterUrlMonetaryAccount.create")
                .id("monetary_account_id", account)
                .body(filters),
        ),
    );
    assert_eq!(created.len(), 1);
    let account_filters = list(walk.call(
        client,
        Call::new("NotificationFilterUrlMonetaryAccount.list").id("monetary_account_id", account),
    ));
    assert_eq!(account_filters.len(), 1);
    let failures = list(walk.call(client, Call::new("NotificationFilterFailure.list")));
    assert!(failures.is_empty(), "{failures:?}");

    // A payment now calls back to both filters, which fail 6 times and are listed.
    let payment = Call::new("Payment.create")
        .id("monetary_account_id", account)
        .body(json!({
            "amount": {"value": "1.00", "currency": "EUR"},
            "counterparty_alias": {"type": "EMAIL", "value": "sugardaddy@bunq.com"},
            "description": "a callback that fails",
        }));
    walk.call(client, payment);
    let deadline = Instant::now() + Duration::from_secs(30);
    while fake.callbacks_in_flight() > 0 {
        assert!(Instant::now() < deadline, "the callbacks never gave up");
        std::thread::sleep(Duration::from_millis(10));
    }
    let failures = list(walk.call(client, Call::new("NotificationFilterFailure.list")));
    assert!(!failures.is_empty());
    let ids: Vec<String> = failures
        .iter()
        .map(|failure| failure.value()["id"].to_string())
        .collect();
    let retried = id(walk.call(
        client,
        Call::new("NotificationFilterFailure.create")
            .body(json!({"notification_filter_failed_ids": ids.join(",")})),
    ));
    assert_eq!(retried.to_string(), ids[0]);
}
