//! Cards.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::{Amount, Field, LabelMonetaryAccount, Timestamp};

/// A payment card (`Card`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Card {
    /// The object's id.
    #[serde(default, skip_serializing_if = "Field::is_absent")]
    pub id: Field<u64>,
    /// When it was made (UTC).
    #[serde(default, skip_serializing_if = "Field::is_absent")]
    pub created: Field<Timestamp>,
    /// When it last changed (UTC).
    #[serde(default, skip_serializing_if = "Field::is_absent")]
    pub updated: Field<Timestamp>,
    /// The public UUID.
    #[serde(default, skip_serializing_if = "Field::is_absent")]
    pub public_uuid: Field<String>,
    /// `MAESTRO`, `MASTERCARD`, ...
    #[serde(rename = "type", default, skip_serializing_if = "Field::is_absent")]
    pub card_type: Field<String>,
    /// `NONE`, `VIRTUAL`, ...
    #[serde(default, skip_serializing_if = "Field::is_absent")]
    pub sub_type: Field<String>,
    /// The second line on the card.
    #[serde(default, skip_serializing_if = "Field::is_absent")]
    pub second_line: Field<String>,
    /// The name on the card.
    #[serde(default, skip_serializing_if = "Field::is_absent")]
    pub name_on_card: Field<String>,
    /// `ACTIVE`, `DEACTIVATED`, `LOST`, `STOLEN`, ...
    #[serde(default, skip_serializing_if = "Field::is_absent")]
    pub status: Field<String>,
    /// Why the status is what it is.
    #[serde(default, skip_serializing_if = "Field::is_absent")]
    pub sub_status: Field<String>,
    /// Where the card's order is.
    #[serde(default, skip_serializing_if = "Field::is_absent")]
    pub order_status: Field<String>,
    /// The expiry date, `YYYY-MM-DD`.
    #[serde(default, skip_serializing_if = "Field::is_absent")]
    pub expiry_date: Field<String>,
    /// The card numbers (last digits only).
    #[serde(default, skip_serializing_if = "Field::is_absent")]
    pub primary_account_numbers: Field<Vec<Value>>,
    /// The spending limit per day.
    #[serde(default, skip_serializing_if = "Field::is_absent")]
    pub card_limit: Field<Amount>,
    /// The cash limit per day.
    #[serde(default, skip_serializing_if = "Field::is_absent")]
    pub card_limit_atm: Field<Amount>,
    /// Where the card may be used.
    #[serde(default, skip_serializing_if = "Field::is_absent")]
    pub country_permission: Field<Vec<Value>>,
    /// The account the card was ordered for.
    #[serde(default, skip_serializing_if = "Field::is_absent")]
    pub label_monetary_account_ordered: Field<LabelMonetaryAccount>,
    /// The account the card pays from.
    #[serde(default, skip_serializing_if = "Field::is_absent")]
    pub label_monetary_account_current: Field<LabelMonetaryAccount>,
    /// Which account each PIN pays from.
    #[serde(default, skip_serializing_if = "Field::is_absent")]
    pub pin_code_assignment: Field<Vec<Value>>,
    /// The account to pay from when the first has too little.
    #[serde(default, skip_serializing_if = "Field::is_absent")]
    pub monetary_account_id_fallback: Field<u64>,
    /// The country, ISO 3166-1 alpha-2.
    #[serde(default, skip_serializing_if = "Field::is_absent")]
    pub country: Field<String>,
    /// Fields bunq sends that this type does not name, kept as sent.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}
