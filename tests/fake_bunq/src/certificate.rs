//! X.509 certificates for PSD2: reading the RSA key out of one, and making a minimal one for
//! tests.
//!
//! Parsing uses the `der` crate that `rsa` already brings (through `pkcs8`), walking
//! Certificate → TBSCertificate → SubjectPublicKeyInfo; no extra dependency is needed.

use rsa::PublicKey;
use rsa::pkcs8::DecodePublicKey;
use rsa::pkcs8::der::{self, Reader, SliceReader};

/// The RSA public key inside a PEM certificate ("BEGIN CERTIFICATE"), if it is one.
pub(crate) fn public_key_from_certificate_pem(pem: &str) -> Option<PublicKey> {
    let (label, der_bytes) = der::pem::decode_vec(pem.trim().as_bytes()).ok()?;
    if label != "CERTIFICATE" {
        return None;
    }
    let spki = subject_public_key_info(&der_bytes).ok()?;
    PublicKey::from_public_key_der(&spki).ok()
}

/// The DER of the SubjectPublicKeyInfo inside a DER certificate.
fn subject_public_key_info(certificate: &[u8]) -> der::Result<Vec<u8>> {
    let mut reader = SliceReader::new(certificate)?;
    let spki = reader.sequence(certificate_fields)?;
    reader.finish()?;
    Ok(spki)
}

/// Inside Certificate: tbsCertificate, then the signature algorithm and value (skipped).
fn certificate_fields(certificate: &mut SliceReader<'_>) -> der::Result<Vec<u8>> {
    let spki = certificate.sequence(tbs_certificate_fields)?;
    skip_rest(certificate)?;
    Ok(spki)
}

/// Inside TBSCertificate: skip to subjectPublicKeyInfo and take it.
fn tbs_certificate_fields(tbs: &mut SliceReader<'_>) -> der::Result<Vec<u8>> {
    // version [0] EXPLICIT is optional (absent means v1).
    if tbs.peek_byte() == Some(0xa0) {
        tbs.tlv_bytes()?;
    }
    // serialNumber, signature, issuer, validity, subject.
    for _ in 0..5 {
        tbs.tlv_bytes()?;
    }
    let spki = tbs.tlv_bytes()?.to_vec();
    skip_rest(tbs)?;
    Ok(spki)
}

fn skip_rest(reader: &mut SliceReader<'_>) -> der::Result<()> {
    let remaining = reader.remaining_len();
    reader.drain(remaining)
}

/// Wrap an RSA public key (SPKI PEM, "BEGIN PUBLIC KEY") in a minimal X.509 v3 certificate
/// PEM, for tests of the PSD2 flow. The certificate's own signature is a placeholder: the
/// fake, like these tests, only needs the key inside. `None` if the PEM is not a public key.
pub fn certificate_pem_for_key(public_key_pem: &str) -> Option<String> {
    let (label, spki) = der::pem::decode_vec(public_key_pem.trim().as_bytes()).ok()?;
    if label != "PUBLIC KEY" {
        return None;
    }
    let certificate = tlv(
        0x30,
        &[
            tbs_certificate(&spki),
            SHA256_WITH_RSA.to_vec(),
            tlv(0x03, &[0]),
        ]
        .concat(),
    );
    der::pem::encode_string("CERTIFICATE", der::pem::LineEnding::LF, &certificate).ok()
}

/// AlgorithmIdentifier sha256WithRSAEncryption (1.2.840.113549.1.1.11) with NULL parameters.
const SHA256_WITH_RSA: [u8; 15] = [
    0x30, 0x0d, 0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x0b, 0x05, 0x00,
];

fn tbs_certificate(spki: &[u8]) -> Vec<u8> {
    let version = tlv(0xa0, &tlv(0x02, &[2]));
    let serial = tlv(0x02, &[1]);
    let name = distinguished_name("Fake PSD2 Provider");
    let validity = tlv(
        0x30,
        &[tlv(0x17, b"260101000000Z"), tlv(0x17, b"360101000000Z")].concat(),
    );
    let fields = [
        version,
        serial,
        SHA256_WITH_RSA.to_vec(),
        name.clone(),
        validity,
        name,
        spki.to_vec(),
    ];
    tlv(0x30, &fields.concat())
}

/// A Name with a single commonName (2.5.4.3) in UTF8String.
fn distinguished_name(common_name: &str) -> Vec<u8> {
    let oid = tlv(0x06, &[0x55, 0x04, 0x03]);
    let attribute = tlv(0x30, &[oid, tlv(0x0c, common_name.as_bytes())].concat());
    tlv(0x30, &tlv(0x31, &attribute))
}

/// One DER tag-length-value.
fn tlv(tag: u8, content: &[u8]) -> Vec<u8> {
    let length = content.len();
    let mut out = vec![tag];
    if length < 0x80 {
        out.extend(u8::try_from(length).ok());
    } else {
        let bytes = length.to_be_bytes();
        let significant: Vec<u8> = bytes.iter().copied().skip_while(|&b| b == 0).collect();
        out.extend(u8::try_from(significant.len()).ok().map(|n| 0x80 | n));
        out.extend(significant);
    }
    out.extend_from_slice(content);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::signing::ServerKey;
    use rsa::pkcs8::{EncodePublicKey, LineEnding};

    #[test]
    fn round_trips_a_key_through_a_certificate() {
        let key = ServerKey::generate().expect("key");
        let certificate = certificate_pem_for_key(key.public_pem()).expect("certificate");
        assert!(certificate.starts_with("-----BEGIN CERTIFICATE-----"));
        let extracted = public_key_from_certificate_pem(&certificate).expect("key inside");
        let pem = extracted.to_public_key_pem(LineEnding::LF).expect("pem");
        assert_eq!(pem, key.public_pem());
    }

    #[test]
    fn rejects_garbage() {
        assert!(public_key_from_certificate_pem("not a certificate").is_none());
        assert!(
            certificate_pem_for_key("-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----")
                .is_none()
        );
        let truncated = "-----BEGIN CERTIFICATE-----\nMAMCAQE=\n-----END CERTIFICATE-----";
        assert!(public_key_from_certificate_pem(truncated).is_none());
    }

    #[test]
    fn long_lengths_use_the_long_form() {
        assert_eq!(tlv(0x04, &[0; 200])[..3], [0x04, 0x81, 200]);
        assert_eq!(tlv(0x04, &[0; 300])[..4], [0x04, 0x82, 0x01, 0x2c]);
    }
}
