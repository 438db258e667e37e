//! An offline fake of the bunq API.
//!
//! [`FakeBunq`] runs a small HTTP server on 127.0.0.1 that speaks enough of bunq's API for the
//! client library's tests, examples and the bindings' tests: installation, device-server and
//! session-server, users, monetary accounts (bank, savings and joint), payments, sandbox
//! money, OAuth, PSD2 credentials and attachments, with bunq's signing rules, errors,
//! pagination and (optionally) rate limits. The `fake-bunq` binary runs it for tests in any
//! language; the crate's README tells how, and what the fake does not imitate.
//!
//! [`routes()`] lists every route it serves, from the table its router matches against; each
//! of bunq's names the operation of the client library's table it serves. The [`scripted`]
//! mode plays the hostile or broken bunq the fake never plays: a closure answers each request.
//!
//! The fake signs and verifies with its own RSA code path (the `rsa` crate with PKCS#1 v1.5 and
//! SHA-256) so that it cross-checks the client library's signing instead of mirroring it.
//!
//! ```no_run
//! let bunq = fake_bunq::FakeBunq::start().expect("fake bunq starts");
//! let api_key = bunq.create_api_key();
//! println!("{} accepts {api_key}", bunq.base_url());
//! ```
//!
//! # Test hooks over HTTP
//!
//! For tests that drive the fake through a client in another language (the `fake-bunq`
//! binary), the fake answers these routes besides bunq's:
//!
//! | route | auth | effect |
//! | --- | --- | --- |
//! | `POST _fake/expire-session` | session | the caller's session answers 401 afterwards |
//! | `GET _fake/tampered` | session | 200 `{"Response":[{"Fake":{"tampered":true}}]}` with a wrong signature |
//! | `GET _fake/stats` | none | `{"calls":{"POST session-server":N,...},"connections":N}` |
//! | `POST _fake/expire-all-sessions` | none | like [`FakeBunq::expire_all_sessions`] |
//! | `GET _fake/rendezvous?parties=N` | none | answers once N of these are in flight together (at most 10 s) |
//!
//! They need neither bunq's mandatory headers nor count toward rate limits.
//!
//! # Persistent state
//!
//! With [`FakeBunqConfig::state_file`] (the binary's `--state FILE`) the fake keeps
//! everything, its server key included, in a JSON file that the next fake started on the same
//! file loads: a client context saved against one run keeps working against the next, as it
//! does against the real bunq.
//!
//! # HTTPS
//!
//! With [`FakeBunqConfig::tls`] (the binary's `--tls`) the fake makes a throw-away CA and a
//! server certificate for `localhost` and `127.0.0.1` with rcgen, writes the CA certificate
//! (PEM) to a file, and serves the same API over HTTPS with rustls. It can present an expired
//! certificate or one for another host instead ([`ServerCertificate`]), for tests of the
//! client's failures. [`FakeBunq::connections`] counts the connections accepted, so that a test
//! can see a client's connection reuse from the server's side.
//!
//! # Callbacks
//!
//! The fake serves bunq's URL notification filters (`GET`/`POST
//! user/{id}/notification-filter-url` and `.../monetary-account/{id}/notification-filter-url`,
//! a `POST` replacing the whole list) and failed deliveries (`GET`/`POST
//! user/{id}/notification-filter-failure`). After a payment or a request it `POST`s
//! bodies shaped like bunq's callbacks (`{"NotificationUrl": {...}}`) to the matching
//! targets, on a thread of its own, from [`CALLBACK_SOURCE_ADDRESS`] (127.0.0.2; 127.0.0.1
//! where the system cannot bind it), and only to `http://` URLs on this machine. A target
//! that fails is tried 6 times in all, [`FakeBunqConfig::callback_retry_interval`] apart
//! (the binary's `--callback-retry-interval-ms`), then listed as failed until a retry
//! request. A payment to an IBAN of one of the fake's accounts arrives there. The events
//! and bodies are listed in `callbacks.rs`; [`FakeBunq::callbacks_in_flight`] tells when
//! all were sent.
//!
//! # PSD2
//!
//! [`certificate_pem_for_key`] wraps a public key in a minimal X.509 certificate, enough for
//! `payment-service-provider-credential`, which only reads the key out of the certificate.

#![warn(missing_docs)]

mod acceptor;
mod accounts;
mod attachments;
mod auth;
mod callback_delivery;
mod callback_failures;
mod callbacks;
mod certificate;
mod config;
mod handshake;
mod hooks;
mod http;
mod money;
mod notification_filters;
mod oauth;
mod pagination;
mod payments;
mod persistence;
mod psd2;
mod query;
mod random;
mod rate_limit;
mod reply;
mod request;
mod route_table;
mod routes;
pub mod scripted;
mod server;
mod signing;
mod state;
mod time;
mod tls;
mod transfer;
mod users;

/// The README's Rust samples, compiled as doctests so that they keep up with the crate.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeSamples;

pub use callback_delivery::CALLBACK_SOURCE_ADDRESS;
pub use certificate::certificate_pem_for_key;
pub use config::FakeBunqConfig;
pub use route_table::{RouteInfo, routes};
pub use server::FakeBunq;
pub use tls::{FakeTls, ServerCertificate};
