//! Which HTTPS servers a client believes: the root certificates it trusts, and the keys it pins.
//!
//! The default is Mozilla's roots, bundled into the library, so that the library behaves the
//! same on every machine. A company proxy that re-signs TLS, or a test server, needs its CA
//! added ([`ConfigBuilder::add_root_certificates_pem`](crate::ConfigBuilder::add_root_certificates_pem));
//! a machine whose administrators manage trust can use the operating system's store instead
//! ([`TlsRoots::System`]). Pins ([`ConfigBuilder::pin_sha256`](crate::ConfigBuilder::pin_sha256))
//! narrow trust further; they are checked in [`pinning`].

use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

use rustls::client::WebPkiServerVerifier;
use rustls::client::danger::ServerCertVerifier;
use rustls::crypto::CryptoProvider;
use rustls::pki_types::CertificateDer;
use rustls::pki_types::pem::PemObject;
use rustls::{ClientConfig, RootCertStore};

use crate::error::{Error, Result};
use pinning::{PinnedKeys, PinningVerifier};

pub(crate) mod pinning;

/// Where the root certificates a client trusts come from; certificates added with
/// [`ConfigBuilder::add_root_certificates_pem`](crate::ConfigBuilder::add_root_certificates_pem)
/// or [`add_root_certificates_file`](crate::ConfigBuilder::add_root_certificates_file) are
/// trusted as well.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[non_exhaustive]
pub enum TlsRoots {
    /// Mozilla's root certificates, bundled into the library (the `webpki-roots` crate). The
    /// default: the same on every machine, whatever is installed on it.
    #[default]
    Bundled,
    /// The operating system's trust store (through `rustls-native-certs`; on Linux the files
    /// OpenSSL reads, `SSL_CERT_FILE` and `SSL_CERT_DIR` honoured). Needs the cargo feature
    /// `os-trust-store` (on by default).
    System,
    /// Only the added certificates: nothing else is trusted.
    OnlyAdded,
}

impl TlsRoots {
    /// The name used in the C API's JSON configuration: `bundled`, `system` or `only-added`.
    pub fn as_str(self) -> &'static str {
        match self {
            TlsRoots::Bundled => "bundled",
            TlsRoots::System => "system",
            TlsRoots::OnlyAdded => "only-added",
        }
    }

    /// Parses [`TlsRoots::as_str`]'s names.
    pub fn parse(name: &str) -> Option<TlsRoots> {
        match name {
            "bundled" => Some(TlsRoots::Bundled),
            "system" => Some(TlsRoots::System),
            "only-added" => Some(TlsRoots::OnlyAdded),
            _ => None,
        }
    }
}

/// Root certificates to trust besides (or instead of) [`TlsRoots`].
#[derive(Clone, PartialEq, Eq)]
pub(crate) enum AddedRoots {
    /// PEM text with one or more certificates.
    Pem(String),
    /// A PEM file with one or more certificates, read when a client is made.
    File(PathBuf),
}

impl fmt::Debug for AddedRoots {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            AddedRoots::Pem(text) => write!(f, "Pem({} bytes)", text.len()),
            AddedRoots::File(path) => f.debug_tuple("File").field(path).finish(),
        }
    }
}

/// The trust settings of a [`Config`](crate::Config).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Trust {
    roots: TlsRoots,
    added: Vec<AddedRoots>,
    /// `pin-sha256` values as given; checked when a client is made.
    pins: Vec<String>,
}

impl Trust {
    /// Where the root certificates come from (added ones aside).
    pub(crate) fn roots(&self) -> TlsRoots {
        self.roots
    }

    /// How many root certificate sources were added.
    pub(crate) fn added_sources(&self) -> usize {
        self.added.len()
    }

    /// The pinned `pin-sha256` values, as given.
    pub(crate) fn pins(&self) -> &[String] {
        &self.pins
    }

    pub(crate) fn set_roots(&mut self, roots: TlsRoots) {
        self.roots = roots;
    }

    pub(crate) fn add(&mut self, roots: AddedRoots) {
        self.added.push(roots);
    }

    /// Adds a pin, checked when a client is made.
    pub(crate) fn pin(&mut self, pin: String) {
        self.pins.push(pin);
    }

    /// The rustls configuration for these settings. The default one is built once per process
    /// (parsing Mozilla's roots for every client would cost each one a millisecond).
    pub(crate) fn client_config(&self) -> Result<Arc<ClientConfig>> {
        static DEFAULT: OnceLock<Arc<ClientConfig>> = OnceLock::new();
        if *self == Trust::default() {
            if let Some(config) = DEFAULT.get() {
                return Ok(Arc::clone(config));
            }
            let config = self.build_client_config()?;
            return Ok(Arc::clone(DEFAULT.get_or_init(|| config)));
        }
        self.build_client_config()
    }

    /// The same roots without the pins: for the TLS connection to an `https://` proxy, whose
    /// key is not the server's.
    pub(crate) fn without_pins(&self) -> Trust {
        Trust {
            pins: Vec::new(),
            ..self.clone()
        }
    }

