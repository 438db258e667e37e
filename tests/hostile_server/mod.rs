//! A hostile bunq on loopback: the fake's scripted mode (`fake_bunq::scripted`) answering
//! whatever a test tells it to, signed with the test server key (`common::server_key()`, the
//! key of `common::offline_context`), so that the client accepts its answers and the attack
//! reaches the code under test. Nothing leaves 127.0.0.1.
//!
//! Each connection carries one request and one answer (`Connection: close`); the handler
//! sees every request in full (method, path, headers, body) and returns an [`Answer`].
#![allow(dead_code)] // each test binary uses its own subset

pub use fake_bunq::scripted::{Answer, Request as Received, ScriptedServer};
use serde_json::{Value, json};

use crate::common::server_key;

/// Starts a server on 127.0.0.1 that answers each request with `handler(request)`, signing
/// with the test server key.
pub fn start(handler: impl Fn(&Received) -> Answer + Send + Sync + 'static) -> ScriptedServer {
    ScriptedServer::builder()
        .signing_key_pem(server_key().private_key_pem())
        .start(handler)
        .expect("the hostile server starts")
}

/// The session-server answer bunq gives: `Id`, `Token`, the user.
pub fn session_answer(token: &str, user: Value) -> Answer {
    Answer::objects(json!([
        {"Id": {"id": 1}},
        {"Token": {"id": 2, "token": token}},
        {"UserPerson": user},
    ]))
}

/// A user object with this `session_timeout` (any JSON value).
pub fn user_with_timeout(timeout: Value) -> Value {
    json!({"id": 1, "display_name": "Hostile", "session_timeout": timeout})
}
