//! RSA keys and the signatures bunq asks for.
//!
//! bunq signs with RSASSA-PKCS1-v1_5 over SHA-256, base64-encoded, over the exact body bytes.
//! [`KeyPair`] holds the client's private key and signs; [`PublicKey`] verifies, typically the
//! server's key received at installation.
//!
//! Key generation and PEM/DER handling use the `rsa` crate (0.10, constant-time); signing and
//! verifying use `ring`, which is constant-time too and about five times faster.

use std::fmt;
use std::sync::Arc;

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as BASE64;
use ring::signature::{self, RsaKeyPair, UnparsedPublicKey};
use rsa::pkcs1::{DecodeRsaPrivateKey, DecodeRsaPublicKey, EncodeRsaPublicKey};
use rsa::pkcs8::{
    DecodePrivateKey, DecodePublicKey, EncodePrivateKey, EncodePublicKey, LineEnding,
};

use crate::error::{Error, ErrorKind, Result};
use crate::secret::Secret;

/// The key size bunq expects.
const KEY_BITS: usize = 2048;

/// An RSA key pair: the client key of an installation, or a PSD2 certificate's key.
///
/// Cloning is cheap (the parsed key is shared). `Debug` shows the public key only.
#[derive(Clone)]
pub struct KeyPair {
    private_pem: Secret,
    public_key: PublicKey,
    signer: Arc<RsaKeyPair>,
}

impl KeyPair {
    /// Generates a fresh RSA-2048 key pair from the operating system's random source.
    pub fn generate() -> Result<KeyPair> {
        let private = rsa::PrivateKey::new(&mut getrandom::SysRng, KEY_BITS).map_err(|error| {
            Error::new(
                ErrorKind::InvalidInput,
                format!("could not generate an RSA key: {error}"),
            )
        })?;
        KeyPair::from_rsa(&private)
    }

    /// Reads a private key from PEM: PKCS#8 (`BEGIN PRIVATE KEY`, what the official SDKs save)
    /// or PKCS#1 (`BEGIN RSA PRIVATE KEY`, what the C# SDK also reads).
    pub fn from_private_key_pem(pem: &str) -> Result<KeyPair> {
        let pem = normalize_pem(pem);
        let private = if pem.contains("BEGIN RSA PRIVATE KEY") {
            rsa::PrivateKey::from_pkcs1_pem(&pem)
                .map_err(|error| bad_pem("PKCS#1 private key", error))?
        } else if pem.contains("BEGIN PRIVATE KEY") {
            rsa::PrivateKey::from_pkcs8_pem(&pem)
                .map_err(|error| bad_pem("PKCS#8 private key", error))?
        } else {
            return Err(Error::invalid_input(
                "not a private key PEM: expected BEGIN PRIVATE KEY or BEGIN RSA PRIVATE KEY",
            ));
        };
        KeyPair::from_rsa(&private)
    }

    fn from_rsa(private: &rsa::PrivateKey) -> Result<KeyPair> {
        let der = private
            .to_pkcs8_der()
            .map_err(|error| bad_pem("private key", error))?;
        let signer = RsaKeyPair::from_pkcs8(der.as_bytes()).map_err(|rejected| {
            Error::invalid_input(format!("unusable RSA private key: {rejected}"))
        })?;
        let private_pem = private
            .to_pkcs8_pem(LineEnding::LF)
            .map_err(|error| bad_pem("private key", error))?;
        let public_key = PublicKey::from_rsa(&private.to_public_key())?;
        Ok(KeyPair {
            private_pem: Secret::new(private_pem.as_str()),
            public_key,
            signer: Arc::new(signer),
        })
    }

    /// The private key as PKCS#8 PEM (`BEGIN PRIVATE KEY`). Handle it as the secret it is.
    pub fn private_key_pem(&self) -> &str {
        self.private_pem.expose()
    }

    /// The public half.
    pub fn public_key(&self) -> &PublicKey {
        &self.public_key
    }

    /// The public key as SPKI PEM (`BEGIN PUBLIC KEY`), as sent at installation.
    pub fn public_key_pem(&self) -> &str {
        self.public_key.pem()
    }

    /// Signs `message` (RSASSA-PKCS1-v1_5, SHA-256) and returns the signature in base64, the
    /// value of `X-Bunq-Client-Signature` when `message` is the exact request body.
    pub fn sign(&self, message: &[u8]) -> Result<String> {
        let mut signature = vec![0u8; self.signer.public().modulus_len()];
        let rng = ring::rand::SystemRandom::new();
        self.signer
            .sign(&signature::RSA_PKCS1_SHA256, &rng, message, &mut signature)
            .map_err(|_| Error::new(ErrorKind::InvalidInput, "RSA signing failed"))?;
        Ok(BASE64.encode(signature))
    }
}

impl fmt::Debug for KeyPair {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("KeyPair")
            .field("private_key", &self.private_pem)
            .field("public_key", &self.public_key)
            .finish()
    }
}

/// An RSA public key that verifies bunq signatures.
#[derive(Clone, PartialEq, Eq)]
pub struct PublicKey {
    pem: String,
    /// The PKCS#1 `RSAPublicKey` DER that ring verifies with.
    pkcs1_der: Arc<[u8]>,
}

