//! The URL notification filters: which categories bunq calls back, and where.
//!
//! A user has a list of filters (`user/{id}/notification-filter-url`), and so has each
//! monetary account (`user/{id}/monetary-account/{id}/notification-filter-url`). bunq has no
//! PUT or DELETE for them: a `POST` **replaces the whole list** (an empty list clears it). So
//! [`add_filter`] and [`remove_filter`] read the list, change it and write it back; another
//! program changing the same list between the read and the write loses its change (or undoes
//! this one). Keep one program in charge of a list, or use [`replace_filters`] with the full
//! list you want.
//!
//! bunq wants `https://` targets. A target that is not `https://` is refused here before
//! anything is sent; plain `http://` passes only for this machine (`localhost`,
//! `127.0.0.0/8`, `::1`), which is what the fake bunq delivers to.

use serde_json::{Value, json};

use crate::callbacks::Category;
use crate::client::Client;
use crate::error::{Error, ErrorKind, Result, excerpt};
use crate::request::Request;

/// The longest target accepted, in bytes: far beyond any real callback URL, short enough
/// that a mistake (a whole document pasted in) is caught here.
const MAX_TARGET_BYTES: usize = 2048;

/// One URL notification filter: bunq calls `target` for events of `category`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct NotificationFilter {
    /// The events to call back for.
    pub category: Category,
    /// The URL bunq calls (`notification_target`).
    pub target: String,
}

impl NotificationFilter {
    /// A filter, its target checked with [`check_target`].
    ///
    /// # Errors
    /// [`ErrorKind::InvalidInput`] for a target [`check_target`] refuses.
    pub fn new(category: Category, target: impl Into<String>) -> Result<NotificationFilter> {
        let target = target.into();
        check_target(&target)?;
        Ok(NotificationFilter { category, target })
    }

    /// The filter as bunq lists it: `{"category": "PAYMENT", "notification_target": "https://..."}`,
    /// the form the C ABI and the bindings use too.
    pub fn to_json(&self) -> Value {
        json!({ "category": self.category.as_str(), "notification_target": self.target })
    }

    /// A filter from that form (its target checked with [`check_target`]).
    ///
    /// # Errors
    /// [`ErrorKind::InvalidInput`] for a value without a text `category` and
    /// `notification_target`, or a target [`check_target`] refuses.
    pub fn from_json(value: &Value) -> Result<NotificationFilter> {
        let text = |field: &str| {
            value.get(field).and_then(Value::as_str).ok_or_else(|| {
                Error::invalid_input(format!(
                    "a notification filter needs a text \"{field}\", as in \
                     {{\"category\": \"PAYMENT\", \"notification_target\": \"https://...\"}}"
                ))
            })
        };
        NotificationFilter::new(
            Category::parse(text("category")?),
            text("notification_target")?,
        )
    }
}

/// Whose filters: the user's own (every account), or one monetary account's.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FilterOwner {
    /// `user/{id}/notification-filter-url`: events of all the user's accounts.
    User,
    /// `user/{id}/monetary-account/{id}/notification-filter-url`: events of this account.
    MonetaryAccount(u64),
}

impl FilterOwner {
    /// The endpoint path for the session's user.
    fn path(self, user_id: u64) -> String {
        match self {
            FilterOwner::User => format!("user/{user_id}/notification-filter-url"),
            FilterOwner::MonetaryAccount(account_id) => {
                format!("user/{user_id}/monetary-account/{account_id}/notification-filter-url")
            }
        }
    }
}

/// Refuses a callback target bunq would not (or should not) call: anything but an
/// `https://` URL with a host, except `http://` to this machine (`localhost`, `127.0.0.0/8`,
/// `::1`) for a local receiver of the fake bunq; URLs with spaces or control characters; and
/// URLs over 2048 bytes.
///
/// # Errors
/// [`ErrorKind::InvalidInput`] saying why.
pub fn check_target(target: &str) -> Result<()> {
    let refuse = |why: &str| {
        Error::invalid_input(format!(
            "the callback target {} is refused: {why}",
            shown_target(target)
        ))
    };
    if target.len() > MAX_TARGET_BYTES {
        return Err(refuse("it is longer than 2048 bytes"));
    }
    if target.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err(refuse("it contains spaces or control characters"));
    }
    let host_missing = target
        .split_once("://")
        .is_none_or(|(_, rest)| rest.is_empty() || rest.starts_with(['/', '?', '#']));
    if host_missing {
        return Err(refuse("it is not a URL with a host"));
    }
    crate::environment::refuse_cleartext(target).map_err(|_| {
        refuse(
            "bunq calls back only https:// URLs (plain http:// is accepted for localhost, \
             127.0.0.1 or ::1 only, for a local test receiver)",
        )
    })
}