    fn build_client_config(&self) -> Result<Arc<ClientConfig>> {
        let provider = crypto_provider();
        let roots = Arc::new(self.root_store()?);
        let webpki = WebPkiServerVerifier::builder_with_provider(roots, Arc::clone(&provider))
            .build()
            .map_err(|error| {
                Error::invalid_input(format!(
                    "no usable root certificate to verify HTTPS servers with ({error:?}; roots: {})",
                    self.roots.as_str()
                ))
            })?;
        let pins = PinnedKeys::parse(&self.pins)?;
        let verifier: Arc<dyn ServerCertVerifier> = if pins.is_empty() {
            webpki
        } else {
            Arc::new(PinningVerifier::new(webpki, pins))
        };
        let config = ClientConfig::builder_with_provider(provider)
            .with_safe_default_protocol_versions()
            .map_err(|error| Error::invalid_input(format!("TLS setup failed: {error}")))?
            .dangerous() // "dangerous" only because it is a custom verifier: it wraps webpki's
            .with_custom_certificate_verifier(verifier)
            .with_no_client_auth();
        Ok(Arc::new(config))
    }

    fn root_store(&self) -> Result<RootCertStore> {
        let mut store = match self.roots {
            TlsRoots::Bundled => RootCertStore {
                roots: webpki_roots::TLS_SERVER_ROOTS.to_vec(),
            },
            TlsRoots::System => system_roots()?,
            TlsRoots::OnlyAdded => RootCertStore::empty(),
        };
        for added in &self.added {
            add_roots(&mut store, added)?;
        }
        Ok(store)
    }
}

/// The build's crypto library ([`crate::crypto`]), named here rather than taken from a
/// process-wide default: nothing needs to be installed first, and another library's choice
/// cannot change ours.
pub(crate) fn crypto_provider() -> Arc<CryptoProvider> {
    static PROVIDER: OnceLock<Arc<CryptoProvider>> = OnceLock::new();
    Arc::clone(PROVIDER.get_or_init(|| Arc::new(crate::crypto::rustls_provider())))
}

fn add_roots(store: &mut RootCertStore, added: &AddedRoots) -> Result<()> {
    let (pem, source) = match added {
        AddedRoots::Pem(text) => (text.as_bytes().to_vec(), "the PEM text".to_owned()),
        AddedRoots::File(path) => (read_pem_file(path)?, path.display().to_string()),
    };
    let certificates = parse_certificates(&pem, &source)?;
    for (index, certificate) in certificates.into_iter().enumerate() {
        store.add(certificate).map_err(|error| {
            Error::invalid_input(format!(
                "certificate {} of {source} cannot be a root certificate: {error}",
                index + 1
            ))
        })?;
    }
    Ok(())
}

fn read_pem_file(path: &Path) -> Result<Vec<u8>> {
    std::fs::read(path).map_err(|error| {
        Error::invalid_input(format!(
            "cannot read the root certificate file {}: {error}",
            path.display()
        ))
    })
}

/// Every `CERTIFICATE` block of `pem`; none at all is an error, since trusting nothing new
/// was surely not meant.
fn parse_certificates(pem: &[u8], source: &str) -> Result<Vec<CertificateDer<'static>>> {
    let certificates = CertificateDer::pem_slice_iter(pem)
        .collect::<std::result::Result<Vec<_>, _>>()
        .map_err(|error| Error::invalid_input(format!("{source} is not valid PEM: {error}")))?;
    if certificates.is_empty() {
        return Err(Error::invalid_input(format!(
            "{source} holds no PEM certificate (-----BEGIN CERTIFICATE-----)"
        )));
    }
    Ok(certificates)
}

#[cfg(feature = "os-trust-store")]
fn system_roots() -> Result<RootCertStore> {
    let loaded = rustls_native_certs::load_native_certs();
    let mut store = RootCertStore::empty();
    let (added, _unusable) = store.add_parsable_certificates(loaded.certs);
    if added == 0 {
        let why = loaded
            .errors
            .first()
            .map(|error| format!(": {error}"))
            .unwrap_or_default();
        return Err(Error::invalid_input(format!(
            "the operating system's trust store has no usable certificate{why}"
        )));
    }
    Ok(store)
}

#[cfg(not(feature = "os-trust-store"))]
fn system_roots() -> Result<RootCertStore> {
    Err(Error::invalid_input(
        "this build has no access to the operating system's trust store (cargo feature \
         `os-trust-store`); use the bundled roots or add root certificates",
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roots_names_round_trip() {
        for roots in [TlsRoots::Bundled, TlsRoots::System, TlsRoots::OnlyAdded] {
            assert_eq!(TlsRoots::parse(roots.as_str()), Some(roots));
        }
        assert_eq!(TlsRoots::parse("mozilla"), None);
    }

    #[test]
    fn unusable_added_roots_are_refused_by_name() {
        for (added, expected) in [
            (
                AddedRoots::Pem("not a certificate".into()),
                "holds no PEM certificate",
            ),
            (
                AddedRoots::File("/nonexistent/company-ca.pem".into()),
                "/nonexistent/company-ca.pem",
            ),
        ] {
            let trust = Trust {
                added: vec![added],
                ..Trust::default()
            };
            let error = trust.client_config().unwrap_err();
            assert!(error.message().contains(expected), "{error}");
        }
    }

    #[test]
    fn only_added_roots_without_any_is_refused() {
        let trust = Trust {
            roots: TlsRoots::OnlyAdded,
            ..Trust::default()
        };
        let error = trust.client_config().unwrap_err();
        assert!(error.message().contains("no usable root"), "{error}");
    }

    #[test]
    fn the_default_configuration_is_shared() {
        let first = Trust::default().client_config().unwrap();
        let second = Trust::default().client_config().unwrap();
        assert!(Arc::ptr_eq(&first, &second));
    }
}
