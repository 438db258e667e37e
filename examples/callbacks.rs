//! A whole webhook loop, offline: register notification filters pointing at a small local
//! receiver, pay, receive the callbacks, check where they came from, skip repeats, and
//! confirm each through the signed, verified API before believing it.
//!
//! ```text
//! cargo run --example callbacks
//! ```
//!
//! Everything runs on this machine: the bundled fake bunq (it delivers callbacks the way
//! bunq does, from 127.0.0.2) and a receiver on a std `TcpListener`. Two sandbox users:
//! Alice listens on her user for payments, balance changes and requests; Bob on one account
//! for payments and balance changes. Alice asks the sandbox's sugar daddy for money and pays
//! Bob. Any failure ends the program with exit code 1 and one line on stderr saying why.
//!
//! The receiver answers at once (200 for a callback, 400 for anything else) and hands the
//! callback on: bunq wants a quick answer, and the confirming call to bunq happens after.

use std::collections::HashSet;
use std::error::Error;
use std::process::ExitCode;
use std::sync::mpsc::Receiver;
use std::time::Duration;

use bunq::api::{Answer, Call};
use bunq::callbacks::{self, Category, FilterOwner, NotificationFilter, SenderRanges};
use bunq::{
    ApiContext, Client, Config, Environment, ProxySetting, SandboxUserKind, create_sandbox_user,
};
use fake_bunq::{FakeBunq, FakeBunqConfig};
use webhook_receiver::{Delivery, start_receiver};

mod webhook_receiver;
use serde_json::{Value, json};

/// Callbacks the loop expects: Alice's request, its money, her payment and its mutation;
/// Bob's incoming payment and its mutation.
const EXPECTED_CALLBACKS: usize = 6;

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(reason) => {
            eprintln!("callbacks example failed: {reason}");
            ExitCode::FAILURE
        }
    }
}

fn run() -> Result<(), Box<dyn Error>> {
    let fake = FakeBunq::start_with(FakeBunqConfig {
        accounts_per_user: 2,
        ..FakeBunqConfig::default()
    })?;
    println!("Started the offline fake bunq at {}", fake.base_url());
    // No proxy for a fake on loopback.
    let config = Config::builder().proxy(ProxySetting::None).build();
    let alice = new_user(&fake, &config)?;
    let bob = new_user(&fake, &config)?;
    let (alice_account, _) = first_account(&alice)?;
    let (bob_account, bob_iban) = first_account(&bob)?;

    let (deliveries, receiver_url) = start_receiver()?;
    println!("Receiving callbacks at {receiver_url}");
    register_filters(&alice, &bob, bob_account, &receiver_url)?;

    alice.request_sandbox_money(alice_account, "100.00", "callbacks example")?;
    println!("Alice asked sugardaddy for 100.00 EUR into account {alice_account}");
    pay(&alice, alice_account, &bob_iban, "12.34")?;
    println!("Alice paid 12.34 EUR to Bob ({bob_iban})");

    let summary = handle_callbacks(&deliveries, &alice, &bob)?;
    callbacks::clear_filters(&alice, FilterOwner::User)?;
    callbacks::clear_filters(&bob, FilterOwner::MonetaryAccount(bob_account))?;
    println!("Cleared the filters");
    println!("{summary}");
    Ok(())
}

/// A sandbox user of the fake, with a client; nothing is saved to disk.
fn new_user(fake: &FakeBunq, config: &Config) -> Result<Client, Box<dyn Error>> {
    let environment = Environment::custom(fake.base_url());
    let api_key = create_sandbox_user(&environment, SandboxUserKind::Person, config)?;
    let context = ApiContext::builder(environment, api_key.expose())
        .description("bunq-context callbacks example")
        .permitted_ips(["*"])
        .config(config.clone())
        .create()?;
    Ok(Client::builder(context).config(config.clone()).build()?)
}

/// The user's newest bank account (of every kind `MonetaryAccount.list` gives: bank,
/// savings, joint, ...): its id and IBAN.
fn first_account(client: &Client) -> Result<(u64, String), Box<dyn Error>> {
    let Answer::List(accounts) = client.call(&Call::new("MonetaryAccount.list"))? else {
        return Err("MonetaryAccount.list answered no list".into());
    };
    let account = accounts
        .iter()
        .find(|account| account.kind() == "MonetaryAccountBank")
        .ok_or("the user has no bank account")?
        .value();
    let id = account["id"].as_u64().ok_or("an account without an id")?;
    let iban = account["alias"]
        .as_array()
        .into_iter()
        .flatten()
        .find(|alias| alias["type"] == "IBAN")
        .and_then(|alias| alias["value"].as_str())
        .ok_or("no IBAN")?;
    Ok((id, iban.to_owned()))
}

