//! The main job: a bunq API context from start to payment, printing each step.
//!
//! ```text
//! cargo run --example quickstart                       # offline, against the bundled fake bunq
//! cargo run --example quickstart -- --base-url https://public-api.sandbox.bunq.com/v1/
//! cargo run --example quickstart -- --api-key KEY --context my.conf
//! cargo run --example quickstart -- --tls                       # offline, over HTTPS
//! cargo run --example quickstart -- --trace     # and each exchange, wait, renewal on stderr
//! cargo run --example quickstart -- --print-pin --base-url https://api.bunq.com/v1/
//! cargo run --example quickstart -- --callbacks  # and the payment's callbacks, confirmed
//! ```
//!
//! Creates (or restores) a context, saves and restores it, fetches the user, lists every
//! monetary account of every kind through all pages, asks sugardaddy for money, pays 0.01 EUR
//! to sugardaddy@bunq.com from the first bank account, and saves the context again, making
//! its calls by name from bunq's API table (`User.get`, `MonetaryAccount.list`,
//! `Payment.create`, ...). With `--callbacks` it also registers notification filters pointing
//! at a receiver on this machine, and receives, checks and confirms the payment's callbacks
//! (the bundled fake only: bunq cannot reach this machine). Over HTTPS it
//! prints the TLS version and cipher suite negotiated, and the connections it used. Any failure
//! (a refused certificate too) ends the program with exit code 1 and one line on stderr saying
//! why.
//!
//! Outside the sandbox and the fake (a `PRODUCTION` context, or a base URL on bunq's
//! production hosts such as `https://api.bunq.com/v1/`), real money and a real API key are
//! at stake: the quickstart refuses to start, before any network call, unless
//! `--allow-production-payments` says it may pay 0.01 EUR there (sugardaddy is skipped: it
//! exists only in the sandbox), and a new context there needs `--permitted-ip ADDRESS` or,
//! knowingly, `--permit-any-ip` (bunq would accept the key from anywhere). `--print-pin`
//! only connects and prints the server's TLS key pin: no API key, no context, no payment.

use std::error::Error;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use std::collections::{BTreeMap, HashSet};
use std::time::Duration;

use bunq::api::{Answer, ApiObject, Call};
use bunq::callbacks::{self, Category, FilterOwner, NotificationFilter, SenderRanges};
use bunq::{
    ApiContext, Client, Config, Environment, EnvironmentType, ProxySetting, SandboxUserKind,
    create_sandbox_user, probe_tls,
};
use fake_bunq::{FakeBunq, FakeBunqConfig, FakeTls};
use serde_json::json;
use webhook_receiver::start_receiver;

mod webhook_receiver;

