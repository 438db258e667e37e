//! The optional state file ([`FakeBunqConfig::state_file`](crate::FakeBunqConfig::state_file)):
//! everything the fake knows, its private key included, so that a client context saved
//! against one fake keeps working against the next one started on the same file.
//!
//! # Format
//!
//! One pretty-printed UTF-8 JSON object, version 1:
//!
//! ```text
//! { "format": 1,
//!   "server_private_key_pem": "-----BEGIN PRIVATE KEY-----\n...",          PKCS#8
//!   "state": {
//!     "next_ids": { "user": 2, "payment": 7, ... },           last id handed out per kind
//!     "installations": { TOKEN: { "client_key_pem": PEM, "device_keys": [API_KEY] } },
//!     "api_keys": { API_KEY: USER_ID },                        sandbox, OAuth, PSD2 keys
//!     "users": { USER_ID: { "profile": {...}, "kind": "Person" | "Company" | {"ApiKey": ...},
//!                "accounts": { ID: { "balance_cents": 50000, "payments": { ID: {...} },
//!                                    "inquiries": {...}, "attachments": {...}, ... } } } },
//!     "sessions": { TOKEN: { "installation_token": TOKEN, "user_id": 1,
//!                            "expires_at_unix_ms": 1767225600000 } },
//!     "used_oauth_codes": [CODE],
//!     "public_attachments": { UUID: { ..., "content_base64": "..." } },
//!     "notification_filters": { "last_id": 2,                  absent in older files
//!         "users": { USER_ID: [{ "id": 1, "created": "...", "category": "PAYMENT",
//!                                "target": URL }] },
//!         "accounts": { ACCOUNT_ID: [...] } } } }
//! ```
//!
//! Amounts are in cents, bytes in standard base64, session expiry in wall-clock milliseconds
//! since the Unix epoch (a session that expired while the fake was down answers 401). Call
//! counters and rate-limit windows belong to one run and are not kept.
//!
//! Every save replaces the whole file through a temporary file beside it and a rename, so a
//! reader sees the old or the new state, never half of one; the file is owner-only (0600) on
//! unix because it holds the server's private key.

use std::fmt::Display;
use std::fs::{self, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, PoisonError};

use serde::{Deserialize, Serialize};

use crate::random;
use crate::signing::{self, ServerKey};
use crate::state::{Installation, State};

/// The layout version; a file of another version is refused rather than misread.
const FORMAT: u32 = 1;

/// The file as written; borrowed, so that a save copies nothing but the JSON.
#[derive(Serialize)]
struct FileOut<'a> {
    format: u32,
    server_private_key_pem: &'a str,
    state: &'a State,
}

/// The file as read.
#[derive(Deserialize)]
struct FileIn {
    server_private_key_pem: String,
    state: State,
}

/// Only the version, read first so that another version gets a clear message instead of
/// whatever field it happens to trip over.
#[derive(Deserialize)]
struct Version {
    format: u32,
}

/// The server key and state saved in `path`, or `None` if there is no such file yet.
///
/// # Errors
/// `InvalidData` naming the file when it is not a state file of this format; other read
/// errors with the file's name added.
pub(crate) fn load(path: &Path) -> io::Result<Option<(ServerKey, State)>> {
    match fs::read(path) {
        Ok(bytes) => parse(&bytes)
            .map(Some)
            .map_err(|reason| damaged(path, reason)),
        Err(error) if error.kind() == io::ErrorKind::NotFound => Ok(None),
        Err(error) => Err(about(path, "cannot read", error)),
    }
}

fn parse(bytes: &[u8]) -> Result<(ServerKey, State), String> {
    let version: Version = serde_json::from_slice(bytes).map_err(|error| error.to_string())?;
    if version.format != FORMAT {
        return Err(format!(
            "format {} is not the supported {FORMAT}",
            version.format
        ));
    }
    let file: FileIn = serde_json::from_slice(bytes).map_err(|error| error.to_string())?;
    let key = ServerKey::from_private_pem(&file.server_private_key_pem)
        .ok_or("server_private_key_pem is not a PKCS#8 RSA private key")?;
    Ok((key, file.state))
}

fn damaged(path: &Path, reason: impl Display) -> io::Error {
    io::Error::new(
        io::ErrorKind::InvalidData,
        format!(
            "the fake bunq state file {} is damaged: {reason}",
            path.display()
        ),
    )
}

/// An io error with what was being done to which file, keeping its kind.
fn about(path: &Path, doing: &str, error: io::Error) -> io::Error {
    io::Error::new(
        error.kind(),
        format!(
            "{doing} the fake bunq state file {}: {error}",
            path.display()
        ),
    )
}

