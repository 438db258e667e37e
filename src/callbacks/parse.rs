//! Reading a callback's body: `{"NotificationUrl": {"category", "event_type", "object"}}`.

use serde_json::{Map, Value};

use crate::callbacks::Category;
use crate::error::{Error, Result, excerpt};

/// The largest callback body [`parse_callback`] reads, in bytes (1 MiB). bunq's callbacks
/// carry one object and weigh a few kilobytes (the largest of bunq's own samples is under
/// 10 KiB); a bigger body is refused before any JSON is decoded, so that whoever can reach
/// the receiver cannot make it decode megabytes.
pub const MAX_CALLBACK_BYTES: usize = 1024 * 1024;

/// One callback from bunq, as its body says. Nothing in it is verified: bunq does not sign
/// callbacks. Treat it as a hint and ask bunq for the object
/// ([`confirm_callback`](crate::callbacks::confirm_callback)) before acting on it.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct Callback {
    /// What the callback is about (`PAYMENT`, `MUTATION`, ...).
    pub category: Category,
    /// What happened, as bunq names it (`PAYMENT_CREATED`, `MUTATION_RECEIVED`, ...); bunq
    /// does not publish the list, so it stays text.
    pub event_type: String,
    /// The type name wrapping the object (`Payment`, `RequestInquiry`, ...).
    pub object_type: String,
    /// The object's `id`, when it has one.
    pub object_id: Option<u64>,
    /// The object as bunq sent it (unwrapped: the value under `object_type`).
    pub object: Value,
    /// `target_url`: the URL bunq says it called, when present.
    pub target_url: Option<String>,
}

impl Callback {
    /// The callback as one JSON object, the form the C ABI and the bindings give:
    /// `category`, `event_type`, `object_type`, `object_id` (or null), `object`, `target_url`
    /// (or null) and `deduplication_key` ([`Callback::deduplication_key`]).
    pub fn to_json(&self) -> Value {
        serde_json::json!({
            "category": self.category.as_str(),
            "event_type": self.event_type,
            "object_type": self.object_type,
            "object_id": self.object_id,
            "object": self.object,
            "target_url": self.target_url,
            "deduplication_key": self.deduplication_key(),
        })
    }
}

/// Reads a callback's body (the bytes of the HTTP POST bunq made).
///
/// # Errors
/// [`ErrorKind::InvalidInput`](crate::ErrorKind::InvalidInput), with a message saying what
/// is wrong, for a body over [`MAX_CALLBACK_BYTES`], one that is not JSON, and JSON that is
/// not a callback: no `NotificationUrl` object, no `category` or `event_type` text, no
/// `object` holding exactly one typed object, an `id` that is not a whole number.
pub fn parse_callback(body: &[u8]) -> Result<Callback> {
    if body.len() > MAX_CALLBACK_BYTES {
        return Err(not_a_callback(format!(
            "its body has {} bytes, more than the {MAX_CALLBACK_BYTES} bytes a callback may have",
            body.len()
        )));
    }
    let json: Value = serde_json::from_slice(body)
        .map_err(|error| not_a_callback(format!("its body is not JSON ({error})")))?;
    let notification = json
        .get("NotificationUrl")
        .and_then(Value::as_object)
        .ok_or_else(|| not_a_callback("its body has no \"NotificationUrl\" object"))?;
    let (object_type, object) = typed_object(notification)?;
    Ok(Callback {
        category: Category::parse(text_field(notification, "category")?),
        event_type: text_field(notification, "event_type")?.to_owned(),
        object_id: object_id(&object_type, object)?,
        object_type,
        object: Value::Object(object.clone()),
        target_url: notification
            .get("target_url")
            .and_then(Value::as_str)
            .map(str::to_owned),
    })
}

fn not_a_callback(why: impl std::fmt::Display) -> Error {
    Error::invalid_input(format!("not a bunq callback: {why}"))
}

fn text_field<'a>(notification: &'a Map<String, Value>, field: &str) -> Result<&'a str> {
    notification
        .get(field)
        .and_then(Value::as_str)
        .ok_or_else(|| not_a_callback(format!("\"NotificationUrl\" has no \"{field}\" text")))
}

/// The one non-null member of `object`: its type name and the object. bunq's own SDKs read
/// this member as an "anchor object" whose other members are null, so nulls are skipped.
fn typed_object(notification: &Map<String, Value>) -> Result<(String, &Map<String, Value>)> {
    let wrapper = notification
        .get("object")
        .and_then(Value::as_object)
        .ok_or_else(|| not_a_callback("\"NotificationUrl\" has no \"object\" object"))?;
    let mut members = wrapper.iter().filter(|(_, value)| !value.is_null());
    match (members.next(), members.next()) {
        (Some((type_name, Value::Object(object))), None) => Ok((type_name.clone(), object)),
        (Some((type_name, _)), None) => Err(not_a_callback(format!(
            "its object {:?} is not a JSON object",
            excerpt(type_name)
        ))),
        (None, _) => Err(not_a_callback("its \"object\" is empty")),
        (Some(_), Some(_)) => Err(not_a_callback(
            "its \"object\" holds more than one typed object",
        )),
    }
}

