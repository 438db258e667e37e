//! The `bunq_client` handle: one API context and the settings it is used with.
//!
//! The handle holds the core [`Client`] in an `Arc`, so that a `bunq_pages` walk can keep
//! it alive on its own, and so that every call can share it between threads.

use std::ops::Deref;
use std::os::raw::c_char;
use std::sync::Arc;

use serde_json::json;

use bunq::ApiContext;
use bunq::Client;
use bunq::{Error, ErrorKind};

use crate::boundary::arguments::{handle, optional_string, out, string};
use crate::boundary::failure::Outcome;
use crate::boundary::handles::{free_handle, new_handle};
use crate::boundary::options::{self, ClientOptions};
use crate::boundary::panic_boundary::{call, guard};
use crate::boundary::status::bunq_status;
use crate::boundary::strings::{owned_c_string, owned_c_string_or_null};
use crate::calls_in_flight::{CallInFlight, CallsInFlight};

/// A client: an API context (installation, device, session) and how it talks to bunq.
/// Opaque; made by `bunq_client_create`, `bunq_client_restore` or `bunq_client_from_json`,
/// released with `bunq_client_free`. Safe to use from several threads at once.
pub struct bunq_client {
    client: Arc<Client>,
    /// So that `bunq_client_free` waits for the calls running on the handle.
    calls: Arc<CallsInFlight>,
}

impl bunq_client {
    /// The handle for a new client, to give to C with `new_handle`.
    pub(crate) fn new(client: Client) -> bunq_client {
        bunq_client {
            client: Arc::new(client),
            calls: Arc::default(),
        }
    }
}

/// The core client of a handle argument, in use until dropped (at the end of the call):
/// `bunq_client_free` waits for it. It holds its own references, so the call never reads
/// the handle again.
pub(crate) struct ClientInUse {
    client: Arc<Client>,
    _call: CallInFlight,
}

impl Deref for ClientInUse {
    type Target = Arc<Client>;

    fn deref(&self) -> &Arc<Client> {
        &self.client
    }
}

/// Starts a call on the client of a handle argument; refused once `bunq_client_free` began.
///
/// # Safety
/// `client` is NULL or a live `bunq_client`.
pub(crate) unsafe fn client_of(client: *const bunq_client) -> Outcome<ClientInUse> {
    // SAFETY: passed on from the caller.
    let handle = unsafe { handle(client, "client") }?;
    Ok(ClientInUse {
        _call: CallsInFlight::enter(&handle.calls)?,
        client: Arc::clone(&handle.client),
    })
}

/// Makes a new API context (installation, device registration, session: three calls to
/// bunq) and a client for it.
///
/// `config_json` (borrowed) is a JSON object of these settings and every client option of
/// `bunq_client_restore` (docs/settings.md lists them all):
// BEGIN settings CONTEXT (generated from boundary/settings.rs by `cargo run -p bunq-codegen -- bindings`; do not edit)
/// - "environment": "SANDBOX" or "PRODUCTION", required unless "base_url" is given. bunq's
///   environment, which names its base URL. With `base_url` alone the environment is a
///   sandbox-type one (a test server).
/// - "api_key": a string, required (except for a PSD2 provider, whose key bunq issues). An
///   API key, a sandbox key or an OAuth access token.
/// - "description": a string, default "bunq-context". The device description bunq shows the
///   user.
/// - "permitted_ips": a list of strings, default [] (the address the registration comes
///   from). The addresses the API key may be used from, IPv4 or IPv6, or `["*"]` for
///   anywhere. Do not use `["*"]` in production: anyone who obtains the key could use it
///   from any machine; it is meant for the sandbox.
/// - "proxy_url": a string, default none. A proxy saved with the context (the official
///   SDKs' field); clients of it use it unless their `proxy` option says otherwise.
/// - "private_key_pem": a string, default a new RSA-2048 key. The client's private key
///   (PKCS#8 or PKCS#1 PEM) to register instead of generating one.
// END settings CONTEXT
///
/// Each of the three calls may take up to `"timeout_ms"` (default 60000: 60 s), of which
/// `"connect_timeout_ms"` (default 10000: 10 s) to connect: a server that never answers
/// fails the creation with `BUNQ_ERROR_TIMEOUT` after about a minute. To see each exchange
/// as it ends, use `bunq_client_create_with_events`.
///
/// On success `*out_client` is a new handle the caller owns: release it with
/// `bunq_client_free`. An unknown setting (a typo is not ignored) or a value of the wrong type
/// is a `BUNQ_ERROR_JSON` error whose message names it.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn bunq_client_create(
    config_json: *const c_char,
    out_client: *mut *mut bunq_client,
) -> bunq_status {
    call(|| {
        // SAFETY: the C caller's promises (see the module rules).
        let config_json = unsafe { string(config_json, "config_json") }?;
        let out_client = unsafe { out(out_client, "out_client") }?;
        let (builder, options) = options::creation(config_json)?;
        let client = options.client(builder.create()?, None)?;
        out_client.write(new_handle(bunq_client::new(client)));
        Ok(())
    })
}

