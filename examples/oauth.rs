//! OAuth: build the authorization URL, trade the code bunq redirects with for an access
//! token, and open a context with it (its session user is a `UserApiKey`).
//!
//! ```text
//! cargo run --example oauth                 # offline, against an in-process fake bunq
//! cargo run --example oauth -- --base-url http://127.0.0.1:8080/v1/ \
//!     [--token-url URL] [--client-id ID] [--client-secret SECRET] [--code CODE] [--redirect-uri URI]
//! ```
//!
//! Without `--token-url` the token endpoint is `<base-url>token`, as on the fake server. The
//! defaults are the fake server's OAuth client (`fake-client-id`, `fake-client-secret`) and a
//! code it accepts once (`fake-code-...`).
//!
//! Outside the sandbox and the fake the new API key is bound to `--permitted-ip ADDRESS`, or
//! to every address (`*`) only with `--permit-any-ip`: without either it stops before any
//! network call.

use std::error::Error;
use std::process::ExitCode;

use bunq::{Environment, EnvironmentType, OAuthClient};
use fake_bunq::FakeBunq;

mod command_line;
use command_line::{parse_arguments, permitted_ips};

fn main() -> ExitCode {
    command_line::exit_code("oauth", run())
}

fn run() -> Result<(), Box<dyn Error>> {
    let arguments = parse_arguments(&[
        "--base-url",
        "--token-url",
        "--client-id",
        "--client-secret",
        "--code",
        "--redirect-uri",
    ])?;
    let argument = |name: &str, default: &str| {
        arguments
            .get(name)
            .cloned()
            .unwrap_or_else(|| default.to_owned())
    };
    // Without --base-url the fake runs in this process, for as long as `_fake` lives.
    let (base_url, _fake) = match arguments.get("--base-url") {
        Some(base_url) => (base_url.clone(), None),
        None => {
            let fake = FakeBunq::start()?;
            println!("started a fake bunq at {}", fake.base_url());
            (fake.base_url(), Some(fake))
        }
    };
    let environment = Environment::custom(&base_url);
    let permitted_ips = permitted_ips(&environment, &arguments)?;
    let token_url = argument("--token-url", &environment.url_for("token"));

    let oauth = OAuthClient::new(
        EnvironmentType::Sandbox,
        argument("--client-id", "fake-client-id"),
        argument("--client-secret", "fake-client-secret"),
        argument("--redirect-uri", "https://example.com/bunq/callback"),
    )
    .with_token_url(token_url);
    println!(
        "1. the user would open {}",
        oauth.authorization_url("example-state-42")
    );

    let code = argument("--code", "fake-code-oauth-example");
    println!("2. bunq redirected back with a code; exchanging it");
    let token = oauth.exchange_code(&code)?;
    println!(
        "3. got a {} access token ({} characters)",
        token.token_type(),
        token.access_token().expose().len()
    );

    let context = token
        .context_builder(environment)
        .description("bunq-context oauth example")
        .permitted_ips(permitted_ips)
        .create()?;
    let user = context
        .user()
        .ok_or("the new context has no session user")?;
    println!(
        "4. context created: session user {} of kind {} (session_timeout {} s)",
        user.id().unwrap_or_default(),
        user.kind().type_name(),
        user.session_timeout().unwrap_or_default()
    );
    Ok(())
}
