//! bunq's sandbox: throw-away users and play money.
//!
//! [`create_sandbox_user`] asks the sandbox for a new person or company and returns its API
//! key, ready for [`ApiContext::builder`](crate::ApiContext::builder) (bunq expects the key to
//! be bound to a device within hours). [`Client::request_sandbox_money`] asks the sandbox's
//! "sugar daddy" for up to 500 EUR, which arrives on the account at once.
//!
//! ```no_run
//! use bunq::{ApiContext, Client, Config, Environment, SandboxUserKind, create_sandbox_user};
//!
//! # fn main() -> bunq::Result<()> {
//! let api_key = create_sandbox_user(&Environment::sandbox(), SandboxUserKind::Person, &Config::default())?;
//! let context = ApiContext::builder(Environment::sandbox(), api_key.expose())
//!     .permitted_ips(["*"])
//!     .create()?;
//! let client = Client::new(context)?;
//! let account_id = 1; // one of the user's monetary accounts
//! let request_id = client.request_sandbox_money(account_id, "100.00", "test money")?;
//! # Ok(())
//! # }
//! ```

use serde_json::{Value, json};

use crate::config::Config;
use crate::environment::{Environment, EnvironmentType};
use crate::error::{Error, ErrorKind, Result, excerpt};
use crate::event::EventSink;
use crate::exchange::{self, Credentials, Link};
use crate::redaction::Redactor;
use crate::request::Request;
use crate::secret::Secret;
use crate::transport::Transport;

/// The sandbox's sugar daddy answers a request for money, up to this many euros at a time.
pub const SANDBOX_MONEY_LIMIT_EUR: u32 = 500;

/// The alias that pays out sandbox money.
const SUGAR_DADDY_EMAIL: &str = "sugardaddy@bunq.com";

/// Which kind of sandbox user to create.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SandboxUserKind {
    /// A private person (`sandbox-user-person`).
    Person,
    /// A company (`sandbox-user-company`).
    Company,
}

impl SandboxUserKind {
    /// The endpoint that creates this kind of user.
    pub fn endpoint(self) -> &'static str {
        match self {
            SandboxUserKind::Person => "sandbox-user-person",
            SandboxUserKind::Company => "sandbox-user-company",
        }
    }
}

/// Creates a sandbox user of `kind` in `environment` and returns its API key.
///
/// The call needs no context: it is unauthenticated and has an empty body, and bunq's answer
/// cannot be verified since no installation exists yet. `config` supplies timeouts, proxy and
/// header values. Only the sandbox (or a server imitating it) knows this endpoint.
///
/// A sandbox-only helper: outside the sandbox ([`Environment::is_sandbox`] is false: a
/// `PRODUCTION` environment, or a base URL on bunq's production hosts) it fails with
/// [`ErrorKind::InvalidInput`] before sending anything.
pub fn create_sandbox_user(
    environment: &Environment,
    kind: SandboxUserKind,
    config: &Config,
) -> Result<Secret> {
    refuse_outside_sandbox(environment, "creating a sandbox user", "the environment")?;
    let transport = Transport::new(config, None)?;
    let redactor = Redactor::new().proxy_setting(config.proxy());
    // Reported to the `log` facade only: no client or context exists yet to hold a callback.
    let events = EventSink::default();
    let link = Link {
        transport: &transport,
        config,
        environment,
        redactor: &redactor,
        events: &events,
    };
    let response = exchange::send(
        link,
        &Request::post(kind.endpoint()),
        Credentials::default(),
    )?;
    response
        .first("ApiKey")?
        .and_then(|api_key| {
            api_key
                .get("api_key")
                .and_then(Value::as_str)
                .map(Secret::new)
        })
        .ok_or_else(|| {
            Error::new(
                ErrorKind::Json,
                format!(
                    "bunq's answer to {} lacks an ApiKey with an api_key",
                    kind.endpoint()
                ),
            )
        })
}

/// The body of a request to the sugar daddy for `amount_eur` euros, refused before any
/// network call when the amount is not a plain positive decimal with at most two decimals,
/// or is above [`SANDBOX_MONEY_LIMIT_EUR`].
pub(crate) fn sandbox_money_request(amount_eur: &str, description: &str) -> Result<Value> {
    validate_sandbox_amount(amount_eur)?;
    Ok(json!({
        "amount_inquired": { "value": amount_eur, "currency": "EUR" },
        "counterparty_alias": {
            "type": "EMAIL",
            "value": SUGAR_DADDY_EMAIL,
            "name": "Sugar Daddy",
        },
        "description": description,
        "allow_bunqme": true,
    }))
}

