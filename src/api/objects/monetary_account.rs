//! Monetary accounts: bank, savings, joint and external, and the anchor that is any of them.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::api::ApiObject;
use crate::error::Result;

use super::{Amount, Field, Pointer, Timestamp};

/// A current account (`MonetaryAccountBank`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct MonetaryAccountBank {
    /// The object's id.
    #[serde(default, skip_serializing_if = "Field::is_absent")]
    pub id: Field<u64>,
    /// When it was made (UTC).
    #[serde(default, skip_serializing_if = "Field::is_absent")]
    pub created: Field<Timestamp>,
    /// When it last changed (UTC).
    #[serde(default, skip_serializing_if = "Field::is_absent")]
    pub updated: Field<Timestamp>,
    /// The account's aliases (its IBAN among them).
    #[serde(default, skip_serializing_if = "Field::is_absent")]
    pub alias: Field<Vec<Pointer>>,
    /// The avatar.
    #[serde(default, skip_serializing_if = "Field::is_absent")]
    pub avatar: Field<Value>,
    /// The balance.
    #[serde(default, skip_serializing_if = "Field::is_absent")]
    pub balance: Field<Amount>,
    /// The country, ISO 3166-1 alpha-2.
    #[serde(default, skip_serializing_if = "Field::is_absent")]
    pub country: Field<String>,
    /// The currency, ISO 4217.
    #[serde(default, skip_serializing_if = "Field::is_absent")]
    pub currency: Field<String>,
    /// The most that may leave the account per day.
    #[serde(default, skip_serializing_if = "Field::is_absent")]
    pub daily_limit: Field<Amount>,
    /// The account's name as the user gave it.
    #[serde(default, skip_serializing_if = "Field::is_absent")]
    pub description: Field<String>,
    /// The public UUID.
    #[serde(default, skip_serializing_if = "Field::is_absent")]
    pub public_uuid: Field<String>,
    /// `ACTIVE`, `BLOCKED`, `CANCELLED` or `PENDING_REOPEN`.
    #[serde(default, skip_serializing_if = "Field::is_absent")]
    pub status: Field<String>,
    /// Why the status is what it is.
    #[serde(default, skip_serializing_if = "Field::is_absent")]
    pub sub_status: Field<String>,
    /// The owner's user id.
    #[serde(default, skip_serializing_if = "Field::is_absent")]
    pub user_id: Field<u64>,
    /// Colour, icon and other settings.
    #[serde(default, skip_serializing_if = "Field::is_absent")]
    pub setting: Field<Value>,
    /// Automatic top-up and drain settings.
    #[serde(default, skip_serializing_if = "Field::is_absent")]
    pub monetary_account_profile: Field<Value>,
    /// The overdraft limit.
    #[serde(default, skip_serializing_if = "Field::is_absent")]
    pub overdraft_limit: Field<Amount>,
    /// Fields bunq sends that this type does not name, kept as sent.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// A savings account (`MonetaryAccountSavings`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct MonetaryAccountSavings {
    /// The object's id.
    #[serde(default, skip_serializing_if = "Field::is_absent")]
    pub id: Field<u64>,
    /// When it was made (UTC).
    #[serde(default, skip_serializing_if = "Field::is_absent")]
    pub created: Field<Timestamp>,
    /// When it last changed (UTC).
    #[serde(default, skip_serializing_if = "Field::is_absent")]
    pub updated: Field<Timestamp>,
    /// The account's aliases (its IBAN among them).
    #[serde(default, skip_serializing_if = "Field::is_absent")]
    pub alias: Field<Vec<Pointer>>,
    /// The avatar.
    #[serde(default, skip_serializing_if = "Field::is_absent")]
    pub avatar: Field<Value>,
    /// The balance.
    #[serde(default, skip_serializing_if = "Field::is_absent")]
    pub balance: Field<Amount>,
    /// The country, ISO 3166-1 alpha-2.
    #[serde(default, skip_serializing_if = "Field::is_absent")]
    pub country: Field<String>,
    /// The currency, ISO 4217.
    #[serde(default, skip_serializing_if = "Field::is_absent")]
    pub currency: Field<String>,
    /// The most that may leave the account per day.
    #[serde(default, skip_serializing_if = "Field::is_absent")]
    pub daily_limit: Field<Amount>,
    /// The account's name as the user gave it.
    #[serde(default, skip_serializing_if = "Field::is_absent")]
    pub description: Field<String>,
    /// The public UUID.
    #[serde(default, skip_serializing_if = "Field::is_absent")]
    pub public_uuid: Field<String>,
    /// `ACTIVE`, `BLOCKED`, `CANCELLED` or `PENDING_REOPEN`.
    #[serde(default, skip_serializing_if = "Field::is_absent")]
    pub status: Field<String>,
    /// Why the status is what it is.
    #[serde(default, skip_serializing_if = "Field::is_absent")]
    pub sub_status: Field<String>,
    /// The owner's user id.
    #[serde(default, skip_serializing_if = "Field::is_absent")]
    pub user_id: Field<u64>,
    /// Colour, icon and other settings.
    #[serde(default, skip_serializing_if = "Field::is_absent")]
    pub setting: Field<Value>,
    /// Automatic top-up and drain settings.
    #[serde(default, skip_serializing_if = "Field::is_absent")]
    pub monetary_account_profile: Field<Value>,
    /// The amount to save.
    #[serde(default, skip_serializing_if = "Field::is_absent")]
    pub savings_goal: Field<Amount>,
    /// How far the goal is reached.
    #[serde(default, skip_serializing_if = "Field::is_absent")]
    pub savings_goal_progress: Field<Value>,
    /// The co-owners.
    #[serde(default, skip_serializing_if = "Field::is_absent")]
    pub all_co_owner: Field<Vec<Value>>,
    /// Fields bunq sends that this type does not name, kept as sent.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// A joint account (`MonetaryAccountJoint`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct MonetaryAccountJoint {
    /// The object's id.
    #[serde(default, skip_serializing_if = "Field::is_absent")]
    pub id: Field<u64>,
    /// When it was made (UTC).
    #[serde(default, skip_serializing_if = "Field::is_absent")]
    pub created: Field<Timestamp>,
    /// When it last changed (UTC).
    #[serde(default, skip_serializing_if = "Field::is_absent")]
    pub updated: Field<Timestamp>,
    /// The account's aliases (its IBAN among them).
    #[serde(default, skip_serializing_if = "Field::is_absent")]
    pub alias: Field<Vec<Pointer>>,
    /// The avatar.
    #[serde(default, skip_serializing_if = "Field::is_absent")]
    pub avatar: Field<Value>,
    /// The balance.
    #[serde(default, skip_serializing_if = "Field::is_absent")]
    pub balance: Field<Amount>,
    /// The country, ISO 3166-1 alpha-2.
    #[serde(default, skip_serializing_if = "Field::is_absent")]
    pub country: Field<String>,
    /// The currency, ISO 4217.
    #[serde(default, skip_serializing_if = "Field::is_absent")]
    pub currency: Field<String>,
    /// The most that may leave the account per day.
    #[serde(default, skip_serializing_if = "Field::is_absent")]
    pub daily_limit: Field<Amount>,
    /// The account's name as the user gave it.
    #[serde(default, skip_serializing_if = "Field::is_absent")]
    pub description: Field<String>,
    /// The public UUID.
    #[serde(default, skip_serializing_if = "Field::is_absent")]
    pub public_uuid: Field<String>,
    /// `ACTIVE`, `BLOCKED`, `CANCELLED` or `PENDING_REOPEN`.
    #[serde(default, skip_serializing_if = "Field::is_absent")]
    pub status: Field<String>,
    /// Why the status is what it is.
    #[serde(default, skip_serializing_if = "Field::is_absent")]
    pub sub_status: Field<String>,
    /// The owner's user id.
    #[serde(default, skip_serializing_if = "Field::is_absent")]
    pub user_id: Field<u64>,
    /// Colour, icon and other settings.
    #[serde(default, skip_serializing_if = "Field::is_absent")]
    pub setting: Field<Value>,
    /// Automatic top-up and drain settings.
    #[serde(default, skip_serializing_if = "Field::is_absent")]
    pub monetary_account_profile: Field<Value>,
    /// The overdraft limit.
    #[serde(default, skip_serializing_if = "Field::is_absent")]
    pub overdraft_limit: Field<Amount>,
    /// The co-owners, each with its alias and status.
    #[serde(default, skip_serializing_if = "Field::is_absent")]
    pub all_co_owner: Field<Vec<Value>>,
    /// Fields bunq sends that this type does not name, kept as sent.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// An account at another bank, seen through open banking (`MonetaryAccountExternal`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct MonetaryAccountExternal {
    /// The object's id.
    #[serde(default, skip_serializing_if = "Field::is_absent")]
    pub id: Field<u64>,
    /// When it was made (UTC).
    #[serde(default, skip_serializing_if = "Field::is_absent")]
    pub created: Field<Timestamp>,
    /// When it last changed (UTC).
    #[serde(default, skip_serializing_if = "Field::is_absent")]
    pub updated: Field<Timestamp>,
    /// The account's aliases (its IBAN among them).
    #[serde(default, skip_serializing_if = "Field::is_absent")]
    pub alias: Field<Vec<Pointer>>,
    /// The avatar.
    #[serde(default, skip_serializing_if = "Field::is_absent")]
    pub avatar: Field<Value>,
    /// The balance.
    #[serde(default, skip_serializing_if = "Field::is_absent")]
    pub balance: Field<Amount>,
    /// The country, ISO 3166-1 alpha-2.
    #[serde(default, skip_serializing_if = "Field::is_absent")]
    pub country: Field<String>,
    /// The currency, ISO 4217.
    #[serde(default, skip_serializing_if = "Field::is_absent")]
    pub currency: Field<String>,
    /// The most that may leave the account per day.
    #[serde(default, skip_serializing_if = "Field::is_absent")]
    pub daily_limit: Field<Amount>,
    /// The account's name as the user gave it.
    #[serde(default, skip_serializing_if = "Field::is_absent")]
    pub description: Field<String>,
    /// The public UUID.
    #[serde(default, skip_serializing_if = "Field::is_absent")]
    pub public_uuid: Field<String>,
    /// `ACTIVE`, `BLOCKED`, `CANCELLED` or `PENDING_REOPEN`.
    #[serde(default, skip_serializing_if = "Field::is_absent")]
    pub status: Field<String>,
    /// Why the status is what it is.
    #[serde(default, skip_serializing_if = "Field::is_absent")]
    pub sub_status: Field<String>,
    /// The owner's user id.
    #[serde(default, skip_serializing_if = "Field::is_absent")]
    pub user_id: Field<u64>,
    /// Colour, icon and other settings.
    #[serde(default, skip_serializing_if = "Field::is_absent")]
    pub setting: Field<Value>,
    /// Automatic top-up and drain settings.
    #[serde(default, skip_serializing_if = "Field::is_absent")]
    pub monetary_account_profile: Field<Value>,
    /// The service connecting it.
    #[serde(default, skip_serializing_if = "Field::is_absent")]
    pub service: Field<String>,
    /// The name shown for the account.
    #[serde(default, skip_serializing_if = "Field::is_absent")]
    pub display_name: Field<String>,
    /// The open-banking connection.
    #[serde(default, skip_serializing_if = "Field::is_absent")]
    pub open_banking_account: Field<Value>,
    /// Fields bunq sends that this type does not name, kept as sent.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
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
