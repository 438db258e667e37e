//! Which handler answers which path, and the checks every request passes first.

use crate::auth::{self, Access, Caller};
use crate::notification_filters::{self, FilterOwner};
use crate::reply::{ApiError, Reply};
use crate::request::Incoming;
use crate::server::Shared;
use crate::state::{AccountKind, NewUser};
use crate::{
    accounts, attachments, callback_failures, handshake, hooks, oauth, payments, psd2, rate_limit,
    route_table, users,
};

/// A user and one of their monetary accounts, from `user/{id}/monetary-account/{aid}`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct AccountPath {
    pub(crate) user_id: u64,
    pub(crate) account_id: u64,
}

/// Which user object type a `user*/{id}` path asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum UserPath {
    /// `user/{id}`: any kind.
    Any,
    /// `user-person/{id}`.
    Person,
    /// `user-company/{id}`.
    Company,
}

/// Every route the fake knows; which path asks for which is in [`crate::route_table`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Route {
    Installation,
    DeviceServer,
    SessionServer,
    SessionDelete,
    SandboxUser(NewUser),
    UserList,
    UserOne(u64, UserPath),
    /// A user's accounts: of one kind, or (`None`, `monetary-account`) of every kind.
    AccountList(u64, Option<AccountKind>),
    /// One account: of one kind, or (`None`) of any kind.
    AccountOne(AccountPath, Option<AccountKind>),
    RequestInquiryCreate(AccountPath),
    RequestInquiryOne(AccountPath, u64),
    PaymentCreate(AccountPath),
    PaymentList(AccountPath),
    PaymentOne(AccountPath, u64),
    AccountAttachmentCreate(AccountPath),
    AccountAttachmentContent(AccountPath, u64),
    PublicAttachmentCreate,
    PublicAttachmentOne(String),
    PublicAttachmentContent(String),
    NotificationFilterList(FilterOwner),
    NotificationFilterReplace(FilterOwner),
    NotificationFailureList(u64),
    NotificationFailureRetry(u64),
    OAuthToken,
    Psd2Credential,
    FakeExpireSession,
    FakeTampered,
    FakeStats,
    FakeExpireAllSessions,
    FakeRendezvous,
}

impl Route {
    fn access(&self) -> Access {
        match self {
            Route::Installation
            | Route::SandboxUser(_)
            | Route::OAuthToken
            | Route::FakeStats
            | Route::FakeExpireAllSessions
            | Route::FakeRendezvous => Access::Open,
            Route::DeviceServer | Route::SessionServer | Route::Psd2Credential => {
                Access::Installation
            }
            _ => Access::Session,
        }
    }

    /// Whether the request may change what the state file keeps (tokens, users, money, ids),
    /// so that a save follows it; no wildcard, so that a new route must decide.
    fn changes_state(&self) -> bool {
        match self {
            Route::Installation
            | Route::DeviceServer
            | Route::SessionServer
            | Route::SessionDelete
            | Route::SandboxUser(_)
            | Route::RequestInquiryCreate(_)
            | Route::PaymentCreate(_)
            | Route::AccountAttachmentCreate(_)
            | Route::PublicAttachmentCreate
            | Route::OAuthToken
            | Route::Psd2Credential
            | Route::NotificationFilterReplace(_)
            | Route::FakeExpireSession
            | Route::FakeExpireAllSessions => true,
            Route::UserList
            | Route::UserOne(..)
            | Route::AccountList(..)
            | Route::AccountOne(..)
            | Route::RequestInquiryOne(..)
            | Route::PaymentList(_)
            | Route::PaymentOne(..)
            | Route::AccountAttachmentContent(..)
            | Route::PublicAttachmentOne(_)
            | Route::PublicAttachmentContent(_)
            | Route::NotificationFilterList(_)
            // Failures live in memory only, not in the state file.
            | Route::NotificationFailureList(_)
            | Route::NotificationFailureRetry(_)
            | Route::FakeTampered
            | Route::FakeStats
            | Route::FakeRendezvous => false,
        }
    }

