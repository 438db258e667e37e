//! Notification filters: which events bunq sends to which HTTPS address (callbacks).

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::{Field, Timestamp};

/// One filter: a category of events and where to send them, e.g. `PAYMENT` to `https://example.com/bunq`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct NotificationFilterUrl {
    /// The category, e.g. `PAYMENT`, `MUTATION`, `CARD_TRANSACTION_SUCCESSFUL`.
    #[serde(default, skip_serializing_if = "Field::is_absent")]
    pub category: Field<String>,
    /// The HTTPS address bunq posts to.
    #[serde(default, skip_serializing_if = "Field::is_absent")]
    pub notification_target: Field<String>,
    /// The filter's id, in answers.
    #[serde(default, skip_serializing_if = "Field::is_absent")]
    pub id: Field<u64>,
    /// When it was made.
    #[serde(default, skip_serializing_if = "Field::is_absent")]
    pub created: Field<Timestamp>,
    /// When it last changed.
    #[serde(default, skip_serializing_if = "Field::is_absent")]
    pub updated: Field<Timestamp>,
    /// Fields bunq sends that this type does not name, kept as sent.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// The body of `NotificationFilterUrl.create` (and `...MonetaryAccount.create`), which replaces the whole list, and the object their list answers hold.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct NotificationFilters {
    /// The filters; an empty list clears them.
    #[serde(default, skip_serializing_if = "Field::is_absent")]
    pub notification_filters: Field<Vec<NotificationFilterUrl>>,
    /// Fields bunq sends that this type does not name, kept as sent.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}
