//! Everything the fake remembers: installations, API keys, sessions, users and their money.
//!
//! The types derive serde for the optional state file (see [`crate::persistence`]); the maps
//! are ordered so that the file reads the same for the same state.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;
use std::time::{Duration, Instant};

use rsa::PublicKey;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::notification_filters::NotificationFilters;
use crate::persistence::{self, InstallationRecord};
use crate::rate_limit::RateLimiter;
use crate::{random, time};

/// The kinds of objects that get ids; bunq numbers each kind on its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub(crate) enum IdKind {
    Installation,
    Token,
    Device,
    Session,
    User,
    Account,
    Payment,
    RequestInquiry,
    Attachment,
    Credential,
}

/// An installation: the client's public key and the API keys registered on its devices.
/// Stored without the parsed key, which loading parses again from the PEM.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(try_from = "InstallationRecord", into = "InstallationRecord")]
pub(crate) struct Installation {
    /// The client key for checking request signatures.
    pub(crate) client_key: Arc<PublicKey>,
    /// The PEM exactly as sent, because the PSD2 signature covers these bytes.
    pub(crate) client_key_pem: String,
    /// API keys registered through device-server with this installation's token.
    pub(crate) device_keys: Vec<String>,
}

/// An open session.
#[derive(Debug, Serialize, Deserialize)]
pub(crate) struct Session {
    /// The installation token the session was opened with (for the signing key).
    pub(crate) installation_token: String,
    /// The session's user.
    pub(crate) user_id: u64,
    /// The moment the session dies; monotonic in memory, wall-clock in the file, where an
    /// `Instant` would mean nothing to the next process.
    #[serde(rename = "expires_at_unix_ms", with = "persistence::wall_clock")]
    pub(crate) expires_at: Instant,
}

/// A person (or a company's or provider's name) as it appears in user objects.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(crate) struct Profile {
    pub(crate) id: u64,
    pub(crate) created: String,
    pub(crate) public_uuid: String,
    pub(crate) first_name: String,
    pub(crate) last_name: String,
    pub(crate) email: String,
}

impl Profile {
    /// "first last", bunq's display name.
    pub(crate) fn display_name(&self) -> String {
        format!("{} {}", self.first_name, self.last_name)
    }
}

/// Which kind of user an API key opens sessions for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum NewUser {
    /// sandbox-user-person and configured keys.
    Person,
    /// sandbox-user-company.
    Company,
    /// OAuth access tokens.
    ApiKey,
    /// PSD2 credentials.
    PaymentServiceProvider,
}

/// The kind-specific part of a user.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(crate) enum UserKind {
    Person,
    Company,
    /// Boxed: two profiles would make every other user as large.
    ApiKey {
        requested_by: Box<Profile>,
        granted_by: Box<Profile>,
    },
    PaymentServiceProvider,
}

/// A user with its monetary accounts.
#[derive(Debug, Serialize, Deserialize)]
pub(crate) struct User {
    pub(crate) profile: Profile,
    pub(crate) kind: UserKind,
    pub(crate) accounts: BTreeMap<u64, Account>,
}

/// The kinds of monetary account the fake holds, each served under its own key and path
/// (`MonetaryAccountBank` at `monetary-account-bank`, ...) and all of them under the anchor
/// `monetary-account`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub(crate) enum AccountKind {
    /// A current account; what state files written before the other kinds hold.
    #[default]
    Bank,
    /// A savings account with a savings goal.
    Savings,
    /// A joint account, shared with a co-owner.
    Joint,
}

impl AccountKind {
    /// The key bunq wraps the account in: `MonetaryAccountBank`, ...
    pub(crate) fn object_key(self) -> &'static str {
        match self {
            AccountKind::Bank => "MonetaryAccountBank",
            AccountKind::Savings => "MonetaryAccountSavings",
            AccountKind::Joint => "MonetaryAccountJoint",
        }
    }
}

