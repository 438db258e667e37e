//! The client's attachment calls: uploads and downloads, public and per account. What the
//! requests and answers look like is the attachment's own ([`crate::attachment`]).

use crate::attachment::{Attachment, public_content_path, uuid_of};
use crate::error::Result;

use super::Client;

impl Client {
    /// Uploads `attachment` to `attachment-public` and returns its uuid.
    pub fn upload_public_attachment(&self, attachment: &Attachment) -> Result<String> {
        let response = self.send(&attachment.upload_to("attachment-public".to_owned())?)?;
        uuid_of(&response)
    }

    /// Uploads `attachment` to the session user's monetary account `account_id` and returns
    /// the attachment's id.
    pub fn upload_account_attachment(
        &self,
        account_id: u64,
        attachment: &Attachment,
    ) -> Result<u64> {
        let path = format!(
            "user/{}/monetary-account/{account_id}/attachment",
            self.user_id()?
        );
        self.send(&attachment.upload_to(path)?)?.id()
    }

    /// The content of the public attachment `uuid`, as the raw bytes bunq signed.
    pub fn download_public_attachment(&self, uuid: &str) -> Result<Vec<u8>> {
        Ok(self.get(&public_content_path(uuid)?)?.into_body())
    }

    /// The content of attachment `attachment_id` of the session user's monetary account
    /// `account_id`, as the raw bytes bunq signed.
    pub fn download_account_attachment(
        &self,
        account_id: u64,
        attachment_id: u64,
    ) -> Result<Vec<u8>> {
        let path = format!(
            "user/{}/monetary-account/{account_id}/attachment/{attachment_id}/content",
            self.user_id()?
        );
        Ok(self.get(&path)?.into_body())
    }
}
