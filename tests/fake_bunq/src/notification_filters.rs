//! URL notification filters: `notification-filter-url` of a user and of a monetary account.
//!
//! As at bunq, `POST` replaces the whole list (an empty list clears it) and `GET` lists it;
//! there is no PUT or DELETE. A listing names one filter per item, the way bunq answers:
//! `{"NotificationFilterUrl": {"id", "created", "updated", "category",
//! "notification_target", "notification_delivery_method": "URL"}}`, in the order written.
//! The filters are part of the state (and of the state file).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value, json};

use crate::accounts::caller_account;
use crate::auth::Caller;
use crate::reply::{ApiError, Reply};
use crate::request::{Incoming, missing_field, required_str};
use crate::routes::AccountPath;
use crate::server::Shared;
use crate::time;
use crate::users::user_not_found;

/// The categories bunq documents (its callback documentation and its API description).
const CATEGORIES: [&str; 20] = [
    "BILLING",
    "CARD_TRANSACTION_SUCCESSFUL",
    "CARD_TRANSACTION_FAILED",
    "CHAT",
    "DRAFT_PAYMENT",
    "IDEAL",
    "SOFORT",
    "MONETARY_ACCOUNT_PROFILE",
    "MUTATION",
    "OAUTH",
    "PAYMENT",
    "PROMOTION",
    "REQUEST",
    "SCHEDULE_RESULT",
    "SCHEDULE_STATUS",
    "SHARE",
    "TAB_RESULT",
    "BUNQME_TAB",
    "SUPPORT",
    "USER_APPROVAL",
];

/// bunq's limit: "2 callback URLs per notification category".
const MAX_TARGETS_PER_CATEGORY: usize = 2;

/// Whose list a request names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum FilterOwner {
    /// `user/{id}/notification-filter-url`.
    User(u64),
    /// `user/{id}/monetary-account/{id}/notification-filter-url`.
    Account(AccountPath),
}

/// One filter as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct UrlFilter {
    pub(crate) id: u64,
    pub(crate) created: String,
    pub(crate) category: String,
    pub(crate) target: String,
}

/// Every user's and account's filters.
#[derive(Debug, Default, Serialize, Deserialize)]
pub(crate) struct NotificationFilters {
    /// The last filter id handed out.
    last_id: u64,
    /// By user id.
    users: BTreeMap<u64, Vec<UrlFilter>>,
    /// By monetary account id (the fake numbers accounts across all users).
    accounts: BTreeMap<u64, Vec<UrlFilter>>,
}

impl NotificationFilters {
    fn list_mut(&mut self, owner: FilterOwner) -> &mut Vec<UrlFilter> {
        match owner {
            FilterOwner::User(user_id) => self.users.entry(user_id).or_default(),
            FilterOwner::Account(path) => self.accounts.entry(path.account_id).or_default(),
        }
    }

    fn list(&self, owner: FilterOwner) -> &[UrlFilter] {
        let list = match owner {
            FilterOwner::User(user_id) => self.users.get(&user_id),
            FilterOwner::Account(path) => self.accounts.get(&path.account_id),
        };
        list.map(Vec::as_slice).unwrap_or_default()
    }

    /// The filters an event of `category` on `account` matches: the user's and the
    /// account's; each target once, in that order.
    pub(crate) fn matching(&self, account: AccountPath, category: &str) -> Vec<&UrlFilter> {
        let mut matched: Vec<&UrlFilter> = Vec::new();
        let lists = [
            self.list(FilterOwner::User(account.user_id)),
            self.list(FilterOwner::Account(account)),
        ];
        for filter in lists.into_iter().flatten() {
            let seen = matched.iter().any(|other| other.target == filter.target);
            if filter.category == category && !seen {
                matched.push(filter);
            }
        }
        matched
    }
}

/// `GET ...notification-filter-url`.
pub(crate) fn list(
    shared: &Shared,
    caller: &Caller,
    owner: FilterOwner,
) -> Result<Reply, ApiError> {
    let mut state = shared.lock();
    check_owner(&mut state, caller, owner)?;
    Ok(listing(state.notification_filters.list(owner)))
}

/// `POST ...notification-filter-url`: replace the whole list; answers with the new list.
pub(crate) fn replace(
    shared: &Shared,
    caller: &Caller,
    owner: FilterOwner,
    incoming: &Incoming,
) -> Result<Reply, ApiError> {
    let body = incoming.json_object()?;
    let wanted = requested_filters(&body)?;
    let mut state = shared.lock();
    check_owner(&mut state, caller, owner)?;
    let created = time::now_stamp();
    let filters = &mut state.notification_filters;
    let mut written = Vec::with_capacity(wanted.len());
    for (category, target) in wanted {
        filters.last_id += 1;
        written.push(UrlFilter {
            id: filters.last_id,
            created: created.clone(),
            category,
            target,
        });
    }
    *filters.list_mut(owner) = written;
    Ok(listing(filters.list(owner)))
}

/// 404 unless the list is the caller's.
fn check_owner(
    state: &mut crate::state::State,
    caller: &Caller,
    owner: FilterOwner,
) -> Result<(), ApiError> {
    match owner {
        FilterOwner::User(user_id) if caller.user_id()? == user_id => Ok(()),
        FilterOwner::User(_) => Err(user_not_found()),
        FilterOwner::Account(path) => caller_account(state, caller, path).map(|_| ()),
    }
}

