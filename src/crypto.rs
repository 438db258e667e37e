//! The cryptography library underneath: ring (feature `ring`, the crate's default) or AWS-LC
//! through aws-lc-rs (feature `aws-lc`). It signs and verifies bunq's RSA signatures, hashes
//! certificate keys for pinning, and is rustls' crypto provider for HTTPS.
//!
//! aws-lc-rs was made as a drop-in for ring: the two share the API this crate uses, so the
//! rest of the crate names [`library`] and works with either. Differences are kept here:
//! AWS-LC can generate RSA keys (ring cannot: with ring the `rsa` crate does), and has code
//! paths for newer processors (AVX-512 IFMA) that ring lacks. With both features on, AWS-LC
//! is used. `docs/performance.md` compares them; `CRYPTO_LIBRARY` tells which one a build has.

#[cfg(not(any(feature = "ring", feature = "aws-lc")))]
compile_error!(
    "bunq-context needs a crypto library: enable the feature `ring` (the default) or `aws-lc`"
);

#[cfg(feature = "aws-lc")]
pub(crate) use aws_lc_rs as library;
#[cfg(all(feature = "ring", not(feature = "aws-lc")))]
pub(crate) use ring as library;

use library::signature::RsaKeyPair;

/// The library that signs, verifies and runs TLS in this build: `"aws-lc-rs"` (feature
/// `aws-lc`) or `"ring"` (the default).
pub const CRYPTO_LIBRARY: &str = if cfg!(feature = "aws-lc") {
    "aws-lc-rs"
} else {
    "ring"
};

/// rustls' provider from the same library, so that one library does all the cryptography.
pub(crate) fn rustls_provider() -> rustls::crypto::CryptoProvider {
    #[cfg(feature = "aws-lc")]
    let provider = rustls::crypto::aws_lc_rs::default_provider();
    #[cfg(not(feature = "aws-lc"))]
    let provider = rustls::crypto::ring::default_provider();
    provider
}

/// The length of `key`'s signatures (that of its modulus).
pub(crate) fn signature_len(key: &RsaKeyPair) -> usize {
    #[cfg(feature = "aws-lc")]
    let length = key.public_modulus_len();
    #[cfg(not(feature = "aws-lc"))]
    let length = key.public().modulus_len();
    length
}

/// A new RSA key of `bits` as PKCS#8 DER, when the library can make one: AWS-LC can (and
/// does so about as fast as OpenSSL), ring cannot (`None`: the caller uses the `rsa` crate).
/// `Some(None)`: the library failed.
pub(crate) fn generate_rsa_pkcs8(bits: usize) -> Option<Option<Vec<u8>>> {
    #[cfg(feature = "aws-lc")]
    {
        use library::encoding::AsDer;
        use library::rsa::{KeyPair, KeySize};
        let size = match bits {
            2048 => KeySize::Rsa2048,
            3072 => KeySize::Rsa3072,
            4096 => KeySize::Rsa4096,
            _ => return Some(None),
        };
        let der = KeyPair::generate(size)
            .and_then(|key| key.as_der())
            .map(|der| der.as_ref().to_vec());
        Some(der.ok())
    }
    #[cfg(not(feature = "aws-lc"))]
    {
        let _ = bits;
        None
    }
}

#[cfg(test)]
mod tests {
    use rsa::pkcs8::DecodePrivateKey;
    use rsa::traits::PublicKeyParts;

    use super::*;

    #[test]
    fn a_key_the_library_makes_is_a_pkcs8_rsa_key_of_the_size_asked() {
        match generate_rsa_pkcs8(2048) {
            None => assert_eq!(CRYPTO_LIBRARY, "ring", "only ring cannot make keys"),
            Some(der) => {
                let key = rsa::PrivateKey::from_pkcs8_der(&der.unwrap()).unwrap();
                assert_eq!(key.size(), 256);
                assert_eq!(generate_rsa_pkcs8(1000), Some(None), "no such key size");
            }
        }
    }
}
