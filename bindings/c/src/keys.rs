//! RSA keys and signatures, for callers that sign or verify on their own (bunq's
//! webhooks, a PSD2 certificate's key, tests).

use std::os::raw::c_char;

use bunq::{KeyPair, PublicKey};

use crate::boundary::arguments::{bytes, handle, out, string};
use crate::boundary::handles::{free_handle, new_handle};
use crate::boundary::panic_boundary::{call, guard};
use crate::boundary::status::bunq_status;
use crate::boundary::strings::owned_c_string;
use crate::kept_keys::SIGNING_KEYS;

/// Generates a fresh RSA-2048 key pair. On success `*out_private_key_pem` (PKCS#8,
/// `BEGIN PRIVATE KEY`) and `*out_public_key_pem` (SPKI, `BEGIN PUBLIC KEY`) are strings
/// the caller owns: release each with `bunq_string_free`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn bunq_key_pair_generate(
    out_private_key_pem: *mut *mut c_char,
    out_public_key_pem: *mut *mut c_char,
) -> bunq_status {
    call(|| {
        // SAFETY: the C caller's promises (see the module rules).
        let out_private = unsafe { out(out_private_key_pem, "out_private_key_pem") }?;
        let out_public = unsafe { out(out_public_key_pem, "out_public_key_pem") }?;
        let pair = KeyPair::generate()?;
        let private = owned_c_string(pair.private_key_pem(), "the private key")?;
        let public = owned_c_string(pair.public_key_pem(), "the public key").inspect_err(|_| {
            // SAFETY: just made by owned_c_string and not handed out: no partial success.
            unsafe { super::bunq_string_free(private) }
        })?;
        out_private.write(private);
        out_public.write(public);
        Ok(())
    })
}

/// The SPKI PEM public key of a private key PEM (PKCS#8 or PKCS#1, borrowed). On success
/// `*out_public_key_pem` is a string the caller owns: release it with `bunq_string_free`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn bunq_key_pair_public_key(
    private_key_pem: *const c_char,
    out_public_key_pem: *mut *mut c_char,
) -> bunq_status {
    call(|| {
        // SAFETY: the C caller's promises (see the module rules).
        let private_key_pem = unsafe { string(private_key_pem, "private_key_pem") }?;
        let out_public = unsafe { out(out_public_key_pem, "out_public_key_pem") }?;
        let pair = KeyPair::from_private_key_pem(private_key_pem)?;
        out_public.write(owned_c_string(pair.public_key_pem(), "the public key")?);
        Ok(())
    })
}

/// Signs `data_length` bytes at `data` (borrowed; NULL allowed when the length is 0) with
/// RSASSA-PKCS1-v1_5 SHA-256, as bunq wants for `X-Bunq-Client-Signature`, using the
/// private key PEM `private_key_pem` (borrowed; PKCS#8 or PKCS#1). On success
/// `*out_signature` is the base64 signature, a string the caller owns: release it with
/// `bunq_string_free`. A bad PEM is `BUNQ_ERROR_INVALID_INPUT`.
///
/// The last 8 keys signed with are kept parsed (found by their PEM's SHA-256), so that
/// signing again with one of them skips parsing the PEM, which costs about half as much
/// again as the signature. For a key used beyond those, `bunq_signing_key_new` parses it
/// once for as long as the caller needs it.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn bunq_key_pair_sign(
    private_key_pem: *const c_char,
    data: *const u8,
    data_length: usize,
    out_signature: *mut *mut c_char,
) -> bunq_status {
    call(|| {
        // SAFETY: the C caller's promises (see the module rules).
        let private_key_pem = unsafe { string(private_key_pem, "private_key_pem") }?;
        let data = unsafe { bytes(data, data_length, "data") }?;
        let out_signature = unsafe { out(out_signature, "out_signature") }?;
        let signature = SIGNING_KEYS.key_for(private_key_pem)?.sign(data)?;
        out_signature.write(owned_c_string(signature, "the signature")?);
        Ok(())
    })
}

/// Checks that `signature` (base64, borrowed) is the RSASSA-PKCS1-v1_5 SHA-256 signature of
/// the `data_length` bytes at `data` (borrowed; NULL allowed when the length is 0) by the
/// public key PEM `public_key_pem` (borrowed; SPKI or PKCS#1). `BUNQ_OK` when it is,
/// `BUNQ_ERROR_SIGNATURE` when it is not, `BUNQ_ERROR_INVALID_INPUT` for a bad PEM.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn bunq_public_key_verify(
    public_key_pem: *const c_char,
    data: *const u8,
    data_length: usize,
    signature: *const c_char,
) -> bunq_status {
    call(|| {
        // SAFETY: the C caller's promises (see the module rules).
        let public_key_pem = unsafe { string(public_key_pem, "public_key_pem") }?;
        let data = unsafe { bytes(data, data_length, "data") }?;
        let signature = unsafe { string(signature, "signature") }?;
        Ok(PublicKey::from_pem(public_key_pem)?.verify(data, signature)?)
    })
}

/// A private key parsed once, for as long as the caller needs it (`bunq_key_pair_sign` keeps
/// only the last 8 keys it parsed). Opaque; made by `bunq_signing_key_new`, released with
/// `bunq_signing_key_free`. Immutable, so safe to use from several threads at once.
pub struct bunq_signing_key {
    key_pair: KeyPair,
}

/// Parses the private key PEM `private_key_pem` (borrowed; PKCS#8 or PKCS#1). On success
/// `*out_key` is a handle the caller owns: release it with `bunq_signing_key_free`. A bad
/// PEM is `BUNQ_ERROR_INVALID_INPUT`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn bunq_signing_key_new(
    private_key_pem: *const c_char,
    out_key: *mut *mut bunq_signing_key,
) -> bunq_status {
    call(|| {
        // SAFETY: the C caller's promises (see the module rules).
        let private_key_pem = unsafe { string(private_key_pem, "private_key_pem") }?;
        let out_key = unsafe { out(out_key, "out_key") }?;
        let key_pair = KeyPair::from_private_key_pem(private_key_pem)?;
        out_key.write(new_handle(bunq_signing_key { key_pair }));
        Ok(())
    })
}

/// Signs `data_length` bytes at `data` (borrowed; NULL allowed when the length is 0) with
/// `key`, as `bunq_key_pair_sign` does with the same key's PEM. On success `*out_signature`
/// is the base64 signature, a string the caller owns: release it with `bunq_string_free`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn bunq_signing_key_sign(
    key: *const bunq_signing_key,
    data: *const u8,
    data_length: usize,
    out_signature: *mut *mut c_char,
) -> bunq_status {
    call(|| {
        // SAFETY: the C caller's promises (see the module rules).
        let key = unsafe { handle(key, "key") }?;
        let data = unsafe { bytes(data, data_length, "data") }?;
        let out_signature = unsafe { out(out_signature, "out_signature") }?;
        let signature = key.key_pair.sign(data)?;
        out_signature.write(owned_c_string(signature, "the signature")?);
        Ok(())
    })
}

/// Releases a signing key. NULL is allowed. Must not race with other calls on the same
/// handle.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn bunq_signing_key_free(key: *mut bunq_signing_key) {
    guard((), || {
        // SAFETY: NULL or a live handle, released once (the caller's promise).
        unsafe { free_handle(key) }
    })
}
