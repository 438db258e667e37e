//! Which proxy requests go through, and where a proxy URL keeps its credentials.
//!
//! A leaf: the configuration holds a [`ProxySetting`], the transport turns it into ureq's
//! proxy, and the redactor asks it which credentials may be in play.

use std::fmt;

/// The environment variables a proxy may come from, as ureq's `Proxy::try_from_env` reads them.
const PROXY_VARIABLES: [&str; 6] = [
    "ALL_PROXY",
    "all_proxy",
    "HTTPS_PROXY",
    "https_proxy",
    "HTTP_PROXY",
    "http_proxy",
];

/// Which proxy requests go through. `Debug` output hides a password in a proxy URL.
#[derive(Clone, PartialEq, Eq, Default)]
pub enum ProxySetting {
    /// The context's saved `proxy_url` if it has one, else the `HTTPS_PROXY`/`HTTP_PROXY`/
    /// `ALL_PROXY`/`NO_PROXY` environment variables. The default.
    #[default]
    FromEnvironment,
    /// No proxy, whatever the environment says.
    None,
    /// This proxy, e.g. `http://proxy.example:3128` or `socks5://...` (where supported).
    Url(String),
}

impl fmt::Debug for ProxySetting {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ProxySetting::FromEnvironment => f.write_str("FromEnvironment"),
            ProxySetting::None => f.write_str("None"),
            ProxySetting::Url(url) => f.debug_tuple("Url").field(&without_userinfo(url)).finish(),
        }
    }
}

impl ProxySetting {
    /// Every proxy URL this setting may use: the configured one, or for
    /// [`FromEnvironment`](ProxySetting::FromEnvironment) the value of each proxy variable
    /// that is set (their credentials are secrets all the same).
    pub(crate) fn possible_urls(&self) -> Vec<String> {
        match self {
            ProxySetting::Url(url) => vec![url.clone()],
            ProxySetting::FromEnvironment => environment_urls(|name| std::env::var(name).ok()),
            ProxySetting::None => Vec::new(),
        }
    }
}

/// The values of the proxy variables, each looked up with `lookup`.
fn environment_urls(lookup: impl Fn(&str) -> Option<String>) -> Vec<String> {
    PROXY_VARIABLES
        .iter()
        .filter_map(|name| lookup(name))
        .collect()
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

/// `http://user:secret@proxy:3128` as `http://<redacted>@proxy:3128`; the same without a
/// scheme (`user:secret@proxy:3128`, which the proxy settings of many tools accept).
fn without_userinfo(url: &str) -> String {
    match userinfo_of(url) {
        Some(userinfo) => {
            // A sub-slice of `url`: its offset says where it starts.
            let start = userinfo.as_ptr() as usize - url.as_ptr() as usize;
            let end = start + userinfo.len();
            format!("{}<redacted>{}", &url[..start], &url[end..])
        }
        None => url.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_proxy_password_stays_out_of_debug_output() {
        let proxy = ProxySetting::Url("http://me:hunter2@proxy.example:3128".into());
        assert_eq!(
            format!("{proxy:?}"),
            "Url(\"http://<redacted>@proxy.example:3128\")"
        );
        let bare = ProxySetting::Url("me:hunter2@proxy.example:3128".into());
        assert_eq!(
            format!("{bare:?}"),
            "Url(\"<redacted>@proxy.example:3128\")"
        );
        let plain = ProxySetting::Url("http://proxy.example:3128".into());
        assert_eq!(format!("{plain:?}"), "Url(\"http://proxy.example:3128\")");
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

    #[test]
    fn every_proxy_variable_is_a_possible_proxy() {
        let urls = environment_urls(|name| match name {
            "HTTPS_PROXY" => Some("http://me:env-secret-1@proxy:3128".to_owned()),
            "all_proxy" => Some("other:env-secret-2@proxy:1080".to_owned()),
            _ => None,
        });
        assert_eq!(
            urls,
            [
                "other:env-secret-2@proxy:1080",
                "http://me:env-secret-1@proxy:3128"
            ]
        );
    }
}
