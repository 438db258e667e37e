//! The attachment flow: binary content up to bunq and back, signed and verified byte for
//! byte.

use std::os::raw::c_char;

use bunq::Attachment;

use crate::boundary::arguments::{bytes, out, string};
use crate::boundary::failure::Outcome;
use crate::boundary::panic_boundary::call;
use crate::boundary::status::bunq_status;
use crate::boundary::strings::{owned_bytes, owned_c_string};
use crate::client::{bunq_client, client_of};

/// The attachment described by the C arguments.
///
/// # Safety
/// As for the exported functions: valid strings and `content_length` readable bytes.
unsafe fn attachment(
    content_type: *const c_char,
    description: *const c_char,
    content: *const u8,
    content_length: usize,
) -> Outcome<Attachment> {
    // SAFETY: passed on from the caller.
    let content_type = unsafe { string(content_type, "content_type") }?;
    let description = unsafe { string(description, "description") }?;
    let content = unsafe { bytes(content, content_length, "content") }?;
    Ok(Attachment::new(content_type, description, content))
}

/// Uploads `content_length` bytes at `content` (borrowed) as a public attachment of MIME
/// type `content_type` (borrowed, e.g. `"image/png"`) described by `description`
/// (borrowed, printable ASCII). On success `*out_uuid` is the attachment's uuid, a string
/// the caller owns: release it with `bunq_string_free`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn bunq_public_attachment_upload(
    client: *const bunq_client,
    content_type: *const c_char,
    description: *const c_char,
    content: *const u8,
    content_length: usize,
    out_uuid: *mut *mut c_char,
) -> bunq_status {
    call(|| {
        // SAFETY: the C caller's promises (see the module rules).
        let client = unsafe { client_of(client) }?;
        let attachment = unsafe { attachment(content_type, description, content, content_length) }?;
        let out_uuid = unsafe { out(out_uuid, "out_uuid") }?;
        let uuid = client.upload_public_attachment(&attachment)?;
        out_uuid.write(owned_c_string(uuid, "the uuid")?);
        Ok(())
    })
}

/// Downloads the content of the public attachment `uuid` (borrowed), verified against
/// bunq's signature. On success `*out_content` is a buffer the caller owns (release it with
/// `bunq_bytes_free`) and `*out_length` its length.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn bunq_public_attachment_download(
    client: *const bunq_client,
    uuid: *const c_char,
    out_content: *mut *mut u8,
    out_length: *mut usize,
) -> bunq_status {
    call(|| {
        // SAFETY: the C caller's promises (see the module rules).
        let client = unsafe { client_of(client) }?;
        let uuid = unsafe { string(uuid, "uuid") }?;
        let out_content = unsafe { out(out_content, "out_content") }?;
        let out_length = unsafe { out(out_length, "out_length") }?;
        let (content, length) = owned_bytes(&client.download_public_attachment(uuid)?);
        out_content.write(content);
        out_length.write(length);
        Ok(())
    })
}

/// Uploads an attachment (arguments as for `bunq_public_attachment_upload`) to the session
/// user's monetary account `account_id`. On success `*out_attachment_id` is its id.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn bunq_account_attachment_upload(
    client: *const bunq_client,
    account_id: u64,
    content_type: *const c_char,
    description: *const c_char,
    content: *const u8,
    content_length: usize,
    out_attachment_id: *mut u64,
) -> bunq_status {
    call(|| {
        // SAFETY: the C caller's promises (see the module rules).
        let client = unsafe { client_of(client) }?;
        let attachment = unsafe { attachment(content_type, description, content, content_length) }?;
        let out_id = unsafe { out(out_attachment_id, "out_attachment_id") }?;
        out_id.write(client.upload_account_attachment(account_id, &attachment)?);
        Ok(())
    })
}

/// Downloads the content of attachment `attachment_id` of the session user's monetary
/// account `account_id`, verified against bunq's signature. On success `*out_content` is a
/// buffer the caller owns (release it with `bunq_bytes_free`) and `*out_length` its length.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn bunq_account_attachment_download(
    client: *const bunq_client,
    account_id: u64,
    attachment_id: u64,
    out_content: *mut *mut u8,
    out_length: *mut usize,
) -> bunq_status {
    call(|| {
        // SAFETY: the C caller's promises (see the module rules).
        let client = unsafe { client_of(client) }?;
        let out_content = unsafe { out(out_content, "out_content") }?;
        let out_length = unsafe { out(out_length, "out_length") }?;
        let content = client.download_account_attachment(account_id, attachment_id)?;
        let (content, length) = owned_bytes(&content);
        out_content.write(content);
        out_length.write(length);
        Ok(())
    })
}
