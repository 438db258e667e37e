//! bunq's answers unwrapped as the table says: the object itself, the objects of a page,
//! the id or UUID made, the bytes.
//!
//! bunq wraps every object in its kind: `{"Response": [{"Payment": {...}}]}`. The functions
//! here take the wrapper off and keep the kind beside the object ([`ApiObject`]), which
//! matters for the anchors: `User.get` answers one of `UserPerson`, `UserCompany`,
//! `UserApiKey`, `UserPaymentServiceProvider`. They work on any [`Response`], whatever path
//! it came from, given the key to expect.

use serde::de::DeserializeOwned;
use serde_json::{Map, Value};

use crate::error::{Error, ErrorKind, Result};
use crate::response::Response;

use super::lookup::anchor_kinds;
use super::operation::{AnswerKind, Operation};

/// One object of an answer with the key bunq wrapped it in: its kind.
#[derive(Debug, Clone, PartialEq)]
pub struct ApiObject {
    kind: String,
    value: Value,
}

impl ApiObject {
    /// An object of `kind` (`Payment`, `UserPerson`, ...).
    pub fn new(kind: impl Into<String>, value: Value) -> ApiObject {
        ApiObject {
            kind: kind.into(),
            value,
        }
    }

    /// The key bunq wrapped the object in, e.g. `UserCompany` for an answer to `User.get`.
    pub fn kind(&self) -> &str {
        &self.kind
    }

    /// The object.
    pub fn value(&self) -> &Value {
        &self.value
    }

    /// The object, taken out.
    pub fn into_value(self) -> Value {
        self.value
    }

    /// The object wrapped again in its kind, as bunq sent it: `{"UserPerson": {...}}`.
    pub fn into_wrapped(self) -> Value {
        Value::Object(Map::from_iter([(self.kind, self.value)]))
    }

    /// The object as a typed Rust value, e.g. `object.parse::<bunq::api::objects::Payment>()`.
    pub fn parse<T: DeserializeOwned>(&self) -> Result<T> {
        T::deserialize(&self.value).map_err(|error| {
            Error::new(
                ErrorKind::Json,
                format!(
                    "the {} object does not read as expected: {error}",
                    self.kind
                ),
            )
            .with_source(error)
        })
    }
}

/// What an operation answered, as its row says.
#[derive(Debug, Clone, PartialEq)]
pub enum Answer {
    /// One object ([`AnswerKind::Object`]).
    Object(ApiObject),
    /// The objects of one page ([`AnswerKind::List`]); the next pages come from the
    /// answer's `Pagination` (see [`unwrap_page`]).
    List(Vec<ApiObject>),
    /// The id made ([`AnswerKind::Id`]).
    Id(u64),
    /// The UUID made ([`AnswerKind::Uuid`]).
    Uuid(String),
    /// The body's bytes ([`AnswerKind::Binary`]).
    Binary(Vec<u8>),
    /// Nothing ([`AnswerKind::Nothing`]).
    Nothing,
    /// Every object of the answer, each with its kind ([`AnswerKind::Envelope`]).
    Envelope(Vec<ApiObject>),
}

impl Answer {
    /// The answer as JSON, the form the C ABI and the Python, PHP and C# bindings return:
    /// an object (wrapped in its kind, `{"UserPerson": {...}}`, when `operation` answers an
    /// anchor such as `User` or `MonetaryAccount`, so that the kind stays named; the object
    /// itself otherwise), an array of such objects for a list (an envelope's objects are
    /// always wrapped), the id as a number, the UUID as a string, `null` for nothing. Bytes
    /// are not JSON: `None` for [`Answer::Binary`].
    pub fn into_json(self, operation: &Operation) -> Option<Value> {
        let anchored = !operation.anchor_kinds().is_empty();
        let object = |object: ApiObject| match anchored {
            true => object.into_wrapped(),
            false => object.into_value(),
        };
        Some(match self {
            Answer::Object(found) => object(found),
            Answer::List(objects) => Value::Array(objects.into_iter().map(object).collect()),
            Answer::Envelope(objects) => {
                Value::Array(objects.into_iter().map(ApiObject::into_wrapped).collect())
            }
            Answer::Id(id) => Value::from(id),
            Answer::Uuid(uuid) => Value::from(uuid),
            Answer::Nothing => Value::Null,
            Answer::Binary(_) => return None,
        })
    }
}

