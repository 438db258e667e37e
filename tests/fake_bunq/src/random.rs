//! Tokens, API keys and uuids from the operating system's CSPRNG.

use std::fmt::Write;

/// `N` random bytes.
pub(crate) fn bytes<const N: usize>() -> [u8; N] {
    let mut buffer = [0u8; N];
    // The OS RNG only fails on exotic platforms without entropy; a fake server cannot do
    // anything sensible there, and the worker turns the panic into a 500 answer.
    getrandom::fill(&mut buffer).expect("the operating system's random source works");
    buffer
}

/// Lower-case hex of `bytes`.
pub(crate) fn hex(bytes: &[u8]) -> String {
    bytes
        .iter()
        .fold(String::with_capacity(bytes.len() * 2), |mut out, byte| {
            let _ = write!(out, "{byte:02x}");
            out
        })
}

/// 64 random hex digits, the shape of bunq's tokens.
pub(crate) fn token() -> String {
    hex(&bytes::<32>())
}

/// A random (version 4) uuid in its usual hyphenated form.
pub(crate) fn uuid4() -> String {
    let mut raw = bytes::<16>();
    raw[6] = (raw[6] & 0x0f) | 0x40;
    raw[8] = (raw[8] & 0x3f) | 0x80;
    let digits = hex(&raw);
    format!(
        "{}-{}-{}-{}-{}",
        &digits[0..8],
        &digits[8..12],
        &digits[12..16],
        &digits[16..20],
        &digits[20..32]
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uuid_has_version_and_variant() {
        let uuid = uuid4();
        assert_eq!(uuid.len(), 36);
        assert_eq!(&uuid[14..15], "4");
        assert!(matches!(&uuid[19..20], "8" | "9" | "a" | "b"));
    }

    #[test]
    fn tokens_are_64_hex_digits_and_differ() {
        let (first, second) = (token(), token());
        assert_eq!(first.len(), 64);
        assert!(first.bytes().all(|b| b.is_ascii_hexdigit()));
        assert_ne!(first, second);
    }
}
