//! Payments: money that moved, and the body that makes one.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::{Amount, AttachmentReference, Field, LabelMonetaryAccount, Pointer, Timestamp};

/// A payment (`Payment`): what `Payment.get` and `Payment.list` answer, and a `MUTATION` callback's object.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Payment {
    /// The object's id.
    #[serde(default, skip_serializing_if = "Field::is_absent")]
    pub id: Field<u64>,
    /// When it was made (UTC).
    #[serde(default, skip_serializing_if = "Field::is_absent")]
    pub created: Field<Timestamp>,
    /// When it last changed (UTC).
    #[serde(default, skip_serializing_if = "Field::is_absent")]
    pub updated: Field<Timestamp>,
    /// The account the payment belongs to.
    #[serde(default, skip_serializing_if = "Field::is_absent")]
    pub monetary_account_id: Field<u64>,
    /// The amount: negative when money left the account.
    #[serde(default, skip_serializing_if = "Field::is_absent")]
    pub amount: Field<Amount>,
    /// The description.
    #[serde(default, skip_serializing_if = "Field::is_absent")]
    pub description: Field<String>,
    /// `BUNQ`, `EBA_SCT`, `IDEAL`, `MASTERCARD`, ...
    #[serde(rename = "type", default, skip_serializing_if = "Field::is_absent")]
    pub payment_type: Field<String>,
    /// `PAYMENT`, `REQUEST`, `REFUND`, ...
    #[serde(default, skip_serializing_if = "Field::is_absent")]
    pub sub_type: Field<String>,
    /// The merchant's reference.
    #[serde(default, skip_serializing_if = "Field::is_absent")]
    pub merchant_reference: Field<String>,
    /// This side's account.
    #[serde(default, skip_serializing_if = "Field::is_absent")]
    pub alias: Field<LabelMonetaryAccount>,
    /// The other side's account.
    #[serde(default, skip_serializing_if = "Field::is_absent")]
    pub counterparty_alias: Field<LabelMonetaryAccount>,
    /// Attachments of the payment.
    #[serde(default, skip_serializing_if = "Field::is_absent")]
    pub attachment: Field<Vec<AttachmentReference>>,
    /// Where the payment was made, if known.
    #[serde(default, skip_serializing_if = "Field::is_absent")]
    pub geolocation: Field<Value>,
    /// The batch the payment is part of.
    #[serde(default, skip_serializing_if = "Field::is_absent")]
    pub batch_id: Field<u64>,
    /// The schedule that made the payment.
    #[serde(default, skip_serializing_if = "Field::is_absent")]
    pub scheduled_id: Field<u64>,
    /// The balance right after the payment.
    #[serde(default, skip_serializing_if = "Field::is_absent")]
    pub balance_after_mutation: Field<Amount>,
    /// The date the payment takes effect, `YYYY-MM-DD`.
    #[serde(default, skip_serializing_if = "Field::is_absent")]
    pub maturity_date: Field<String>,
    /// The requests that split this payment.
    #[serde(default, skip_serializing_if = "Field::is_absent")]
    pub request_reference_split_the_bill: Field<Vec<Value>>,
    /// Fields bunq sends that this type does not name, kept as sent.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
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
