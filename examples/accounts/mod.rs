//! The examples' look at a user's accounts, shared by `attachments` and `sandbox_user`.

use std::collections::BTreeMap;
use std::error::Error;

use bunq::Client;
use bunq::api::{ApiObject, Call};

/// Every monetary account of the user, whatever its kind (`MonetaryAccount.list`: bank,
/// savings, joint, ...), counted by kind on one line; the first bank account is the one to use.
pub fn bank_account(client: &Client) -> Result<ApiObject, Box<dyn Error>> {
    let accounts = client
        .objects(&Call::new("MonetaryAccount.list"))?
        .collect::<bunq::Result<Vec<ApiObject>>>()?;
    let mut kinds = BTreeMap::<&str, usize>::new();
    for account in &accounts {
        *kinds.entry(account.kind()).or_default() += 1;
    }
    let kinds: Vec<String> = kinds
        .iter()
        .map(|(kind, n)| format!("{n} {kind}"))
        .collect();
    println!(
        "   the user has {} accounts: {}",
        accounts.len(),
        kinds.join(", ")
    );
    accounts
        .into_iter()
        .find(|account| account.kind() == "MonetaryAccountBank")
        .ok_or_else(|| "the user has no bank account".into())
}
