//! What each C type of bunq.h means for a binding, from the header's conventions: a
//! `const char *` argument is borrowed text, a `char **` is an owned result the caller
//! releases, a `const bunq_client *` borrows a handle, ... Each binding maps these roles to
//! its own types; a type outside them is an error, so a new kind of parameter needs a
//! decision here, never a guess.

use crate::c_header::{CType, Function, Header};

/// A C scalar passed by value or written through a pointer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scalar {
    /// `int`.
    Int,
    /// C99 `bool` (one byte).
    Bool,
    /// `size_t`.
    Size,
    /// `uint16_t`.
    U16,
    /// `uint32_t`.
    U32,
    /// `uint64_t`.
    U64,
}

/// What a parameter or result is for the binding.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Role {
    /// A `void` result.
    Nothing,
    /// The status enum, as a result.
    Status,
    /// A scalar by value.
    Scalar(Scalar),
    /// `T *` for a scalar `T`: an out-parameter.
    ScalarOut(Scalar),
    /// `const char *` argument: borrowed NUL-terminated UTF-8.
    BorrowedText,
    /// `const uint8_t *` argument: borrowed bytes (with a length argument).
    BorrowedBytes,
    /// `const char *` result: a static string, never released.
    StaticText,
    /// `char *` result: an owned string the caller releases.
    OwnedText,
    /// `char **` or `uint8_t **`: an owned string or buffer written for the caller.
    OwnedOut,
    /// `char *` or `uint8_t *` argument: memory the library returned, given back to be
    /// released.
    Released,
    /// `const H *`: a borrowed handle.
    Handle(String),
    /// `H *` in `H_free`: the handle released.
    HandleReleased(String),
    /// `H **`: a new handle written for the caller.
    HandleOut(String),
    /// A function-pointer typedef, by value.
    Callback(String),
    /// `void *`: the caller's data, passed through untouched.
    UserData,
}

/// The role of a function's result.
pub fn result_role(header: &Header, function: &Function) -> Result<Role, String> {
    let ty = &function.result;
    let role = match (ty.is_const, ty.base.as_str(), ty.pointers) {
        (false, "void", 0) => Role::Nothing,
        (true, "char", 1) => Role::StaticText,
        (false, "char", 1) => Role::OwnedText,
        (false, base, 0) => match scalar(base) {
            Some(scalar) => Role::Scalar(scalar),
            None if header.enumeration(base).is_some() => Role::Status,
            None => return Err(unknown(function, "its result", ty)),
        },
        _ => return Err(unknown(function, "its result", ty)),
    };
    Ok(role)
}

/// The role of each parameter of `function`.
pub fn parameter_roles(header: &Header, function: &Function) -> Result<Vec<Role>, String> {
    function
        .parameters
        .iter()
        .map(|parameter| {
            let ty = &parameter.ty;
            let what = format!("its parameter {}", parameter.name);
            let role = match (ty.is_const, ty.base.as_str(), ty.pointers) {
                (true, "char", 1) => Role::BorrowedText,
                (true, "uint8_t", 1) => Role::BorrowedBytes,
                (false, "char" | "uint8_t", 2) => Role::OwnedOut,
                (false, "char" | "uint8_t", 1) => Role::Released,
                (false, "void", 1) => Role::UserData,
                (constness, base, pointers) if header.is_opaque(base) => {
                    match (constness, pointers) {
                        (true, 1) => Role::Handle(base.to_owned()),
                        (false, 1) if function.name == format!("{base}_free") => {
                            Role::HandleReleased(base.to_owned())
                        }
                        (false, 2) => Role::HandleOut(base.to_owned()),
                        _ => return Err(unknown(function, &what, ty)),
                    }
                }
                (false, base, 0) if header.is_callback(base) => Role::Callback(base.to_owned()),
                (false, base, pointers) => match (scalar(base), pointers) {
                    (Some(scalar), 0) => Role::Scalar(scalar),
                    (Some(scalar), 1) => Role::ScalarOut(scalar),
                    _ => return Err(unknown(function, &what, ty)),
                },
                _ => return Err(unknown(function, &what, ty)),
            };
            Ok(role)
        })
        .collect()
}

fn scalar(base: &str) -> Option<Scalar> {
    Some(match base {
        "int" => Scalar::Int,
        "bool" => Scalar::Bool,
        "size_t" => Scalar::Size,
        "uint16_t" => Scalar::U16,
        "uint32_t" => Scalar::U32,
        "uint64_t" => Scalar::U64,
        _ => return None,
    })
}

