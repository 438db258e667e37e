//! Confirming a callback: asking bunq, through the signed and verified API, for the object
//! the callback names.
//!
//! bunq signs no callback, so its body proves nothing: anyone who can reach the receiver can
//! post one. What bunq answers to a signed request, with its signature checked, is bunq's
//! word. [`confirm_callback`] fetches the object by the id and account the callback names and
//! returns bunq's current version of it; act on that, not on the callback's copy.

use serde_json::Value;

use crate::callbacks::Callback;
use crate::client::Client;
use crate::error::{Error, ErrorKind, Result, excerpt};

/// Where an object type lives: under a monetary account, under the user, or at the top.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Parent {
    /// `user/{user}/monetary-account/{monetary_account_id}/{endpoint}/{id}`.
    Account,
    /// Under the account when the object names one, else `user/{user}/{endpoint}/{id}`.
    AccountOrUser,
    /// `user/{user}/{endpoint}/{id}`.
    User,
    /// `{endpoint}/{id}`.
    Root,
}

/// Every object type a callback can carry that can be fetched by its id: the type name in
/// the callback, where it lives, and its endpoint (bunq's SDKs list the same read URLs).
const CONFIRMABLE: [(&str, Parent, &str); 27] = [
    ("Payment", Parent::Account, "payment"),
    ("PaymentBatch", Parent::Account, "payment-batch"),
    ("DraftPayment", Parent::Account, "draft-payment"),
    ("RequestInquiry", Parent::Account, "request-inquiry"),
    (
        "RequestInquiryBatch",
        Parent::Account,
        "request-inquiry-batch",
    ),
    ("RequestResponse", Parent::Account, "request-response"),
    ("BunqMeTab", Parent::Account, "bunqme-tab"),
    (
        "BunqMeFundraiserResult",
        Parent::Account,
        "bunqme-fundraiser-result",
    ),
    (
        "BunqMeTabResultResponse",
        Parent::Account,
        "bunqme-tab-result-response",
    ),
    (
        "IdealMerchantTransaction",
        Parent::Account,
        "ideal-merchant-transaction",
    ),
    (
        "SofortMerchantTransaction",
        Parent::Account,
        "sofort-merchant-transaction",
    ),
    ("MasterCardAction", Parent::Account, "mastercard-action"),
    ("ScheduledPayment", Parent::Account, "schedule-payment"),
    ("SchedulePayment", Parent::Account, "schedule-payment"),
    (
        "ShareInviteBankInquiry",
        Parent::Account,
        "share-invite-monetary-account-inquiry",
    ),
    (
        "ShareInviteMonetaryAccountInquiry",
        Parent::Account,
        "share-invite-monetary-account-inquiry",
    ),
    (
        "ShareInviteBankResponse",
        Parent::User,
        "share-invite-monetary-account-response",
    ),
    (
        "ShareInviteMonetaryAccountResponse",
        Parent::User,
        "share-invite-monetary-account-response",
    ),
    ("Invoice", Parent::AccountOrUser, "invoice"),
    ("MonetaryAccount", Parent::User, "monetary-account"),
    ("MonetaryAccountBank", Parent::User, "monetary-account-bank"),
    (
        "MonetaryAccountJoint",
        Parent::User,
        "monetary-account-joint",
    ),
    (
        "MonetaryAccountSavings",
        Parent::User,
        "monetary-account-savings",
    ),
    (
        "MonetaryAccountExternal",
        Parent::User,
        "monetary-account-external",
    ),
    ("User", Parent::Root, "user"),
    ("UserPerson", Parent::Root, "user-person"),
    ("UserCompany", Parent::Root, "user-company"),
];

