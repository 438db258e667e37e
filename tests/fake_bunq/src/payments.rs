//! Money moving: payments out of an account and the sandbox's sugar-daddy requests in.

use serde_json::{Map, Value, json};

use crate::accounts::{caller_account, iban_alias};
use crate::auth::Caller;
use crate::callbacks::{self, Notice};
use crate::money::{self, amount_json};
use crate::pagination::{self, PageRequest};
use crate::reply::{ApiError, Reply};
use crate::request::{Incoming, missing_field, required_object, required_str};
use crate::routes::AccountPath;
use crate::server::Shared;
use crate::state::{Account, IdKind, Payment, RequestInquiry, State};
use crate::transfer;

/// The sandbox's source of free money.
const SUGAR_DADDY: &str = "sugardaddy@bunq.com";

/// The most the sugar daddy gives per request, in cents.
const SUGAR_DADDY_LIMIT_CENTS: i64 = 50_000;

/// `POST .../request-inquiry`: ask the sugar daddy for money; he pays at once.
pub(crate) fn create_request_inquiry(
    shared: &Shared,
    caller: &Caller,
    path: AccountPath,
    incoming: &Incoming,
) -> Result<Reply, ApiError> {
    let body = incoming.json_object()?;
    let amount_cents = money::positive_amount(required_object(&body, "amount_inquired")?)?;
    let counterparty_alias = counterparty_alias(&body)?;
    let description = required_str(&body, "description")?.to_owned();
    let allow_bunqme = required_bool(&body, "allow_bunqme")?;
    check_sugar_daddy(&counterparty_alias, amount_cents)?;
    let mut state = shared.lock();
    let inquiry = RequestInquiry {
        id: state.next_id(IdKind::RequestInquiry),
        created: crate::time::now_stamp(),
        amount_cents,
        description,
        counterparty_alias,
        allow_bunqme,
    };
    let payment_id = state.next_id(IdKind::Payment);
    let owner = owner_name(&state, path.user_id);
    let account = caller_account(&mut state, caller, path)?;
    let sugar_daddy = json!({ "type": "EMAIL", "value": SUGAR_DADDY, "name": "Sugar Daddy" });
    book(
        account,
        payment_id,
        amount_cents,
        &inquiry.description,
        sugar_daddy,
    );
    let notices = vec![
        Notice::request_accepted(path, inquiry_json(account, &inquiry)),
        Notice::request_money_received(path, booked_json(account, &owner, payment_id)),
    ];
    let id = inquiry.id;
    account.inquiries.insert(id, inquiry);
    callbacks::announce(shared, &state, notices);
    Ok(Reply::ok(vec![json!({ "Id": { "id": id } })]))
}

fn check_sugar_daddy(alias: &Value, amount_cents: i64) -> Result<(), ApiError> {
    let is_sugar_daddy = alias["type"] == "EMAIL"
        && alias["value"]
            .as_str()
            .is_some_and(|value| value.eq_ignore_ascii_case(SUGAR_DADDY));
    if !is_sugar_daddy {
        return Err(ApiError::bad_request(format!(
            "The fake bunq pays requests to only sugardaddy: the EMAIL alias {SUGAR_DADDY}."
        )));
    }
    if amount_cents > SUGAR_DADDY_LIMIT_CENTS {
        return Err(ApiError::bad_request(
            "The sugar daddy gives at most 500.00 EUR per request.",
        ));
    }
    Ok(())
}

/// `GET .../request-inquiry/{id}`.
pub(crate) fn request_inquiry(
    shared: &Shared,
    caller: &Caller,
    path: AccountPath,
    inquiry_id: u64,
) -> Result<Reply, ApiError> {
    let mut state = shared.lock();
    let account = caller_account(&mut state, caller, path)?;
    let inquiry = account
        .inquiries
        .get(&inquiry_id)
        .ok_or_else(|| ApiError::not_found("Request inquiry not found."))?;
    Ok(Reply::ok(vec![inquiry_json(account, inquiry)]))
}

/// `POST .../payment`: pay out of the account if the balance allows.
pub(crate) fn create_payment(
    shared: &Shared,
    caller: &Caller,
    path: AccountPath,
    incoming: &Incoming,
) -> Result<Reply, ApiError> {
    let body = incoming.json_object()?;
    let amount_cents = money::positive_amount(required_object(&body, "amount")?)?;
    let counterparty_alias = counterparty_alias(&body)?;
    let description = required_str(&body, "description")?;
    let mut state = shared.lock();
    let payment_id = state.next_id(IdKind::Payment);
    let owner = owner_name(&state, path.user_id);
    let receiver = transfer::receiving_account(&state, &counterparty_alias);
    let account = caller_account(&mut state, caller, path)?;
    if receiver == Some(path) {
        return Err(ApiError::bad_request(
            "A payment cannot go to the account it comes from.",
        ));
    }
    if account.balance_cents < amount_cents {
        return Err(ApiError::bad_request("Insufficient balance."));
    }
    book(
        account,
        payment_id,
        -amount_cents,
        description,
        counterparty_alias,
    );
    let payer_alias = iban_alias(account, &owner);
    let mut notices = vec![Notice::payment_sent(
        path,
        booked_json(account, &owner, payment_id),
    )];
    if let Some(receiver) = receiver {
        notices.extend(credit(
            &mut state,
            receiver,
            amount_cents,
            description,
            payer_alias,
        ));
    }
    callbacks::announce(shared, &state, notices);
    Ok(Reply::ok(vec![json!({ "Id": { "id": payment_id } })]))
}

