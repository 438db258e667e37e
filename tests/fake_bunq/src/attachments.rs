//! Attachments: raw uploads with a content type and description, and their content back.

use std::sync::Arc;

use serde_json::json;

use crate::accounts::caller_account;
use crate::auth::Caller;
use crate::reply::{ApiError, Reply};
use crate::request::Incoming;
use crate::routes::AccountPath;
use crate::server::Shared;
use crate::state::{Attachment, IdKind};
use crate::{random, time};

const DESCRIPTION_HEADER: &str = "X-Bunq-Attachment-Description";

/// `POST attachment-public`: keep the body bytes, answer the new uuid.
pub(crate) fn create_public(shared: &Shared, incoming: &Incoming) -> Result<Reply, ApiError> {
    let attachment = read_upload(incoming)?;
    let uuid = random::uuid4();
    shared
        .lock()
        .public_attachments
        .insert(uuid.clone(), attachment);
    Ok(Reply::ok(vec![json!({ "Uuid": { "uuid": uuid } })]))
}

/// `GET attachment-public/{uuid}`: the attachment's description and type.
pub(crate) fn public_one(shared: &Shared, uuid: &str) -> Result<Reply, ApiError> {
    let attachment = public_attachment(shared, uuid)?;
    Ok(Reply::ok(vec![json!({
        "AttachmentPublic": {
            "uuid": uuid,
            "created": attachment.created,
            "updated": attachment.created,
            "attachment": {
                "description": attachment.description,
                "content_type": attachment.content_type,
            }
        }
    })]))
}

/// `GET attachment-public/{uuid}/content`: the exact bytes uploaded.
pub(crate) fn public_content(shared: &Shared, uuid: &str) -> Result<Reply, ApiError> {
    let attachment = public_attachment(shared, uuid)?;
    Ok(content_reply(&attachment))
}

/// `POST user/{id}/monetary-account/{aid}/attachment`.
pub(crate) fn create_for_account(
    shared: &Shared,
    caller: &Caller,
    path: AccountPath,
    incoming: &Incoming,
) -> Result<Reply, ApiError> {
    let attachment = read_upload(incoming)?;
    let mut state = shared.lock();
    let id = state.next_id(IdKind::Attachment);
    caller_account(&mut state, caller, path)?
        .attachments
        .insert(id, attachment);
    Ok(Reply::ok(vec![json!({ "Id": { "id": id } })]))
}

/// `GET user/{id}/monetary-account/{aid}/attachment/{id}/content`.
pub(crate) fn account_content(
    shared: &Shared,
    caller: &Caller,
    path: AccountPath,
    attachment_id: u64,
) -> Result<Reply, ApiError> {
    let mut state = shared.lock();
    let attachment = caller_account(&mut state, caller, path)?
        .attachments
        .get(&attachment_id)
        .cloned()
        .ok_or_else(attachment_not_found)?;
    drop(state);
    Ok(content_reply(&attachment))
}

fn read_upload(incoming: &Incoming) -> Result<Attachment, ApiError> {
    let description = required_header(incoming, DESCRIPTION_HEADER)?;
    let content_type = required_header(incoming, "Content-Type")?;
    Ok(Attachment {
        created: time::now_stamp(),
        description,
        content_type,
        bytes: Arc::new(incoming.body.clone()),
    })
}

fn required_header(incoming: &Incoming, name: &str) -> Result<String, ApiError> {
    match incoming.header(name).map(str::trim) {
        Some(value) if !value.is_empty() => Ok(value.to_owned()),
        _ => Err(ApiError::bad_request(format!(
            "The header \"{name}\" is required for attachments."
        ))),
    }
}

fn public_attachment(shared: &Shared, uuid: &str) -> Result<Attachment, ApiError> {
    shared
        .lock()
        .public_attachments
        .get(uuid)
        .cloned()
        .ok_or_else(attachment_not_found)
}

fn attachment_not_found() -> ApiError {
    ApiError::not_found("Attachment not found.")
}

/// The raw bytes, signed like any JSON answer (the signature covers the bytes).
fn content_reply(attachment: &Attachment) -> Reply {
    Reply::raw(attachment.bytes.as_ref().clone(), &attachment.content_type)
}
