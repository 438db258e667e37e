//! Checks a settings object against the list of settings (`settings.rs`) before it is read,
//! so that a mistake gets a message its user can act on, in any language: the unknown name
//! with the closest valid one, or the setting whose value has the wrong type with the type
//! it takes in words. Values are never echoed (a misplaced one may be an API key).

use serde_json::{Map, Value};

use super::failure::{Failure, Outcome};
use super::settings::{GROUPS, Group, Kind, Setting};
use super::status::bunq_status;

/// The settings argument `text` (called `argument` in messages: "the settings", "the
/// options") as a JSON object whose every key is a setting of `groups` with a value of its
/// type.
pub(crate) fn checked_object(
    text: &str,
    argument: &str,
    groups: &[&Group],
) -> Outcome<Map<String, Value>> {
    let value: Value = serde_json::from_str(text)
        .map_err(|error| json_failure(format!("{argument} are not valid JSON: {error}")))?;
    let Value::Object(object) = value else {
        return Err(json_failure(format!(
            "{argument} must be a JSON object of settings (e.g. {{\"timeout_ms\": 30000}}), \
             not {}",
            json_type(&value)
        )));
    };
    let settings: Vec<&Setting> = groups
        .iter()
        .flat_map(|group| group.settings.iter())
        .collect();
    check_object(&object, &settings, "")?;
    Ok(object)
}

/// Every key of `object` is one of `settings`, with a value of its kind; `prefix` is the
/// dotted path of a nested object (`"retry."`).
fn check_object(object: &Map<String, Value>, settings: &[&Setting], prefix: &str) -> Outcome<()> {
    for (key, value) in object {
        let setting = settings
            .iter()
            .find(|setting| setting.name == key)
            .ok_or_else(|| unknown(key, settings, prefix))?;
        check_value(setting, value, prefix)?;
    }
    Ok(())
}

fn check_value(setting: &Setting, value: &Value, prefix: &str) -> Outcome<()> {
    let admitted = match (&setting.kind, value) {
        (Kind::Text | Kind::Choice(_), Value::String(_)) => true,
        (Kind::PathOrNull, Value::String(_) | Value::Null) => true,
        (Kind::Texts, Value::Array(items)) => items.iter().all(Value::is_string),
        (Kind::Milliseconds | Kind::Bytes, Value::Number(number)) => number.as_u64().is_some(),
        (Kind::Count, Value::Number(number)) => number
            .as_u64()
            .is_some_and(|count| u32::try_from(count).is_ok()),
        (Kind::Switch(_), Value::Bool(_)) => true,
        (Kind::Switch(_) | Kind::Object(_), Value::Object(object)) => {
            let fields: Vec<&Setting> = setting.kind.fields().iter().collect();
            let nested = format!("{prefix}{}.", setting.name);
            return check_object(object, &fields, &nested);
        }
        _ => false,
    };
    match admitted {
        true => Ok(()),
        false => Err(wrong_type(setting, value, prefix)),
    }
}

fn wrong_type(setting: &Setting, value: &Value, prefix: &str) -> Failure {
    let numeric = matches!(setting.kind, Kind::Milliseconds | Kind::Bytes | Kind::Count);
    let hint = match value {
        Value::String(text) if numeric && text.trim().parse::<u64>().is_ok() => {
            ": write the number without quotes"
        }
        _ => "",
    };
    let given = match (value, &setting.kind) {
        (Value::Array(_), Kind::Texts) => "a list of other values".to_owned(),
        (Value::Number(number), Kind::Count) if number.as_u64().is_some() => {
            format!("a number over {}", u32::MAX)
        }
        _ => json_type(value),
    };
    json_failure(format!(
        "the setting \"{prefix}{}\" must be {}, not {given}{hint}",
        setting.name,
        setting.kind.words(),
    ))
}

