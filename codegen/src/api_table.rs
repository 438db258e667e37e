//! The table of every bunq API operation, made from bunq's OpenAPI description
//! (`swagger.json`) and the endpoint list of bunq's Python SDK (`sdk_python_endpoints.json`).
//!
//! Per operation: its name (`Object.verb`, as bunq's SDKs name class and method), HTTP method,
//! path template with named ids, the key that wraps its answer and the kind of answer. How
//! each is derived is documented in `docs/api-table.md` and on the functions of the
//! submodules: [`naming`] (names and ids), [`answer`] (answer kind and wrapper key).

pub mod answer;
pub mod description;
pub mod emit;
pub mod naming;
pub mod sdk;

use std::collections::BTreeMap;
use std::path::Path;

pub use answer::{AnswerKind, KeySource};

/// Where the inputs live, relative to the repository's root.
pub const DATA_DIRECTORY: &str = "codegen/data";
/// The generated file, relative to the repository's root.
pub const OUTPUT_PATH: &str = "src/api/operations.rs";
/// The command that regenerates the table.
pub const COMMAND: &str = "cargo run -p bunq-codegen -- api-table";

/// One operation of the table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    /// `Object.verb`, e.g. `Payment.create`.
    pub name: String,
    /// `Get`, `Post`, `Put` or `Delete`.
    pub method: &'static str,
    /// The path with named ids, e.g. `user/{user_id}/monetary-account/{monetary_account_id}/payment`.
    pub path: String,
    /// The key wrapping the answer's objects, when the answer has one.
    pub key: Option<String>,
    /// What the answer is.
    pub answer: AnswerKind,
    /// Where the key (or the answer kind) comes from.
    pub source: KeySource,
    /// Whether the name is the SDK's (`true`) or made by the naming rule for an operation
    /// only the description has.
    pub named_by_sdk: bool,
}

/// The generated table: its rows, the anchor objects, and the Rust source.
#[derive(Debug, Clone)]
pub struct ApiTable {
    /// Every operation, sorted by name.
    pub rows: Vec<Row>,
    /// Anchor keys (`User`, `MonetaryAccount`) and the kinds bunq wraps their objects in.
    pub anchors: BTreeMap<String, Vec<String>>,
    /// The content of `src/api/operations.rs`.
    pub source: String,
}

/// Generates the table from the two files in `directory` (normally `codegen/data`).
pub fn generate_from_directory(directory: &Path) -> Result<ApiTable, String> {
    let read = |name: &str| {
        std::fs::read_to_string(directory.join(name))
            .map_err(|error| format!("cannot read {}: {error}", directory.join(name).display()))
    };
    generate(&read("swagger.json")?, &read("sdk_python_endpoints.json")?)
}

/// Generates the table from the texts of `swagger.json` and `sdk_python_endpoints.json`.
pub fn generate(swagger: &str, sdk_endpoints: &str) -> Result<ApiTable, String> {
    let description = description::Description::parse(swagger)?;
    let sdk = sdk::SdkEndpoints::parse(sdk_endpoints)?;
    let uuid_classes = sdk.classes_created_with_uuid();
    let mut rows = Vec::with_capacity(description.operations.len());
    for operation in &description.operations {
        let endpoint = sdk.find(&operation.path, operation.method);
        let naming = naming::name(operation, endpoint, &uuid_classes)?;
        let (answer, key, source) = answer::decide(operation, &naming, endpoint, &description)?;
        rows.push(Row {
            name: naming.name(),
            method: operation.method.variant(),
            path: naming.path,
            key,
            answer,
            source,
            named_by_sdk: endpoint.is_some(),
        });
    }
    rows.sort_by(|a, b| a.name.cmp(&b.name));
    refuse_collisions(&rows)?;
    check_every_sdk_url_is_used(&sdk, &description)?;
    let anchors = description.anchors();
    let source = emit::rust_source(&rows, &anchors);
    Ok(ApiTable {
        rows,
        anchors,
        source,
    })
}

/// Two operations with one name would make one unreachable: the rule needs a human decision.
fn refuse_collisions(rows: &[Row]) -> Result<(), String> {
    let collisions: Vec<String> = rows
        .windows(2)
        .filter(|pair| pair[0].name == pair[1].name)
        .map(|pair| format!("{} ({} and {})", pair[0].name, pair[0].path, pair[1].path))
        .collect();
    match collisions.is_empty() {
        true => Ok(()),
        false => Err(format!(
            "the naming rule gives several operations one name: {}",
            collisions.join("; ")
        )),
    }
}

/// An SDK URL that matches no operation means the two inputs drifted apart.
fn check_every_sdk_url_is_used(
    sdk: &sdk::SdkEndpoints,
    description: &description::Description,
) -> Result<(), String> {
    for (class, url, method) in sdk.urls() {
        let found = description
            .operations
            .iter()
            .any(|operation| operation.method == method && sdk::same_url(&operation.path, url));
        if !found {
            return Err(format!(
                "the SDK's {class} has {} {url}, which the description lacks",
                method.variant()
            ));
        }
    }
    Ok(())
}

impl ApiTable {
    /// What the table holds, for the generator's output and the report.
    pub fn summary(&self) -> String {
        let mut by_kind: BTreeMap<&str, usize> = BTreeMap::new();
        let mut by_source: BTreeMap<&str, usize> = BTreeMap::new();
        for row in &self.rows {
            *by_kind.entry(row.answer.variant()).or_default() += 1;
            *by_source.entry(row.source.describe()).or_default() += 1;
        }
        let named_by_rule: Vec<&str> = self
            .rows
            .iter()
            .filter(|row| !row.named_by_sdk)
            .map(|row| row.name.as_str())
            .collect();
        let mut text = format!("{} operations\n", self.rows.len());
        text += "by answer kind:\n";
        for (kind, count) in by_kind {
            text += &format!("  {kind:<10} {count}\n");
        }
        text += "wrapper key / answer decided by:\n";
        for (source, count) in by_source {
            text += &format!("  {count:>4}  {source}\n");
        }
        text += &format!(
            "named by the SDK: {}; named by the rule (only in the description): {} ({})\n",
            self.rows.len() - named_by_rule.len(),
            named_by_rule.len(),
            named_by_rule.join(", ")
        );
        text += "name collisions: 0 (the generator refuses any)\n";
        for (anchor, kinds) in &self.anchors {
            text += &format!("anchor {anchor}: {}\n", kinds.join(", "));
        }
        text
    }
}
