//! Typed objects for what most programs read and write: users, monetary accounts,
//! payments, requests, draft and scheduled payments, cards, bunq.me tabs, notification
//! filters, attachments; and their parts: [`Amount`], [`Pointer`], [`LabelMonetaryAccount`],
//! [`Timestamp`].
//!
//! Every object keeps what it does not name in `extra`, and tells an absent field from a
//! `null` one ([`Field`]), so that an object read and written back is the object bunq sent,
//! fields bunq adds later included. Read one from a call's answer with
//! [`ApiObject::parse`](super::ApiObject::parse) or `serde_json::from_value`:
//!
//! ```
//! use bunq::api::objects::Payment;
//! use serde_json::json;
//!
//! let payment: Payment = serde_json::from_value(json!({
//!     "id": 5, "amount": {"value": "-1.50", "currency": "EUR"}, "geolocation": null,
//!     "a_field_bunq_added_later": true,
//! })).unwrap();
//! assert_eq!(payment.amount.get().unwrap().value, "-1.50");
//! assert!(payment.geolocation.is_null());
//! assert!(payment.extra.contains_key("a_field_bunq_added_later"));
//! ```

// First: the macros that declare the objects, for the modules below.
#[macro_use]
mod declaration;

mod amount;
mod attachment;
mod bunq_me_tab;
mod card;
mod draft_payment;
mod field;
mod label;
mod monetary_account;
mod notification_filter_url;
mod payment;
mod pointer;
mod request_inquiry;
mod scheduled_payment;
mod timestamp;
mod user;

pub use amount::Amount;
pub use attachment::{Attachment, AttachmentPublic, AttachmentReference, AttachmentUser};
pub use bunq_me_tab::{BunqMeTab, BunqMeTabEntry};
pub use card::Card;
pub use draft_payment::{DraftPayment, DraftPaymentEntry};
pub use field::Field;
pub use label::{LabelMonetaryAccount, LabelUser};
pub use monetary_account::{
    MonetaryAccount, MonetaryAccountBank, MonetaryAccountExternal, MonetaryAccountJoint,
    MonetaryAccountSavings,
};
pub use notification_filter_url::{NotificationFilterUrl, NotificationFilters};
pub use payment::{NewPayment, Payment};
pub use pointer::Pointer;
pub use request_inquiry::RequestInquiry;
pub use scheduled_payment::{Schedule, ScheduledPayment, ScheduledPaymentEntry};
pub use timestamp::Timestamp;
pub use user::{User, UserApiKey, UserCompany, UserPaymentServiceProvider, UserPerson};