/// The failure for `key`, which is none of `settings`: the closest name when one is close,
/// else where the setting belongs (when it is one of another call), else the valid names.
fn unknown(key: &str, settings: &[&Setting], prefix: &str) -> Failure {
    let shown = excerpt(key);
    if let Some(closest) = closest(key, settings) {
        return json_failure(format!(
            "unknown setting \"{prefix}{shown}\"; did you mean \"{prefix}{closest}\"?"
        ));
    }
    if prefix.is_empty() {
        if let Some(group) = GROUPS
            .iter()
            .find(|group| group.settings.iter().any(|setting| setting.name == key))
        {
            return json_failure(format!(
                "the setting \"{shown}\" does not apply here (it is one of \"{}\": {})",
                group.title, group.taken_by
            ));
        }
    }
    let names: Vec<String> = settings
        .iter()
        .map(|setting| format!("\"{prefix}{}\"", setting.name))
        .collect();
    json_failure(format!(
        "unknown setting \"{prefix}{shown}\"; the valid ones are {}",
        names.join(", ")
    ))
}

/// The valid name closest to `key`: equal but for case and `-`/`_`, one starting with the
/// other, or within a few edits (a third of the name's length, at least 2).
fn closest(key: &str, settings: &[&Setting]) -> Option<&'static str> {
    let wanted = key.to_ascii_lowercase().replace('-', "_");
    if wanted.len() > 100 {
        return None;
    }
    let limit = (wanted.len() / 3).max(2);
    settings
        .iter()
        .map(|setting| {
            let name = setting.name;
            let distance = strsim::levenshtein(&wanted, name);
            let prefix =
                wanted.len() >= 4 && (name.starts_with(&wanted) || wanted.starts_with(name));
            let score = match (distance, prefix) {
                (0, _) => 0,
                (_, true) => 1,
                (distance, false) => distance + 1,
            };
            (score, name)
        })
        .filter(|(score, _)| *score <= limit + 1)
        .min()
        .map(|(_, name)| name)
}

/// A key as shown in a message: at most 40 characters (a pasted value stays out of sight).
fn excerpt(key: &str) -> String {
    const MAX: usize = 40;
    match key.char_indices().nth(MAX) {
        Some((end, _)) => format!("{}…", &key[..end]),
        None => key.to_owned(),
    }
}

/// A JSON value's type, in words ("a string", "a list", ...), never the value itself.
fn json_type(value: &Value) -> String {
    match value {
        Value::Null => "null",
        Value::Bool(true) => "true",
        Value::Bool(false) => "false",
        Value::Number(number) if number.is_f64() => "a fraction",
        Value::Number(number) if number.is_i64() && !number.is_u64() => "a negative number",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
    }
    .to_owned()
}

