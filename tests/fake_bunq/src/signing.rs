//! The server's own RSA key and the checks of client signatures.
//!
//! The client's signatures are checked with the `rsa` crate (PKCS#1 v1.5 with SHA-256), an
//! implementation independent of the client library's (ring), so that a signing bug in the
//! client cannot be mirrored by the fake. The server's own answers are signed with ring,
//! constant-time and about six times faster than `rsa` (0.7 against 4-5 ms an answer here):
//! with `rsa` signing, the fake's cost per answer hid the client's in every benchmark. The
//! client's verification of those answers still cross-checks ring against the key `rsa` made.
//! Signatures of recent bodies are kept (PKCS#1 v1.5 is deterministic, so a kept signature
//! is the very bytes a new one would be): a client polling the same object pays for its
//! own work only, as against a server that answers from a cache.

use std::collections::HashMap;
use std::io;
use std::sync::Mutex;

use base64::Engine;
use base64::engine::general_purpose::STANDARD as BASE64;
use ring::rand::SystemRandom;
use ring::signature::{RSA_PKCS1_SHA256, RsaKeyPair};
use rsa::pkcs8::{
    DecodePrivateKey, DecodePublicKey, EncodePrivateKey, EncodePublicKey, LineEnding,
};
use rsa::{PrivateKey, PublicKey};
use sha2::{Digest, Sha256};

/// How many recent signatures are kept; past that the store starts over.
const KEPT_SIGNATURES: usize = 256;

/// The RSA-2048 key the server signs its answers with; generated once per server start, or
/// kept in the state file so that saved client contexts still verify the answers.
pub(crate) struct ServerKey {
    private: PrivateKey,
    /// The same key, parsed once by ring for signing.
    signer: RsaKeyPair,
    /// Base64 signatures of recent bodies, by the bodies' SHA-256.
    recent: Mutex<HashMap<[u8; 32], String>>,
    public_pem: String,
}

impl ServerKey {
    /// A fresh RSA-2048 key.
    pub(crate) fn generate() -> io::Result<ServerKey> {
        let private = PrivateKey::new(&mut getrandom::SysRng, 2048).map_err(io::Error::other)?;
        ServerKey::from_private(private)
    }

    /// The key saved by [`ServerKey::private_pem`]; `None` if the PEM is no PKCS#8 RSA key.
    pub(crate) fn from_private_pem(pem: &str) -> Option<ServerKey> {
        let private = PrivateKey::from_pkcs8_pem(pem).ok()?;
        ServerKey::from_private(private).ok()
    }

    fn from_private(private: PrivateKey) -> io::Result<ServerKey> {
        let public_pem = private
            .to_public_key()
            .to_public_key_pem(LineEnding::LF)
            .map_err(io::Error::other)?;
        let der = private.to_pkcs8_der().map_err(io::Error::other)?;
        let signer = RsaKeyPair::from_pkcs8(der.as_bytes())
            .map_err(|rejected| io::Error::other(rejected.to_string()))?;
        Ok(ServerKey {
            private,
            signer,
            recent: Mutex::new(HashMap::new()),
            public_pem,
        })
    }

    /// The private key as PKCS#8 PEM, for the state file.
    pub(crate) fn private_pem(&self) -> io::Result<String> {
        let pem = self
            .private
            .to_pkcs8_pem(LineEnding::LF)
            .map_err(io::Error::other)?;
        Ok(pem.as_str().to_owned())
    }

    /// The public half as SPKI PEM, as bunq hands it out at installation.
    pub(crate) fn public_pem(&self) -> &str {
        &self.public_pem
    }

    /// Base64 of the RSASSA-PKCS1-v1_5 SHA-256 signature over `body`.
    pub(crate) fn sign(&self, body: &[u8]) -> Option<String> {
        let digest: [u8; 32] = Sha256::digest(body).into();
        if let Some(kept) = self.recent().get(&digest) {
            return Some(kept.clone());
        }
        let signature = BASE64.encode(self.signature(body)?);
        let mut recent = self.recent();
        if recent.len() >= KEPT_SIGNATURES {
            recent.clear();
        }
        recent.insert(digest, signature.clone());
        Some(signature)
    }

    fn recent(&self) -> std::sync::MutexGuard<'_, HashMap<[u8; 32], String>> {
        self.recent
            .lock()
            .unwrap_or_else(|poison| poison.into_inner())
    }

    fn signature(&self, body: &[u8]) -> Option<Vec<u8>> {
        let mut signature = vec![0; self.signer.public().modulus_len()];
        self.signer
            .sign(
                &RSA_PKCS1_SHA256,
                &SystemRandom::new(),
                body,
                &mut signature,
            )
            .ok()?;
        Some(signature)
    }

    /// A signature that looks right (valid base64, right length) but does not verify.
    pub(crate) fn tampered_signature(&self, body: &[u8]) -> Option<String> {
        let mut signature = self.signature(body)?;
        if let Some(last) = signature.last_mut() {
            *last ^= 0x01;
        }
        Some(BASE64.encode(signature))
    }
}

/// Read a client's public key given as SPKI PEM ("BEGIN PUBLIC KEY").
pub(crate) fn parse_public_key_pem(pem: &str) -> Option<PublicKey> {
    PublicKey::from_public_key_pem(pem.trim()).ok()
}

/// Whether `signature_base64` is a valid RSASSA-PKCS1-v1_5 SHA-256 signature over `message`.
pub(crate) fn verifies(key: &PublicKey, message: &[u8], signature_base64: &str) -> bool {
    let Ok(signature) = BASE64.decode(signature_base64.trim()) else {
        return false;
    };
    key.pkcs1v15_verify::<Sha256>(message, &signature).is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn own_signatures_verify_and_tampered_ones_do_not() {
        let key = ServerKey::generate().expect("key generation");
        let public = parse_public_key_pem(key.public_pem()).expect("own PEM parses");
        let body = b"{\"Response\":[]}";
        let good = key.sign(body).expect("signs");
        let bad = key.tampered_signature(body).expect("signs");
        assert!(verifies(&public, body, &good));
        assert!(!verifies(&public, body, &bad));
        assert!(!verifies(&public, b"other", &good));
        assert!(!verifies(&public, body, "not base64!"));
    }

    #[test]
    fn ring_signs_exactly_what_the_rsa_crate_signs() {
        // PKCS#1 v1.5 is deterministic: the two implementations must agree byte for byte.
        let key = ServerKey::generate().expect("key generation");
        let body = b"{\"Response\":[{\"Id\":{\"id\":1}}]}";
        let independent = key.private.pkcs1v15_sign::<Sha256>(body).expect("signs");
        assert_eq!(key.sign(body), Some(BASE64.encode(&independent)));
        // A kept signature is the same again; another body gets its own.
        assert_eq!(key.sign(body), Some(BASE64.encode(&independent)));
        let other = key
            .private
            .pkcs1v15_sign::<Sha256>(b"other")
            .expect("signs");
        assert_eq!(key.sign(b"other"), Some(BASE64.encode(other)));
    }

    #[test]
    fn the_private_pem_gives_back_the_same_key() {
        let key = ServerKey::generate().expect("key generation");
        let pem = key.private_pem().expect("encodes");
        let again = ServerKey::from_private_pem(&pem).expect("own PEM parses");
        assert_eq!(again.public_pem(), key.public_pem());
        assert!(ServerKey::from_private_pem("-----BEGIN PRIVATE KEY-----\nAAAA\n").is_none());
    }
}
