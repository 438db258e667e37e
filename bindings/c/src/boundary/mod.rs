//! The machinery every exported function stands on, apart from the functions themselves:
//! the status enum, the panic boundary, the last-error store, checks of C arguments, owned
//! strings and buffers, handles, the JSON options and the list of settings they take. Nothing here is exported to C but the status
//! type; nothing here imports an exported function's module.

pub(crate) mod arguments;
pub(crate) mod failure;
pub(crate) mod handles;
pub(crate) mod json;
pub(crate) mod last_error_store;
pub(crate) mod options;
pub(crate) mod panic_boundary;
pub(crate) mod requests;
pub(crate) mod setting_checks;
pub(crate) mod settings;
pub(crate) mod status;
pub(crate) mod strings;