/// Saves one server's state to its file, atomically and in order.
pub(crate) struct StateFile {
    path: PathBuf,
    /// The server key as PEM, encoded once instead of at every save.
    server_key_pem: String,
    /// Numbers the snapshots; taken under the state lock, so numbers follow the state's order.
    taken: AtomicU64,
    /// The number of the snapshot on disk, held while writing: writes never interleave, and
    /// a snapshot older than the one on disk is dropped, so the last state always wins.
    written: Mutex<u64>,
}

/// The serialized state at one moment.
pub(crate) struct Snapshot {
    number: u64,
    json: Vec<u8>,
}

impl StateFile {
    /// A saver for `path` of the state signed by `key`.
    pub(crate) fn new(path: &Path, key: &ServerKey) -> io::Result<StateFile> {
        Ok(StateFile {
            path: path.to_owned(),
            server_key_pem: key.private_pem()?,
            taken: AtomicU64::new(0),
            written: Mutex::new(0),
        })
    }

    /// Serialize `state`; call it with the state lock held and write outside it.
    pub(crate) fn snapshot(&self, state: &State) -> io::Result<Snapshot> {
        let number = self.taken.fetch_add(1, Ordering::SeqCst) + 1;
        let file = FileOut {
            format: FORMAT,
            server_private_key_pem: &self.server_key_pem,
            state,
        };
        let json = serde_json::to_vec_pretty(&file).map_err(io::Error::other)?;
        Ok(Snapshot { number, json })
    }

    /// Put `snapshot` on disk unless a newer one is there already.
    pub(crate) fn write(&self, snapshot: Snapshot) -> io::Result<()> {
        let mut written = self.written.lock().unwrap_or_else(PoisonError::into_inner);
        if snapshot.number <= *written {
            return Ok(());
        }
        write_atomically(&self.path, &snapshot.json)
            .map_err(|e| about(&self.path, "cannot save", e))?;
        *written = snapshot.number;
        Ok(())
    }
}

/// Replace `path` by `bytes` through a temporary file in the same directory (a rename is only
/// atomic within one file system). No fsync: the rename already leaves the old or the new
/// file whenever the fake itself dies, and outliving a power cut is not worth milliseconds
/// per request in a test fake.
fn write_atomically(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let temporary = temporary_beside(path);
    let written = write_new_private(&temporary, bytes).and_then(|()| fs::rename(&temporary, path));
    if written.is_err() {
        let _ = fs::remove_file(&temporary);
    }
    written
}

/// A hidden, random name beside `path`, so that two servers on one file never share it.
fn temporary_beside(path: &Path) -> PathBuf {
    let name = path.file_name().unwrap_or_default().to_string_lossy();
    let suffix = random::hex(&random::bytes::<6>());
    path.with_file_name(format!(".{name}.{suffix}.tmp"))
}

/// Create a new file readable by its owner only (it holds the private key) with `bytes`.
fn write_new_private(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let mut options = OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    options.open(path)?.write_all(bytes)
}

/// An installation as stored: the client key only as the PEM it came in, parsed on loading.
#[derive(Serialize, Deserialize)]
pub(crate) struct InstallationRecord {
    client_key_pem: String,
    device_keys: Vec<String>,
}

impl From<Installation> for InstallationRecord {
    fn from(installation: Installation) -> InstallationRecord {
        InstallationRecord {
            client_key_pem: installation.client_key_pem,
            device_keys: installation.device_keys,
        }
    }
}

impl TryFrom<InstallationRecord> for Installation {
    type Error = &'static str;

    fn try_from(record: InstallationRecord) -> Result<Installation, Self::Error> {
        let key = signing::parse_public_key_pem(&record.client_key_pem)
            .ok_or("an installation's client_key_pem is not an RSA public key")?;
        Ok(Installation {
            client_key: Arc::new(key),
            client_key_pem: record.client_key_pem,
            device_keys: record.device_keys,
        })
    }
}

/// `Instant`s as wall-clock milliseconds since the Unix epoch, for serde's `with`.
pub(crate) mod wall_clock {
    use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

    use serde::de::Error;
    use serde::{Deserialize, Deserializer, Serializer};

    /// The wall-clock time of `instant`, measured from now on both clocks.
    pub(crate) fn serialize<S: Serializer>(instant: &Instant, out: S) -> Result<S::Ok, S::Error> {
        let (now, wall_now) = (Instant::now(), SystemTime::now());
        let wall = match instant.checked_duration_since(now) {
            Some(ahead) => wall_now.checked_add(ahead),
            None => wall_now.checked_sub(now.duration_since(*instant)),
        };
        let since_epoch = wall
            .and_then(|wall| wall.duration_since(UNIX_EPOCH).ok())
            .unwrap_or(Duration::ZERO);
        out.serialize_u64(u64::try_from(since_epoch.as_millis()).unwrap_or(u64::MAX))
    }

