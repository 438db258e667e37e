//! An amount of money as bunq writes it: a decimal string and a currency.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// An amount: `{"value": "12.50", "currency": "EUR"}`.
///
/// The value stays bunq's decimal string, exactly as sent: a float would change it
/// (`0.1 + 0.2`), so this type does no arithmetic. Parse it with a decimal crate if you
/// need to compute.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Amount {
    /// The decimal value, e.g. `"-24.95"`.
    pub value: String,
    /// The ISO 4217 currency, e.g. `"EUR"`.
    pub currency: String,
    /// Fields bunq added that this type does not name, kept as sent.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl Amount {
    /// `value` of `currency`, e.g. `Amount::new("1.50", "EUR")`.
    pub fn new(value: impl Into<String>, currency: impl Into<String>) -> Amount {
        Amount {
            value: value.into(),
            currency: currency.into(),
            extra: Map::new(),
        }
    }
}
