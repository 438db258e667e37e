//! Callbacks bunq gave up on, and asking bunq to send them again.
//!
//! bunq tries a callback up to 6 times in all (the first try and 5 retries, a minute apart);
//! after that it lists it under `user/{id}/notification-filter-failure` until asked to send
//! it again with a `POST` of the failures' ids.

use serde_json::{Value, json};

use crate::callbacks::Category;
use crate::client::Client;
use crate::error::{Error, Result};
use crate::request::Request;

/// One callback that bunq could not deliver, as `notification-filter-failure` lists it.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct FailedDelivery {
    /// The id to pass to [`retry_failed_deliveries`], when bunq gave one.
    pub id: Option<u64>,
    /// The category of the callback.
    pub category: Category,
    /// Its event type.
    pub event_type: String,
    /// The id of the object the callback was about.
    pub object_id: Option<u64>,
    /// What went wrong, in bunq's words.
    pub exception_message: Option<String>,
    /// The HTTP status the target answered, if it answered.
    pub response_code: Option<u16>,
    /// The targets of the filters the callback was for.
    pub targets: Vec<String>,
    /// The whole listed object, for fields not read into the ones above.
    pub raw: Value,
}

impl FailedDelivery {
    fn from_json(raw: Value) -> FailedDelivery {
        let text = |field: &str| raw.get(field).and_then(Value::as_str).map(str::to_owned);
        let number = |field: &str| raw.get(field).and_then(Value::as_u64);
        let targets = raw
            .get("notification_filters")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .filter_map(|filter| filter.get("notification_target")?.as_str())
            .map(str::to_owned)
            .collect();
        FailedDelivery {
            id: number("id"),
            category: Category::parse(&text("category").unwrap_or_default()),
            event_type: text("event_type").unwrap_or_default(),
            object_id: number("object_id"),
            exception_message: text("exception_message"),
            response_code: number("response_code").and_then(|code| u16::try_from(code).ok()),
            targets,
            raw,
        }
    }
}

/// The callbacks bunq gave up on for the session's user (every page).
///
/// # Errors
/// As [`Client::send`].
pub fn list_failed_deliveries(client: &Client) -> Result<Vec<FailedDelivery>> {
    let path = format!("user/{}/notification-filter-failure", client.user_id()?);
    let mut failures = Vec::new();
    for page in client.pages(Request::get(path).query("count", "200")) {
        for item in page?.objects()? {
            failures.push(FailedDelivery::from_json(unwrapped(item)));
        }
    }
    Ok(failures)
}

/// Asks bunq to send the failed callbacks with these ids again
/// (`{"notification_filter_failed_ids": "1,2,3"}`: bunq's API description types the field
/// as a string of ids).
///
/// # Errors
/// [`ErrorKind::InvalidInput`](crate::ErrorKind::InvalidInput) for an empty list (nothing
/// sent); otherwise as [`Client::send`].
pub fn retry_failed_deliveries(client: &Client, ids: &[u64]) -> Result<()> {
    if ids.is_empty() {
        return Err(Error::invalid_input(
            "no failed callback ids given to send again",
        ));
    }
    let ids: Vec<String> = ids.iter().map(u64::to_string).collect();
    let body = json!({ "notification_filter_failed_ids": ids.join(",") });
    let path = format!("user/{}/notification-filter-failure", client.user_id()?);
    client.send(&Request::post(path).json(&body))?;
    Ok(())
}

/// `{"NotificationFilterFailure": {...}}` → `{...}`.
fn unwrapped(item: Value) -> Value {
    match item {
        Value::Object(wrapper) if wrapper.len() == 1 => {
            let (_, object) = wrapper.into_iter().next().unwrap_or_default();
            object
        }
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use serde_json::Map;

    use super::*;

    #[test]
    fn a_listed_failure_is_read_field_by_field() {
        let listed = json!({ "NotificationFilterFailure": {
            "id": 3, "category": "PAYMENT", "event_type": "PAYMENT_CREATED", "object_id": 12,
            "exception_message": "Connection refused", "response_code": null,
            "notification_filters": [{ "category": "PAYMENT", "notification_target": "https://x.example/" }],
        }});
        let failure = FailedDelivery::from_json(unwrapped(listed));
        assert_eq!(failure.id, Some(3));
        assert_eq!(failure.category, Category::Payment);
        assert_eq!(failure.event_type, "PAYMENT_CREATED");
        assert_eq!(failure.object_id, Some(12));
        assert_eq!(
            failure.exception_message.as_deref(),
            Some("Connection refused")
        );
        assert_eq!(failure.response_code, None);
        assert_eq!(failure.targets, vec!["https://x.example/".to_owned()]);
        let bare = FailedDelivery::from_json(Value::Object(Map::new()));
        assert_eq!(bare.id, None);
        assert_eq!(bare.category, Category::Other(String::new()));
    }
}
