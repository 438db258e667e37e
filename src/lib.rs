//! # bunq-context
//!
//! The bunq API context, done once and correctly: installation, device registration and
//! session; then any call to any endpoint with the right headers, the body signed byte for
//! byte, bunq's answer verified. Blocking, thread-safe, with sessions that renew themselves,
//! client-side rate limiting, bounded 429 retries and timeouts on every call.
//!
//! ```no_run
//! use bunq::{ApiContext, Client, Environment, Request};
//!
//! # fn main() -> bunq::Result<()> {
//! let context = ApiContext::builder(Environment::sandbox(), "sandbox_...")
//!     .description("my app")
//!     .permitted_ips(["*"])
//!     .create()?;
//! context.save("bunq.conf")?;
//!
//! let client = Client::restore("bunq.conf")?; // saves every session renewal back
//! let user_id = client.user_id()?;
//! let accounts = client.send(&Request::get(format!("user/{user_id}/monetary-account")))?;
//! for account in accounts.all("MonetaryAccountBank")? {
//!     println!("{} {}", account["description"], account["balance"]["value"]);
//! }
//! # Ok(())
//! # }
//! ```
//!
//! The same core is reachable from C through `include/bunq.h` (see the `ffi` module) and
//! from Python, PHP and C# through the bindings in `bindings/`.

#![deny(missing_docs)]
#![deny(unsafe_code)]

mod atomic_file;
pub mod attachment;
mod client;
mod config;
mod context;
pub mod context_file;
mod crypto;
mod environment;
mod error;
pub mod event;
mod exchange;
#[allow(unsafe_code)]
pub mod ffi;
#[cfg(feature = "fuzzing")]
#[doc(hidden)]
pub mod fuzzing;
mod handshake;
mod keys;
pub mod oauth;
mod pagination;
mod pinning;
pub mod psd2;
mod quick_ack;
mod rate_limit;
mod redaction;
mod request;
mod request_id;
mod resolver;
mod response;
mod retry;
pub mod sandbox;
mod secret;
mod session;
mod tcp;
mod tcp_transport;
mod tls;
mod tls_failure;
mod transport;
mod transport_stats;
mod trust;
mod user;

pub use attachment::{ATTACHMENT_DESCRIPTION_HEADER, Attachment};
pub use client::{Client, ClientBuilder, RenewalCallback};
pub use config::{
    Config, ConfigBuilder, DEFAULT_MAX_IDLE_CONNECTIONS, DEFAULT_USER_AGENT, ProxySetting,
};
pub use context::{ApiContext, ContextBuilder};
pub use crypto::CRYPTO_LIBRARY;
pub use environment::{Environment, EnvironmentType};
pub use error::{ApiFailure, Error, ErrorKind, Result, Step};
pub use event::{Event, EventCallback};
pub use keys::{KeyPair, PublicKey};
pub use oauth::{AccessToken, OAuthClient};
pub use pagination::Pages;
pub use psd2::Psd2Certificate;
pub use rate_limit::RateLimits;
pub use request::{Method, Request};
pub use response::{Pagination, RESPONSE_ID_HEADER, Response};
pub use retry::RetryPolicy;
pub use sandbox::{SANDBOX_MONEY_LIMIT_EUR, SandboxUserKind, create_sandbox_user};
pub use secret::Secret;
pub use transport_stats::{NegotiatedTls, TransportStats};
pub use trust::TlsRoots;
pub use user::{User, UserKind};

/// The README's Rust examples, compiled by `cargo test --doc` so that they stay correct.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
pub struct ReadmeExamples;
