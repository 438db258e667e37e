//! Everything that identifies a client to bunq: the API context.
//!
//! An [`ApiContext`] holds the environment, the API key, the installation (client key pair,
//! installation token, bunq's public key) and the current session (token, expiry, user). It
//! is made once with [`ApiContext::builder`] (the three steps of [`handshake`]), then saved
//! and restored in the official SDKs' format ([`file`]) without the network. The client
//! renews its session through [`open_session`].
//!
//! - `installation.rs`, `session.rs`: the two results of the handshake; the session's
//!   lifetime rules.
//! - `handshake.rs`: installation, device-server, session-server (and PSD2's credential).
//! - `builder.rs`: [`ContextBuilder`], which runs the handshake.
//! - `file.rs`: the saved format. `psd2.rs`: the PSD2 certificate.

use std::path::Path;
use std::time::SystemTime;

use crate::environment::Environment;
use crate::error::Result;
use crate::keys::{KeyPair, PublicKey};
use crate::secret::Secret;
use crate::user::User;

mod builder;
mod file;
mod handshake;
mod installation;
mod psd2;
mod session;

pub use builder::ContextBuilder;
pub(crate) use handshake::open_session;
pub(crate) use installation::Installation;
pub use psd2::Psd2Certificate;
pub(crate) use session::Session;

/// Everything that identifies this client to bunq. `Debug` output hides every secret.
#[derive(Debug, Clone)]
pub struct ApiContext {
    environment: Environment,
    api_key: Secret,
    installation: Installation,
    session: Option<Session>,
    /// May hold a proxy password: kept as a secret.
    proxy_url: Option<Secret>,
}

impl ApiContext {
    /// Starts making a context for `api_key` (an API key, a sandbox key, or an OAuth access
    /// token) in `environment`.
    pub fn builder(environment: Environment, api_key: impl Into<String>) -> ContextBuilder {
        ContextBuilder::new(environment, Secret::new(api_key))
    }

    /// Reads a context saved by this crate or an official SDK. No network call is made.
    pub fn restore(path: impl AsRef<Path>) -> Result<ApiContext> {
        file::restore(path.as_ref())
    }

    /// Reads a context from the JSON text of a saved context.
    pub fn from_json(json: &str) -> Result<ApiContext> {
        file::from_json(json)
    }

    /// Saves the context atomically (temporary file, then rename) with owner-only
    /// permissions, in the official Python SDK's format.
    pub fn save(&self, path: impl AsRef<Path>) -> Result<()> {
        file::save(self, path.as_ref())
    }

    /// The context as the JSON text that [`save`](Self::save) writes.
    pub fn to_json(&self) -> String {
        file::to_json(self)
    }

    /// The environment this context belongs to.
    pub fn environment(&self) -> &Environment {
        &self.environment
    }

    /// Points the context at another base URL of the same environment type (a proxy, an
    /// emulator, a test server).
    pub fn set_base_url(&mut self, base_url: impl Into<String>) {
        self.environment = self.environment.clone().with_base_url(base_url);
    }

    /// The API key (a secret: never log it).
    pub fn api_key(&self) -> &str {
        self.api_key.expose()
    }

    /// The proxy saved with the context, if any.
    pub fn proxy_url(&self) -> Option<&str> {
        self.proxy_url.as_ref().map(Secret::expose)
    }

    /// The installation token (a secret).
    pub fn installation_token(&self) -> &str {
        self.installation.token.expose()
    }

    /// The client key pair registered at installation.
    pub fn client_key(&self) -> &KeyPair {
        &self.installation.client_key
    }

    /// bunq's public key, received at installation.
    pub fn server_public_key(&self) -> &PublicKey {
        &self.installation.server_key
    }

    /// The session token, if a session is open (a secret).
    pub fn session_token(&self) -> Option<&str> {
        self.session.as_ref().map(|session| session.token.expose())
    }

    /// When the current session expires, by the local clock.
    pub fn session_expiry(&self) -> Option<SystemTime> {
        self.session.as_ref().map(|session| session.expiry)
    }

    /// The session's user.
    pub fn user(&self) -> Option<&User> {
        self.session.as_ref().map(|session| &session.user)
    }

    /// The session user's id.
    pub fn user_id(&self) -> Option<u64> {
        self.session.as_ref().map(|session| session.user_id)
    }

    /// The installation (keys and token), for the client's requests.
    pub(crate) fn installation(&self) -> &Installation {
        &self.installation
    }

    /// The API key as a secret, for opening sessions.
    pub(crate) fn api_key_secret(&self) -> &Secret {
        &self.api_key
    }

    /// The current session, if one is open.
    pub(crate) fn session(&self) -> Option<&Session> {
        self.session.as_ref()
    }

    /// Puts `session` in place of the current one (`None`: forgets it), returning the old one.
    pub(crate) fn replace_session(&mut self, session: Option<Session>) -> Option<Session> {
        std::mem::replace(&mut self.session, session)
    }
}
