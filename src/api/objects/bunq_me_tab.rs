//! bunq.me tabs: links anyone can pay.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::{Amount, Field, LabelMonetaryAccount, Timestamp};

/// A bunq.me tab (`BunqMeTab`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct BunqMeTab {
    /// The object's id.
    #[serde(default, skip_serializing_if = "Field::is_absent")]
    pub id: Field<u64>,
    /// When it was made (UTC).
    #[serde(default, skip_serializing_if = "Field::is_absent")]
    pub created: Field<Timestamp>,
    /// When it last changed (UTC).
    #[serde(default, skip_serializing_if = "Field::is_absent")]
    pub updated: Field<Timestamp>,
    /// When it expires.
    #[serde(default, skip_serializing_if = "Field::is_absent")]
    pub time_expiry: Field<Timestamp>,
    /// The account the money goes to.
    #[serde(default, skip_serializing_if = "Field::is_absent")]
    pub monetary_account_id: Field<u64>,
    /// `WAITING_FOR_PAYMENT`, `CANCELLED`, `EXPIRED`.
    #[serde(default, skip_serializing_if = "Field::is_absent")]
    pub status: Field<String>,
    /// The link to share.
    #[serde(default, skip_serializing_if = "Field::is_absent")]
    pub bunqme_tab_share_url: Field<String>,
    /// What is asked for.
    #[serde(default, skip_serializing_if = "Field::is_absent")]
    pub bunqme_tab_entry: Field<BunqMeTabEntry>,
    /// The payments made to it.
    #[serde(default, skip_serializing_if = "Field::is_absent")]
    pub result_inquiries: Field<Vec<Value>>,
    /// Fields bunq sends that this type does not name, kept as sent.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// What a bunq.me tab asks for.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct BunqMeTabEntry {
    /// The entry's UUID.
    #[serde(default, skip_serializing_if = "Field::is_absent")]
    pub uuid: Field<String>,
    /// The amount asked for.
    #[serde(default, skip_serializing_if = "Field::is_absent")]
    pub amount_inquired: Field<Amount>,
    /// Who asks.
    #[serde(default, skip_serializing_if = "Field::is_absent")]
    pub alias: Field<LabelMonetaryAccount>,
    /// The description.
    #[serde(default, skip_serializing_if = "Field::is_absent")]
    pub description: Field<String>,
    /// The status.
    #[serde(default, skip_serializing_if = "Field::is_absent")]
    pub status: Field<String>,
    /// Where the payer goes afterwards.
    #[serde(default, skip_serializing_if = "Field::is_absent")]
    pub redirect_url: Field<String>,
    /// The payment methods offered.
    #[serde(default, skip_serializing_if = "Field::is_absent")]
    pub merchant_available: Field<Vec<Value>>,
    /// The name shown to payers.
    #[serde(default, skip_serializing_if = "Field::is_absent")]
    pub invite_profile_name: Field<String>,
    /// Fields bunq sends that this type does not name, kept as sent.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}
