//! Requests for money sent to someone.

use serde_json::Value;

use super::{Amount, AttachmentReference, LabelMonetaryAccount, LabelUser, Timestamp};

api_object! {
    /// A request for money (`RequestInquiry`), e.g. to the sandbox's sugar daddy.
    pub struct RequestInquiry {
        /// When the other side answered.
        time_responded: Timestamp,
        /// When the request expires.
        time_expiry: Timestamp,
        /// The account the money goes to.
        monetary_account_id: u64,
        /// The amount asked for.
        amount_inquired: Amount,
        /// The amount paid.
        amount_responded: Amount,
        /// `PENDING`, `ACCEPTED`, `REJECTED`, `REVOKED`, `EXPIRED`.
        status: String,
        /// The description.
        description: String,
        /// The merchant's reference.
        merchant_reference: String,
        /// Who made the request.
        user_alias_created: LabelUser,
        /// Who revoked it.
        user_alias_revoked: LabelUser,
        /// Who is asked.
        counterparty_alias: LabelMonetaryAccount,
        /// Attachments of the request.
        attachment: Vec<AttachmentReference>,
        /// The minimum age of the payer.
        minimum_age: u64,
        /// Whether an address is asked for.
        require_address: String,
        /// The bunq.me link to pay it.
        bunqme_share_url: String,
        /// The batch it is part of.
        batch_id: u64,
        /// The schedule that made it.
        scheduled_id: u64,
        /// Where it was made, if known.
        geolocation: Value,
    }
}
