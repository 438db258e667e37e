//! Monetary accounts: bank, savings, joint and external, and the anchor that is any of them.

use serde_json::Value;

use crate::api::ApiObject;
use crate::error::Result;

use super::{Amount, Pointer};

/// An account kind: the object header, the fields every kind shares, then the kind's own
/// (as `api_object!`).
macro_rules! account_kind {
    (
        $(#[$meta:meta])*
        pub struct $name:ident { $($fields:tt)* }
    ) => {
        api_object! {
            $(#[$meta])*
            pub struct $name {
                /// The account's aliases (its IBAN among them).
                alias: Vec<Pointer>,
                /// The avatar.
                avatar: Value,
                /// The balance.
                balance: Amount,
                /// The country, ISO 3166-1 alpha-2.
                country: String,
                /// The currency, ISO 4217.
                currency: String,
                /// The most that may leave the account per day.
                daily_limit: Amount,
                /// The account's name as the user gave it.
                description: String,
                /// The public UUID.
                public_uuid: String,
                /// `ACTIVE`, `BLOCKED`, `CANCELLED` or `PENDING_REOPEN`.
                status: String,
                /// Why the status is what it is.
                sub_status: String,
                /// The owner's user id.
                user_id: u64,
                /// Colour, icon and other settings.
                setting: Value,
                /// Automatic top-up and drain settings.
                monetary_account_profile: Value,
                $($fields)*
            }
        }
    };
}

account_kind! {
    /// A current account (`MonetaryAccountBank`).
    pub struct MonetaryAccountBank {
        /// The overdraft limit.
        overdraft_limit: Amount,
    }
}

account_kind! {
    /// A savings account (`MonetaryAccountSavings`).
    pub struct MonetaryAccountSavings {
        /// The amount to save.
        savings_goal: Amount,
        /// How far the goal is reached.
        savings_goal_progress: Value,
        /// The co-owners.
        all_co_owner: Vec<Value>,
    }
}

account_kind! {
    /// A joint account (`MonetaryAccountJoint`).
    pub struct MonetaryAccountJoint {
        /// The overdraft limit.
        overdraft_limit: Amount,
        /// The co-owners, each with its alias and status.
        all_co_owner: Vec<Value>,
    }
}

account_kind! {
    /// An account at another bank, seen through open banking (`MonetaryAccountExternal`).
    pub struct MonetaryAccountExternal {
        /// The service connecting it.
        service: String,
        /// The name shown for the account.
        display_name: String,
        /// The open-banking connection.
        open_banking_account: Value,
    }
}

/// A monetary account of any kind: what `MonetaryAccount.get` and `MonetaryAccount.list`
/// answer. Kinds without a type of their own (`MonetaryAccountCard`, kinds bunq adds later)
/// are kept as [`Other`](MonetaryAccount::Other).
#[derive(Debug, Clone, PartialEq)]
pub enum MonetaryAccount {
    /// `MonetaryAccountBank`.
    Bank(MonetaryAccountBank),
    /// `MonetaryAccountSavings`.
    Savings(MonetaryAccountSavings),
    /// `MonetaryAccountJoint`.
    Joint(MonetaryAccountJoint),
    /// `MonetaryAccountExternal`.
    External(MonetaryAccountExternal),
    /// Any other kind, with its name.
    Other(ApiObject),
}

impl MonetaryAccount {
    /// Reads an account of the kind `object` names.
    pub fn from_object(object: &ApiObject) -> Result<MonetaryAccount> {
        Ok(match object.kind() {
            "MonetaryAccountBank" => MonetaryAccount::Bank(object.parse()?),
            "MonetaryAccountSavings" => MonetaryAccount::Savings(object.parse()?),
            "MonetaryAccountJoint" => MonetaryAccount::Joint(object.parse()?),
            "MonetaryAccountExternal" => MonetaryAccount::External(object.parse()?),
            _ => MonetaryAccount::Other(object.clone()),
        })
    }

    /// The account's id, whatever its kind.
    pub fn id(&self) -> Option<u64> {
        match self {
            MonetaryAccount::Bank(account) => account.id.get().copied(),
            MonetaryAccount::Savings(account) => account.id.get().copied(),
            MonetaryAccount::Joint(account) => account.id.get().copied(),
            MonetaryAccount::External(account) => account.id.get().copied(),
            MonetaryAccount::Other(object) => object.value().get("id").and_then(Value::as_u64),
        }
    }
}
