//! The JSON settings of `bunq_client_create` and the client options of the restore
//! functions, turned into the core's [`ContextBuilder`] and [`ClientBuilder`] settings.
//!
//! Every key is first checked against the list of settings (`settings.rs`, from which their
//! documentation is generated); the structs here read what passed. A test checks that they
//! and the list name the same keys.

use std::path::PathBuf;
use std::time::Duration;

use serde::de::DeserializeOwned;
use serde::{Deserialize, Deserializer};
use serde_json::{Map, Value};

use bunq::Client;
use bunq::KeyPair;
use bunq::Psd2Certificate;
use bunq::RateLimits;
use bunq::RetryPolicy;
use bunq::TlsRoots;
use bunq::{ApiContext, ContextBuilder};
use bunq::{Config, ConfigBuilder, ProxySetting};
use bunq::{Environment, EnvironmentType};

use super::failure::{Failure, Outcome};
use super::json;
use super::setting_checks::checked_object;
use super::settings::{CLIENT, CONTEXT, Group};

/// What messages call the settings argument of the calls that make a context (and of OAuth
/// and sandbox users): every language's users read them, so not the C name `config_json`.
pub(crate) const SETTINGS: &str = "the settings";
/// What messages call the options argument of the restore functions.
const OPTIONS: &str = "the options";

/// What identifies a new context; only `bunq_client_create` takes these.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ContextSettings {
    environment: Option<String>,
    api_key: Option<String>,
    description: Option<String>,
    permitted_ips: Option<Vec<String>>,
    proxy_url: Option<String>,
    private_key_pem: Option<String>,
}

/// How the client behaves; every function that makes a client takes these.
#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub(crate) struct ClientOptions {
    base_url: Option<String>,
    timeout_ms: Option<u64>,
    connect_timeout_ms: Option<u64>,
    proxy: Option<String>,
    user_agent: Option<String>,
    language: Option<String>,
    region: Option<String>,
    geolocation: Option<String>,
    max_response_bytes: Option<u64>,
    rate_limits: Option<Switch<RateLimitsJson>>,
    retry: Option<Switch<RetryJson>>,
    session_margin_ms: Option<u64>,
    tls: Option<TlsJson>,
    max_idle_connections: Option<usize>,
    idle_connection_timeout_ms: Option<u64>,
    dns_cache_ttl_ms: Option<u64>,
    /// Absent: the default (the restored file, or nowhere); `null`: nowhere; a path: there.
    #[serde(default, deserialize_with = "present")]
    save_to: Option<Option<String>>,
}

