//! Amounts as bunq writes them ("12.34" EUR), kept in whole cents to stay exact.

use serde_json::{Map, Value, json};

use crate::reply::ApiError;
use crate::request::required_str;

/// The only currency the fake's accounts hold.
pub(crate) const CURRENCY: &str = "EUR";

/// Read `{"value":"12.34","currency":"EUR"}` as a positive number of cents.
pub(crate) fn positive_amount(amount: &Map<String, Value>) -> Result<i64, ApiError> {
    let value = required_str(amount, "value")?;
    let currency = required_str(amount, "currency")?;
    if currency != CURRENCY {
        return Err(ApiError::bad_request(format!(
            "The currency \"{currency}\" does not match the account's currency EUR."
        )));
    }
    match parse_cents(value) {
        Some(cents) if cents > 0 => Ok(cents),
        Some(_) => Err(ApiError::bad_request("The amount must be positive.")),
        None => Err(ApiError::bad_request(format!(
            "The amount \"{value}\" is not a valid amount."
        ))),
    }
}

/// "12.34", "12.3" or "12" as cents; no sign, at most two decimals.
pub(crate) fn parse_cents(text: &str) -> Option<i64> {
    let (whole, fraction) = text.split_once('.').unwrap_or((text, ""));
    let digits_only = |part: &str| part.bytes().all(|b| b.is_ascii_digit());
    if whole.is_empty() || whole.len() > 12 || fraction.len() > 2 {
        return None;
    }
    if !digits_only(whole) || !digits_only(fraction) || (text.contains('.') && fraction.is_empty())
    {
        return None;
    }
    let whole: i64 = whole.parse().ok()?;
    let fraction: i64 = format!("{fraction:0<2}").parse().ok()?;
    Some(whole * 100 + fraction)
}

/// Cents as bunq writes them: "500.00", "-0.01".
pub(crate) fn format_cents(cents: i64) -> String {
    let sign = if cents < 0 { "-" } else { "" };
    let magnitude = cents.unsigned_abs();
    format!("{sign}{}.{:02}", magnitude / 100, magnitude % 100)
}

/// `{"value":"..","currency":"EUR"}`.
pub(crate) fn amount_json(cents: i64) -> Value {
    json!({ "value": format_cents(cents), "currency": CURRENCY })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_exact_cents() {
        assert_eq!(parse_cents("100.00"), Some(10_000));
        assert_eq!(parse_cents("0.01"), Some(1));
        assert_eq!(parse_cents("0.1"), Some(10));
        assert_eq!(parse_cents("7"), Some(700));
        for bad in ["", "-1.00", "1.001", "1.", ".5", "1,00", "abc", "1e3", "+1"] {
            assert_eq!(parse_cents(bad), None, "{bad}");
        }
    }

    #[test]
    fn formats_signed_cents() {
        assert_eq!(format_cents(50_000), "500.00");
        assert_eq!(format_cents(-1), "-0.01");
        assert_eq!(format_cents(0), "0.00");
    }

    #[test]
    fn requires_positive_euros() {
        let amount = |value: &str, currency: &str| {
            let Value::Object(map) = json!({ "value": value, "currency": currency }) else {
                unreachable!()
            };
            positive_amount(&map)
        };
        assert_eq!(amount("0.30", "EUR"), Ok(30));
        assert!(amount("0.00", "EUR").is_err());
        assert!(amount("1.00", "USD").is_err());
    }
}
