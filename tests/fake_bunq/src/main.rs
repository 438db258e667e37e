//! `fake-bunq`: run the fake bunq API as a process for tests in other languages.
//!
//! Prints `http://127.0.0.1:PORT/v1/` on one line (with `--tls`, `https://...` and a second
//! line `CA certificate: FILE`), then serves until killed or until its standard input reaches
//! end-of-file, so that a test process that dies takes it down.

use std::io::{self, Read, Write};
use std::path::Path;
use std::process::ExitCode;
use std::thread;
use std::time::Duration;

use fake_bunq::{FakeBunq, FakeBunqConfig, FakeTls, ServerCertificate};

const USAGE: &str = "\
Usage: fake-bunq [OPTIONS]

Runs an offline fake of the bunq API on 127.0.0.1, prints its base URL
(http://127.0.0.1:PORT/v1/, or https:// with --tls) as one line on stdout, and
serves until killed or until stdin reaches end-of-file.

Options:
  --port N                 port to bind (default 0: a free port)
  --session-timeout SECS   session lifetime and reported session_timeout (default 3600)
  --rate-limits            enforce bunq's rate limits (GET 3, POST 5, PUT 2 per 3 s;
                           session-server 1 per 30 s)
  --accounts N             monetary accounts per new user (default 25)
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
            print!("{USAGE}");
            ExitCode::SUCCESS
        }
        Ok(Command::Serve(options)) => serve(options),
        Err(message) => {
            eprintln!("fake-bunq: {message}\n\n{USAGE}");
            ExitCode::from(2)
        }
    }
}

fn serve(options: Options) -> ExitCode {
    let names_own_ca_file = options
        .config
        .tls
        .as_ref()
        .is_some_and(|tls| tls.ca_file.is_none());
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
    if options.watch_stdin {
        // A CA file of our own naming goes with us (exit skips the server's drop).
        let own_ca_file = server
            .ca_certificate_file()
            .filter(|_| names_own_ca_file)
            .map(Path::to_path_buf);
        // Reading until EOF notices the parent's death even when it could not kill us.
        thread::spawn(move || {
            let _ = io::copy(&mut io::stdin().lock().by_ref(), &mut io::sink());
            if let Some(path) = own_ca_file {
                let _ = std::fs::remove_file(path);
            }
            std::process::exit(0);
        });
    }
    loop {
        thread::park();
    }
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
