//! Draft payments: payments that wait for the user's approval in the app.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::{Amount, AttachmentReference, Field, LabelMonetaryAccount, LabelUser, Timestamp};

/// A draft payment (`DraftPayment`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct DraftPayment {
    /// The object's id.
    #[serde(default, skip_serializing_if = "Field::is_absent")]
    pub id: Field<u64>,
    /// When it was made (UTC).
    #[serde(default, skip_serializing_if = "Field::is_absent")]
    pub created: Field<Timestamp>,
    /// When it last changed (UTC).
    #[serde(default, skip_serializing_if = "Field::is_absent")]
    pub updated: Field<Timestamp>,
    /// The account to pay from.
    #[serde(default, skip_serializing_if = "Field::is_absent")]
    pub monetary_account_id: Field<u64>,
    /// `PENDING`, `ACCEPTED`, `REJECTED`, `CANCELLED`.
    #[serde(default, skip_serializing_if = "Field::is_absent")]
    pub status: Field<String>,
    /// `BUNQ` or another payment type.
    #[serde(rename = "type", default, skip_serializing_if = "Field::is_absent")]
    pub draft_type: Field<String>,
    /// Who made the draft.
    #[serde(default, skip_serializing_if = "Field::is_absent")]
    pub user_alias_created: Field<LabelUser>,
    /// The answers to it.
    #[serde(default, skip_serializing_if = "Field::is_absent")]
    pub responses: Field<Vec<Value>>,
    /// The payments it would make.
    #[serde(default, skip_serializing_if = "Field::is_absent")]
    pub entries: Field<Vec<DraftPaymentEntry>>,
    /// The object made once accepted, wrapped in its kind.
    #[serde(default, skip_serializing_if = "Field::is_absent")]
    pub object: Field<Value>,
    /// The schedule, for a draft of a scheduled payment.
    #[serde(default, skip_serializing_if = "Field::is_absent")]
    pub schedule: Field<Value>,
    /// Fields bunq sends that this type does not name, kept as sent.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// One payment of a draft.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct DraftPaymentEntry {
    /// The entry's id.
    #[serde(default, skip_serializing_if = "Field::is_absent")]
    pub id: Field<u64>,
    /// The amount.
    #[serde(default, skip_serializing_if = "Field::is_absent")]
    pub amount: Field<Amount>,
    /// This side's account.
    #[serde(default, skip_serializing_if = "Field::is_absent")]
    pub alias: Field<LabelMonetaryAccount>,
    /// Who to pay.
    #[serde(default, skip_serializing_if = "Field::is_absent")]
    pub counterparty_alias: Field<LabelMonetaryAccount>,
    /// The description.
    #[serde(default, skip_serializing_if = "Field::is_absent")]
    pub description: Field<String>,
    /// The merchant's reference.
    #[serde(default, skip_serializing_if = "Field::is_absent")]
    pub merchant_reference: Field<String>,
    /// The payment type.
    #[serde(rename = "type", default, skip_serializing_if = "Field::is_absent")]
    pub entry_type: Field<String>,
    /// Attachments.
    #[serde(default, skip_serializing_if = "Field::is_absent")]
    pub attachment: Field<Vec<AttachmentReference>>,
    /// Fields bunq sends that this type does not name, kept as sent.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}
