//! The user a session belongs to, in any of bunq's four kinds.
//!
//! The user object is kept whole, as bunq sent it: fields this crate does not know survive
//! saving and restoring.

use serde_json::Value;

/// The four kinds of user a session can hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum UserKind {
    /// A private person (`UserPerson`).
    Person,
    /// A company (`UserCompany`).
    Company,
    /// An OAuth grant (`UserApiKey`): a user acting on behalf of another.
    ApiKey,
    /// A PSD2 third-party provider (`UserPaymentServiceProvider`).
    PaymentServiceProvider,
}

impl UserKind {
    /// Every kind, in the order the official SDKs check them.
    pub const ALL: [UserKind; 4] = [
        UserKind::Person,
        UserKind::Company,
        UserKind::ApiKey,
        UserKind::PaymentServiceProvider,
    ];

    /// The object type name in bunq's answers, e.g. `UserPerson`.
    pub fn type_name(self) -> &'static str {
        match self {
            UserKind::Person => "UserPerson",
            UserKind::Company => "UserCompany",
            UserKind::ApiKey => "UserApiKey",
            UserKind::PaymentServiceProvider => "UserPaymentServiceProvider",
        }
    }

    /// The key in a saved context's `session_context`, e.g. `user_person` (the official
    /// Python SDK's spelling).
    pub fn context_key(self) -> &'static str {
        match self {
            UserKind::Person => "user_person",
            UserKind::Company => "user_company",
            UserKind::ApiKey => "user_api_key",
            UserKind::PaymentServiceProvider => "user_payment_service_provider",
        }
    }

    /// The PHP SDK's spelling of [`context_key`](Self::context_key), e.g. `userPerson`.
    pub fn camel_case_context_key(self) -> &'static str {
        match self {
            UserKind::Person => "userPerson",
            UserKind::Company => "userCompany",
            UserKind::ApiKey => "userApiKey",
            UserKind::PaymentServiceProvider => "userPaymentServiceProvider",
        }
    }
}

/// A user object with its kind.
#[derive(Debug, Clone, PartialEq)]
pub struct User {
    kind: UserKind,
    object: Value,
}

impl User {
    /// A user of `kind` from its JSON object (the value inside `{"UserPerson": ...}`).
    pub fn new(kind: UserKind, object: Value) -> User {
        User { kind, object }
    }

    /// Finds the user in a `session-server` answer's objects.
    pub(crate) fn from_objects(objects: &[Value]) -> Option<User> {
        objects.iter().find_map(|object| {
            UserKind::ALL.iter().find_map(|kind| {
                object
                    .get(kind.type_name())
                    .map(|user| User::new(*kind, user.clone()))
            })
        })
    }

    /// Which kind of user this is.
    pub fn kind(&self) -> UserKind {
        self.kind
    }

    /// The user object, complete.
    pub fn object(&self) -> &Value {
        &self.object
    }

    /// The user's id.
    pub fn id(&self) -> Option<u64> {
        self.object.get("id").and_then(Value::as_u64)
    }

    /// The display name, when bunq sent one.
    pub fn display_name(&self) -> Option<&str> {
        self.object.get("display_name").and_then(Value::as_str)
    }

    /// The session lifetime in seconds, as bunq sent it (a whole, non-negative number; see
    /// docs/sessions-and-limits.md for how the client reads other values). For [`UserKind::ApiKey`] it sits in
    /// the granting user: `requested_by_user.<UserPerson|UserCompany>.session_timeout`.
    pub fn session_timeout(&self) -> Option<u64> {
        self.session_timeout_value().and_then(Value::as_u64)
    }

    /// The `session_timeout` value, whatever its type.
    pub(crate) fn session_timeout_value(&self) -> Option<&Value> {
        match self.kind {
            UserKind::ApiKey => {
                let requested_by = self.object.get("requested_by_user")?.as_object()?;
                requested_by
                    .values()
                    .find_map(|user| user.get("session_timeout"))
            }
            _ => self.object.get("session_timeout"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn the_session_timeout_of_an_api_key_user_is_nested() {
        let user = User::new(
            UserKind::ApiKey,
            json!({"id": 9, "requested_by_user": {"UserCompany": {"id": 3, "session_timeout": 600}}}),
        );
        assert_eq!(user.session_timeout(), Some(600));
        assert_eq!(user.id(), Some(9));
    }

    #[test]
    fn every_kind_is_found_in_a_session_answer() {
        for kind in UserKind::ALL {
            let objects = vec![
                json!({"Id": {"id": 1}}),
                json!({"Token": {"token": "t"}}),
                json!({kind.type_name(): {"id": 42, "session_timeout": 60}}),
            ];
            let user = User::from_objects(&objects).unwrap();
            assert_eq!(user.kind(), kind);
            assert_eq!(user.id(), Some(42));
        }
    }
}
