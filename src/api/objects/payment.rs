//! Payments: money that moved, and the body that makes one.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::{Amount, AttachmentReference, LabelMonetaryAccount, Pointer};

api_object! {
    /// A payment (`Payment`): what `Payment.get` and `Payment.list` answer, and a `MUTATION` callback's object.
    pub struct Payment {
        /// The account the payment belongs to.
        monetary_account_id: u64,
        /// The amount: negative when money left the account.
        amount: Amount,
        /// The description.
        description: String,
        /// `BUNQ`, `EBA_SCT`, `IDEAL`, `MASTERCARD`, ...
        #[serde(rename = "type")]
        payment_type: String,
        /// `PAYMENT`, `REQUEST`, `REFUND`, ...
        sub_type: String,
        /// The merchant's reference.
        merchant_reference: String,
        /// This side's account.
        alias: LabelMonetaryAccount,
        /// The other side's account.
        counterparty_alias: LabelMonetaryAccount,
        /// Attachments of the payment.
        attachment: Vec<AttachmentReference>,
        /// Where the payment was made, if known.
        geolocation: Value,
        /// The batch the payment is part of.
        batch_id: u64,
        /// The schedule that made the payment.
        scheduled_id: u64,
        /// The balance right after the payment.
        balance_after_mutation: Amount,
        /// The date the payment takes effect, `YYYY-MM-DD`.
        maturity_date: String,
        /// The requests that split this payment.
        request_reference_split_the_bill: Vec<Value>,
    }
}

/// The body of `Payment.create`: an amount, a pointer to pay to, a description.
///
/// ```
/// use bunq::api::objects::{Amount, NewPayment, Pointer};
///
/// let body = NewPayment::new(Amount::new("1.50", "EUR"), Pointer::email("bravo@bunq.com"), "coffee");
/// let json = serde_json::to_value(&body).unwrap();
/// assert_eq!(json["counterparty_alias"]["type"], "EMAIL");
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NewPayment {
    /// The amount to pay (positive).
    pub amount: Amount,
    /// Who to pay.
    pub counterparty_alias: Pointer,
    /// The description the other side sees.
    pub description: String,
    /// Further fields (`attachment`, `merchant_reference`, `allow_bunqto`), sent as given.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl NewPayment {
    /// `amount` to `counterparty`, described.
    pub fn new(
        amount: Amount,
        counterparty: Pointer,
        description: impl Into<String>,
    ) -> NewPayment {
        NewPayment {
            amount,
            counterparty_alias: counterparty,
            description: description.into(),
            extra: Map::new(),
        }
    }
}
