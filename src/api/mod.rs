//! bunq's whole API by name: a table of every operation (480), made from bunq's own API
//! description, checks of a call before anything is signed or sent, answers unwrapped as the
//! table says, and typed objects for the common ones.
//!
//! ```
//! use bunq::api::{self, AnswerKind};
//!
//! # fn main() -> bunq::Result<()> {
//! let payments = api::operation("Payment.list")?;
//! assert_eq!(payments.path_template(), "user/{user_id}/monetary-account/{monetary_account_id}/payment");
//! assert_eq!(payments.object_key(), Some("Payment"));
//! assert_eq!(payments.answer(), AnswerKind::List);
//!
//! let typo = api::operation("payment.create").unwrap_err();
//! assert!(typo.message().contains("Payment.create"));
//! # Ok(())
//! # }
//! ```
//!
//! With a client, a call by name is prepared here and sent by `Client::send`:
//!
//! ```no_run
//! use bunq::api::{self, Answer, Call};
//! use bunq::Client;
//!
//! # fn main() -> bunq::Result<()> {
//! let client = Client::restore("bunq.conf")?;
//! let prepared = Call::new("MonetaryAccountBank.list").prepare(Some(client.user_id()?))?;
//! let answer = api::unwrap_answer(prepared.operation(), &client.send(prepared.request())?)?;
//! if let Answer::List(accounts) = answer {
//!     for account in accounts {
//!         let account: api::objects::MonetaryAccountBank = account.parse()?;
//!         println!("{:?} {:?}", account.description, account.balance);
//!     }
//! }
//! # Ok(())
//! # }
//! ```
//!
//! `docs/api-table.md` tells where the table comes from, how to regenerate it, how
//! operations are named and how to call an endpoint the table lacks (the raw `send`).

mod answer;
mod call;
mod lookup;
pub mod objects;
mod operation;
#[rustfmt::skip]
mod operations;

pub use answer::{
    Answer, ApiObject, unwrap_answer, unwrap_envelope, unwrap_id, unwrap_object, unwrap_page,
    unwrap_uuid,
};
pub use call::{Call, DEFAULT_ID, Ids, PreparedCall};
pub use lookup::{anchor_kinds, operation, operations};
pub use operation::{AnswerKind, Operation};
