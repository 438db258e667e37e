//! What the generator reads from bunq's Python SDK endpoint list: per class its URL
//! templates (CREATE, READ, LISTING, UPDATE, DELETE) and the keys wrapping its answers.

use std::collections::BTreeSet;

use serde_json::Value;

use super::description::HttpMethod;

/// One endpoint class of the SDK, e.g. `Payment`.
#[derive(Debug, Clone)]
pub struct SdkEndpoint {
    /// The class name, e.g. `SchedulePayment`.
    pub class: String,
    /// (kind, URL template with `{}` for ids), kind one of CREATE, READ, LISTING, UPDATE, DELETE.
    pub urls: Vec<(String, String)>,
    /// The key wrapping GET answers, e.g. `ScheduledPayment`.
    pub get_key: Option<String>,
    /// The key wrapping the POST answer, when the SDK reads an object (not an id) from it.
    pub post_key: Option<String>,
    /// The key wrapping the PUT answer, when the SDK reads an object (not an id) from it.
    pub put_key: Option<String>,
}

/// Every class of the SDK's list.
#[derive(Debug, Clone)]
pub struct SdkEndpoints {
    endpoints: Vec<SdkEndpoint>,
}

/// The SDK's URL kind and the method it is sent with.
pub fn method_of_kind(kind: &str) -> Option<HttpMethod> {
    match kind {
        "CREATE" => Some(HttpMethod::Post),
        "READ" | "LISTING" => Some(HttpMethod::Get),
        "UPDATE" => Some(HttpMethod::Put),
        "DELETE" => Some(HttpMethod::Delete),
        _ => None,
    }
}

/// Whether a description path (`/user/{userID}/card`) and an SDK URL (`user/{}/card`) are
/// the same endpoint: equal once every `{...}` is `{}` and the leading slash is gone.
pub fn same_url(description_path: &str, sdk_url: &str) -> bool {
    let description = description_path.trim_start_matches('/').split('/');
    let sdk = sdk_url.trim_start_matches('/').split('/');
    description.clone().count() == sdk.clone().count()
        && description.zip(sdk).all(|(d, s)| match d.starts_with('{') {
            true => s == "{}",
            false => d == s,
        })
}

impl SdkEndpoints {
    /// Reads `sdk_python_endpoints.json`.
    pub fn parse(text: &str) -> Result<SdkEndpoints, String> {
        let json: Value = serde_json::from_str(text)
            .map_err(|error| format!("sdk_python_endpoints.json: {error}"))?;
        let list = json
            .as_array()
            .ok_or("sdk_python_endpoints.json is not a list")?;
        let endpoints = list
            .iter()
            .map(parse_endpoint)
            .collect::<Result<Vec<_>, String>>()?;
        Ok(SdkEndpoints { endpoints })
    }

    /// The class and URL kind serving `method path`, if the SDK has it.
    pub fn find(&self, path: &str, method: HttpMethod) -> Option<(&SdkEndpoint, &str)> {
        self.endpoints.iter().find_map(|endpoint| {
            endpoint.urls.iter().find_map(|(kind, url)| {
                (method_of_kind(kind) == Some(method) && same_url(path, url))
                    .then_some((endpoint, kind.as_str()))
            })
        })
    }

    /// Every (class, URL, method) of the list.
    pub fn urls(&self) -> impl Iterator<Item = (&str, &str, HttpMethod)> {
        self.endpoints.iter().flat_map(|endpoint| {
            endpoint.urls.iter().filter_map(|(kind, url)| {
                method_of_kind(kind).map(|method| (endpoint.class.as_str(), url.as_str(), method))
            })
        })
    }

    /// The classes whose create answers a `Uuid` (attachments, avatars): their item ids are
    /// UUIDs, though the description types them as integers.
    pub fn classes_created_with_uuid(&self) -> BTreeSet<String> {
        self.endpoints
            .iter()
            .filter(|endpoint| endpoint.post_key.as_deref() == Some("Uuid"))
            .map(|endpoint| endpoint.class.clone())
            .collect()
    }
}

fn parse_endpoint(json: &Value) -> Result<SdkEndpoint, String> {
    let class = json
        .get("sdk_class")
        .and_then(Value::as_str)
        .ok_or("sdk_python_endpoints.json: an entry lacks sdk_class")?
        .to_owned();
    let urls = json
        .get("urls")
        .and_then(Value::as_object)
        .ok_or_else(|| format!("sdk_python_endpoints.json: {class} lacks urls"))?
        .iter()
        .map(|(kind, url)| match (method_of_kind(kind), url.as_str()) {
            (Some(_), Some(url)) => Ok((kind.clone(), url.to_owned())),
            _ => Err(format!(
                "sdk_python_endpoints.json: {class} has URL kind {kind}"
            )),
        })
        .collect::<Result<Vec<_>, String>>()?;
    // An empty key (CurrencyConversionQuote's PUT) means none: the SDK reads the id.
    let key = |method: &str| {
        json.pointer(&format!("/object_types/{method}"))
            .and_then(Value::as_str)
            .filter(|key| !key.is_empty())
            .map(str::to_owned)
    };
    Ok(SdkEndpoint {
        get_key: key("GET"),
        post_key: key("POST"),
        put_key: key("PUT"),
        class,
        urls,
    })
}
