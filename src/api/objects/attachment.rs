//! Attachments: the metadata of uploaded content (the content itself is read with the `...Content.list` operations, which answer bytes).

use serde_json::Value;

use super::Timestamp;

api_part! {
    /// A public attachment (`AttachmentPublic`), found by its UUID.
    pub struct AttachmentPublic {
        /// The UUID.
        uuid: String,
        /// When it was made.
        created: Timestamp,
        /// When it last changed.
        updated: Timestamp,
        /// What it holds.
        attachment: Attachment,
    }
}

api_object! {
    /// An attachment of the user (`AttachmentUser`).
    pub struct AttachmentUser {
        /// What it holds.
        attachment: Attachment,
    }
}

api_part! {
    /// What an attachment holds.
    pub struct Attachment {
        /// The description given on upload.
        description: String,
        /// The MIME type, e.g. `image/png`.
        content_type: String,
        /// Where to fetch the content, per type.
        urls: Vec<Value>,
    }
}

api_part! {
    /// An attachment attached to a payment or a request: `{"id": 5, "monetary_account_id": 7}` (an account attachment).
    pub struct AttachmentReference {
        /// The attachment's id.
        id: u64,
        /// The account it belongs to.
        monetary_account_id: u64,
    }
}