/// `true` (the defaults), `false` (off) or an object of settings.
#[derive(Deserialize)]
#[serde(untagged)]
enum Switch<T> {
    OnOff(bool),
    Settings(T),
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RateLimitsJson {
    get: Option<u32>,
    post: Option<u32>,
    put: Option<u32>,
    delete: Option<u32>,
    window_ms: Option<u64>,
    session_server_window_ms: Option<u64>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RetryJson {
    max_attempts: Option<u32>,
    initial_backoff_ms: Option<u64>,
    max_backoff_ms: Option<u64>,
    max_total_wait_ms: Option<u64>,
}

/// `{"roots": "bundled" | "system" | "only-added", "ca_pem": "...", "ca_file": "...",
/// "pin_sha256": ["...", ...]}`, every key optional.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TlsJson {
    roots: Option<String>,
    ca_pem: Option<String>,
    ca_file: Option<String>,
    pin_sha256: Option<Vec<String>>,
}

/// Tells an explicit `null` (`Some(None)`) from an absent key (`None`, via `default`).
fn present<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<Option<String>>, D::Error> {
    Option::<String>::deserialize(deserializer).map(Some)
}

/// Parses `bunq_client_create`'s configuration into a context builder and client options.
pub(crate) fn creation(config_json: &str) -> Outcome<(ContextBuilder, ClientOptions)> {
    let (settings, options) = split(config_json)?;
    let environment = environment(settings.environment.as_deref(), options.base_url.as_deref())?;
    let api_key = settings.api_key.clone().ok_or_else(|| {
        Failure::invalid_input(
            "the settings have no \"api_key\" (an API key, sandbox key or OAuth access \
                 token), which making a new context needs",
        )
    })?;
    let builder = ApiContext::builder(environment, api_key);
    Ok((settings.apply(builder, options.config()?)?, options))
}

/// As [`creation`], for a PSD2 provider holding `certificate`: bunq issues the API key.
pub(crate) fn psd2_creation(
    config_json: &str,
    certificate: Psd2Certificate,
) -> Outcome<(ContextBuilder, ClientOptions)> {
    let (settings, options) = split(config_json)?;
    if settings.api_key.is_some() {
        return Err(Failure::invalid_input(
            "the settings have an \"api_key\", but a PSD2 provider's key is issued by bunq",
        ));
    }
    let environment = environment(settings.environment.as_deref(), options.base_url.as_deref())?;
    let builder = ApiContext::psd2_builder(environment, certificate);
    Ok((settings.apply(builder, options.config()?)?, options))
}

/// The context settings and the client options of one settings object.
fn split(config_json: &str) -> Outcome<(ContextSettings, ClientOptions)> {
    split_off(config_json, &CONTEXT)
}

/// Splits a settings object into the settings of `group` (read as `T`) and the client
/// options (everything else), after checking every key and value against both.
pub(crate) fn split_off<T: DeserializeOwned>(
    config_json: &str,
    group: &Group,
) -> Outcome<(T, ClientOptions)> {
    let mut all = checked_object(config_json, SETTINGS, &[group, &CLIENT])?;
    let own: Map<String, Value> = group
        .settings
        .iter()
        .filter_map(|setting| all.remove_entry(setting.name))
        .collect();
    let settings = json::from_value(Value::Object(own), SETTINGS)?;
    let options = json::from_value(Value::Object(all), SETTINGS)?;
    Ok((settings, options))
}

/// Parses the options argument of the restore functions; NULL means all defaults.
pub(crate) fn client_options(options_json: Option<&str>) -> Outcome<ClientOptions> {
    match options_json {
        None => Ok(ClientOptions::default()),
        Some(text) => {
            let object = checked_object(text, OPTIONS, &[&CLIENT])?;
            json::from_value(Value::Object(object), OPTIONS)
        }
    }
}

impl ContextSettings {
    fn apply(self, mut builder: ContextBuilder, config: Config) -> Outcome<ContextBuilder> {
        builder = builder.config(config);
        if let Some(description) = self.description {
            builder = builder.description(description);
        }
        if let Some(ips) = self.permitted_ips {
            builder = builder.permitted_ips(ips);
        }
        if let Some(proxy_url) = self.proxy_url {
            builder = builder.proxy_url(proxy_url);
        }
        if let Some(pem) = self.private_key_pem {
            builder = builder.key_pair(KeyPair::from_private_key_pem(&pem)?);
        }
        Ok(builder)
    }
}

/// `environment` names the type (and bunq's URL); `base_url` points elsewhere. One of them
/// is required: neither production nor sandbox is a safe guess.
fn environment(name: Option<&str>, base_url: Option<&str>) -> Outcome<Environment> {
    let kind = match name {
        Some(name) => Some(EnvironmentType::parse(name).ok_or_else(|| {
            Failure::invalid_input(
                "the setting \"environment\" must be \"SANDBOX\" or \"PRODUCTION\"",
            )
        })?),
        None => None,
    };
    match (kind, base_url) {
        (Some(kind), None) => Ok(Environment::of_type(kind)),
        (Some(kind), Some(url)) => Ok(Environment::of_type(kind).with_base_url(url)),
        (None, Some(url)) => Ok(Environment::custom(url)),
        (None, None) => Err(Failure::invalid_input(
            "the settings need \"environment\" (\"SANDBOX\" or \"PRODUCTION\") or \"base_url\" \
             (another server, e.g. a test server)",
        )),
    }
}

impl ClientOptions {
    /// The `"base_url"` option.
    pub(crate) fn base_url(&self) -> Option<&str> {
        self.base_url.as_deref()
    }

