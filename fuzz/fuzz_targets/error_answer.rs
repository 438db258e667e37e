//! bunq's refusals, and whatever else comes back instead (a proxy's HTML page, an empty
//! body, OAuth's error JSON): every answer becomes an error with its status, the response id
//! and at least one readable description, in the official SDKs' wording; bunq's own
//! `error_description`s are kept exactly and in order; 429 is the rate-limit kind.

#![no_main]

use bunq::fuzzing::failure_of;
use bunq::{Error, ErrorKind, RESPONSE_ID_HEADER};
use bunq_context_fuzz::answer::Answer;
use libfuzzer_sys::fuzz_target;
use serde_json::Value;

fuzz_target!(|data: &[u8]| {
    bunq_context_fuzz::secrets::running(data);
    let answer = Answer::parse(data);
    let response = answer.response("fuzz-request-id");
    let failure = failure_of(&response);
    assert_eq!(failure.status, answer.status);
    assert_eq!(
        failure.response_id.as_deref(),
        response.header(RESPONSE_ID_HEADER)
    );
    assert!(
        !failure.descriptions.is_empty(),
        "an error without a description"
    );
    let expected = bunq_descriptions(&answer.body).or_else(|| oauth_description(&answer.body));
    match expected {
        Some(expected) => assert_eq!(failure.descriptions, expected),
        None if answer.body.is_empty() => {
            assert_eq!(failure.descriptions, ["the answer has an empty body"]);
        }
        None => {
            // Anything else is quoted as at most 200 characters, white space folded.
            assert_eq!(failure.descriptions.len(), 1);
            let content_type = response
                .header("Content-Type")
                .map_or("no Content-Type".to_owned(), shown_header);
            let prefix = format!("the answer is not bunq's error JSON ({content_type}): ");
            let line = &failure.descriptions[0];
            let excerpt = line
                .strip_prefix(&prefix)
                .unwrap_or_else(|| panic!("{line:?}"));
            assert!(excerpt.chars().count() <= 200, "{line}");
            assert!(!excerpt.contains(['\n', '\r', '\t']), "{line:?}");
        }
    }
    let error = Error::from_api(failure.clone());
    let expected_kind = if answer.status == 429 {
        ErrorKind::RateLimited
    } else {
        ErrorKind::Api
    };
    assert_eq!(error.kind(), expected_kind);
    assert_eq!(error.status(), Some(answer.status));
    assert_eq!(error.descriptions(), &failure.descriptions[..]);
    assert_eq!(error.response_id(), failure.response_id.as_deref());
    let message = error.to_string();
    assert!(
        message.starts_with(&format!("HTTP Response Code: {};", answer.status)),
        "{message}"
    );
});

/// A server's header value as an error message may quote it: whole up to 200 characters,
/// else its first 200 and how long it was (a hostile server's 10 MB header is not copied).
fn shown_header(value: &str) -> String {
    match value.char_indices().nth(200) {
        None => value.to_owned(),
        Some((end, _)) => format!("{}... ({} bytes in all)", &value[..end], value.len()),
    }
}

/// OAuth's `{"error": "...", "error_description": "..."}`.
fn oauth_description(body: &[u8]) -> Option<Vec<String>> {
    let json: Value = serde_json::from_slice(body).ok()?;
    Some(vec![json.get("error_description")?.as_str()?.to_owned()])
}

/// bunq's `{"Error": [{"error_description": "..."}, ...]}`, when the body is that and names
/// at least one description.
fn bunq_descriptions(body: &[u8]) -> Option<Vec<String>> {
    let json: Value = serde_json::from_slice(body).ok()?;
    let descriptions: Vec<String> = json
        .get("Error")?
        .as_array()?
        .iter()
        .filter_map(|error| error.get("error_description").and_then(Value::as_str))
        .map(str::to_owned)
        .collect();
    (!descriptions.is_empty()).then_some(descriptions)
}