/// Alice on her user (every account); Bob on one account. `add_filter` reads the list,
/// adds and writes it back: bunq replaces the whole list on every write.
fn register_filters(
    alice: &Client,
    bob: &Client,
    bob_account: u64,
    receiver_url: &str,
) -> Result<(), Box<dyn Error>> {
    for category in [Category::Payment, Category::Mutation, Category::Request] {
        let filter = NotificationFilter::new(category, format!("{receiver_url}alice"))?;
        callbacks::add_filter(alice, FilterOwner::User, &filter)?;
    }
    let bobs = FilterOwner::MonetaryAccount(bob_account);
    for category in [Category::Payment, Category::Mutation] {
        let filter = NotificationFilter::new(category, format!("{receiver_url}bob"))?;
        callbacks::add_filter(bob, bobs, &filter)?;
    }
    for (name, client, owner) in [("Alice", alice, FilterOwner::User), ("Bob", bob, bobs)] {
        let listed = callbacks::list_filters(client, owner)?;
        let categories: Vec<&str> = listed.iter().map(|f| f.category.as_str()).collect();
        println!(
            "Registered {name}'s filters ({owner:?}): {}",
            categories.join(", ")
        );
    }
    Ok(())
}

fn pay(client: &Client, from: u64, to_iban: &str, value: &str) -> Result<u64, Box<dyn Error>> {
    let payment = Call::new("Payment.create")
        .id("monetary_account_id", from)
        .body(json!({
            "amount": { "value": value, "currency": "EUR" },
            "counterparty_alias": { "type": "IBAN", "value": to_iban, "name": "Bob" },
            "description": "callbacks example",
        }));
    match client.call(&payment)? {
        Answer::Id(id) => Ok(id),
        other => Err(format!("Payment.create answered {other:?}").into()),
    }
}

/// Receives until the expected callbacks are in; checks, de-duplicates and confirms each.
fn handle_callbacks(
    deliveries: &Receiver<Delivery>,
    alice: &Client,
    bob: &Client,
) -> Result<String, Box<dyn Error>> {
    // The fake delivers from loopback. Against bunq's production this would be
    // `SenderRanges::production()` (185.40.108.0/22); the sandbox has no fixed range.
    let senders = SenderRanges::new(["127.0.0.0/8", "::1"])?;
    let mut seen = HashSet::new();
    let (mut received, mut confirmed, mut repeats) = (0, 0, 0);
    while confirmed < EXPECTED_CALLBACKS {
        let delivery = deliveries
            .recv_timeout(Duration::from_secs(10))
            .map_err(|_| format!("only {confirmed} of {EXPECTED_CALLBACKS} callbacks arrived"))?;
        let Delivery {
            peer,
            path,
            callback,
        } = delivery;
        received += 1;
        if !senders.contains(peer) {
            println!("  ignored a callback from {peer}: not from the fake");
            continue;
        }
        if !seen.insert(callback.deduplication_key()) {
            repeats += 1;
            continue;
        }
        let client = if path.ends_with("alice") { alice } else { bob };
        let current = callbacks::confirm_callback(client, &callback)?;
        confirmed += 1;
        println!(
            "Callback {confirmed} to /{} from {peer} (bunq's production range: {}): {} {} {} {}",
            path.trim_start_matches('/'),
            if callbacks::is_from_bunq(peer) {
                "yes"
            } else {
                "no"
            },
            callback.category,
            callback.event_type,
            callback.object_type,
            callback.object_id.unwrap_or_default(),
        );
        println!("  confirmed through the signed API: {}", describe(&current));
    }
    Ok(format!(
        "Received {received} callbacks: {confirmed} confirmed through the signed API, \
         {repeats} repeats skipped"
    ))
}

/// The confirmed object in a few words: amount, status, description.
fn describe(object: &Value) -> String {
    let amount = ["amount", "amount_inquired"]
        .iter()
        .map(|field| &object[*field])
        .find(|amount| amount.is_object())
        .map(|amount| {
            let text = |field: &str| amount[field].as_str().unwrap_or("?").to_owned();
            format!("{} {}", text("value"), text("currency"))
        });
    let status = object["status"].as_str().map(str::to_owned);
    let description = object["description"]
        .as_str()
        .map(|text| format!("{text:?}"));
    let parts: Vec<String> = [amount, status, description]
        .into_iter()
        .flatten()
        .collect();
    parts.join(" ")
}
