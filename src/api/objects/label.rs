//! Labels: how bunq shows an account or a user to the other side of a payment.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::{Field, Pointer};

/// An account as the other side sees it: IBAN, name, avatar, user. What a payment's `alias` and `counterparty_alias` hold.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct LabelMonetaryAccount {
    /// The IBAN, when the account has one.
    #[serde(default, skip_serializing_if = "Field::is_absent")]
    pub iban: Field<String>,
    /// The name shown for the account.
    #[serde(default, skip_serializing_if = "Field::is_absent")]
    pub display_name: Field<String>,
    /// The avatar.
    #[serde(default, skip_serializing_if = "Field::is_absent")]
    pub avatar: Field<Value>,
    /// The user behind the account.
    #[serde(default, skip_serializing_if = "Field::is_absent")]
    pub label_user: Field<LabelUser>,
    /// The country, ISO 3166-1 alpha-2.
    #[serde(default, skip_serializing_if = "Field::is_absent")]
    pub country: Field<String>,
    /// The bunq.me alias, if any.
    #[serde(default, skip_serializing_if = "Field::is_absent")]
    pub bunq_me: Field<Pointer>,
    /// Whether the account is a light account.
    #[serde(default, skip_serializing_if = "Field::is_absent")]
    pub is_light: Field<bool>,
    /// The BIC of an international account.
    #[serde(default, skip_serializing_if = "Field::is_absent")]
    pub swift_bic: Field<String>,
    /// The account number of an international account.
    #[serde(default, skip_serializing_if = "Field::is_absent")]
    pub swift_account_number: Field<String>,
    /// The merchant category code, for a merchant.
    #[serde(default, skip_serializing_if = "Field::is_absent")]
    pub merchant_category_code: Field<String>,
    /// Fields bunq sends that this type does not name, kept as sent.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// A user as others see them.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct LabelUser {
    /// The user's public UUID.
    #[serde(default, skip_serializing_if = "Field::is_absent")]
    pub uuid: Field<String>,
    /// The name shown for the user.
    #[serde(default, skip_serializing_if = "Field::is_absent")]
    pub display_name: Field<String>,
    /// The country, ISO 3166-1 alpha-2.
    #[serde(default, skip_serializing_if = "Field::is_absent")]
    pub country: Field<String>,
    /// The avatar.
    #[serde(default, skip_serializing_if = "Field::is_absent")]
    pub avatar: Field<Value>,
    /// The public nickname.
    #[serde(default, skip_serializing_if = "Field::is_absent")]
    pub public_nick_name: Field<String>,
    /// Fields bunq sends that this type does not name, kept as sent.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}
