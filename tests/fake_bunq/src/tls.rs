//! The fake's HTTPS: a throw-away CA and a server certificate made in-process with rcgen, and
//! the rustls server configuration that serves it.
//!
//! The CA's certificate is what a client must trust (it is in no trust store); a test that
//! wants a certificate failure asks for an expired one or one for another host.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use rcgen::{
    BasicConstraints, CertificateParams, DnType, ExtendedKeyUsagePurpose, IsCa, Issuer, KeyPair,
    KeyUsagePurpose, PublicKeyData,
};
use rustls::ServerConfig;
use rustls::pki_types::{CertificateDer, PrivateKeyDer, PrivatePkcs8KeyDer};
use sha2::{Digest, Sha256};

/// Which server certificate the fake presents.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ServerCertificate {
    /// Valid now, for `localhost` and `127.0.0.1` (the default).
    #[default]
    Valid,
    /// For `localhost` and `127.0.0.1`, but expired (valid in 2020 only).
    Expired,
    /// Valid now, but for `other.example` only.
    OtherHost,
}

impl ServerCertificate {
    /// Parses `valid`, `expired` or `other-host` (the binary's `--tls-certificate`).
    pub fn parse(name: &str) -> Option<ServerCertificate> {
        match name {
            "valid" => Some(ServerCertificate::Valid),
            "expired" => Some(ServerCertificate::Expired),
            "other-host" => Some(ServerCertificate::OtherHost),
            _ => None,
        }
    }
}

/// HTTPS settings of a [`FakeBunq`](crate::FakeBunq).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct FakeTls {
    /// The certificate presented (default: a valid one).
    pub certificate: ServerCertificate,
    /// Where to write the CA certificate (PEM); default `None`: a file in the temporary
    /// directory named after the process and port, removed when the server is dropped.
    pub ca_file: Option<PathBuf>,
}

/// The certificates of one run and the server configuration presenting them.
pub(crate) struct TlsIdentity {
    pub(crate) server_config: Arc<ServerConfig>,
    pub(crate) ca_pem: String,
    pub(crate) server_key_pin_sha256: String,
}

impl TlsIdentity {
    /// A new CA and a server certificate of `kind` signed by it.
    pub(crate) fn generate(kind: ServerCertificate) -> io::Result<TlsIdentity> {
        let ca_key = KeyPair::generate().map_err(io::Error::other)?;
        let ca_params = ca_params();
        let ca_certificate = ca_params.self_signed(&ca_key).map_err(io::Error::other)?;
        let issuer = Issuer::new(ca_params, ca_key);

        let server_key = KeyPair::generate().map_err(io::Error::other)?;
        let server_certificate = server_params(kind)?
            .signed_by(&server_key, &issuer)
            .map_err(io::Error::other)?;

        let chain = vec![
            server_certificate.der().clone(),
            CertificateDer::from(ca_certificate.der().to_vec()),
        ];
        let key = PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(server_key.serialize_der()));
        let provider = Arc::new(rustls::crypto::ring::default_provider());
        let server_config = ServerConfig::builder_with_provider(provider)
            .with_safe_default_protocol_versions()
            .map_err(io::Error::other)?
            .with_no_client_auth()
            .with_single_cert(chain, key)
            .map_err(io::Error::other)?;
        let pin = Sha256::digest(server_key.subject_public_key_info());
        Ok(TlsIdentity {
            server_config: Arc::new(server_config),
            ca_pem: ca_certificate.pem(),
            server_key_pin_sha256: STANDARD.encode(pin),
        })
    }
}

fn ca_params() -> CertificateParams {
    let mut params = CertificateParams::default();
    params
        .distinguished_name
        .push(DnType::CommonName, "fake bunq throw-away CA");
    params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    params.key_usages = vec![
        KeyUsagePurpose::KeyCertSign,
        KeyUsagePurpose::CrlSign,
        KeyUsagePurpose::DigitalSignature,
    ];
    params
}

fn server_params(kind: ServerCertificate) -> io::Result<CertificateParams> {
    let names = match kind {
        ServerCertificate::Valid | ServerCertificate::Expired => {
            vec!["localhost".to_owned(), "127.0.0.1".to_owned()]
        }
        ServerCertificate::OtherHost => vec!["other.example".to_owned()],
    };
    let mut params = CertificateParams::new(names).map_err(io::Error::other)?;
    params
        .distinguished_name
        .push(DnType::CommonName, "fake bunq");
    params.extended_key_usages = vec![ExtendedKeyUsagePurpose::ServerAuth];
    params.use_authority_key_identifier_extension = true;
    if kind == ServerCertificate::Expired {
        params.not_before = rcgen::date_time_ymd(2020, 1, 1);
        params.not_after = rcgen::date_time_ymd(2020, 12, 31);
    }
    Ok(params)
}

/// Writes the CA certificate where asked, or to a fresh file in the temporary directory;
/// returns the path and whether the server owns (and so removes) the file.
pub(crate) fn write_ca_file(
    pem: &str,
    asked: Option<&Path>,
    port: u16,
) -> io::Result<(PathBuf, bool)> {
    let (path, owned) = match asked {
        Some(path) => (path.to_path_buf(), false),
        None => (
            std::env::temp_dir().join(format!("fake-bunq-ca-{}-{port}.pem", std::process::id())),
            true,
        ),
    };
    fs::write(&path, pem).map_err(|error| {
        io::Error::new(
            error.kind(),
            format!(
                "cannot write the CA certificate to {}: {error}",
                path.display()
            ),
        )
    })?;
    Ok((path, owned))
}
