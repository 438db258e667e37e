//! The private keys `bunq_key_pair_sign` parsed last, kept so that signing again with the
//! same PEM skips parsing it (parsing costs about half as much again as the signature).
//!
//! Every front door's stand-alone `sign` (Python's `sign`, PHP's `Signing::sign`, C#'s
//! `Signing.Sign`) goes through `bunq_key_pair_sign`, so the bindings keep no keys of their
//! own. Keys are found by the SHA-256 of their PEM; a bad PEM is never kept. The list is only
//! ever tried, never waited for: a thread that finds it busy (another thread is looking a
//! key up, or was when this process was forked from its parent, and will never let go here)
//! parses the PEM itself, which is slower but never blocks.

use std::sync::{Arc, Mutex, MutexGuard, TryLockError};

use bunq::{KeyPair, Result};
use sha2::{Digest, Sha256};

/// How many parsed keys are kept.
pub(crate) const KEPT: usize = 8;

type Fingerprint = [u8; 32];

/// A parsed key and the SHA-256 of the PEM it was parsed from.
type Kept = (Fingerprint, Arc<KeyPair>);

/// The parsed keys, most recently used last. Shared rather than cloned, so that no copy of a
/// private key is made per signature.
pub(crate) struct KeptKeys {
    keys: Mutex<Vec<Kept>>,
}

/// The keys `bunq_key_pair_sign` keeps for the whole process.
pub(crate) static SIGNING_KEYS: KeptKeys = KeptKeys::new();

impl KeptKeys {
    pub(crate) const fn new() -> KeptKeys {
        KeptKeys {
            keys: Mutex::new(Vec::new()),
        }
    }

    /// The key of `pem`: a kept one, or parsed now and kept (unless the PEM is bad).
    pub(crate) fn key_for(&self, pem: &str) -> Result<Arc<KeyPair>> {
        let fingerprint: Fingerprint = Sha256::digest(pem.as_bytes()).into();
        if let Some(key) = self.find(&fingerprint) {
            return Ok(key);
        }
        let key = Arc::new(KeyPair::from_private_key_pem(pem)?);
        self.keep(fingerprint, Arc::clone(&key));
        Ok(key)
    }

    /// The kept key with `fingerprint`, now the most recently used.
    fn find(&self, fingerprint: &Fingerprint) -> Option<Arc<KeyPair>> {
        let mut keys = self.try_lock()?;
        let index = keys.iter().position(|(kept, _)| kept == fingerprint)?;
        let entry = keys.remove(index);
        let key = Arc::clone(&entry.1);
        keys.push(entry);
        Some(key)
    }

    /// Keeps `key`, letting the least recently used one go beyond [`KEPT`].
    fn keep(&self, fingerprint: Fingerprint, key: Arc<KeyPair>) {
        let Some(mut keys) = self.try_lock() else {
            return;
        };
        // Another thread may have parsed the same PEM meanwhile.
        if keys.iter().any(|(kept, _)| *kept == fingerprint) {
            return;
        }
        keys.push((fingerprint, key));
        if keys.len() > KEPT {
            keys.remove(0);
        }
    }

    /// The list, unless it is busy (see the module's rules). A poisoned list is still
    /// whole: no code that holds it can panic between two changes.
    fn try_lock(&self) -> Option<MutexGuard<'_, Vec<Kept>>> {
        match self.keys.try_lock() {
            Ok(keys) => Some(keys),
            Err(TryLockError::Poisoned(poisoned)) => Some(poisoned.into_inner()),
            Err(TryLockError::WouldBlock) => None,
        }
    }

    #[cfg(test)]
    fn fingerprints(&self) -> Vec<Fingerprint> {
        self.keys.lock().unwrap().iter().map(|(f, _)| *f).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `count` different PEMs of one key (the parser takes trailing newlines), each a key
    /// of its own here.
    fn pems(count: usize) -> Vec<String> {
        let pem = KeyPair::generate().unwrap().private_key_pem().to_owned();
        (0..count)
            .map(|n| format!("{pem}{}", "\n".repeat(n)))
            .collect()
    }

    fn fingerprint(pem: &str) -> Fingerprint {
        Sha256::digest(pem.as_bytes()).into()
    }

    #[test]
    fn a_key_is_parsed_once_and_the_least_recently_used_goes_first() {
        let kept = KeptKeys::new();
        let pems = pems(KEPT + 1);
        let first = kept.key_for(&pems[0]).unwrap();
        for pem in &pems[1..KEPT] {
            kept.key_for(pem).unwrap();
        }
        let again = kept.key_for(&pems[0]).unwrap();
        assert!(
            Arc::ptr_eq(&first, &again),
            "the kept key, not parsed again"
        );
        let signature = again.sign(b"data").unwrap();
        // Used again: kept once, now the most recently used.
        let order: Vec<Fingerprint> = pems[1..KEPT]
            .iter()
            .chain([&pems[0]])
            .map(|pem| fingerprint(pem))
            .collect();
        assert_eq!(kept.fingerprints(), order);
        kept.key_for(&pems[KEPT]).unwrap();
        let fingerprints = kept.fingerprints();
        assert_eq!(fingerprints.len(), KEPT);
        assert!(
            !fingerprints.contains(&fingerprint(&pems[1])),
            "the oldest goes"
        );
        assert_eq!(fingerprints.last(), Some(&fingerprint(&pems[KEPT])));
        // A kept key signs as a freshly parsed one does (PKCS#1 v1.5 is deterministic).
        let fresh = KeyPair::from_private_key_pem(&pems[0]).unwrap();
        assert_eq!(signature, fresh.sign(b"data").unwrap());
    }

    #[test]
    fn a_bad_pem_is_refused_every_time_and_never_kept() {
        let kept = KeptKeys::new();
        for _ in 0..2 {
            let error = kept
                .key_for("-----BEGIN PRIVATE KEY-----\nAAAA\n")
                .unwrap_err();
            assert_eq!(error.kind(), bunq::ErrorKind::InvalidInput, "{error}");
        }
        assert!(kept.fingerprints().is_empty());
    }

    #[test]
    fn a_busy_list_is_not_waited_for() {
        let kept = std::sync::Arc::new(KeptKeys::new());
        let pem = pems(1).remove(0);
        // As a forked child finds a list its parent's other thread held: never let go.
        let held = kept.keys.lock().unwrap();
        let (sender, signed) = std::sync::mpsc::channel();
        let (signer, key_pem) = (std::sync::Arc::clone(&kept), pem.clone());
        std::thread::spawn(move || {
            sender.send(signer.key_for(&key_pem).and_then(|key| key.sign(b"data")))
        });
        // A wait for the list would never end: fail instead of hanging.
        let signature = signed.recv_timeout(std::time::Duration::from_secs(60));
        assert!(signature.expect("signed without the list").is_ok());
        drop(held);
        assert!(kept.fingerprints().is_empty(), "parsed without keeping");
        kept.key_for(&pem).unwrap();
        assert_eq!(kept.fingerprints(), [fingerprint(&pem)]);
    }
}
