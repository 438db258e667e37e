//! Attachments: the metadata of uploaded content (the content itself is read with the `...Content.list` operations, which answer bytes).

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::{Field, Timestamp};

/// A public attachment (`AttachmentPublic`), found by its UUID.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct AttachmentPublic {
    /// The UUID.
    #[serde(default, skip_serializing_if = "Field::is_absent")]
    pub uuid: Field<String>,
    /// When it was made.
    #[serde(default, skip_serializing_if = "Field::is_absent")]
    pub created: Field<Timestamp>,
    /// When it last changed.
    #[serde(default, skip_serializing_if = "Field::is_absent")]
    pub updated: Field<Timestamp>,
    /// What it holds.
    #[serde(default, skip_serializing_if = "Field::is_absent")]
    pub attachment: Field<Attachment>,
    /// Fields bunq sends that this type does not name, kept as sent.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// An attachment of the user (`AttachmentUser`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct AttachmentUser {
    /// The object's id.
    #[serde(default, skip_serializing_if = "Field::is_absent")]
    pub id: Field<u64>,
    /// When it was made (UTC).
    #[serde(default, skip_serializing_if = "Field::is_absent")]
    pub created: Field<Timestamp>,
    /// When it last changed (UTC).
    #[serde(default, skip_serializing_if = "Field::is_absent")]
    pub updated: Field<Timestamp>,
    /// What it holds.
    #[serde(default, skip_serializing_if = "Field::is_absent")]
    pub attachment: Field<Attachment>,
    /// Fields bunq sends that this type does not name, kept as sent.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// What an attachment holds.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Attachment {
    /// The description given on upload.
    #[serde(default, skip_serializing_if = "Field::is_absent")]
    pub description: Field<String>,
    /// The MIME type, e.g. `image/png`.
    #[serde(default, skip_serializing_if = "Field::is_absent")]
    pub content_type: Field<String>,
    /// Where to fetch the content, per type.
    #[serde(default, skip_serializing_if = "Field::is_absent")]
    pub urls: Field<Vec<Value>>,
    /// Fields bunq sends that this type does not name, kept as sent.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// An attachment attached to a payment or a request: `{"id": 5, "monetary_account_id": 7}` (an account attachment).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct AttachmentReference {
    /// The attachment's id.
    #[serde(default, skip_serializing_if = "Field::is_absent")]
    pub id: Field<u64>,
    /// The account it belongs to.
    #[serde(default, skip_serializing_if = "Field::is_absent")]
    pub monetary_account_id: Field<u64>,
    /// Fields bunq sends that this type does not name, kept as sent.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}