/// Whether [`confirm_callback`] can fetch objects of this type (`Payment`, `RequestInquiry`,
/// `BunqMeTab`, `DraftPayment`, `ScheduledPayment`, `MasterCardAction`,
/// `ShareInviteBankInquiry`, `MonetaryAccountBank`, ...). Types whose address needs more than
/// the object's own id and account (a schedule instance, a bunq.me result inquiry), and chat
/// messages or tabs, cannot.
pub fn can_confirm(object_type: &str) -> bool {
    CONFIRMABLE.iter().any(|(name, ..)| *name == object_type)
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
    let path = address.path(client.user_id()?);
    let answer = client.get(&path)?;
    let current = answer
        .objects()?
        .into_iter()
        .find_map(|item| match item {
            Value::Object(wrapper) => wrapper.into_iter().map(|(_, value)| value).next(),
            _ => None,
        })
        .filter(Value::is_object)
        .ok_or_else(|| {
            Error::new(
                ErrorKind::Json,
                format!("bunq's answer to GET {path} holds no object"),
            )
        })?;
    match current.get("id").and_then(Value::as_u64) {
        Some(answered) if answered != address.id => Err(Error::new(
            ErrorKind::Json,
            format!(
                "bunq's answer to GET {path} holds {} {answered} instead",
                excerpt(object_type)
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
    Ok(Address::of(object_type, object)?.path(user_id))
}

/// Where an object is, all but the session's user: known before any call, so that an
/// object that cannot be confirmed costs no session.
#[derive(Debug, Clone, Copy)]
struct Address {
    endpoint: &'static str,
    id: u64,
    /// The monetary account the path goes through, if any.
    account: Option<u64>,
    /// Whether the path starts at the top (`user-person/{id}`) instead of at the user.
    at_root: bool,
}

impl Address {
    fn of(object_type: &str, object: &Value) -> Result<Address> {
        let (_, parent, endpoint) = CONFIRMABLE
            .iter()
            .find(|(name, ..)| *name == object_type)
            .copied()
            .ok_or_else(|| cannot_confirm(object_type))?;
        if !object.is_object() {
            return Err(Error::invalid_input(format!(
                "cannot confirm the {}: it is not a JSON object",
                excerpt(object_type)
            )));
        }
        let id = number_field(object_type, object, "id")?;
        let account = match parent {
            Parent::Account => Some(number_field(object_type, object, "monetary_account_id")?),
            Parent::AccountOrUser => object.get("monetary_account_id").and_then(Value::as_u64),
            Parent::User | Parent::Root => None,
        };
        Ok(Address {
            endpoint,
            id,
            account,
            at_root: parent == Parent::Root,
        })
    }

    fn path(&self, user_id: u64) -> String {
        let Address {
            endpoint,
            id,
            account,
            ..
        } = *self;
        match (self.at_root, account) {
            (true, _) => format!("{endpoint}/{id}"),
            (false, None) => format!("user/{user_id}/{endpoint}/{id}"),
            (false, Some(account)) => {
                format!("user/{user_id}/monetary-account/{account}/{endpoint}/{id}")
            }
        }
    }
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
        "cannot confirm a callback about a {:?}: bunq-context does not know how to fetch that \
         type by its id (it confirms Payment, RequestInquiry, RequestResponse, BunqMeTab, \
         DraftPayment, ScheduledPayment, MasterCardAction, ShareInviteBankInquiry, \
         MonetaryAccount*, Invoice, User* and a few more: see can_confirm)",
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
        assert_eq!(
            confirm_path(1, "Payment", &payment).unwrap(),
            "user/1/monetary-account/7/payment/42"
        );
        assert_eq!(
            confirm_path(1, "ScheduledPayment", &payment).unwrap(),
            "user/1/monetary-account/7/schedule-payment/42"
        );
        assert_eq!(
            confirm_path(1, "ShareInviteBankInquiry", &payment).unwrap(),
            "user/1/monetary-account/7/share-invite-monetary-account-inquiry/42"
        );
        let account = json!({ "id": 21, "user_id": 1 });
        assert_eq!(
            confirm_path(1, "MonetaryAccountBank", &account).unwrap(),
            "user/1/monetary-account-bank/21"
        );
        assert_eq!(
            confirm_path(1, "Invoice", &account).unwrap(),
            "user/1/invoice/21"
        );
        assert_eq!(
            confirm_path(1, "Invoice", &payment).unwrap(),
            "user/1/monetary-account/7/invoice/42"
        );
        assert_eq!(
            confirm_path(1, "UserPerson", &json!({ "id": 1 })).unwrap(),
            "user-person/1"
        );
    }

    #[test]
    fn what_cannot_be_fetched_is_refused_clearly() {
        for (object_type, object, reason) in [
            ("ScheduledInstance", json!({ "id": 1 }), "does not know how"),
            ("ChatMessage", json!({ "id": 1 }), "does not know how"),
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
