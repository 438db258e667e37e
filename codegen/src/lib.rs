//! Generates the files of bunq-context that are made from other files and committed:
//! - the API operation table (`src/api/operations.rs`) from bunq's OpenAPI description and
//!   the wrapper keys of bunq's Python SDK (both in `codegen/data/`, MIT):
//!   `cargo run -p bunq-codegen -- api-table`, checked by the main crate's
//!   `tests/api_table_is_current.rs`;
//! - `include/bunq.h` (cbindgen, from `bindings/c/src/`) and, from it and
//!   `bindings/bindings.toml`, the bindings' declarations; from the list of settings, their
//!   documentation in every language: `cargo run -p bunq-codegen -- bindings`, checked by
//!   `tests/bindings_are_current.rs`.

#![forbid(unsafe_code)]
#![deny(missing_docs)]

pub mod api_table;
pub mod bindings;
pub mod c_header;
pub mod header;
/// The list of settings, compiled from the C crate's own file so that the documentation
/// generated from it is that of the settings the C crate checks.
#[path = "../../bindings/c/src/boundary/settings.rs"]
pub(crate) mod settings;

use std::path::{Path, PathBuf};

/// The repository's root: the parent of this crate's directory.
pub fn repository_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("the codegen crate lives inside the repository")
        .to_path_buf()
}