/// `target` as an error may repeat it: scheme and host only, since a callback URL often
/// carries a secret in its path or query (a poor man's authentication of bunq's calls).
fn shown_target(target: &str) -> String {
    let Some((scheme, rest)) = target.split_once("://") else {
        return format!("(a text of {} bytes)", target.len());
    };
    let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
    let host = authority.rsplit('@').next().unwrap_or(authority);
    let cut = if authority.len() < rest.len() || host.len() < authority.len() {
        "/..."
    } else {
        ""
    };
    format!(
        "{:?}",
        format!("{}://{}{cut}", excerpt(scheme), excerpt(host))
    )
}

/// The filters of `owner`, as bunq lists them (every page).
///
/// # Errors
/// As [`Client::send`]; [`ErrorKind::Json`] for an answer that lists something other than
/// filters.
pub fn list_filters(client: &Client, owner: FilterOwner) -> Result<Vec<NotificationFilter>> {
    let path = owner.path(client.user_id()?);
    let mut filters = Vec::new();
    for page in client.pages(Request::get(path).query("count", "200")) {
        for item in page?.objects()? {
            filters.extend(filters_in(&item)?);
        }
    }
    Ok(filters)
}

/// Replaces the whole list of `owner`'s filters by `filters` (empty: none). Every target is
/// checked ([`check_target`]) before anything is sent.
///
/// # Errors
/// [`ErrorKind::InvalidInput`] for a refused target (nothing sent); otherwise as
/// [`Client::send`].
pub fn replace_filters(
    client: &Client,
    owner: FilterOwner,
    filters: &[NotificationFilter],
) -> Result<()> {
    for filter in filters {
        check_target(&filter.target)?;
    }
    let body = json!({
        "notification_filters": filters.iter().map(NotificationFilter::to_json).collect::<Vec<_>>(),
    });
    let path = owner.path(client.user_id()?);
    client.send(&Request::post(path).json(&body))?;
    Ok(())
}

/// Adds `filter` to `owner`'s list: reads the list, appends the filter unless an equal one
/// (same category and target) is there, and writes the whole list back (bunq has no other
/// way). **Not atomic:** another program writing the same list between the read and the
/// write loses its change, or undoes this one. Returns the list as written (or as read, when
/// the filter was there already and nothing was written).
///
/// # Errors
/// As [`replace_filters`] and [`list_filters`].
pub fn add_filter(
    client: &Client,
    owner: FilterOwner,
    filter: &NotificationFilter,
) -> Result<Vec<NotificationFilter>> {
    check_target(&filter.target)?;
    let mut filters = list_filters(client, owner)?;
    if !filters.contains(filter) {
        filters.push(filter.clone());
        replace_filters(client, owner, &filters)?;
    }
    Ok(filters)
}

/// Removes every filter equal to `filter` (same category and target) from `owner`'s list:
/// reads the list and, if it held the filter, writes the rest back (bunq has no other way).
/// **Not atomic:** another program writing the same list between the read and the write
/// loses its change, or undoes this one. Returns the list as written (or as read, when it did
/// not hold the filter).
///
/// # Errors
/// As [`replace_filters`] and [`list_filters`].
pub fn remove_filter(
    client: &Client,
    owner: FilterOwner,
    filter: &NotificationFilter,
) -> Result<Vec<NotificationFilter>> {
    let mut filters = list_filters(client, owner)?;
    let before = filters.len();
    filters.retain(|kept| kept != filter);
    if filters.len() != before {
        replace_filters(client, owner, &filters)?;
    }
    Ok(filters)
}

/// Removes all of `owner`'s filters (a `POST` of the empty list).
///
/// # Errors
/// As [`Client::send`].
pub fn clear_filters(client: &Client, owner: FilterOwner) -> Result<()> {
    replace_filters(client, owner, &[])
}

