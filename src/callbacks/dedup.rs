//! A key that tells retried deliveries of one event apart from other events.
//!
//! bunq tries a failed callback again up to 5 times, and a receiver that answered too slowly
//! (or whose answer got lost) sees the same event again. Remembering each key processed lets
//! a receiver skip the repeats.

use std::fmt::Write;

use crate::crypto::library::digest::{SHA256, digest};
use serde_json::Value;

use crate::callbacks::Callback;

impl Callback {
    /// A key for de-duplicating deliveries: 64 lower-case hex digits, the same for every
    /// delivery of one event, different for different events.
    ///
    /// It is the SHA-256 of the category, the event type, the object's type name, its `id`
    /// and its `updated` time (for an object without an `id`: the whole object). A retry
    /// carries the same event, so it gives the same key; two events differ in at least one
    /// of these (two events about one payment, `PAYMENT` and `MUTATION`, differ in category;
    /// a request accepted after it was created differs in event type and `updated`). Should
    /// bunq resend an event with a changed object, the key changes too: confirming the
    /// object ([`confirm_callback`](crate::callbacks::confirm_callback)) gives its current
    /// state either way.
    ///
    /// The key is computed from the unverified body: it groups deliveries, it proves nothing.
    pub fn deduplication_key(&self) -> String {
        let updated = self.object.get("updated").and_then(Value::as_str);
        let object_id = self.object_id.map(|id| id.to_string());
        let whole_object = match self.object_id {
            Some(_) => None,
            None => Some(self.object.to_string()),
        };
        let parts = [
            Some(self.category.as_str()),
            Some(self.event_type.as_str()),
            Some(self.object_type.as_str()),
            object_id.as_deref(),
            updated,
            whole_object.as_deref(),
        ];
        let mut input = Vec::new();
        for part in parts {
            append_part(&mut input, part);
        }
        let hash = digest(&SHA256, &input);
        hash.as_ref()
            .iter()
            .fold(String::with_capacity(64), |mut hex, byte| {
                let _ = write!(hex, "{byte:02x}");
                hex
            })
    }
}

/// Each part with its length in front (or a marker for a missing one), so that no two lists
/// of parts run together into the same bytes.
fn append_part(input: &mut Vec<u8>, part: Option<&str>) {
    match part {
        Some(text) => {
            input.push(1);
            input.extend_from_slice(&(text.len() as u64).to_be_bytes());
            input.extend_from_slice(text.as_bytes());
        }
        None => input.push(0),
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use crate::callbacks::parse_callback;

    fn key(category: &str, event_type: &str, object: serde_json::Value) -> String {
        let body = json!({ "NotificationUrl": {
            "category": category, "event_type": event_type, "object": object,
        }});
        parse_callback(body.to_string().as_bytes())
            .unwrap()
            .deduplication_key()
    }

    #[test]
    fn the_same_event_gives_the_same_key_and_other_events_other_keys() {
        let payment = json!({ "Payment": { "id": 5, "updated": "2024-01-01 10:00:00.000000" } });
        let first = key("PAYMENT", "PAYMENT_CREATED", payment.clone());
        assert_eq!(first.len(), 64);
        assert!(
            first
                .bytes()
                .all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase())
        );
        // A retry: the same body, or the same event with the object's fields reordered.
        assert_eq!(first, key("PAYMENT", "PAYMENT_CREATED", payment.clone()));
        let reordered = json!({ "Payment": { "updated": "2024-01-01 10:00:00.000000", "id": 5 } });
        assert_eq!(first, key("PAYMENT", "PAYMENT_CREATED", reordered));

        let others = [
            key("MUTATION", "PAYMENT_CREATED", payment.clone()),
            key("PAYMENT", "PAYMENT_RECEIVED", payment.clone()),
            key(
                "PAYMENT",
                "PAYMENT_CREATED",
                json!({ "RequestInquiry": { "id": 5, "updated": "2024-01-01 10:00:00.000000" } }),
            ),
            key(
                "PAYMENT",
                "PAYMENT_CREATED",
                json!({ "Payment": { "id": 6, "updated": "2024-01-01 10:00:00.000000" } }),
            ),
            key(
                "PAYMENT",
                "PAYMENT_CREATED",
                json!({ "Payment": { "id": 5, "updated": "2024-01-01 10:00:01.000000" } }),
            ),
            key(
                "PAYMENT",
                "PAYMENT_CREATED",
                json!({ "Payment": { "id": 5 } }),
            ),
        ];
        for (index, other) in others.iter().enumerate() {
            assert_ne!(&first, other, "event {index}");
        }
    }

    #[test]
    fn parts_cannot_run_into_each_other() {
        let object = json!({ "Payment": { "id": 1 } });
        assert_ne!(key("AB", "C", object.clone()), key("A", "BC", object));
        // Without an id, the whole object tells events apart.
        assert_ne!(
            key("CHAT", "E", json!({ "Thing": { "text": "a" } })),
            key("CHAT", "E", json!({ "Thing": { "text": "b" } }))
        );
    }
}