    /// The core configuration these options describe.
    pub(crate) fn config(&self) -> Outcome<Config> {
        let mut builder = Config::builder();
        if let Some(ms) = self.timeout_ms {
            builder = builder.timeout(Duration::from_millis(ms));
        }
        if let Some(ms) = self.connect_timeout_ms {
            builder = builder.connect_timeout(Duration::from_millis(ms));
        }
        if let Some(proxy) = &self.proxy {
            builder = builder.proxy(proxy_setting(proxy));
        }
        if let Some(value) = &self.user_agent {
            builder = builder.user_agent(value);
        }
        if let Some(value) = &self.language {
            builder = builder.language(value);
        }
        if let Some(value) = &self.region {
            builder = builder.region(value);
        }
        if let Some(value) = &self.geolocation {
            builder = builder.geolocation(value);
        }
        if let Some(bytes) = self.max_response_bytes {
            builder = builder.max_response_bytes(bytes);
        }
        if let Some(limits) = &self.rate_limits {
            builder = builder.rate_limits(rate_limits(limits));
        }
        if let Some(retry) = &self.retry {
            builder = builder.retry(retry_policy(retry));
        }
        if let Some(ms) = self.session_margin_ms {
            builder = builder.session_margin(Duration::from_millis(ms));
        }
        if let Some(tls) = &self.tls {
            builder = tls.apply(builder)?;
        }
        if let Some(connections) = self.max_idle_connections {
            builder = builder.max_idle_connections(connections);
        }
        if let Some(ms) = self.idle_connection_timeout_ms {
            builder = builder.idle_connection_timeout(Duration::from_millis(ms));
        }
        if let Some(ms) = self.dns_cache_ttl_ms {
            builder = builder.dns_cache_ttl(Duration::from_millis(ms));
        }
        Ok(builder.build())
    }

