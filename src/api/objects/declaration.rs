//! The two macros that declare a bunq object, so that what every object has in common (the
//! derives, a `Field` that keeps absent apart from `null`, the `extra` map of
//! fields bunq adds later, and for most the `id`/`created`/`updated` header) is written once.
//!
//! A field is written `/// docs` then `name: Type` (and any own `#[serde(...)]`, such as a
//! `rename`); the macro makes it `pub name: Field<Type>`, left out when written back if it
//! was absent. The struct's own docs and attributes are kept as written, so rustdoc shows
//! every field with its docs.

/// A part of a bunq object (a label, an entry, a schedule): every field a
/// `Field`, and `extra` last.
macro_rules! api_part {
    (
        $(#[$meta:meta])*
        pub struct $name:ident {
            $(
                $(#[$field_meta:meta])*
                $field:ident : $type:ty
            ),* $(,)?
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Default, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
        pub struct $name {
            $(
                $(#[$field_meta])*
                #[serde(default, skip_serializing_if = "crate::api::objects::Field::is_absent")]
                pub $field: crate::api::objects::Field<$type>,
            )*
            /// Fields bunq sends that this type does not name, kept as sent.
            #[serde(flatten)]
            pub extra: ::serde_json::Map<::std::string::String, ::serde_json::Value>,
        }
    };
}

/// A bunq object with its own identity: `id`, `created` and `updated` first, then the
/// fields given, then `extra` (as `api_part!`).
macro_rules! api_object {
    (
        $(#[$meta:meta])*
        pub struct $name:ident { $($fields:tt)* }
    ) => {
        api_part! {
            $(#[$meta])*
            pub struct $name {
                /// The object's id.
                id: u64,
                /// When it was made (UTC).
                created: crate::api::objects::Timestamp,
                /// When it last changed (UTC).
                updated: crate::api::objects::Timestamp,
                $($fields)*
            }
        }
    };
}