/// A monetary account in EUR.
#[derive(Debug, Serialize, Deserialize)]
pub(crate) struct Account {
    pub(crate) id: u64,
    /// Absent from state files written before savings and joint accounts: a bank account.
    #[serde(default)]
    pub(crate) kind: AccountKind,
    pub(crate) created: String,
    pub(crate) public_uuid: String,
    pub(crate) description: String,
    pub(crate) iban: String,
    pub(crate) balance_cents: i64,
    pub(crate) payments: BTreeMap<u64, Payment>,
    pub(crate) inquiries: BTreeMap<u64, RequestInquiry>,
    pub(crate) attachments: BTreeMap<u64, Attachment>,
}

/// A booked payment; negative amounts leave the account.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(crate) struct Payment {
    pub(crate) id: u64,
    pub(crate) created: String,
    pub(crate) amount_cents: i64,
    pub(crate) description: String,
    pub(crate) counterparty_alias: Value,
    pub(crate) balance_after_cents: i64,
}

/// A request for money (only to the sandbox's sugar daddy, who always pays).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(crate) struct RequestInquiry {
    pub(crate) id: u64,
    pub(crate) created: String,
    pub(crate) amount_cents: i64,
    pub(crate) description: String,
    pub(crate) counterparty_alias: Value,
    pub(crate) allow_bunqme: bool,
}

/// Uploaded bytes with their type and description.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(crate) struct Attachment {
    pub(crate) created: String,
    pub(crate) description: String,
    pub(crate) content_type: String,
    #[serde(rename = "content_base64", with = "persistence::base64_bytes")]
    pub(crate) bytes: Arc<Vec<u8>>,
}

/// The whole mutable state of one server, behind one mutex.
#[derive(Debug, Default, Serialize, Deserialize)]
pub(crate) struct State {
    /// The last id handed out per kind.
    next_ids: BTreeMap<IdKind, u64>,
    /// By installation token.
    pub(crate) installations: BTreeMap<String, Installation>,
    /// API key → user id.
    pub(crate) api_keys: BTreeMap<String, u64>,
    pub(crate) users: BTreeMap<u64, User>,
    /// By session token.
    pub(crate) sessions: BTreeMap<String, Session>,
    pub(crate) used_oauth_codes: BTreeSet<String>,
    /// Public attachments by uuid.
    pub(crate) public_attachments: BTreeMap<String, Attachment>,
    /// The URL notification filters of users and accounts (absent from older state files).
    #[serde(default)]
    pub(crate) notification_filters: NotificationFilters,
    /// Requests received per "METHOD endpoint"; statistics of this run only, not kept.
    #[serde(skip)]
    pub(crate) calls: BTreeMap<String, usize>,
    /// Windows of recent calls, measured in `Instant`s of this run; not kept.
    #[serde(skip)]
    pub(crate) rate_limiter: RateLimiter,
}

impl State {
    /// The next id of a kind, starting at 1.
    pub(crate) fn next_id(&mut self, kind: IdKind) -> u64 {
        let counter = self.next_ids.entry(kind).or_insert(0);
        *counter += 1;
        *counter
    }

    /// Count a request under its "METHOD endpoint" key.
    pub(crate) fn record_call(&mut self, key: String) {
        *self.calls.entry(key).or_insert(0) += 1;
    }

    /// Create an installation for a client key; returns its id and token.
    pub(crate) fn create_installation(&mut self, pem: &str, key: PublicKey) -> (u64, String) {
        let id = self.next_id(IdKind::Installation);
        let token = random::token();
        let installation = Installation {
            client_key: Arc::new(key),
            client_key_pem: pem.to_owned(),
            device_keys: Vec::new(),
        };
        self.installations.insert(token.clone(), installation);
        (id, token)
    }

    /// Open a session for `user_id` on an installation; returns its id and token.
    pub(crate) fn create_session(
        &mut self,
        installation_token: &str,
        user_id: u64,
        timeout: Duration,
    ) -> (u64, String) {
        let id = self.next_id(IdKind::Session);
        let token = random::token();
        let session = Session {
            installation_token: installation_token.to_owned(),
            user_id,
            expires_at: Instant::now() + timeout,
        };
        self.sessions.insert(token.clone(), session);
        (id, token)
    }

