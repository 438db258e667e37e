//! JSON arguments: parsing with messages that never echo a value (it may be a secret), and
//! the key/value lists used for queries and extra headers.

use serde::de::DeserializeOwned;
use serde_json::Value;

use super::failure::{Failure, Outcome};
use super::status::bunq_status;

/// Parses the JSON argument `name` into `T`.
pub(crate) fn parse<T: DeserializeOwned>(text: &str, name: &str) -> Outcome<T> {
    serde_json::from_str(text).map_err(|error| json_failure(name, &error))
}

/// Converts the already parsed JSON argument `name` into `T`.
pub(crate) fn from_value<T: DeserializeOwned>(value: Value, name: &str) -> Outcome<T> {
    serde_json::from_value(value).map_err(|error| json_failure(name, &error))
}

/// serde's own message, except that type and value complaints drop the offending value:
/// `invalid type: string "sandbox_…", expected u64` becomes `invalid type, expected u64`.
fn json_failure(name: &str, error: &serde_json::Error) -> Failure {
    let full = error.to_string();
    let safe = match full.split_once(": ") {
        Some((complaint @ ("invalid type" | "invalid value"), rest)) => {
            let expected = rest
                .rsplit_once(", expected ")
                .map_or("something else", |(_, expected)| expected);
            format!("{complaint}, expected {expected}")
        }
        _ => full,
    };
    Failure::new(
        bunq_status::BUNQ_ERROR_JSON,
        format!("{name} is not usable JSON: {safe}"),
    )
}

/// Key/value pairs from `{"key": value, ...}` (sorted by key) or `[["key", value], ...]`
/// (in order). Values may be strings, numbers or booleans; numbers and booleans are written
/// as JSON writes them (`200`, `true`).
pub(crate) fn pairs(text: &str, name: &str) -> Outcome<Vec<(String, String)>> {
    let value: Value = parse(text, name)?;
    let entries: Vec<(String, Value)> = match value {
        Value::Object(map) => map.into_iter().collect(),
        Value::Array(items) => items
            .into_iter()
            .map(|item| pair_from_array(item, name))
            .collect::<Outcome<_>>()?,
        _ => return Err(shape_failure(name)),
    };
    entries
        .into_iter()
        .map(|(key, value)| Ok((key, scalar_text(value, name)?)))
        .collect()
}

fn pair_from_array(item: Value, name: &str) -> Outcome<(String, Value)> {
    match item {
        Value::Array(mut two) if two.len() == 2 => {
            let value = two.pop().unwrap_or(Value::Null);
            match two.pop() {
                Some(Value::String(key)) => Ok((key, value)),
                _ => Err(shape_failure(name)),
            }
        }
        _ => Err(shape_failure(name)),
    }
}

fn scalar_text(value: Value, name: &str) -> Outcome<String> {
    match value {
        Value::String(text) => Ok(text),
        Value::Number(number) => Ok(number.to_string()),
        Value::Bool(flag) => Ok(flag.to_string()),
        _ => Err(shape_failure(name)),
    }
}

fn shape_failure(name: &str) -> Failure {
    Failure::new(
        bunq_status::BUNQ_ERROR_JSON,
        format!(
            "{name} must be a JSON object {{\"key\": \"value\"}} or an array [[\"key\", \"value\"]] \
             with string, number or boolean values"
        ),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn objects_and_arrays_give_pairs() {
        assert_eq!(
            pairs(r#"{"count": 200, "b": "x y"}"#, "query_json").unwrap(),
            vec![("b".into(), "x y".into()), ("count".into(), "200".into())]
        );
        assert_eq!(
            pairs(r#"[["z", "1"], ["a", true]]"#, "query_json").unwrap(),
            vec![("z".into(), "1".into()), ("a".into(), "true".into())]
        );
        for bad in ["{", "3", r#"{"a": null}"#, r#"[["a"]]"#, r#"[[1, "a"]]"#] {
            let failure = pairs(bad, "query_json").unwrap_err();
            assert_eq!(failure.status, bunq_status::BUNQ_ERROR_JSON, "{bad}");
        }
    }

    #[test]
    fn type_errors_do_not_echo_the_value() {
        #[derive(serde::Deserialize, Debug)]
        #[allow(dead_code)]
        struct Timeout {
            timeout_ms: u64,
        }
        let failure =
            parse::<Timeout>(r#"{"timeout_ms": "sandbox_secret"}"#, "config").unwrap_err();
        assert!(
            !failure.message.contains("sandbox_secret"),
            "{}",
            failure.message
        );
        assert!(
            failure.message.contains("expected u64"),
            "{}",
            failure.message
        );
    }
}