impl PublicKey {
    /// Reads a public key from PEM: SPKI (`BEGIN PUBLIC KEY`, what bunq sends) or PKCS#1
    /// (`BEGIN RSA PUBLIC KEY`). The PEM is kept as given, for saving.
    pub fn from_pem(pem: &str) -> Result<PublicKey> {
        let normalized = normalize_pem(pem);
        let key = if normalized.contains("BEGIN RSA PUBLIC KEY") {
            rsa::PublicKey::from_pkcs1_pem(&normalized)
                .map_err(|error| bad_pem("PKCS#1 public key", error))?
        } else if normalized.contains("BEGIN PUBLIC KEY") {
            rsa::PublicKey::from_public_key_pem(&normalized)
                .map_err(|error| bad_pem("public key", error))?
        } else {
            return Err(Error::invalid_input(
                "not a public key PEM: expected BEGIN PUBLIC KEY or BEGIN RSA PUBLIC KEY",
            ));
        };
        let mut public = PublicKey::from_rsa(&key)?;
        public.pem = pem.to_owned();
        Ok(public)
    }

    fn from_rsa(key: &rsa::PublicKey) -> Result<PublicKey> {
        let pem = key
            .to_public_key_pem(LineEnding::LF)
            .map_err(|error| bad_pem("public key", error))?;
        let der = key
            .to_pkcs1_der()
            .map_err(|error| bad_pem("public key", error))?;
        Ok(PublicKey {
            pem,
            pkcs1_der: der.as_bytes().into(),
        })
    }

    /// The key as PEM.
    pub fn pem(&self) -> &str {
        &self.pem
    }

    /// Checks that `signature_base64` is this key's RSASSA-PKCS1-v1_5 SHA-256 signature of
    /// `message`. Any mismatch, including bad base64, is an [`ErrorKind::Signature`] error.
    pub fn verify(&self, message: &[u8], signature_base64: &str) -> Result<()> {
        let signature = BASE64
            .decode(signature_base64.trim())
            .map_err(|_| Error::new(ErrorKind::Signature, "signature is not valid base64"))?;
        UnparsedPublicKey::new(&signature::RSA_PKCS1_2048_8192_SHA256, &self.pkcs1_der[..])
            .verify(message, &signature)
            .map_err(|_| Error::new(ErrorKind::Signature, "signature does not match"))
    }
}

impl fmt::Debug for PublicKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("PublicKey").field(&self.pem).finish()
    }
}

/// Accepts Windows line endings and stray surrounding white space, which other SDKs write.
fn normalize_pem(pem: &str) -> String {
    let mut normalized = pem.trim().replace("\r\n", "\n");
    normalized.push('\n');
    normalized
}

fn bad_pem(what: &str, error: impl fmt::Display) -> Error {
    Error::invalid_input(format!("invalid {what}: {error}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_generated_key_signs_what_its_public_key_verifies() {
        let pair = KeyPair::generate().unwrap();
        assert!(
            pair.private_key_pem()
                .starts_with("-----BEGIN PRIVATE KEY-----\n")
        );
        assert!(
            pair.public_key_pem()
                .starts_with("-----BEGIN PUBLIC KEY-----\n")
        );
        let signature = pair.sign(b"{\"a\":1}").unwrap();
        pair.public_key().verify(b"{\"a\":1}", &signature).unwrap();
        let wrong = pair
            .public_key()
            .verify(b"{\"a\":2}", &signature)
            .unwrap_err();
        assert_eq!(wrong.kind(), ErrorKind::Signature);
    }

    #[test]
    fn the_private_key_survives_a_pem_round_trip() {
        let pair = KeyPair::generate().unwrap();
        let again = KeyPair::from_private_key_pem(pair.private_key_pem()).unwrap();
        assert_eq!(again.public_key_pem(), pair.public_key_pem());
        assert_eq!(again.sign(b"x").unwrap(), pair.sign(b"x").unwrap());
    }

    #[test]
    fn debug_output_hides_the_private_key() {
        let pair = KeyPair::generate().unwrap();
        let debug = format!("{pair:?}");
        assert!(debug.contains("<redacted>"));
        assert!(!debug.contains("PRIVATE KEY"));
    }

    #[test]
    fn garbage_is_a_clear_invalid_input_error() {
        let error = KeyPair::from_private_key_pem("not a key").unwrap_err();
        assert_eq!(error.kind(), ErrorKind::InvalidInput);
        let error = KeyPair::from_private_key_pem(
            "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----",
        )
        .unwrap_err();
        assert_eq!(error.kind(), ErrorKind::InvalidInput);
        assert!(
            PublicKey::from_pem("-----BEGIN PUBLIC KEY-----\n!!\n-----END PUBLIC KEY-----")
                .is_err()
        );
        let pair = KeyPair::generate().unwrap();
        let error = pair.public_key().verify(b"x", "%%%").unwrap_err();
        assert_eq!(error.kind(), ErrorKind::Signature);
    }
}