    /// A client for `context` with these options. `default_save` is where renewals are
    /// saved unless `save_to` says otherwise (the file a context was restored from). A
    /// `base_url` applies to this client only: saves keep the context's own.
    pub(crate) fn client(
        &self,
        context: ApiContext,
        default_save: Option<&str>,
    ) -> Outcome<Client> {
        let save_path = match &self.save_to {
            Some(explicit) => explicit.as_deref(),
            None => default_save,
        };
        let mut builder = Client::builder(context).config(self.config()?);
        if let Some(url) = &self.base_url {
            builder = builder.base_url(url);
        }
        if let Some(path) = save_path {
            builder = builder.save_to(PathBuf::from(path));
        }
        Ok(builder.build()?)
    }
}

impl TlsJson {
    fn apply(&self, mut builder: ConfigBuilder) -> Outcome<ConfigBuilder> {
        if let Some(name) = &self.roots {
            let roots = TlsRoots::parse(name).ok_or_else(|| {
                Failure::invalid_input(format!(
                    "the setting \"tls.roots\" must be \"bundled\", \"system\" or \"only-added\", \
                     not {name:?}"
                ))
            })?;
            builder = builder.tls_roots(roots);
        }
        if let Some(pem) = &self.ca_pem {
            builder = builder.add_root_certificates_pem(pem);
        }
        if let Some(path) = &self.ca_file {
            builder = builder.add_root_certificates_file(path);
        }
        for pin in self.pin_sha256.iter().flatten() {
            builder = builder.pin_sha256(pin);
        }
        Ok(builder)
    }
}

fn proxy_setting(proxy: &str) -> ProxySetting {
    match proxy {
        "none" => ProxySetting::None,
        "environment" => ProxySetting::FromEnvironment,
        url => ProxySetting::Url(url.to_owned()),
    }
}

fn rate_limits(setting: &Switch<RateLimitsJson>) -> Option<RateLimits> {
    let defaults = RateLimits::default();
    match setting {
        Switch::OnOff(false) => None,
        Switch::OnOff(true) => Some(defaults),
        Switch::Settings(json) => Some(RateLimits {
            get: json.get.unwrap_or(defaults.get),
            post: json.post.unwrap_or(defaults.post),
            put: json.put.unwrap_or(defaults.put),
            delete: json.delete.unwrap_or(defaults.delete),
            window: json
                .window_ms
                .map_or(defaults.window, Duration::from_millis),
            session_server_window: json
                .session_server_window_ms
                .map_or(defaults.session_server_window, Duration::from_millis),
        }),
    }
}

fn retry_policy(setting: &Switch<RetryJson>) -> RetryPolicy {
    let defaults = RetryPolicy::default();
    match setting {
        Switch::OnOff(false) => RetryPolicy::never(),
        Switch::OnOff(true) => defaults,
        Switch::Settings(json) => RetryPolicy {
            max_attempts: json.max_attempts.unwrap_or(defaults.max_attempts).max(1),
            initial_backoff: json
                .initial_backoff_ms
                .map_or(defaults.initial_backoff, Duration::from_millis),
            max_backoff: json
                .max_backoff_ms
                .map_or(defaults.max_backoff, Duration::from_millis),
            max_total_wait: json
                .max_total_wait_ms
                .map_or(defaults.max_total_wait, Duration::from_millis),
        },
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::boundary::settings::Setting;
    use crate::boundary::status::bunq_status;

    #[test]
    fn every_option_reaches_the_config() {
        let options = client_options(Some(
            r#"{"timeout_ms": 1500, "connect_timeout_ms": 200, "proxy": "none",
                "user_agent": "ua", "language": "nl_NL", "region": "en_US",
                "geolocation": "4.89 52.37 12 100 NL", "max_response_bytes": 1000,
                "rate_limits": {"get": 9, "window_ms": 100}, "retry": false,
                "session_margin_ms": 5000, "save_to": null}"#,
        ))
        .unwrap();
        let config = options.config().unwrap();
        assert_eq!(config.timeout(), Duration::from_millis(1500));
        assert_eq!(config.connect_timeout(), Duration::from_millis(200));
        assert_eq!(config.proxy(), &ProxySetting::None);
        assert_eq!(config.user_agent(), "ua");
        assert_eq!(config.language(), "nl_NL");
        assert_eq!(config.region(), "en_US");
        assert_eq!(config.geolocation(), "4.89 52.37 12 100 NL");
        let limits = config.rate_limits().unwrap();
        assert_eq!((limits.get, limits.post), (9, 5));
        assert_eq!(limits.window, Duration::from_millis(100));
        assert_eq!(config.retry(), &RetryPolicy::never());
        assert_eq!(config.session_margin(), Duration::from_secs(5));
        assert_eq!(options.save_to, Some(None));
        let off = client_options(Some(r#"{"rate_limits": false}"#)).unwrap();
        assert!(off.config().unwrap().rate_limits().is_none());
    }

    #[test]
    fn tls_pool_and_resolver_options_reach_the_config() {
        let options = client_options(Some(
            r#"{"tls": {"roots": "only-added", "ca_pem": "PEM", "ca_file": "/etc/ca.pem",
                        "pin_sha256": ["a", "b"]},
                "max_idle_connections": 32, "idle_connection_timeout_ms": 5000,
                "dns_cache_ttl_ms": 0}"#,
        ))
        .unwrap();
        let config = options.config().unwrap();
        assert_eq!(config.tls_roots(), TlsRoots::OnlyAdded);
        assert_eq!(config.added_root_certificate_sources(), 2);
        assert_eq!(config.pins_sha256(), ["a", "b"]);
        assert_eq!(config.max_idle_connections(), 32);
        assert_eq!(config.idle_connection_timeout(), Duration::from_secs(5));
        assert_eq!(config.dns_cache_ttl(), Duration::ZERO);
        let bad = client_options(Some(r#"{"tls": {"roots": "mozilla"}}"#))
            .unwrap()
            .config()
            .err()
            .unwrap();
        assert_eq!(bad.status, bunq_status::BUNQ_ERROR_INVALID_INPUT);
        let typo = client_options(Some(r#"{"tls": {"pins": []}}"#))
            .err()
            .unwrap();
        assert_eq!(typo.status, bunq_status::BUNQ_ERROR_JSON);
    }

    #[test]
    fn unknown_keys_and_a_missing_environment_are_refused() {
        let typo = client_options(Some(r#"{"timeout_msec": 5}"#))
            .err()
            .unwrap();
        assert_eq!(typo.status, bunq_status::BUNQ_ERROR_JSON);
        assert_eq!(
            typo.message,
            "unknown setting \"timeout_msec\"; did you mean \"timeout_ms\"?"
        );
        // The creation keys are valid there (the message used to leave them out).
        let creation_typo = creation(r#"{"environment": "SANDBOX", "apikey": "k"}"#)
            .err()
            .unwrap();
        assert_eq!(
            creation_typo.message,
            "unknown setting \"apikey\"; did you mean \"api_key\"?"
        );
        let wrong_type = creation(r#"{"environment": "SANDBOX", "timeout_ms": "30000"}"#)
            .err()
            .unwrap();
        assert_eq!(wrong_type.status, bunq_status::BUNQ_ERROR_JSON);
        assert_eq!(
            wrong_type.message,
            "the setting \"timeout_ms\" must be a whole number of milliseconds, not a string: \
             write the number without quotes"
        );
        let nowhere = creation(r#"{"api_key": "k"}"#).err().unwrap();
        assert_eq!(nowhere.status, bunq_status::BUNQ_ERROR_INVALID_INPUT);
        assert!(
            nowhere
                .message
                .starts_with("the settings need \"environment\""),
            "{}",
            nowhere.message
        );
        let keyless = creation(r#"{"environment": "SANDBOX"}"#).err().unwrap();
        assert!(
            keyless
                .message
                .starts_with("the settings have no \"api_key\""),
            "{}",
            keyless.message
        );
        let unknown = creation(r#"{"environment": "staging", "api_key": "k"}"#)
            .err()
            .unwrap();
        assert_eq!(unknown.status, bunq_status::BUNQ_ERROR_INVALID_INPUT);
        creation(r#"{"base_url": "http://127.0.0.1:9/v1/", "api_key": "k", "timeout_ms": 5}"#)
            .unwrap();
    }

    /// The fields `T` reads, from serde's own refusal of an unknown one ("unknown field
    /// `\u{1}`, expected one of `a`, `b`").
    pub(crate) fn fields_read_by<T: DeserializeOwned>() -> Vec<String> {
        let error = serde_json::from_str::<T>(r#"{"\u0001": 0}"#)
            .err()
            .expect("an unknown field is refused");
        let text = error.to_string();
        let (_, expected) = text
            .split_once("expected ")
            .expect("serde lists the fields");
        expected
            .split('`')
            .skip(1)
            .step_by(2)
            .map(str::to_owned)
            .collect()
    }

    /// The names of a list of settings.
    pub(crate) fn names(settings: &[Setting]) -> Vec<String> {
        settings
            .iter()
            .map(|setting| setting.name.to_owned())
            .collect()
    }

    #[test]
    fn the_structs_read_exactly_the_listed_settings() {
        use crate::boundary::settings::{CLIENT, CONTEXT};
        assert_eq!(fields_read_by::<ContextSettings>(), names(CONTEXT.settings));
        assert_eq!(fields_read_by::<ClientOptions>(), names(CLIENT.settings));
        let nested = |name: &str| {
            let setting = CLIENT.settings.iter().find(|setting| setting.name == name);
            names(setting.unwrap().kind.fields())
        };
        assert_eq!(fields_read_by::<RateLimitsJson>(), nested("rate_limits"));
        assert_eq!(fields_read_by::<RetryJson>(), nested("retry"));
        assert_eq!(fields_read_by::<TlsJson>(), nested("tls"));
    }

    #[test]
    fn a_value_of_each_listed_type_is_read() {
        use crate::boundary::setting_checks::tests::example;
        use crate::boundary::settings::{CLIENT, CONTEXT};
        for setting in CLIENT.settings {
            let object = serde_json::json!({ setting.name: example(&setting.kind) });
            client_options(Some(&object.to_string()))
                .unwrap_or_else(|failure| panic!("{}: {}", setting.name, failure.message));
        }
        for setting in CONTEXT.settings {
            let object = serde_json::json!({ setting.name: example(&setting.kind) });
            split(&object.to_string())
                .unwrap_or_else(|failure| panic!("{}: {}", setting.name, failure.message));
        }
    }
}