    /// The `Instant` of a stored time; a time already past becomes now, which is due.
    pub(crate) fn deserialize<'de, D: Deserializer<'de>>(input: D) -> Result<Instant, D::Error> {
        let too_far = || D::Error::custom("a time lies too far in the future");
        let wall = UNIX_EPOCH
            .checked_add(Duration::from_millis(u64::deserialize(input)?))
            .ok_or_else(too_far)?;
        let left = wall
            .duration_since(SystemTime::now())
            .unwrap_or(Duration::ZERO);
        Instant::now().checked_add(left).ok_or_else(too_far)
    }
}

/// Bytes as standard base64, for serde's `with`.
pub(crate) mod base64_bytes {
    use std::sync::Arc;

    use base64::Engine;
    use base64::engine::general_purpose::STANDARD as BASE64;
    use serde::de::Error;
    use serde::{Deserialize, Deserializer, Serializer};

    pub(crate) fn serialize<S: Serializer>(
        bytes: &Arc<Vec<u8>>,
        out: S,
    ) -> Result<S::Ok, S::Error> {
        out.serialize_str(&BASE64.encode(bytes.as_slice()))
    }

    pub(crate) fn deserialize<'de, D: Deserializer<'de>>(
        input: D,
    ) -> Result<Arc<Vec<u8>>, D::Error> {
        let text = String::deserialize(input)?;
        BASE64.decode(text).map(Arc::new).map_err(D::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use std::time::{Duration, Instant};

    use serde::{Deserialize, Serialize};

    use super::*;
    use crate::state::NewUser;

    /// A directory of one test's own, removed with what the test wrote there (the state
    /// file holds the server's private key) when dropped, also when the test fails.
    struct Scratch(PathBuf);

    impl Drop for Scratch {
        fn drop(&mut self) {
            let _ = fs::remove_dir_all(&self.0);
        }
    }

    /// A fresh path `name` in a new directory of the system's temporary directory; the file
    /// does not exist yet. Keep the guard until the test ends.
    fn temporary_path(name: &str) -> (Scratch, PathBuf) {
        let suffix = random::hex(&random::bytes::<6>());
        let directory = std::env::temp_dir().join(format!("fake-bunq-unit-{suffix}"));
        fs::create_dir(&directory).unwrap();
        let path = directory.join(name);
        (Scratch(directory), path)
    }

    #[derive(Serialize, Deserialize)]
    struct At(#[serde(with = "wall_clock")] Instant);

    #[test]
    fn instants_survive_as_wall_clock_time() {
        let json = serde_json::to_string(&At(Instant::now() + Duration::from_secs(60))).unwrap();
        let At(back) = serde_json::from_str(&json).unwrap();
        let left = back.saturating_duration_since(Instant::now());
        assert!(
            left > Duration::from_secs(58) && left <= Duration::from_secs(60),
            "{left:?}"
        );
        let At(past) = serde_json::from_str("0").unwrap();
        assert!(past <= Instant::now(), "a past time is due");
        // Far beyond what the clocks hold on some platforms: an answer, never a panic.
        let _ = serde_json::from_str::<At>(&u64::MAX.to_string());
    }

    #[test]
    fn an_older_snapshot_never_replaces_a_newer_one() {
        let (_scratch, path) = temporary_path("order.json");
        let key = ServerKey::generate().unwrap();
        let file = StateFile::new(&path, &key).unwrap();
        let mut state = State::default();
        state.create_user("older", NewUser::Person, 1);
        let older = file.snapshot(&state).unwrap();
        state.create_user("newer", NewUser::Person, 1);
        let newer = file.snapshot(&state).unwrap();
        file.write(newer).unwrap();
        file.write(older).unwrap();
        let (loaded_key, loaded) = load(&path).unwrap().expect("written");
        assert!(loaded.api_keys.contains_key("newer"));
        assert_eq!(loaded_key.public_pem(), key.public_pem());
    }

    #[test]
    fn missing_damaged_and_foreign_files() {
        let (_scratch, path) = temporary_path("damaged.json");
        assert!(load(&path).unwrap().is_none());
        for (content, reason) in [
            ("{\"format\": 1, \"state\"", "EOF"),
            ("{\"format\": 2}", "format 2"),
            (
                "{\"format\": 1, \"server_private_key_pem\": \"x\", \"state\": {}}",
                "missing",
            ),
        ] {
            fs::write(&path, content).unwrap();
            let error = load(&path).err().expect("refused");
            assert_eq!(error.kind(), io::ErrorKind::InvalidData);
            let message = error.to_string();
            assert!(message.contains(&path.display().to_string()), "{message}");
            assert!(message.contains(reason), "{message}");
        }
    }
}
