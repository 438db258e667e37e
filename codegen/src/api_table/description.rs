//! What the generator reads from bunq's OpenAPI description: per operation its path,
//! method, operationId and answer schema; per schema its property names.

use std::collections::BTreeMap;

use serde_json::Value;

/// The HTTP methods bunq's API uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum HttpMethod {
    /// GET.
    Get,
    /// POST.
    Post,
    /// PUT.
    Put,
    /// DELETE.
    Delete,
}

impl HttpMethod {
    fn parse(name: &str) -> Option<HttpMethod> {
        match name {
            "get" => Some(HttpMethod::Get),
            "post" => Some(HttpMethod::Post),
            "put" => Some(HttpMethod::Put),
            "delete" => Some(HttpMethod::Delete),
            _ => None,
        }
    }

    /// The variant's name in `bunq::Method`.
    pub fn variant(self) -> &'static str {
        match self {
            HttpMethod::Get => "Get",
            HttpMethod::Post => "Post",
            HttpMethod::Put => "Put",
            HttpMethod::Delete => "Delete",
        }
    }
}

/// One operation of the description.
#[derive(Debug, Clone)]
pub struct DescribedOperation {
    /// The path as written, e.g. `/user/{userID}/monetary-account/{monetary-accountID}/payment`.
    pub path: String,
    /// The method.
    pub method: HttpMethod,
    /// e.g. `CREATE_Payment_for_User_MonetaryAccount`.
    pub operation_id: String,
    /// The name of the 200 answer's schema (for a list, of its items), e.g. `PaymentCreate`.
    pub schema: String,
}

/// The parts of the description the table needs.
#[derive(Debug, Clone)]
pub struct Description {
    /// Every operation, in the description's order of paths.
    pub operations: Vec<DescribedOperation>,
    /// Every schema's property names.
    pub schema_properties: BTreeMap<String, Vec<String>>,
}

impl Description {
    /// Reads `swagger.json`.
    pub fn parse(text: &str) -> Result<Description, String> {
        let json: Value =
            serde_json::from_str(text).map_err(|error| format!("swagger.json: {error}"))?;
        let paths = json
            .get("paths")
            .and_then(Value::as_object)
            .ok_or("swagger.json has no \"paths\" object")?;
        let mut operations = Vec::new();
        for (path, methods) in paths {
            let methods = methods
                .as_object()
                .ok_or_else(|| format!("swagger.json: {path} is not an object"))?;
            for (method, operation) in methods {
                let method = HttpMethod::parse(method)
                    .ok_or_else(|| format!("swagger.json: {path} has method {method}"))?;
                operations.push(DescribedOperation {
                    path: path.clone(),
                    method,
                    operation_id: text_at(operation, "/operationId", path)?,
                    schema: answer_schema(operation, path)?,
                });
            }
        }
        let schemas = json
            .pointer("/components/schemas")
            .and_then(Value::as_object)
            .ok_or("swagger.json has no components.schemas")?;
        let schema_properties = schemas
            .iter()
            .map(|(name, schema)| {
                let properties = schema
                    .get("properties")
                    .and_then(Value::as_object)
                    .map(|properties| properties.keys().cloned().collect())
                    .unwrap_or_default();
                (name.clone(), properties)
            })
            .collect();
        Ok(Description {
            operations,
            schema_properties,
        })
    }

    /// The property names of `schema` (none for a schema the description lacks).
    pub fn properties(&self, schema: &str) -> &[String] {
        self.schema_properties
            .get(schema)
            .map(Vec::as_slice)
            .unwrap_or(&[])
    }

    /// The properties of `schema` that name a wrapped object (`UserPerson`, `Id`, ...):
    /// they start with a capital letter, while an object's own fields are snake_case.
    pub fn wrapper_properties(&self, schema: &str) -> Vec<&str> {
        self.properties(schema)
            .iter()
            .map(String::as_str)
            .filter(|name| name.starts_with(|c: char| c.is_ascii_uppercase()))
            .collect()
    }

    /// The anchor objects: a read or list answer that may hold one of several kinds, e.g.
    /// `UserRead` = `UserPerson` | `UserCompany` | ... The anchor's name is the schema's
    /// without `Read`/`Listing`.
    pub fn anchors(&self) -> BTreeMap<String, Vec<String>> {
        let mut anchors = BTreeMap::new();
        for operation in &self.operations {
            let kinds = self.wrapper_properties(&operation.schema);
            let base = operation
                .schema
                .strip_suffix("Read")
                .or_else(|| operation.schema.strip_suffix("Listing"));
            if let (Some(base), true) = (base, kinds.len() > 1) {
                anchors.insert(
                    base.to_owned(),
                    kinds.iter().map(|k| k.to_string()).collect(),
                );
            }
        }
        anchors
    }
}

fn text_at(operation: &Value, pointer: &str, path: &str) -> Result<String, String> {
    operation
        .pointer(pointer)
        .and_then(Value::as_str)
        .map(str::to_owned)
        .ok_or_else(|| format!("swagger.json: an operation of {path} lacks {pointer}"))
}

/// The schema of the 200 answer; for an array, of its items.
fn answer_schema(operation: &Value, path: &str) -> Result<String, String> {
    let content = operation
        .pointer("/responses/200/content")
        .and_then(Value::as_object)
        .and_then(|content| content.values().next())
        .ok_or_else(|| format!("swagger.json: an operation of {path} has no 200 answer"))?;
    let schema = content
        .get("schema")
        .ok_or_else(|| format!("swagger.json: the 200 answer of {path} has no schema"))?;
    let reference = match schema.get("items") {
        Some(items) => items.get("$ref"),
        None => schema.get("$ref"),
    };
    reference
        .and_then(Value::as_str)
        .and_then(|reference| reference.rsplit('/').next())
        .map(str::to_owned)
        .ok_or_else(|| format!("swagger.json: the 200 answer of {path} names no schema"))
}
