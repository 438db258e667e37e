//! Keeping the client's own secrets out of text that came from elsewhere.
//!
//! bunq's `error_description`s, a proxy's HTML page and a transport error are copied into
//! errors, and from there into `bunq_last_error_message` and the bindings' exceptions. A
//! server or proxy that echoes the request would hand back the session token, the API key
//! (the body of device-server and session-server) or a proxy's credentials. A [`Redactor`]
//! knows the secrets in play and replaces each occurrence, and any PEM block, before the
//! text becomes part of an [`Error`](crate::Error).

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as BASE64;

use crate::config::ProxySetting;
use crate::request::encode_query_component;

/// What replaces a secret.
const REDACTED: &str = "<redacted>";
/// What replaces a PEM block (a private key, or any key: none belongs in an error).
const REDACTED_PEM: &str = "<redacted PEM>";
/// Values shorter than this are not searched for: they are not real secrets (a test's `k`),
/// and replacing them would garble every message.
const MIN_SECRET_CHARS: usize = 4;

/// The secrets to take out of text, and a PEM finder.
#[derive(Clone, Default)]
pub(crate) struct Redactor {
    secrets: Vec<String>,
}

impl std::fmt::Debug for Redactor {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Redactor({} secrets)", self.secrets.len())
    }
}

impl Redactor {
    /// A redactor that knows no secret yet (it still removes PEM blocks).
    pub(crate) fn new() -> Redactor {
        Redactor::default()
    }

    /// Adds a secret, as sent and as percent-encoded in a query string.
    pub(crate) fn secret(mut self, value: &str) -> Redactor {
        self.add(value);
        self
    }

    /// Adds the credentials of a proxy URL (`http://user:password@host:port`, with or
    /// without a scheme): the `user:password` part, its base64 form (the
    /// `Proxy-Authorization` header an echoing proxy would show) and the password.
    pub(crate) fn proxy_url(mut self, url: &str) -> Redactor {
        if let Some(userinfo) = userinfo_of(url) {
            self.add(userinfo);
            self.add(&BASE64.encode(userinfo));
            if let Some((_, password)) = userinfo.split_once(':') {
                self.add(password);
            }
        }
        self
    }

    /// Adds the credentials of a configured proxy; for [`ProxySetting::FromEnvironment`],
    /// those of every proxy variable the transport may read.
    pub(crate) fn proxy_setting(self, setting: &ProxySetting) -> Redactor {
        match setting {
            ProxySetting::Url(url) => self.proxy_url(url),
            ProxySetting::FromEnvironment => {
                self.environment_proxies(|name| std::env::var(name).ok())
            }
            ProxySetting::None => self,
        }
    }

    /// Adds the credentials of the proxy variables (the names ureq's `Proxy::try_from_env`
    /// reads), each looked up with `lookup`.
    fn environment_proxies(self, lookup: impl Fn(&str) -> Option<String>) -> Redactor {
        const PROXY_VARIABLES: [&str; 6] = [
            "ALL_PROXY",
            "all_proxy",
            "HTTPS_PROXY",
            "https_proxy",
            "HTTP_PROXY",
            "http_proxy",
        ];
        PROXY_VARIABLES
            .iter()
            .filter_map(|name| lookup(name))
            .fold(self, |redactor, url| redactor.proxy_url(&url))
    }

    /// A copy that also knows `secret` (when there is one).
    pub(crate) fn including(&self, secret: Option<&str>) -> Redactor {
        let mut copy = self.clone();
        if let Some(secret) = secret {
            copy.add(secret);
        }
        copy
    }

    fn add(&mut self, value: &str) {
        for form in [value.to_owned(), encode_query_component(value)] {
            if form.chars().count() >= MIN_SECRET_CHARS && !self.secrets.contains(&form) {
                self.secrets.push(form);
            }
        }
        // Longest first, so that a secret containing another is replaced whole.
        self.secrets
            .sort_by_key(|secret| std::cmp::Reverse(secret.len()));
    }

