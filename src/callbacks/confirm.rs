//! Confirming a callback: asking bunq, through the signed and verified API, for the object
//! the callback names.
//!
//! bunq signs no callback, so its body proves nothing: anyone who can reach the receiver can
//! post one. What bunq answers to a signed request, with its signature checked, is bunq's
//! word. [`confirm_callback`] fetches the object by the id and account the callback names and
//! returns bunq's current version of it; act on that, not on the callback's copy.

use serde_json::Value;

use crate::api::{self, Answer, AnswerKind, Call, DEFAULT_ID, Operation};
use crate::callbacks::Callback;
use crate::client::Client;
use crate::error::{Error, ErrorKind, Result, excerpt};

/// The names older callbacks still carry for objects the API has renamed since.
const RENAMED: [(&str, &str); 2] = [
    (
        "ShareInviteBankInquiry",
        "ShareInviteMonetaryAccountInquiry",
    ),
    (
        "ShareInviteBankResponse",
        "ShareInviteMonetaryAccountResponse",
    ),
];

/// The id that fills the monetary account in a path.
const ACCOUNT_ID: &str = "monetary_account_id";

/// Whether [`confirm_callback`] can fetch objects of this type (`Payment`, `RequestInquiry`,
/// `BunqMeTab`, `DraftPayment`, `ScheduledPayment`, `MasterCardAction`,
/// `ShareInviteBankInquiry`, `MonetaryAccountBank`, ...): the API table has a `get` of it
/// that needs nothing but the object's own id and, where it lives under one, its account.
/// Types whose address needs more (a schedule instance, a bunq.me result inquiry), and chat
/// messages or tabs, cannot.
pub fn can_confirm(object_type: &str) -> bool {
    readers_of(object_type).next().is_some()
}

/// Fetches the object `callback` names through the signed, verified API and returns bunq's
/// current version of it (unwrapped: the fields, without the type name around them).
///
/// The path comes from the object itself: its `id`, and its `monetary_account_id` for the
/// types that live under an account (`user/{user}/monetary-account/{monetary_account_id}/
/// payment/{id}`), with the session's user.
///
/// # Errors
/// - [`ErrorKind::Api`] with status 404 when bunq says the object does not exist (or is not
///   the session user's): the callback named something bunq does not know.
/// - [`ErrorKind::InvalidInput`] for a type [`can_confirm`] refuses, or an object without an
///   `id` (or without the `monetary_account_id` its type needs); nothing is sent.
/// - [`ErrorKind::Json`] when bunq's answer holds no object, or another one than asked for.
/// - Otherwise as [`Client::send`].
pub fn confirm_callback(client: &Client, callback: &Callback) -> Result<Value> {
    confirm_object(client, &callback.object_type, &callback.object)
}

/// [`confirm_callback`] for an object given by its type name and fields (the unwrapped
/// object, as in [`Callback::object`]).
///
/// # Errors
/// As [`confirm_callback`].
pub fn confirm_object(client: &Client, object_type: &str, object: &Value) -> Result<Value> {
    let address = Address::of(object_type, object)?;
    let current = match client.call(&address.call())? {
        Answer::Object(current) => current.into_value(),
        _ => {
            return Err(Error::new(
                ErrorKind::Json,
                format!("bunq's answer to {} holds no object", address.reader.name()),
            ));
        }
    };
    match current.get("id").and_then(Value::as_u64) {
        Some(answered) if answered != address.id => Err(Error::new(
            ErrorKind::Json,
            format!(
                "bunq's answer to {} holds {} {answered} instead of {}",
                address.reader.name(),
                excerpt(object_type),
                address.id
            ),
        )),
        _ => Ok(current),
    }
}

/// The endpoint path that fetches `object` (of type `object_type`) for `user_id`, e.g.
/// `user/1/monetary-account/7/payment/42`. Makes no call.
///
/// # Errors
/// As [`confirm_callback`]'s [`ErrorKind::InvalidInput`] cases.
pub fn confirm_path(user_id: u64, object_type: &str, object: &Value) -> Result<String> {
    let prepared = Address::of(object_type, object)?
        .call()
        .prepare(Some(user_id))?;
    Ok(prepared.request().path().to_owned())
}

/// Where an object is: the table's `get` of its type, its id and its account. Known before
/// any call, so that an object that cannot be confirmed costs no session.
#[derive(Debug, Clone, Copy)]
struct Address {
    reader: &'static Operation,
    id: u64,
    account: Option<u64>,
}

