//! # bunq-context (the library is `bunq`: `use bunq::...`)
//!
//! The package is `bunq-context` on crates.io (`cargo add bunq-context`); its library is
//! named `bunq`, so code says `use bunq::Client`, not `bunq_context`.
//!
//! The bunq API context, done once and correctly: installation, device registration and
//! session; then any call to any endpoint with the right headers, the body signed byte for
//! byte, bunq's answer verified. Blocking, thread-safe, with sessions that renew themselves,
//! client-side rate limiting, bounded 429 retries and timeouts on every call. Every
//! operation of bunq's API can be called by name ([`api`], [`Client::call`]).
//!
//! ```no_run
//! use bunq::api::{Answer, Call};
//! use bunq::{ApiContext, Client, Environment};
//!
//! # fn main() -> bunq::Result<()> {
//! // Once: installation, device registration and session for a sandbox API key. With no
//! // permitted IPs the key is bound to the address this call comes from.
//! let context = ApiContext::builder(Environment::sandbox(), "sandbox_...")
//!     .description("my app")
//!     .create()?;
//! context.save("bunq.conf")?;
//!
//! let client = Client::restore("bunq.conf")?; // saves every session renewal back
//! // Every kind of account (bank, savings, joint, ...), across all pages.
//! if let Answer::List(accounts) = client.call(&Call::new("MonetaryAccount.list"))? {
//!     for account in accounts {
//!         let fields = account.value();
//!         println!("{} {} {}", account.kind(), fields["description"], fields["balance"]["value"]);
//!     }
//! }
//! # Ok(())
//! # }
//! ```
//!
//! The same core is reachable from C through `include/bunq.h` (the C ABI crate in
//! `bindings/c`) and from Python, PHP and C# through the bindings over it.

#![deny(missing_docs)]
#![forbid(unsafe_code)]

pub mod api;
mod atomic_file;
mod attachment;
pub mod callbacks;
mod client;
mod config;
mod context;
mod crypto;
mod environment;
mod error;
pub mod event;
mod exchange;
#[cfg(feature = "fuzzing")]
#[doc(hidden)]
pub mod fuzzing;
mod keys;
mod oauth;
mod proxy;
mod rate_limit;
mod redaction;
mod request;
mod request_id;
mod response;
mod retry;
mod sandbox;
mod secret;
mod transport;
mod trust;
mod user;

pub use attachment::{ATTACHMENT_DESCRIPTION_HEADER, Attachment};
pub use client::{Client, ClientBuilder, Objects, Pages, SessionCallback};
pub use config::{Config, ConfigBuilder, DEFAULT_MAX_IDLE_CONNECTIONS, DEFAULT_USER_AGENT};
pub use context::{ApiContext, ContextBuilder, Psd2Certificate};
pub use crypto::CRYPTO_LIBRARY;
pub use environment::{Environment, EnvironmentType};
pub use error::{ApiFailure, Error, ErrorKind, Result, Step, panic_message};
pub use keys::{KeyPair, PublicKey};
pub use oauth::{AccessToken, OAuthClient};
pub use proxy::ProxySetting;
pub use rate_limit::RateLimits;
pub use request::{Method, Request};
pub use response::{Pagination, RESPONSE_ID_HEADER, Response};
pub use retry::RetryPolicy;
pub use sandbox::{SANDBOX_MONEY_LIMIT_EUR, SandboxUserKind, create_sandbox_user};
pub use secret::Secret;
pub use transport::{NegotiatedTls, TransportStats, probe_tls};
pub use trust::TlsRoots;
pub use user::{User, UserKind};

/// The Rust samples of README.md and of every page of `docs/`, one item per page, compiled
/// (and run, unless `no_run`) by `cargo test --doc` so that they stay correct.
/// `tests/docs_pages.rs` fails when a page is missing here.
#[cfg(doctest)]
pub mod documentation_samples {
    #[doc = include_str!("../README.md")]
    pub struct Readme;
    #[doc = include_str!("../docs/api-table.md")]
    pub struct ApiTable;
    #[doc = include_str!("../docs/benchmarks.md")]
    pub struct Benchmarks;
    #[doc = include_str!("../docs/c.md")]
    pub struct C;
    #[doc = include_str!("../docs/callbacks.md")]
    pub struct Callbacks;
    #[doc = include_str!("../docs/configuration-and-https.md")]
    pub struct ConfigurationAndHttps;
    #[doc = include_str!("../docs/csharp.md")]
    pub struct Csharp;
    #[doc = include_str!("../docs/events.md")]
    pub struct Events;
    #[doc = include_str!("../docs/fake-server.md")]
    pub struct FakeServer;
    #[doc = include_str!("../docs/fuzzing-and-security.md")]
    pub struct FuzzingAndSecurity;
    #[doc = include_str!("../docs/migrating-from-the-sdk.md")]
    pub struct MigratingFromTheSdk;
    #[doc = include_str!("../docs/performance.md")]
    pub struct Performance;
    #[doc = include_str!("../docs/php.md")]
    pub struct Php;
    #[doc = include_str!("../docs/platforms.md")]
    pub struct Platforms;
    #[doc = include_str!("../docs/production-safety.md")]
    pub struct ProductionSafety;
    #[doc = include_str!("../docs/python.md")]
    pub struct Python;
    #[doc = include_str!("../docs/quickstart.md")]
    pub struct Quickstart;
    #[doc = include_str!("../docs/README.md")]
    pub struct Index;
    #[doc = include_str!("../docs/rust.md")]
    pub struct Rust;
    #[doc = include_str!("../docs/saved-contexts.md")]
    pub struct SavedContexts;
    #[doc = include_str!("../docs/sessions-and-limits.md")]
    pub struct SessionsAndLimits;
    #[doc = include_str!("../docs/settings.md")]
    pub struct Settings;
    #[doc = include_str!("../docs/tests.md")]
    pub struct Tests;
    #[doc = include_str!("../docs/threads-and-processes.md")]
    pub struct ThreadsAndProcesses;
}
