//! The one status enum every fallible function returns.

use bunq::ErrorKind;

/// What a call did: `BUNQ_OK`, or the kind of failure. The numbers are part of the ABI and
/// never change meaning; details of a failure are in the `bunq_last_error_*` accessors.
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum bunq_status {
    /// Success: the out-parameters are written.
    BUNQ_OK = 0,
    /// bunq answered with an error status (4xx/5xx other than 429): see the HTTP status,
    /// descriptions and response id of the last error.
    BUNQ_ERROR_API = 1,
    /// bunq answered 429 Too Many Requests after the configured retries (HTTP status 429
    /// in the last error), or the call's time budget (the retry policy's total wait) ran out
    /// first: a wait for the client's rate limiter or for another thread's session renewal
    /// would have gone past it (HTTP status 0).
    BUNQ_ERROR_RATE_LIMITED = 2,
    /// The connection failed: DNS, refused, reset, TLS, proxy, a truncated answer.
    BUNQ_ERROR_TRANSPORT = 3,
    /// A connect or read timeout passed before bunq answered.
    BUNQ_ERROR_TIMEOUT = 4,
    /// A signature was wrong or missing (bunq's answer, or `bunq_public_key_verify`).
    BUNQ_ERROR_SIGNATURE = 5,
    /// JSON that was not JSON, or lacked an expected field (an argument, a saved context,
    /// an answer).
    BUNQ_ERROR_JSON = 6,
    /// Reading or writing a file failed.
    BUNQ_ERROR_IO = 7,
    /// An argument was unusable: a bad PEM, URL or method, an empty API key, ...
    BUNQ_ERROR_INVALID_INPUT = 8,
    /// A required pointer argument was NULL.
    BUNQ_ERROR_NULL_ARGUMENT = 9,
    /// A string argument was not valid UTF-8 (or an answer asked for as text was not).
    BUNQ_ERROR_INVALID_UTF8 = 10,
    /// A bug in the library: a panic was caught at the boundary. Please report it.
    BUNQ_ERROR_PANIC = 11,
}

impl bunq_status {
    /// Every status, in numeric order.
    pub(crate) const ALL: [bunq_status; 12] = [
        bunq_status::BUNQ_OK,
        bunq_status::BUNQ_ERROR_API,
        bunq_status::BUNQ_ERROR_RATE_LIMITED,
        bunq_status::BUNQ_ERROR_TRANSPORT,
        bunq_status::BUNQ_ERROR_TIMEOUT,
        bunq_status::BUNQ_ERROR_SIGNATURE,
        bunq_status::BUNQ_ERROR_JSON,
        bunq_status::BUNQ_ERROR_IO,
        bunq_status::BUNQ_ERROR_INVALID_INPUT,
        bunq_status::BUNQ_ERROR_NULL_ARGUMENT,
        bunq_status::BUNQ_ERROR_INVALID_UTF8,
        bunq_status::BUNQ_ERROR_PANIC,
    ];

    /// The constant's name as it appears in the header, NUL-terminated.
    pub(crate) fn name_with_nul(self) -> &'static str {
        match self {
            bunq_status::BUNQ_OK => "BUNQ_OK\0",
            bunq_status::BUNQ_ERROR_API => "BUNQ_ERROR_API\0",
            bunq_status::BUNQ_ERROR_RATE_LIMITED => "BUNQ_ERROR_RATE_LIMITED\0",
            bunq_status::BUNQ_ERROR_TRANSPORT => "BUNQ_ERROR_TRANSPORT\0",
            bunq_status::BUNQ_ERROR_TIMEOUT => "BUNQ_ERROR_TIMEOUT\0",
            bunq_status::BUNQ_ERROR_SIGNATURE => "BUNQ_ERROR_SIGNATURE\0",
            bunq_status::BUNQ_ERROR_JSON => "BUNQ_ERROR_JSON\0",
            bunq_status::BUNQ_ERROR_IO => "BUNQ_ERROR_IO\0",
            bunq_status::BUNQ_ERROR_INVALID_INPUT => "BUNQ_ERROR_INVALID_INPUT\0",
            bunq_status::BUNQ_ERROR_NULL_ARGUMENT => "BUNQ_ERROR_NULL_ARGUMENT\0",
            bunq_status::BUNQ_ERROR_INVALID_UTF8 => "BUNQ_ERROR_INVALID_UTF8\0",
            bunq_status::BUNQ_ERROR_PANIC => "BUNQ_ERROR_PANIC\0",
        }
    }
}

impl From<ErrorKind> for bunq_status {
    fn from(kind: ErrorKind) -> Self {
        match kind {
            ErrorKind::Api => bunq_status::BUNQ_ERROR_API,
            ErrorKind::RateLimited => bunq_status::BUNQ_ERROR_RATE_LIMITED,
            ErrorKind::Transport => bunq_status::BUNQ_ERROR_TRANSPORT,
            ErrorKind::Timeout => bunq_status::BUNQ_ERROR_TIMEOUT,
            ErrorKind::Signature => bunq_status::BUNQ_ERROR_SIGNATURE,
            ErrorKind::Json => bunq_status::BUNQ_ERROR_JSON,
            ErrorKind::Io => bunq_status::BUNQ_ERROR_IO,
            ErrorKind::InvalidInput => bunq_status::BUNQ_ERROR_INVALID_INPUT,
            // The core's kinds are non-exhaustive; a test below checks that each one has
            // its own status, so this is never reached.
            _ => bunq_status::BUNQ_ERROR_PANIC,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_numbers_are_stable_and_names_match() {
        for (number, status) in bunq_status::ALL.iter().enumerate() {
            assert_eq!(*status as usize, number);
            assert!(status.name_with_nul().starts_with("BUNQ_"));
            assert!(status.name_with_nul().ends_with('\0'));
        }
    }

    #[test]
    fn every_kind_of_core_error_has_a_status_of_its_own() {
        let statuses: Vec<bunq_status> = ErrorKind::ALL.into_iter().map(Into::into).collect();
        for (kind, status) in ErrorKind::ALL.iter().zip(&statuses) {
            assert_ne!(*status, bunq_status::BUNQ_ERROR_PANIC, "{kind:?}");
            assert_eq!(statuses.iter().filter(|other| *other == status).count(), 1);
        }
    }
}
