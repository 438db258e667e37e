//! The saved context: the official SDKs' JSON format, written atomically.
//!
//! The format is the official Python SDK's (`bunq.conf`): keys sorted, four-space indent,
//! absent values left out, the session expiry as naive local time `%Y-%m-%d %H:%M:%S.%f`:
//!
//! ```text
//! api_key, environment_type ("SANDBOX" | "PRODUCTION"), proxy_url (only when set),
//! installation_context { token, private_key_client, public_key_client, public_key_server },
//! session_context { token, expiry_time, user_id, user_person | user_company | user_api_key |
//!                   user_payment_service_provider }
//! ```
//!
//! Reading also accepts the PHP SDK's camelCase user keys (`userPerson`, ...), the C# and Java
//! SDKs' `proxy` and Java's millisecond expiry times. A context whose base URL is not its
//! environment's own also stores `base_url`, which the official SDKs ignore.
//!
//! Reading is strict about types: a field this format knows, present with the wrong type
//! (`"base_url": 7`), is an error naming it, never ignored. A file larger than 4 MiB is not
//! a context and is not read further. Writing is atomic, owner-only, leaves no copy of the
//! secrets behind and keeps a symbolic link (see docs/saved-contexts.md).

use std::fs;
use std::io::Read;
use std::path::Path;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use chrono::{DateTime, Local, NaiveDateTime, TimeZone};
use serde_json::{Map, Value, json};

use super::session::{clamp_expiry, lifetime_of};
use super::{ApiContext, Installation, Session};
use crate::atomic_file::{self, io_error};
use crate::environment::{Environment, EnvironmentType};
use crate::error::{Error, ErrorKind, Result};
use crate::keys::{KeyPair, PublicKey};
use crate::secret::Secret;
use crate::user::{User, UserKind};

/// The official SDKs' expiry format.
const EXPIRY_FORMAT: &str = "%Y-%m-%d %H:%M:%S%.6f";
/// The largest file read as a context. Real ones are a few kilobytes (the user object is the
/// biggest part); without a cap, restoring `/dev/zero` would fill the memory.
pub(crate) const MAX_CONTEXT_FILE_BYTES: u64 = 4 * 1024 * 1024;

/// The context as the official Python SDK writes it.
pub(crate) fn to_json(context: &ApiContext) -> String {
    let mut root = Map::new();
    root.insert("api_key".into(), json!(context.api_key.expose()));
    root.insert(
        "environment_type".into(),
        json!(context.environment.kind().as_str()),
    );
    if !context.environment.is_default_url() {
        root.insert("base_url".into(), json!(context.environment.base_url()));
    }
    let installation = &context.installation;
    root.insert(
        "installation_context".into(),
        json!({
            "token": installation.token.expose(),
            "private_key_client": installation.client_key.private_key_pem(),
            "public_key_client": installation.client_key.public_key_pem(),
            "public_key_server": installation.server_key.pem(),
        }),
    );
    if let Some(proxy) = &context.proxy_url {
        root.insert("proxy_url".into(), json!(proxy.expose()));
    }
    if let Some(session) = &context.session {
        root.insert("session_context".into(), session_json(session));
    }
    pretty(&Value::Object(root))
}

fn session_json(session: &Session) -> Value {
    let mut object = Map::new();
    object.insert("token".into(), json!(session.token.expose()));
    object.insert("expiry_time".into(), json!(format_expiry(session.expiry)));
    object.insert("user_id".into(), json!(session.user_id));
    object.insert(
        session.user.kind().context_key().into(),
        without_nulls(session.user.object()),
    );
    Value::Object(object)
}

/// Python's `json.dumps(indent=4, sort_keys=True)`; serde_json's maps are already sorted.
fn pretty(value: &Value) -> String {
    let mut out = Vec::new();
    let formatter = serde_json::ser::PrettyFormatter::with_indent(b"    ");
    let mut serializer = serde_json::Serializer::with_formatter(&mut out, formatter);
    serde::Serialize::serialize(value, &mut serializer).expect("a JSON value always serializes");
    String::from_utf8(out).expect("serde_json writes UTF-8")
}

/// The official SDKs leave `null` fields out of a saved user.
fn without_nulls(value: &Value) -> Value {
    match value {
        Value::Object(map) => Value::Object(
            map.iter()
                .filter(|(_, value)| !value.is_null())
                .map(|(key, value)| (key.clone(), without_nulls(value)))
                .collect(),
        ),
        Value::Array(items) => Value::Array(items.iter().map(without_nulls).collect()),
        other => other.clone(),
    }
}

