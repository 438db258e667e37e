//! Reading a verified answer's body: bunq's `{"Response": [...], "Pagination": {...}}`
//! envelope, decoded without a fixed schema. Any body gives values or a JSON error, never a
//! panic; the helpers agree with each other and with the JSON; a pagination link is a path
//! that stays on the client's own base URL.

#![no_main]

use bunq::fuzzing::path_and_query;
use bunq::{Environment, ErrorKind, Request, Response};
use libfuzzer_sys::fuzz_target;
use serde_json::Value;

fuzz_target!(|data: &[u8]| {
    bunq_context_fuzz::secrets::running(data);
    let response = Response::new(200, Vec::new(), data.to_vec());
    let parsed = serde_json::from_slice::<Value>(data);
    let json = response.json();
    assert_eq!(json.is_ok(), parsed.is_ok());
    if let Err(error) = &json {
        assert_eq!(error.kind(), ErrorKind::Json);
    }
    let Ok(parsed) = parsed else {
        assert!(response.objects().is_err() && response.pagination().is_err());
        return;
    };
    match response.objects() {
        Ok(objects) => {
            assert_eq!(Some(&Value::Array(objects.clone())), parsed.get("Response"));
            let mut names: Vec<String> = objects
                .iter()
                .filter_map(Value::as_object)
                .flat_map(|object| object.keys().cloned())
                .collect();
            names.extend(["Id".to_owned(), "UserPerson".to_owned()]);
            for name in names.iter().take(8) {
                let all = response.all(name).unwrap();
                let first = response.first(name).unwrap();
                assert_eq!(first.as_ref(), all.first());
                assert!(all.len() <= objects.len());
            }
            if let Ok(id) = response.id() {
                let first = response.first("Id").unwrap().unwrap();
                assert_eq!(first.get("id").and_then(Value::as_u64), Some(id));
            }
        }
        Err(error) => {
            assert_eq!(error.kind(), ErrorKind::Json);
            assert!(!parsed.get("Response").is_some_and(Value::is_array));
            assert!(response.id().is_err());
        }
    }
    let pagination = response.pagination().unwrap();
    assert_eq!(pagination.is_some(), parsed.get("Pagination").is_some());
    let Some(pagination) = pagination else {
        return;
    };
    let link = |key: &str| {
        parsed["Pagination"]
            .get(key)
            .and_then(Value::as_str)
            .map(str::to_owned)
    };
    assert_eq!(pagination.older_url, link("older_url"));
    assert_eq!(pagination.newer_url, link("newer_url"));
    assert_eq!(pagination.future_url, link("future_url"));
    let base = Environment::custom("https://public-api.sandbox.bunq.com/v1/");
    for url in [
        &pagination.older_url,
        &pagination.newer_url,
        &pagination.future_url,
    ]
    .into_iter()
    .flatten()
    {
        // The next page is requested exactly as linked, under the client's own base URL.
        assert_eq!(&path_and_query(&Request::get(url.as_str())), url);
        assert!(base.url_for(url).starts_with(base.base_url()));
    }
});
