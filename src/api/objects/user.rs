//! Users: a person, a company, an OAuth grant, a PSD2 provider, and the anchor that is any of them.

use serde_json::Value;

use crate::api::ApiObject;
use crate::error::Result;

use super::{Amount, Pointer};

/// A person or a company: the object header, the profile fields both share, then the kind's
/// own (as `api_object!`).
macro_rules! user_profile {
    (
        $(#[$meta:meta])*
        pub struct $name:ident { $($fields:tt)* }
    ) => {
        api_object! {
            $(#[$meta])*
            pub struct $name {
                /// The public UUID.
                public_uuid: String,
                /// The name shown to others.
                display_name: String,
                /// The public nickname.
                public_nick_name: String,
                /// The user's aliases (e-mail address, phone number).
                alias: Vec<Pointer>,
                /// The avatar.
                avatar: Value,
                /// `ACTIVE`, `BLOCKED`, `SIGNUP`, ...
                status: String,
                /// Why the status is what it is.
                sub_status: String,
                /// The language, e.g. `en_US`.
                language: String,
                /// The region, e.g. `nl_NL`.
                region: String,
                /// The session lifetime in seconds.
                session_timeout: u64,
                /// The most that may be paid per day without confirming the login.
                daily_limit_without_confirmation_login: Amount,
                /// The main address.
                address_main: Value,
                /// The postal address.
                address_postal: Value,
                /// The user's notification filters.
                notification_filters: Vec<Value>,
                $($fields)*
            }
        }
    };
}

user_profile! {
    /// A private person (`UserPerson`).
    pub struct UserPerson {
        /// The first name.
        first_name: String,
        /// The middle name.
        middle_name: String,
        /// The last name.
        last_name: String,
        /// The legal name.
        legal_name: String,
        /// The date of birth, `YYYY-MM-DD`.
        date_of_birth: String,
        /// The nationality, ISO 3166-1 alpha-2.
        nationality: String,
        /// `MALE`, `FEMALE` or `UNKNOWN`.
        gender: String,
    }
}

user_profile! {
    /// A company (`UserCompany`).
    pub struct UserCompany {
        /// The company's name.
        name: String,
        /// The chamber of commerce number.
        chamber_of_commerce_number: String,
        /// The legal form.
        type_of_business_entity: String,
        /// The sector.
        sector_of_industry: String,
        /// The ultimate beneficial owners.
        ubo: Vec<Value>,
    }
}

api_object! {
    /// An OAuth grant (`UserApiKey`): a user acting for another.
    pub struct UserApiKey {
        /// The user who asked for the grant, wrapped in its kind (`{"UserPerson": {...}}`).
        requested_by_user: Value,
        /// The user who granted it, wrapped in its kind.
        granted_by_user: Value,
    }
}

api_object! {
    /// A PSD2 third-party provider (`UserPaymentServiceProvider`).
    pub struct UserPaymentServiceProvider {
        /// The certificate's distinguished name.
        certificate_distinguished_name: String,
        /// The public UUID.
        public_uuid: String,
        /// The name shown to others.
        display_name: String,
        /// The public nickname.
        public_nick_name: String,
        /// The aliases.
        alias: Vec<Pointer>,
        /// The avatar.
        avatar: Value,
        /// The status.
        status: String,
        /// Why the status is what it is.
        sub_status: String,
        /// The language.
        language: String,
        /// The region.
        region: String,
        /// The session lifetime in seconds.
        session_timeout: u64,
    }
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
