//! Calls by name: bunq's API table (`bunq_operations_list`) and the calls made from it
//! (`bunq_client_call`, `bunq_client_call_bytes`). The table and every check live in the
//! core (`bunq::api`); here are only the C arguments and results.

use std::os::raw::c_char;

use bunq::api::{self, AnswerKind, Call, Ids};
use serde_json::Value;

use crate::boundary::arguments::{optional_string, out, string};
use crate::boundary::failure::{Failure, Outcome};
use crate::boundary::json;
use crate::boundary::panic_boundary::call;
use crate::boundary::status::bunq_status;
use crate::boundary::strings::{owned_bytes, owned_c_string};
use crate::client::{bunq_client, client_of};

/// Every operation of bunq's API (about 480, from bunq's own API description), as a JSON
/// array of objects: `{"name": "Payment.list", "method": "GET", "path":
/// "user/{user_id}/monetary-account/{monetary_account_id}/payment", "object_key": "Payment",
/// "answer": "list", "ids": ["user_id", "monetary_account_id"]}`. `answer` is `object`,
/// `list`, `id`, `uuid`, `binary`, `nothing` or `envelope`. On success `*out_json` is a
/// string the caller owns: release it with `bunq_string_free`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn bunq_operations_list(out_json: *mut *mut c_char) -> bunq_status {
    call(|| {
        // SAFETY: the C caller's promises (see the module rules).
        let out_json = unsafe { out(out_json, "out_json") }?;
        let rows: Vec<Value> = api::operations().iter().map(|row| row.to_json()).collect();
        out_json.write(owned_c_string(Value::Array(rows).to_string(), "the table")?);
        Ok(())
    })
}

/// Calls the operation `name` (borrowed, e.g. `"Payment.create"`; `bunq_operations_list`
/// names them all) and returns its answer unwrapped, as JSON.
///
/// - `ids_json` (borrowed, may be NULL): the path's ids, e.g. `{"monetary_account_id": 7,
///   "payment_id": 42}` (numbers, or strings of digits). `user_id` defaults to the session's
///   user; every other id the operation takes is required.
/// - `body_json` (borrowed, may be NULL): the JSON object a create or update sends.
/// - `query_json` (borrowed, may be NULL): query parameters, as `bunq_client_request` takes
///   them (e.g. `{"count": 200}`).
///
/// An unknown name (the message lists the closest names), a missing, extra or malformed id,
/// or a body on an operation that takes none is `BUNQ_ERROR_INVALID_INPUT`, and nothing is
/// signed or sent. An operation that answers bytes is refused too: use
/// `bunq_client_call_bytes`.
///
/// On success `*out_answer_json` is a string the caller owns (release it with
/// `bunq_string_free`): the object (wrapped in its kind, `{"UserPerson": {...}}`, for an
/// anchor such as `User.get` or `MonetaryAccount.list`, so the kind stays named), an array
/// of objects for a list (every page, fetched now), the id made as a number, a UUID as a
/// string, or `null`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn bunq_client_call(
    client: *const bunq_client,
    name: *const c_char,
    ids_json: *const c_char,
    body_json: *const c_char,
    query_json: *const c_char,
    out_answer_json: *mut *mut c_char,
) -> bunq_status {
    call(|| {
        // SAFETY: the C caller's promises (see the module rules).
        let client = unsafe { client_of(client) }?;
        let name = unsafe { string(name, "name") }?;
        let ids_json = unsafe { optional_string(ids_json, "ids_json") }?;
        let body_json = unsafe { optional_string(body_json, "body_json") }?;
        let query_json = unsafe { optional_string(query_json, "query_json") }?;
        let out_answer_json = unsafe { out(out_answer_json, "out_answer_json") }?;
        let operation = api::operation(name)?;
        if operation.answer() == AnswerKind::Binary {
            return Err(Failure::invalid_input(format!(
                "{name} answers bytes, not JSON: call it with the bytes call (C \
                 bunq_client_call_bytes, Python call_bytes, PHP callBytes, C# CallBytes)"
            )));
        }
        let call = call_of(name, ids_json, body_json, query_json)?;
        let answer = client
            .call(&call)?
            .into_json(operation)
            .unwrap_or(Value::Null);
        out_answer_json.write(owned_c_string(answer.to_string(), "the answer")?);
        Ok(())
    })
}

/// Calls the operation `name`, one that answers bytes (an attachment's or an export's
/// content, e.g. `"AttachmentPublicContent.list"`), with `ids_json` and `query_json` as for
/// `bunq_client_call`. Any other operation is `BUNQ_ERROR_INVALID_INPUT`. On success
/// `*out_content` is a buffer the caller owns (release it with `bunq_bytes_free`) and
/// `*out_length` its length: the bytes bunq signed.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn bunq_client_call_bytes(
    client: *const bunq_client,
    name: *const c_char,
    ids_json: *const c_char,
    query_json: *const c_char,
    out_content: *mut *mut u8,
    out_length: *mut usize,
) -> bunq_status {
    call(|| {
        // SAFETY: the C caller's promises (see the module rules).
        let client = unsafe { client_of(client) }?;
        let name = unsafe { string(name, "name") }?;
        let ids_json = unsafe { optional_string(ids_json, "ids_json") }?;
        let query_json = unsafe { optional_string(query_json, "query_json") }?;
        let out_content = unsafe { out(out_content, "out_content") }?;
        let out_length = unsafe { out(out_length, "out_length") }?;
        if api::operation(name)?.answer() != AnswerKind::Binary {
            return Err(Failure::invalid_input(format!(
                "{name} does not answer bytes: call it with the JSON call (C \
                 bunq_client_call, Python and PHP call, C# Call)"
            )));
        }
        let call = call_of(name, ids_json, None, query_json)?;
        let api::Answer::Binary(bytes) = client.call(&call)? else {
            return Err(Failure::invalid_input(format!("{name} answered no bytes")));
        };
        let (content, length) = owned_bytes(&bytes);
        out_content.write(content);
        out_length.write(length);
        Ok(())
    })
}

/// The call the C arguments describe.
pub(crate) fn call_of(
    name: &str,
    ids_json: Option<&str>,
    body_json: Option<&str>,
    query_json: Option<&str>,
) -> Outcome<Call> {
    let mut call = Call::new(name);
    if let Some(ids_json) = ids_json {
        let ids: Value = json::parse(ids_json, "ids_json")?;
        call = call.ids(Ids::from_json(&ids)?);
    }
    if let Some(body_json) = body_json {
        call = call.body(json::parse(body_json, "body_json")?);
    }
    if let Some(query_json) = query_json {
        for (key, value) in json::pairs(query_json, "query_json")? {
            call = call.query(key, value);
        }
    }
    Ok(call)
}
