//! The PSD2 flow: a context for a third-party provider holding a QSEAL certificate.

use std::os::raw::{c_char, c_void};

use bunq::KeyPair;
use bunq::Psd2Certificate;

use crate::boundary::arguments::{out, string};
use crate::boundary::handles::new_handle;
use crate::boundary::options;
use crate::boundary::panic_boundary::call;
use crate::boundary::status::bunq_status;
use crate::client::bunq_client;
use crate::events::{bunq_event_callback, callback_of, create_with_events};

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
    // SAFETY: the caller's promises, passed on unchanged (no callback).
    unsafe {
        bunq_psd2_client_create_with_events(
            config_json,
            certificate_pem,
            certificate_chain_pem,
            certificate_private_key_pem,
            None,
            std::ptr::null_mut(),
            out_client,
        )
    }
}

/// `bunq_psd2_client_create`, with `callback` (NULL: none) receiving every event from the
/// start: the exchanges that create the context (installation,
/// payment-service-provider-credential, device-server, session-server), then every event of
/// the new client, as `bunq_client_set_event_callback` describes (the same thread rules
/// apply). On success `*out_client` is a new handle the caller owns: release it with
/// `bunq_client_free`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn bunq_psd2_client_create_with_events(
    config_json: *const c_char,
    certificate_pem: *const c_char,
    certificate_chain_pem: *const c_char,
    certificate_private_key_pem: *const c_char,
    callback: bunq_event_callback,
    user_data: *mut c_void,
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
        let callback = callback_of(callback, user_data);
        let key = KeyPair::from_private_key_pem(key_pem)?;
        let certificate = Psd2Certificate::new(certificate_pem, chain_pem, key)?;
        let (builder, options) = options::psd2_creation(config_json, certificate)?;
        out_client.write(new_handle(create_with_events(builder, &options, callback)?));
        Ok(())
    })
}
