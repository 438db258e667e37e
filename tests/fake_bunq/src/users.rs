//! Users: sandbox creation and the user objects sessions and `GET user` answer with.

use serde_json::{Value, json};

use crate::auth::Caller;
use crate::reply::{ApiError, Reply};
use crate::routes::UserPath;
use crate::server::Shared;
use crate::state::{NewUser, Profile, User, UserKind};

/// `POST sandbox-user-person` / `sandbox-user-company`: a new user and its API key.
pub(crate) fn sandbox_user(shared: &Shared, kind: NewUser) -> Result<Reply, ApiError> {
    let api_key = shared.create_user_key(kind);
    Ok(Reply::ok(vec![json!({ "ApiKey": { "api_key": api_key } })]))
}

/// `GET user`: the session's user.
pub(crate) fn list(shared: &Shared, caller: &Caller) -> Result<Reply, ApiError> {
    let user_id = caller.user_id()?;
    let state = shared.lock();
    let user = state.users.get(&user_id).ok_or_else(user_not_found)?;
    let timeout = shared.config.session_timeout_secs;
    Ok(Reply::ok(vec![user_json(user, timeout)]))
}

/// `GET user/{id}`, `user-person/{id}`, `user-company/{id}`: the session's user if the id
/// (and type) match.
pub(crate) fn one(
    shared: &Shared,
    caller: &Caller,
    user_id: u64,
    path: UserPath,
) -> Result<Reply, ApiError> {
    if caller.user_id()? != user_id {
        return Err(user_not_found());
    }
    let state = shared.lock();
    let user = state.users.get(&user_id).ok_or_else(user_not_found)?;
    let matches = match path {
        UserPath::Any => true,
        UserPath::Person => matches!(user.kind, UserKind::Person),
        UserPath::Company => matches!(user.kind, UserKind::Company),
    };
    if !matches {
        return Err(user_not_found());
    }
    let timeout = shared.config.session_timeout_secs;
    Ok(Reply::ok(vec![user_json(user, timeout)]))
}

/// The error for a user id the session may not see.
pub(crate) fn user_not_found() -> ApiError {
    ApiError::not_found("User not found")
}

/// `{"UserPerson":{...}}` (or UserCompany, UserApiKey, UserPaymentServiceProvider).
pub(crate) fn user_json(user: &User, session_timeout: u64) -> Value {
    let profile = &user.profile;
    match &user.kind {
        UserKind::Person => json!({ "UserPerson": person_json(profile, session_timeout) }),
        UserKind::Company => json!({ "UserCompany": company_json(profile, session_timeout) }),
        UserKind::ApiKey {
            requested_by,
            granted_by,
        } => json!({
            "UserApiKey": {
                "id": profile.id,
                "created": profile.created,
                "updated": profile.created,
                "requested_by_user": { "UserPerson": person_json(requested_by, session_timeout) },
                "granted_by_user": { "UserPerson": person_json(granted_by, session_timeout) },
            }
        }),
        UserKind::PaymentServiceProvider => json!({
            "UserPaymentServiceProvider": provider_json(profile, session_timeout)
        }),
    }
}

fn person_json(profile: &Profile, session_timeout: u64) -> Value {
    let mut person = common_fields(profile, session_timeout);
    person["first_name"] = json!(profile.first_name);
    person["middle_name"] = json!("");
    person["last_name"] = json!(profile.last_name);
    person["legal_name"] = json!(profile.display_name());
    person
}

fn company_json(profile: &Profile, session_timeout: u64) -> Value {
    let mut company = common_fields(profile, session_timeout);
    company["name"] = json!(profile.display_name());
    company["chamber_of_commerce_number"] = json!(format!("{:08}", profile.id));
    company
}

/// What UserPerson and UserCompany share, plus a field no client knows, so tests can check
/// that unknown fields survive a client's decoding and saving.
fn common_fields(profile: &Profile, session_timeout: u64) -> Value {
    let display_name = profile.display_name();
    json!({
        "id": profile.id,
        "created": profile.created,
        "updated": profile.created,
        "public_uuid": profile.public_uuid,
        "display_name": display_name,
        "public_nick_name": profile.first_name,
        "alias": [{ "type": "EMAIL", "value": profile.email, "name": display_name }],
        "avatar": null,
        "status": "ACTIVE",
        "sub_status": "NONE",
        "language": "en_US",
        "region": "nl_NL",
        "session_timeout": session_timeout,
        "daily_limit_without_confirmation_login": { "value": "250.00", "currency": "EUR" },
        "notification_filters": [],
        "fake_extra_field": { "kept": true },
    })
}

fn provider_json(profile: &Profile, session_timeout: u64) -> Value {
    json!({
        "id": profile.id,
        "created": profile.created,
        "updated": profile.created,
        "certificate_distinguished_name": format!("CN={}, O=Fake PSD2, C=NL", profile.display_name()),
        "alias": [],
        "avatar": null,
        "status": "ACTIVE",
        "sub_status": "NONE",
        "public_uuid": profile.public_uuid,
        "public_nick_name": profile.first_name,
        "display_name": profile.display_name(),
        "session_timeout": session_timeout,
    })
}
