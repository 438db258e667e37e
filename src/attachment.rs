//! Attachments: binary content (images, PDFs) uploaded to bunq and downloaded again.
//!
//! An upload's body is the raw content, not JSON: its MIME type goes in `Content-Type` and a
//! description in `X-Bunq-Attachment-Description`, and the client signs the raw bytes like
//! any body. A download's answer is the raw content, whose server signature is verified over
//! those bytes before they are handed back.
//!
//! - `attachment-public`: visible to anyone with the uuid, e.g. an avatar.
//! - `user/{user}/monetary-account/{account}/attachment`: belongs to an account, e.g. to
//!   attach to a payment or a request.
//!
//! ```no_run
//! use bunq::{Attachment, Client};
//!
//! # fn main() -> bunq::Result<()> {
//! let client = Client::restore("bunq.conf")?;
//! let png = std::fs::read("avatar.png")?;
//! let uuid = client.upload_public_attachment(&Attachment::new("image/png", "my avatar", png))?;
//! let again = client.download_public_attachment(&uuid)?;
//! # Ok(())
//! # }
//! ```

use serde_json::Value;

use crate::error::{Error, ErrorKind, Result, excerpt};
use crate::request::Request;
use crate::response::Response;

/// The header naming an attachment's description.
pub const ATTACHMENT_DESCRIPTION_HEADER: &str = "X-Bunq-Attachment-Description";

/// Content to upload, with its MIME type and a description.
#[derive(Clone, PartialEq, Eq)]
pub struct Attachment {
    /// The MIME type, e.g. `image/png`, sent as `Content-Type`.
    pub content_type: String,
    /// A short description, sent as `X-Bunq-Attachment-Description`.
    pub description: String,
    /// The content itself, sent and signed byte for byte.
    pub content: Vec<u8>,
}

impl std::fmt::Debug for Attachment {
    // The content can be megabytes: show its size, not its bytes.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Attachment")
            .field("content_type", &self.content_type)
            .field("description", &self.description)
            .field("content_len", &self.content.len())
            .finish()
    }
}

impl Attachment {
    /// Content of MIME type `content_type` (e.g. `image/jpeg`), described by `description`.
    pub fn new(
        content_type: impl Into<String>,
        description: impl Into<String>,
        content: impl Into<Vec<u8>>,
    ) -> Attachment {
        Attachment {
            content_type: content_type.into(),
            description: description.into(),
            content: content.into(),
        }
    }

    /// Refuses, before any network call, what cannot be sent or what bunq would refuse:
    /// empty content, a MIME type that is not `type/subtype`, a description that is empty or
    /// cannot be a header value.
    fn validate(&self) -> Result<()> {
        if self.content.is_empty() {
            return Err(Error::invalid_input("the attachment's content is empty"));
        }
        let is_mime_type = self
            .content_type
            .split_once('/')
            .is_some_and(|(kind, subtype)| is_token(kind) && is_mime_subtype(subtype));
        if !is_mime_type {
            return Err(Error::invalid_input(format!(
                "the attachment's content type {:?} is not a MIME type like \"image/png\"",
                excerpt(&self.content_type)
            )));
        }
        let printable = |text: &str| text.chars().all(|c| c == ' ' || c.is_ascii_graphic());
        if self.description.trim().is_empty() || !printable(&self.description) {
            return Err(Error::invalid_input(format!(
                "the attachment's description {:?} must be non-empty printable ASCII \
                 (it is sent as a header)",
                excerpt(&self.description)
            )));
        }
        Ok(())
    }

    /// The request that uploads the attachment to `path`, refused before any network call
    /// when it cannot be sent.
    pub(crate) fn upload_to(&self, path: String) -> Result<Request> {
        self.validate()?;
        Ok(Request::post(path)
            .header("Content-Type", self.content_type.as_str())
            .header(ATTACHMENT_DESCRIPTION_HEADER, self.description.as_str())
            .body(self.content.clone()))
    }
}

fn is_token(text: &str) -> bool {
    !text.is_empty()
        && text
            .bytes()
            .all(|byte| byte.is_ascii_alphanumeric() || b"!#$&^_.+-".contains(&byte))
}

/// A subtype, optionally with parameters (`svg+xml`, `plain; charset=utf-8`).
fn is_mime_subtype(text: &str) -> bool {
    let (subtype, parameters) = text.split_once(';').unwrap_or((text, ""));
    is_token(subtype)
        && parameters
            .chars()
            .all(|c| c == ' ' || (c.is_ascii_graphic() && c != ';'))
}

/// The path of the content of the public attachment `uuid`. The uuid becomes part of the
/// path: nothing but a uuid may get there.
pub(crate) fn public_content_path(uuid: &str) -> Result<String> {
    let is_uuid = !uuid.is_empty()
        && uuid
            .bytes()
            .all(|byte| byte.is_ascii_hexdigit() || byte == b'-');
    if !is_uuid {
        return Err(Error::invalid_input(format!(
            "{:?} is not an attachment uuid",
            excerpt(uuid)
        )));
    }
    Ok(format!("attachment-public/{uuid}/content"))
}

/// The uuid in bunq's answer to a public upload.
pub(crate) fn uuid_of(response: &Response) -> Result<String> {
    response
        .first("Uuid")?
        .and_then(|uuid| uuid.get("uuid").and_then(Value::as_str).map(str::to_owned))
        .ok_or_else(|| Error::new(ErrorKind::Json, "bunq's answer lacks a Uuid with a uuid"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn usable_attachments_pass() {
        for content_type in [
            "image/png",
            "application/pdf",
            "image/svg+xml",
            "text/plain; charset=utf-8",
        ] {
            Attachment::new(content_type, "a receipt", vec![1, 2, 3])
                .validate()
                .unwrap();
        }
    }

    #[test]
    fn unusable_attachments_are_refused() {
        let cases = [
            Attachment::new("image/png", "empty", Vec::new()),
            Attachment::new("png", "no slash", vec![1]),
            Attachment::new("image/", "no subtype", vec![1]),
            Attachment::new("image/png\r\nX-Evil: 1", "header injection", vec![1]),
            Attachment::new("image/png", "", vec![1]),
            Attachment::new("image/png", "line\nbreak", vec![1]),
            Attachment::new("image/png", "é", vec![1]),
        ];
        for attachment in cases {
            let error = attachment.validate().unwrap_err();
            assert_eq!(error.kind(), ErrorKind::InvalidInput, "{attachment:?}");
        }
    }
}
