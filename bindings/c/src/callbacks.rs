//! Callbacks: parsing what bunq posts, checking where it came from, confirming it through the
//! signed API, and the URL notification filters that make bunq post. The logic is the core's
//! (`bunq::callbacks`); here are only the C arguments and results.

use std::os::raw::c_char;

use bunq::callbacks::{self, FilterOwner, NotificationFilter, SenderRanges};
use serde_json::Value;

use crate::boundary::arguments::{bytes, optional_string, out, string};
use crate::boundary::failure::{Failure, Outcome};
use crate::boundary::json;
use crate::boundary::panic_boundary::call;
use crate::boundary::status::bunq_status;
use crate::boundary::strings::owned_c_string;
use crate::client::{bunq_client, client_of};

/// Reads a callback's body (`body_length` bytes at `body`, borrowed: what bunq POSTed). On
/// success `*out_callback_json` is a string the caller owns (release it with
/// `bunq_string_free`): `{"category": "PAYMENT", "event_type": "PAYMENT_CREATED",
/// "object_type": "Payment", "object_id": 42, "object": {...}, "target_url": "...",
/// "deduplication_key": "<64 hex digits>"}`. A body over 1 MiB, not JSON, or not a callback
/// is `BUNQ_ERROR_INVALID_INPUT` with the reason. Nothing here proves the body came from
/// bunq (bunq signs no callback): check the sender with `bunq_callback_sender_is_bunq` and
/// act on `bunq_client_confirm_callback`'s answer.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn bunq_callback_parse(
    body: *const u8,
    body_length: usize,
    out_callback_json: *mut *mut c_char,
) -> bunq_status {
    call(|| {
        // SAFETY: the C caller's promises (see the module rules).
        let body = unsafe { bytes(body, body_length, "body") }?;
        let out_callback_json = unsafe { out(out_callback_json, "out_callback_json") }?;
        let callback = callbacks::parse_callback(body)?;
        out_callback_json.write(owned_c_string(
            callback.to_json().to_string(),
            "the callback",
        )?);
        Ok(())
    })
}

/// Whether `address` (borrowed: an IPv4 or IPv6 address, with or without a port, e.g.
/// `"185.40.108.7:443"`) is in bunq's published production range for callbacks
/// (185.40.108.0/22), or, when `ranges_json` (borrowed, may be NULL) is given, in one of its
/// ranges (e.g. `["185.40.108.0/22", "2001:db8::/32"]`, for when bunq announces a change).
/// The sandbox has no fixed range. On success `*out_is_bunq` is written. An address or range
/// that does not parse is `BUNQ_ERROR_INVALID_INPUT`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn bunq_callback_sender_is_bunq(
    address: *const c_char,
    ranges_json: *const c_char,
    out_is_bunq: *mut bool,
) -> bunq_status {
    call(|| {
        // SAFETY: the C caller's promises (see the module rules).
        let address = unsafe { string(address, "address") }?;
        let ranges_json = unsafe { optional_string(ranges_json, "ranges_json") }?;
        let out_is_bunq = unsafe { out(out_is_bunq, "out_is_bunq") }?;
        let ranges = match ranges_json {
            None => SenderRanges::production(),
            Some(text) => SenderRanges::new(json::parse::<Vec<String>>(text, "ranges_json")?)?,
        };
        out_is_bunq.write(ranges.contains_text(address)?);
        Ok(())
    })
}