impl Address {
    fn of(object_type: &str, object: &Value) -> Result<Address> {
        if readers_of(object_type).next().is_none() {
            return Err(cannot_confirm(object_type));
        }
        if !object.is_object() {
            return Err(Error::invalid_input(format!(
                "cannot confirm the {}: it is not a JSON object",
                excerpt(object_type)
            )));
        }
        let id = number_field(object_type, object, "id")?;
        let account = object.get(ACCOUNT_ID).and_then(Value::as_u64);
        // Under the account the object names, else at the user (or the top).
        let takes_account = |reader: &&Operation| reader.id_names().any(|id| id == ACCOUNT_ID);
        let reader = match account {
            Some(_) => readers_of(object_type).max_by_key(|reader| takes_account(reader)),
            None => readers_of(object_type).find(|reader| !takes_account(reader)),
        };
        let Some(reader) = reader else {
            return Err(number_field(object_type, object, ACCOUNT_ID).unwrap_err());
        };
        Ok(Address {
            reader,
            id,
            account: account.filter(|_| takes_account(&reader)),
        })
    }

    /// The call by name that fetches the object: its own id fills the path's last id.
    fn call(&self) -> Call {
        let own_id = self.reader.id_names().last().unwrap_or(DEFAULT_ID);
        let call = Call::new(self.reader.name()).id(own_id, self.id);
        match self.account {
            Some(account) => call.id(ACCOUNT_ID, account),
            None => call,
        }
    }
}

/// The table's `get`s of `object_type` (by its name or the key bunq wraps it in) that need
/// only the object's own id, its account and the session's user.
fn readers_of(object_type: &str) -> impl Iterator<Item = &'static Operation> + '_ {
    let name = RENAMED
        .iter()
        .find(|(old, _)| *old == object_type)
        .map_or(object_type, |(_, new)| *new);
    api::operations().iter().filter(move |operation| {
        let ids: Vec<&str> = operation.id_names().collect();
        let own_id = ids.last().copied();
        operation.verb() == "get"
            && operation.answer() == AnswerKind::Object
            && (operation.object() == name || operation.object_key() == Some(name))
            && ids
                .iter()
                .all(|id| [DEFAULT_ID, ACCOUNT_ID].contains(id) || Some(*id) == own_id)
    })
}

fn number_field(object_type: &str, object: &Value, field: &str) -> Result<u64> {
    object.get(field).and_then(Value::as_u64).ok_or_else(|| {
        Error::invalid_input(format!(
            "cannot confirm the {}: it has no numeric \"{field}\"",
            excerpt(object_type)
        ))
    })
}

fn cannot_confirm(object_type: &str) -> Error {
    Error::invalid_input(format!(
        "cannot confirm a callback about a {:?}: bunq's API table has no way to fetch that \
         type by its id alone (it confirms Payment, RequestInquiry, RequestResponse, \
         BunqMeTab, DraftPayment, ScheduledPayment, MasterCardAction, ShareInviteBankInquiry, \
         MonetaryAccount*, Invoice, User* and more: see can_confirm)",
        excerpt(object_type)
    ))
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn paths_come_from_the_object() {
        let payment = json!({ "id": 42, "monetary_account_id": 7 });
        let account = json!({ "id": 21, "user_id": 1 });
        let user = json!({ "id": 1 });
        for (object_type, object, path) in [
            ("Payment", &payment, "user/1/monetary-account/7/payment/42"),
            (
                "ScheduledPayment",
                &payment,
                "user/1/monetary-account/7/schedule-payment/42",
            ),
            (
                "ShareInviteBankInquiry",
                &payment,
                "user/1/monetary-account/7/share-invite-monetary-account-inquiry/42",
            ),
            (
                "MonetaryAccountBank",
                &account,
                "user/1/monetary-account-bank/21",
            ),
            ("Invoice", &account, "user/1/invoice/21"),
            ("Invoice", &payment, "user/1/monetary-account/7/invoice/42"),
            ("UserPerson", &user, "user-person/1"),
        ] {
            assert_eq!(
                confirm_path(1, object_type, object).unwrap(),
                path,
                "{object_type}"
            );
        }
    }

    #[test]
    fn what_cannot_be_fetched_is_refused_clearly() {
        for (object_type, object, reason) in [
            ("ScheduledInstance", json!({ "id": 1 }), "no way to fetch"),
            ("ChatMessage", json!({ "id": 1 }), "no way to fetch"),
            (
                "Payment",
                json!({ "monetary_account_id": 7 }),
                "no numeric \"id\"",
            ),
            (
                "Payment",
                json!({ "id": 1 }),
                "no numeric \"monetary_account_id\"",
            ),
            (
                "Payment",
                json!({ "id": "1", "monetary_account_id": 7 }),
                "no numeric \"id\"",
            ),
            ("Payment", json!([1]), "not a JSON object"),
        ] {
            let error = confirm_path(1, object_type, &object).unwrap_err();
            assert_eq!(error.kind(), ErrorKind::InvalidInput, "{object_type}");
            assert!(error.message().contains(reason), "{reason}: {error}");
        }
        assert!(can_confirm("MasterCardAction"));
        assert!(!can_confirm("payment"));
    }
}
