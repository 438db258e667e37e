//! Monetary accounts: listing (paginated) and fetching one.

use serde_json::{Value, json};

use crate::auth::Caller;
use crate::money::{self, CURRENCY};
use crate::pagination::{self, PageRequest};
use crate::reply::{ApiError, Reply};
use crate::request::Incoming;
use crate::routes::AccountPath;
use crate::server::Shared;
use crate::state::{Account, State, User};
use crate::users::user_not_found;

/// `GET user/{id}/monetary-account[-bank]`: the user's accounts, newest first, paginated.
pub(crate) fn list(
    shared: &Shared,
    caller: &Caller,
    user_id: u64,
    incoming: &Incoming,
) -> Result<Reply, ApiError> {
    let page_request = PageRequest::from_query(incoming)?;
    if caller.user_id()? != user_id {
        return Err(user_not_found());
    }
    let state = shared.lock();
    let user = state.users.get(&user_id).ok_or_else(user_not_found)?;
    let ids: Vec<u64> = user.accounts.keys().copied().collect();
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

/// `GET user/{id}/monetary-account[-bank]/{aid}`.
pub(crate) fn one(shared: &Shared, caller: &Caller, path: AccountPath) -> Result<Reply, ApiError> {
    let mut state = shared.lock();
    caller_account(&mut state, caller, path)?;
    let user = state.users.get(&path.user_id).ok_or_else(user_not_found)?;
    let account = user
        .accounts
        .get(&path.account_id)
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

/// `{"MonetaryAccountBank":{...}}`.
fn account_json(user: &User, account: &Account) -> Value {
    let owner = user.profile.display_name();
    json!({ "MonetaryAccountBank": account_fields(account, user.profile.id, &owner) })
}

fn account_fields(account: &Account, user_id: u64, owner: &str) -> Value {
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
