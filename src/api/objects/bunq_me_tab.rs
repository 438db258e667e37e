//! bunq.me tabs: links anyone can pay.

use serde_json::Value;

use super::{Amount, LabelMonetaryAccount, Timestamp};

api_object! {
    /// A bunq.me tab (`BunqMeTab`).
    pub struct BunqMeTab {
        /// When it expires.
        time_expiry: Timestamp,
        /// The account the money goes to.
        monetary_account_id: u64,
        /// `WAITING_FOR_PAYMENT`, `CANCELLED`, `EXPIRED`.
        status: String,
        /// The link to share.
        bunqme_tab_share_url: String,
        /// What is asked for.
        bunqme_tab_entry: BunqMeTabEntry,
        /// The payments made to it.
        result_inquiries: Vec<Value>,
    }
}

api_part! {
    /// What a bunq.me tab asks for.
    pub struct BunqMeTabEntry {
        /// The entry's UUID.
        uuid: String,
        /// The amount asked for.
        amount_inquired: Amount,
        /// Who asks.
        alias: LabelMonetaryAccount,
        /// The description.
        description: String,
        /// The status.
        status: String,
        /// Where the payer goes afterwards.
        redirect_url: String,
        /// The payment methods offered.
        merchant_available: Vec<Value>,
        /// The name shown to payers.
        invite_profile_name: String,
    }
}
