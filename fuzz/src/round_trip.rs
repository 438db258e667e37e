//! The saved-context promise: what is saved reads back as the same context, and saving that
//! gives the same text (the official SDKs' format, written by `ApiContext::to_json`).

use std::sync::Mutex;
use std::time::Duration;

use bunq::ApiContext;
use serde_json::json;

use crate::keys::{client_key, server_key};
use crate::secrets;

/// Panics unless `context` saves and reads back to itself.
pub fn saves_and_reads_back(context: &ApiContext) {
    let saved = context.to_json();
    let again = ApiContext::from_json(&saved)
        .unwrap_or_else(|error| panic!("a saved context does not read back: {error}\n{saved}"));
    assert_eq!(
        again.to_json(),
        saved,
        "saving the read-back context changed the file"
    );
    assert_eq!(again.api_key(), context.api_key());
    assert_eq!(again.installation_token(), context.installation_token());
    assert_eq!(again.session_token(), context.session_token());
    assert_eq!(again.user_id(), context.user_id());
    assert_eq!(
        again.user().map(|user| user.kind()),
        context.user().map(|user| user.kind())
    );
    assert_eq!(again.proxy_url(), context.proxy_url());
    assert_eq!(again.environment(), context.environment());
    assert_eq!(
        again.client_key().public_key_pem(),
        context.client_key().public_key_pem()
    );
    assert_eq!(again.server_public_key(), context.server_public_key());
    match (context.session_expiry(), again.session_expiry()) {
        (None, None) => {}
        (Some(before), Some(after)) => {
            // Naive local time is ambiguous in the hour a clock goes back; reading takes the
            // earlier instant (renewing early is safe). Later than saved, never.
            let later = after.duration_since(before).unwrap_or_default();
            assert!(
                later < Duration::from_millis(1),
                "the saved expiry moved {later:?} later"
            );
            let earlier = before.duration_since(after).unwrap_or_default();
            assert!(
                earlier < Duration::from_secs(3601),
                "the saved expiry moved {earlier:?} earlier"
            );
        }
        (before, after) => panic!("the session expiry went from {before:?} to {after:?}"),
    }
}

/// [`marked_context_json`] at `base_url`, read once per process (reading a key is slow under
/// the sanitizer) and cloned.
pub fn marked_context(base_url: &str) -> ApiContext {
    static CONTEXTS: Mutex<Vec<ApiContext>> = Mutex::new(Vec::new());
    let mut contexts = CONTEXTS.lock().unwrap_or_else(|poison| poison.into_inner());
    if let Some(context) = contexts
        .iter()
        .find(|context| context.environment().base_url() == base_url)
    {
        return context.clone();
    }
    let context = ApiContext::from_json(&marked_context_json(base_url)).unwrap();
    contexts.push(context.clone());
    context
}

/// A saved context at `base_url` whose secrets are the markers of [`secrets`], with a
/// session that expires in 2099.
pub fn marked_context_json(base_url: &str) -> String {
    json!({
        "api_key": secrets::API_KEY,
        "environment_type": "SANDBOX",
        "base_url": base_url,
        "installation_context": {
            "token": secrets::INSTALLATION_TOKEN,
            "private_key_client": client_key().private_key_pem(),
            "public_key_client": client_key().public_key_pem(),
            "public_key_server": server_key().public_key_pem(),
        },
        "session_context": {
            "token": secrets::SESSION_TOKEN,
            "expiry_time": "2099-01-01 00:00:00.000000",
            "user_id": 7,
            "user_person": {"id": 7, "display_name": "Fuzz", "session_timeout": 3600},
        },
    })
    .to_string()
}