    /// bunq demands a signature on session-server and on anything that moves money.
    fn signature_required(&self) -> bool {
        matches!(
            self,
            Route::SessionServer
                | Route::PaymentCreate(_)
                | Route::RequestInquiryCreate(_)
                | Route::Psd2Credential
        )
    }

    /// The OAuth exchange lives on another bunq host and the hooks are the fake's own, so
    /// neither demands bunq's headers nor counts toward bunq's rate limits.
    fn is_bunq_api(&self) -> bool {
        !matches!(
            self,
            Route::OAuthToken
                | Route::FakeExpireSession
                | Route::FakeTampered
                | Route::FakeStats
                | Route::FakeExpireAllSessions
                | Route::FakeRendezvous
        )
    }
}

/// Answer one request: count it, run bunq's checks, then the route's handler, then save
/// what it may have changed.
pub(crate) fn handle(shared: &Shared, incoming: &Incoming) -> Reply {
    shared.lock().record_call(incoming.call_key());
    let Some(route) = route_table::find(&incoming.method, &incoming.segments()) else {
        return Reply::from(ApiError::route_not_found());
    };
    let changes_state = route.changes_state();
    let reply = process(shared, route, incoming).unwrap_or_else(Reply::from);
    // Also after errors: a refused payment has used up its id, like at bunq.
    if changes_state {
        shared.save();
    }
    reply
}

fn process(shared: &Shared, route: Route, incoming: &Incoming) -> Result<Reply, ApiError> {
    if route.is_bunq_api() {
        auth::check_required_headers(incoming)?;
    }
    let caller = {
        let mut state = shared.lock();
        if shared.config.rate_limits && route.is_bunq_api() {
            admit(&mut state.rate_limiter, incoming)?;
        }
        auth::authenticate(&mut state, incoming, route.access())?
    };
    auth::check_signature(incoming, &caller, route.signature_required())?;
    dispatch(shared, &caller, route, incoming)
}

fn admit(limiter: &mut rate_limit::RateLimiter, incoming: &Incoming) -> Result<(), ApiError> {
    let endpoint = incoming.endpoint.as_deref().unwrap_or_default();
    match rate_limit::limit_for(&incoming.method, endpoint) {
        Some(limit) => limiter.admit(&incoming.call_key(), limit, std::time::Instant::now()),
        None => Ok(()),
    }
}

