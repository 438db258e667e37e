//! URLs and query strings: request paths with queries, base URLs, pagination links, the
//! OAuth authorization URL and the token exchange, proxy URLs. Every query key and value is
//! percent-encoded so that decoding gives back exactly what was given; an endpoint path
//! never leaves the base URL; the OAuth client secret and code never show in a URL or an
//! error; a proxy password never shows in `Debug` output or an error.
//!
//! The input is NUL-separated fields: path, two query pairs, base URL, OAuth client id,
//! client secret, redirect URI, state, code, proxy URL.

#![no_main]

use bunq::fuzzing::path_and_query;
use bunq::{Client, Config, Environment, EnvironmentType, OAuthClient, ProxySetting, Request};
use bunq_context_fuzz::round_trip::marked_context;
use bunq_context_fuzz::secrets::{self, assert_hidden};
use libfuzzer_sys::fuzz_target;
use percent_encoding::percent_decode_str;

fuzz_target!(|data: &[u8]| {
    bunq_context_fuzz::secrets::running(data);
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let fields: Vec<&str> = text.split('\0').collect();
    let field = |index: usize| fields.get(index).copied().unwrap_or("");
    request_query(field(0), &[(field(1), field(2)), (field(3), field(4))]);
    base_url(field(5), field(0));
    oauth(field(5), field(6), field(7), field(8), field(9), field(10));
    proxy(field(11));
});

/// `k=v&k=v` back into its pairs.
fn decode_query(query: &str) -> Vec<(String, String)> {
    let decode = |part: &str| percent_decode_str(part).decode_utf8().unwrap().into_owned();
    query
        .split('&')
        .map(|pair| {
            let (key, value) = pair.split_once('=').unwrap_or_else(|| panic!("{query}"));
            (decode(key), decode(value))
        })
        .collect()
}

fn is_encoded(query: &str) -> bool {
    query
        .bytes()
        .all(|byte| byte.is_ascii_alphanumeric() || b"-_.~%&=".contains(&byte))
}

fn request_query(path: &str, pairs: &[(&str, &str)]) {
    let mut request = Request::get(path);
    for (key, value) in pairs {
        request = request.query(*key, *value);
    }
    let line = path_and_query(&request);
    let rest = line
        .strip_prefix(path)
        .expect("the path comes first, unchanged");
    let separator = if path.contains('?') { "&" } else { "?" };
    let query = rest.strip_prefix(separator).expect("then the separator");
    assert!(is_encoded(query), "{query}");
    let expected: Vec<(String, String)> = pairs
        .iter()
        .map(|(key, value)| (key.to_string(), value.to_string()))
        .collect();
    assert_eq!(decode_query(query), expected);
}

fn base_url(base: &str, path: &str) {
    let environment = Environment::custom(base);
    let url = environment.base_url();
    assert!(url.ends_with('/'));
    assert!(url == base || url.strip_suffix('/') == Some(base));
    let production = base.trim_end_matches('/') == "https://api.bunq.com/v1";
    assert_eq!(
        environment.kind() == EnvironmentType::Production,
        production
    );
    // A path or a pagination link (`/v1/...`) is appended to the base URL, never replaces it.
    let full = environment.url_for(path);
    let tail = full
        .strip_prefix(url)
        .expect("the URL starts with the base URL");
    let trimmed = path.trim_start_matches('/');
    assert_eq!(tail, trimmed.strip_prefix("v1/").unwrap_or(trimmed));
}

fn oauth(
    authorize_url: &str,
    client_id: &str,
    secret: &str,
    redirect: &str,
    state: &str,
    code: &str,
) {
    let url = authorization_url(authorize_url, client_id, secret, redirect, state);
    let rest = url
        .strip_prefix(authorize_url)
        .expect("the page comes first");
    let separator = if authorize_url.contains('?') {
        "&"
    } else {
        "?"
    };
    let query = rest.strip_prefix(separator).expect("then the separator");
    assert!(is_encoded(query), "{query}");
    let expected = [
        ("response_type", "code"),
        ("client_id", client_id),
        ("redirect_uri", redirect),
        ("state", state),
    ]
    .map(|(key, value)| (key.to_owned(), value.to_owned()));
    assert_eq!(decode_query(query), expected);
    // What the same client shows with markers for its secrets: text that a fuzzed secret
    // may match without having leaked (templates, the other fields).
    let shown = |secret: &str, code: &str| {
        let oauth = oauth_client(authorize_url, client_id, secret, redirect);
        let error = oauth.exchange_code(code).err();
        format!(
            "{} {oauth:?} {} {error:?}",
            oauth.authorization_url(state),
            error.as_ref().map(ToString::to_string).unwrap_or_default()
        )
    };
    let neutral = shown(secrets::CLIENT_SECRET, CODE_MARKER);
    assert_hidden(
        &neutral,
        &[secrets::CLIENT_SECRET, CODE_MARKER],
        &[],
        "the OAuth client",
    );
    let others = [authorize_url, client_id, redirect, state, &neutral].map(str::to_owned);
    // Port 9 on loopback is closed: the exchange fails at once.
    assert_hidden(
        &shown(secret, code),
        &[secret, code],
        &others,
        "the OAuth client",
    );
}

/// An OAuth code the fuzzer cannot know.
const CODE_MARKER: &str = "fz-oauth-code-0c93ab";

fn oauth_client(authorize_url: &str, client_id: &str, secret: &str, redirect: &str) -> OAuthClient {
    OAuthClient::new(EnvironmentType::Sandbox, client_id, secret, redirect)
        .with_authorize_url(authorize_url)
        .with_token_url("http://127.0.0.1:9/v1/token")
        .with_config(Config::builder().proxy(ProxySetting::None).build())
}

fn authorization_url(
    authorize_url: &str,
    client_id: &str,
    secret: &str,
    redirect: &str,
    state: &str,
) -> String {
    oauth_client(authorize_url, client_id, secret, redirect).authorization_url(state)
}

fn proxy(url: &str) {
    let Some(range) = password_of(url) else {
        return;
    };
    let password = &url[range.clone()];
    let with_password = |password: &str| {
        let mut changed = url.to_owned();
        changed.replace_range(range.clone(), password);
        changed
    };
    let shown = |url: &str| {
        let setting = ProxySetting::Url(url.to_owned());
        let context = marked_context("http://127.0.0.1:9/v1/");
        let built = Client::builder(context)
            .config(Config::builder().proxy(setting.clone()).build())
            .build();
        let error = built
            .err()
            .map(|error| format!("{error} {error:?}"))
            .unwrap_or_default();
        (format!("{setting:?}"), error)
    };
    let neutral = shown(&with_password(secrets::PROXY_PASSWORD));
    let others = [with_password(""), neutral.0.clone(), neutral.1.clone()];
    let (debug, error) = shown(url);
    assert_hidden(
        &neutral.0,
        &[secrets::PROXY_PASSWORD],
        &[],
        "Debug of ProxySetting",
    );
    assert_hidden(&debug, &[password], &others, "Debug of ProxySetting");
    assert_hidden(
        &neutral.1,
        &[secrets::PROXY_PASSWORD],
        &[],
        "the proxy error",
    );
    assert_hidden(&error, &[password], &others, "the proxy error");
}

/// Where the password of `scheme://user:password@host` is: after the first `:` past the
/// scheme (or the start), up to the last `@`.
fn password_of(url: &str) -> Option<std::ops::Range<usize>> {
    let start = url.find("://").map_or(0, |at| at + 3);
    let at = url.rfind('@').filter(|&at| at >= start)?;
    let colon = url[start..at].find(':')?;
    Some(start + colon + 1..at)
}
