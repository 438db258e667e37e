//! Users: a person, a company, an OAuth grant, a PSD2 provider, and the anchor that is any of them.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::api::ApiObject;
use crate::error::Result;

use super::{Amount, Field, Pointer, Timestamp};

/// A private person (`UserPerson`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct UserPerson {
    /// The object's id.
    #[serde(default, skip_serializing_if = "Field::is_absent")]
    pub id: Field<u64>,
    /// When it was made (UTC).
    #[serde(default, skip_serializing_if = "Field::is_absent")]
    pub created: Field<Timestamp>,
    /// When it last changed (UTC).
    #[serde(default, skip_serializing_if = "Field::is_absent")]
    pub updated: Field<Timestamp>,
    /// The public UUID.
    #[serde(default, skip_serializing_if = "Field::is_absent")]
    pub public_uuid: Field<String>,
    /// The name shown to others.
    #[serde(default, skip_serializing_if = "Field::is_absent")]
    pub display_name: Field<String>,
    /// The public nickname.
    #[serde(default, skip_serializing_if = "Field::is_absent")]
    pub public_nick_name: Field<String>,
    /// The user's aliases (e-mail address, phone number).
    #[serde(default, skip_serializing_if = "Field::is_absent")]
    pub alias: Field<Vec<Pointer>>,
    /// The avatar.
    #[serde(default, skip_serializing_if = "Field::is_absent")]
    pub avatar: Field<Value>,
    /// `ACTIVE`, `BLOCKED`, `SIGNUP`, ...
    #[serde(default, skip_serializing_if = "Field::is_absent")]
    pub status: Field<String>,
    /// Why the status is what it is.
    #[serde(default, skip_serializing_if = "Field::is_absent")]
    pub sub_status: Field<String>,
    /// The language, e.g. `en_US`.
    #[serde(default, skip_serializing_if = "Field::is_absent")]
    pub language: Field<String>,
    /// The region, e.g. `nl_NL`.
    #[serde(default, skip_serializing_if = "Field::is_absent")]
    pub region: Field<String>,
    /// The session lifetime in seconds.
    #[serde(default, skip_serializing_if = "Field::is_absent")]
    pub session_timeout: Field<u64>,
    /// The most that may be paid per day without confirming the login.
    #[serde(default, skip_serializing_if = "Field::is_absent")]
    pub daily_limit_without_confirmation_login: Field<Amount>,
    /// The main address.
    #[serde(default, skip_serializing_if = "Field::is_absent")]
    pub address_main: Field<Value>,
    /// The postal address.
    #[serde(default, skip_serializing_if = "Field::is_absent")]
    pub address_postal: Field<Value>,
    /// The user's notification filters.
    #[serde(default, skip_serializing_if = "Field::is_absent")]
    pub notification_filters: Field<Vec<Value>>,
    /// The first name.
    #[serde(default, skip_serializing_if = "Field::is_absent")]
    pub first_name: Field<String>,
    /// The middle name.
    #[serde(default, skip_serializing_if = "Field::is_absent")]
    pub middle_name: Field<String>,
    /// The last name.
    #[serde(default, skip_serializing_if = "Field::is_absent")]
    pub last_name: Field<String>,
    /// The legal name.
    #[serde(default, skip_serializing_if = "Field::is_absent")]
    pub legal_name: Field<String>,
    /// The date of birth, `YYYY-MM-DD`.
    #[serde(default, skip_serializing_if = "Field::is_absent")]
    pub date_of_birth: Field<String>,
    /// The nationality, ISO 3166-1 alpha-2.
    #[serde(default, skip_serializing_if = "Field::is_absent")]
    pub nationality: Field<String>,
    /// `MALE`, `FEMALE` or `UNKNOWN`.
    #[serde(default, skip_serializing_if = "Field::is_absent")]
    pub gender: Field<String>,
    /// Fields bunq sends that this type does not name, kept as sent.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// A company (`UserCompany`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct UserCompany {
    /// The object's id.
    #[serde(default, skip_serializing_if = "Field::is_absent")]
    pub id: Field<u64>,
    /// When it was made (UTC).
    #[serde(default, skip_serializing_if = "Field::is_absent")]
    pub created: Field<Timestamp>,
    /// When it last changed (UTC).
    #[serde(default, skip_serializing_if = "Field::is_absent")]
    pub updated: Field<Timestamp>,
    /// The public UUID.
    #[serde(default, skip_serializing_if = "Field::is_absent")]
    pub public_uuid: Field<String>,
    /// The name shown to others.
    #[serde(default, skip_serializing_if = "Field::is_absent")]
    pub display_name: Field<String>,
    /// The public nickname.
    #[serde(default, skip_serializing_if = "Field::is_absent")]
    pub public_nick_name: Field<String>,
    /// The user's aliases (e-mail address, phone number).
    #[serde(default, skip_serializing_if = "Field::is_absent")]
    pub alias: Field<Vec<Pointer>>,
    /// The avatar.
    #[serde(default, skip_serializing_if = "Field::is_absent")]
    pub avatar: Field<Value>,
    /// `ACTIVE`, `BLOCKED`, `SIGNUP`, ...
    #[serde(default, skip_serializing_if = "Field::is_absent")]
    pub status: Field<String>,
    /// Why the status is what it is.
    #[serde(default, skip_serializing_if = "Field::is_absent")]
    pub sub_status: Field<String>,
    /// The language, e.g. `en_US`.
    #[serde(default, skip_serializing_if = "Field::is_absent")]
    pub language: Field<String>,
    /// The region, e.g. `nl_NL`.
    #[serde(default, skip_serializing_if = "Field::is_absent")]
    pub region: Field<String>,
    /// The session lifetime in seconds.
    #[serde(default, skip_serializing_if = "Field::is_absent")]
    pub session_timeout: Field<u64>,
    /// The most that may be paid per day without confirming the login.
    #[serde(default, skip_serializing_if = "Field::is_absent")]
    pub daily_limit_without_confirmation_login: Field<Amount>,
    /// The main address.
    #[serde(default, skip_serializing_if = "Field::is_absent")]
    pub address_main: Field<Value>,
    /// The postal address.
    #[serde(default, skip_serializing_if = "Field::is_absent")]
    pub address_postal: Field<Value>,
    /// The user's notification filters.
    #[serde(default, skip_serializing_if = "Field::is_absent")]
    pub notification_filters: Field<Vec<Value>>,
    /// The company's name.
    #[serde(default, skip_serializing_if = "Field::is_absent")]
    pub name: Field<String>,
    /// The chamber of commerce number.
    #[serde(default, skip_serializing_if = "Field::is_absent")]
    pub chamber_of_commerce_number: Field<String>,
    /// The legal form.
    #[serde(default, skip_serializing_if = "Field::is_absent")]
    pub type_of_business_entity: Field<String>,
    /// The sector.
    #[serde(default, skip_serializing_if = "Field::is_absent")]
    pub sector_of_industry: Field<String>,
    /// The ultimate beneficial owners.
    #[serde(default, skip_serializing_if = "Field::is_absent")]
    pub ubo: Field<Vec<Value>>,
    /// Fields bunq sends that this type does not name, kept as sent.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// An OAuth grant (`UserApiKey`): a user acting for another.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct UserApiKey {
    /// The object's id.
    #[serde(default, skip_serializing_if = "Field::is_absent")]
    pub id: Field<u64>,
    /// When it was made (UTC).
    #[serde(default, skip_serializing_if = "Field::is_absent")]
    pub created: Field<Timestamp>,
    /// When it last changed (UTC).
    #[serde(default, skip_serializing_if = "Field::is_absent")]
    pub updated: Field<Timestamp>,
    /// The user who asked for the grant, wrapped in its kind (`{"UserPerson": {...}}`).
    #[serde(default, skip_serializing_if = "Field::is_absent")]
    pub requested_by_user: Field<Value>,
    /// The user who granted it, wrapped in its kind.
    #[serde(default, skip_serializing_if = "Field::is_absent")]
    pub granted_by_user: Field<Value>,
    /// Fields bunq sends that this type does not name, kept as sent.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// A PSD2 third-party provider (`UserPaymentServiceProvider`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct UserPaymentServiceProvider {
    /// The object's id.
    #[serde(default, skip_serializing_if = "Field::is_absent")]
    pub id: Field<u64>,
    /// When it was made (UTC).
    #[serde(default, skip_serializing_if = "Field::is_absent")]
    pub created: Field<Timestamp>,
    /// When it last changed (UTC).
    #[serde(default, skip_serializing_if = "Field::is_absent")]
    pub updated: Field<Timestamp>,
    /// The certificate's distinguished name.
    #[serde(default, skip_serializing_if = "Field::is_absent")]
    pub certificate_distinguished_name: Field<String>,
    /// The public UUID.
    #[serde(default, skip_serializing_if = "Field::is_absent")]
    pub public_uuid: Field<String>,
    /// The name shown to others.
    #[serde(default, skip_serializing_if = "Field::is_absent")]
    pub display_name: Field<String>,
    /// The public nickname.
    #[serde(default, skip_serializing_if = "Field::is_absent")]
    pub public_nick_name: Field<String>,
    /// The aliases.
    #[serde(default, skip_serializing_if = "Field::is_absent")]
    pub alias: Field<Vec<Pointer>>,
    /// The avatar.
    #[serde(default, skip_serializing_if = "Field::is_absent")]
    pub avatar: Field<Value>,
    /// The status.
    #[serde(default, skip_serializing_if = "Field::is_absent")]
    pub status: Field<String>,
    /// Why the status is what it is.
    #[serde(default, skip_serializing_if = "Field::is_absent")]
    pub sub_status: Field<String>,
    /// The language.
    #[serde(default, skip_serializing_if = "Field::is_absent")]
    pub language: Field<String>,
    /// The region.
    #[serde(default, skip_serializing_if = "Field::is_absent")]
    pub region: Field<String>,
    /// The session lifetime in seconds.
    #[serde(default, skip_serializing_if = "Field::is_absent")]
    pub session_timeout: Field<u64>,
    /// Fields bunq sends that this type does not name, kept as sent.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// A user of any kind: what `User.get` and `User.list` answer, and the user of a session.
