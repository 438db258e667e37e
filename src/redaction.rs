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

use crate::proxy::{ProxySetting, userinfo_of};
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
        setting
            .possible_urls()
            .iter()
            .fold(self, |redactor, url| redactor.proxy_url(url))
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
}
