//! A failed call, as the C side will see it: a status plus what the last-error accessors show.

use bunq::{ApiFailure, Error, ErrorKind};

use super::status::bunq_status;

/// Why a call failed. Built from a core [`Error`] or from a check at the boundary.
#[derive(Debug, Clone)]
pub(crate) struct Failure {
    pub status: bunq_status,
    /// Never contains a secret: core messages don't, and boundary messages name arguments,
    /// not their values.
    pub message: String,
    pub step: Option<String>,
    pub api: Option<ApiFailure>,
}

/// What every function body returns inside the boundary.
pub(crate) type Outcome<T = ()> = Result<T, Failure>;

impl Failure {
    /// Like a core error's, the message is cut at 8 KiB (it may repeat a caller's key): it
    /// is made as one, so that the rule lives in one place.
    pub fn new(status: bunq_status, message: impl Into<String>) -> Failure {
        let message = Error::new(ErrorKind::InvalidInput, message);
        Failure {
            status,
            message: message.message().to_owned(),
            step: None,
            api: None,
        }
    }

    pub fn null_argument(name: &str) -> Failure {
        Failure::new(
            bunq_status::BUNQ_ERROR_NULL_ARGUMENT,
            format!("{name} is NULL"),
        )
    }

    pub fn invalid_input(message: impl Into<String>) -> Failure {
        Failure::new(bunq_status::BUNQ_ERROR_INVALID_INPUT, message)
    }
}

impl From<Error> for Failure {
    fn from(error: Error) -> Failure {
        Failure {
            status: error.kind().into(),
            message: error.to_string(),
            step: error.step().map(|step| step.to_string()),
            api: error.api_failure().cloned(),
        }
    }
}
