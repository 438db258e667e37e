//! PSD2: create a context as a third-party provider from a QSEAL certificate. Its session user
//! is a `UserPaymentServiceProvider`, and bunq's credential becomes the context's API key.
//!
//! ```text
//! cargo run --example psd2                  # offline, with a throw-away self-signed certificate
//! cargo run --example psd2 -- --base-url https://public-api.sandbox.bunq.com/v1/ \
//!     --certificate cert.pem --chain chain.pem --private-key key.pem
//! ```
//!
//! Without the three files a self-signed certificate is made for a fresh key (with `rcgen`),
//! which the fake server accepts and real bunq does not.
//!
//! Outside the sandbox and the fake the new API key is bound to `--permitted-ip ADDRESS`, or
//! to every address (`*`) only with `--permit-any-ip`: without either it stops before any
//! network call.

use std::collections::HashMap;
use std::error::Error;
use std::fs;
use std::process::ExitCode;

use bunq::{ApiContext, Environment, KeyPair, Psd2Certificate};
use fake_bunq::FakeBunq;

mod command_line;
use command_line::{parse_arguments, permitted_ips};

fn main() -> ExitCode {
    command_line::exit_code("psd2", run())
}

fn run() -> Result<(), Box<dyn Error>> {
    let arguments = parse_arguments(&["--base-url", "--certificate", "--chain", "--private-key"])?;
    // Without --base-url the fake runs in this process, for as long as `_fake` lives.
    let (environment, _fake) = match arguments.get("--base-url") {
        Some(base_url) => (Environment::custom(base_url), None),
        None => {
            let fake = FakeBunq::start()?;
            println!("started a fake bunq at {}", fake.base_url());
            (Environment::custom(fake.base_url()), Some(fake))
        }
    };

    let permitted_ips = permitted_ips(&environment, &arguments)?;
    let certificate = certificate_from(&arguments)?;
    println!("1. certificate ready");

    let context = ApiContext::psd2_builder(environment, certificate)
        .description("bunq-context psd2 example")
        .permitted_ips(permitted_ips)
        .create()?;
    println!("2. installation, payment-service-provider-credential, device and session done");
    let user = context
        .user()
        .ok_or("the new context has no session user")?;
    println!(
        "3. session user {} of kind {}; bunq's credential ({} characters) is the API key",
        user.id().unwrap_or_default(),
        user.kind().type_name(),
        context.api_key().len()
    );
    Ok(())
}

/// The certificate from `--certificate`, `--chain` and `--private-key`, or a self-signed one.
fn certificate_from(
    arguments: &HashMap<String, String>,
) -> Result<Psd2Certificate, Box<dyn Error>> {
    let files = (
        arguments.get("--certificate"),
        arguments.get("--chain"),
        arguments.get("--private-key"),
    );
    match files {
        (Some(certificate), Some(chain), Some(private_key)) => {
            let read = |path: &String| {
                fs::read_to_string(path).map_err(|error| format!("cannot read {path}: {error}"))
            };
            let key = KeyPair::from_private_key_pem(&read(private_key)?)?;
            Ok(Psd2Certificate::new(read(certificate)?, read(chain)?, key)?)
        }
        (None, None, None) => {
            println!("0. no certificate given: making a self-signed one for a fresh key");
            let key = KeyPair::generate()?;
            let pem = self_signed_certificate(&key)?;
            // A self-signed certificate is its own chain.
            Ok(Psd2Certificate::new(pem.clone(), pem, key)?)
        }
        _ => Err("give all of --certificate, --chain and --private-key, or none".into()),
    }
}

fn self_signed_certificate(key: &KeyPair) -> Result<String, Box<dyn Error>> {
    let signing_key = rcgen::KeyPair::from_pem(key.private_key_pem())?;
    let mut params = rcgen::CertificateParams::new(vec!["tpp.example".to_owned()])?;
    params
        .distinguished_name
        .push(rcgen::DnType::CommonName, "bunq-context example provider");
    Ok(params.self_signed(&signing_key)?.pem())
}
