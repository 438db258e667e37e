//! The bindings' generated files: from `include/bunq.h` (parsed by [`crate::c_header`]) and
//! `bindings/bindings.toml` ([`Data`]), each binding's declarations of the C functions, its
//! handle and callback types, status enum, status → exception table and ABI version; from
//! the list of settings (`bindings/c/src/boundary/settings.rs`), their documentation in
//! every language ([`settings_docs`]).
//!
//! [`regenerate`] runs the whole chain: the settings' documentation into the C crate's doc
//! comments, the header from the C crate (cbindgen), then the bindings from the header.

pub mod csharp;
pub mod marshalling;
pub mod php;
pub mod python;
pub mod settings_docs;

use std::collections::BTreeMap;
use std::path::Path;

use serde::Deserialize;

use crate::c_header::{Enum, Header};

/// The data file, relative to the repository's root.
pub const DATA_PATH: &str = "bindings/bindings.toml";
/// The header, relative to the repository's root.
pub const HEADER_PATH: &str = "include/bunq.h";
/// The command that regenerates every file of this module.
pub const COMMAND: &str = "cargo run -p bunq-codegen -- bindings";

/// One generated file: where it goes (relative to the repository's root) and its content.
#[derive(Debug, Clone)]
pub struct GeneratedFile {
    /// E.g. `bindings/python/src/bunq_context/_abi.py`.
    pub path: String,
    /// The whole file.
    pub content: String,
}

/// What `bindings/bindings.toml` says.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Data {
    /// Names of the library and of the header's parts the bindings build on.
    pub library: LibraryData,
    /// The exception class of each status.
    pub exceptions: ExceptionData,
}

/// `[library]`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LibraryData {
    /// The status enum's typedef name.
    pub status_enum: String,
    /// Its success member.
    pub success: String,
    /// The `#define` holding the ABI version.
    pub abi_version_constant: String,
    /// The SONAME pattern, `{abi}` standing for the ABI version.
    pub soname: String,
    /// C#'s `[DllImport]` library name.
    pub csharp_dll_import: String,
    /// PHP's FFI scope.
    pub php_ffi_scope: String,
}

/// `[exceptions]`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExceptionData {
    /// Status name → exception class, for every failure but bunq's refusals.
    pub by_status: BTreeMap<String, String>,
    /// bunq's refusals.
    pub api: ApiExceptionData,
}

/// `[exceptions.api]`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ApiExceptionData {
    /// The status of bunq's refusals.
    pub status: String,
    /// The class for an HTTP status not listed.
    pub otherwise: String,
    /// HTTP status → class.
    pub by_http_status: BTreeMap<String, String>,
}

/// What every emitter needs: the header, the data, and what follows from both.
pub struct Model<'a> {
    /// The parsed header.
    pub header: &'a Header,
    /// The data file.
    pub data: &'a Data,
    /// The ABI version.
    pub abi_version: u64,
    /// The status enum.
    pub status: &'a Enum,
    /// `(status member, its number, exception class)` for every failure status but bunq's
    /// refusals, in the enum's order.
    pub exception_by_status: Vec<(&'a str, i64, &'a str)>,
    /// The number of bunq's refusal status.
    pub api_status: i64,
    /// `(HTTP status, class)`, ascending.
    pub api_exception_by_http_status: Vec<(u16, &'a str)>,
}

impl Model<'_> {
    /// The library's SONAME.
    pub fn soname(&self) -> String {
        self.data
            .library
            .soname
            .replace("{abi}", &self.abi_version.to_string())
    }
}

impl Data {
    /// Parses the data file's text.
    pub fn parse(text: &str) -> Result<Data, String> {
        toml::from_str(text).map_err(|error| format!("{DATA_PATH}: {error}"))
    }