/// Unwraps `response`, the answer to `operation`, as the operation's row says.
///
/// An answer without the expected wrapper is a [`Json`](ErrorKind::Json) error naming
/// what was expected and what came.
pub fn unwrap_answer(operation: &Operation, response: &Response) -> Result<Answer> {
    let key = || {
        operation.object_key().ok_or_else(|| {
            Error::new(
                ErrorKind::Json,
                format!("{} has no wrapper key to unwrap", operation.name()),
            )
        })
    };
    Ok(match operation.answer() {
        AnswerKind::Object => Answer::Object(unwrap_object(response, key()?)?),
        AnswerKind::List => Answer::List(unwrap_page(response, key()?)?),
        AnswerKind::Id => Answer::Id(unwrap_id(response)?),
        AnswerKind::Uuid => Answer::Uuid(unwrap_uuid(response)?),
        AnswerKind::Binary => Answer::Binary(response.body().to_vec()),
        AnswerKind::Nothing => Answer::Nothing,
        AnswerKind::Envelope => Answer::Envelope(unwrap_envelope(response)?),
    })
}

/// The first object wrapped in `key` (for an anchor such as `User` or `MonetaryAccount`,
/// in any of its kinds), with its kind.
pub fn unwrap_object(response: &Response, key: &str) -> Result<ApiObject> {
    let items = unwrap_envelope(response)?;
    let kinds: Vec<String> = items.iter().map(|item| item.kind.clone()).collect();
    items
        .into_iter()
        .find(|item| matches_key(&item.kind, key))
        .ok_or_else(|| unexpected(key, &kinds))
}

/// The objects of one page of a list, each wrapped in `key` (for an anchor, any of its
/// kinds). An empty page is an empty list; an object of another kind is an error.
///
/// With the client's page walk, a whole list reads lazily:
/// `client.pages(request).map(|page| unwrap_page(&page?, "Payment"))`.
pub fn unwrap_page(response: &Response, key: &str) -> Result<Vec<ApiObject>> {
    let items = unwrap_envelope(response)?;
    if let Some(stranger) = items.iter().find(|item| !matches_key(&item.kind, key)) {
        return Err(unexpected(key, std::slice::from_ref(&stranger.kind)));
    }
    Ok(items)
}

/// The `id` of the `Id` object: what bunq answers to most creates and updates.
pub fn unwrap_id(response: &Response) -> Result<u64> {
    let object = unwrap_object(response, "Id")?;
    object
        .value
        .get("id")
        .and_then(Value::as_u64)
        .ok_or_else(|| {
            Error::new(
                ErrorKind::Json,
                format!("bunq's Id object has no numeric id: {}", object.value),
            )
        })
}

/// The `uuid` of the `Uuid` object: what bunq answers to a public attachment or avatar.
pub fn unwrap_uuid(response: &Response) -> Result<String> {
    let object = unwrap_object(response, "Uuid")?;
    object
        .value
        .get("uuid")
        .and_then(Value::as_str)
        .map(str::to_owned)
        .ok_or_else(|| Error::new(ErrorKind::Json, "bunq's Uuid object has no uuid string"))
}

/// Every object of the `Response` array with its kind. Each element must be an object with
/// exactly one key, as bunq sends them.
pub fn unwrap_envelope(response: &Response) -> Result<Vec<ApiObject>> {
    let mut items = Vec::new();
    for element in response.objects()? {
        let Value::Object(map) = element else {
            return Err(Error::new(
                ErrorKind::Json,
                format!("bunq's Response array holds {element} where a wrapped object belongs"),
            ));
        };
        if map.len() != 1 {
            let keys: Vec<&String> = map.keys().collect();
            return Err(Error::new(
                ErrorKind::Json,
                format!("an element of bunq's Response array has keys {keys:?}, not one kind"),
            ));
        }
        if let Some((kind, value)) = map.into_iter().next() {
            items.push(ApiObject { kind, value });
        }
    }
    Ok(items)
}

/// `kind` is `key`, or one of the anchor `key`'s kinds, or (for an anchor) a kind bunq added
/// since the table was made (`MonetaryAccountSomethingNew`).
fn matches_key(kind: &str, key: &str) -> bool {
    kind == key
        || (!anchor_kinds(key).is_empty()
            && (anchor_kinds(key).contains(&kind) || kind.starts_with(key)))
}

fn unexpected(key: &str, kinds: &[String]) -> Error {
    let expected = match anchor_kinds(key) {
        [] => format!("{key:?}"),
        kinds => format!("{key:?} (one of {})", kinds.join(", ")),
    };
    let came = match kinds {
        [] => "no object at all".to_owned(),
        kinds => format!("{kinds:?}"),
    };
    Error::new(
        ErrorKind::Json,
        format!("bunq's answer lacks the expected {expected} object: it holds {came}"),
    )
}
