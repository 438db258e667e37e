//! What the fake calls back about, and with which bodies.
//!
//! After a change of state a handler announces [`Notice`]s: an object (as `GET` would
//! answer it) and the events it stands for. Each event goes to every URL filter of the
//! account's user and of the account itself with the event's category (each target once),
//! as a body shaped like bunq's own samples:
//!
//! ```text
//! {"NotificationUrl": {"target_url": TARGET, "category": "PAYMENT",
//!                      "event_type": "PAYMENT_CREATED", "object": {"Payment": {...}}}}
//! ```
//!
//! | change | to whom | category / event type | object |
//! | --- | --- | --- | --- |
//! | a payment | the payer's account | `PAYMENT` / `PAYMENT_CREATED`, `MUTATION` / `MUTATION_CREATED` | `Payment` (negative) |
//! | a payment to an IBAN of the fake | the receiving account | `PAYMENT` / `PAYMENT_RECEIVED`, `MUTATION` / `MUTATION_RECEIVED` | `Payment` (positive) |
//! | a request to the sugar daddy | the requesting account | `REQUEST` / `REQUEST_INQUIRY_ACCEPTED` | `RequestInquiry` |
//! | its money arriving | the requesting account | `MUTATION` / `MUTATION_RECEIVED` | `Payment` |
//!
//! (Money that pays a request is no `PAYMENT` event at bunq either.)

use std::sync::Arc;

use serde_json::{Value, json};

use crate::callback_delivery::Delivery;
use crate::routes::AccountPath;
use crate::server::Shared;
use crate::state::State;

/// A payment left the account.
const PAYMENT_SENT: &[(&str, &str)] = &[
    ("PAYMENT", "PAYMENT_CREATED"),
    ("MUTATION", "MUTATION_CREATED"),
];
/// A payment arrived on the account.
const PAYMENT_RECEIVED: &[(&str, &str)] = &[
    ("PAYMENT", "PAYMENT_RECEIVED"),
    ("MUTATION", "MUTATION_RECEIVED"),
];
/// Money that paid a request arrived.
const REQUEST_MONEY_RECEIVED: &[(&str, &str)] = &[("MUTATION", "MUTATION_RECEIVED")];
/// A request of the account's was accepted.
const REQUEST_ACCEPTED: &[(&str, &str)] = &[("REQUEST", "REQUEST_INQUIRY_ACCEPTED")];

/// Something that happened on an account, for its callbacks.
#[derive(Debug, Clone)]
pub(crate) struct Notice {
    account: AccountPath,
    /// `{"Payment": {...}}`, as `GET` answers it.
    object: Value,
    /// `(category, event_type)` pairs.
    events: &'static [(&'static str, &'static str)],
}

impl Notice {
    /// A payment out of `account`.
    pub(crate) fn payment_sent(account: AccountPath, payment: Value) -> Notice {
        Notice {
            account,
            object: payment,
            events: PAYMENT_SENT,
        }
    }

    /// A payment into `account`.
    pub(crate) fn payment_received(account: AccountPath, payment: Value) -> Notice {
        Notice {
            account,
            object: payment,
            events: PAYMENT_RECEIVED,
        }
    }

    /// A request of `account`'s accepted (and paid at once: the sugar daddy's way).
    pub(crate) fn request_accepted(account: AccountPath, inquiry: Value) -> Notice {
        Notice {
            account,
            object: inquiry,
            events: REQUEST_ACCEPTED,
        }
    }

    /// The money paying a request, arrived on `account`.
    pub(crate) fn request_money_received(account: AccountPath, payment: Value) -> Notice {
        Notice {
            account,
            object: payment,
            events: REQUEST_MONEY_RECEIVED,
        }
    }

    /// The object's id.
    fn object_id(&self) -> u64 {
        self.object
            .as_object()
            .and_then(|wrapper| wrapper.values().next())
            .and_then(|object| object["id"].as_u64())
            .unwrap_or_default()
    }
}

/// Queue the callbacks `notices` call for, under the state lock the handler holds (so that
/// callbacks leave in the order of the changes). Delivery happens on the courier thread.
pub(crate) fn announce(shared: &Shared, state: &State, notices: Vec<Notice>) {
    for notice in notices {
        for &(category, event_type) in notice.events {
            for filter in state
                .notification_filters
                .matching(notice.account, category)
            {
                let body = json!({ "NotificationUrl": {
                    "target_url": filter.target,
                    "category": category,
                    "event_type": event_type,
                    "object": notice.object,
                }});
                shared.callbacks.send(Delivery {
                    user_id: notice.account.user_id,
                    category: category.to_owned(),
                    event_type: event_type.to_owned(),
                    object_id: notice.object_id(),
                    target: filter.target.clone(),
                    body: Arc::new(body.to_string().into_bytes()),
                });
            }
        }
    }
}
