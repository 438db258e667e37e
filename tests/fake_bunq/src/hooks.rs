//! The fake's own routes under `_fake/`, so that tests in any language can trigger faults
//! through an ordinary client.

use serde_json::{Map, Value, json};

use crate::auth::Caller;
use crate::reply::{ApiError, Reply};
use crate::server::Shared;

/// `POST _fake/expire-session`: the caller's session answers 401 after this answer.
pub(crate) fn expire_session(shared: &Shared, caller: &Caller) -> Result<Reply, ApiError> {
    let token = caller.token()?;
    shared.lock().sessions.remove(token);
    Ok(Reply::ok(Vec::new()))
}

/// `GET _fake/tampered`: a normal-looking answer with a wrong server signature.
pub(crate) fn tampered() -> Reply {
    let mut reply = Reply::ok(vec![json!({ "Fake": { "tampered": true } })]);
    reply.tampered = true;
    reply
}

/// `GET _fake/stats`: `{"calls":{"POST session-server":N,...},"connections":N}`.
pub(crate) fn stats(shared: &Shared) -> Reply {
    let calls: Map<String, Value> = shared
        .lock()
        .calls
        .iter()
        .map(|(key, count)| (key.clone(), json!(count)))
        .collect();
    Reply::json(
        200,
        &json!({ "calls": calls, "connections": shared.connection_count() }),
    )
}

/// `POST _fake/expire-all-sessions`: every session answers 401 from now on.
pub(crate) fn expire_all_sessions(shared: &Shared) -> Reply {
    shared.lock().sessions.clear();
    Reply::ok(Vec::new())
}