fn unknown(function: &Function, what: &str, ty: &CType) -> String {
    format!(
        "{}: {what} has the type `{ty}`, which no binding rule covers (bunq-codegen's \
         bindings/marshalling.rs): decide what it means there",
        function.name
    )
}

/// `bunq_client` → `Client`, `bunq_event_callback` → `EventCallback`: a C name without its
/// `bunq_` prefix, in PascalCase.
pub fn pascal_case(c_name: &str) -> String {
    c_name
        .strip_prefix("bunq_")
        .unwrap_or(c_name)
        .split('_')
        .map(|part| {
            let mut characters = part.chars();
            match characters.next() {
                Some(first) => first.to_ascii_uppercase().to_string() + characters.as_str(),
                None => String::new(),
            }
        })
        .collect()
}

/// `config_json` → `configJson`.
pub fn camel_case(c_name: &str) -> String {
    let pascal = pascal_case(c_name);
    let mut characters = pascal.chars();
    match characters.next() {
        Some(first) => first.to_ascii_lowercase().to_string() + characters.as_str(),
        None => String::new(),
    }
}

/// The member names of the status enum without the enum's prefix: `BUNQ_ERROR_API` →
/// `ERROR_API`.
pub fn status_member(name: &str) -> &str {
    name.strip_prefix("BUNQ_").unwrap_or(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_change_case() {
        assert_eq!(pascal_case("bunq_signing_key"), "SigningKey");
        assert_eq!(pascal_case("bunq_event_callback"), "EventCallback");
        assert_eq!(camel_case("out_client"), "outClient");
        assert_eq!(pascal_case("ERROR_INVALID_UTF8"), "ERRORINVALIDUTF8");
        assert_eq!(status_member("BUNQ_ERROR_API"), "ERROR_API");
    }

    #[test]
    fn each_c_type_of_the_conventions_has_its_role_and_others_are_refused() {
        let header = Header::parse(
            "typedef enum { S_OK = 0 } s_status;\n\
             typedef struct bunq_thing bunq_thing;\n\
             typedef void (*bunq_cb)(const char *text, void *data);\n\
             s_status f(const char *a, const uint8_t *b, size_t n, char **c, uint8_t **d,\n\
                        const bunq_thing *e, bunq_thing **g, bunq_cb h, void *i, bool *j,\n\
                        uint64_t k);\n\
             void bunq_thing_free(bunq_thing *thing);\n\
             void bunq_string_free(char *text);\n\
             const char *v(int status);\n\
             char *w(void);\n\
             uint16_t x(void);\n\
             void bad_handle(bunq_thing *thing);\n\
             void bad_pointer(int **pointer);\n\
             int *bad_result(void);\n",
        )
        .unwrap();
        let function = |name: &str| header.functions.iter().find(|f| f.name == name).unwrap();
        assert_eq!(
            parameter_roles(&header, function("f")).unwrap(),
            [
                Role::BorrowedText,
                Role::BorrowedBytes,
                Role::Scalar(Scalar::Size),
                Role::OwnedOut,
                Role::OwnedOut,
                Role::Handle("bunq_thing".into()),
                Role::HandleOut("bunq_thing".into()),
                Role::Callback("bunq_cb".into()),
                Role::UserData,
                Role::ScalarOut(Scalar::Bool),
                Role::Scalar(Scalar::U64),
            ]
        );
        assert_eq!(result_role(&header, function("f")).unwrap(), Role::Status);
        assert_eq!(
            parameter_roles(&header, function("bunq_thing_free")).unwrap(),
            [Role::HandleReleased("bunq_thing".into())]
        );
        assert_eq!(
            parameter_roles(&header, function("bunq_string_free")).unwrap(),
            [Role::Released]
        );
        assert_eq!(
            result_role(&header, function("v")).unwrap(),
            Role::StaticText
        );
        assert_eq!(
            result_role(&header, function("w")).unwrap(),
            Role::OwnedText
        );
        assert_eq!(
            result_role(&header, function("x")).unwrap(),
            Role::Scalar(Scalar::U16)
        );
        for name in ["bad_handle", "bad_pointer"] {
            let error = parameter_roles(&header, function(name)).unwrap_err();
            assert!(error.contains("no binding rule covers"), "{error}");
        }
        assert!(result_role(&header, function("bad_result")).is_err());
    }
}
