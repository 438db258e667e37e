//! Which handler answers which path, and the checks every request passes first.

use crate::auth::{self, Access, Caller};
use crate::notification_filters::{self, FilterOwner};
use crate::reply::{ApiError, Reply};
use crate::request::Incoming;
use crate::server::Shared;
use crate::state::NewUser;
use crate::{
    accounts, attachments, callback_failures, handshake, hooks, oauth, payments, psd2, rate_limit,
    users,
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

/// Every route the fake knows.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Route {
    Installation,
    DeviceServer,
    SessionServer,
    SessionDelete,
    SandboxUser(NewUser),
    UserList,
    UserOne(u64, UserPath),
    AccountList(u64),
    AccountOne(AccountPath),
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
    fn parse(method: &str, segments: &[&str]) -> Option<Route> {
        let route = match (method, segments) {
            ("POST", ["installation"]) => Route::Installation,
            ("POST", ["device-server"]) => Route::DeviceServer,
            ("POST", ["session-server"]) => Route::SessionServer,
            ("DELETE", ["session", _]) => Route::SessionDelete,
            ("POST", ["sandbox-user-person"]) => Route::SandboxUser(NewUser::Person),
            ("POST", ["sandbox-user-company"]) => Route::SandboxUser(NewUser::Company),
            ("POST", ["token"]) => Route::OAuthToken,
            ("POST", ["payment-service-provider-credential"]) => Route::Psd2Credential,
            ("GET", ["user"]) => Route::UserList,
            ("GET", [kind, id]) if user_path(kind).is_some() => {
                Route::UserOne(id.parse().ok()?, user_path(kind)?)
            }
            ("GET", ["user", id, kind]) if is_account_kind(kind) => {
                Route::AccountList(id.parse().ok()?)
            }
            (_, ["user", id, resource]) if resource.starts_with("notification-filter-") => {
                notification_route(method, id.parse().ok()?, resource)?
            }
            (_, ["user", id, kind, account_id, rest @ ..]) if is_account_kind(kind) => {
                let account = AccountPath {
                    user_id: id.parse().ok()?,
                    account_id: account_id.parse().ok()?,
                };
                account_route(method, account, rest)?
            }
            ("POST", ["attachment-public"]) => Route::PublicAttachmentCreate,
            ("GET", ["attachment-public", uuid]) => Route::PublicAttachmentOne((*uuid).to_owned()),
            ("GET", ["attachment-public", uuid, "content"]) => {
                Route::PublicAttachmentContent((*uuid).to_owned())
            }
            ("POST", ["_fake", "expire-session"]) => Route::FakeExpireSession,
            ("GET", ["_fake", "tampered"]) => Route::FakeTampered,
            ("GET", ["_fake", "stats"]) => Route::FakeStats,
            ("POST", ["_fake", "expire-all-sessions"]) => Route::FakeExpireAllSessions,
            ("GET", ["_fake", "rendezvous"]) => Route::FakeRendezvous,
            _ => return None,
        };
        Some(route)
    }

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
            | Route::AccountList(_)
            | Route::AccountOne(_)
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

fn user_path(kind: &str) -> Option<UserPath> {
    match kind {
        "user" => Some(UserPath::Any),
        "user-person" => Some(UserPath::Person),
        "user-company" => Some(UserPath::Company),
        _ => None,
    }
}

fn is_account_kind(kind: &str) -> bool {
    matches!(kind, "monetary-account" | "monetary-account-bank")
}

fn account_route(method: &str, account: AccountPath, rest: &[&str]) -> Option<Route> {
    let route = match (method, rest) {
        ("GET", []) => Route::AccountOne(account),
        ("POST", ["request-inquiry"]) => Route::RequestInquiryCreate(account),
        ("GET", ["request-inquiry", id]) => Route::RequestInquiryOne(account, id.parse().ok()?),
        ("POST", ["payment"]) => Route::PaymentCreate(account),
        ("GET", ["payment"]) => Route::PaymentList(account),
        ("GET", ["payment", id]) => Route::PaymentOne(account, id.parse().ok()?),
        ("POST", ["attachment"]) => Route::AccountAttachmentCreate(account),
        ("GET", ["attachment", id, "content"]) => {
            Route::AccountAttachmentContent(account, id.parse().ok()?)
        }
        ("GET", ["notification-filter-url"]) => {
            Route::NotificationFilterList(FilterOwner::Account(account))
        }
        ("POST", ["notification-filter-url"]) => {
            Route::NotificationFilterReplace(FilterOwner::Account(account))
        }
        _ => return None,
    };
    Some(route)
}

/// `user/{id}/notification-filter-url` and `user/{id}/notification-filter-failure`.
fn notification_route(method: &str, user_id: u64, resource: &str) -> Option<Route> {
    let route = match (method, resource) {
        ("GET", "notification-filter-url") => {
            Route::NotificationFilterList(FilterOwner::User(user_id))
        }
        ("POST", "notification-filter-url") => {
            Route::NotificationFilterReplace(FilterOwner::User(user_id))
        }
        ("GET", "notification-filter-failure") => Route::NotificationFailureList(user_id),
        ("POST", "notification-filter-failure") => Route::NotificationFailureRetry(user_id),
        _ => return None,
    };
    Some(route)
}

/// Answer one request: count it, run bunq's checks, then the route's handler, then save
/// what it may have changed.
pub(crate) fn handle(shared: &Shared, incoming: &Incoming) -> Reply {
    shared.lock().record_call(incoming.call_key());
    let Some(route) = Route::parse(&incoming.method, &incoming.segments()) else {
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
        Route::AccountList(user_id) => accounts::list(shared, caller, user_id, incoming),
        Route::AccountOne(account) => accounts::one(shared, caller, account),
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
            Route::parse(method, &segments)
        };
        assert_eq!(
            parse("GET", "user/1/monetary-account-bank/7/payment/3"),
            Some(Route::PaymentOne(account, 3))
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
