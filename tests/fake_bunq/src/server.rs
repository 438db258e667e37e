//! The running server: the accept loop, a thread per connection, common headers, answer
//! signatures, and the handle tests hold.

use std::io;
use std::net::{TcpListener, TcpStream};
use std::panic::{self, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::thread::{self, JoinHandle};

use crate::acceptor::{self, Workers};
use crate::callback_delivery::Outbox;
use crate::config::FakeBunqConfig;
use crate::hooks::Rendezvous;
use crate::http::{self, ConnectionMode, Outgoing, RawRequest, RawResponse};
use crate::persistence::{self, StateFile};
use crate::reply::{ApiError, Reply};
use crate::request::Incoming;
use crate::signing::ServerKey;
use crate::state::{NewUser, State};
use crate::tls::{self, TlsIdentity};
use crate::{money, random, routes};

/// What the workers share: settings, the server key, the state (and its file) and the test
/// hooks.
pub(crate) struct Shared {
    pub(crate) config: FakeBunqConfig,
    pub(crate) key: ServerKey,
    state: Mutex<State>,
    /// Set when the config has a `state_file`.
    state_file: Option<StateFile>,
    tamper_next: AtomicBool,
    omit_next: AtomicBool,
    stopping: AtomicBool,
    /// Set when the config asks for HTTPS.
    tls: Option<TlsIdentity>,
    /// Connections accepted so far.
    connections: AtomicUsize,
    pub(crate) rendezvous: Rendezvous,
    /// Callbacks on their way to the URL filters' targets.
    pub(crate) callbacks: Outbox,
}

impl Shared {
    fn new(config: FakeBunqConfig) -> io::Result<Shared> {
        let (key, mut state, state_file) = key_and_state(&config)?;
        // Keys the file knows already keep their users: a restart must not mint new ones.
        for api_key in &config.api_keys {
            if !state.api_keys.contains_key(api_key) {
                state.create_user(api_key, NewUser::Person, config.accounts_per_user);
            }
        }
        let tls = match &config.tls {
            Some(settings) => Some(TlsIdentity::generate(settings.certificate)?),
            None => None,
        };
        let callbacks = Outbox::start(config.callback_retry_interval)?;
        let shared = Shared {
            key,
            callbacks,
            config,
            tls,
            connections: AtomicUsize::new(0),
            rendezvous: Rendezvous::default(),
            state: Mutex::new(state),
            state_file,
            tamper_next: AtomicBool::new(false),
            omit_next: AtomicBool::new(false),
            stopping: AtomicBool::new(false),
        };
        // Written at once, so that an unwritable path fails the start, not a later request.
        shared.try_save()?;
        Ok(shared)
    }

    /// Connections accepted so far.
    pub(crate) fn connection_count(&self) -> usize {
        self.connections.load(Ordering::SeqCst)
    }

    /// The state; a handler that panicked cannot leave it worse than half-updated test
    /// data, so a poisoned lock is simply taken over.
    pub(crate) fn lock(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Save the state if there is a state file. Called after a request that changed the
    /// state, before its answer goes out, so that what a client has seen survives a restart;
    /// a failure goes to stderr, since the change itself succeeded and nobody else could act.
    pub(crate) fn save(&self) {
        if let Err(error) = self.try_save() {
            eprintln!("fake-bunq: {error}");
        }
    }

    /// Serialize under the state lock (a consistent state), write after releasing it (the
    /// other workers need not wait for the disk).
    fn try_save(&self) -> io::Result<()> {
        let Some(state_file) = &self.state_file else {
            return Ok(());
        };
        let snapshot = state_file.snapshot(&self.lock())?;
        state_file.write(snapshot)
    }

    /// A new sandbox-style API key with a fresh user of the given kind.
    pub(crate) fn create_user_key(&self, kind: NewUser) -> String {
        let api_key = format!("sandbox_{}", random::token());
        let accounts = self.config.accounts_per_user;
        self.lock().create_user(&api_key, kind, accounts);
        api_key
    }

    /// The `X-Bunq-Server-Signature` value for an answer, honouring the test hooks.
    fn signature_for(&self, reply: &Reply) -> Option<String> {
        if !reply.is_success() || self.omit_next.swap(false, Ordering::SeqCst) {
            return None;
        }
        if reply.tampered || self.tamper_next.swap(false, Ordering::SeqCst) {
            self.key.tampered_signature(&reply.body)
        } else {
            self.key.sign(&reply.body)
        }
    }
}

/// The server key and state to start with: from the state file if there is one, else new.
fn key_and_state(config: &FakeBunqConfig) -> io::Result<(ServerKey, State, Option<StateFile>)> {
    let Some(path) = &config.state_file else {
        return Ok((ServerKey::generate()?, State::default(), None));
    };
    let (key, state) = match persistence::load(path)? {
        Some(saved) => saved,
        None => (ServerKey::generate()?, State::default()),
    };
    let state_file = StateFile::new(path, &key)?;
    Ok((key, state, Some(state_file)))
}

/// A running fake bunq server on 127.0.0.1; dropping it stops the workers and closes the
/// port.
pub struct FakeBunq {
    shared: Arc<Shared>,
    /// `None` only while dropping.
    acceptor: Option<JoinHandle<()>>,
    /// Every connection's thread, joined on drop.
    connections: Arc<Mutex<Vec<JoinHandle<()>>>>,
    port: u16,
    /// With HTTPS: the CA certificate's file, and whether it is ours to remove.
    ca_file: Option<(PathBuf, bool)>,
}

impl std::fmt::Debug for FakeBunq {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("FakeBunq")
            .field("base_url", &self.base_url())
            .field("config", &self.shared.config)
            .finish_non_exhaustive()
    }
}

impl FakeBunq {
    /// Start with the default configuration on a free port.
    ///
    /// # Errors
    /// When the port cannot be bound or the server key cannot be generated.
    pub fn start() -> io::Result<FakeBunq> {
        FakeBunq::start_with(FakeBunqConfig::default())
    }

    /// Start with `config` on a free port.
    ///
    /// # Errors
    /// When the port cannot be bound or the server key cannot be generated; with a
    /// [`state_file`](FakeBunqConfig::state_file), when it cannot be written, or (kind
    /// `InvalidData`, naming the file) when it exists but is damaged.
    pub fn start_with(config: FakeBunqConfig) -> io::Result<FakeBunq> {
        FakeBunq::start_on(config, 0)
    }

    /// Start with `config` on the given port of 127.0.0.1 (0 picks a free one); the
    /// binary's `--port`.
    ///
    /// # Errors
    /// As [`FakeBunq::start_with`].
    pub fn start_on(config: FakeBunqConfig, port: u16) -> io::Result<FakeBunq> {
        let shared = Arc::new(Shared::new(config)?);
        let listener = TcpListener::bind(("127.0.0.1", port))?;
        let port = listener.local_addr()?.port();
        let ca_file = match (&shared.tls, &shared.config.tls) {
            (Some(identity), Some(settings)) => Some(tls::write_ca_file(
                &identity.ca_pem,
                settings.ca_file.as_deref(),
                port,
            )?),
            _ => None,
        };
        let connections = Arc::new(Mutex::new(Vec::new()));
        let acceptor = {
            let (shared, connections) = (Arc::clone(&shared), Arc::clone(&connections));
            thread::Builder::new()
                .name("fake-bunq-accept".to_owned())
                .spawn(move || accept(&listener, &shared, &connections))?
        };
        Ok(FakeBunq {
            shared,
            acceptor: Some(acceptor),
            connections,
            port,
            ca_file,
        })
    }

    /// The API base, "http://127.0.0.1:PORT/v1/" (with HTTPS, "https://...").
    pub fn base_url(&self) -> String {
        let scheme = if self.shared.tls.is_some() {
            "https"
        } else {
            "http"
        };
        format!("{scheme}://127.0.0.1:{}/v1/", self.port)
    }

    /// The port on 127.0.0.1.
    pub fn port(&self) -> u16 {
        self.port
    }

    /// With HTTPS, the throw-away CA's certificate (PEM) that a client must trust.
    pub fn ca_certificate_pem(&self) -> Option<&str> {
        self.shared
            .tls
            .as_ref()
            .map(|identity| identity.ca_pem.as_str())
    }

    /// With HTTPS, the file holding [`FakeBunq::ca_certificate_pem`].
    pub fn ca_certificate_file(&self) -> Option<&Path> {
        self.ca_file.as_ref().map(|(path, _)| path.as_path())
    }

    /// With HTTPS, the `pin-sha256` of the server certificate's key (SHA-256 of its
    /// SubjectPublicKeyInfo, base64), computed here with sha2 from rcgen's key.
    pub fn server_key_pin_sha256(&self) -> Option<&str> {
        self.shared
            .tls
            .as_ref()
            .map(|identity| identity.server_key_pin_sha256.as_str())
    }

    /// How many connections the server has accepted (with HTTPS, each began a TLS handshake).
    pub fn connections(&self) -> usize {
        self.shared.connection_count()
    }

    /// The OAuth token exchange URL, "http://127.0.0.1:PORT/v1/token".
    pub fn oauth_token_url(&self) -> String {
        format!("{}token", self.base_url())
    }

    /// How many requests arrived for a method and endpoint, e.g. `("POST", "session-server")`
    /// or `("GET", "user/1/monetary-account")`; rejected requests count too.
    pub fn calls(&self, method: &str, endpoint: &str) -> usize {
        let key = format!(
            "{} {}",
            method.to_ascii_uppercase(),
            endpoint.trim_matches('/')
        );
        self.shared.lock().calls.get(&key).copied().unwrap_or(0)
    }

    /// Create a sandbox `UserPerson` and return its API key, like `POST sandbox-user-person`.
    pub fn create_api_key(&self) -> String {
        let api_key = self.shared.create_user_key(NewUser::Person);
        self.shared.save();
        api_key
    }

    /// Make every current session token answer 401 from now on.
    pub fn expire_all_sessions(&self) {
        self.shared.lock().sessions.clear();
        self.shared.save();
    }

    /// Give the next signed success answer a wrong `X-Bunq-Server-Signature`.
    pub fn tamper_next_signature(&self) {
        self.shared.tamper_next.store(true, Ordering::SeqCst);
    }

    /// Send the next success answer without `X-Bunq-Server-Signature`.
    pub fn omit_next_signature(&self) {
        self.shared.omit_next.store(true, Ordering::SeqCst);
    }

    /// Callbacks not done yet: queued, being delivered, or waiting for a retry. Zero once
    /// every callback so far was delivered or listed as failed (see "Callbacks" in the
    /// crate documentation): a test waits for zero before it looks at what arrived.
    pub fn callbacks_in_flight(&self) -> usize {
        self.shared.callbacks.in_flight()
    }

    /// The balance of a user's account, like "500.00"; `None` if the user has no such
    /// account.
    pub fn balance(&self, user_id: u64, account_id: u64) -> Option<String> {
        let mut state = self.shared.lock();
        let account = state.account_mut(user_id, account_id)?;
        Some(money::format_cents(account.balance_cents))
    }
}

impl Drop for FakeBunq {
    fn drop(&mut self) {
        self.shared.stopping.store(true, Ordering::SeqCst);
        if let Some(acceptor) = self.acceptor.take() {
            acceptor::wake_and_join(self.port, acceptor);
        }
        // Idle connections notice the flag within their poll interval; busy ones finish
        // their answer first.
        let connections = std::mem::take(
            &mut *self
                .connections
                .lock()
                .unwrap_or_else(PoisonError::into_inner),
        );
        for connection in connections {
            let _ = connection.join();
        }
        // No request can queue a callback any more; one being sent finishes first.
        self.shared.callbacks.stop();
        // Requests saved as they went; this keeps what none saved, like sessions a GET found
        // expired and forgot.
        self.shared.save();
        if let Some((path, true)) = &self.ca_file {
            let _ = std::fs::remove_file(path);
        }
    }
}

/// Accepts connections until the server stops, each served on a thread of its own.
fn accept(listener: &TcpListener, shared: &Arc<Shared>, connections: &Mutex<Vec<JoinHandle<()>>>) {
    let served = Arc::clone(shared);
    let serve_one = move |stream| serve(stream, &served);
    acceptor::accept_until_stopped(
        listener,
        &shared.stopping,
        &shared.connections,
        Workers::ThreadEach(connections),
        serve_one,
    );
}

/// Serves one connection, in TLS when the server speaks HTTPS.
fn serve(stream: TcpStream, shared: &Shared) {
    // bunq's API keeps connections open for further requests.
    let mode = ConnectionMode {
        keep_alive: true,
        split_writes: shared.config.split_writes,
    };
    http::prepare_socket(&stream, mode);
    let handle = |raw| Outgoing::Response(answer(shared, raw));
    match &shared.tls {
        None => http::serve_connection(stream, &shared.stopping, mode, handle),
        Some(identity) => {
            let Ok(connection) = rustls::ServerConnection::new(Arc::clone(&identity.server_config))
            else {
                return;
            };
            let tls_stream = rustls::StreamOwned::new(connection, stream);
            http::serve_connection(tls_stream, &shared.stopping, mode, handle);
        }
    }
}

fn answer(shared: &Shared, raw: RawRequest) -> RawResponse {
    let incoming = Incoming::from_raw(raw);
    let request_id = incoming
        .header("X-Bunq-Client-Request-Id")
        .map(str::to_owned);
    let reply = handle_guarded(shared, &incoming);
    response(shared, reply, request_id.as_deref())
}

/// A bug in a handler answers 500 instead of killing the worker.
fn handle_guarded(shared: &Shared, incoming: &Incoming) -> Reply {
    panic::catch_unwind(AssertUnwindSafe(|| routes::handle(shared, incoming)))
        .unwrap_or_else(|_| Reply::from(ApiError::internal()))
}

fn response(shared: &Shared, reply: Reply, request_id: Option<&str>) -> RawResponse {
    // Signing happens here, after the handler released the state lock.
    let signature = shared.signature_for(&reply);
    let response_id = random::uuid4();
    let headers = [
        Some(("Content-Type", reply.content_type.as_str())),
        Some(("X-Bunq-Client-Response-Id", response_id.as_str())),
        request_id.map(|id| ("X-Bunq-Client-Request-Id", id)),
        signature
            .as_deref()
            .map(|signature| ("X-Bunq-Server-Signature", signature)),
    ];
    RawResponse {
        status: reply.status,
        headers: headers
            .into_iter()
            .flatten()
            // A header value with a line break would split the answer: leave such a header out.
            .filter(|(_, value)| !value.contains(['\r', '\n']))
            .map(|(name, value)| (name.to_owned(), value.to_owned()))
            .collect(),
        body: reply.body,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_handle_can_be_shared_across_threads() {
        fn assert_send_sync<T: Send + Sync>() {}
        assert_send_sync::<FakeBunq>();
    }
}
