//! The OAuth token exchange: an authorization code becomes an access token, which then
//! works as an API key whose sessions belong to a `UserApiKey`.

use serde_json::json;

use crate::query;
use crate::random;
use crate::reply::Reply;
use crate::request::Incoming;
use crate::server::Shared;
use crate::state::NewUser;

/// Authorization codes the fake accepts (each once) start with this.
const CODE_PREFIX: &str = "fake-code-";

/// `POST token?grant_type=authorization_code&code=..&redirect_uri=..&client_id=..&client_secret=..`.
/// Errors use OAuth's shape (`error`, `error_description`), not bunq's.
pub(crate) fn token(shared: &Shared, incoming: &Incoming) -> Reply {
    match exchange(shared, &Params::of(incoming)) {
        Ok(access_token) => Reply::json(
            200,
            &json!({ "access_token": access_token, "token_type": "bearer", "state": null }),
        ),
        Err((error, description)) => Reply::json(
            400,
            &json!({ "error": error, "error_description": description }),
        ),
    }
}

/// The query parameters, falling back to a form-encoded body for clients that post one.
struct Params(Vec<(String, String)>);

impl Params {
    fn of(incoming: &Incoming) -> Params {
        let mut pairs = incoming.query.clone();
        if let Ok(body) = std::str::from_utf8(&incoming.body) {
            pairs.extend(query::parse(body.trim()));
        }
        Params(pairs)
    }

    fn get(&self, name: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(field, _)| field == name)
            .map(|(_, value)| value.as_str())
    }
}

type OAuthError = (&'static str, String);

fn exchange(shared: &Shared, params: &Params) -> Result<String, OAuthError> {
    let grant_type = params.get("grant_type").unwrap_or_default();
    if grant_type != "authorization_code" {
        return Err((
            "unsupported_grant_type",
            format!("The grant type \"{grant_type}\" is not supported; use authorization_code."),
        ));
    }
    let config = &shared.config;
    let client_ok = params.get("client_id") == Some(config.oauth_client_id.as_str())
        && params.get("client_secret") == Some(config.oauth_client_secret.as_str());
    if !client_ok {
        return Err((
            "invalid_client",
            "The client id or secret is wrong.".to_owned(),
        ));
    }
    if params.get("redirect_uri").is_none_or(str::is_empty) {
        return Err((
            "invalid_request",
            "The redirect_uri is required.".to_owned(),
        ));
    }
    let code = params.get("code").unwrap_or_default();
    let access_token = random::token();
    let mut state = shared.lock();
    if !code.starts_with(CODE_PREFIX) || !state.used_oauth_codes.insert(code.to_owned()) {
        return Err((
            "invalid_grant",
            "The authorization code is invalid or was already used.".to_owned(),
        ));
    }
    state.create_user(&access_token, NewUser::ApiKey, config.accounts_per_user);
    Ok(access_token)
}