/// Restores a client from a context file saved by this library or an official bunq SDK
/// (no network call). Every session renewal is saved back to `path` unless `options_json`
/// says otherwise.
///
/// `path` (borrowed, UTF-8). `options_json` (borrowed, may be NULL for the defaults) is a
/// JSON object with any of these client options (a `"save_to"` path holding a NUL,
/// `\u0000`, is refused at once with `BUNQ_ERROR_INVALID_INPUT`; a failed auto-save is
/// reported by `bunq_client_last_save_error`):
// BEGIN settings CLIENT (generated from boundary/settings.rs by `cargo run -p bunq-codegen -- bindings`; do not edit)
/// - "base_url": a string, default the environment's (a restored context's own). Send to
///   another base URL, e.g. a test server. For a restored context it applies to this client
///   only: saves keep the context's own.
/// - "timeout_ms": a whole number of milliseconds, default 60000 (60 s). How long one
///   exchange with bunq may take, connecting included.
/// - "connect_timeout_ms": a whole number of milliseconds, default 10000 (10 s). How long
///   connecting may take.
/// - "proxy": a string, default "environment". `"environment"` (the context's saved
///   `proxy_url`, else the `HTTPS_PROXY`, `ALL_PROXY` and `NO_PROXY` variables), `"none"`,
///   or a proxy URL.
/// - "user_agent": a string, default `"bunq-context/<version>"`. The `User-Agent` header.
/// - "language": a string, default "en_US". The `X-Bunq-Language` header.
/// - "region": a string, default "nl_NL". The `X-Bunq-Region` header.
/// - "geolocation": a string, default "0 0 0 0 000". The `X-Bunq-Geolocation` header.
/// - "max_response_bytes": a whole number of bytes, default 67108864 (64 MiB). The largest
///   answer read; a larger one fails the call.
/// - "rate_limits": true, false or an object with any of "get", "post", "put", "delete",
///   "window_ms", "session_server_window_ms", default true (bunq's limits). The client-side
///   rate limiter: `true` for bunq's limits, `false` for none, or an object changing some
///   of them (0 calls is refused).
///   - "get": a whole number, default 3. GET calls per window and endpoint (at least 1).
///   - "post": a whole number, default 5. POST calls per window and endpoint (at least 1).
///   - "put": a whole number, default 2. PUT calls per window and endpoint (at least 1).
///   - "delete": a whole number, default 2. DELETE calls per window and endpoint (at least
///     1).
///   - "window_ms": a whole number of milliseconds, default 3300. The window the counts are
///     per.
///   - "session_server_window_ms": a whole number of milliseconds, default 30000. The
///     window of `session-server` (one new session per window).
/// - "retry": true, false or an object with any of "max_attempts", "initial_backoff_ms",
///   "max_backoff_ms", "max_total_wait_ms", default true. Retries of 429 Too Many Requests
///   answers: `true` for the defaults, `false` for never, or an object changing some of
///   them.
///   - "max_attempts": a whole number, default 10. Attempts of one call, the first
///     included.
///   - "initial_backoff_ms": a whole number of milliseconds, default 500. The wait before
///     the first retry; each next wait doubles.
///   - "max_backoff_ms": a whole number of milliseconds, default 8000. The longest wait
///     between two attempts.
///   - "max_total_wait_ms": a whole number of milliseconds, default 40000. The budget of
///     each call: every wait in it (429 backoffs, the rate limiter, another thread's
///     session renewal) ends within it, or the call fails as rate limited.
/// - "session_margin_ms": a whole number of milliseconds, default 30000 (30 s). Renew a
///   session this long before it expires.
/// - "tls": an object with any of "roots", "ca_pem", "ca_file", "pin_sha256", default
///   Mozilla's roots, no pins. Whom HTTPS trusts.
///   - "roots": "bundled", "system" or "only-added", default "bundled". Which root
///     certificates to trust: Mozilla's, built in (`bundled`), the operating system's store
///     (`system`), or only those added here (`only-added`).
///   - "ca_pem": a string, default none. PEM text of root certificates to trust as well (a
///     company proxy's).
///   - "ca_file": a string, default none. A PEM file of root certificates to trust as well.
///   - "pin_sha256": a list of strings, default none. Base64 SHA-256 hashes of server
///     SubjectPublicKeyInfos: the server's key must be one of them.
/// - "max_idle_connections": a whole number, default 16. Idle connections kept for reuse:
///   at least the number of threads sharing the client.
/// - "idle_connection_timeout_ms": a whole number of milliseconds, default 15000 (15 s).
///   How long an idle connection is kept.
/// - "dns_cache_ttl_ms": a whole number of milliseconds, default 60000 (60 s). How long a
///   host name's addresses are reused; 0 looks the name up for every new connection.
/// - "save_to": a file path (a string) or null, default a restored file itself; else
///   nowhere. Save the context to this file after every session renewal, or `null` to save
///   nowhere. A failed save does not fail the call that renewed the session: the client's
///   last save error says why.
// END settings CLIENT
///
/// On success `*out_client` is a new handle the caller owns: release it with
/// `bunq_client_free`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn bunq_client_restore(
    path: *const c_char,
    options_json: *const c_char,
    out_client: *mut *mut bunq_client,
) -> bunq_status {
    call(|| {
        // SAFETY: the C caller's promises (see the module rules).
        let path = unsafe { string(path, "path") }?;
        let options_json = unsafe { optional_string(options_json, "options_json") }?;
        let out_client = unsafe { out(out_client, "out_client") }?;
        let options = options::client_options(options_json)?;
        let client = options.client(ApiContext::restore(path)?, Some(path))?;
        out_client.write(new_handle(bunq_client::new(client)));
        Ok(())
    })
}

