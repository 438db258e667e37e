//! What an operation answers, and the key that wraps it.
//!
//! bunq answers `{"Response": [{"<Key>": {...}}, ...]}`; the description does not say which
//! key (it often differs from the schema's name), so the decision goes, in order:
//!
//! 0. The [`CORRECTIONS`]: operations whose answer bunq documents otherwise than both the
//!    description and the SDK's generated code.
//! 1. `DELETE` answers nothing to read; a `GET` whose last segment is `content` or ends in
//!    `-content` answers the raw bytes (the description wrongly declares JSON).
//! 2. Where the SDK has the endpoint, its keys: `_OBJECT_TYPE_GET` for get and list,
//!    `_OBJECT_TYPE_POST`/`_PUT` for create/update (`Uuid` meaning a created UUID). A create
//!    or update without such a key answers the `Id` of what it made, as the SDK reads it.
//! 3. Otherwise the description, where the answer schema names its wrapper: a schema whose
//!    properties are capitalised (`DeviceRead` = `{"DeviceServer": ...}`) lists the keys
//!    bunq sends. One key: that key. Several on a read or list: an anchor (`User` is one of
//!    `UserPerson`, `UserCompany`, ...), keyed by its name. Several on a create: an envelope
//!    of different objects (installation, session-server).
//! 4. Otherwise inferred: a schema whose only property is `id` is bunq's `Id` object; any
//!    other takes the class's name without its parent's (`NoteTextDraftPayment` under
//!    `draft-payment` → `NoteText`), the most common of the description's faults.

use super::description::{DescribedOperation, Description, HttpMethod};
use super::naming::Naming;
use super::sdk::SdkEndpoint;

/// What an operation answers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum AnswerKind {
    /// One object, unwrapped from its key.
    Object,
    /// A page of objects, unwrapped from their key; more pages through `Pagination`.
    List,
    /// The id of what a create or update made.
    Id,
    /// The UUID of what a create made (attachments, avatars).
    Uuid,
    /// The raw bytes of the body.
    Binary,
    /// Nothing to read (a delete).
    Nothing,
    /// Several objects of different kinds, each kept with its key.
    Envelope,
}

impl AnswerKind {
    /// The variant's name in `bunq::api::AnswerKind`.
    pub fn variant(self) -> &'static str {
        match self {
            AnswerKind::Object => "Object",
            AnswerKind::List => "List",
            AnswerKind::Id => "Id",
            AnswerKind::Uuid => "Uuid",
            AnswerKind::Binary => "Binary",
            AnswerKind::Nothing => "Nothing",
            AnswerKind::Envelope => "Envelope",
        }
    }
}

/// Answers that bunq documents otherwise than both the description and the SDK's generated
/// code (a create that reads an `Id`), as (operation, answer kind, key). Found by the fake
/// server's walk through the table (`tests/fake_bunq/tests/operations_table.rs`):
/// - `PaymentServiceProviderCredential.create` answers the `CredentialPasswordIp` that holds
///   the new API key (`token_value`): bunq's PSD2 guide says "Receive your API key in return",
///   and the client's own PSD2 handshake reads it there.
/// - `NotificationFilterUrl.create` and `NotificationFilterUrlMonetaryAccount.create` answer
///   the whole new list of filters (a POST replaces the list): the SDK reads that list in its
///   hand-written `NotificationFilterUrlUserInternal` and
///   `NotificationFilterUrlMonetaryAccountInternal.create_with_list_response`.
pub const CORRECTIONS: [(&str, AnswerKind, &str); 3] = [
    (
        "PaymentServiceProviderCredential.create",
        AnswerKind::Object,
        "CredentialPasswordIp",
    ),
    (
        "NotificationFilterUrl.create",
        AnswerKind::List,
        "NotificationFilterUrl",
    ),
    (
        "NotificationFilterUrlMonetaryAccount.create",
        AnswerKind::List,
        "NotificationFilterUrl",
    ),
];

/// Which rule decided an operation's answer kind and key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeySource {
    /// One of the [`CORRECTIONS`]: what bunq answers, against the description and the SDK.
    Correction,
    /// The SDK's wrapper key.
    Sdk,
    /// The SDK reads the id of what was made.
    SdkReadsId,
    /// Raw bytes (a content endpoint) or nothing (a delete): no key.
    NoKey,
    /// The answer schema's capitalised properties name the wrapper.
    Description,
    /// Inferred: the schema's only property is `id`, so the answer is bunq's `Id` object.
    InferredIdOnly,
    /// Inferred: the class name without its parent's.
    InferredParentName,
}

impl KeySource {
    /// A short description, for the generated file's comments and the summary.
    pub fn describe(self) -> &'static str {
        match self {
            KeySource::Correction => "corrected: bunq answers otherwise (CORRECTIONS)",
            KeySource::Sdk => "sdk key",
            KeySource::SdkReadsId => "sdk reads the id",
            KeySource::NoKey => "no key (bytes or nothing)",
            KeySource::Description => "description names the wrapper",
            KeySource::InferredIdOnly => "inferred: only `id`, so `Id`",
            KeySource::InferredParentName => "inferred: class without parent's name",
        }
    }
}