/// Book a payment from one of the fake's accounts on the receiving `account`.
fn credit(
    state: &mut State,
    receiver: AccountPath,
    amount_cents: i64,
    description: &str,
    payer_alias: Value,
) -> Option<Notice> {
    let payment_id = state.next_id(IdKind::Payment);
    let owner = owner_name(state, receiver.user_id);
    let account = state.account_mut(receiver.user_id, receiver.account_id)?;
    book(account, payment_id, amount_cents, description, payer_alias);
    let object = booked_json(account, &owner, payment_id);
    Some(Notice::payment_received(receiver, object))
}

/// `{"Payment": {...}}` of a payment just booked on `account`.
fn booked_json(account: &Account, owner: &str, payment_id: u64) -> Value {
    account
        .payments
        .get(&payment_id)
        .map(|payment| payment_json(account, owner, payment))
        .unwrap_or(Value::Null)
}

/// `GET .../payment`: the account's payments, newest first, paginated.
pub(crate) fn list(
    shared: &Shared,
    caller: &Caller,
    path: AccountPath,
    incoming: &Incoming,
) -> Result<Reply, ApiError> {
    let page_request = PageRequest::from_query(incoming)?;
    let mut state = shared.lock();
    let owner = owner_name(&state, path.user_id);
    let account = caller_account(&mut state, caller, path)?;
    let ids: Vec<u64> = account.payments.keys().copied().collect();
    let list_path = format!("/v1/{}", incoming.endpoint.as_deref().unwrap_or_default());
    let page = pagination::paginate(&ids, page_request, list_path.trim_end_matches('/'));
    let items = page
        .ids
        .iter()
        .filter_map(|id| account.payments.get(id))
        .map(|payment| payment_json(account, &owner, payment))
        .collect();
    Ok(Reply::ok_paginated(items, page.pagination))
}

/// `GET .../payment/{id}`.
pub(crate) fn one(
    shared: &Shared,
    caller: &Caller,
    path: AccountPath,
    payment_id: u64,
) -> Result<Reply, ApiError> {
    let mut state = shared.lock();
    let owner = owner_name(&state, path.user_id);
    let account = caller_account(&mut state, caller, path)?;
    let payment = account
        .payments
        .get(&payment_id)
        .ok_or_else(|| ApiError::not_found("Payment not found."))?;
    Ok(Reply::ok(vec![payment_json(account, &owner, payment)]))
}

/// Change the balance and keep the payment that did it.
fn book(account: &mut Account, id: u64, amount_cents: i64, description: &str, alias: Value) {
    account.balance_cents += amount_cents;
    let payment = Payment {
        id,
        created: crate::time::now_stamp(),
        amount_cents,
        description: description.to_owned(),
        counterparty_alias: alias,
        balance_after_cents: account.balance_cents,
    };
    account.payments.insert(id, payment);
}

/// The counterparty of a payment or request: an EMAIL, IBAN (with name) or PHONE_NUMBER.
fn counterparty_alias(body: &Map<String, Value>) -> Result<Value, ApiError> {
    let alias = required_object(body, "counterparty_alias")?;
    let kind = required_str(alias, "type")?;
    let value = required_str(alias, "value")?;
    if !matches!(kind, "EMAIL" | "IBAN" | "PHONE_NUMBER") {
        return Err(ApiError::bad_request(format!(
            "The counterparty alias type \"{kind}\" must be EMAIL, IBAN or PHONE_NUMBER."
        )));
    }
    if value.trim().is_empty() {
        return Err(ApiError::bad_request(
            "The counterparty alias value is empty.",
        ));
    }
    let named = alias
        .get("name")
        .and_then(Value::as_str)
        .is_some_and(|name| !name.trim().is_empty());
    if kind == "IBAN" && !named {
        return Err(ApiError::bad_request("An IBAN counterparty needs a name."));
    }
    Ok(Value::Object(alias.clone()))
}

fn required_bool(body: &Map<String, Value>, field: &str) -> Result<bool, ApiError> {
    match body.get(field) {
        Some(Value::Bool(flag)) => Ok(*flag),
        Some(_) => Err(ApiError::bad_request(format!(
            "The field \"{field}\" must be true or false."
        ))),
        None => Err(missing_field(field)),
    }
}

fn owner_name(state: &State, user_id: u64) -> String {
    state
        .users
        .get(&user_id)
        .map(|user| user.profile.display_name())
        .unwrap_or_default()
}

fn payment_json(account: &Account, owner: &str, payment: &Payment) -> Value {
    json!({
        "Payment": {
            "id": payment.id,
            "created": payment.created,
            "updated": payment.created,
            "monetary_account_id": account.id,
            "amount": amount_json(payment.amount_cents),
            "description": payment.description,
            "type": "BUNQ",
            "sub_type": "PAYMENT",
            "alias": iban_alias(account, owner),
            "counterparty_alias": payment.counterparty_alias,
            "balance_after_mutation": amount_json(payment.balance_after_cents),
            "attachment": [],
            "geolocation": null,
        }
    })
}

fn inquiry_json(account: &Account, inquiry: &RequestInquiry) -> Value {
    json!({
        "RequestInquiry": {
            "id": inquiry.id,
            "created": inquiry.created,
            "updated": inquiry.created,
            "time_responded": inquiry.created,
            "time_expiry": null,
            "monetary_account_id": account.id,
            "amount_inquired": amount_json(inquiry.amount_cents),
            "amount_responded": amount_json(inquiry.amount_cents),
            "status": "ACCEPTED",
            "description": inquiry.description,
            "counterparty_alias": inquiry.counterparty_alias,
            "allow_bunqme": inquiry.allow_bunqme,
        }
    })
}