/// Fetches the object a callback names through the signed, verified API, and returns bunq's
/// current version of it: act on that, not on the callback's copy. `callback_json` (borrowed)
/// is what `bunq_callback_parse` gave (its `object_type` and `object` are read). On success
/// `*out_object_json` is a string the caller owns (release it with `bunq_string_free`). An
/// object bunq does not know (or not for this user) is `BUNQ_ERROR_API` with HTTP status 404;
/// a type that cannot be fetched by its id alone is `BUNQ_ERROR_INVALID_INPUT`, and nothing
/// is sent.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn bunq_client_confirm_callback(
    client: *const bunq_client,
    callback_json: *const c_char,
    out_object_json: *mut *mut c_char,
) -> bunq_status {
    call(|| {
        // SAFETY: the C caller's promises (see the module rules).
        let client = unsafe { client_of(client) }?;
        let callback_json = unsafe { string(callback_json, "callback_json") }?;
        let out_object_json = unsafe { out(out_object_json, "out_object_json") }?;
        let callback: Value = json::parse(callback_json, "callback_json")?;
        let object_type = callback
            .get("object_type")
            .and_then(Value::as_str)
            .ok_or_else(|| {
                Failure::invalid_input(
                    "callback_json has no text \"object_type\" (pass what bunq_callback_parse gave)",
                )
            })?;
        let object = callback.get("object").unwrap_or(&Value::Null);
        let current = callbacks::confirm_object(&client, object_type, object)?;
        out_object_json.write(owned_c_string(current.to_string(), "the object")?);
        Ok(())
    })
}

/// The URL notification filters of the session's user (`monetary_account_id` 0) or of one
/// of its monetary accounts, as a JSON array of `{"category": "PAYMENT",
/// "notification_target": "https://..."}`. On success `*out_filters_json` is a string the
/// caller owns: release it with `bunq_string_free`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn bunq_notification_filters_list(
    client: *const bunq_client,
    monetary_account_id: u64,
    out_filters_json: *mut *mut c_char,
) -> bunq_status {
    call(|| {
        // SAFETY: the C caller's promises (see the module rules).
        let client = unsafe { client_of(client) }?;
        let out_filters_json = unsafe { out(out_filters_json, "out_filters_json") }?;
        let filters = callbacks::list_filters(&client, owner(monetary_account_id))?;
        out_filters_json.write(owned_c_string(filters_json(&filters), "the filters")?);
        Ok(())
    })
}

/// Replaces the whole list of URL notification filters of the user (`monetary_account_id`
/// 0) or of one account with `filters_json` (borrowed: a JSON array in the form
/// `bunq_notification_filters_list` gives; `[]` clears it). bunq has no other way to change
/// a list: a POST replaces it. A target that is not `https://` (`http://` only to this
/// machine, for the fake bunq) is `BUNQ_ERROR_INVALID_INPUT` before anything is sent.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn bunq_notification_filters_replace(
    client: *const bunq_client,
    monetary_account_id: u64,
    filters_json: *const c_char,
) -> bunq_status {
    call(|| {
        // SAFETY: the C caller's promises (see the module rules).
        let client = unsafe { client_of(client) }?;
        let filters_json = unsafe { string(filters_json, "filters_json") }?;
        let filters = filters_of(filters_json)?;
        callbacks::replace_filters(&client, owner(monetary_account_id), &filters)?;
        Ok(())
    })
}

/// Adds one filter (`category`, e.g. `"PAYMENT"`, and `target`, both borrowed) to the list
/// of the user (`monetary_account_id` 0) or of one account: reads the list, adds the filter,
/// writes the whole list back (not atomic: a program writing the same list in between loses
/// its change). On success `*out_filters_json` (may be NULL when not wanted) is the list as
/// written, a string the caller owns.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn bunq_notification_filter_add(
    client: *const bunq_client,
    monetary_account_id: u64,
    category: *const c_char,
    target: *const c_char,
    out_filters_json: *mut *mut c_char,
) -> bunq_status {
    call(|| {
        // SAFETY: the C caller's promises (see the module rules).
        let client = unsafe { client_of(client) }?;
        let filter = unsafe { filter_of(category, target) }?;
        let filters = callbacks::add_filter(&client, owner(monetary_account_id), &filter)?;
        // SAFETY: NULL or writable, as the caller promises.
        unsafe { write_optional(out_filters_json, &filters) }
    })
}

/// Removes one filter (`category`, `target`) from the list of the user
/// (`monetary_account_id` 0) or of one account: read, remove, write back, as
/// `bunq_notification_filter_add`. On success `*out_filters_json` (may be NULL) is the list
/// as written.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn bunq_notification_filter_remove(
    client: *const bunq_client,
    monetary_account_id: u64,
    category: *const c_char,
    target: *const c_char,
    out_filters_json: *mut *mut c_char,
) -> bunq_status {
    call(|| {
        // SAFETY: the C caller's promises (see the module rules).
        let client = unsafe { client_of(client) }?;
        let filter = unsafe { filter_of(category, target) }?;
        let filters = callbacks::remove_filter(&client, owner(monetary_account_id), &filter)?;
        // SAFETY: NULL or writable, as the caller promises.
        unsafe { write_optional(out_filters_json, &filters) }
    })
}