fn json_failure(message: String) -> Failure {
    Failure::new(bunq_status::BUNQ_ERROR_JSON, message)
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::boundary::settings::{CLIENT, CONTEXT, OAUTH, SANDBOX};

    fn message(text: &str, groups: &[&Group]) -> String {
        let failure = checked_object(text, "the settings", groups).unwrap_err();
        assert_eq!(failure.status, bunq_status::BUNQ_ERROR_JSON);
        failure.message
    }

    const CREATION: [&Group; 2] = [&CONTEXT, &CLIENT];

    #[test]
    fn a_misspelt_setting_gets_the_closest_name() {
        assert_eq!(
            message(r#"{"timeout_msec": 5}"#, &CREATION),
            "unknown setting \"timeout_msec\"; did you mean \"timeout_ms\"?"
        );
        assert_eq!(
            message(r#"{"permited_ips": []}"#, &CREATION),
            "unknown setting \"permited_ips\"; did you mean \"permitted_ips\"?"
        );
        assert_eq!(
            message(r#"{"API-KEY": "k"}"#, &CREATION),
            "unknown setting \"API-KEY\"; did you mean \"api_key\"?"
        );
        assert_eq!(
            message(r#"{"timeout": 5}"#, &CREATION),
            "unknown setting \"timeout\"; did you mean \"timeout_ms\"?"
        );
        assert_eq!(
            message(r#"{"retry": {"max_attemps": 3}}"#, &CREATION),
            "unknown setting \"retry.max_attemps\"; did you mean \"retry.max_attempts\"?"
        );
    }

    #[test]
    fn a_name_far_from_every_setting_gets_the_list_of_all_of_them() {
        let text = message(r#"{"colour": "blue"}"#, &CREATION);
        assert!(
            text.starts_with("unknown setting \"colour\"; the valid ones are "),
            "{text}"
        );
        for setting in CONTEXT.settings.iter().chain(CLIENT.settings) {
            assert!(text.contains(&format!("\"{}\"", setting.name)), "{text}");
        }
    }

    #[test]
    fn a_setting_of_another_call_says_where_it_belongs() {
        let text = message(r#"{"api_key": "k"}"#, &[&CLIENT]);
        assert!(
            text.starts_with(
                "the setting \"api_key\" does not apply here (it is one of \"A new context\""
            ),
            "{text}"
        );
    }

    #[test]
    fn a_wrong_type_names_the_setting_and_the_type_in_words() {
        assert_eq!(
            message(r#"{"timeout_ms": "30000"}"#, &CREATION),
            "the setting \"timeout_ms\" must be a whole number of milliseconds, not a string: \
             write the number without quotes"
        );
        assert_eq!(
            message(r#"{"rate_limits": "off"}"#, &CREATION),
            "the setting \"rate_limits\" must be true, false or an object with any of \"get\", \
             \"post\", \"put\", \"delete\", \"window_ms\", \"session_server_window_ms\", not a string"
        );
        assert_eq!(
            message(r#"{"retry": {"max_attempts": -1}}"#, &CREATION),
            "the setting \"retry.max_attempts\" must be a whole number, not a negative number"
        );
        assert_eq!(
            message(r#"{"permitted_ips": ["1.2.3.4", 5]}"#, &CREATION),
            "the setting \"permitted_ips\" must be a list of strings, not a list of other values"
        );
        assert_eq!(
            message(r#"{"environment": 1}"#, &CREATION),
            "the setting \"environment\" must be \"SANDBOX\" or \"PRODUCTION\", not a number"
        );
    }

    #[test]
    fn values_are_never_echoed() {
        let secret = "sandbox_0123456789abcdef0123456789abcdef0123456789";
        for text in [
            format!(r#"{{"timeout_ms": "{secret}"}}"#),
            format!(r#"{{"{secret}": 1}}"#),
            format!(r#"["{secret}"]"#),
        ] {
            let failure = checked_object(&text, "the settings", &CREATION).unwrap_err();
            assert!(!failure.message.contains(secret), "{}", failure.message);
        }
    }

    #[test]
    fn not_an_object_or_not_json_says_so_in_the_arguments_name() {
        assert_eq!(
            message("[1]", &CREATION),
            "the settings must be a JSON object of settings (e.g. {\"timeout_ms\": 30000}), not a list"
        );
        let failure = checked_object("{", "the options", &[&CLIENT]).unwrap_err();
        assert!(
            failure
                .message
                .starts_with("the options are not valid JSON: "),
            "{}",
            failure.message
        );
    }

    #[test]
    fn every_group_admits_a_value_of_each_of_its_kinds() {
        for group in [&CONTEXT, &CLIENT, &OAUTH, &SANDBOX] {
            for setting in group.settings {
                let object = serde_json::json!({ setting.name: example(&setting.kind) });
                checked_object(&object.to_string(), "the settings", &[group])
                    .unwrap_or_else(|failure| panic!("{}: {}", setting.name, failure.message));
            }
        }
    }

    /// A value of `kind` (used by the options tests too).
    pub(crate) fn example(kind: &Kind) -> Value {
        match kind {
            Kind::Text | Kind::PathOrNull => Value::from("x"),
            Kind::Choice(choices) => Value::from(choices[0]),
            Kind::Texts => serde_json::json!(["x"]),
            Kind::Milliseconds | Kind::Bytes | Kind::Count => Value::from(1),
            Kind::Switch(_) => Value::Bool(true),
            Kind::Object(fields) => fields
                .iter()
                .map(|field| (field.name.to_owned(), example(&field.kind)))
                .collect::<Map<String, Value>>()
                .into(),
        }
    }
}
