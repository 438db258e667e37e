//! Scheduled payments: payments bunq makes on a schedule (`SchedulePayment.*` operations, wrapped as `ScheduledPayment`).

use serde_json::Value;

use super::{Amount, AttachmentReference, LabelMonetaryAccount, LabelUser, Timestamp};

api_object! {
    /// A scheduled payment (`ScheduledPayment`).
    pub struct ScheduledPayment {
        /// The account it pays from.
        monetary_account_id: u64,
        /// `ACTIVE`, `FINISHED`, `CANCELLED`.
        status: String,
        /// When it pays.
        schedule: Schedule,
        /// What it pays.
        payment: ScheduledPaymentEntry,
        /// Who made it.
        label_schedule_user_created: LabelUser,
        /// Who cancelled it.
        label_schedule_user_canceled: LabelUser,
    }
}

api_part! {
    /// When a scheduled payment pays.
    pub struct Schedule {
        /// The first time.
        time_start: Timestamp,
        /// The last time, if any.
        time_end: Timestamp,
        /// `ONCE`, `HOURLY`, `DAILY`, `WEEKLY`, `MONTHLY`, `YEARLY`.
        recurrence_unit: String,
        /// Every how many units.
        recurrence_size: u64,
        /// The schedule's status.
        status: String,
        /// What it makes, wrapped in its kind.
        object: Value,
    }
}

api_part! {
    /// The payment a schedule makes.
    pub struct ScheduledPaymentEntry {
        /// The amount.
        amount: Amount,
        /// This side's account.
        alias: LabelMonetaryAccount,
        /// Who to pay.
        counterparty_alias: LabelMonetaryAccount,
        /// The description.
        description: String,
        /// The merchant's reference.
        merchant_reference: String,
        /// The payment type.
        #[serde(rename = "type")]
        entry_type: String,
        /// Attachments.
        attachment: Vec<AttachmentReference>,
        /// Whether the payee may be a bunq.to link.
        allow_bunqto: bool,
    }
}
