//! A call by name, checked and turned into a [`Request`] before anything is signed or sent.
//!
//! ```
//! use bunq::api::Call;
//! use serde_json::json;
//!
//! # fn main() -> bunq::Result<()> {
//! let payment = Call::new("Payment.create")
//!     .id("monetary_account_id", 7)
//!     .body(json!({"amount": {"value": "1.50", "currency": "EUR"}}));
//! // `user_id` is left out: it defaults to the session's user, here 42.
//! let prepared = payment.prepare(Some(42))?;
//! assert_eq!(prepared.request().path(), "user/42/monetary-account/7/payment");
//! # Ok(())
//! # }
//! ```

use serde_json::Value;

use crate::error::{Error, Result, excerpt};
use crate::request::Request;

use super::lookup::operation;
use super::operation::Operation;

/// The id that may be left out of a call: it defaults to the session's user.
pub const DEFAULT_ID: &str = "user_id";

/// The named path ids of a call: `monetary_account_id` = 7, `attachment_public_uuid` = "...".
///
/// Values are kept as text and checked against the operation when the call is prepared: an
/// id whose name ends in `_uuid` must be a UUID, every other a positive integer.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Ids {
    entries: Vec<(String, String)>,
}

impl Ids {
    /// No ids.
    pub fn new() -> Ids {
        Ids::default()
    }

    /// Adds the id `name` (e.g. `payment_id`) with `value` (a number, or a UUID's text).
    pub fn with(mut self, name: impl Into<String>, value: impl std::fmt::Display) -> Ids {
        self.insert(name, value);
        self
    }

    /// Adds the id `name` with `value`.
    pub fn insert(&mut self, name: impl Into<String>, value: impl std::fmt::Display) {
        self.entries.push((name.into(), value.to_string()));
    }

    /// Ids from a JSON object, as the C ABI and the bindings pass them:
    /// `{"monetary_account_id": 7, "attachment_public_uuid": "..."}`. A value that is neither
    /// a number nor a string is an [`InvalidInput`](crate::ErrorKind::InvalidInput) error
    /// naming the id; numbers and strings are checked when the call is prepared.
    pub fn from_json(json: &Value) -> Result<Ids> {
        let object = json.as_object().ok_or_else(|| {
            Error::invalid_input("the ids must be a JSON object of names and values")
        })?;
        let mut ids = Ids::new();
        for (name, value) in object {
            match value {
                Value::Number(number) => ids.insert(name, number),
                Value::String(text) => ids.insert(name, text),
                _ => {
                    return Err(Error::invalid_input(format!(
                        "the id {} must be a positive integer (or, for a *_uuid id, a UUID \
                         string), not {value}",
                        excerpt(name)
                    )));
                }
            }
        }
        Ok(ids)
    }

    /// The ids as given, in order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &str)> {
        self.entries
            .iter()
            .map(|(name, value)| (name.as_str(), value.as_str()))
    }

    fn get(&self, name: &str) -> Option<&str> {
        self.iter()
            .find(|(given, _)| *given == name)
            .map(|(_, value)| value)
    }
}

/// A call by name: the operation's name, its ids, an optional JSON body and query.
#[derive(Debug, Clone, PartialEq)]
pub struct Call {
    name: String,
    ids: Ids,
    body: Option<Value>,
    query: Vec<(String, String)>,
}

/// A call checked against the table: its operation and the request to send.
#[derive(Debug, Clone, PartialEq)]
pub struct PreparedCall {
    operation: &'static Operation,
    request: Request,
}

impl PreparedCall {
    /// The operation called.
    pub fn operation(&self) -> &'static Operation {
        self.operation
    }

    /// The request, as `Client::send` sends it (it adds the headers and signs).
    pub fn request(&self) -> &Request {
        &self.request
    }

    /// The request, taken out (e.g. to add a header).
    pub fn into_request(self) -> Request {
        self.request
    }
}

impl Call {
    /// A call of the operation `name`, e.g. `Payment.list`.
    pub fn new(name: impl Into<String>) -> Call {
        Call {
            name: name.into(),
            ids: Ids::new(),
            body: None,
            query: Vec::new(),
        }
    }

    /// Adds a path id, e.g. `.id("monetary_account_id", 7)`.
    pub fn id(mut self, name: impl Into<String>, value: impl std::fmt::Display) -> Call {
        self.ids.insert(name, value);
        self
    }

    /// Sets every path id at once.
    pub fn ids(mut self, ids: Ids) -> Call {
        self.ids = ids;
        self
    }

    /// Sets the JSON body (an object) of a create or update.
    pub fn body(mut self, body: Value) -> Call {
        self.body = Some(body);
        self
    }

    /// Adds a query parameter, e.g. `.query("count", "200")` (percent-encoded when sent).
    pub fn query(mut self, key: impl Into<String>, value: impl Into<String>) -> Call {
        self.query.push((key.into(), value.into()));
        self
    }

    /// The operation's name as given.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// Whether [`prepare`](Self::prepare) needs the session user's id: the operation takes a
    /// `user_id` and the call leaves it out. An unknown name is an error, as for `prepare`.
    pub fn needs_default_user_id(&self) -> Result<bool> {
        let operation = operation(&self.name)?;
        Ok(operation.id_names().any(|name| name == DEFAULT_ID)
            && self.ids.get(DEFAULT_ID).is_none())
    }

