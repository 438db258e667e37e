//! The HTTP layer: one `ureq` agent per client, with timeouts, proxy and no surprises.
//!
//! The agent never turns an error status into an `Err` (bunq's error body and response id are
//! needed), never follows redirects (a redirected request would no longer be the one signed),
//! and never asks for compressed answers (signatures cover the bytes bunq sent).

use std::io;

use crate::config::{Config, ProxySetting};
use crate::error::{Error, ErrorKind, Result, excerpt};
use crate::request::Method;
use crate::response::Response;

/// Sends bytes, receives bytes. Cheap to share between threads.
#[derive(Debug, Clone)]
pub(crate) struct Transport {
    agent: ureq::Agent,
    max_response_bytes: u64,
    timeout_description: String,
}

impl Transport {
    /// An agent for `config`; `saved_proxy` is a context's `proxy_url`, used when the
    /// configuration leaves the proxy to the environment.
    pub(crate) fn new(config: &Config, saved_proxy: Option<&str>) -> Result<Transport> {
        let agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .max_redirects(0)
            .timeout_global(Some(config.timeout))
            .timeout_connect(Some(config.connect_timeout))
            .proxy(proxy_for(&config.proxy, saved_proxy)?)
            .allow_non_standard_methods(true)
            .build()
            .new_agent();
        Ok(Transport {
            agent,
            max_response_bytes: config.max_response_bytes,
            timeout_description: format!(
                "{:?} per call, {:?} to connect",
                config.timeout, config.connect_timeout
            ),
        })
    }

    /// Sends one request and reads the whole answer, whatever its status.
    pub(crate) fn send(
        &self,
        method: Method,
        url: &str,
        headers: &[(String, String)],
        body: &[u8],
    ) -> Result<Response> {
        let mut builder = ureq::http::Request::builder()
            .method(method.as_str())
            .uri(url);
        for (name, value) in headers {
            builder = builder.header(name.as_str(), value.as_str());
        }
        let request = builder.body(body).map_err(|error| {
            Error::invalid_input(format!(
                "cannot build the request for {}: {error}",
                excerpt(url)
            ))
        })?;
        let mut answer = self
            .agent
            .run(request)
            .map_err(|error| self.classify(error, url))?;
        let status = answer.status().as_u16();
        let headers = answer
            .headers()
            .iter()
            .map(|(name, value)| {
                (
                    name.as_str().to_owned(),
                    String::from_utf8_lossy(value.as_bytes()).into_owned(),
                )
            })
            .collect();
        let body = answer
            .body_mut()
            .with_config()
            .limit(self.max_response_bytes)
            .read_to_vec()
            .map_err(|error| self.classify(error, url))?;
        Ok(Response::new(status, headers, body))
    }

    /// Maps ureq's error to ours, with a message that names the URL (cut, since a caller may
    /// pass a huge path) but no secret. A failed connection is marked as such (a `GET` may be
    /// resent); an answer over the size limit is not: it would be as big again.
    fn classify(&self, error: ureq::Error, url: &str) -> Error {
        let connection_failed = !matches!(error, ureq::Error::BodyExceedsLimit(_));
        let (kind, what) = match &error {
            ureq::Error::Timeout(which) => (
                ErrorKind::Timeout,
                format!("timed out ({which}; limits: {})", self.timeout_description),
            ),
            ureq::Error::Io(io_error) if io_error.kind() == io::ErrorKind::TimedOut => (
                ErrorKind::Timeout,
                format!("timed out (limits: {})", self.timeout_description),
            ),
            ureq::Error::Io(io_error) if io_error.kind() == io::ErrorKind::UnexpectedEof => (
                ErrorKind::Transport,
                "the connection closed before the whole answer arrived".to_owned(),
            ),
            ureq::Error::BadUri(_) => (ErrorKind::InvalidInput, "invalid URL".to_owned()),
            ureq::Error::InvalidProxyUrl => {
                (ErrorKind::InvalidInput, "invalid proxy URL".to_owned())
            }
            ureq::Error::BodyExceedsLimit(limit) => (
                ErrorKind::Transport,
                format!("the answer is larger than the configured limit of {limit} bytes"),
            ),
            other => (ErrorKind::Transport, other.to_string()),
        };
        let classified = Error::new(kind, format!("{what}: {}", excerpt(url)));
        let classified = match connection_failed && kind == ErrorKind::Transport {
            true => classified.connection_failed(),
            false => classified,
        };
        // ureq's own text may repeat the whole URL: kept as the source only when short.
        match error.to_string().len() <= 1024 {
            true => classified.with_source(error),
            false => classified,
        }
    }
}

fn proxy_for(setting: &ProxySetting, saved_proxy: Option<&str>) -> Result<Option<ureq::Proxy>> {
    let explicit = match (setting, saved_proxy) {
        (ProxySetting::None, _) => return Ok(None),
        (ProxySetting::Url(url), _) => url.as_str(),
        (ProxySetting::FromEnvironment, Some(saved)) if !saved.is_empty() => saved,
        (ProxySetting::FromEnvironment, _) => return Ok(ureq::Proxy::try_from_env()),
    };
    ureq::Proxy::new(explicit)
        .map(Some)
        .map_err(|error| Error::invalid_input(format!("invalid proxy URL: {error}")))
}
