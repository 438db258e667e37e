//! bunq's callbacks: registering where bunq calls, reading what it sends, and deciding
//! whether to believe it.
//!
//! bunq calls a URL of yours (an HTTP `POST` with a JSON body) when something happens on an
//! account: a payment, a balance change, a request, a card transaction, ... What bunq
//! guarantees, and what it does not (`docs/callbacks.md` has the long form):
//!
//! - **No signature.** bunq documents none on callbacks, and nothing here pretends to check
//!   one. Anyone who can reach your URL can post a body that looks like bunq's.
//! - **A source range, for production only.** Production callbacks come from
//!   `185.40.108.0/22` ("might change": [`SenderRanges`] takes your own list); sandbox ones
//!   from changing cloud addresses, so there is nothing to check there.
//! - **Retries.** A callback that fails (no answer, an error status) is tried again up to 5
//!   times, a minute apart, then listed by [`list_failed_deliveries`]; so the same event can
//!   arrive more than once ([`Callback::deduplication_key`]).
//!
//! So treat a callback as a hint: read it with [`parse_callback`], optionally check the
//! sender with [`is_from_bunq`], skip repeats by their key, and act only on what
//! [`confirm_callback`] fetches through the signed, verified API.
//!
//! Filters ([`NotificationFilter`]) live on the user or on one monetary account
//! ([`FilterOwner`]). bunq has no PUT or DELETE for them: a `POST` **replaces the whole
//! list** (an empty one clears it). [`add_filter`] and [`remove_filter`] therefore read the
//! list, change it and write it back, which is not atomic against another program writing
//! the same list; [`replace_filters`] writes a complete list. Targets must be `https://`
//! ([`check_target`]; plain `http://` only to this machine, for the fake bunq).
//!
//! ```no_run
//! use bunq::Client;
//! use bunq::callbacks::{self, Category, FilterOwner, NotificationFilter};
//!
//! # fn main() -> bunq::Result<()> {
//! let client = Client::restore("bunq.conf")?;
//! // Once: ask bunq to call back for payments (read, change and write the user's list).
//! let filter = NotificationFilter::new(Category::Payment, "https://example.com/bunq")?;
//! callbacks::add_filter(&client, FilterOwner::User, &filter)?;
//!
//! // For each POST your server receives:
//! # let (body, peer): (Vec<u8>, std::net::IpAddr) = (Vec::new(), [185, 40, 108, 1].into());
//! if callbacks::is_from_bunq(peer) {
//!     let callback = callbacks::parse_callback(&body)?;
//!     let key = callback.deduplication_key(); // skip it if already handled
//!     let payment = callbacks::confirm_callback(&client, &callback)?; // bunq's signed word
//!     println!("{key}: {} {}", callback.event_type, payment["amount"]["value"]);
//! }
//! # Ok(())
//! # }
//! ```

mod category;
mod confirm;
mod dedup;
mod failures;
mod filters;
mod parse;
mod sender;

pub use category::Category;
pub use confirm::{can_confirm, confirm_callback, confirm_object, confirm_path};
pub use failures::{FailedDelivery, list_failed_deliveries, retry_failed_deliveries};
pub use filters::{
    FilterOwner, NotificationFilter, add_filter, check_target, clear_filters, list_filters,
    remove_filter, replace_filters,
};
pub use parse::{Callback, MAX_CALLBACK_BYTES, parse_callback};
pub use sender::{
    BUNQ_PRODUCTION_CALLBACK_RANGES, IpRange, SenderRanges, is_from_bunq, parse_sender_address,
};
