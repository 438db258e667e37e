//! PSD2: a payment service provider registers its certificate and gets an API key whose
//! sessions belong to a `UserPaymentServiceProvider`.

use serde_json::json;

use crate::auth::Caller;
use crate::certificate::public_key_from_certificate_pem;
use crate::reply::{ApiError, Reply};
use crate::request::{Incoming, required_str};
use crate::server::Shared;
use crate::state::{IdKind, NewUser};
use crate::{random, signing, time};

/// `POST payment-service-provider-credential`: check that the certificate's key signed the
/// installation's public key PEM followed by the installation token, then hand out a token
/// that works as an API key.
pub(crate) fn create_credential(
    shared: &Shared,
    caller: &Caller,
    incoming: &Incoming,
) -> Result<Reply, ApiError> {
    let body = incoming.json_object()?;
    let certificate = required_str(&body, "client_payment_service_provider_certificate")?;
    let chain = required_str(&body, "client_payment_service_provider_certificate_chain")?;
    let signature = required_str(&body, "client_public_key_signature")?;
    if chain.trim().is_empty() {
        return Err(ApiError::bad_request("The certificate chain is empty."));
    }
    let certificate_key = public_key_from_certificate_pem(certificate).ok_or_else(|| {
        ApiError::bad_request(
            "The certificate is not a valid PEM X.509 certificate with an RSA key.",
        )
    })?;
    let installation_token = caller.token()?;
    let signed_text = {
        let state = shared.lock();
        let installation = state
            .installations
            .get(installation_token)
            .ok_or_else(ApiError::unauthorised)?;
        format!("{}{installation_token}", installation.client_key_pem)
    };
    if !signing::verifies(&certificate_key, signed_text.as_bytes(), signature) {
        return Err(ApiError::bad_request(
            "The client public key signature is invalid.",
        ));
    }
    let token_value = random::token();
    let accounts = shared.config.accounts_per_user;
    let id = {
        let mut state = shared.lock();
        state.create_user(&token_value, NewUser::PaymentServiceProvider, accounts);
        state.next_id(IdKind::Credential)
    };
    let now = time::now_stamp();
    Ok(Reply::ok(vec![json!({
        "CredentialPasswordIp": {
            "id": id,
            "created": now,
            "updated": now,
            "status": "ACTIVE",
            "expiry_time": null,
            "token_value": token_value,
            "permitted_device": null,
        }
    })]))
}
