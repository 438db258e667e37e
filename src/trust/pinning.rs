//! Public-key pinning: a server is believed only if its certificate's key is one of the pinned
//! ones, on top of the normal verification.
//!
//! A pin is the SHA-256 of the leaf certificate's SubjectPublicKeyInfo, base64-encoded: the
//! `pin-sha256` convention of RFC 7469, the value
//! `openssl x509 -pubkey -noout | openssl pkey -pubin -outform der | openssl dgst -sha256 -binary | base64`
//! prints. Pinning the key rather than the certificate survives a renewal that keeps the key.

use std::fmt;
use std::sync::Arc;

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use rustls::client::WebPkiServerVerifier;
use rustls::client::danger::{HandshakeSignatureValid, ServerCertVerified, ServerCertVerifier};
use rustls::pki_types::{CertificateDer, ServerName, UnixTime};
use rustls::server::ParsedCertificate;
use rustls::{CertificateError, DigitallySignedStruct, OtherError, SignatureScheme};

use crate::crypto::library;
use crate::error::{Error, Result};

/// The pinned key hashes, decoded.
#[derive(Debug, Clone, Default)]
pub(crate) struct PinnedKeys(Vec<[u8; 32]>);

impl PinnedKeys {
    /// Decodes `pin-sha256` values (an `sha256/` prefix, as some tools print, is accepted).
    pub(crate) fn parse(pins: &[String]) -> Result<PinnedKeys> {
        pins.iter()
            .map(|pin| decode_pin(pin))
            .collect::<Result<Vec<_>>>()
            .map(PinnedKeys)
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    fn contains(&self, hash: &[u8; 32]) -> bool {
        self.0.iter().any(|pin| pin == hash)
    }
}

fn decode_pin(pin: &str) -> Result<[u8; 32]> {
    let text = pin.trim();
    let text = text.strip_prefix("sha256/").unwrap_or(text);
    STANDARD
        .decode(text)
        .ok()
        .and_then(|bytes| <[u8; 32]>::try_from(bytes).ok())
        .ok_or_else(|| {
            Error::invalid_input(format!(
                "{pin:?} is not a pin-sha256 value (the base64 of a 32-byte SHA-256 hash)"
            ))
        })
}

/// The `pin-sha256` value of a DER certificate's key, or `None` for a certificate that cannot
/// be parsed.
pub(crate) fn pin_of_certificate(certificate: &CertificateDer<'_>) -> Option<String> {
    let parsed = ParsedCertificate::try_from(certificate).ok()?;
    Some(STANDARD.encode(spki_hash(&parsed)))
}

fn spki_hash(certificate: &ParsedCertificate<'_>) -> [u8; 32] {
    let spki = certificate.subject_public_key_info();
    let digest = library::digest::digest(&library::digest::SHA256, spki.as_ref());
    let mut hash = [0; 32];
    hash.copy_from_slice(digest.as_ref());
    hash
}

/// The server's key matched none of the pins; carried inside rustls' error so that the
/// transport can name it.
#[derive(Debug)]
pub(crate) struct PinMismatch {
    /// The `pin-sha256` of the key the server presented.
    pub(crate) presented: String,
}

impl fmt::Display for PinMismatch {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "pinned key mismatch: the server's key has pin-sha256 {}, which is not pinned",
            self.presented
        )
    }
}

impl std::error::Error for PinMismatch {}

/// webpki's verification, then the pins.
#[derive(Debug)]
pub(crate) struct PinningVerifier {
    webpki: Arc<WebPkiServerVerifier>,
    pins: PinnedKeys,
}

impl PinningVerifier {
    pub(crate) fn new(webpki: Arc<WebPkiServerVerifier>, pins: PinnedKeys) -> PinningVerifier {
        PinningVerifier { webpki, pins }
    }
}

impl ServerCertVerifier for PinningVerifier {
    fn verify_server_cert(
        &self,
        end_entity: &CertificateDer<'_>,
        intermediates: &[CertificateDer<'_>],
        server_name: &ServerName<'_>,
        ocsp_response: &[u8],
        now: UnixTime,
    ) -> std::result::Result<ServerCertVerified, rustls::Error> {
        // Trust first: a pin narrows trust, it never replaces it.
        let verified = self.webpki.verify_server_cert(
            end_entity,
            intermediates,
            server_name,
            ocsp_response,
            now,
        )?;
        let hash = spki_hash(&ParsedCertificate::try_from(end_entity)?);
        if self.pins.contains(&hash) {
            return Ok(verified);
        }
        let mismatch = PinMismatch {
            presented: STANDARD.encode(hash),
        };
        Err(rustls::Error::InvalidCertificate(CertificateError::Other(
            OtherError(Arc::new(mismatch)),
        )))
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> std::result::Result<HandshakeSignatureValid, rustls::Error> {
        self.webpki.verify_tls12_signature(message, cert, dss)
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> std::result::Result<HandshakeSignatureValid, rustls::Error> {
        self.webpki.verify_tls13_signature(message, cert, dss)
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        self.webpki.supported_verify_schemes()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pins_decode_with_or_without_the_sha256_prefix() {
        let pin = STANDARD.encode([7u8; 32]);
        let keys = PinnedKeys::parse(&[pin.clone(), format!("sha256/{pin}")]).unwrap();
        assert!(keys.contains(&[7u8; 32]));
        assert_eq!(keys.0.len(), 2);
    }

    #[test]
    fn a_pin_of_the_wrong_length_or_alphabet_is_refused() {
        for bad in [STANDARD.encode([1u8; 20]), "not base64!".to_owned()] {
            let error = PinnedKeys::parse(std::slice::from_ref(&bad)).unwrap_err();
            assert!(error.message().contains("pin-sha256"), "{error}");
            assert!(error.message().contains(&bad), "{error}");
        }
    }
}