fn listing(filters: &[UrlFilter]) -> Reply {
    let items = filters
        .iter()
        .map(|filter| {
            json!({ "NotificationFilterUrl": {
                "id": filter.id,
                "created": filter.created,
                "updated": filter.created,
                "category": filter.category,
                "notification_target": filter.target,
                "notification_delivery_method": "URL",
            }})
        })
        .collect();
    Reply::ok(items)
}

/// The `(category, target)` pairs of a `POST` body, checked as bunq would.
fn requested_filters(body: &Map<String, Value>) -> Result<Vec<(String, String)>, ApiError> {
    let items = match body.get("notification_filters") {
        Some(Value::Array(items)) => items,
        Some(_) => {
            return Err(ApiError::bad_request(
                "The field \"notification_filters\" must be a list.",
            ));
        }
        None => return Err(missing_field("notification_filters")),
    };
    let mut wanted: Vec<(String, String)> = Vec::with_capacity(items.len());
    for item in items {
        let Value::Object(item) = item else {
            return Err(ApiError::bad_request(
                "Each notification filter must be an object.",
            ));
        };
        let category = required_str(item, "category")?;
        let target = required_str(item, "notification_target")?;
        if !CATEGORIES.contains(&category) {
            return Err(ApiError::bad_request(format!(
                "\"{category}\" is not a notification category."
            )));
        }
        if !is_acceptable_target(target) {
            return Err(ApiError::bad_request(
                "The notification target must be an HTTPS URL (the fake bunq also takes \
                 http:// to localhost, 127.0.0.1 or ::1).",
            ));
        }
        let same_category = wanted.iter().filter(|(other, _)| other == category).count();
        if same_category >= MAX_TARGETS_PER_CATEGORY {
            return Err(ApiError::bad_request(format!(
                "At most {MAX_TARGETS_PER_CATEGORY} callback URLs per notification category \
                 ({category})."
            )));
        }
        wanted.push((category.to_owned(), target.to_owned()));
    }
    Ok(wanted)
}

/// `https://` anywhere; `http://` only to this machine, which is where the fake delivers.
fn is_acceptable_target(target: &str) -> bool {
    let lower = target.to_ascii_lowercase();
    if lower.starts_with("https://") && lower.len() > "https://".len() {
        return true;
    }
    crate::callback_delivery::loopback_http_target(target).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn filter(id: u64, category: &str, target: &str) -> UrlFilter {
        UrlFilter {
            id,
            created: String::new(),
            category: category.to_owned(),
            target: target.to_owned(),
        }
    }

    #[test]
    fn events_match_the_users_and_the_accounts_filters_once_per_target() {
        let account = AccountPath {
            user_id: 1,
            account_id: 7,
        };
        let mut filters = NotificationFilters::default();
        *filters.list_mut(FilterOwner::User(1)) = vec![
            filter(1, "PAYMENT", "http://127.0.0.1:1/a"),
            filter(2, "MUTATION", "http://127.0.0.1:1/b"),
        ];
        *filters.list_mut(FilterOwner::Account(account)) = vec![
            filter(3, "PAYMENT", "http://127.0.0.1:1/a"),
            filter(4, "PAYMENT", "http://127.0.0.1:1/c"),
        ];
        let targets = |account, category| -> Vec<String> {
            filters
                .matching(account, category)
                .iter()
                .map(|filter| filter.target.clone())
                .collect()
        };
        assert_eq!(
            targets(account, "PAYMENT"),
            ["http://127.0.0.1:1/a", "http://127.0.0.1:1/c"]
        );
        assert_eq!(targets(account, "MUTATION"), ["http://127.0.0.1:1/b"]);
        let other_account = AccountPath {
            user_id: 1,
            account_id: 8,
        };
        assert_eq!(targets(other_account, "PAYMENT"), ["http://127.0.0.1:1/a"]);
        let other_user = AccountPath {
            user_id: 2,
            account_id: 7,
        };
        assert_eq!(targets(other_user, "MUTATION"), Vec::<String>::new());
    }

    #[test]
    fn bodies_are_checked_like_bunq_does() {
        let body = |value: Value| {
            let Value::Object(map) = json!({ "notification_filters": value }) else {
                unreachable!()
            };
            requested_filters(&map)
        };
        let item = |category: &str, target: &str| json!({ "category": category, "notification_target": target });
        assert_eq!(body(json!([])), Ok(vec![]));
        assert!(body(json!([item("PAYMENT", "https://example.com/x")])).is_ok());
        assert!(body(json!([item("PAYMENT", "http://localhost:9/x")])).is_ok());
        for bad in [
            json!(5),
            json!([5]),
            json!([item("NOPE", "https://example.com/x")]),
            json!([item("PAYMENT", "http://example.com/x")]),
            json!([item("PAYMENT", "https://")]),
            json!([{ "category": "PAYMENT" }]),
            json!([
                item("PAYMENT", "https://example.com/1"),
                item("PAYMENT", "https://example.com/2"),
                item("PAYMENT", "https://example.com/3"),
            ]),
        ] {
            assert!(body(bad.clone()).is_err(), "{bad}");
        }
    }
}
