//! Events for C: a callback per client that receives each event as a small JSON object.
//!
//! The callback runs on the thread whose call the event belongs to, during that call. It
//! gets the JSON as a borrowed string, valid only until it returns. It may call the library,
//! the same client included: a nested call either works or fails at once (one that needs the
//! session-renewal turn its own thread holds, a nested step of the walk being fetched); none
//! waits for its own thread. A panic in Rust never reaches it (events are made inside the
//! calling function's panic boundary), and when no callback is set no JSON is made.

use std::ffi::CString;
use std::os::raw::{c_char, c_void};
use std::sync::Arc;

use bunq::ContextBuilder;
use bunq::event::{Event, EventCallback};

use crate::boundary::arguments::{out, string};
use crate::boundary::failure::Outcome;
use crate::boundary::handles::new_handle;
use crate::boundary::options::{self, ClientOptions};
use crate::boundary::panic_boundary::call;
use crate::boundary::status::bunq_status;
use crate::client::{bunq_client, client_of};

/// Receives one event: `event_json` is a JSON object (see `bunq_client_set_event_callback`),
/// borrowed, valid until the callback returns; `user_data` is the pointer given with the
/// callback.
pub type bunq_event_callback =
    Option<unsafe extern "C" fn(event_json: *const c_char, user_data: *mut c_void)>;

/// The C function and its user data. The caller of `bunq_client_set_event_callback`
/// promises that the function may be called from every thread that uses the client, with
/// this user data, until the callback is replaced or the client is released.
struct CallbackOfC {
    function: unsafe extern "C" fn(*const c_char, *mut c_void),
    user_data: *mut c_void,
}

// SAFETY: the C caller's promise above (documented on the functions that take a callback).
unsafe impl Send for CallbackOfC {}
// SAFETY: as for Send.
unsafe impl Sync for CallbackOfC {}

impl CallbackOfC {
    fn deliver(&self, event: &Event) {
        // serde_json escapes every control character: the text has no NUL.
        let Ok(text) = CString::new(event.to_json().to_string()) else {
            return;
        };
        // SAFETY: a function pointer and user data the caller gave for this purpose.
        unsafe { (self.function)(text.as_ptr(), self.user_data) }
    }
}

/// The core callback for a C callback; `None` for NULL.
pub(crate) fn callback_of(
    callback: bunq_event_callback,
    user_data: *mut c_void,
) -> Option<EventCallback> {
    let c = CallbackOfC {
        function: callback?,
        user_data,
    };
    Some(Arc::new(move |event: &Event| c.deliver(event)))
}

/// The client `builder` and `options` describe, with `callback` (if any) receiving every
/// event from the start: the exchanges that create the context, then the client's own.
pub(crate) fn create_with_events(
    mut builder: ContextBuilder,
    options: &ClientOptions,
    callback: Option<EventCallback>,
) -> Outcome<bunq_client> {
    if let Some(callback) = callback.clone() {
        builder = builder.on_event(move |event| callback(event));
    }
    let client = options.client(builder.create()?, None)?;
    client.set_event_callback(callback);
    Ok(bunq_client::new(client))
}

/// Sets the function that receives every event of `client` from now on, or with a NULL
/// `callback` removes it. An event is one JSON object with these fields:
///
/// - every event: `"event"` (its kind, below), `"level"` (`"debug"`, `"info"` or
///   `"warning"`), `"message"` (one line of text, e.g.
///   `POST session-server 200 3.2 ms response-id=...`);
/// - `"exchange"`, a request sent to bunq: `"method"`, `"path"` (as sent, query included,
///   secrets replaced by `<redacted>`), `"status"` (null without an answer),
///   `"response_id"` (bunq's, or null), `"duration_ms"`, `"attempt"` (1, 2, ...),
///   `"resend_reason"` (null, `"too_many_requests"`, `"session_renewal"` or
///   `"connection_failure"`), `"error"` (null, or the failure's kind: `"api"`,
///   `"rate limited"`, `"transport"`, `"timeout"`, `"signature"`, ...);
/// - `"rate_limit_wait"`, a call waited for the client's rate limiter: `"method"`,
///   `"endpoint"`, `"waited_ms"`, `"limit_calls"`, `"limit_window_ms"`;
/// - `"retry_backoff"`, bunq answered 429 and the client waited: `"waited_ms"`,
///   `"next_attempt"`;
/// - `"session_renewal"`: `"reason"` (`"no_session"`, `"expiring"`, `"refused"`,
///   `"reset"`), `"old_expiry"` (RFC 3339 UTC, or null), `"new_expiry"`;
/// - `"session_closed"`: `"old_expiry"`;
/// - `"context_save"`: `"path"`, `"ok"` (true or false), `"error"` (null or why not).
///
/// No event contains a body, a header value, the API key, a token or a key. Kinds and
/// fields may be added; a reader should ignore what it does not know.
///
/// Thread rules: the callback runs on the thread making the call the event belongs to,
/// before that call returns (so with a client shared between threads, on any of them, also
/// at once). It may call the library, this client included; no such nested call waits for
/// the call it is nested in: it works, or fails at once with `BUNQ_ERROR_INVALID_INPUT` and
/// a message saying why. That is the case for a call that needs the client's
/// session-renewal turn (a renewal, `bunq_session_reset`, `bunq_session_close`, a call whose
/// session must be renewed first) made while the reporting call holds it (its
/// `session-server` exchange, the `session_renewal` and `context_save` events), and for
/// `bunq_pages_next` on the walk whose page is being fetched (`bunq_pages_future_url` works
/// there). It may call `bunq_client_free` on this client (see there: it does not wait for
/// the reporting call), but not `bunq_pages_free` on a walk whose call is reporting.
/// `event_json` is borrowed and valid until the callback returns. `user_data` is passed as
/// given; it must stay valid until the callback is replaced or removed and the client (and
/// every `bunq_pages` made from it) is freed. Without a callback no JSON is made.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn bunq_client_set_event_callback(
    client: *const bunq_client,
    callback: bunq_event_callback,
    user_data: *mut c_void,
) -> bunq_status {
    call(|| {
        // SAFETY: the C caller's promises (see the module rules).
        let client = unsafe { client_of(client) }?;
        client.set_event_callback(callback_of(callback, user_data));
        Ok(())
    })
}

/// `bunq_client_create`, with `callback` (NULL: none) receiving every event from the start:
/// the exchanges that create the context (installation, device-server, session-server),
/// then every event of the new client, as `bunq_client_set_event_callback` describes (the
/// same thread rules apply). On success `*out_client` is a new handle the caller owns:
/// release it with `bunq_client_free`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn bunq_client_create_with_events(
    config_json: *const c_char,
    callback: bunq_event_callback,
    user_data: *mut c_void,
    out_client: *mut *mut bunq_client,
) -> bunq_status {
    call(|| {
        // SAFETY: the C caller's promises (see the module rules).
        let config_json = unsafe { string(config_json, "config_json") }?;
        let out_client = unsafe { out(out_client, "out_client") }?;
        let callback = callback_of(callback, user_data);
        let (builder, options) = options::creation(config_json)?;
        out_client.write(new_handle(create_with_events(builder, &options, callback)?));
        Ok(())
    })
}
