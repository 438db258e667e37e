//! The three steps of bunq's context: installation, device-server, session-server; and
//! closing a session.

use std::net::IpAddr;
use std::time::Duration;

use serde_json::{Map, Value, json};

use crate::auth::Caller;
use crate::reply::{ApiError, Reply};
use crate::request::{Incoming, required_str};
use crate::server::Shared;
use crate::state::IdKind;
use crate::{signing, time, users};

/// `POST installation`: register the client's public key, hand out a token and the server's
/// key.
pub(crate) fn installation(shared: &Shared, incoming: &Incoming) -> Result<Reply, ApiError> {
    let body = incoming.json_object()?;
    let pem = required_str(&body, "client_public_key")?;
    let key = signing::parse_public_key_pem(pem).ok_or_else(|| {
        ApiError::bad_request("The client public key is not a valid RSA public key in PEM format.")
    })?;
    let (id, token, token_id) = {
        let mut state = shared.lock();
        let (id, token) = state.create_installation(pem, key);
        (id, token, state.next_id(IdKind::Token))
    };
    Ok(Reply::ok(vec![
        json!({ "Id": { "id": id } }),
        token_json(token_id, &token),
        json!({ "ServerPublicKey": { "server_public_key": shared.key.public_pem() } }),
    ]))
}

/// `POST device-server`: bind an API key to the installation.
pub(crate) fn device_server(
    shared: &Shared,
    caller: &Caller,
    incoming: &Incoming,
) -> Result<Reply, ApiError> {
    let body = incoming.json_object()?;
    required_str(&body, "description")?;
    let secret = required_str(&body, "secret")?;
    check_permitted_ips(&body)?;
    let installation_token = caller.token()?;
    let mut state = shared.lock();
    if !state.api_keys.contains_key(secret) {
        return Err(ApiError::bad_credentials());
    }
    let installation = state
        .installations
        .get_mut(installation_token)
        .ok_or_else(ApiError::unauthorised)?;
    if !installation.device_keys.iter().any(|key| key == secret) {
        installation.device_keys.push(secret.to_owned());
    }
    let id = state.next_id(IdKind::Device);
    Ok(Reply::ok(vec![json!({ "Id": { "id": id } })]))
}

/// Every permitted IP must be "*" or an IPv4/IPv6 address; an absent or empty list binds
/// the key to the caller's address in bunq, which for the fake is always fine.
fn check_permitted_ips(body: &Map<String, Value>) -> Result<(), ApiError> {
    let ips = match body.get("permitted_ips") {
        None | Some(Value::Null) => return Ok(()),
        Some(Value::Array(ips)) => ips,
        Some(_) => {
            return Err(ApiError::bad_request(
                "The field \"permitted_ips\" must be a list of IP addresses.",
            ));
        }
    };
    match ips.iter().find(|ip| !is_permitted_ip(ip)) {
        Some(bad) => Err(ApiError::bad_request(format!(
            "The permitted IP {bad} is not a valid IP address or \"*\"."
        ))),
        None => Ok(()),
    }
}

fn is_permitted_ip(ip: &Value) -> bool {
    ip.as_str()
        .is_some_and(|ip| ip == "*" || ip.parse::<IpAddr>().is_ok())
}

/// `POST session-server`: open a session for an API key registered on this installation.
pub(crate) fn session_server(
    shared: &Shared,
    caller: &Caller,
    incoming: &Incoming,
) -> Result<Reply, ApiError> {
    let body = incoming.json_object()?;
    let secret = required_str(&body, "secret")?;
    let installation_token = caller.token()?;
    let timeout_secs = shared.config.session_timeout_secs;
    let mut state = shared.lock();
    let registered = state
        .installations
        .get(installation_token)
        .is_some_and(|installation| installation.device_keys.iter().any(|key| key == secret));
    let user_id = match state.api_keys.get(secret) {
        Some(&user_id) if registered => user_id,
        _ => return Err(ApiError::bad_credentials()),
    };
    let (id, token) = state.create_session(
        installation_token,
        user_id,
        Duration::from_secs(timeout_secs),
    );
    let token_id = state.next_id(IdKind::Token);
    let user = state.users.get(&user_id).ok_or_else(ApiError::internal)?;
    let user = users::user_json(user, timeout_secs);
    Ok(Reply::ok(vec![
        json!({ "Id": { "id": id } }),
        token_json(token_id, &token),
        user,
    ]))
}

/// `DELETE session/{any}`: end the caller's session.
pub(crate) fn delete_session(shared: &Shared, caller: &Caller) -> Result<Reply, ApiError> {
    let token = caller.token()?;
    shared.lock().sessions.remove(token);
    Ok(Reply::ok(Vec::new()))
}

fn token_json(id: u64, token: &str) -> Value {
    let now = time::now_stamp();
    json!({ "Token": { "id": id, "created": now, "updated": now, "token": token } })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn body(ips: Value) -> Map<String, Value> {
        let Value::Object(map) = json!({ "permitted_ips": ips }) else {
            unreachable!()
        };
        map
    }

    #[test]
    fn accepts_wildcard_and_both_ip_families() {
        assert!(check_permitted_ips(&body(json!(["*", "1.2.3.4", "::1", "2001:db8::7"]))).is_ok());
        assert!(check_permitted_ips(&body(json!([]))).is_ok());
        assert!(check_permitted_ips(&body(json!(["999.1.1.1"]))).is_err());
        assert!(check_permitted_ips(&body(json!([42]))).is_err());
        assert!(check_permitted_ips(&body(json!("*"))).is_err());
    }
}