/// The filters in one listed item. bunq's API description has each item hold a
/// `notification_filters` array; bunq answers (and programs that read them rely on) one
/// filter per item, `{"category", "notification_target", ...}`. Both are read.
fn filters_in(item: &Value) -> Result<Vec<NotificationFilter>> {
    let object = item
        .as_object()
        .and_then(|wrapper| wrapper.values().next())
        .unwrap_or(item);
    match object.get("notification_filters") {
        Some(Value::Array(list)) => list.iter().map(filter_from).collect(),
        Some(Value::Null) | None => filter_from(object).map(|filter| vec![filter]),
        Some(_) => Err(unexpected("a \"notification_filters\" that is not a list")),
    }
}

fn filter_from(object: &Value) -> Result<NotificationFilter> {
    let text = |field: &str| object.get(field).and_then(Value::as_str);
    match (text("category"), text("notification_target")) {
        (Some(category), Some(target)) => Ok(NotificationFilter {
            category: Category::parse(category),
            target: target.to_owned(),
        }),
        _ => Err(unexpected(
            "a notification filter without \"category\" and \"notification_target\"",
        )),
    }
}

fn unexpected(what: &str) -> Error {
    Error::new(ErrorKind::Json, format!("bunq's answer lists {what}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn targets_must_be_https_or_loopback_http() {
        for good in [
            "https://example.com/bunq",
            "https://example.com:8443/bunq?x=1",
            "http://127.0.0.1:9000/callback",
            "http://localhost/callback",
            "http://[::1]:80/",
        ] {
            NotificationFilter::new(Category::Payment, good).unwrap();
        }
        let long = format!("https://example.com/{}", "a".repeat(2100));
        for (bad, reason) in [
            ("http://example.com/bunq", "only https://"),
            ("http://127.0.0.1.example.com/", "only https://"),
            ("ftp://127.0.0.1/", "only https://"),
            ("example.com/bunq", "not a URL"),
            ("https://", "not a URL"),
            ("https:///path", "not a URL"),
            ("", "not a URL"),
            ("https://example.com/a b", "spaces"),
            ("https://example.com/\r\nX: y", "control"),
            (long.as_str(), "2048"),
        ] {
            let error = check_target(bad).unwrap_err();
            assert_eq!(error.kind(), ErrorKind::InvalidInput, "{bad}");
            assert!(error.message().contains(reason), "{bad}: {error}");
        }
    }

    #[test]
    fn a_refused_target_is_shown_without_its_path_query_or_user() {
        for (target, shown) in [
            (
                "http://example.com/hook/s3cret?token=s3cret",
                "\"http://example.com/...\"",
            ),
            (
                "http://user:s3cret@example.com",
                "\"http://example.com/...\"",
            ),
            ("http://example.com", "\"http://example.com\""),
            ("s3cret-s3cret", "(a text of 13 bytes)"),
        ] {
            let error = check_target(target).unwrap_err();
            assert!(error.message().contains(shown), "{error}");
            assert!(!error.message().contains("s3cret"), "{error}");
        }
    }

    #[test]
    fn both_listing_shapes_are_read() {
        let flat = json!({ "NotificationFilterUrl": {
            "id": 1, "category": "PAYMENT", "notification_target": "https://a.example/" } });
        let nested = json!({ "NotificationFilterUrl": { "notification_filters": [
            { "category": "MUTATION", "notification_target": "https://b.example/", "notification_delivery_method": "URL" },
            { "category": "NEW", "notification_target": "https://c.example/" },
        ] } });
        assert_eq!(
            filters_in(&flat).unwrap(),
            vec![NotificationFilter {
                category: Category::Payment,
                target: "https://a.example/".into()
            }]
        );
        let read = filters_in(&nested).unwrap();
        assert_eq!(read.len(), 2);
        assert_eq!(read[1].category, Category::Other("NEW".into()));
        for bad in [
            json!({ "NotificationFilterUrl": { "id": 1 } }),
            json!({ "NotificationFilterUrl": { "notification_filters": 5 } }),
            json!({ "NotificationFilterUrl": { "notification_filters": [{ "category": "PAYMENT" }] } }),
        ] {
            assert_eq!(filters_in(&bad).unwrap_err().kind(), ErrorKind::Json);
        }
    }

    #[test]
    fn paths_name_the_user_or_the_account() {
        assert_eq!(FilterOwner::User.path(4), "user/4/notification-filter-url");
        assert_eq!(
            FilterOwner::MonetaryAccount(9).path(4),
            "user/4/monetary-account/9/notification-filter-url"
        );
    }
}