    /// Checks the call against the table and builds its request. `default_user_id` (the
    /// session's user) fills `user_id` when the call leaves it out.
    ///
    /// [`InvalidInput`](crate::ErrorKind::InvalidInput) errors: an unknown name (the message
    /// lists the closest names), an id missing, not taken by the operation, given twice or
    /// malformed (each named), a body on an operation that takes none (`GET`, `DELETE`) or a
    /// body that is not a JSON object.
    pub fn prepare(&self, default_user_id: Option<u64>) -> Result<PreparedCall> {
        let operation = operation(&self.name)?;
        check_given_ids(operation, &self.ids)?;
        let path = fill_path(operation, &self.ids, default_user_id)?;
        let mut request = Request::new(operation.method(), path);
        for (key, value) in &self.query {
            request = request.query(key, value);
        }
        let request = match (&self.body, operation.takes_body()) {
            (Some(_), false) => {
                return Err(Error::invalid_input(format!(
                    "{} ({} {}) takes no body",
                    operation.name(),
                    operation.method().as_str(),
                    operation.path_template()
                )));
            }
            (Some(body @ Value::Object(_)), true) => request.json(body),
            (Some(_), true) => {
                return Err(Error::invalid_input(format!(
                    "the body of {} must be a JSON object",
                    operation.name()
                )));
            }
            // bunq reads a JSON object from every create and update, if only `{}`.
            (None, true) => request.body("{}"),
            (None, false) => request,
        };
        Ok(PreparedCall { operation, request })
    }
}

/// Every given id is one the operation takes, and given once.
fn check_given_ids(operation: &Operation, ids: &Ids) -> Result<()> {
    for (index, (name, _)) in ids.entries.iter().enumerate() {
        if !operation.id_names().any(|taken| taken == name) {
            return Err(Error::invalid_input(format!(
                "{} takes no id {}; it takes {}",
                operation.name(),
                excerpt(name),
                describe_ids(operation)
            )));
        }
        if ids.entries[..index]
            .iter()
            .any(|(earlier, _)| earlier == name)
        {
            return Err(Error::invalid_input(format!(
                "the id {name} is given twice"
            )));
        }
    }
    Ok(())
}

/// The path template with every id put in, checked.
fn fill_path(operation: &Operation, ids: &Ids, default_user_id: Option<u64>) -> Result<String> {
    let mut path = String::with_capacity(operation.path_template().len() + 16);
    for (index, segment) in operation.path_template().split('/').enumerate() {
        if index > 0 {
            path.push('/');
        }
        let Some(name) = segment.strip_prefix('{').and_then(|s| s.strip_suffix('}')) else {
            path.push_str(segment);
            continue;
        };
        let default = default_user_id
            .filter(|_| name == DEFAULT_ID)
            .map(|id| id.to_string());
        let value = ids
            .get(name)
            .map(str::to_owned)
            .or(default)
            .ok_or_else(|| {
                Error::invalid_input(format!(
                    "{} needs the id {name}; it takes {}",
                    operation.name(),
                    describe_ids(operation)
                ))
            })?;
        path.push_str(&checked_id(name, &value)?);
    }
    Ok(path)
}

/// `value` as it goes into the path: a UUID for a `*_uuid` id, else a positive integer
/// (leading zeros dropped). Anything else could change the path (`1/../2`) and is refused.
fn checked_id(name: &str, value: &str) -> Result<String> {
    if name.ends_with("_uuid") {
        return match is_uuid(value) {
            true => Ok(value.to_owned()),
            false => Err(Error::invalid_input(format!(
                "the id {name} must be a UUID (like 5fb3a34c-1b49-4d4c-9ff7-0c5bd1ff1e1a), \
                 not {:?}",
                excerpt(value)
            ))),
        };
    }
    match value.parse::<u64>() {
        Ok(id) if id > 0 && value.bytes().all(|b| b.is_ascii_digit()) => Ok(id.to_string()),
        _ => Err(Error::invalid_input(format!(
            "the id {name} must be a positive integer, not {:?}",
            excerpt(value)
        ))),
    }
}

/// 8-4-4-4-12 hexadecimal digits.
fn is_uuid(value: &str) -> bool {
    let groups: Vec<&str> = value.split('-').collect();
    let lengths = groups.iter().map(|group| group.len());
    lengths.eq([8, 4, 4, 4, 12])
        && groups
            .iter()
            .all(|group| group.bytes().all(|b| b.is_ascii_hexdigit()))
}

/// `user_id (defaults to the session's user), monetary_account_id`, or `no ids`.
fn describe_ids(operation: &Operation) -> String {
    let names: Vec<String> = operation
        .id_names()
        .map(|name| match name {
            DEFAULT_ID => format!("{name} (defaults to the session's user)"),
            _ => name.to_owned(),
        })
        .collect();
    match names.is_empty() {
        true => "no ids".to_owned(),
        false => names.join(", "),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_positive_integers_or_uuids() {
        assert_eq!(checked_id("payment_id", "007").unwrap(), "7");
        for bad in ["0", "-1", "+1", "1.5", "", "1/../2", "18446744073709551616"] {
            assert!(checked_id("payment_id", bad).is_err(), "{bad}");
        }
        assert!(checked_id("avatar_uuid", "5fb3a34c-1b49-4d4c-9ff7-0c5bd1ff1e1a").is_ok());
        assert!(checked_id("avatar_uuid", "5fb3a34c-1b49-4d4c-9ff7-0c5bd1ff1e1").is_err());
        assert!(checked_id("avatar_uuid", "../../../etc/passwd").is_err());
    }
}