/// Clears the list of URL notification filters of the user (`monetary_account_id` 0) or of
/// one account: bunq calls back no more for it.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn bunq_notification_filters_clear(
    client: *const bunq_client,
    monetary_account_id: u64,
) -> bunq_status {
    call(|| {
        // SAFETY: the C caller's promises (see the module rules).
        let client = unsafe { client_of(client) }?;
        callbacks::clear_filters(&client, owner(monetary_account_id))?;
        Ok(())
    })
}

/// The callbacks bunq could not deliver (`notification-filter-failure`), as a JSON array of
/// bunq's own objects (`id`, `category`, `event_type`, `object_id`, `exception_message`,
/// `response_code`, ...). On success `*out_failures_json` is a string the caller owns.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn bunq_callback_failures_list(
    client: *const bunq_client,
    out_failures_json: *mut *mut c_char,
) -> bunq_status {
    call(|| {
        // SAFETY: the C caller's promises (see the module rules).
        let client = unsafe { client_of(client) }?;
        let out_failures_json = unsafe { out(out_failures_json, "out_failures_json") }?;
        let failures: Vec<Value> = callbacks::list_failed_deliveries(&client)?
            .into_iter()
            .map(|failure| failure.raw)
            .collect();
        let text = Value::Array(failures).to_string();
        out_failures_json.write(owned_c_string(text, "the failures")?);
        Ok(())
    })
}

/// Asks bunq to send the failed callbacks `ids_json` (borrowed: a JSON array of the ids
/// `bunq_callback_failures_list` gave, e.g. `[3, 4]`) again.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn bunq_callback_failures_retry(
    client: *const bunq_client,
    ids_json: *const c_char,
) -> bunq_status {
    call(|| {
        // SAFETY: the C caller's promises (see the module rules).
        let client = unsafe { client_of(client) }?;
        let ids_json = unsafe { string(ids_json, "ids_json") }?;
        let ids: Vec<u64> = json::parse(ids_json, "ids_json")?;
        callbacks::retry_failed_deliveries(&client, &ids)?;
        Ok(())
    })
}

/// The user's list for 0, else that monetary account's.
fn owner(monetary_account_id: u64) -> FilterOwner {
    match monetary_account_id {
        0 => FilterOwner::User,
        account => FilterOwner::MonetaryAccount(account),
    }
}

fn filters_json(filters: &[NotificationFilter]) -> String {
    Value::Array(filters.iter().map(NotificationFilter::to_json).collect()).to_string()
}

fn filters_of(filters_json: &str) -> Outcome<Vec<NotificationFilter>> {
    let items: Vec<Value> = json::parse(filters_json, "filters_json")?;
    Ok(items
        .iter()
        .map(NotificationFilter::from_json)
        .collect::<bunq::Result<_>>()?)
}

/// # Safety
/// `category` and `target` as for the exported functions.
unsafe fn filter_of(category: *const c_char, target: *const c_char) -> Outcome<NotificationFilter> {
    // SAFETY: passed on from the caller.
    let category = unsafe { string(category, "category") }?;
    let target = unsafe { string(target, "target") }?;
    Ok(NotificationFilter::new(
        callbacks::Category::parse(category),
        target,
    )?)
}

/// Writes the list to `out` unless it is NULL.
///
/// # Safety
/// `out` is NULL or points to writable memory.
unsafe fn write_optional(out: *mut *mut c_char, filters: &[NotificationFilter]) -> Outcome {
    if out.is_null() {
        return Ok(());
    }
    let text = owned_c_string(filters_json(filters), "the filters")?;
    // SAFETY: non-NULL and writable (the caller's promise).
    unsafe { out.write(text) };
    Ok(())
}
