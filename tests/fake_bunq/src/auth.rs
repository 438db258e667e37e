//! Who is calling: mandatory headers, tokens and request signatures.

use std::sync::Arc;

use rsa::PublicKey;

use crate::reply::ApiError;
use crate::request::Incoming;
use crate::signing;
use crate::state::State;

/// The headers bunq refuses requests without.
const REQUIRED_HEADERS: [&str; 3] = ["User-Agent", "X-Bunq-Client-Request-Id", "Cache-Control"];

/// The token header of every call after installation.
pub(crate) const AUTHENTICATION_HEADER: &str = "X-Bunq-Client-Authentication";

/// The request signature header.
pub(crate) const SIGNATURE_HEADER: &str = "X-Bunq-Client-Signature";

/// Which token a route wants.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Access {
    /// No token: installation, sandbox users, the OAuth token exchange, some hooks.
    Open,
    /// The installation token: device-server, session-server, PSD2 credentials.
    Installation,
    /// A live session token: everything else.
    Session,
}

/// The authenticated caller of a request.
#[derive(Debug, Clone)]
pub(crate) enum Caller {
    /// A route without authentication.
    Anonymous,
    /// Authenticated with an installation token.
    Installation {
        token: String,
        client_key: Arc<PublicKey>,
    },
    /// Authenticated with a session token.
    Session {
        token: String,
        user_id: u64,
        client_key: Arc<PublicKey>,
    },
}

impl Caller {
    /// The client key that signs this caller's requests, once an installation is known.
    fn client_key(&self) -> Option<&PublicKey> {
        match self {
            Caller::Anonymous => None,
            Caller::Installation { client_key, .. } | Caller::Session { client_key, .. } => {
                Some(client_key)
            }
        }
    }

    /// The session's user, for session routes.
    pub(crate) fn user_id(&self) -> Result<u64, ApiError> {
        match self {
            Caller::Session { user_id, .. } => Ok(*user_id),
            _ => Err(ApiError::unauthorised()),
        }
    }

    /// The token the caller authenticated with.
    pub(crate) fn token(&self) -> Result<&str, ApiError> {
        match self {
            Caller::Installation { token, .. } | Caller::Session { token, .. } => Ok(token),
            Caller::Anonymous => Err(ApiError::unauthorised()),
        }
    }
}

/// Refuse requests without bunq's mandatory headers.
pub(crate) fn check_required_headers(incoming: &Incoming) -> Result<(), ApiError> {
    match REQUIRED_HEADERS
        .iter()
        .find(|name| incoming.header(name).is_none_or(|v| v.trim().is_empty()))
    {
        Some(name) => Err(ApiError::bad_request(format!(
            "The header \"{name}\" is required but missing."
        ))),
        None => Ok(()),
    }
}

/// Find the caller behind the authentication header, as the route's access demands.
pub(crate) fn authenticate(
    state: &mut State,
    incoming: &Incoming,
    access: Access,
) -> Result<Caller, ApiError> {
    if access == Access::Open {
        return Ok(Caller::Anonymous);
    }
    let token = incoming
        .header(AUTHENTICATION_HEADER)
        .map(str::trim)
        .ok_or_else(ApiError::unauthorised)?;
    match access {
        Access::Open => Ok(Caller::Anonymous),
        Access::Installation => installation_caller(state, token),
        Access::Session => session_caller(state, token),
    }
}

fn installation_caller(state: &State, token: &str) -> Result<Caller, ApiError> {
    let installation = state
        .installations
        .get(token)
        .ok_or_else(ApiError::unauthorised)?;
    Ok(Caller::Installation {
        token: token.to_owned(),
        client_key: Arc::clone(&installation.client_key),
    })
}

fn session_caller(state: &mut State, token: &str) -> Result<Caller, ApiError> {
    let session = state
        .live_session(token)
        .ok_or_else(ApiError::unauthorised)?;
    let user_id = session.user_id;
    let installation_token = session.installation_token.clone();
    let installation = state
        .installations
        .get(&installation_token)
        .ok_or_else(ApiError::unauthorised)?;
    Ok(Caller::Session {
        token: token.to_owned(),
        user_id,
        client_key: Arc::clone(&installation.client_key),
    })
}

/// Verify a request signature when present; demand one where bunq does (466 otherwise).
/// Called outside the state lock: RSA takes a while and other workers must not wait.
pub(crate) fn check_signature(
    incoming: &Incoming,
    caller: &Caller,
    required: bool,
) -> Result<(), ApiError> {
    let Some(signature) = incoming.header(SIGNATURE_HEADER) else {
        return if required {
            Err(ApiError::new(466, "Request signature required."))
        } else {
            Ok(())
        };
    };
    match caller.client_key() {
        Some(key) if !signing::verifies(key, &incoming.body, signature) => {
            Err(ApiError::bad_request("The request signature is invalid."))
        }
        _ => Ok(()),
    }
}
