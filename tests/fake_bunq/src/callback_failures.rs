//! `notification-filter-failure`: the callbacks that used up their tries, and sending them
//! again.
//!
//! `GET user/{id}/notification-filter-failure` lists the user's failed deliveries, newest
//! first and paginated, as `{"NotificationFilterFailure": {"id", "created", "updated",
//! "category", "event_type", "object_id", "exception_message", "response_code",
//! "notification_filters": [{"notification_delivery_method": "URL", "notification_target",
//! "category"}]}}`. `POST` with `{"notification_filter_failed_ids": "1,2"}` (bunq's API
//! description types the field as a string) takes those failures off the list and delivers
//! them again, with a full set of tries; an id that is not one of the user's failures
//! refuses the whole request (404). Failures are kept in memory only, not in the state file.

use serde_json::{Value, json};

use crate::auth::Caller;
use crate::callback_delivery::FailedDelivery;
use crate::pagination::{self, PageRequest};
use crate::reply::{ApiError, Reply};
use crate::request::{Incoming, missing_field};
use crate::server::Shared;
use crate::users::user_not_found;

/// `GET user/{id}/notification-filter-failure`.
pub(crate) fn list(
    shared: &Shared,
    caller: &Caller,
    user_id: u64,
    incoming: &Incoming,
) -> Result<Reply, ApiError> {
    let page_request = PageRequest::from_query(incoming)?;
    check_user(caller, user_id)?;
    let failures = shared.callbacks.failures();
    let ids: Vec<u64> = failures
        .by_id
        .values()
        .filter(|failed| failed.delivery.user_id == user_id)
        .map(|failed| failed.id)
        .collect();
    let path = format!("/v1/{}", incoming.endpoint.as_deref().unwrap_or_default());
    let page = pagination::paginate(&ids, page_request, path.trim_end_matches('/'));
    let items = page
        .ids
        .iter()
        .filter_map(|id| failures.by_id.get(id))
        .map(failure_json)
        .collect();
    Ok(Reply::ok_paginated(items, page.pagination))
}

/// `POST user/{id}/notification-filter-failure`: deliver these failures again.
pub(crate) fn retry(
    shared: &Shared,
    caller: &Caller,
    user_id: u64,
    incoming: &Incoming,
) -> Result<Reply, ApiError> {
    check_user(caller, user_id)?;
    let body = incoming.json_object()?;
    let ids = match body.get("notification_filter_failed_ids") {
        Some(Value::String(text)) => parse_ids(text)?,
        Some(_) => {
            return Err(ApiError::bad_request(
                "The field \"notification_filter_failed_ids\" must be a string of ids.",
            ));
        }
        None => return Err(missing_field("notification_filter_failed_ids")),
    };
    let deliveries = {
        let mut failures = shared.callbacks.failures();
        let unknown = ids.iter().find(|id| {
            failures
                .by_id
                .get(id)
                .is_none_or(|failed| failed.delivery.user_id != user_id)
        });
        if let Some(id) = unknown {
            return Err(ApiError::not_found(format!(
                "Notification filter failure {id} not found."
            )));
        }
        ids.iter()
            .filter_map(|id| failures.by_id.remove(id))
            .map(|failed| failed.delivery)
            .collect::<Vec<_>>()
    };
    for delivery in deliveries {
        shared.callbacks.send(delivery);
    }
    Ok(Reply::ok(vec![json!({ "Id": { "id": ids[0] } })]))
}

fn check_user(caller: &Caller, user_id: u64) -> Result<(), ApiError> {
    if caller.user_id()? == user_id {
        Ok(())
    } else {
        Err(user_not_found())
    }
}

/// "1,2, 3" → [1, 2, 3]; at least one id, each a number.
fn parse_ids(text: &str) -> Result<Vec<u64>, ApiError> {
    let ids: Vec<u64> = text
        .split(',')
        .map(|id| id.trim().parse::<u64>())
        .collect::<Result<_, _>>()
        .map_err(|_| {
            ApiError::bad_request(format!(
                "\"{text}\" is not a comma-separated list of failure ids."
            ))
        })?;
    let mut unique = ids.clone();
    unique.sort_unstable();
    unique.dedup();
    if unique.len() != ids.len() {
        return Err(ApiError::bad_request("A failure id is listed twice."));
    }
    Ok(ids)
}

fn failure_json(failed: &FailedDelivery) -> Value {
    let delivery = &failed.delivery;
    json!({ "NotificationFilterFailure": {
        "id": failed.id,
        "created": failed.created,
        "updated": failed.created,
        "category": delivery.category,
        "event_type": delivery.event_type,
        "object_id": delivery.object_id,
        "exception_message": failed.failure.message,
        "response_code": failed.failure.response_code,
        "notification_filters": [{
            "notification_delivery_method": "URL",
            "notification_target": delivery.target,
            "category": delivery.category,
        }],
    }})
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_a_comma_separated_string() {
        assert_eq!(parse_ids("3"), Ok(vec![3]));
        assert_eq!(parse_ids("1, 2,3"), Ok(vec![1, 2, 3]));
        for bad in ["", "1,", "a", "1;2", "-1", "2,2"] {
            assert!(parse_ids(bad).is_err(), "{bad}");
        }
    }
}
