//! Scheduled payments: payments bunq makes on a schedule (`SchedulePayment.*` operations, wrapped as `ScheduledPayment`).

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::{Amount, AttachmentReference, Field, LabelMonetaryAccount, LabelUser, Timestamp};

/// A scheduled payment (`ScheduledPayment`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ScheduledPayment {
    /// The object's id.
    #[serde(default, skip_serializing_if = "Field::is_absent")]
    pub id: Field<u64>,
    /// When it was made (UTC).
    #[serde(default, skip_serializing_if = "Field::is_absent")]
    pub created: Field<Timestamp>,
    /// When it last changed (UTC).
    #[serde(default, skip_serializing_if = "Field::is_absent")]
    pub updated: Field<Timestamp>,
    /// The account it pays from.
    #[serde(default, skip_serializing_if = "Field::is_absent")]
    pub monetary_account_id: Field<u64>,
    /// `ACTIVE`, `FINISHED`, `CANCELLED`.
    #[serde(default, skip_serializing_if = "Field::is_absent")]
    pub status: Field<String>,
    /// When it pays.
    #[serde(default, skip_serializing_if = "Field::is_absent")]
    pub schedule: Field<Schedule>,
    /// What it pays.
    #[serde(default, skip_serializing_if = "Field::is_absent")]
    pub payment: Field<ScheduledPaymentEntry>,
    /// Who made it.
    #[serde(default, skip_serializing_if = "Field::is_absent")]
    pub label_schedule_user_created: Field<LabelUser>,
    /// Who cancelled it.
    #[serde(default, skip_serializing_if = "Field::is_absent")]
    pub label_schedule_user_canceled: Field<LabelUser>,
    /// Fields bunq sends that this type does not name, kept as sent.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// When a scheduled payment pays.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Schedule {
    /// The first time.
    #[serde(default, skip_serializing_if = "Field::is_absent")]
    pub time_start: Field<Timestamp>,
    /// The last time, if any.
    #[serde(default, skip_serializing_if = "Field::is_absent")]
    pub time_end: Field<Timestamp>,
    /// `ONCE`, `HOURLY`, `DAILY`, `WEEKLY`, `MONTHLY`, `YEARLY`.
    #[serde(default, skip_serializing_if = "Field::is_absent")]
    pub recurrence_unit: Field<String>,
    /// Every how many units.
    #[serde(default, skip_serializing_if = "Field::is_absent")]
    pub recurrence_size: Field<u64>,
    /// The schedule's status.
    #[serde(default, skip_serializing_if = "Field::is_absent")]
    pub status: Field<String>,
    /// What it makes, wrapped in its kind.
    #[serde(default, skip_serializing_if = "Field::is_absent")]
    pub object: Field<Value>,
    /// Fields bunq sends that this type does not name, kept as sent.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// The payment a schedule makes.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ScheduledPaymentEntry {
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
    /// Whether the payee may be a bunq.to link.
    #[serde(default, skip_serializing_if = "Field::is_absent")]
    pub allow_bunqto: Field<bool>,
    /// Fields bunq sends that this type does not name, kept as sent.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}
