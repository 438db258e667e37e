//! Cards.

use serde_json::Value;

use super::{Amount, LabelMonetaryAccount};

api_object! {
    /// A payment card (`Card`).
    pub struct Card {
        /// The public UUID.
        public_uuid: String,
        /// `MAESTRO`, `MASTERCARD`, ...
        #[serde(rename = "type")]
        card_type: String,
        /// `NONE`, `VIRTUAL`, ...
        sub_type: String,
        /// The second line on the card.
        second_line: String,
        /// The name on the card.
        name_on_card: String,
        /// `ACTIVE`, `DEACTIVATED`, `LOST`, `STOLEN`, ...
        status: String,
        /// Why the status is what it is.
        sub_status: String,
        /// Where the card's order is.
        order_status: String,
        /// The expiry date, `YYYY-MM-DD`.
        expiry_date: String,
        /// The card numbers (last digits only).
        primary_account_numbers: Vec<Value>,
        /// The spending limit per day.
        card_limit: Amount,
        /// The cash limit per day.
        card_limit_atm: Amount,
        /// Where the card may be used.
        country_permission: Vec<Value>,
        /// The account the card was ordered for.
        label_monetary_account_ordered: LabelMonetaryAccount,
        /// The account the card pays from.
        label_monetary_account_current: LabelMonetaryAccount,
        /// Which account each PIN pays from.
        pin_code_assignment: Vec<Value>,
        /// The account to pay from when the first has too little.
        monetary_account_id_fallback: u64,
        /// The country, ISO 3166-1 alpha-2.
        country: String,
    }
}
