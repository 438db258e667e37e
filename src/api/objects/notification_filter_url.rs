//! Notification filters: which events bunq sends to which HTTPS address (callbacks).

use super::Timestamp;

api_part! {
    /// One filter: a category of events and where to send them, e.g. `PAYMENT` to `https://example.com/bunq`.
    pub struct NotificationFilterUrl {
        /// The category, e.g. `PAYMENT`, `MUTATION`, `CARD_TRANSACTION_SUCCESSFUL`.
        category: String,
        /// The HTTPS address bunq posts to.
        notification_target: String,
        /// The filter's id, in answers.
        id: u64,
        /// When it was made.
        created: Timestamp,
        /// When it last changed.
        updated: Timestamp,
    }
}

api_part! {
    /// The body of `NotificationFilterUrl.create` (and `...MonetaryAccount.create`), which replaces the whole list, and the object their list answers hold.
    pub struct NotificationFilters {
        /// The filters; an empty list clears them.
        notification_filters: Vec<NotificationFilterUrl>,
    }
}
