//! A sandbox user from nothing: create a sandbox person, bind its API key to a new context,
//! and ask the sandbox's sugar daddy for 100 EUR.
//!
//! ```text
//! cargo run --example sandbox_user                      # offline, against an in-process fake bunq
//! cargo run --example sandbox_user -- --base-url https://public-api.sandbox.bunq.com/v1/
//! ```
//!
//! Sandbox only: at bunq production the sandbox helpers refuse before anything is sent.

use std::error::Error;
use std::process::ExitCode;

use bunq::api::{Answer, Call};
use bunq::{ApiContext, Client, Config, Environment, SandboxUserKind, create_sandbox_user};
use fake_bunq::FakeBunq;

mod accounts;
mod command_line;
use accounts::bank_account;
use command_line::{parse_arguments, permitted_ips};

fn main() -> ExitCode {
    command_line::exit_code("sandbox_user", run())
}

fn run() -> Result<(), Box<dyn Error>> {
    let arguments = parse_arguments(&["--base-url"])?;
    // Without --base-url the fake runs in this process, for as long as `_fake` lives.
    let (environment, _fake) = match arguments.get("--base-url") {
        Some(base_url) => (Environment::custom(base_url), None),
        None => {
            let fake = FakeBunq::start()?;
            println!("started a fake bunq at {}", fake.base_url());
            (Environment::custom(fake.base_url()), Some(fake))
        }
    };
    let permitted_ips = permitted_ips(&environment, &arguments)?;

    let api_key = create_sandbox_user(&environment, SandboxUserKind::Person, &Config::default())?;
    println!(
        "1. created a sandbox person (API key of {} characters)",
        api_key.expose().len()
    );

    let context = ApiContext::builder(environment, api_key.expose())
        .description("bunq-context sandbox_user example")
        .permitted_ips(permitted_ips)
        .create()?;
    println!(
        "2. installation, device and session done for user {}",
        context.user_id().unwrap_or_default()
    );

    let client = Client::new(context)?;
    let (account_id, balance) = first_account(&client)?;
    println!("3. account {account_id} holds {balance} EUR");

    let inquiry_id = client.request_sandbox_money(account_id, "100.00", "bunq-context example")?;
    println!("4. asked sugar daddy for 100.00 EUR (request-inquiry {inquiry_id})");

    let account = Call::new("MonetaryAccount.get").id("monetary_account_id", account_id);
    let Answer::Object(account) = client.call(&account)? else {
        return Err("MonetaryAccount.get answered no object".into());
    };
    let balance = account.value()["balance"]["value"].as_str().unwrap_or("?");
    println!("5. account {account_id} now holds {balance} EUR");
    Ok(())
}

/// The id and balance of the user's first bank account.
fn first_account(client: &Client) -> Result<(u64, String), Box<dyn Error>> {
    let account = bank_account(client)?;
    let fields = account.value();
    let id = fields["id"].as_u64().ok_or("an account without an id")?;
    let balance = fields["balance"]["value"]
        .as_str()
        .unwrap_or("?")
        .to_owned();
    Ok((id, balance))
}
