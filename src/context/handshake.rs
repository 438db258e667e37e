//! The three steps that make an API context: installation, device-server, session-server;
//! for a PSD2 provider, payment-service-provider-credential between the first two.
//!
//! Each function is one step, used by [`ContextBuilder::create`](crate::ContextBuilder::create);
//! [`open_session`] is also what the client calls to renew a session.

use std::time::SystemTime;

use serde_json::{Value, json};

use super::psd2::Psd2Certificate;
use super::session::lifetime_of;
use super::{Installation, Session};
use crate::error::{Error, ErrorKind, Result, Step};
use crate::event::SendAttempt;
use crate::exchange::{self, Credentials, Link};
use crate::keys::{KeyPair, PublicKey};
use crate::request::Request;
use crate::secret::Secret;
use crate::user::User;

/// `POST installation`: registers `client_key` and returns the installation token and
/// bunq's public key. bunq's answer here cannot be verified yet: its key is what it carries.
pub(crate) fn install(link: Link<'_>, client_key: &KeyPair) -> Result<Installation> {
    let body = json!({ "client_public_key": client_key.public_key_pem() });
    let response = exchange::send(
        link,
        &Request::post("installation").json(&body),
        Credentials::default(),
    )
    .map_err(|error| error.during(Step::Installation))?;
    let token = response
        .first("Token")
        .map_err(|error| error.during(Step::Installation))?
        .and_then(|token| string_field(&token, "token"))
        .ok_or_else(|| answer_lacks("a Token", Step::Installation))?;
    let server_key_pem = response
        .first("ServerPublicKey")
        .map_err(|error| error.during(Step::Installation))?
        .and_then(|key| string_field(&key, "server_public_key"))
        .ok_or_else(|| answer_lacks("a ServerPublicKey", Step::Installation))?;
    let server_key =
        PublicKey::from_pem(&server_key_pem).map_err(|error| error.during(Step::Installation))?;
    Ok(Installation {
        token: Secret::new(token),
        client_key: client_key.clone(),
        server_key,
    })
}

/// `POST payment-service-provider-credential`: registers a PSD2 provider's certificate and
/// returns the credential bunq issues for it, the API key of the later steps. The
/// certificate's key signs the installation public key (as sent at installation) followed by
/// the installation token, proving the provider holds that key.
pub(crate) fn register_psd2_credential(
    link: Link<'_>,
    installation: &Installation,
    certificate: &Psd2Certificate,
) -> Result<Secret> {
    let signature = certificate
        .sign_installation(
            installation.client_key.public_key_pem(),
            installation.token.expose(),
        )
        .map_err(|error| error.during(Step::Psd2Credential))?;
    let body = json!({
        "client_payment_service_provider_certificate": certificate.certificate_pem(),
        "client_payment_service_provider_certificate_chain": certificate.chain_pem(),
        "client_public_key_signature": signature,
    });
    let response = exchange::send(
        link,
        &Request::post("payment-service-provider-credential").json(&body),
        installation.credentials(),
    )
    .map_err(|error| error.during(Step::Psd2Credential))?;
    let token_value = response
        .first("CredentialPasswordIp")
        .map_err(|error| error.during(Step::Psd2Credential))?
        .and_then(|credential| string_field(&credential, "token_value"))
        .ok_or_else(|| {
            answer_lacks(
                "a CredentialPasswordIp with a token_value",
                Step::Psd2Credential,
            )
        })?;
    Ok(Secret::new(token_value))
}

/// `POST device-server`: binds `api_key` to this installation for `permitted_ips`.
pub(crate) fn register_device(
    link: Link<'_>,
    installation: &Installation,
    api_key: &Secret,
    description: &str,
    permitted_ips: &[String],
) -> Result<u64> {
    let body = json!({
        "description": description,
        "secret": api_key.expose(),
        "permitted_ips": permitted_ips,
    });
    exchange::send(
        link,
        &Request::post("device-server").json(&body),
        installation.credentials(),
    )
    .and_then(|response| response.id())
    .map_err(|error| error.during(Step::DeviceServer))
}

/// `POST session-server`: opens a session for `api_key`, signed with the installation key.
/// The session's expiry is now plus the user's `session_timeout`, as in the official SDKs.
/// `attempt` counts the tries of one renewal (a 429 is retried).
pub(crate) fn open_session(
    link: Link<'_>,
    installation: &Installation,
    api_key: &Secret,
    attempt: SendAttempt,
) -> Result<Session> {
    let body = json!({ "secret": api_key.expose() });
    let response = exchange::send_attempt(
        link,
        &Request::post("session-server").json(&body),
        installation.credentials(),
        attempt,
    )
    .map_err(|error| error.during(Step::SessionServer))?;
    let started = SystemTime::now();
    let objects = response
        .objects()
        .map_err(|error| error.during(Step::SessionServer))?;
    let token = objects
        .iter()
        .find_map(|object| {
            object
                .get("Token")
                .and_then(|token| string_field(token, "token"))
        })
        .ok_or_else(|| answer_lacks("a Token", Step::SessionServer))?;
    let user = User::from_objects(&objects).ok_or_else(|| {
        answer_lacks(
            "a UserPerson, UserCompany, UserApiKey or UserPaymentServiceProvider",
            Step::SessionServer,
        )
    })?;
    let user_id = user
        .id()
        .ok_or_else(|| answer_lacks("the user's id", Step::SessionServer))?;
    let timeout = user
        .session_timeout_value()
        .ok_or_else(|| answer_lacks("the user's session_timeout", Step::SessionServer))?;
    // Untrusted: at most 30 days, and zero or negative means "until refused".
    let lifetime = lifetime_of(timeout).ok_or_else(|| {
        Error::new(
            ErrorKind::Json,
            "bunq's answer has a session_timeout that is not a number of seconds",
        )
        .during(Step::SessionServer)
    })?;
    Ok(Session {
        token: Secret::new(token),
        expiry: started + lifetime,
        lifetime,
        user_id,
        user,
    })
}

fn string_field(object: &Value, field: &str) -> Option<String> {
    object.get(field).and_then(Value::as_str).map(str::to_owned)
}

fn answer_lacks(what: &str, step: Step) -> Error {
    Error::new(ErrorKind::Json, format!("bunq's answer lacks {what}")).during(step)
}