    /// Create a user of the given kind, reachable through `api_key`, with a savings account
    /// and a joint account (the oldest two) and `accounts` bank accounts.
    pub(crate) fn create_user(&mut self, api_key: &str, new_user: NewUser, accounts: usize) -> u64 {
        let profile = self.new_profile(new_user);
        let kind = match new_user {
            NewUser::Person => UserKind::Person,
            NewUser::Company => UserKind::Company,
            NewUser::PaymentServiceProvider => UserKind::PaymentServiceProvider,
            NewUser::ApiKey => UserKind::ApiKey {
                requested_by: Box::new(self.new_profile(NewUser::Person)),
                granted_by: Box::new(self.new_profile(NewUser::Person)),
            },
        };
        let user_id = profile.id;
        let mut user = User {
            profile,
            kind,
            accounts: BTreeMap::new(),
        };
        let savings = self.new_account(AccountKind::Savings, "Savings".to_owned());
        let joint = self.new_account(AccountKind::Joint, "Joint account".to_owned());
        let banks: Vec<Account> = (1..=accounts)
            .map(|number| self.new_account(AccountKind::Bank, format!("Account {number}")))
            .collect();
        for account in [savings, joint].into_iter().chain(banks) {
            user.accounts.insert(account.id, account);
        }
        self.users.insert(user_id, user);
        self.api_keys.insert(api_key.to_owned(), user_id);
        user_id
    }

    /// The session for a token if it is still alive; dead sessions are forgotten.
    pub(crate) fn live_session(&mut self, token: &str) -> Option<&Session> {
        let expired = self.sessions.get(token)?.expires_at <= Instant::now();
        if expired {
            self.sessions.remove(token);
            return None;
        }
        self.sessions.get(token)
    }

    /// A user's account, if the user has it.
    pub(crate) fn account_mut(&mut self, user_id: u64, account_id: u64) -> Option<&mut Account> {
        self.users.get_mut(&user_id)?.accounts.get_mut(&account_id)
    }

    fn new_profile(&mut self, new_user: NewUser) -> Profile {
        let id = self.next_id(IdKind::User);
        let (first_name, last_name) = match new_user {
            NewUser::Person | NewUser::ApiKey => ("Fake".to_owned(), format!("Person {id}")),
            NewUser::Company => (format!("Fake Company {id}"), "B.V.".to_owned()),
            NewUser::PaymentServiceProvider => ("Fake PSD2".to_owned(), format!("Provider {id}")),
        };
        Profile {
            id,
            created: time::now_stamp(),
            public_uuid: random::uuid4(),
            first_name,
            last_name,
            email: format!("user{id}@fake-bunq.example"),
        }
    }

    fn new_account(&mut self, kind: AccountKind, description: String) -> Account {
        let id = self.next_id(IdKind::Account);
        Account {
            id,
            kind,
            created: time::now_stamp(),
            public_uuid: random::uuid4(),
            description,
            iban: iban_for(id),
            balance_cents: 0,
            payments: BTreeMap::new(),
            inquiries: BTreeMap::new(),
            attachments: BTreeMap::new(),
        }
    }
}

/// A Dutch bunq IBAN with valid check digits, so that clients validating IBANs accept it.
pub(crate) fn iban_for(account_id: u64) -> String {
    let bban = format!("BUNQ{:010}", account_id % 10_000_000_000);
    let remainder = format!("{bban}NL00")
        .chars()
        .filter_map(|c| c.to_digit(36))
        .fold(0u64, |acc, value| {
            let shift = if value >= 10 { 100 } else { 10 };
            (acc * shift + u64::from(value)) % 97
        });
    format!("NL{:02}{bban}", 98 - remainder)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ibans_pass_the_mod_97_check() {
        for id in [1, 42, 9_999_999_999] {
            let iban = iban_for(id);
            assert_eq!(iban.len(), 18);
            let rearranged = format!("{}{}", &iban[4..], &iban[..4]);
            let remainder = rearranged
                .chars()
                .filter_map(|c| c.to_digit(36))
                .fold(0u64, |acc, v| {
                    (acc * if v >= 10 { 100 } else { 10 } + u64::from(v)) % 97
                });
            assert_eq!(remainder, 1, "{iban}");
        }
    }

    #[test]
    fn ids_count_per_kind() {
        let mut state = State::default();
        assert_eq!(state.next_id(IdKind::User), 1);
        assert_eq!(state.next_id(IdKind::User), 2);
        assert_eq!(state.next_id(IdKind::Account), 1);
    }
}
