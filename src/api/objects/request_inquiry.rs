//! Requests for money sent to someone.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::{Amount, AttachmentReference, Field, LabelMonetaryAccount, LabelUser, Timestamp};

/// A request for money (`RequestInquiry`), e.g. to the sandbox's sugar daddy.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct RequestInquiry {
    /// The object's id.
    #[serde(default, skip_serializing_if = "Field::is_absent")]
    pub id: Field<u64>,
    /// When it was made (UTC).
    #[serde(default, skip_serializing_if = "Field::is_absent")]
    pub created: Field<Timestamp>,
    /// When it last changed (UTC).
    #[serde(default, skip_serializing_if = "Field::is_absent")]
    pub updated: Field<Timestamp>,
    /// When the other side answered.
    #[serde(default, skip_serializing_if = "Field::is_absent")]
    pub time_responded: Field<Timestamp>,
    /// When the request expires.
    #[serde(default, skip_serializing_if = "Field::is_absent")]
    pub time_expiry: Field<Timestamp>,
    /// The account the money goes to.
    #[serde(default, skip_serializing_if = "Field::is_absent")]
    pub monetary_account_id: Field<u64>,
    /// The amount asked for.
    #[serde(default, skip_serializing_if = "Field::is_absent")]
    pub amount_inquired: Field<Amount>,
    /// The amount paid.
    #[serde(default, skip_serializing_if = "Field::is_absent")]
    pub amount_responded: Field<Amount>,
    /// `PENDING`, `ACCEPTED`, `REJECTED`, `REVOKED`, `EXPIRED`.
    #[serde(default, skip_serializing_if = "Field::is_absent")]
    pub status: Field<String>,
    /// The description.
    #[serde(default, skip_serializing_if = "Field::is_absent")]
    pub description: Field<String>,
    /// The merchant's reference.
    #[serde(default, skip_serializing_if = "Field::is_absent")]
    pub merchant_reference: Field<String>,
    /// Who made the request.
    #[serde(default, skip_serializing_if = "Field::is_absent")]
    pub user_alias_created: Field<LabelUser>,
    /// Who revoked it.
    #[serde(default, skip_serializing_if = "Field::is_absent")]
    pub user_alias_revoked: Field<LabelUser>,
    /// Who is asked.
    #[serde(default, skip_serializing_if = "Field::is_absent")]
    pub counterparty_alias: Field<LabelMonetaryAccount>,
    /// Attachments of the request.
    #[serde(default, skip_serializing_if = "Field::is_absent")]
    pub attachment: Field<Vec<AttachmentReference>>,
    /// The minimum age of the payer.
    #[serde(default, skip_serializing_if = "Field::is_absent")]
    pub minimum_age: Field<u64>,
    /// Whether an address is asked for.
    #[serde(default, skip_serializing_if = "Field::is_absent")]
    pub require_address: Field<String>,
    /// The bunq.me link to pay it.
    #[serde(default, skip_serializing_if = "Field::is_absent")]
    pub bunqme_share_url: Field<String>,
    /// The batch it is part of.
    #[serde(default, skip_serializing_if = "Field::is_absent")]
    pub batch_id: Field<u64>,
    /// The schedule that made it.
    #[serde(default, skip_serializing_if = "Field::is_absent")]
    pub scheduled_id: Field<u64>,
    /// Where it was made, if known.
    #[serde(default, skip_serializing_if = "Field::is_absent")]
    pub geolocation: Field<Value>,
    /// Fields bunq sends that this type does not name, kept as sent.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}
