//! Draft payments: payments that wait for the user's approval in the app.

use serde_json::Value;

use super::{Amount, AttachmentReference, LabelMonetaryAccount, LabelUser};

api_object! {
    /// A draft payment (`DraftPayment`).
    pub struct DraftPayment {
        /// The account to pay from.
        monetary_account_id: u64,
        /// `PENDING`, `ACCEPTED`, `REJECTED`, `CANCELLED`.
        status: String,
        /// `BUNQ` or another payment type.
        #[serde(rename = "type")]
        draft_type: String,
        /// Who made the draft.
        user_alias_created: LabelUser,
        /// The answers to it.
        responses: Vec<Value>,
        /// The payments it would make.
        entries: Vec<DraftPaymentEntry>,
        /// The object made once accepted, wrapped in its kind.
        object: Value,
        /// The schedule, for a draft of a scheduled payment.
        schedule: Value,
    }
}

api_part! {
    /// One payment of a draft.
    pub struct DraftPaymentEntry {
        /// The entry's id.
        id: u64,
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
    }
}
