//! The installation: the client's key pair registered with bunq, the installation token and
//! bunq's public key.

use crate::exchange::Credentials;
use crate::keys::{KeyPair, PublicKey};
use crate::secret::Secret;

/// The result of `POST installation`.
#[derive(Debug, Clone)]
pub(crate) struct Installation {
    pub(super) token: Secret,
    pub(super) client_key: KeyPair,
    pub(super) server_key: PublicKey,
}

impl Installation {
    /// Authenticates with the installation token, signs, verifies answers.
    pub(crate) fn credentials(&self) -> Credentials<'_> {
        self.credentials_with(Some(self.token.expose()))
    }

    /// Authenticates with `token` (a session's, or none), signs with the installation's key
    /// and verifies answers with bunq's.
    pub(crate) fn credentials_with<'a>(&'a self, token: Option<&'a str>) -> Credentials<'a> {
        Credentials {
            token,
            signer: Some(&self.client_key),
            server_key: Some(&self.server_key),
        }
    }
}
