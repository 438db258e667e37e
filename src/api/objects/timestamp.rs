//! bunq's timestamps: `"2017-07-05 08:33:46.963296"`, UTC, kept as sent.

use std::time::SystemTime;

use chrono::{DateTime, NaiveDateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::error::{Error, ErrorKind, Result, excerpt};

/// bunq's format, microseconds optional.
const FORMAT: &str = "%Y-%m-%d %H:%M:%S%.f";

/// A timestamp as bunq writes it (`"2017-07-05 08:33:46.963296"`, UTC). The text is kept
/// unchanged, so that writing the object back loses nothing; convert it when you need a time.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Timestamp(pub String);

impl Timestamp {
    /// The text as bunq sent it.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The time in UTC. A text not in bunq's format is a [`Json`](ErrorKind::Json) error.
    pub fn to_date_time(&self) -> Result<DateTime<Utc>> {
        NaiveDateTime::parse_from_str(&self.0, FORMAT)
            .map(|naive| naive.and_utc())
            .map_err(|error| {
                Error::new(
                    ErrorKind::Json,
                    format!(
                        "{:?} is not a bunq timestamp like \"2017-07-05 08:33:46.963296\"",
                        excerpt(&self.0)
                    ),
                )
                .with_source(error)
            })
    }

    /// The time as a [`SystemTime`].
    pub fn to_system_time(&self) -> Result<SystemTime> {
        self.to_date_time().map(SystemTime::from)
    }
}

impl From<DateTime<Utc>> for Timestamp {
    /// In bunq's format, with microseconds.
    fn from(time: DateTime<Utc>) -> Self {
        Timestamp(time.format("%Y-%m-%d %H:%M:%S%.6f").to_string())
    }
}