#[derive(Debug, Clone, PartialEq)]
pub enum User {
    /// `UserPerson`.
    Person(UserPerson),
    /// `UserCompany`.
    Company(UserCompany),
    /// `UserApiKey`.
    ApiKey(UserApiKey),
    /// `UserPaymentServiceProvider`.
    PaymentServiceProvider(UserPaymentServiceProvider),
    /// A kind bunq added later, with its name.
    Other(ApiObject),
}

impl User {
    /// Reads a user of the kind `object` names.
    pub fn from_object(object: &ApiObject) -> Result<User> {
        Ok(match object.kind() {
            "UserPerson" => User::Person(object.parse()?),
            "UserCompany" => User::Company(object.parse()?),
            "UserApiKey" => User::ApiKey(object.parse()?),
            "UserPaymentServiceProvider" => User::PaymentServiceProvider(object.parse()?),
            _ => User::Other(object.clone()),
        })
    }

    /// The user of a session (`Client::context().user()`), typed.
    pub fn from_session_user(user: &crate::User) -> Result<User> {
        User::from_object(&ApiObject::new(
            user.kind().type_name(),
            user.object().clone(),
        ))
    }

    /// The user's id, whatever the kind.
    pub fn id(&self) -> Option<u64> {
        match self {
            User::Person(user) => user.id.get().copied(),
            User::Company(user) => user.id.get().copied(),
            User::ApiKey(user) => user.id.get().copied(),
            User::PaymentServiceProvider(user) => user.id.get().copied(),
            User::Other(object) => object.value().get("id").and_then(Value::as_u64),
        }
    }
}
