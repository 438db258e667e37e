//! Every route the fake serves, as data: the router matches requests against this table, the
//! binary's `--help` and the crate's README list it, and a test checks each bunq route
//! against the client library's operation table (`bunq::api::operations()`), so that none
//! of them can drift from the others.

use crate::notification_filters::FilterOwner;
use crate::routes::{AccountPath, Route, UserPath};
use crate::state::{AccountKind, NewUser};

/// One route of the fake: method, path template and what it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RouteInfo {
    method: &'static str,
    path: &'static str,
    operation: Option<&'static str>,
    about: &'static str,
}

impl RouteInfo {
    /// The HTTP method, upper case.
    pub fn method(&self) -> &'static str {
        self.method
    }

    /// The path after `/v1/`, ids in braces named as bunq's operation table names them:
    /// `user/{user_id}/monetary-account/{monetary_account_id}/payment`.
    pub fn path_template(&self) -> &'static str {
        self.path
    }

    /// The name of bunq's operation this route serves (`Payment.create`), as the client
    /// library's table (`bunq::api::operations()`) has it; `None` for the fake's own
    /// control routes under `_fake/` and for the OAuth token exchange, which bunq serves on
    /// another host.
    pub fn operation(&self) -> Option<&'static str> {
        self.operation
    }

    /// What the route does, in a few words.
    pub fn about(&self) -> &'static str {
        self.about
    }

    /// Whether the route is one of the fake's own control routes (`_fake/...`).
    pub fn is_control(&self) -> bool {
        self.path.starts_with("_fake/")
    }
}

/// Every route the fake serves, in the order the router tries them.
pub fn routes() -> impl Iterator<Item = &'static RouteInfo> {
    ENTRIES.iter().map(|entry| &entry.info)
}

/// The route a request for `method` and the path segments after `/v1/` asks for, if any.
pub(crate) fn find(method: &str, segments: &[&str]) -> Option<Route> {
    ENTRIES.iter().find_map(|entry| {
        if entry.info.method != method {
            return None;
        }
        let ids = captures(entry.info.path, segments)?;
        (entry.build)(&ids)
    })
}

/// The segments standing where `template` has `{ids}`, if the literal segments match.
fn captures<'a>(template: &str, segments: &[&'a str]) -> Option<Vec<&'a str>> {
    let mut ids = Vec::new();
    let mut parts = template.split('/');
    for segment in segments {
        let part = parts.next()?;
        if part.starts_with('{') {
            ids.push(*segment);
        } else if part != *segment {
            return None;
        }
    }
    parts.next().is_none().then_some(ids)
}

/// A row: what the route is, and how its ids make a [`Route`] (`None` for an id that is
/// not a number, which then matches no route).
struct Entry {
    info: RouteInfo,
    build: fn(&[&str]) -> Option<Route>,
}

const fn bunq(
    method: &'static str,
    path: &'static str,
    operation: &'static str,
    about: &'static str,
    build: fn(&[&str]) -> Option<Route>,
) -> Entry {
    Entry {
        info: RouteInfo {
            method,
            path,
            operation: Some(operation),
            about,
        },
        build,
    }
}

const fn own(
    method: &'static str,
    path: &'static str,
    about: &'static str,
    build: fn(&[&str]) -> Option<Route>,
) -> Entry {
    Entry {
        info: RouteInfo {
            method,
            path,
            operation: None,
            about,
        },
        build,
    }
}

fn id(text: &str) -> Option<u64> {
    text.parse().ok()
}

/// `user/{user_id}/...-account/{id}`: the first two ids.
fn account(ids: &[&str]) -> Option<AccountPath> {
    Some(AccountPath {
        user_id: id(ids[0])?,
        account_id: id(ids[1])?,
    })
}