/// The sandbox helpers' guard: `what` (e.g. "creating a sandbox user") runs only where
/// [`Environment::is_sandbox`] holds, so that no helper meant for play money ever reaches
/// bunq production; `subject` names what is in production ("this context"). The error names
/// the base URL's host only (a URL may carry user info).
pub(crate) fn refuse_outside_sandbox(
    environment: &Environment,
    what: &str,
    subject: &str,
) -> Result<()> {
    if environment.is_sandbox() {
        return Ok(());
    }
    let host = environment
        .base_url()
        .split_once("://")
        .map_or(environment.base_url(), |(_, rest)| rest)
        .split(['/', '?', '#'])
        .next()
        .unwrap_or_default();
    let host = excerpt(host.rsplit('@').next().unwrap_or(host));
    let reason = match environment.kind() {
        EnvironmentType::Production => {
            format!("{subject} is bunq production (environment PRODUCTION, base URL at {host})")
        }
        EnvironmentType::Sandbox => {
            format!("its base URL is on {host}, a bunq production host, not the sandbox")
        }
    };
    Err(Error::invalid_input(format!(
        "sandbox-only helper refused: {what} works only in bunq's sandbox (or a test server), \
         and {reason}; nothing was sent"
    )))
}

/// `^\d+(\.\d{1,2})?$`, above zero, at most the sugar daddy's limit.
fn validate_sandbox_amount(amount: &str) -> Result<()> {
    let shown = excerpt(amount);
    let (units, cents) = split_amount(amount).ok_or_else(|| {
        Error::invalid_input(format!(
            "the amount {shown:?} is not a decimal number of euros like \"100\" or \"100.00\""
        ))
    })?;
    let limit = u64::from(SANDBOX_MONEY_LIMIT_EUR) * 100;
    // Compared in cents so that "500.00" passes and "500.01" does not, and so that a
    // 40-digit amount is not mistaken for a small one.
    let total_cents = units
        .parse::<u64>()
        .ok()
        .and_then(|units| units.checked_mul(100))
        .and_then(|units| units.checked_add(cents));
    match total_cents {
        Some(0) => Err(Error::invalid_input(format!(
            "the amount {shown:?} is zero: ask for more than 0 EUR"
        ))),
        Some(cents) if cents <= limit => Ok(()),
        _ => Err(Error::invalid_input(format!(
            "the amount {shown:?} is above the sandbox limit of {SANDBOX_MONEY_LIMIT_EUR} EUR per request"
        ))),
    }
}

/// Splits `123.4` into `("123", 40)`: the whole euros as digits and the cents.
fn split_amount(amount: &str) -> Option<(&str, u64)> {
    let (units, decimals) = match amount.split_once('.') {
        Some((units, decimals)) => (units, decimals),
        None => (amount, ""),
    };
    let all_digits = |text: &str| text.bytes().all(|byte| byte.is_ascii_digit());
    let decimals_ok = if amount.contains('.') {
        (1..=2).contains(&decimals.len())
    } else {
        true
    };
    if units.is_empty() || !all_digits(units) || !all_digits(decimals) || !decimals_ok {
        return None;
    }
    let cents = match decimals.len() {
        0 => 0,
        1 => decimals.parse::<u64>().ok()? * 10,
        _ => decimals.parse::<u64>().ok()?,
    };
    Some((units, cents))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sandbox_users_are_refused_outside_the_sandbox_before_any_call() {
        // Port 9 (discard) on loopback: were anything sent, the error would be a transport one.
        for (environment, names) in [
            (
                Environment::production(),
                "environment PRODUCTION, base URL at api.bunq.com",
            ),
            (
                Environment::production().with_base_url("http://127.0.0.1:9/v1/"),
                "environment PRODUCTION, base URL at 127.0.0.1:9",
            ),
            (
                Environment::sandbox().with_base_url("https://me:pw@API.bunq.com:443/v1/"),
                "API.bunq.com:443, a bunq production host",
            ),
        ] {
            let config = Config::builder().proxy(crate::ProxySetting::None).build();
            let error =
                create_sandbox_user(&environment, SandboxUserKind::Person, &config).unwrap_err();
            assert_eq!(error.kind(), ErrorKind::InvalidInput, "{error}");
            let message = error.to_string();
            assert!(
                message.contains("sandbox-only helper refused: creating a sandbox user"),
                "{message}"
            );
            assert!(message.contains(names), "{message}");
            assert!(!message.contains("pw"), "{message}");
        }
    }

    #[test]
    fn plain_amounts_up_to_the_limit_pass() {
        for amount in [
            "1", "0.01", "0.1", "100.00", "499.99", "500", "500.00", "007.5",
        ] {
            validate_sandbox_amount(amount).unwrap();
        }
    }

    #[test]
    fn malformed_zero_and_excessive_amounts_are_refused() {
        for amount in [
            "",
            "0",
            "0.00",
            "500.01",
            "501",
            "-1",
            "+1",
            "1e2",
            "1.",
            ".5",
            "1.234",
            "1,00",
            " 1",
            "1 ",
            "١٠",
            "99999999999999999999999999",
        ] {
            let error = validate_sandbox_amount(amount).unwrap_err();
            assert_eq!(error.kind(), ErrorKind::InvalidInput, "{amount:?}");
        }
    }
}
