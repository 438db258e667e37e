//! Generates the files of bunq-context that are made from other files and committed:
//! today the API operation table (`src/api/operations.rs`) from bunq's OpenAPI description
//! and the wrapper keys of bunq's Python SDK (both in `codegen/data/`, MIT).
//!
//! Run it as `cargo run -p bunq-codegen -- api-table`; the test
//! `tests/api_table_is_current.rs` of the main crate regenerates the table in-process and
//! fails when the committed file differs.

#![forbid(unsafe_code)]
#![deny(missing_docs)]

pub mod api_table;

use std::path::{Path, PathBuf};

/// The repository's root: the parent of this crate's directory.
pub fn repository_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("the codegen crate lives inside the repository")
        .to_path_buf()
}
