//! A pointer: an alias to pay to or ask money from (an IBAN, an e-mail address, a phone
//! number).

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::Field;

/// An alias: `{"type": "IBAN", "value": "NL...", "name": "..."}`. What a payment's or a
/// request's `counterparty_alias` takes (bunq's description types it wrongly as a
/// `LabelMonetaryAccount`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Pointer {
    /// `IBAN`, `EMAIL` or `PHONE_NUMBER`.
    #[serde(rename = "type")]
    pub pointer_type: String,
    /// The IBAN, address or number.
    pub value: String,
    /// The holder's name (required by bunq for an IBAN).
    #[serde(default, skip_serializing_if = "Field::is_absent")]
    pub name: Field<String>,
    /// Fields bunq added that this type does not name, kept as sent.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl Pointer {
    fn new(pointer_type: &str, value: impl Into<String>, name: Field<String>) -> Pointer {
        Pointer {
            pointer_type: pointer_type.to_owned(),
            value: value.into(),
            name,
            extra: Map::new(),
        }
    }

    /// An IBAN with its holder's name.
    pub fn iban(iban: impl Into<String>, name: impl Into<String>) -> Pointer {
        Pointer::new("IBAN", iban, Field::Present(name.into()))
    }

    /// An e-mail address.
    pub fn email(address: impl Into<String>) -> Pointer {
        Pointer::new("EMAIL", address, Field::Absent)
    }

    /// A phone number, e.g. `+31612345678`.
    pub fn phone_number(number: impl Into<String>) -> Pointer {
        Pointer::new("PHONE_NUMBER", number, Field::Absent)
    }
}