/// Reads a context written by this crate or any official SDK.
pub(crate) fn from_json(text: &str) -> Result<ApiContext> {
    let root: Value = serde_json::from_str(text).map_err(|error| {
        Error::new(
            ErrorKind::Json,
            format!("the saved context is not JSON: {error}"),
        )
    })?;
    let kind_name = required_str(&root, "environment_type", "")?;
    let kind = EnvironmentType::parse(kind_name).ok_or_else(|| {
        invalid(format!(
            "environment_type {:?} is neither SANDBOX nor PRODUCTION",
            crate::error::excerpt(kind_name)
        ))
    })?;
    let mut environment = Environment::of_type(kind);
    if let Some(base_url) = optional_str(&root, "base_url", "")? {
        environment = environment.with_base_url(base_url);
    }
    let mut proxy_url = None;
    for key in ["proxy_url", "proxy"] {
        if let Some(proxy) = optional_str(&root, key, "")? {
            proxy_url = proxy_url.or(Some(proxy));
        }
    }
    Ok(ApiContext {
        environment,
        api_key: Secret::new(required_str(&root, "api_key", "")?),
        installation: installation_from(object_field(&root, "installation_context", "")?)?,
        session: match optional_object(&root, "session_context", "")? {
            None => None,
            Some(session) => session_from(session)?,
        },
        proxy_url: proxy_url.filter(|proxy| !proxy.is_empty()).map(Secret::new),
    })
}

fn installation_from(object: &Value) -> Result<Installation> {
    let section = "installation_context.";
    let client_key =
        KeyPair::from_private_key_pem(required_str(object, "private_key_client", section)?)?;
    let server_key = PublicKey::from_pem(required_str(object, "public_key_server", section)?)?;
    // Derived from the private key, so not read; but a wrong type means a damaged file.
    optional_str(object, "public_key_client", section)?;
    Ok(Installation {
        token: Secret::new(required_str(object, "token", section)?),
        client_key,
        server_key,
    })
}

/// A session without a user object (older SDK versions wrote none) cannot be used as one;
/// it is dropped and the client opens a new session when needed.
fn session_from(object: &Value) -> Result<Option<Session>> {
    let section = "session_context.";
    let token = required_str(object, "token", section)?;
    let expiry = parse_expiry(required_str(object, "expiry_time", section)?)?;
    let mut found = None;
    for kind in UserKind::ALL {
        for key in [kind.context_key(), kind.camel_case_context_key()] {
            if let Some(user) = optional_object(object, key, section)? {
                found = found.or(Some(User::new(kind, user.clone())));
            }
        }
    }
    let Some(user) = found else {
        return Ok(None);
    };
    let user_id = match object.get("user_id").filter(|id| !id.is_null()) {
        Some(id) => id
            .as_u64()
            .ok_or_else(|| invalid(format!("{section}user_id is not a whole number")))?,
        None => user
            .id()
            .ok_or_else(|| invalid(format!("{section}user_id is missing")))?,
    };
    // The calls go to the user_id's paths with the user object's session: two users in one
    // file is a damaged (or tampered) file, not a choice to make silently.
    if let Some(own) = user.id().filter(|own| *own != user_id) {
        return Err(invalid(format!(
            "{section}user_id is {user_id}, but the user object's id ({section}{}.id) is {own}",
            user.kind().context_key()
        )));
    }
    // An unknown lifetime (no session_timeout) leaves the configured renewal margin.
    let lifetime = match user
        .session_timeout_value()
        .filter(|value| !value.is_null())
    {
        None => Duration::ZERO,
        Some(timeout) => lifetime_of(timeout).ok_or_else(|| {
            invalid(format!(
                "{section}{}.session_timeout is not a number of seconds",
                user.kind().context_key()
            ))
        })?,
    };
    Ok(Some(Session {
        token: Secret::new(token),
        expiry: clamp_expiry(expiry, SystemTime::now()),
        lifetime,
        user_id,
        user,
    }))
}

fn field<'a>(object: &'a Value, key: &str, section: &str) -> Result<&'a Value> {
    object
        .get(key)
        .filter(|value| !value.is_null())
        .ok_or_else(|| invalid(format!("{section}{key} is missing")))
}

fn required_str<'a>(object: &'a Value, key: &str, section: &str) -> Result<&'a str> {
    field(object, key, section)?
        .as_str()
        .ok_or_else(|| invalid(format!("{section}{key} is not a string")))
}

fn object_field<'a>(object: &'a Value, key: &str, section: &str) -> Result<&'a Value> {
    let value = field(object, key, section)?;
    match value.is_object() {
        true => Ok(value),
        false => Err(invalid(format!("{section}{key} is not an object"))),
    }
}

