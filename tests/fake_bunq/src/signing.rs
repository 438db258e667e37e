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
//! own work only, as against a server that answers from a cache. And the answer a creating
//! `POST` will most likely give next (`{"Response":[{"Id":{"id":N}}]}` with the next id) is
//! signed ahead on a thread of its own, while the client reads this answer and signs its
//! next request: bunq signs on servers of its own, so its signing is never the client's
//! wait, and in a benchmark on two cores it should not be either. The work is the same (the
//! fake's CPU per answer still counts it), it only leaves the answer's path.

use std::collections::HashMap;
use std::io;
use std::sync::mpsc::{self, Receiver, Sender};
use std::sync::{Arc, Condvar, Mutex, MutexGuard};

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

/// Base64 signatures of recent bodies, by the bodies' SHA-256, and the body being signed
/// ahead, if any (its answer waits for it rather than signing it twice); the condition
/// variable wakes those waiting when a signature is kept.
type Recent = Arc<(Mutex<Kept>, Condvar)>;

#[derive(Default)]
struct Kept {
    signatures: HashMap<[u8; 32], String>,
    signing_ahead: Option<[u8; 32]>,
}

impl Kept {
    fn keep(&mut self, digest: [u8; 32], signature: String) {
        if self.signatures.len() >= KEPT_SIGNATURES {
            self.signatures.clear();
        }
        self.signatures.insert(digest, signature);
    }
}

/// The start and end of the answer to a creating `POST`, around the new id.
const CREATED_PREFIX: &[u8] = b"{\"Response\":[{\"Id\":{\"id\":";
const CREATED_SUFFIX: &[u8] = b"}}]}";

/// The RSA-2048 key the server signs its answers with; generated once per server start, or
/// kept in the state file so that saved client contexts still verify the answers.
pub(crate) struct ServerKey {
    private: PrivateKey,
    /// The same key, parsed once by ring for signing (shared with the sign-ahead thread).
    signer: Arc<RsaKeyPair>,
    recent: Recent,
    /// The last created id seen and the sign-ahead thread, started on the first one.
    ahead: Mutex<SignAhead>,
    public_pem: String,
}

#[derive(Default)]
struct SignAhead {
    last_created_id: Option<u64>,
    /// Dropped with the key, which ends the thread.
    bodies: Option<Sender<Vec<u8>>>,
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
            signer: Arc::new(signer),
            recent: Recent::default(),
            ahead: Mutex::new(SignAhead::default()),
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
        let signature = kept_or_signed(&self.signer, &self.recent, body)?;
        if let Some(id) = created_id(body) {
            self.sign_ahead(id);
        }
        Some(signature)
    }

    /// Hands the answer with the id expected after `id` (same step as from the last one) to
    /// the sign-ahead thread.
    fn sign_ahead(&self, id: u64) {
        let mut ahead = self
            .ahead
            .lock()
            .unwrap_or_else(|poison| poison.into_inner());
        let step = ahead
            .last_created_id
            .and_then(|last| id.checked_sub(last))
            .filter(|step| (1..=16).contains(step))
            .unwrap_or(1);
        ahead.last_created_id = Some(id);
        let Some(next) = id.checked_add(step) else {
            return;
        };
        let bodies = ahead.bodies.get_or_insert_with(|| {
            let (sender, receiver) = mpsc::channel();
            let (signer, recent) = (Arc::clone(&self.signer), Arc::clone(&self.recent));
            std::thread::spawn(move || sign_ahead_thread(&signer, &recent, &receiver));
            sender
        });
        let _ = bodies.send(created_body(next));
    }

    fn signature(&self, body: &[u8]) -> Option<Vec<u8>> {
        signature(&self.signer, body)
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

/// The kept signature of `body` (waiting for it if it is being signed ahead), or a new
/// one, then kept.
fn kept_or_signed(signer: &RsaKeyPair, recent: &Recent, body: &[u8]) -> Option<String> {
    let digest: [u8; 32] = Sha256::digest(body).into();
    let (kept, signed) = &**recent;
    let mut guard = lock(kept);
    loop {
        if let Some(signature) = guard.signatures.get(&digest) {
            return Some(signature.clone());
        }
        if guard.signing_ahead != Some(digest) {
            break;
        }
        guard = signed
            .wait(guard)
            .unwrap_or_else(|poison| poison.into_inner());
    }
    drop(guard);
    let signature = BASE64.encode(signature(signer, body)?);
    lock(kept).keep(digest, signature.clone());
    Some(signature)
}

fn lock(kept: &Mutex<Kept>) -> MutexGuard<'_, Kept> {
    kept.lock().unwrap_or_else(|poison| poison.into_inner())
}

fn signature(signer: &RsaKeyPair, body: &[u8]) -> Option<Vec<u8>> {
    let mut signature = vec![0; signer.public().modulus_len()];
    signer
        .sign(
            &RSA_PKCS1_SHA256,
            &SystemRandom::new(),
            body,
            &mut signature,
        )
        .ok()?;
    Some(signature)
}

/// Signs the bodies it is given, only the latest when several wait (older guesses are
/// stale); ends when the key, which holds the sender, is dropped.
fn sign_ahead_thread(signer: &RsaKeyPair, recent: &Recent, bodies: &Receiver<Vec<u8>>) {
    let (kept, signed) = &**recent;
    while let Ok(mut body) = bodies.recv() {
        while let Ok(newer) = bodies.try_recv() {
            body = newer;
        }
        let digest: [u8; 32] = Sha256::digest(&body).into();
        {
            let mut guard = lock(kept);
            if guard.signatures.contains_key(&digest) {
                continue;
            }
            guard.signing_ahead = Some(digest);
        }
        let signature = signature(signer, &body).map(|signature| BASE64.encode(signature));
        let mut guard = lock(kept);
        guard.signing_ahead = None;
        if let Some(signature) = signature {
            guard.keep(digest, signature);
        }
        signed.notify_all();
    }
}

/// The new id in the answer to a creating `POST`, if `body` is one.
fn created_id(body: &[u8]) -> Option<u64> {
    let digits = body
        .strip_prefix(CREATED_PREFIX)?
        .strip_suffix(CREATED_SUFFIX)?;
    std::str::from_utf8(digits).ok()?.parse().ok()
}

/// The answer to a creating `POST` that made `id`.
fn created_body(id: u64) -> Vec<u8> {
    [CREATED_PREFIX, id.to_string().as_bytes(), CREATED_SUFFIX].concat()
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
    fn the_answer_after_a_created_id_is_signed_ahead() {
        let key = ServerKey::generate().expect("key generation");
        let answer =
            |id: u64| crate::reply::Reply::ok(vec![serde_json::json!({ "Id": { "id": id } })]).body;
        assert_eq!(created_body(7), answer(7), "the fake's own answer format");
        assert_eq!(created_id(&answer(7)), Some(7));
        assert_eq!(created_id(b"{\"Response\":[]}"), None);
        key.sign(&answer(5)).expect("signs");
        key.sign(&answer(7)).expect("signs"); // a step of 2: 9 comes next
        let digest: [u8; 32] = Sha256::digest(answer(9)).into();
        let signed_ahead = || lock(&key.recent.0).signatures.get(&digest).cloned();
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
        while signed_ahead().is_none() && std::time::Instant::now() < deadline {
            std::thread::sleep(std::time::Duration::from_millis(5));
        }
        let independent = key
            .private
            .pkcs1v15_sign::<Sha256>(&answer(9))
            .expect("signs");
        assert_eq!(signed_ahead(), Some(BASE64.encode(independent)));
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