fn dispatch(
    shared: &Shared,
    caller: &Caller,
    route: Route,
    incoming: &Incoming,
) -> Result<Reply, ApiError> {
    match route {
        Route::Installation => handshake::installation(shared, incoming),
        Route::DeviceServer => handshake::device_server(shared, caller, incoming),
        Route::SessionServer => handshake::session_server(shared, caller, incoming),
        Route::SessionDelete => handshake::delete_session(shared, caller),
        Route::SandboxUser(kind) => users::sandbox_user(shared, kind),
        Route::UserList => users::list(shared, caller),
        Route::UserOne(user_id, path) => users::one(shared, caller, user_id, path),
        Route::AccountList(user_id, kind) => {
            accounts::list(shared, caller, user_id, kind, incoming)
        }
        Route::AccountOne(account, kind) => accounts::one(shared, caller, account, kind),
        Route::RequestInquiryCreate(account) => {
            payments::create_request_inquiry(shared, caller, account, incoming)
        }
        Route::RequestInquiryOne(account, id) => {
            payments::request_inquiry(shared, caller, account, id)
        }
        Route::PaymentCreate(account) => {
            payments::create_payment(shared, caller, account, incoming)
        }
        Route::PaymentList(account) => payments::list(shared, caller, account, incoming),
        Route::PaymentOne(account, id) => payments::one(shared, caller, account, id),
        Route::AccountAttachmentCreate(account) => {
            attachments::create_for_account(shared, caller, account, incoming)
        }
        Route::AccountAttachmentContent(account, id) => {
            attachments::account_content(shared, caller, account, id)
        }
        Route::PublicAttachmentCreate => attachments::create_public(shared, incoming),
        Route::PublicAttachmentOne(uuid) => attachments::public_one(shared, &uuid),
        Route::PublicAttachmentContent(uuid) => attachments::public_content(shared, &uuid),
        Route::NotificationFilterList(owner) => notification_filters::list(shared, caller, owner),
        Route::NotificationFilterReplace(owner) => {
            notification_filters::replace(shared, caller, owner, incoming)
        }
        Route::NotificationFailureList(user_id) => {
            callback_failures::list(shared, caller, user_id, incoming)
        }
        Route::NotificationFailureRetry(user_id) => {
            callback_failures::retry(shared, caller, user_id, incoming)
        }
        Route::OAuthToken => Ok(oauth::token(shared, incoming)),
        Route::Psd2Credential => psd2::create_credential(shared, caller, incoming),
        Route::FakeExpireSession => hooks::expire_session(shared, caller),
        Route::FakeTampered => Ok(hooks::tampered()),
        Route::FakeStats => Ok(hooks::stats(shared)),
        Route::FakeExpireAllSessions => Ok(hooks::expire_all_sessions(shared)),
        Route::FakeRendezvous => Ok(hooks::rendezvous(shared, incoming)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_nested_account_routes() {
        let account = AccountPath {
            user_id: 1,
            account_id: 7,
        };
        let parse = |method, path: &str| {
            let segments: Vec<&str> = path.split('/').collect();
            route_table::find(method, &segments)
        };
        assert_eq!(
            parse("GET", "user/1/monetary-account/7/payment/3"),
            Some(Route::PaymentOne(account, 3))
        );
        // bunq's table has payments under monetary-account only, not under each kind.
        assert_eq!(
            parse("GET", "user/1/monetary-account-bank/7/payment/3"),
            None
        );
        assert_eq!(
            parse("GET", "user/1/monetary-account-savings/7"),
            Some(Route::AccountOne(account, Some(AccountKind::Savings)))
        );
        assert_eq!(
            parse("GET", "user/1/monetary-account"),
            Some(Route::AccountList(1, None))
        );
        assert_eq!(
            parse("POST", "user/1/monetary-account/7/request-inquiry"),
            Some(Route::RequestInquiryCreate(account))
        );
        assert_eq!(parse("GET", "user/x/monetary-account"), None);
        assert_eq!(
            parse("GET", "user-company/4"),
            Some(Route::UserOne(4, UserPath::Company))
        );
        assert_eq!(parse("PUT", "user"), None);
        assert_eq!(parse("GET", "_fake/stats"), Some(Route::FakeStats));
        assert_eq!(
            parse("POST", "user/1/monetary-account/7/notification-filter-url"),
            Some(Route::NotificationFilterReplace(FilterOwner::Account(
                account
            )))
        );
        assert_eq!(
            parse("GET", "user/1/notification-filter-url"),
            Some(Route::NotificationFilterList(FilterOwner::User(1)))
        );
        assert_eq!(
            parse("POST", "user/1/notification-filter-failure"),
            Some(Route::NotificationFailureRetry(1))
        );
        assert_eq!(parse("PUT", "user/1/notification-filter-url"), None);
        assert_eq!(
            parse("GET", "attachment-public/abc"),
            Some(Route::PublicAttachmentOne("abc".to_owned()))
        );
    }

    #[test]
    fn signatures_are_required_where_money_moves() {
        let account = AccountPath {
            user_id: 1,
            account_id: 2,
        };
        assert!(Route::SessionServer.signature_required());
        assert!(Route::PaymentCreate(account).signature_required());
        assert!(!Route::PaymentList(account).signature_required());
        assert_eq!(Route::DeviceServer.access(), Access::Installation);
        assert_eq!(Route::UserList.access(), Access::Session);
    }
}