/// Restores a client from the JSON text of a saved context (as `bunq_client_to_json`
/// writes it; no network call). `context_json` is borrowed; `options_json` (borrowed, may
/// be NULL) is as for `bunq_client_restore`, except that nothing is auto-saved unless it
/// names `"save_to"`. On success `*out_client` is a new handle the caller owns: release it
/// with `bunq_client_free`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn bunq_client_from_json(
    context_json: *const c_char,
    options_json: *const c_char,
    out_client: *mut *mut bunq_client,
) -> bunq_status {
    call(|| {
        // SAFETY: the C caller's promises (see the module rules).
        let context_json = unsafe { string(context_json, "context_json") }?;
        let options_json = unsafe { optional_string(options_json, "options_json") }?;
        let out_client = unsafe { out(out_client, "out_client") }?;
        let options: ClientOptions = options::client_options(options_json)?;
        let client = options.client(ApiContext::from_json(context_json)?, None)?;
        out_client.write(new_handle(bunq_client::new(client)));
        Ok(())
    })
}

/// The client's current context (latest session included) as JSON text in the official
/// Python SDK's format. It contains the API key, tokens and the private key: store it as
/// the secret it is. On success `*out_context_json` is a string the caller owns: release it
/// with `bunq_string_free`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn bunq_client_to_json(
    client: *const bunq_client,
    out_context_json: *mut *mut c_char,
) -> bunq_status {
    call(|| {
        // SAFETY: the C caller's promises (see the module rules).
        let client = unsafe { client_of(client) }?;
        let out_context_json = unsafe { out(out_context_json, "out_context_json") }?;
        let text = owned_c_string(client.context().to_json(), "the context")?;
        out_context_json.write(text);
        Ok(())
    })
}

/// Saves the client's current context to `path` (borrowed, UTF-8) atomically, readable by
/// the owner only, in the official Python SDK's format.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn bunq_client_save(
    client: *const bunq_client,
    path: *const c_char,
) -> bunq_status {
    call(|| {
        // SAFETY: the C caller's promises (see the module rules).
        let client = unsafe { client_of(client) }?;
        let path = unsafe { string(path, "path") }?;
        Ok(client.save(path)?)
    })
}

