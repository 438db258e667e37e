//! The PSD2 flow: a context for a third-party provider holding a QSEAL certificate.

use std::os::raw::c_char;

use crate::keys::KeyPair;
use crate::psd2::Psd2Certificate;

use super::arguments::{out, string};
use super::client::{bunq_client, new_handle};
use super::options;
use super::panic_boundary::call;
use super::status::bunq_status;

/// Makes a new API context as a PSD2 provider and a client for it: installation, the
/// certificate's registration (`payment-service-provider-credential`), device registration
/// and session, with the credential bunq issues as the API key.
///
/// - `config_json` (borrowed): as for `bunq_client_create`, without `"api_key"`.
/// - `certificate_pem` (borrowed): the QSEAL certificate, `BEGIN CERTIFICATE`.
/// - `certificate_chain_pem` (borrowed): the chain that issued it (one or more PEM
///   certificates; for a self-signed test certificate, the certificate itself).
/// - `certificate_private_key_pem` (borrowed): the certificate's private key (PKCS#8 or
///   PKCS#1 PEM).
///
/// On success `*out_client` is a new handle the caller owns: release it with
/// `bunq_client_free`. The failed step, if any, is in `bunq_last_error_step`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn bunq_psd2_client_create(
    config_json: *const c_char,
    certificate_pem: *const c_char,
    certificate_chain_pem: *const c_char,
    certificate_private_key_pem: *const c_char,
    out_client: *mut *mut bunq_client,
) -> bunq_status {
    call(|| {
        // SAFETY: the C caller's promises (see the module rules).
        let config_json = unsafe { string(config_json, "config_json") }?;
        let certificate_pem = unsafe { string(certificate_pem, "certificate_pem") }?;
        let chain_pem = unsafe { string(certificate_chain_pem, "certificate_chain_pem") }?;
        let key_pem =
            unsafe { string(certificate_private_key_pem, "certificate_private_key_pem") }?;
        let out_client = unsafe { out(out_client, "out_client") }?;
        let key = KeyPair::from_private_key_pem(key_pem)?;
        let certificate = Psd2Certificate::new(certificate_pem, chain_pem, key)?;
        let (builder, options) = options::psd2_creation(config_json, certificate)?;
        let client = options.client(builder.create()?, None)?;
        out_client.write(new_handle(bunq_client::new(client)));
        Ok(())
    })
}
