//! `fake-bunq`: run the fake bunq API as a process, for offline tests in any language.
//!
//! Prints `http://127.0.0.1:PORT/v1/` on one line of stdout (with `--tls`, `https://...` and a
//! second line `CA certificate: FILE`), says the same for people on stderr, then serves until
//! Ctrl-C, SIGTERM, or end-of-file on its standard input (so that a test process that dies
//! takes it down); then it stops cleanly: the state file saved, its own CA file removed.

use std::io::{self, Read, Write};
use std::process::ExitCode;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::thread;
use std::time::Duration;

use fake_bunq::{FakeBunq, FakeBunqConfig, FakeTls, ServerCertificate};

/// How often the main thread looks whether it was asked to stop.
const STOP_POLL: Duration = Duration::from_millis(100);

const USAGE: &str = "\
Usage: fake-bunq [OPTIONS]

Runs an offline fake of the bunq API on 127.0.0.1 for your own tests (any
language: point the client's base URL at it), prints its base URL
(http://127.0.0.1:PORT/v1/, or https:// with --tls) as the first line on stdout,
and serves until Ctrl-C, SIGTERM or end-of-file on stdin. Nothing leaves the
machine; no real money moves.

Options:
  --port N                 port to bind (default 0: a free port)
  --session-timeout SECS   session lifetime and reported session_timeout (default 3600)
  --rate-limits            enforce bunq's rate limits (GET 3, POST 5, PUT 2 per 3 s;
                           session-server 1 per 30 s)
  --accounts N             bank accounts per new user, besides its savings and
                           joint account (default 25)
  --api-key KEY            accept KEY as an API key of a new UserPerson (repeatable)
  --oauth-client-id ID     OAuth client id (default fake-client-id)
  --oauth-client-secret S  OAuth client secret (default fake-client-secret)
  --state FILE             keep the state (server key, tokens, users, money) in FILE
                           across restarts; loaded if it exists, saved after changes
  --tls                    serve HTTPS with a throw-away CA made at start-up (rcgen);
                           prints a second line 'CA certificate: FILE', the CA's PEM
  --ca-file FILE           write the CA certificate there (implies --tls; default: a
                           file in the temporary directory, removed at exit)
  --tls-certificate KIND   present a valid certificate for localhost and 127.0.0.1
                           (valid, the default), an expired one (expired), or one
                           for another host (other-host)
                           (implies --tls)
  --callback-retry-interval-ms MS
                           wait between tries of a failed callback (default
                           60000, as at bunq; 6 tries in all, then it is listed
                           by notification-filter-failure)
  --split-writes           write each answer's head and body separately, Nagle's
                           algorithm on (as Python's http.server): a client that
                           delays its ACKs waits for its timer once per answer
  --ignore-stdin           keep serving after stdin closes (for shells that start
                           background jobs with stdin from /dev/null)
  -h, --help               print this help

Every new user (sandbox-user-person, sandbox-user-company, --api-key, OAuth,
PSD2) gets a savings account and a joint account, then --accounts bank accounts,
each with an IBAN; money comes from sugardaddy@bunq.com through request-inquiry.
";

/// What the command line asks for.
#[derive(Debug)]
enum Command {
    Help,
    Serve(Options),
}

#[derive(Debug)]
struct Options {
    config: FakeBunqConfig,
    port: u16,
    watch_stdin: bool,
}

fn main() -> ExitCode {
    match parse(std::env::args().skip(1)) {
        Ok(Command::Help) => {
            print!("{}", help());
            ExitCode::SUCCESS
        }
        Ok(Command::Serve(options)) => serve(options),
        Err(message) => {
            eprintln!("fake-bunq: {message}\n\n{USAGE}\nfake-bunq --help lists the routes too.");
            ExitCode::from(2)
        }
    }
}

/// The usage, then every route from the router's own table: bunq's, then the fake's own.
fn help() -> String {
    let mut text =
        format!("{USAGE}\nbunq's API, under the base URL (names as in bunq::api::operations()):\n");
    for route in fake_bunq::routes().filter(|route| route.operation().is_some()) {
        let name = route.operation().unwrap_or_default();
        let line = format!("{} {}", route.method(), route.path_template());
        text.push_str(&format!("  {line}\n      {name}: {}\n", route.about()));
    }
    text.push_str(
        "\nThe OAuth token exchange and the fake's own control routes (no bunq headers\n\
         needed, no rate limit):\n",
    );
    for route in fake_bunq::routes().filter(|route| route.operation().is_none()) {
        let line = format!("{} {}", route.method(), route.path_template());
        text.push_str(&format!("  {line}\n      {}\n", route.about()));
    }
    text.push_str(
        "\nWhat it does not imitate, how to point a client at it: tests/fake_bunq/README.md\n",
    );
    text
}

fn serve(options: Options) -> ExitCode {
    let server = match FakeBunq::start_on(options.config, options.port) {
        Ok(server) => server,
        Err(error) => {
            eprintln!("fake-bunq: cannot start: {error}");
            return ExitCode::FAILURE;
        }
    };
    let mut announcement = format!("{}\n", server.base_url());
    if let Some(ca_file) = server.ca_certificate_file() {
        announcement.push_str(&format!("CA certificate: {}\n", ca_file.display()));
    }
    let mut stdout = io::stdout().lock();
    if stdout
        .write_all(announcement.as_bytes())
        .and_then(|()| stdout.flush())
        .is_err()
    {
        eprintln!("fake-bunq: cannot write the base URL to stdout");
        return ExitCode::FAILURE;
    }
    let stop = Arc::new(AtomicBool::new(false));
    for signal in [signal_hook::consts::SIGINT, signal_hook::consts::SIGTERM] {
        if let Err(error) = signal_hook::flag::register(signal, Arc::clone(&stop)) {
            eprintln!("fake-bunq: signal {signal} will stop the fake uncleanly: {error}");
        }
    }
    if options.watch_stdin {
        // Reading until EOF notices the parent's death even when it could not signal us.
        let stop = Arc::clone(&stop);
        thread::spawn(move || {
            let _ = io::copy(&mut io::stdin().lock().by_ref(), &mut io::sink());
            stop.store(true, Ordering::SeqCst);
        });
    }
    eprintln!("{}", greeting(&server, options.watch_stdin));
    while !stop.load(Ordering::SeqCst) {
        thread::sleep(STOP_POLL);
    }
    // Dropping the server finishes the answers under way, saves the state file and removes
    // a CA file of its own naming.
    drop(server);
    eprintln!("fake-bunq: stopped");
    ExitCode::SUCCESS
}

/// The startup line for people: where it listens, what to trust, how it stops.
fn greeting(server: &FakeBunq, watch_stdin: bool) -> String {
    let mut text = format!(
        "fake-bunq: serving a fake bunq API at {}",
        server.base_url()
    );
    if let Some(ca_file) = server.ca_certificate_file() {
        text.push_str(&format!(
            "\nfake-bunq: the CA certificate to trust is in {}",
            ca_file.display()
        ));
    }
    let stdin = match watch_stdin {
        true => ", SIGTERM or end-of-file on stdin",
        false => " or SIGTERM",
    };
    text.push_str(&format!(
        "\nfake-bunq: stops on Ctrl-C{stdin}; --help lists the routes"
    ));
    text
}

fn parse(mut args: impl Iterator<Item = String>) -> Result<Command, String> {
    let mut options = Options {
        config: FakeBunqConfig::default(),
        port: 0,
        watch_stdin: true,
    };
    while let Some(arg) = args.next() {
        let config = &mut options.config;
        match arg.as_str() {
            "-h" | "--help" => return Ok(Command::Help),
            "--port" => options.port = number(&arg, args.next())?,
            "--session-timeout" => config.session_timeout_secs = number(&arg, args.next())?,
            "--rate-limits" => config.rate_limits = true,
            "--accounts" => config.accounts_per_user = number(&arg, args.next())?,
            "--api-key" => config.api_keys.push(value(&arg, args.next())?),
            "--oauth-client-id" => config.oauth_client_id = value(&arg, args.next())?,
            "--oauth-client-secret" => config.oauth_client_secret = value(&arg, args.next())?,
            "--state" => config.state_file = Some(value(&arg, args.next())?.into()),
            "--tls" => {
                config.tls.get_or_insert_with(FakeTls::default);
            }
            "--ca-file" => {
                let path = value(&arg, args.next())?;
                config.tls.get_or_insert_with(FakeTls::default).ca_file = Some(path.into());
            }
            "--tls-certificate" => {
                let kind = value(&arg, args.next())?;
                let certificate = ServerCertificate::parse(&kind).ok_or_else(|| {
                    format!("--tls-certificate takes valid, expired or other-host, not \"{kind}\"")
                })?;
                config.tls.get_or_insert_with(FakeTls::default).certificate = certificate;
            }
            "--callback-retry-interval-ms" => {
                let milliseconds = number(&arg, args.next())?;
                config.callback_retry_interval = Duration::from_millis(milliseconds);
            }
            "--split-writes" => config.split_writes = true,
            "--ignore-stdin" => options.watch_stdin = false,
            other => return Err(format!("unknown argument \"{other}\"")),
        }
    }
    Ok(Command::Serve(options))
}

fn value(option: &str, value: Option<String>) -> Result<String, String> {
    value.ok_or_else(|| format!("{option} needs a value"))
}

fn number<T: std::str::FromStr>(option: &str, text: Option<String>) -> Result<T, String> {
    let text = value(option, text)?;
    text.parse()
        .map_err(|_| format!("{option} needs a number, got \"{text}\""))
}
