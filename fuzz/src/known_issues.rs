//! Inputs that hit holes already filed as issue 9 ("Hostile servers and careless callers"),
//! fixed on another branch. The targets skip them so that a run finds what is new; once
//! issue 9 is merged, these filters can go (delete the calls and this module). With
//! `BUNQ_FUZZ_KNOWN_ISSUES=1` in the environment nothing is skipped: the targets then find
//! those holes too (a way to check that the fix of issue 9 closed them).

use std::sync::OnceLock;

use serde_json::Value;

/// Whether the known holes are looked for too.
fn looking_for_known_issues() -> bool {
    static LOOKING: OnceLock<bool> = OnceLock::new();
    *LOOKING.get_or_init(|| {
        std::env::var_os("BUNQ_FUZZ_KNOWN_ISSUES").is_some_and(|value| value == "1")
    })
}

/// Issue 9 item 1: a huge `session_timeout` panics in the expiry arithmetic or in the date
/// formatting, or saves an expiry no SDK can read back. Beyond 10^11 s (about 3,000 years)
/// counts as huge here.
pub fn huge_session_timeout(body: &[u8]) -> bool {
    !looking_for_known_issues()
        && serde_json::from_slice::<Value>(body).is_ok_and(|json| has_huge_timeout(&json))
}

fn has_huge_timeout(value: &Value) -> bool {
    match value {
        Value::Object(map) => map.iter().any(|(key, item)| {
            (key == "session_timeout" && item.as_u64().is_some_and(|secs| secs > 100_000_000_000))
                || has_huge_timeout(item)
        }),
        Value::Array(items) => items.iter().any(has_huge_timeout),
        _ => false,
    }
}

/// Issue 9 item 9: a proxy URL without a scheme (`user:pw@proxy:3128`) shows its password
/// in `Debug`.
pub fn proxy_without_scheme(url: &str) -> bool {
    if looking_for_known_issues() {
        return false;
    }
    match (url.find("://"), url.rfind('@')) {
        (Some(scheme_end), Some(at)) => scheme_end > at,
        (None, Some(_)) => true,
        _ => false,
    }
}

/// Issue 9 item 4: a 2xx answer without the request id echo is accepted today.
pub fn missing_echo_accepted() -> bool {
    !looking_for_known_issues()
}
