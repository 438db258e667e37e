//! Attachments: upload binary content publicly and to a monetary account, download it
//! again, and check it came back byte for byte (its server signature verified on the way).
//!
//! ```text
//! cargo run --example attachments           # offline, against an in-process fake bunq
//! cargo run --example attachments -- --base-url https://public-api.sandbox.bunq.com/v1/ [--file photo.png --content-type image/png]
//! ```
//!
//! The user is a fresh sandbox person. Without `--file` the content is a small PNG made here.
//!
//! Sandbox only: bunq production refuses (the sandbox user is refused before anything is
//! sent).

use std::collections::HashMap;
use std::error::Error;
use std::process::ExitCode;

use bunq::{
    ApiContext, Attachment, Client, Config, Environment, SandboxUserKind, create_sandbox_user,
};
use fake_bunq::FakeBunq;

mod accounts;
mod command_line;
use accounts::bank_account;
use command_line::{parse_arguments, permitted_ips};

/// A 1×1 transparent PNG.
const TINY_PNG: &[u8] = &[
    0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52,
    0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1f, 0x15, 0xc4,
    0x89, 0x00, 0x00, 0x00, 0x0a, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9c, 0x63, 0x00, 0x01, 0x00, 0x00,
    0x05, 0x00, 0x01, 0x0d, 0x0a, 0x2d, 0xb4, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4e, 0x44, 0xae,
    0x42, 0x60, 0x82,
];

fn main() -> ExitCode {
    command_line::exit_code("attachments", run())
}

fn run() -> Result<(), Box<dyn Error>> {
    let arguments = parse_arguments(&["--base-url", "--file", "--content-type"])?;
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
    let attachment = attachment_from(&arguments)?;

    let api_key = create_sandbox_user(&environment, SandboxUserKind::Person, &Config::default())?;
    let context = ApiContext::builder(environment, api_key.expose())
        .description("bunq-context attachments example")
        .permitted_ips(permitted_ips)
        .create()?;
    let client = Client::new(context)?;
    println!("1. context ready for a new sandbox person");

    let uuid = client.upload_public_attachment(&attachment)?;
    println!(
        "2. uploaded {} bytes publicly: uuid {uuid}",
        attachment.content.len()
    );
    let public_copy = client.download_public_attachment(&uuid)?;
    same_bytes(&attachment.content, &public_copy)?;
    println!(
        "3. downloaded it again: {} bytes, identical",
        public_copy.len()
    );

    let account_id = first_account_id(&client)?;
    let id = client.upload_account_attachment(account_id, &attachment)?;
    println!("4. uploaded it to account {account_id}: attachment {id}");
    let account_copy = client.download_account_attachment(account_id, id)?;
    same_bytes(&attachment.content, &account_copy)?;
    println!(
        "5. downloaded it again: {} bytes, identical",
        account_copy.len()
    );
    Ok(())
}

/// `--file` with `--content-type`, or the built-in PNG.
fn attachment_from(arguments: &HashMap<String, String>) -> Result<Attachment, Box<dyn Error>> {
    match (arguments.get("--file"), arguments.get("--content-type")) {
        (Some(path), Some(content_type)) => {
            let content =
                std::fs::read(path).map_err(|error| format!("cannot read {path}: {error}"))?;
            Ok(Attachment::new(
                content_type,
                "bunq-context example",
                content,
            ))
        }
        (None, None) => Ok(Attachment::new(
            "image/png",
            "bunq-context example",
            TINY_PNG,
        )),
        _ => Err("give both --file and --content-type, or neither".into()),
    }
}

fn same_bytes(sent: &[u8], received: &[u8]) -> Result<(), String> {
    if sent == received {
        Ok(())
    } else {
        Err(format!(
            "the downloaded content ({} bytes) differs from the uploaded ({} bytes)",
            received.len(),
            sent.len()
        ))
    }
}

fn first_account_id(client: &Client) -> Result<u64, Box<dyn Error>> {
    let account = bank_account(client)?;
    Ok(account.value()["id"]
        .as_u64()
        .ok_or("an account without an id")?)
}
