//! The OAuth flow: the page to send a user to, and trading the code for an access token
//! (which `bunq_client_create` then takes as its `"api_key"`).

use std::os::raw::c_char;

use serde::Deserialize;

use bunq::EnvironmentType;
use bunq::OAuthClient;

use crate::boundary::arguments::{out, string};
use crate::boundary::failure::{Failure, Outcome};
use crate::boundary::options;
use crate::boundary::panic_boundary::call;
use crate::boundary::settings;
use crate::boundary::status::bunq_status;
use crate::boundary::strings::owned_c_string;

/// The OAuth client's part of a configuration object.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct OAuthSettings {
    environment: Option<String>,
    client_id: Option<String>,
    client_secret: Option<String>,
    redirect_uri: Option<String>,
    authorize_url: Option<String>,
    token_url: Option<String>,
}

/// A setting OAuth cannot do without.
fn required(value: Option<String>, name: &str) -> Outcome<String> {
    value.ok_or_else(|| {
        Failure::invalid_input(format!(
            "the settings have no \"{name}\", which OAuth needs"
        ))
    })
}

/// The OAuth client that `config_json` describes.
fn oauth_client(config_json: &str) -> Outcome<OAuthClient> {
    let (settings, options) = options::split_off::<OAuthSettings>(config_json, &settings::OAUTH)?;
    let environment = required(settings.environment, "environment")?;
    let environment = EnvironmentType::parse(&environment).ok_or_else(|| {
        Failure::invalid_input("the setting \"environment\" must be \"SANDBOX\" or \"PRODUCTION\"")
    })?;
    let mut client = OAuthClient::new(
        environment,
        required(settings.client_id, "client_id")?,
        settings.client_secret.unwrap_or_default(),
        required(settings.redirect_uri, "redirect_uri")?,
    )
    .with_config(options.config()?);
    if let Some(url) = settings.authorize_url {
        client = client.with_authorize_url(url);
    }
    if let Some(url) = settings.token_url {
        client = client.with_token_url(url);
    }
    Ok(client)
}

/// The bunq page to send a user to so that they grant your app access, with every
/// parameter percent-encoded.
///
/// `config_json` (borrowed) is a JSON object of these settings and the client options of
/// `bunq_client_restore` (timeouts, proxy, `"user_agent"`):
// BEGIN settings OAUTH (generated from boundary/settings.rs by `cargo run -p bunq-codegen -- bindings`; do not edit)
/// - "environment": "SANDBOX" or "PRODUCTION", required. bunq's environment, which names
///   its OAuth pages.
/// - "client_id": a string, required. Your OAuth client's id.
/// - "client_secret": a string, default none (needed only for the code exchange). Your
///   OAuth client's secret.
/// - "redirect_uri": a string, required. Where bunq sends the user back, exactly as
///   registered with bunq.
/// - "authorize_url": a string, default bunq's. Another authorization page, e.g. a test
///   server's.
/// - "token_url": a string, default bunq's. Another token endpoint, e.g. a test server's.
// END settings OAUTH
///
/// `state` (borrowed) should be unguessable; check it when bunq redirects back. On success
/// `*out_url` is a string the caller owns: release it with `bunq_string_free`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn bunq_oauth_authorization_url(
    config_json: *const c_char,
    state: *const c_char,
    out_url: *mut *mut c_char,
) -> bunq_status {
    call(|| {
        // SAFETY: the C caller's promises (see the module rules).
        let config_json = unsafe { string(config_json, "config_json") }?;
        let state = unsafe { string(state, "state") }?;
        let out_url = unsafe { out(out_url, "out_url") }?;
        let url = oauth_client(config_json)?.authorization_url(state);
        out_url.write(owned_c_string(url, "the authorization URL")?);
        Ok(())
    })
}

/// Trades the authorization `code` (borrowed) from bunq's redirect for an access token.
/// `config_json` (borrowed) is as for `bunq_oauth_authorization_url`, with
/// `"client_secret"`. On success `*out_access_token` is a string the caller owns (a
/// secret; pass it as `"api_key"` to `bunq_client_create`): release it with
/// `bunq_string_free`. A refused code is `BUNQ_ERROR_API` with the endpoint's description.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn bunq_oauth_code_exchange(
    config_json: *const c_char,
    code: *const c_char,
    out_access_token: *mut *mut c_char,
) -> bunq_status {
    call(|| {
        // SAFETY: the C caller's promises (see the module rules).
        let config_json = unsafe { string(config_json, "config_json") }?;
        let code = unsafe { string(code, "code") }?;
        let out_access_token = unsafe { out(out_access_token, "out_access_token") }?;
        let token = oauth_client(config_json)?.exchange_code(code)?;
        out_access_token.write(owned_c_string(
            token.access_token().expose(),
            "the access token",
        )?);
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
            fields_read_by::<OAuthSettings>(),
            names(settings::OAUTH.settings)
        );
    }
}