const USAGE: &str = "usage: quickstart [--base-url URL] [--api-key KEY] [--context FILE]
                  [--tls] [--ca-cert FILE] [--pin-sha256 BASE64]... [--trace]
                  [--fake-session-timeout SECONDS] [--fake-rate-limits]
                  [--permitted-ip ADDRESS]... [--permit-any-ip]
                  [--allow-production-payments] [--callbacks]
       quickstart --print-pin [--base-url URL] [--ca-cert FILE] [--pin-sha256 BASE64]...

  --base-url URL   talk to this server (e.g. https://public-api.sandbox.bunq.com/v1/)
                   instead of starting the bundled fake bunq on loopback
  --api-key KEY    use this API key; otherwise a sandbox user is created
  --context FILE   restored when it exists, created otherwise (default bunq.conf)
  --tls            run the bundled fake over HTTPS, trusting its throw-away CA
  --ca-cert FILE   trust the root certificate(s) in this PEM file as well
  --pin-sha256 BASE64
                   accept only a server whose key has this pin-sha256 (repeatable)
  --trace          print the library's events on stderr: one line per exchange
                   (method, path, status, time, bunq's response id), rate-limiter
                   waits, 429 backoffs, session renewals and context saves
  --fake-session-timeout SECONDS, --fake-rate-limits
                   make the bundled fake expire sessions quickly / enforce bunq's rate limits
  --permitted-ip ADDRESS
                   bind a new context's API key to this IP address (repeatable);
                   the default in the sandbox and the fake is every address (*)
  --permit-any-ip  outside the sandbox, register a new API key for every IP address
                   (permitted_ips [\"*\"]): anyone holding the key could use it
  --allow-production-payments
                   run against bunq production (real money): pays 0.01 EUR to
                   sugardaddy@bunq.com; without it production is refused
  --callbacks      also register notification filters pointing at a receiver on this
                   machine, and receive, check and confirm the payment's callbacks
                   (with the bundled fake only: bunq cannot reach this machine)
  --print-pin      only connect and print the server's TLS version, cipher suite and
                   key pin-sha256 (for --pin-sha256): no API key, no context, no payment;
                   without --base-url, of the bundled fake over HTTPS";

/// What the command line asked for.
#[derive(Debug, Default)]
struct Options {
    base_url: Option<String>,
    api_key: Option<String>,
    context: PathBuf,
    fake_session_timeout: Option<u64>,
    fake_rate_limits: bool,
    tls: bool,
    ca_certs: Vec<PathBuf>,
    pins: Vec<String>,
    trace: bool,
    permitted_ips: Vec<String>,
    permit_any_ip: bool,
    allow_production_payments: bool,
    print_pin: bool,
    callbacks: bool,
}

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(reason) => {
            eprintln!("quickstart failed: {}", one_line(&reason.to_string()));
            ExitCode::FAILURE
        }
    }
}

fn run() -> Result<(), Box<dyn Error>> {
    let options = parse_options(std::env::args().skip(1))?;
    if options.trace {
        // The library reports through the `log` facade (target `bunq`); any logger would do.
        log::set_logger(&TRACE).map_err(|_| "a logger is already installed")?;
        log::set_max_level(log::LevelFilter::Debug);
    }
    if options.print_pin {
        return print_pin(&options);
    }
    if options.callbacks && options.base_url.is_some() {
        return Err(
            "--callbacks needs the bundled fake (no --base-url): bunq cannot reach a \
                    receiver on this machine"
                .into(),
        );
    }
    // Without --base-url the fake runs in this process for as long as `_fake` lives.
    let (base_url, _fake) = match &options.base_url {
        Some(url) => (url.clone(), None),
        None => {
            let fake = start_fake(&options)?;
            println!("Started the offline fake bunq at {}", fake.base_url());
            if let Some(ca_file) = fake.ca_certificate_file() {
                println!("  trusting its throw-away CA from {}", ca_file.display());
            }
            (fake.base_url(), Some(fake))
        }
    };
    let config = config_for(&options, _fake.as_ref());

    let context = context_for(&options, &base_url, &config)?;
    context.save(&options.context)?;
    println!("Saved the context to {}", options.context.display());

    let mut restored = ApiContext::restore(&options.context)?;
    restored.set_base_url(&base_url);
    println!("Restored it (no network call)");
    let client = Client::builder(restored)
        .config(config)
        .save_to(&options.context)
        .build()?;

    show_user(&client)?;
    let first_account = list_accounts(&client)?;
    if client.context().environment().is_sandbox() {
        let inquiry =
            client.request_sandbox_money(first_account, "100.00", "bunq-context quickstart")?;
        println!(
            "Asked sugardaddy for 100.00 EUR into account {first_account} (request-inquiry {inquiry})"
        );
    } else {
        println!("Skipped asking sugardaddy for money: it exists only in the sandbox");
    }
    let webhook = match options.callbacks {
        true => Some(Webhook::register(&client, first_account)?),
        false => None,
    };
    let payment = pay_sugardaddy(&client, first_account)?;
    if let Some(webhook) = webhook {
        webhook.receive_and_confirm(&client, payment)?;
    }

    client.save(&options.context)?;
    println!("Saved the context again to {}", options.context.display());
    show_connections(&client);
    Ok(())
}

/// `--print-pin`: one unauthenticated request to the server (or to the fake over HTTPS) and
/// what its TLS handshake agreed on. Nothing is created, signed or paid.
fn print_pin(options: &Options) -> Result<(), Box<dyn Error>> {
    let (base_url, fake) = match &options.base_url {
        Some(url) => (url.clone(), None),
        None => {
            let fake = FakeBunq::start_with(FakeBunqConfig {
                tls: Some(FakeTls::default()),
                ..FakeBunqConfig::default()
            })?;
            println!("Started the offline fake bunq at {}", fake.base_url());
            (fake.base_url(), Some(fake))
        }
    };
    let config = config_for(options, fake.as_ref());
    let tls = probe_tls(&Environment::custom(&base_url), &config)?;
    println!(
        "TLS: {} with {}, cipher suite {}",
        tls.version, tls.host, tls.cipher_suite
    );
    println!("Server key pin-sha256: {}", tls.server_key_pin_sha256);
    println!(
        "Pin it with --pin-sha256 (Config::builder().pin_sha256, \"tls\": {{\"pin_sha256\": [...]}}), \
         together with a backup pin"
    );
    Ok(())
}

/// Outside the sandbox and the fake, real money and a real API key are at stake: go on only
/// where the user said so, before any network call. `new_context`: a device would be
/// registered with `permitted_ips`.
fn refuse_production_unless_allowed(
    options: &Options,
    environment: &Environment,
    new_context: bool,
) -> Result<(), String> {
    if environment.is_sandbox() {
        return Ok(());
    }
    let url = environment.base_url();
    let place = match environment.kind() {
        EnvironmentType::Production => format!("environment PRODUCTION at {url}"),
        EnvironmentType::Sandbox => format!("{url} is a bunq production host"),
    };
    if !options.allow_production_payments {
        return Err(format!(
            "refusing to run against bunq production ({place}): the quickstart pays 0.01 EUR \
             of real money; pass --allow-production-payments to do that, or --print-pin to \
             only print the server's TLS key pin"
        ));
    }
    if new_context && options.permitted_ips.is_empty() && !options.permit_any_ip {
        return Err(format!(
            "refusing to register a production API key for every IP address (permitted_ips \
             [\"*\"]) at {url}: pass --permitted-ip ADDRESS (this machine's public address), \
             or --permit-any-ip if anyone holding the key may use it"
        ));
    }
    Ok(())
}

/// The addresses a new context's key is bound to: those given, else every address (only
/// in the sandbox and the fake, or with --permit-any-ip; see
/// [`refuse_production_unless_allowed`]).
fn permitted_ips(options: &Options) -> Vec<String> {
    match options.permitted_ips.is_empty() {
        true => vec!["*".to_owned()],
        false => options.permitted_ips.clone(),
    }
}

/// The configuration: trust as the flags say; no proxy for the fake on loopback.
fn config_for(options: &Options, fake: Option<&FakeBunq>) -> Config {
    let mut builder = Config::builder();
    if let Some(fake) = fake {
        builder = builder.proxy(ProxySetting::None);
        if let Some(ca_pem) = fake.ca_certificate_pem() {
            builder = builder.add_root_certificates_pem(ca_pem);
        }
    }
    for ca_cert in &options.ca_certs {
        builder = builder.add_root_certificates_file(ca_cert);
    }
    for pin in &options.pins {
        builder = builder.pin_sha256(pin);
    }
    builder.build()
}

/// What the client's connections cost, and what TLS negotiated.
fn show_connections(client: &Client) {
    let stats = client.transport_stats();
    if let Some(tls) = &stats.last_tls {
        println!(
            "TLS: {} with {}, cipher suite {}; server key pin-sha256 {}",
            tls.version, tls.host, tls.cipher_suite, tls.server_key_pin_sha256
        );
    }
    println!(
        "Connections: {} opened for {} requests; TLS handshakes: {}; name lookups: {}",
        stats.connections_opened, stats.requests_sent, stats.tls_handshakes, stats.name_lookups
    );
}

/// Restores `--context` when it exists (pointing it at `base_url`), otherwise creates one.
fn context_for(
    options: &Options,
    base_url: &str,
    config: &Config,
) -> Result<ApiContext, Box<dyn Error>> {
    if options.context.exists() {
        let mut context = ApiContext::restore(&options.context)?;
        if options.base_url.is_some() || context.environment().base_url() != base_url {
            context.set_base_url(base_url);
        }
        refuse_production_unless_allowed(options, context.environment(), false)?;
        println!("Restored the context from {}", options.context.display());
        return Ok(context);
    }
    let environment = Environment::custom(base_url);
    refuse_production_unless_allowed(options, &environment, true)?;
    let api_key = match &options.api_key {
        Some(key) => key.clone(),
        None => {
            let key = create_sandbox_user(&environment, SandboxUserKind::Person, config)?;
            println!("Created a sandbox user");
            key.expose().to_owned()
        }
    };
    let context = ApiContext::builder(environment, api_key)
        .description("bunq-context quickstart")
        .permitted_ips(permitted_ips(options))
        .config(config.clone())
        .create()?;
    println!(
        "Created a context: installation, device-server, session-server (user {})",
        context.user_id().unwrap_or_default()
    );
    Ok(context)
}

fn show_user(client: &Client) -> Result<(), Box<dyn Error>> {
    let user = object(client.call(&Call::new("User.get"))?)?;
    let fields = user.value();
    println!(
        "Fetched the user (User.get): {} {} {}",
        user.kind(),
        fields["id"],
        fields["display_name"].as_str().unwrap_or("")
    );
    Ok(())
}

/// Lists every account of every kind (bank, savings, joint, ...), ten a page, the walk
/// reading a page when it needs one; returns the first bank account's id, to pay from.
fn list_accounts(client: &Client) -> Result<u64, Box<dyn Error>> {
    let walk = client.objects(&Call::new("MonetaryAccount.list").query("count", "10"))?;
    let accounts = walk.collect::<bunq::Result<Vec<ApiObject>>>()?;
    let mut kinds = BTreeMap::new();
    for account in &accounts {
        *kinds.entry(account.kind().to_owned()).or_insert(0) += 1;
    }
    let kinds: Vec<String> = kinds
        .iter()
        .map(|(kind, count)| format!("{count} {kind}"))
        .collect();
    println!(
        "Listed {} monetary accounts (MonetaryAccount.list): {}",
        accounts.len(),
        kinds.join(", ")
    );
    for account in accounts.iter().take(3) {
        let fields = account.value();
        println!(
            "  {} {} {} {} {}",
            account.kind(),
            fields["id"],
            fields["description"].as_str().unwrap_or(""),
            fields["balance"]["value"].as_str().unwrap_or("?"),
            fields["balance"]["currency"].as_str().unwrap_or("")
        );
    }
    accounts
        .iter()
        .find(|account| account.kind() == "MonetaryAccountBank")
        .and_then(|account| account.value()["id"].as_u64())
        .ok_or_else(|| "the user has no bank account to pay from".into())
}

/// Pays 0.01 EUR by name (`Payment.create`); returns the payment's id.
fn pay_sugardaddy(client: &Client, account_id: u64) -> Result<u64, Box<dyn Error>> {
    let payment = Call::new("Payment.create")
        .id("monetary_account_id", account_id)
        .body(json!({
            "amount": {"value": "0.01", "currency": "EUR"},
            "counterparty_alias": {"type": "EMAIL", "value": "sugardaddy@bunq.com", "name": "Sugar Daddy"},
            "description": "bunq-context quickstart",
        }));
    let Answer::Id(payment_id) = client.call(&payment)? else {
        return Err("Payment.create answered no id".into());
    };
    println!(
        "Paid 0.01 EUR to sugardaddy@bunq.com from account {account_id} (Payment.create: payment {payment_id})"
    );
    let account = Call::new("MonetaryAccount.get").id("monetary_account_id", account_id);
    let account = object(client.call(&account)?)?;
    let balance = &account.value()["balance"];
    println!(
        "Account {account_id} now holds {} {}",
        balance["value"].as_str().unwrap_or("?"),
        balance["currency"].as_str().unwrap_or("")
    );
    Ok(payment_id)
}

/// The object of an answer that must be one.
fn object(answer: Answer) -> Result<ApiObject, Box<dyn Error>> {
    match answer {
        Answer::Object(object) => Ok(object),
        other => Err(format!("expected one object, bunq's answer was {other:?}").into()),
    }
}

/// `--callbacks`: a receiver on this machine, and the account's filters pointing at it.
struct Webhook {
    deliveries: std::sync::mpsc::Receiver<webhook_receiver::Delivery>,
    account_id: u64,
}

impl Webhook {
    /// Starts the receiver and asks for PAYMENT and MUTATION callbacks of `account_id`.
    fn register(client: &Client, account_id: u64) -> Result<Webhook, Box<dyn Error>> {
        let (deliveries, url) = start_receiver()?;
        let owner = FilterOwner::MonetaryAccount(account_id);
        for category in [Category::Payment, Category::Mutation] {
            // Reads the list, adds to it, writes the whole list back (bunq replaces it).
            callbacks::add_filter(client, owner, &NotificationFilter::new(category, &url)?)?;
        }
        println!("Registered PAYMENT and MUTATION callbacks of account {account_id} at {url}");
        Ok(Webhook {
            deliveries,
            account_id,
        })
    }

    /// Receives the payment's two callbacks; checks the sender, skips repeats, and
    /// believes each only once the signed API confirms it. Then clears the filters.
    fn receive_and_confirm(self, client: &Client, payment_id: u64) -> Result<(), Box<dyn Error>> {
        // The fake calls back from loopback; bunq's production from 185.40.108.0/22
        // (`SenderRanges::production()`); the sandbox from no fixed range.
        let senders = SenderRanges::new(["127.0.0.0/8", "::1"])?;
        let mut seen = HashSet::new();
        while seen.len() < 2 {
            let delivery = self
                .deliveries
                .recv_timeout(Duration::from_secs(10))
                .map_err(|_| format!("{} of the payment's 2 callbacks arrived", seen.len()))?;
            let callback = delivery.callback;
            if !senders.contains(delivery.peer) || !seen.insert(callback.deduplication_key()) {
                continue;
            }
            let current = callbacks::confirm_callback(client, &callback)?;
            println!(
                "Callback {} {} about {} {} from {} to {}, confirmed through the signed API: {} {}",
                callback.category,
                callback.event_type,
                callback.object_type,
                callback.object_id.unwrap_or_default(),
                delivery.peer,
                delivery.path,
                current["amount"]["value"].as_str().unwrap_or("?"),
                current["amount"]["currency"].as_str().unwrap_or(""),
            );
            if callback.object_id != Some(payment_id) {
                return Err(
                    format!("a callback about {:?}, not the payment", callback.object_id).into(),
                );
            }
        }
        callbacks::clear_filters(client, FilterOwner::MonetaryAccount(self.account_id))?;
        println!(
            "Cleared the notification filters of account {}",
            self.account_id
        );
        Ok(())
    }
}

/// The fake remembers everything in a file beside the context (`bunq.conf.fake-bunq.json`),
/// as bunq would: a second run finds its installation, session and money again.
fn start_fake(options: &Options) -> std::io::Result<FakeBunq> {
    let mut state_file = options.context.clone().into_os_string();
    state_file.push(".fake-bunq.json");
    let mut config = FakeBunqConfig {
        rate_limits: options.fake_rate_limits,
        state_file: Some(state_file.into()),
        tls: options.tls.then(FakeTls::default),
        ..FakeBunqConfig::default()
    };
    if let Some(seconds) = options.fake_session_timeout {
        config.session_timeout_secs = seconds;
    }
    FakeBunq::start_with(config)
}

fn parse_options(mut args: impl Iterator<Item = String>) -> Result<Options, Box<dyn Error>> {
    let mut options = Options {
        context: PathBuf::from("bunq.conf"),
        ..Options::default()
    };
    while let Some(flag) = args.next() {
        let mut value = || args.next().ok_or(format!("{flag} needs a value\n{USAGE}"));
        match flag.as_str() {
            "--base-url" => options.base_url = Some(value()?),
            "--api-key" => options.api_key = Some(value()?),
            "--context" => options.context = Path::new(&value()?).to_path_buf(),
            "--fake-session-timeout" => {
                let text = value()?;
                let seconds = text.parse().map_err(|_| {
                    format!("--fake-session-timeout takes whole seconds, not {text:?}")
                })?;
                options.fake_session_timeout = Some(seconds);
            }
            "--fake-rate-limits" => options.fake_rate_limits = true,
            "--tls" => options.tls = true,
            "--ca-cert" => options.ca_certs.push(PathBuf::from(value()?)),
            "--pin-sha256" => options.pins.push(value()?),
            "--trace" => options.trace = true,
            "--permitted-ip" => options.permitted_ips.push(value()?),
            "--permit-any-ip" => options.permit_any_ip = true,
            "--allow-production-payments" => options.allow_production_payments = true,
            "--print-pin" => options.print_pin = true,
            "--callbacks" => options.callbacks = true,
            "--help" | "-h" => {
                println!("{USAGE}");
                std::process::exit(0);
            }
            other => return Err(format!("unknown argument {other:?}\n{USAGE}").into()),
        }
    }
    Ok(options)
}

/// `--trace`: the library's events, one line each on stderr (`trace: POST session-server 200
/// 3.2 ms response-id=...`). Only target `bunq`: ureq's own records stay out.
struct StderrTrace;

static TRACE: StderrTrace = StderrTrace;

impl log::Log for StderrTrace {
    fn enabled(&self, metadata: &log::Metadata<'_>) -> bool {
        metadata.target() == bunq::event::LOG_TARGET
    }

    fn log(&self, record: &log::Record<'_>) {
        if self.enabled(record.metadata()) {
            eprintln!("trace: {}", record.args());
        }
    }

    fn flush(&self) {}
}

/// Errors may span lines (usage); the failure line shows the first.
fn one_line(text: &str) -> &str {
    text.lines().next().unwrap_or(text)
}
