//! Names: `Object.verb` for an operation, snake_case names for its path ids.
//!
//! bunq's SDK generator named each class after the operation's answer schema without its
//! verb suffix: `PaymentCreate`, `PaymentRead`, `PaymentListing` → `Payment`;
//! `NoteTextDraftPaymentRead` → `NoteTextDraftPayment`; `BunqMeFundraiserProfileUserRead` →
//! `BunqMeFundraiserProfileUser`. This reproduces all 160 classes of the SDK for the 470
//! operations it has, so the generator applies the same rule to the 10 the SDK lacks, and
//! checks on every run that the rule still gives the SDK's name where the SDK has one. The
//! operationId is not used for the class: it loses the parent (`READ_Attachment_for_User`
//! is `AttachmentUser`) and spells names differently (`BunqmeTab` for `BunqMeTab`).
//!
//! The verb comes from the operationId's prefix: `CREATE_` → `create`, `READ_` → `get`,
//! `List_all_` → `list`, `UPDATE_` → `update`, `DELETE_` → `delete`, as the SDK's methods.

use std::collections::BTreeSet;

use super::description::{DescribedOperation, HttpMethod};
use super::sdk::SdkEndpoint;

/// An operation's name and path template.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Naming {
    /// The class, e.g. `SchedulePayment`.
    pub class: String,
    /// `create`, `get`, `list`, `update` or `delete`.
    pub verb: &'static str,
    /// The path without its leading slash, ids named: `user/{user_id}/card/{card_id}`.
    pub path: String,
}

impl Naming {
    /// `Class.verb`.
    pub fn name(&self) -> String {
        format!("{}.{}", self.class, self.verb)
    }

    /// The last segment that is not an id, e.g. `payment` or `content`.
    pub fn last_fixed_segment(&self) -> &str {
        self.path
            .rsplit('/')
            .find(|segment| !segment.starts_with('{'))
            .unwrap_or("")
    }
}

/// The verb, the method it must be sent with and the suffix of its answer schema.
fn verb(operation_id: &str) -> Option<(&'static str, HttpMethod, &'static str)> {
    let prefix = operation_id.split('_').next()?;
    match prefix {
        "CREATE" => Some(("create", HttpMethod::Post, "Create")),
        "READ" => Some(("get", HttpMethod::Get, "Read")),
        "List" => Some(("list", HttpMethod::Get, "Listing")),
        "UPDATE" => Some(("update", HttpMethod::Put, "Update")),
        "DELETE" => Some(("delete", HttpMethod::Delete, "Delete")),
        _ => None,
    }
}

/// The SDK's URL kind for a verb.
fn sdk_kind(verb: &str) -> &'static str {
    match verb {
        "create" => "CREATE",
        "get" => "READ",
        "list" => "LISTING",
        "update" => "UPDATE",
        _ => "DELETE",
    }
}

/// Names `operation`; `endpoint` is the SDK's class and URL kind for it, if any;
/// `uuid_classes` are the classes whose item ids are UUIDs.
pub fn name(
    operation: &DescribedOperation,
    endpoint: Option<(&SdkEndpoint, &str)>,
    uuid_classes: &BTreeSet<String>,
) -> Result<Naming, String> {
    let context = || format!("{} {}", operation.method.variant(), operation.path);
    let (verb, method, suffix) = verb(&operation.operation_id).ok_or_else(|| {
        format!(
            "{}: operationId {} has no known verb",
            context(),
            operation.operation_id
        )
    })?;
    if method != operation.method {
        return Err(format!(
            "{}: operationId {} is not a {method:?}",
            context(),
            operation.operation_id
        ));
    }
    let class = operation
        .schema
        .strip_suffix(suffix)
        .filter(|class| !class.is_empty())
        .ok_or_else(|| {
            format!(
                "{}: schema {} does not end in {suffix}",
                context(),
                operation.schema
            )
        })?
        .to_owned();
    if let Some((endpoint, kind)) = endpoint {
        if endpoint.class != class || kind != sdk_kind(verb) {
            return Err(format!(
                "{}: the naming rule gives {class}.{verb}, the SDK has {}.{kind}",
                context(),
                endpoint.class
            ));
        }
    }
    let path = path_template(&operation.path, uuid_classes.contains(&class))
        .map_err(|error| format!("{}: {error}", context()))?;
    Ok(Naming { class, verb, path })
}

/// The path without its leading slash, each id named after its segment in snake case:
/// `{userID}` → `{user_id}`, `{monetary-accountID}` → `{monetary_account_id}`,
/// `{attachment-publicUUID}` → `{attachment_public_uuid}`, and `{itemId}` after the segment
/// before it (`payment/{itemId}` → `{payment_id}`), `_uuid` for a class whose ids are UUIDs.
pub fn path_template(path: &str, item_is_uuid: bool) -> Result<String, String> {
    let mut segments: Vec<String> = Vec::new();
    let mut names = BTreeSet::new();
    for segment in path.trim_start_matches('/').split('/') {
        let Some(parameter) = segment.strip_prefix('{').and_then(|s| s.strip_suffix('}')) else {
            segments.push(segment.to_owned());
            continue;
        };
        let name = match parameter {
            "itemId" => {
                let before = segments.last().ok_or("an id without a segment before it")?;
                let suffix = if item_is_uuid { "_uuid" } else { "_id" };
                format!("{}{suffix}", snake_case(before))
            }
            _ => match (parameter.strip_suffix("UUID"), parameter.strip_suffix("ID")) {
                (Some(base), _) => format!("{}_uuid", snake_case(base)),
                (None, Some(base)) => format!("{}_id", snake_case(base)),
                _ => {
                    return Err(format!(
                        "the id {{{parameter}}} ends in neither ID nor UUID"
                    ));
                }
            },
        };
        let valid = name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
        if !valid || !names.insert(name.clone()) {
            return Err(format!("the id name {name} is invalid or repeated"));
        }
        segments.push(format!("{{{name}}}"));
    }
    Ok(segments.join("/"))
}

/// `monetary-account` → `monetary_account`; `chatConversation` → `chat_conversation`.
fn snake_case(text: &str) -> String {
    let mut snake = String::new();
    for c in text.chars() {
        match c {
            '-' => snake.push('_'),
            c if c.is_ascii_uppercase() => {
                if !snake.is_empty() && !snake.ends_with('_') {
                    snake.push('_');
                }
                snake.push(c.to_ascii_lowercase());
            }
            c => snake.push(c),
        }
    }
    snake
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_named_after_their_segments() {
        assert_eq!(
            path_template(
                "/user/{userID}/monetary-account/{monetary-accountID}/schedule-payment/{itemId}",
                false
            )
            .unwrap(),
            "user/{user_id}/monetary-account/{monetary_account_id}/schedule-payment/{schedule_payment_id}"
        );
        assert_eq!(
            path_template("/attachment-public/{attachment-publicUUID}/content", false).unwrap(),
            "attachment-public/{attachment_public_uuid}/content"
        );
        assert_eq!(
            path_template("/avatar/{itemId}", true).unwrap(),
            "avatar/{avatar_uuid}"
        );
        assert!(path_template("/user/{userID}/user/{itemId}", false).is_err());
    }
}
