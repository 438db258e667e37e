//! A failed TLS handshake, said plainly: which host, and what was wrong with it.
//!
//! rustls reports `invalid peer certificate: UnknownIssuer`; a user needs "certificate not
//! trusted", the host, and what to do about it.

use std::fmt;

use rustls::{AlertDescription, CertificateError};

use crate::trust::pinning::PinMismatch;

/// The TLS handshake with `host` failed with `error`.
#[derive(Debug)]
pub(crate) struct TlsFailure {
    host: String,
    error: rustls::Error,
}

impl TlsFailure {
    pub(crate) fn new(host: &str, error: rustls::Error) -> TlsFailure {
        TlsFailure {
            host: host.to_owned(),
            error,
        }
    }
}

impl fmt::Display for TlsFailure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "TLS handshake with {} failed: {}",
            self.host,
            describe(&self.error)
        )
    }
}

impl std::error::Error for TlsFailure {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        Some(&self.error)
    }
}

fn describe(error: &rustls::Error) -> String {
    match error {
        rustls::Error::InvalidCertificate(certificate) => describe_certificate(certificate),
        rustls::Error::AlertReceived(alert) => describe_alert(*alert),
        other => other.to_string(),
    }
}

fn describe_certificate(error: &CertificateError) -> String {
    match error {
        CertificateError::UnknownIssuer => "certificate not trusted: it was not issued by a \
             trusted root certificate (for a test server or a company proxy, add its CA \
             certificate to the trusted roots)"
            .to_owned(),
        CertificateError::BadSignature | CertificateError::BadEncoding => {
            format!("certificate not trusted: the certificate is malformed ({error:?})")
        }
        CertificateError::NotValidForName => {
            "certificate for another host: the certificate does not name this host".to_owned()
        }
        CertificateError::NotValidForNameContext { presented, .. } => format!(
            "certificate for another host: the certificate is valid for {} only",
            if presented.is_empty() {
                "no host name".to_owned()
            } else {
                presented
                    .iter()
                    .map(|name| plain_name(name))
                    .collect::<Vec<_>>()
                    .join(", ")
            }
        ),
        CertificateError::Expired => "certificate expired".to_owned(),
        CertificateError::ExpiredContext { time, not_after } => format!(
            "certificate expired: valid until {}, now is {}",
            utc(not_after.as_secs()),
            utc(time.as_secs())
        ),
        CertificateError::NotValidYet | CertificateError::NotValidYetContext { .. } => {
            "certificate not valid yet (is this machine's clock right?)".to_owned()
        }
        CertificateError::Revoked => "certificate revoked".to_owned(),
        CertificateError::Other(other) => match other.0.downcast_ref::<PinMismatch>() {
            Some(mismatch) => mismatch.to_string(),
            None => format!("certificate not trusted: {other}"),
        },
        other => format!("certificate not trusted: {other:?}"),
    }
}

/// rustls names presented names as `DnsName("api.bunq.com")`; a reader wants the name.
fn plain_name(presented: &str) -> &str {
    presented
        .split_once("(\"")
        .and_then(|(_, rest)| rest.strip_suffix("\")"))
        .unwrap_or(presented)
}

fn utc(unix_seconds: u64) -> String {
    i64::try_from(unix_seconds)
        .ok()
        .and_then(|seconds| chrono::DateTime::from_timestamp(seconds, 0))
        .map_or_else(
            || format!("{unix_seconds} (unix time)"),
            |time| time.format("%Y-%m-%d %H:%M:%S UTC").to_string(),
        )
}

fn describe_alert(alert: AlertDescription) -> String {
    format!(
        "the server ended the handshake ({})",
        alert
            .as_str()
            .map_or_else(|| format!("{alert:?}"), str::to_owned)
    )
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;

    fn message(error: rustls::Error) -> String {
        TlsFailure::new("api.example", error).to_string()
    }

    #[test]
    fn presented_names_and_times_read_plainly() {
        assert_eq!(plain_name("DnsName(\"other.example\")"), "other.example");
        assert_eq!(plain_name("127.0.0.1"), "127.0.0.1");
        assert_eq!(utc(1_609_372_800), "2020-12-31 00:00:00 UTC");
    }

    #[test]
    fn each_certificate_problem_is_named_with_the_host() {
        let cases = [
            (CertificateError::UnknownIssuer, "certificate not trusted"),
            (
                CertificateError::NotValidForName,
                "certificate for another host",
            ),
            (CertificateError::Expired, "certificate expired"),
            (
                CertificateError::Other(rustls::OtherError(Arc::new(PinMismatch {
                    presented: "abc=".into(),
                }))),
                "pinned key mismatch",
            ),
        ];
        for (error, expected) in cases {
            let text = message(rustls::Error::InvalidCertificate(error));
            assert!(text.contains(expected), "{text}");
            assert!(
                text.starts_with("TLS handshake with api.example failed: "),
                "{text}"
            );
        }
    }
}