/// The table; one row a line, so it reads as a table.
#[rustfmt::skip]
static ENTRIES: [Entry; 41] = [
    bunq("POST", "installation", "Installation.create",
        "register a client key; answers Id, Token, ServerPublicKey",
        |_| Some(Route::Installation)),
    bunq("POST", "device-server", "DeviceServer.create",
        "register a device for an API key (installation token, signed)",
        |_| Some(Route::DeviceServer)),
    bunq("POST", "session-server", "SessionServer.create",
        "open a session; answers Id, Token and the user (installation token, signed)",
        |_| Some(Route::SessionServer)),
    bunq("DELETE", "session/{session_id}", "Session.delete",
        "close the caller's session",
        |_| Some(Route::SessionDelete)),
    bunq("POST", "sandbox-user-person", "SandboxUserPerson.create",
        "a new UserPerson with accounts; answers its ApiKey",
        |_| Some(Route::SandboxUser(NewUser::Person))),
    bunq("POST", "sandbox-user-company", "SandboxUserCompany.create",
        "a new UserCompany with accounts; answers its ApiKey",
        |_| Some(Route::SandboxUser(NewUser::Company))),
    bunq("POST", "payment-service-provider-credential", "PaymentServiceProviderCredential.create",
        "register a PSD2 provider from a certificate; answers CredentialPasswordIp with its API key",
        |_| Some(Route::Psd2Credential)),
    own("POST", "token",
        "OAuth: exchange an authorization code for an access token (bunq serves this on another host)",
        |_| Some(Route::OAuthToken)),
    bunq("GET", "user", "User.list", "the session's user", |_| Some(Route::UserList)),
    bunq("GET", "user/{user_id}", "User.get", "the session's user, of any kind",
        |ids| Some(Route::UserOne(id(ids[0])?, UserPath::Any))),
    bunq("GET", "user-person/{user_person_id}", "UserPerson.get", "the session's user, if a person",
        |ids| Some(Route::UserOne(id(ids[0])?, UserPath::Person))),
    bunq("GET", "user-company/{user_company_id}", "UserCompany.get",
        "the session's user, if a company",
        |ids| Some(Route::UserOne(id(ids[0])?, UserPath::Company))),
    bunq("GET", "user/{user_id}/monetary-account", "MonetaryAccount.list",
        "accounts of every kind, each in its own key, newest first (paginated)",
        |ids| Some(Route::AccountList(id(ids[0])?, None))),
    bunq("GET", "user/{user_id}/monetary-account/{monetary_account_id}", "MonetaryAccount.get", "one account of any kind",
        |ids| Some(Route::AccountOne(account(ids)?, None))),
    bunq("GET", "user/{user_id}/monetary-account-bank", "MonetaryAccountBank.list",
        "the bank accounts (paginated)",
        |ids| Some(Route::AccountList(id(ids[0])?, Some(AccountKind::Bank)))),
    bunq("GET", "user/{user_id}/monetary-account-bank/{monetary_account_bank_id}",
        "MonetaryAccountBank.get", "one bank account",
        |ids| Some(Route::AccountOne(account(ids)?, Some(AccountKind::Bank)))),
    bunq("GET", "user/{user_id}/monetary-account-savings", "MonetaryAccountSavings.list",
        "the savings accounts (paginated)",
        |ids| Some(Route::AccountList(id(ids[0])?, Some(AccountKind::Savings)))),
    bunq("GET", "user/{user_id}/monetary-account-savings/{monetary_account_savings_id}",
        "MonetaryAccountSavings.get", "one savings account",
        |ids| Some(Route::AccountOne(account(ids)?, Some(AccountKind::Savings)))),
    bunq("GET", "user/{user_id}/monetary-account-joint", "MonetaryAccountJoint.list",
        "the joint accounts (paginated)",
        |ids| Some(Route::AccountList(id(ids[0])?, Some(AccountKind::Joint)))),
    bunq("GET", "user/{user_id}/monetary-account-joint/{monetary_account_joint_id}",
        "MonetaryAccountJoint.get", "one joint account",
        |ids| Some(Route::AccountOne(account(ids)?, Some(AccountKind::Joint)))),
    bunq("POST", "user/{user_id}/monetary-account/{monetary_account_id}/payment", "Payment.create",
        "pay from the account if the balance allows (signed); to a fake IBAN, it arrives there",
        |ids| Some(Route::PaymentCreate(account(ids)?))),
    bunq("GET", "user/{user_id}/monetary-account/{monetary_account_id}/payment", "Payment.list",
        "the account's payments, newest first (paginated)",
        |ids| Some(Route::PaymentList(account(ids)?))),
    bunq("GET", "user/{user_id}/monetary-account/{monetary_account_id}/payment/{payment_id}",
        "Payment.get", "one payment",
        |ids| Some(Route::PaymentOne(account(ids)?, id(ids[2])?))),
    bunq("POST", "user/{user_id}/monetary-account/{monetary_account_id}/request-inquiry",
        "RequestInquiry.create",
        "ask sugardaddy@bunq.com for up to 500.00 EUR, paid at once (signed)",
        |ids| Some(Route::RequestInquiryCreate(account(ids)?))),
    bunq("GET",
        "user/{user_id}/monetary-account/{monetary_account_id}/request-inquiry/{request_inquiry_id}",
        "RequestInquiry.get", "one request",
        |ids| Some(Route::RequestInquiryOne(account(ids)?, id(ids[2])?))),
    bunq("POST", "user/{user_id}/monetary-account/{monetary_account_id}/attachment",
        "AttachmentMonetaryAccount.create",
        "upload bytes (Content-Type, X-Bunq-Attachment-Description); answers its Id",
        |ids| Some(Route::AccountAttachmentCreate(account(ids)?))),
    bunq("GET",
        "user/{user_id}/monetary-account/{monetary_account_id}/attachment/{attachment_id}/content",
        "AttachmentMonetaryAccountContent.list", "the uploaded bytes",
        |ids| Some(Route::AccountAttachmentContent(account(ids)?, id(ids[2])?))),
    bunq("POST", "attachment-public", "AttachmentPublic.create",
        "upload bytes; answers their Uuid",
        |_| Some(Route::PublicAttachmentCreate)),
    bunq("GET", "attachment-public/{attachment_public_uuid}", "AttachmentPublic.get",
        "the attachment's description and type",
        |ids| Some(Route::PublicAttachmentOne(ids[0].to_owned()))),
    bunq("GET", "attachment-public/{attachment_public_uuid}/content",
        "AttachmentPublicContent.list", "the uploaded bytes",
        |ids| Some(Route::PublicAttachmentContent(ids[0].to_owned()))),
    bunq("GET", "user/{user_id}/notification-filter-url", "NotificationFilterUrl.list",
        "the user's callback filters",
        |ids| Some(Route::NotificationFilterList(FilterOwner::User(id(ids[0])?)))),
    bunq("POST", "user/{user_id}/notification-filter-url", "NotificationFilterUrl.create",
        "replace the user's callback filters; answers the new list",
        |ids| Some(Route::NotificationFilterReplace(FilterOwner::User(id(ids[0])?)))),
    bunq("GET", "user/{user_id}/monetary-account/{monetary_account_id}/notification-filter-url",
        "NotificationFilterUrlMonetaryAccount.list", "the account's callback filters",
        |ids| Some(Route::NotificationFilterList(FilterOwner::Account(account(ids)?)))),
    bunq("POST", "user/{user_id}/monetary-account/{monetary_account_id}/notification-filter-url",
        "NotificationFilterUrlMonetaryAccount.create",
        "replace the account's callback filters; answers the new list",
        |ids| Some(Route::NotificationFilterReplace(FilterOwner::Account(account(ids)?)))),
    bunq("GET", "user/{user_id}/notification-filter-failure", "NotificationFilterFailure.list",
        "callbacks that failed 6 times (paginated)",
        |ids| Some(Route::NotificationFailureList(id(ids[0])?))),
    bunq("POST", "user/{user_id}/notification-filter-failure", "NotificationFilterFailure.create",
        "send the failed callbacks with these ids again",
        |ids| Some(Route::NotificationFailureRetry(id(ids[0])?))),
    own("POST", "_fake/expire-session",
        "the caller's session answers 401 from now on (session token)",
        |_| Some(Route::FakeExpireSession)),
    own("POST", "_fake/expire-all-sessions", "every session answers 401 from now on",
        |_| Some(Route::FakeExpireAllSessions)),
    own("GET", "_fake/tampered",
        "a normal-looking answer with a wrong X-Bunq-Server-Signature (session token)",
        |_| Some(Route::FakeTampered)),
    own("GET", "_fake/stats",
        "{\"calls\":{\"POST session-server\":N,...},\"connections\":N}",
        |_| Some(Route::FakeStats)),
    own("GET", "_fake/rendezvous",
        "?parties=N: answers once N such requests are in flight together (at most 10 s)",
        |_| Some(Route::FakeRendezvous)),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn captures_ids_where_the_template_has_braces() {
        let account = "user/{user_id}/monetary-account/{monetary_account_id}";
        let segments = ["user", "1", "monetary-account", "7"];
        assert_eq!(captures(account, &segments), Some(vec!["1", "7"]));
        assert_eq!(captures(account, &segments[..3]), None);
        assert_eq!(captures("user/{user_id}", &segments), None);
        assert_eq!(captures("user/{user_id}", &["users", "1"]), None);
    }

    #[test]
    fn every_template_is_unique() {
        let mut seen = std::collections::BTreeSet::new();
        for route in routes() {
            assert!(
                seen.insert((route.method(), route.path_template())),
                "{} {} is in the table twice",
                route.method(),
                route.path_template()
            );
        }
    }
}