/// A field that may be absent (or null), but if present must be a string.
fn optional_str<'a>(object: &'a Value, key: &str, section: &str) -> Result<Option<&'a str>> {
    match object.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(text)) => Ok(Some(text)),
        Some(_) => Err(invalid(format!("{section}{key} is not a string"))),
    }
}

/// A field that may be absent (or null), but if present must be an object.
fn optional_object<'a>(object: &'a Value, key: &str, section: &str) -> Result<Option<&'a Value>> {
    match object.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(value) if value.is_object() => Ok(Some(value)),
        Some(_) => Err(invalid(format!("{section}{key} is not an object"))),
    }
}

fn invalid(message: String) -> Error {
    Error::new(
        ErrorKind::Json,
        format!("the saved context is unusable: {message}"),
    )
}

/// Naive local time, as the official SDKs write it. The time is first brought within a
/// session's possible range, so that the year always has four digits (Python's `strptime`
/// reads no other) and the conversion cannot overflow.
pub(crate) fn format_expiry(expiry: SystemTime) -> String {
    let expiry = clamp_expiry(expiry, SystemTime::now().max(UNIX_EPOCH));
    DateTime::<Local>::from(expiry)
        .format(EXPIRY_FORMAT)
        .to_string()
}

/// Reads naive local time with any number of fractional digits (Java writes three), or a
/// full RFC 3339 time with an offset.
pub(crate) fn parse_expiry(text: &str) -> Result<SystemTime> {
    if let Ok(with_offset) = DateTime::parse_from_rfc3339(text) {
        return Ok(with_offset.into());
    }
    let naive = ["%Y-%m-%d %H:%M:%S%.f", "%Y-%m-%dT%H:%M:%S%.f"]
        .iter()
        .find_map(|format| NaiveDateTime::parse_from_str(text, format).ok())
        .ok_or_else(|| {
            invalid(format!(
                "expiry_time {:?} is not a date and time",
                crate::error::excerpt(text)
            ))
        })?;
    // A time inside a daylight-saving gap does not exist locally; the earliest real reading
    // (or UTC, failing that) keeps the session usable rather than refusing the whole file.
    let local = Local
        .from_local_datetime(&naive)
        .earliest()
        .map(SystemTime::from)
        .unwrap_or_else(|| naive.and_utc().into());
    Ok(local)
}

/// Writes `context` to `path` atomically, owner-only, leaving no copy behind and keeping a
/// symbolic link (see [`atomic_file`]).
pub(crate) fn save(context: &ApiContext, path: &Path) -> Result<()> {
    atomic_file::replace(path, to_json(context).as_bytes())
}

/// Reads and parses a saved context, refusing a file larger than [`MAX_CONTEXT_FILE_BYTES`].
pub(crate) fn restore(path: &Path) -> Result<ApiContext> {
    let file = fs::File::open(path).map_err(|error| io_error("read", path, error))?;
    let mut bytes = Vec::new();
    file.take(MAX_CONTEXT_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|error| io_error("read", path, error))?;
    if bytes.len() as u64 > MAX_CONTEXT_FILE_BYTES {
        return Err(Error::new(
            ErrorKind::Io,
            format!(
                "{} is larger than {} MiB, the most a saved context can be: not a context",
                crate::error::excerpt(&path.display().to_string()),
                MAX_CONTEXT_FILE_BYTES / (1024 * 1024)
            ),
        ));
    }
    let text = String::from_utf8(bytes)
        .map_err(|_| Error::new(ErrorKind::Json, "the saved context is not UTF-8 text"))?;
    from_json(&text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn expiry_times_round_trip_through_naive_local_time() {
        let now = SystemTime::now();
        let text = format_expiry(now);
        assert_eq!(text.len(), "2026-11-23 20:15:00.123456".len());
        let back = parse_expiry(&text).unwrap();
        let difference = now
            .duration_since(back)
            .unwrap_or_else(|error| error.duration());
        assert!(
            difference < Duration::from_millis(1),
            "{text}: {difference:?}"
        );
    }

    #[test]
    fn java_milliseconds_and_rfc3339_parse() {
        parse_expiry("2026-01-02 03:04:05.678").unwrap();
        parse_expiry("2026-01-02T03:04:05.678+01:00").unwrap();
        assert_eq!(
            parse_expiry("yesterday").unwrap_err().kind(),
            ErrorKind::Json
        );
    }

    #[test]
    fn a_damaged_file_is_a_clear_error() {
        let error = from_json("{\"environment_type\": \"SANDBOX\"}").unwrap_err();
        assert_eq!(error.kind(), ErrorKind::Json);
        assert!(error.to_string().contains("api_key is missing"), "{error}");
        let error = from_json("{").unwrap_err();
        assert_eq!(error.kind(), ErrorKind::Json);
    }
}