    /// `text` with every known secret replaced by `<redacted>` and every PEM block by
    /// `<redacted PEM>`.
    pub(crate) fn redact(&self, text: &str) -> String {
        let mut clean = without_pem_blocks(text);
        for secret in &self.secrets {
            if clean.contains(secret.as_str()) {
                clean = clean.replace(secret.as_str(), REDACTED);
            }
        }
        clean
    }

    /// Whether `text` shows a known secret or a PEM block.
    pub(crate) fn reveals(&self, text: &str) -> bool {
        self.redact(text) != text
    }
}

/// The `user:password` of a proxy URL with or without a scheme, if it has one: everything
/// from the scheme (or the start) up to the last `@`. A proxy URL has no path, so this is
/// the reading that hides the most: URL parsers disagree on odd input such as
/// `http://u@h//:password@x` (found by fuzzing), and whichever way one splits it, the
/// password is inside.
pub(crate) fn userinfo_of(url: &str) -> Option<&str> {
    let start = url.find("://").map_or(0, |scheme_end| scheme_end + 3);
    let rest = &url[start..];
    rest.rfind('@')
        .map(|at| &rest[..at])
        .filter(|userinfo| !userinfo.is_empty())
}

/// Replaces each `-----BEGIN ...-----` up to the end of its `-----END ...-----` line (or to
/// the end of the text, for a block cut short).
fn without_pem_blocks(text: &str) -> String {
    const BEGIN: &str = "-----BEGIN ";
    const END: &str = "-----END ";
    let mut clean = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(begin) = rest.find(BEGIN) {
        clean.push_str(&rest[..begin]);
        clean.push_str(REDACTED_PEM);
        let block = &rest[begin..];
        rest = match block.find(END) {
            Some(end) => {
                let after_end = &block[end + END.len()..];
                match after_end.find("-----") {
                    Some(close) => &after_end[close + 5..],
                    None => "",
                }
            }
            None => "",
        };
    }
    clean.push_str(rest);
    clean
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_passwords_of_proxy_variables_are_secrets() {
        let redactor = Redactor::new().environment_proxies(|name| match name {
            "HTTPS_PROXY" => Some("http://me:env-secret-1@proxy:3128".to_owned()),
            "all_proxy" => Some("other:env-secret-2@proxy:1080".to_owned()),
            _ => None,
        });
        let clean = redactor.redact("echo env-secret-1 and env-secret-2");
        assert_eq!(clean, "echo <redacted> and <redacted>");
    }

    #[test]
    fn secrets_and_pem_blocks_are_replaced() {
        let redactor = Redactor::new()
            .secret("sandbox_abc123")
            .secret("k")
            .proxy_url("me:hunter22@proxy:3128");
        let text = "key sandbox_abc123, proxy me:hunter22 (bWU6aHVudGVyMjI=), password hunter22, \
                    -----BEGIN PRIVATE KEY-----\nMIIE\n-----END PRIVATE KEY----- done; \
                    -----BEGIN PUBLIC KEY-----\nMII";
        let clean = redactor.redact(text);
        for secret in [
            "sandbox_abc123",
            "hunter22",
            "bWU6aHVudGVyMjI=",
            "MIIE",
            "MII",
        ] {
            assert!(!clean.contains(secret), "{clean}");
        }
        assert!(clean.contains("key <redacted>"), "{clean}");
        assert!(clean.contains("<redacted PEM> done;"), "{clean}");
        assert!(
            clean.starts_with("key "),
            "a one-letter secret is not searched for: {clean}"
        );
        assert!(redactor.reveals(text));
        assert!(!redactor.reveals("nothing here"));
    }

    #[test]
    fn userinfo_is_found_with_or_without_a_scheme() {
        assert_eq!(userinfo_of("http://u:p@h:1"), Some("u:p"));
        assert_eq!(userinfo_of("u:p@h:1"), Some("u:p"));
        // No path in a proxy URL: whatever comes before the last `@` may be a password.
        assert_eq!(userinfo_of("socks5://u:p@h:1/x@y"), Some("u:p@h:1/x"));
        assert_eq!(userinfo_of("http://h:1/x@y"), Some("h:1/x"));
        assert_eq!(userinfo_of("h:1"), None);
    }
}
