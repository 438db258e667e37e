//! The JSON configuration of `bunq_client_create` and the client options of the restore
//! functions, turned into the core's [`ContextBuilder`] and [`ClientBuilder`] settings.
//!
//! The format is documented on `bunq_client_create` (the C programmer's reference); keep the
//! two in step.

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

impl ContextSettings {
    const KEYS: [&'static str; 6] = [
        "environment",
        "api_key",
        "description",
        "permitted_ips",
        "proxy_url",
        "private_key_pem",
    ];
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
    let api_key = settings
        .api_key
        .clone()
        .ok_or_else(|| Failure::invalid_input("config_json has no \"api_key\""))?;
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
            "config_json has an \"api_key\", but a PSD2 provider's key is issued by bunq",
        ));
    }
    let environment = environment(settings.environment.as_deref(), options.base_url.as_deref())?;
    let builder = ApiContext::psd2_builder(environment, certificate);
    Ok((settings.apply(builder, options.config()?)?, options))
}

/// The context settings and the client options of one configuration object.
fn split(config_json: &str) -> Outcome<(ContextSettings, ClientOptions)> {
    split_off(config_json, &ContextSettings::KEYS)
}

/// Splits a configuration object into the settings named by `keys` (read as `T`) and the
/// client options (everything else).
pub(crate) fn split_off<T: DeserializeOwned>(
    config_json: &str,
    keys: &[&str],
) -> Outcome<(T, ClientOptions)> {
    let mut all: Map<String, Value> = json::parse(config_json, "config_json")?;
    let own: Map<String, Value> = keys
        .iter()
        .filter_map(|key| all.remove_entry(*key))
        .collect();
    let settings = json::from_value(Value::Object(own), "config_json")?;
    let options = client_options_from(Value::Object(all), "config_json")?;
    Ok((settings, options))
}

/// Parses the options argument of the restore functions; NULL means all defaults.
pub(crate) fn client_options(options_json: Option<&str>) -> Outcome<ClientOptions> {
    match options_json {
        None => Ok(ClientOptions::default()),
        Some(text) => client_options_from(json::parse(text, "options_json")?, "options_json"),
    }
}

fn client_options_from(value: Value, name: &str) -> Outcome<ClientOptions> {
    json::from_value(value, name)
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
                "config_json: \"environment\" must be \"SANDBOX\" or \"PRODUCTION\"",
            )
        })?),
        None => None,
    };
    match (kind, base_url) {
        (Some(kind), None) => Ok(Environment::of_type(kind)),
        (Some(kind), Some(url)) => Ok(Environment::of_type(kind).with_base_url(url)),
        (None, Some(url)) => Ok(Environment::custom(url)),
        (None, None) => Err(Failure::invalid_input(
            "config_json needs \"environment\" (\"SANDBOX\" or \"PRODUCTION\") or \"base_url\"",
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
                    "\"tls\": \"roots\" must be \"bundled\", \"system\" or \"only-added\", not {name:?}"
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
mod tests {
    use super::*;
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
        let typo = client_options(Some(r#"{"timeout": 5}"#)).err().unwrap();
        assert_eq!(typo.status, bunq_status::BUNQ_ERROR_JSON);
        assert!(typo.message.contains("timeout"), "{}", typo.message);
        let nowhere = creation(r#"{"api_key": "k"}"#).err().unwrap();
        assert_eq!(nowhere.status, bunq_status::BUNQ_ERROR_INVALID_INPUT);
        let unknown = creation(r#"{"environment": "staging", "api_key": "k"}"#)
            .err()
            .unwrap();
        assert_eq!(unknown.status, bunq_status::BUNQ_ERROR_INVALID_INPUT);
        creation(r#"{"base_url": "http://127.0.0.1:9/v1/", "api_key": "k", "timeout_ms": 5}"#)
            .unwrap();
    }
}
