//! Fixed RSA-2048 keys (test-only, committed in `fuzz/keys/`): fixed keys keep every input
//! reproducible and spare each run a key generation.

use std::sync::OnceLock;

use bunq::KeyPair;

/// The key the scripted server signs its answers with.
pub fn server_key() -> &'static KeyPair {
    static KEY: OnceLock<KeyPair> = OnceLock::new();
    KEY.get_or_init(|| {
        KeyPair::from_private_key_pem(include_str!("../keys/server-key.pem")).unwrap()
    })
}

/// The client's installation key.
pub fn client_key() -> &'static KeyPair {
    static KEY: OnceLock<KeyPair> = OnceLock::new();
    KEY.get_or_init(|| {
        KeyPair::from_private_key_pem(include_str!("../keys/client-key.pem")).unwrap()
    })
}
