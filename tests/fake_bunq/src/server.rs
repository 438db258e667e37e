//! The running server: worker threads, common headers, answer signatures, and the handle
//! tests hold.

use std::io;
use std::net::{TcpListener, TcpStream};
use std::panic::{self, AssertUnwindSafe};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::thread::{self, JoinHandle};
use std::time::{Duration, Instant};

use tiny_http::{Header, Response, StatusCode};

use crate::config::FakeBunqConfig;
use crate::persistence::{self, StateFile};
use crate::reply::{ApiError, Reply};
use crate::request::Incoming;
use crate::signing::ServerKey;
use crate::state::{NewUser, State};
use crate::{money, random, routes};

/// Enough workers that 16 concurrent clients never queue behind each other's signing.
const WORKERS: usize = 16;

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
        let shared = Shared {
            key,
            config,
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
    server: Option<Arc<tiny_http::Server>>,
    workers: Vec<JoinHandle<()>>,
    port: u16,
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
        socket2::SockRef::from(&listener).set_tcp_nodelay(true)?;
        let port = listener.local_addr()?.port();
        let server = tiny_http::Server::from_listener(listener, None).map_err(io::Error::other)?;
        let server = Arc::new(server);
        let workers = (0..WORKERS)
            .map(|index| spawn_worker(index, Arc::clone(&server), Arc::clone(&shared)))
            .collect::<io::Result<Vec<_>>>()?;
        Ok(FakeBunq {
            shared,
            server: Some(server),
            workers,
            port,
        })
    }

    /// The API base, "http://127.0.0.1:PORT/v1/".
    pub fn base_url(&self) -> String {
        format!("http://127.0.0.1:{}/v1/", self.port)
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
        if let Some(server) = self.server.take() {
            // Each unblock wakes one worker waiting in recv(); busy ones see the flag next.
            for _ in 0..self.workers.len() {
                server.unblock();
            }
            for worker in self.workers.drain(..) {
                let _ = worker.join();
            }
            // The workers held the other references: this drop closes the server.
            drop(server);
        }
        // Requests saved as they went; this keeps what none saved, like sessions a GET found
        // expired and forgot.
        self.shared.save();
        wait_until_closed(self.port);
    }
}

/// tiny_http closes its listener on its own accept thread shortly after the server is
/// dropped; wait for that so that a dropped FakeBunq really has its port closed.
fn wait_until_closed(port: u16) {
    let deadline = Instant::now() + Duration::from_secs(2);
    while Instant::now() < deadline && TcpStream::connect(("127.0.0.1", port)).is_ok() {
        thread::sleep(Duration::from_millis(5));
    }
}

fn spawn_worker(
    index: usize,
    server: Arc<tiny_http::Server>,
    shared: Arc<Shared>,
) -> io::Result<JoinHandle<()>> {
    thread::Builder::new()
        .name(format!("fake-bunq-{index}"))
        .spawn(move || serve(&server, &shared))
}

fn serve(server: &tiny_http::Server, shared: &Shared) {
    while !shared.stopping.load(Ordering::SeqCst) {
        // An error is either our own unblock (the loop then sees the flag) or a dead
        // connection, which concerns only that client.
        if let Ok(request) = server.recv() {
            answer(shared, request);
        }
    }
}

fn answer(shared: &Shared, mut request: tiny_http::Request) {
    let (reply, request_id) = match Incoming::read(&mut request) {
        Ok(incoming) => (
            handle_guarded(shared, &incoming),
            incoming
                .header("X-Bunq-Client-Request-Id")
                .map(str::to_owned),
        ),
        Err(_) => (
            Reply::from(ApiError::bad_request("The request body could not be read.")),
            None,
        ),
    };
    let _ = request.respond(response(shared, reply, request_id.as_deref()));
}

/// A bug in a handler answers 500 instead of killing the worker.
fn handle_guarded(shared: &Shared, incoming: &Incoming) -> Reply {
    panic::catch_unwind(AssertUnwindSafe(|| routes::handle(shared, incoming)))
        .unwrap_or_else(|_| Reply::from(ApiError::internal()))
}

fn response(
    shared: &Shared,
    reply: Reply,
    request_id: Option<&str>,
) -> Response<io::Cursor<Vec<u8>>> {
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
    headers.into_iter().flatten().fold(
        Response::from_data(reply.body)
            .with_status_code(StatusCode(reply.status))
            // Always Content-Length: the body is in memory, and simple test clients in other
            // languages should not have to decode chunks.
            .with_chunked_threshold(usize::MAX),
        |response, (name, value)| match Header::from_bytes(name.as_bytes(), value.as_bytes()) {
            Ok(header) => response.with_header(header),
            Err(()) => response,
        },
    )
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
