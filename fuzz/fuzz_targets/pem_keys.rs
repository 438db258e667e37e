//! PEM and key import: private keys (PKCS#8, PKCS#1, CRLF, stray white space), public keys
//! (SPKI, PKCS#1), PSD2 certificates. Any text is a key or an invalid-input error; an
//! imported key saves as PKCS#8, re-imports to the same key and signs what its public key
//! verifies; no error message and no `Debug` output quotes the key material given.

#![no_main]

use bunq::{ErrorKind, KeyPair, Psd2Certificate, PublicKey};
use bunq_context_fuzz::keys::client_key;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    bunq_context_fuzz::secrets::running(data);
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    private_key(text);
    public_key(text);
    let certificate = Psd2Certificate::new(text, text, client_key().clone());
    assert_eq!(
        certificate.is_ok(),
        text.contains("-----BEGIN CERTIFICATE-----")
    );
    if let Err(error) = certificate {
        assert_eq!(error.kind(), ErrorKind::InvalidInput);
    }
});

fn private_key(text: &str) {
    match KeyPair::from_private_key_pem(text) {
        Ok(pair) => {
            assert!(
                pair.private_key_pem()
                    .starts_with("-----BEGIN PRIVATE KEY-----\n")
            );
            let again = KeyPair::from_private_key_pem(pair.private_key_pem()).unwrap();
            assert_eq!(again.private_key_pem(), pair.private_key_pem());
            assert_eq!(again.public_key(), pair.public_key());
            let public = PublicKey::from_pem(pair.public_key_pem()).unwrap();
            assert_eq!(&public, pair.public_key());
            let signature = pair.sign(b"{\"amount\":\"0.01\"}").unwrap();
            public.verify(b"{\"amount\":\"0.01\"}", &signature).unwrap();
            let wrong = public
                .verify(b"{\"amount\":\"1.00\"}", &signature)
                .unwrap_err();
            assert_eq!(wrong.kind(), ErrorKind::Signature);
            let debug = format!("{pair:?}");
            // The public key is shown, and it shares the modulus with the private key.
            let public_pem = pair.public_key_pem();
            assert_no_key_material(&debug, text, public_pem, "Debug of KeyPair");
            assert_no_key_material(
                &debug,
                pair.private_key_pem(),
                public_pem,
                "Debug of KeyPair",
            );
        }
        Err(error) => {
            assert_eq!(error.kind(), ErrorKind::InvalidInput, "{error}");
            assert_no_key_material(&error.to_string(), text, "", "the error message");
            assert_no_key_material(&format!("{error:?}"), text, "", "Debug of the error");
        }
    }
}

fn public_key(text: &str) {
    match PublicKey::from_pem(text) {
        Ok(key) => {
            assert_eq!(key.pem(), text, "the PEM is kept as given");
            assert_eq!(PublicKey::from_pem(key.pem()).unwrap(), key);
            // Garbage of every shape is a signature error, never a panic or a pass.
            for signature in ["", "AAAA", "%%%", text] {
                let error = key.verify(text.as_bytes(), signature).unwrap_err();
                assert_eq!(error.kind(), ErrorKind::Signature);
            }
        }
        Err(error) => assert_eq!(error.kind(), ErrorKind::InvalidInput, "{error}"),
    }
}

/// No run of 24 or more base64 characters of `pem` appears in `text`, unless it is a part
/// of `public` (what may be shown).
fn assert_no_key_material(text: &str, pem: &str, public: &str, what: &str) {
    for run in text.split(|c: char| !(c.is_ascii_alphanumeric() || "+/=".contains(c))) {
        if run.len() >= 24 && pem.contains(run) && !public.contains(run) {
            panic!("{what} quotes key material {run:?}: {text}");
        }
    }
}