/// Why the auto-save (`"save_to"`, or the restored file) failed after the client's latest
/// session change (a renewal or `bunq_session_close`), or NULL when it worked or nothing
/// changed yet. Such a failure never fails the call that renewed the session: the session
/// works, only the saved copy is stale. Each session change replaces the value.
///
/// On success `*out_message` is NULL or a string the caller owns: release it with
/// `bunq_string_free`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn bunq_client_last_save_error(
    client: *const bunq_client,
    out_message: *mut *mut c_char,
) -> bunq_status {
    call(|| {
        // SAFETY: the C caller's promises (see the module rules).
        let client = unsafe { client_of(client) }?;
        let out_message = unsafe { out(out_message, "out_message") }?;
        let message = client.last_save_error();
        out_message.write(owned_c_string_or_null(message.as_deref()));
        Ok(())
    })
}

/// The session user's id, opening a session first if there is none. Writes `*out_user_id`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn bunq_client_user_id(
    client: *const bunq_client,
    out_user_id: *mut u64,
) -> bunq_status {
    call(|| {
        // SAFETY: the C caller's promises (see the module rules).
        let client = unsafe { client_of(client) }?;
        let out_user_id = unsafe { out(out_user_id, "out_user_id") }?;
        out_user_id.write(client.user_id()?);
        Ok(())
    })
}

/// The session user as JSON, wrapped in its type name as bunq sends it:
/// `{"UserPerson": {...}}` (or `UserCompany`, `UserApiKey`, `UserPaymentServiceProvider`).
/// Opens a session first if there is none. On success `*out_user_json` is a string the
/// caller owns: release it with `bunq_string_free`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn bunq_client_user(
    client: *const bunq_client,
    out_user_json: *mut *mut c_char,
) -> bunq_status {
    call(|| {
        // SAFETY: the C caller's promises (see the module rules).
        let client = unsafe { client_of(client) }?;
        let out_user_json = unsafe { out(out_user_json, "out_user_json") }?;
        client.ensure_session()?;
        let context = client.context();
        let user = context
            .user()
            .ok_or_else(|| Error::new(ErrorKind::Json, "the session has no user"))?;
        let wrapped = json!({ user.kind().type_name(): user.object() });
        out_user_json.write(owned_c_string(wrapped.to_string(), "the user")?);
        Ok(())
    })
}

/// What the client's connections have cost so far, as a JSON object:
/// `{"requests_sent": N, "connections_opened": N, "tls_handshakes": N, "name_lookups": N,
/// "last_tls": null | {"host": "...", "version": "TLSv1_3", "cipher_suite": "...",
/// "server_key_pin_sha256": "..."}}`. A benchmark divides the counts by its calls; a healthy
/// client opens about one connection per thread and looks a name up about once a minute.
/// On success `*out_stats_json` is a string the caller owns: release it with
/// `bunq_string_free`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn bunq_client_transport_stats(
    client: *const bunq_client,
    out_stats_json: *mut *mut c_char,
) -> bunq_status {
    call(|| {
        // SAFETY: the C caller's promises (see the module rules).
        let client = unsafe { client_of(client) }?;
        let out_stats_json = unsafe { out(out_stats_json, "out_stats_json") }?;
        let stats = client.transport_stats();
        let last_tls = stats.last_tls.map(|tls| {
            json!({
                "host": tls.host,
                "version": tls.version,
                "cipher_suite": tls.cipher_suite,
                "server_key_pin_sha256": tls.server_key_pin_sha256,
            })
        });
        let stats = json!({
            "requests_sent": stats.requests_sent,
            "connections_opened": stats.connections_opened,
            "tls_handshakes": stats.tls_handshakes,
            "name_lookups": stats.name_lookups,
            "last_tls": last_tls,
        });
        out_stats_json.write(owned_c_string(stats.to_string(), "the statistics")?);
        Ok(())
    })
}

/// Releases a client. NULL is allowed; a `bunq_pages` walk made from it stays usable.
///
/// Calls running on the handle in other threads are waited for: it returns once they have
/// ended, and from then on none of them runs or reports an event. Calls that start while it
/// waits fail at once with `BUNQ_ERROR_INVALID_INPUT`. Called from an event callback of a
/// call on this client (on that call's thread), it cannot wait for that call: it returns at
/// once, and the calls still running finish on their own (still reporting their events).
/// Using the handle after `bunq_client_free` returned (or freeing it twice) is undefined
/// behaviour, as for every handle.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn bunq_client_free(client: *mut bunq_client) {
    guard((), || {
        if !client.is_null() {
            // SAFETY: a live handle from `new_handle` (the caller's promise): read, then
            // released once, after the calls in flight on it (which hold their own
            // references to the client).
            unsafe { &*client }.calls.close();
            unsafe { free_handle(client) };
        }
    })
}
