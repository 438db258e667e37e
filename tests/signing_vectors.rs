//! The signing vectors of an independent implementation, reproduced byte for byte.
//!
//! `tests/data/signing_vectors.json` holds a key pair and bodies (empty, JSON in several
//! serializations, Unicode, CRLF, every byte value, 1 MiB) with the signature each must get.

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as BASE64;
use bunq::{ErrorKind, KeyPair, PublicKey};
use serde_json::Value;
use sha2::{Digest, Sha256};

fn vectors() -> Value {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/data/signing_vectors.json"
    ))
    .expect("tests/data/signing_vectors.json is part of the repository");
    serde_json::from_str(&text).unwrap()
}

/// A body is given as base64, or (the 1 MiB one) as a UTF-8 unit repeated; either way its
/// SHA-256 must match, so a damaged vector file fails loudly rather than testing nothing.
fn body_of(vector: &Value) -> Vec<u8> {
    let body = match vector.get("body_b64").and_then(Value::as_str) {
        Some(b64) => BASE64.decode(b64).unwrap(),
        None => {
            let repeat = &vector["body_repeat"];
            let unit = repeat["unit_utf8"].as_str().unwrap();
            unit.repeat(repeat["times"].as_u64().unwrap() as usize)
                .into_bytes()
        }
    };
    let digest = Sha256::digest(&body);
    let hex: String = digest.iter().map(|byte| format!("{byte:02x}")).collect();
    assert_eq!(
        hex,
        vector["body_sha256"].as_str().unwrap(),
        "{}",
        vector["name"]
    );
    body
}

#[test]
fn every_vector_signs_to_the_expected_bytes_and_verifies() {
    let vectors = vectors();
    let key =
        KeyPair::from_private_key_pem(vectors["private_key_pkcs8_pem"].as_str().unwrap()).unwrap();
    let public = PublicKey::from_pem(vectors["public_key_pem"].as_str().unwrap()).unwrap();
    assert_eq!(
        key.public_key_pem(),
        vectors["public_key_pem"].as_str().unwrap()
    );
    let list = vectors["vectors"].as_array().unwrap();
    assert!(list.len() >= 10, "the vector file lost vectors");
    for vector in list {
        let name = vector["name"].as_str().unwrap();
        let body = body_of(vector);
        assert_eq!(
            body.len() as u64,
            vector["body_len"].as_u64().unwrap(),
            "{name}"
        );
        let expected = vector["signature_b64"].as_str().unwrap();
        assert_eq!(key.sign(&body).unwrap(), expected, "signature of {name}");
        public.verify(&body, expected).unwrap();
    }
}

#[test]
fn a_changed_byte_fails_verification() {
    let vectors = vectors();
    let public = PublicKey::from_pem(vectors["public_key_pem"].as_str().unwrap()).unwrap();
    for vector in vectors["vectors"].as_array().unwrap() {
        let mut body = body_of(vector);
        body.push(b' ');
        let error = public
            .verify(&body, vector["signature_b64"].as_str().unwrap())
            .unwrap_err();
        assert_eq!(error.kind(), ErrorKind::Signature);
    }
}

#[test]
fn a_pkcs1_pem_of_the_same_key_signs_identically() {
    use rsa::pkcs1::{EncodeRsaPrivateKey, LineEnding};
    use rsa::pkcs8::DecodePrivateKey;
    let vectors = vectors();
    let pkcs8 = vectors["private_key_pkcs8_pem"].as_str().unwrap();
    let pkcs1 = rsa::PrivateKey::from_pkcs8_pem(pkcs8)
        .unwrap()
        .to_pkcs1_pem(LineEnding::CRLF)
        .unwrap();
    let key = KeyPair::from_private_key_pem(&pkcs1).unwrap();
    let vector = &vectors["vectors"][2];
    assert_eq!(
        key.sign(&body_of(vector)).unwrap(),
        vector["signature_b64"].as_str().unwrap()
    );
    assert_eq!(
        key.private_key_pem(),
        KeyPair::from_private_key_pem(pkcs8)
            .unwrap()
            .private_key_pem()
    );
}
