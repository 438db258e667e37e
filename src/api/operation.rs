//! One row of the operation table and the table's look-ups.

use crate::request::Method;

/// What an operation answers, and so what [`unwrap_answer`](super::unwrap_answer) returns.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum AnswerKind {
    /// One object, unwrapped from its key (a get, or a create/update the SDK reads an object
    /// from, e.g. `CardDebit.create`).
    Object,
    /// A list: one page of objects per answer, more pages through bunq's `Pagination`.
    List,
    /// The id of what a create or update made (`{"Id": {"id": N}}`).
    Id,
    /// The UUID of what a create made (`{"Uuid": {"uuid": "..."}}`: public attachments,
    /// avatars).
    Uuid,
    /// The raw bytes of the body (the `content` endpoints: attachments, statements, exports).
    Binary,
    /// Nothing to read (a delete).
    Nothing,
    /// Several objects of different kinds, each kept with its key (`Installation.create`,
    /// `SessionServer.create`; the context does those calls itself).
    Envelope,
}

impl AnswerKind {
    /// A lowercase name: `object`, `list`, `id`, `uuid`, `binary`, `nothing`, `envelope`.
    pub fn as_str(self) -> &'static str {
        match self {
            AnswerKind::Object => "object",
            AnswerKind::List => "list",
            AnswerKind::Id => "id",
            AnswerKind::Uuid => "uuid",
            AnswerKind::Binary => "binary",
            AnswerKind::Nothing => "nothing",
            AnswerKind::Envelope => "envelope",
        }
    }
}

/// One operation of bunq's API: `Payment.create` is `POST
/// user/{user_id}/monetary-account/{monetary_account_id}/payment`, answering an id.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Operation {
    name: &'static str,
    method: Method,
    path: &'static str,
    key: Option<&'static str>,
    answer: AnswerKind,
}

impl Operation {
    /// A row of the generated table.
    pub(super) const fn new(
        name: &'static str,
        method: Method,
        path: &'static str,
        key: Option<&'static str>,
        answer: AnswerKind,
    ) -> Operation {
        Operation {
            name,
            method,
            path,
            key,
            answer,
        }
    }

    /// `Object.verb`, e.g. `Payment.list`.
    pub fn name(&self) -> &'static str {
        self.name
    }

    /// The object part of the name, e.g. `Payment`.
    pub fn object(&self) -> &'static str {
        self.name
            .split_once('.')
            .map_or(self.name, |(object, _)| object)
    }

    /// The verb part of the name: `create`, `get`, `list`, `update` or `delete`.
    pub fn verb(&self) -> &'static str {
        self.name.split_once('.').map_or("", |(_, verb)| verb)
    }

    /// The HTTP method.
    pub fn method(&self) -> Method {
        self.method
    }

    /// The path relative to the API's base, ids in braces:
    /// `user/{user_id}/monetary-account/{monetary_account_id}/payment`.
    pub fn path_template(&self) -> &'static str {
        self.path
    }

    /// The key that wraps the answer's objects (`Payment`, `ScheduledPayment`, `Id`, `Uuid`,
    /// or an anchor such as `User`); `None` for bytes, nothing or an envelope.
    pub fn object_key(&self) -> Option<&'static str> {
        self.key
    }

    /// What the answer is.
    pub fn answer(&self) -> AnswerKind {
        self.answer
    }

    /// The names of the path's ids, in order: `user_id`, `monetary_account_id`, ... An id
    /// whose name ends in `_uuid` is a UUID; every other is a positive integer.
    pub fn id_names(&self) -> impl Iterator<Item = &'static str> + use<> {
        let path: &'static str = self.path;
        path.split('/')
            .filter_map(|segment| segment.strip_prefix('{')?.strip_suffix('}'))
    }

    /// The row as one JSON object, the form the C ABI and the bindings list the table in:
    /// `name`, `method`, `path` (the template), `object_key` (or null), `answer` (`object`,
    /// `list`, `id`, `uuid`, `binary`, `nothing` or `envelope`) and `ids` (the path's ids, in
    /// order).
    pub fn to_json(&self) -> serde_json::Value {
        serde_json::json!({
            "name": self.name(),
            "method": self.method().as_str(),
            "path": self.path_template(),
            "object_key": self.object_key(),
            "answer": self.answer().as_str(),
            "ids": self.id_names().collect::<Vec<_>>(),
        })
    }

    /// Whether the operation sends a body (`POST`, `PUT`); `GET` and `DELETE` take none.
    pub fn takes_body(&self) -> bool {
        matches!(self.method, Method::Post | Method::Put)
    }
}
