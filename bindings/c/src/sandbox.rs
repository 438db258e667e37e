//! The sandbox flows: a throw-away user's API key, and play money from the sugar daddy.

use std::os::raw::c_char;

use serde::Deserialize;

use bunq::Config;
use bunq::{Environment, EnvironmentType};
use bunq::{SandboxUserKind, create_sandbox_user};

use crate::boundary::arguments::{optional_string, out, string};
use crate::boundary::failure::{Failure, Outcome};
use crate::boundary::options;
use crate::boundary::panic_boundary::call;
use crate::boundary::settings;
use crate::boundary::status::bunq_status;
use crate::boundary::strings::owned_c_string;
use crate::client::{bunq_client, client_of};

/// Creates a sandbox user and gives its API key, ready for `bunq_client_create` (bind it to
/// a device within hours). No context is needed.
///
/// - `config_json` (borrowed, may be NULL for bunq's public sandbox): a JSON object as for
///   `bunq_client_create`, of which only `"environment"` (which must be `"SANDBOX"`),
///   `"base_url"` (another sandbox-like server) and the client options (timeouts, proxy,
///   header values) apply.
/// - `kind` (borrowed, may be NULL): `"person"` (the default) or `"company"`.
///
/// On success `*out_api_key` is a string the caller owns (a secret): release it with
/// `bunq_string_free`.
///
/// A sandbox-only helper: a `"base_url"` on bunq's production hosts (such as
/// `https://api.bunq.com/v1/`) is `BUNQ_ERROR_INVALID_INPUT` ("sandbox-only helper
/// refused: ..."), before anything is sent. Loopback and other test servers are allowed.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn bunq_sandbox_user_create(
    config_json: *const c_char,
    kind: *const c_char,
    out_api_key: *mut *mut c_char,
) -> bunq_status {
    call(|| {
        // SAFETY: the C caller's promises (see the module rules).
        let config_json = unsafe { optional_string(config_json, "config_json") }?;
        let kind = unsafe { optional_string(kind, "kind") }?;
        let out_api_key = unsafe { out(out_api_key, "out_api_key") }?;
        let kind = user_kind(kind)?;
        let (environment, config) = sandbox(config_json.unwrap_or("{}"))?;
        let api_key = create_sandbox_user(&environment, kind, &config)?;
        out_api_key.write(owned_c_string(api_key.expose(), "the API key")?);
        Ok(())
    })
}

/// The `"environment"` part of a sandbox configuration.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SandboxSettings {
    environment: Option<String>,
}

/// The sandbox (or the server at `"base_url"`) and the configuration to reach it with.
fn sandbox(config_json: &str) -> Outcome<(Environment, Config)> {
    let (settings, options) =
        options::split_off::<SandboxSettings>(config_json, &settings::SANDBOX)?;
    let named = settings.environment.as_deref().map(EnvironmentType::parse);
    if !matches!(named, None | Some(Some(EnvironmentType::Sandbox))) {
        return Err(Failure::invalid_input(
            "sandbox users exist only in the sandbox: \"environment\" must be \"SANDBOX\"",
        ));
    }
    let environment = match options.base_url() {
        Some(url) => Environment::sandbox().with_base_url(url),
        None => Environment::sandbox(),
    };
    Ok((environment, options.config()?))
}

fn user_kind(name: Option<&str>) -> Outcome<SandboxUserKind> {
    match name.map(str::to_ascii_lowercase).as_deref() {
        None | Some("person") => Ok(SandboxUserKind::Person),
        Some("company") => Ok(SandboxUserKind::Company),
        Some(_) => Err(Failure::invalid_input(
            "kind must be \"person\" or \"company\"",
        )),
    }
}

/// Asks the sandbox's sugar daddy for `amount_eur` euros (borrowed, e.g. `"100.00"`, at
/// most 500) on the session user's monetary account `account_id`, with `description`
/// (borrowed). The money arrives at once. On success `*out_request_id` is the id of the
/// request-inquiry made. A malformed or too large amount is `BUNQ_ERROR_INVALID_INPUT`,
/// before any call.
///
/// A sandbox-only helper: a client whose context is `"PRODUCTION"`, or whose base URL is on
/// bunq's production hosts, gets `BUNQ_ERROR_INVALID_INPUT` ("sandbox-only helper refused:
/// ...") before anything is sent, so that no test flow moves real money.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn bunq_sandbox_money_request(
    client: *const bunq_client,
    account_id: u64,
    amount_eur: *const c_char,
    description: *const c_char,
    out_request_id: *mut u64,
) -> bunq_status {
    call(|| {
        // SAFETY: the C caller's promises (see the module rules).
        let client = unsafe { client_of(client) }?;
        let amount_eur = unsafe { string(amount_eur, "amount_eur") }?;
        let description = unsafe { string(description, "description") }?;
        let out_request_id = unsafe { out(out_request_id, "out_request_id") }?;
        let id = client.request_sandbox_money(account_id, amount_eur, description)?;
        out_request_id.write(id);
        Ok(())
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::boundary::options::tests::{fields_read_by, names};

    #[test]
    fn the_struct_reads_exactly_the_listed_settings() {
        assert_eq!(
            fields_read_by::<SandboxSettings>(),
            names(settings::SANDBOX.settings)
        );
    }
}