/// The answer kind, wrapper key and the rule that decided them.
pub fn decide(
    operation: &DescribedOperation,
    naming: &Naming,
    endpoint: Option<(&SdkEndpoint, &str)>,
    description: &Description,
) -> Result<(AnswerKind, Option<String>, KeySource), String> {
    let endpoint = endpoint.map(|(endpoint, _)| endpoint);
    let name = naming.name();
    if let Some((_, kind, key)) = CORRECTIONS
        .iter()
        .find(|(corrected, ..)| *corrected == name)
    {
        return Ok((*kind, Some((*key).to_owned()), KeySource::Correction));
    }
    match operation.method {
        HttpMethod::Delete => Ok((AnswerKind::Nothing, None, KeySource::NoKey)),
        HttpMethod::Get if is_content(naming.last_fixed_segment()) => {
            Ok((AnswerKind::Binary, None, KeySource::NoKey))
        }
        HttpMethod::Get => {
            let kind = match naming.verb {
                "list" => AnswerKind::List,
                _ => AnswerKind::Object,
            };
            let (key, source) = read_key(operation, naming, endpoint, description);
            Ok((kind, Some(key), source))
        }
        HttpMethod::Post | HttpMethod::Put => {
            let sdk_key = endpoint.map(|endpoint| match operation.method {
                HttpMethod::Post => endpoint.post_key.clone(),
                _ => endpoint.put_key.clone(),
            });
            match sdk_key {
                Some(Some(key)) if key == "Uuid" => {
                    Ok((AnswerKind::Uuid, Some(key), KeySource::Sdk))
                }
                Some(Some(key)) => Ok((AnswerKind::Object, Some(key), KeySource::Sdk)),
                Some(None) => Ok((AnswerKind::Id, Some("Id".into()), KeySource::SdkReadsId)),
                None => write_answer(operation, description),
            }
        }
    }
}

/// Binary content: `.../content`, `.../pdf-content`.
fn is_content(segment: &str) -> bool {
    segment == "content" || segment.ends_with("-content")
}

fn read_key(
    operation: &DescribedOperation,
    naming: &Naming,
    endpoint: Option<&SdkEndpoint>,
    description: &Description,
) -> (String, KeySource) {
    if let Some(key) = endpoint.and_then(|endpoint| endpoint.get_key.clone()) {
        return (key, KeySource::Sdk);
    }
    let wrappers = description.wrapper_properties(&operation.schema);
    match wrappers.as_slice() {
        [key] => (key.to_string(), KeySource::Description),
        [_, _, ..] => (naming.class.clone(), KeySource::Description),
        [] if description.properties(&operation.schema) == ["id"] => {
            ("Id".into(), KeySource::InferredIdOnly)
        }
        [] => (without_parent_name(naming), KeySource::InferredParentName),
    }
}

/// A create or update the SDK lacks.
fn write_answer(
    operation: &DescribedOperation,
    description: &Description,
) -> Result<(AnswerKind, Option<String>, KeySource), String> {
    let wrappers = description.wrapper_properties(&operation.schema);
    let properties = description.properties(&operation.schema);
    if wrappers.len() > 1 {
        return Ok((AnswerKind::Envelope, None, KeySource::Description));
    }
    if wrappers == ["Id"] || properties == ["id"] {
        return Ok((AnswerKind::Id, Some("Id".into()), KeySource::InferredIdOnly));
    }
    Err(format!(
        "{} {}: cannot tell what it answers (schema {} has {:?})",
        operation.method.variant(),
        operation.path,
        operation.schema,
        properties
    ))
}

/// The class without the name of the nearest parent segment it ends with:
/// `NoteTextDraftPayment` under `.../draft-payment/{id}/note-text` → `NoteText`.
fn without_parent_name(naming: &Naming) -> String {
    let fixed: Vec<&str> = naming
        .path
        .split('/')
        .filter(|segment| !segment.starts_with('{'))
        .collect();
    let parents = &fixed[..fixed.len().saturating_sub(1)];
    for parent in parents.iter().rev() {
        let parent: String = parent
            .split('-')
            .map(|word| word[..1].to_ascii_uppercase() + &word[1..])
            .collect();
        if let Some(stripped) = naming.class.strip_suffix(&parent).filter(|s| !s.is_empty()) {
            return stripped.to_owned();
        }
    }
    naming.class.clone()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_parent_name_is_taken_off() {
        let naming = Naming {
            class: "NoteTextDraftPayment".into(),
            verb: "get",
            path: "user/{user_id}/monetary-account/{monetary_account_id}/draft-payment/{draft_payment_id}/note-text/{note_text_id}".into(),
        };
        assert_eq!(without_parent_name(&naming), "NoteText");
    }
}
