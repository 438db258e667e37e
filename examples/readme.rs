//! The README's Rust example, as written there (`tests/readme_rust_example.rs` fails when the
//! two differ, and runs this program against the offline fake bunq server):
//!
//! ```text
//! cargo run --example readme                                          # bunq's public sandbox
//! BUNQ_BASE_URL=http://127.0.0.1:8080/v1/ cargo run --example readme  # a fake bunq there
//! ```

use bunq::api::Call;
use bunq::{ApiContext, Client, Config, Environment, SandboxUserKind};

fn main() -> bunq::Result<()> {
    // BUNQ_BASE_URL: a test server such as the fake bunq; unset, bunq's public sandbox.
    let environment = match std::env::var("BUNQ_BASE_URL") {
        Ok(test_server) => Environment::custom(test_server),
        Err(_) => Environment::sandbox(),
    };
    let kind = SandboxUserKind::Person;
    let api_key = bunq::create_sandbox_user(&environment, kind, &Config::default())?;
    let client = Client::new(ApiContext::builder(environment, api_key.expose()).create()?)?;
    client.save("bunq.conf")?; // next time: Client::restore("bunq.conf")
    // Every account of every kind, page after page, by the operation's name.
    for account in client.objects(&Call::new("MonetaryAccount.list"))? {
        let account = account?;
        let (id, description) = (&account.value()["id"], &account.value()["description"]);
        println!("{} {id} {description}", account.kind());
    }
    Ok(())
}