fn object_id(object_type: &str, object: &Map<String, Value>) -> Result<Option<u64>> {
    match object.get("id") {
        None | Some(Value::Null) => Ok(None),
        Some(id) => id.as_u64().map(Some).ok_or_else(|| {
            not_a_callback(format!(
                "the id of its {:?} is not a whole number",
                excerpt(object_type)
            ))
        }),
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;
    use crate::ErrorKind;

    fn body(notification: Value) -> Vec<u8> {
        json!({ "NotificationUrl": notification })
            .to_string()
            .into_bytes()
    }

    #[test]
    fn a_payment_callback_parses() {
        let callback = parse_callback(&body(json!({
            "target_url": "https://example.com/bunq",
            "category": "PAYMENT",
            "event_type": "PAYMENT_CREATED",
            "object": { "Payment": { "id": 7, "monetary_account_id": 3 } },
        })))
        .unwrap();
        assert_eq!(callback.category, Category::Payment);
        assert_eq!(callback.event_type, "PAYMENT_CREATED");
        assert_eq!(callback.object_type, "Payment");
        assert_eq!(callback.object_id, Some(7));
        assert_eq!(callback.object["monetary_account_id"], 3);
        assert_eq!(
            callback.target_url.as_deref(),
            Some("https://example.com/bunq")
        );
    }

    #[test]
    fn null_members_of_the_object_are_skipped_and_a_missing_id_is_none() {
        let callback = parse_callback(&body(json!({
            "category": "SOMETHING_NEW",
            "event_type": "",
            "object": { "Payment": null, "Thing": { "name": "x" } },
        })))
        .unwrap();
        assert_eq!(callback.category, Category::Other("SOMETHING_NEW".into()));
        assert_eq!(callback.object_type, "Thing");
        assert_eq!(callback.object_id, None);
        assert_eq!(callback.target_url, None);
    }

    #[test]
    fn what_is_not_a_callback_is_refused_with_the_reason() {
        let valid = json!({ "category": "PAYMENT", "event_type": "E", "object": { "Payment": { "id": 1 } } });
        let without = |field: &str| {
            let mut notification = valid.clone();
            notification.as_object_mut().unwrap().remove(field);
            body(notification)
        };
        let with = |field: &str, value: Value| {
            let mut notification = valid.clone();
            notification[field] = value;
            body(notification)
        };
        let cases: Vec<(Vec<u8>, &str)> = vec![
            (b"".to_vec(), "not JSON"),
            (b"\xff\xfe".to_vec(), "not JSON"),
            (b"[1, 2".to_vec(), "not JSON"),
            (b"[]".to_vec(), "no \"NotificationUrl\""),
            (
                b"{\"NotificationUrl\": 5}".to_vec(),
                "no \"NotificationUrl\"",
            ),
            (without("category"), "no \"category\""),
            (with("category", json!(5)), "no \"category\""),
            (without("event_type"), "no \"event_type\""),
            (without("object"), "no \"object\""),
            (with("object", json!({})), "empty"),
            (
                with("object", json!({ "Payment": [1] })),
                "not a JSON object",
            ),
            (
                with("object", json!({ "A": { "id": 1 }, "B": { "id": 2 } })),
                "more than one",
            ),
            (
                with("object", json!({ "Payment": { "id": "7" } })),
                "not a whole number",
            ),
            (
                with("object", json!({ "Payment": { "id": -7 } })),
                "not a whole number",
            ),
            (
                format!("{}{}", "[".repeat(10_000), "]".repeat(10_000)).into_bytes(),
                "not JSON",
            ),
        ];
        for (input, reason) in cases {
            let error = parse_callback(&input).unwrap_err();
            assert_eq!(error.kind(), ErrorKind::InvalidInput);
            assert!(
                error.message().starts_with("not a bunq callback: "),
                "{error}"
            );
            assert!(error.message().contains(reason), "{reason}: {error}");
        }
    }

    #[test]
    fn a_body_over_the_cap_is_refused_before_decoding() {
        let mut huge = body(
            json!({ "category": "PAYMENT", "event_type": "E", "object": { "P": { "id": 1 } } }),
        );
        huge.resize(MAX_CALLBACK_BYTES + 1, b' ');
        let error = parse_callback(&huge).unwrap_err();
        assert!(error.message().contains("more than the 1048576"), "{error}");
        huge.truncate(MAX_CALLBACK_BYTES);
        parse_callback(&huge).unwrap();
    }
}