    /// Checks the data against the header and derives the [`Model`].
    pub fn model<'a>(&'a self, header: &'a Header) -> Result<Model<'a>, String> {
        let library = &self.library;
        let abi_version = header
            .constant(&library.abi_version_constant)
            .ok_or(format!(
                "{HEADER_PATH} has no #define {}",
                library.abi_version_constant
            ))?;
        let status = header
            .enumeration(&library.status_enum)
            .ok_or(format!("{HEADER_PATH} has no enum {}", library.status_enum))?;
        let number = |name: &str| {
            status
                .members
                .iter()
                .find(|(member, _)| member.name == name)
                .map(|(_, value)| *value)
                .ok_or(format!(
                    "{DATA_PATH} names {name}, which is no member of {}",
                    status.name
                ))
        };
        number(&library.success)?;
        let api_status = number(&self.exceptions.api.status)?;
        for name in self.exceptions.by_status.keys() {
            number(name)?;
        }
        let mut exception_by_status = Vec::new();
        for (member, value) in &status.members {
            let name = member.name.as_str();
            if name == library.success || name == self.exceptions.api.status {
                continue;
            }
            let class = self.exceptions.by_status.get(name).ok_or(format!(
                "{DATA_PATH} has no exception class for {name} ([exceptions.by_status])"
            ))?;
            exception_by_status.push((name, *value, class.as_str()));
        }
        let mut api_exception_by_http_status = Vec::new();
        for (code, class) in &self.exceptions.api.by_http_status {
            let code: u16 = code.parse().map_err(|_| {
                format!(
                    "{DATA_PATH}: {code:?} in [exceptions.api.by_http_status] is no HTTP status"
                )
            })?;
            api_exception_by_http_status.push((code, class.as_str()));
        }
        api_exception_by_http_status.sort();
        Ok(Model {
            header,
            data: self,
            abi_version,
            status,
            exception_by_status,
            api_status,
            api_exception_by_http_status,
        })
    }
}

/// The first line of every generated file, after the language's comment mark.
pub fn generated_notice(inputs: &str) -> String {
    format!("Generated from {inputs} by `{COMMAND}`; do not edit.")
}

/// Every binding file generated from the header's text and the data file's.
pub fn generate_from_texts(
    header_text: &str,
    data_text: &str,
) -> Result<Vec<GeneratedFile>, String> {
    let header = Header::parse(header_text).map_err(|error| format!("{HEADER_PATH}: {error}"))?;
    let data = Data::parse(data_text)?;
    let model = data.model(&header)?;
    let mut files = Vec::new();
    files.extend(python::files(&model)?);
    files.extend(php::files(&model, header_text)?);
    files.extend(csharp::files(&model)?);
    files.extend(settings_docs::binding_files());
    Ok(files)
}

/// Every binding file generated from the committed header and data file under `root`.
pub fn generate(root: &Path) -> Result<Vec<GeneratedFile>, String> {
    let read = |path: &str| {
        std::fs::read_to_string(root.join(path))
            .map_err(|error| format!("cannot read {path}: {error}"))
    };
    generate_from_texts(&read(HEADER_PATH)?, &read(DATA_PATH)?)
}

/// Whether [`regenerate`] writes what is stale or only reports it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Write nothing.
    Check,
    /// Write every stale file.
    Write,
}

/// Regenerates, in order, the settings' documentation in the C crate's sources, the header
/// (cbindgen, from those sources) and the bindings (from the header), comparing each with
/// the committed file; gives the paths that were stale (and, in [`Mode::Write`], are
/// rewritten). In [`Mode::Check`] each step compares with the committed inputs.
pub fn regenerate(root: &Path, mode: Mode) -> Result<Vec<String>, String> {
    let mut stale = Vec::new();
    let mut settle = |files: Vec<GeneratedFile>| -> Result<(), String> {
        for file in files {
            let path = root.join(&file.path);
            let committed = std::fs::read_to_string(&path).unwrap_or_default();
            if committed == file.content {
                continue;
            }
            if mode == Mode::Write {
                std::fs::write(&path, &file.content)
                    .map_err(|error| format!("cannot write {}: {error}", file.path))?;
            }
            stale.push(file.path);
        }
        Ok(())
    };
    settle(settings_docs::c_sources(root)?)?;
    settle(vec![GeneratedFile {
        path: HEADER_PATH.to_owned(),
        content: crate::header::generate(root)?,
    }])?;
    settle(generate(root)?)?;
    Ok(stale)
}
