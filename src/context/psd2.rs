//! PSD2: acting as a third-party provider with a QSEAL certificate instead of an API key.
//!
//! A provider's context is made like any other, with one step more between installation and
//! device-server: `POST payment-service-provider-credential` registers the certificate, its
//! chain and a signature proving the provider holds the certificate's private key. bunq
//! answers with a credential that then serves as the API key for device-server and
//! session-server, and the session's user is a `UserPaymentServiceProvider`.
//!
//! ```no_run
//! use bunq::{ApiContext, Environment, KeyPair, Psd2Certificate};
//!
//! # fn main() -> bunq::Result<()> {
//! let certificate = Psd2Certificate::new(
//!     std::fs::read_to_string("qseal.pem")?,
//!     std::fs::read_to_string("qseal-chain.pem")?,
//!     KeyPair::from_private_key_pem(&std::fs::read_to_string("qseal-key.pem")?)?,
//! )?;
//! let context = ApiContext::psd2_builder(Environment::sandbox(), certificate)
//!     .description("my provider")
//!     .create()?;
//! context.save("bunq-psd2.conf")?;
//! # Ok(())
//! # }
//! ```

use super::{ApiContext, ContextBuilder};
use crate::environment::Environment;
use crate::error::{Error, Result};
use crate::keys::KeyPair;

const CERTIFICATE_PEM_HEADER: &str = "-----BEGIN CERTIFICATE-----";

/// A QSEAL certificate, its chain and the certificate's private key.
///
/// `Debug` shows the certificates but never the private key.
#[derive(Debug, Clone)]
pub struct Psd2Certificate {
    certificate_pem: String,
    chain_pem: String,
    private_key: KeyPair,
}

impl Psd2Certificate {
    /// A certificate (PEM, `BEGIN CERTIFICATE`), the chain that issued it (one or more
    /// concatenated PEM certificates; for a self-signed test certificate, the certificate
    /// itself) and the certificate's private key.
    ///
    /// Only the PEM form is checked here; whether the key belongs to the certificate and the
    /// chain to a trusted issuer is bunq's to judge.
    pub fn new(
        certificate_pem: impl Into<String>,
        chain_pem: impl Into<String>,
        private_key: KeyPair,
    ) -> Result<Psd2Certificate> {
        let certificate_pem = certificate_pem.into();
        let chain_pem = chain_pem.into();
        require_certificate_pem(&certificate_pem, "the PSD2 certificate")?;
        require_certificate_pem(&chain_pem, "the PSD2 certificate chain")?;
        Ok(Psd2Certificate {
            certificate_pem,
            chain_pem,
            private_key,
        })
    }

    /// The certificate, PEM.
    pub fn certificate_pem(&self) -> &str {
        &self.certificate_pem
    }

    /// The certificate chain, PEM.
    pub fn chain_pem(&self) -> &str {
        &self.chain_pem
    }

    /// The certificate's private key.
    pub fn private_key(&self) -> &KeyPair {
        &self.private_key
    }

    /// `client_public_key_signature`: the certificate key's signature over the installation
    /// public key, in the PEM sent at installation, followed by the installation token.
    pub(crate) fn sign_installation(
        &self,
        installation_public_key_pem: &str,
        installation_token: &str,
    ) -> Result<String> {
        let mut message =
            Vec::with_capacity(installation_public_key_pem.len() + installation_token.len());
        message.extend_from_slice(installation_public_key_pem.as_bytes());
        message.extend_from_slice(installation_token.as_bytes());
        self.private_key.sign(&message)
    }
}

fn require_certificate_pem(pem: &str, what: &str) -> Result<()> {
    if pem.contains(CERTIFICATE_PEM_HEADER) {
        Ok(())
    } else {
        Err(Error::invalid_input(format!(
            "{what} is not a PEM certificate: expected {CERTIFICATE_PEM_HEADER}"
        )))
    }
}

impl ApiContext {
    /// Starts making a context as a PSD2 third-party provider holding `certificate`: no API
    /// key is needed, bunq issues a credential that the context keeps as its API key. See
    /// [`ContextBuilder::psd2_certificate`].
    pub fn psd2_builder(environment: Environment, certificate: Psd2Certificate) -> ContextBuilder {
        ApiContext::builder(environment, String::new()).psd2_certificate(certificate)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ErrorKind;

    const FAKE_CERTIFICATE: &str = "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n";

    #[test]
    fn the_signature_covers_the_key_pem_then_the_token() {
        let key = KeyPair::generate().unwrap();
        let certificate = Psd2Certificate::new(FAKE_CERTIFICATE, FAKE_CERTIFICATE, key).unwrap();
        let signature = certificate
            .sign_installation("-----BEGIN PUBLIC KEY-----\nXYZ\n", "token-1")
            .unwrap();
        certificate
            .private_key()
            .public_key()
            .verify(b"-----BEGIN PUBLIC KEY-----\nXYZ\ntoken-1", &signature)
            .unwrap();
    }

    #[test]
    fn something_that_is_not_a_certificate_is_refused() {
        let key = KeyPair::generate().unwrap();
        let error = Psd2Certificate::new("hello", FAKE_CERTIFICATE, key.clone()).unwrap_err();
        assert_eq!(error.kind(), ErrorKind::InvalidInput);
        let error = Psd2Certificate::new(FAKE_CERTIFICATE, "", key).unwrap_err();
        assert_eq!(error.kind(), ErrorKind::InvalidInput);
    }
}
