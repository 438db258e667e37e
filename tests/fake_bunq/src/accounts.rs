//! Monetary accounts of three kinds (bank, savings, joint): listed and fetched under the
//! anchor `monetary-account` (each wrapped in its own kind's key) and under each kind's own
//! path.

use serde_json::{Value, json};

use crate::auth::Caller;
use crate::money::{self, CURRENCY};
use crate::pagination::{self, PageRequest};
use crate::reply::{ApiError, Reply};
use crate::request::Incoming;
use crate::routes::AccountPath;
use crate::server::Shared;
use crate::state::{Account, AccountKind, State, User};
use crate::users::user_not_found;

/// A savings account's goal, in cents.
const SAVINGS_GOAL_CENTS: i64 = 100_000;

/// `GET user/{id}/monetary-account` (every kind) or `.../monetary-account-bank` (and
/// `-savings`, `-joint`: that kind only): the user's accounts, newest first, paginated.
pub(crate) fn list(
    shared: &Shared,
    caller: &Caller,
    user_id: u64,
    kind: Option<AccountKind>,
    incoming: &Incoming,
) -> Result<Reply, ApiError> {
    let page_request = PageRequest::from_query(incoming)?;
    if caller.user_id()? != user_id {
        return Err(user_not_found());
    }
    let state = shared.lock();
    let user = state.users.get(&user_id).ok_or_else(user_not_found)?;
    let ids: Vec<u64> = user
        .accounts
        .values()
        .filter(|account| kind.is_none_or(|kind| account.kind == kind))
        .map(|account| account.id)
        .collect();
    let path = format!("/v1/{}", incoming.endpoint.as_deref().unwrap_or_default());
    let page = pagination::paginate(&ids, page_request, path.trim_end_matches('/'));
    let items = page
        .ids
        .iter()
        .filter_map(|id| user.accounts.get(id))
        .map(|account| account_json(user, account))
        .collect();
    Ok(Reply::ok_paginated(items, page.pagination))
}

/// `GET user/{id}/monetary-account/{aid}` (any kind) or `.../monetary-account-bank/{aid}`
/// (and `-savings`, `-joint`: 404 for an account of another kind).
pub(crate) fn one(
    shared: &Shared,
    caller: &Caller,
    path: AccountPath,
    kind: Option<AccountKind>,
) -> Result<Reply, ApiError> {
    let mut state = shared.lock();
    caller_account(&mut state, caller, path)?;
    let user = state.users.get(&path.user_id).ok_or_else(user_not_found)?;
    let account = user
        .accounts
        .get(&path.account_id)
        .filter(|account| kind.is_none_or(|kind| account.kind == kind))
        .ok_or_else(account_not_found)?;
    Ok(Reply::ok(vec![account_json(user, account)]))
}

/// The caller's account at `path`: 404 when the user is not the session's or the account
/// is not the user's.
pub(crate) fn caller_account<'a>(
    state: &'a mut State,
    caller: &Caller,
    path: AccountPath,
) -> Result<&'a mut Account, ApiError> {
    if caller.user_id()? != path.user_id {
        return Err(user_not_found());
    }
    state
        .account_mut(path.user_id, path.account_id)
        .ok_or_else(account_not_found)
}

fn account_not_found() -> ApiError {
    ApiError::not_found("Monetary account not found.")
}

/// `{"MonetaryAccountBank":{...}}`, `{"MonetaryAccountSavings":{...}}` or
/// `{"MonetaryAccountJoint":{...}}`, with the fields bunq sends for that kind.
fn account_json(user: &User, account: &Account) -> Value {
    let owner = user.profile.display_name();
    let mut fields = common_fields(account, user.profile.id, &owner);
    match account.kind {
        AccountKind::Bank => {
            fields["display_name"] = json!(owner);
            fields["overdraft_limit"] = money::amount_json(0);
        }
        AccountKind::Savings => {
            fields["savings_goal"] = money::amount_json(SAVINGS_GOAL_CENTS);
            fields["savings_goal_progress"] = json!(savings_progress(account.balance_cents));
            fields["all_co_owner"] = json!([]);
            fields["number_of_payment_remaining"] = json!("3");
        }
        AccountKind::Joint => {
            fields["overdraft_limit"] = money::amount_json(0);
            fields["all_co_owner"] = json!([
                co_owner(&user.profile.public_uuid, &owner),
                co_owner(&partner_uuid(account.id), "Fake Partner"),
            ]);
        }
    }
    json!({ account.kind.object_key(): fields })
}

/// The savings goal reached, in whole percent (at most 100), as bunq reports it.
fn savings_progress(balance_cents: i64) -> i64 {
    (balance_cents.max(0) * 100 / SAVINGS_GOAL_CENTS).min(100)
}

/// A co-owner of a joint account, as bunq's `CoOwner`: a `LabelUser` and a status.
fn co_owner(uuid: &str, name: &str) -> Value {
    json!({
        "alias": {
            "uuid": uuid,
            "display_name": name,
            "country": "NL",
            "avatar": null,
            "public_nick_name": name,
        },
        "status": "ACCEPTED",
    })
}

/// The public UUID of the made-up person a joint account is shared with.
fn partner_uuid(account_id: u64) -> String {
    format!(
        "00000000-0000-4000-8000-{:012}",
        account_id % 1_000_000_000_000
    )
}

fn common_fields(account: &Account, user_id: u64, owner: &str) -> Value {
    json!({
        "id": account.id,
        "created": account.created,
        "updated": account.created,
        "alias": [iban_alias(account, owner)],
        "balance": money::amount_json(account.balance_cents),
        "currency": CURRENCY,
        "description": account.description,
        "status": "ACTIVE",
        "sub_status": "NONE",
        "daily_limit": { "value": "1000.00", "currency": CURRENCY },
        "public_uuid": account.public_uuid,
        "user_id": user_id,
    })
}

/// The account's IBAN as a bunq alias.
pub(crate) fn iban_alias(account: &Account, owner: &str) -> Value {
    json!({ "type": "IBAN", "value": account.iban, "name": owner })
}
