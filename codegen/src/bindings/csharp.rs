//! The C# binding's generated files:
//! - `src/NativeMethods.g.cs`: the `[DllImport]` of every function, the callback delegate,
//!   a `SafeHandle` class per opaque handle (released by its `*_free`), the ABI version and
//!   the status → exception table;
//! - `src/Status.g.cs`: the public status enum, documented from the header.

use std::fmt::Write;

use super::marshalling::{
    Role, Scalar, camel_case, parameter_roles, pascal_case, result_role, status_member,
};
use super::python::first_sentence;
use super::{GeneratedFile, Model, generated_notice};
use crate::c_header::Function;

/// The declarations.
pub const NATIVE_PATH: &str = "bindings/csharp/src/NativeMethods.g.cs";
/// The status enum.
pub const STATUS_PATH: &str = "bindings/csharp/src/Status.g.cs";

/// The C# binding's generated files.
pub fn files(model: &Model) -> Result<Vec<GeneratedFile>, String> {
    Ok(vec![
        GeneratedFile {
            path: NATIVE_PATH.to_owned(),
            content: native_methods(model)?,
        },
        GeneratedFile {
            path: STATUS_PATH.to_owned(),
            content: status_enum(model),
        },
    ])
}

fn native_methods(model: &Model) -> Result<String, String> {
    let header = model.header;
    let mut out = format!(
        "// {}\n//\n\
         // Marshalling, from bunq.h's conventions: input strings are NUL-terminated UTF-8 byte arrays\n\
         // (Interop.Utf8); binary input is a byte[] plus its length as UIntPtr (size_t); owned\n\
         // outputs (char *, uint8_t *) are IntPtr, copied then released (Interop.Take*); handles go\n\
         // in as SafeHandles (kept alive for the call) and come out as `out` SafeHandles (invalid\n\
         // when the call fails); C99 bool is one byte (UnmanagedType.U1).\n\
         using System;\n\
         using System.Collections.Generic;\n\
         using System.Runtime.InteropServices;\n\n\
         namespace Bunq\n{{\n    \
         /// <summary>The C API of libbunq (include/bunq.h), one declaration per function.</summary>\n    \
         internal static class NativeMethods\n    {{\n        \
         /// <summary>The name mono resolves to libbunq.so (beside the assembly, on\n        \
         /// LD_LIBRARY_PATH, or through a dllmap).</summary>\n        \
         internal const string LibraryName = \"{}\";\n\n        \
         /// <summary><c>{}</c>: the <c>bunq_abi_version()</c> this binding was generated for.</summary>\n        \
         internal const uint AbiVersion = {};\n",
        generated_notice("include/bunq.h and bindings/bindings.toml"),
        model.data.library.csharp_dll_import,
        model.data.library.abi_version_constant,
        model.abi_version,
    );
    for callback in &header.callbacks {
        writeln!(
            out,
            "\n        /// <summary><c>{}</c>: {}</summary>\n        \
             [UnmanagedFunctionPointer(CallingConvention.Cdecl)]\n        \
             internal delegate {} {}({});",
            callback.name,
            xml(&first_sentence(&callback.doc)),
            result_type(model, callback)?,
            pascal_case(&callback.name),
            parameters(model, callback, true)?
        )
        .unwrap();
    }
    for function in &header.functions {
        let result = result_type(model, function)?;
        let returns_bool = result_role(header, function)? == Role::Scalar(Scalar::Bool);
        writeln!(
            out,
            "\n        /// <summary><c>{}</c>: {}</summary>\n        [DllImport(LibraryName)]{}\n        \
             internal static extern {result} {}({});",
            function.name,
            xml(&first_sentence(&function.doc)),
            if returns_bool { "\n        [return: MarshalAs(UnmanagedType.U1)]" } else { "" },
            function.name,
            parameters(model, function, false)?
        )
        .unwrap();
    }
    out.push_str("    }\n");
    handles(model, &mut out)?;
    exception_table(model, &mut out);
    out.push_str("}\n");
    Ok(out)
}

/// One `SafeHandle` class per opaque type, released by its `*_free` function.
fn handles(model: &Model, out: &mut String) -> Result<(), String> {
    out.push_str(
        "\n    /// <summary>A handle whose zero value means \"none\" (what a failed call leaves behind).</summary>\n    \
         internal abstract class BunqHandle : SafeHandle\n    {\n        \
         protected BunqHandle() : base(IntPtr.Zero, ownsHandle: true)\n        {\n        }\n\n        \
         public override bool IsInvalid => handle == IntPtr.Zero;\n    }\n",
    );
    for opaque in &model.header.opaque_types {
        let free = format!("{}_free", opaque.name);
        if !model
            .header
            .functions
            .iter()
            .any(|function| function.name == free)
        {
            return Err(format!(
                "the handle type {} has no {free} function to release it",
                opaque.name
            ));
        }
        writeln!(
            out,
            "\n    /// <summary>A <c>{} *</c>, released with <c>{free}</c> exactly once.</summary>\n    \
             internal sealed class {}Handle : BunqHandle\n    {{\n        \
             protected override bool ReleaseHandle()\n        {{\n            \
             NativeMethods.{free}(handle);\n            return true;\n        }}\n    }}",
            opaque.name,
            pascal_case(&opaque.name),
        )
        .unwrap();
    }
    Ok(())
}

fn exception_table(model: &Model, out: &mut String) {
    let arguments = "message, status, responseCode, descriptions, responseId, step";
    writeln!(
        out,
        "\n    /// <summary>The exception class of each status (bindings/bindings.toml).</summary>\n    \
         internal static class ExceptionTable\n    {{\n        \
         /// <summary>The exception for a failed call: by status, and for bunq's refusals by\n        \
         /// HTTP status, as bunq's official SDKs choose it.</summary>\n        \
         internal static BunqException Create(\n            \
         Status status, string message, int responseCode, IReadOnlyList<string> descriptions,\n            \
         string responseId, string step)\n        {{\n            \
         if (status == Status.{})\n            {{\n                switch (responseCode)\n                {{",
        enum_member(&model.data.exceptions.api.status)
    )
    .unwrap();
    for (code, class) in &model.api_exception_by_http_status {
        writeln!(
            out,
            "                    case {code}: return new {class}({arguments});"
        )
        .unwrap();
    }
    writeln!(
        out,
        "                    default: return new {}({arguments});\n                }}\n            }}\n            \
         switch (status)\n            {{",
        model.data.exceptions.api.otherwise
    )
    .unwrap();
    for (name, _, class) in &model.exception_by_status {
        writeln!(
            out,
            "                case Status.{}: return new {class}({arguments});",
            enum_member(name)
        )
        .unwrap();
    }
    writeln!(
        out,
        "                default: return new BunqException({arguments});\n            }}\n        }}\n    }}"
    )
    .unwrap();
}

fn status_enum(model: &Model) -> String {
    let status = model.status;
    let mut out = format!(
        "// {}\nnamespace Bunq\n{{\n    /// <summary>The <c>{}</c> codes of bunq.h, same numbers: {}</summary>\n    public enum Status\n    {{\n",
        generated_notice("include/bunq.h"),
        status.name,
        xml(&status.doc.split_whitespace().collect::<Vec<_>>().join(" "))
    );
    for (member, value) in &status.members {
        let doc = member.doc.split_whitespace().collect::<Vec<_>>().join(" ");
        writeln!(
            out,
            "        /// <summary><c>{}</c>: {}</summary>\n        {} = {value},",
            member.name,
            xml(&doc),
            enum_member(&member.name)
        )
        .unwrap();
    }
    out.push_str("    }\n}\n");
    out
}

/// `BUNQ_ERROR_INVALID_UTF8` → `ErrorInvalidUtf8`.
pub fn enum_member(name: &str) -> String {
    status_member(name)
        .split('_')
        .map(|part| {
            let lower = part.to_ascii_lowercase();
            let mut characters = lower.chars();
            match characters.next() {
                Some(first) => first.to_ascii_uppercase().to_string() + characters.as_str(),
                None => String::new(),
            }
        })
        .collect()
}

fn result_type(model: &Model, function: &Function) -> Result<String, String> {
    Ok(match result_role(model.header, function)? {
        Role::Nothing => "void".to_owned(),
        Role::Status => "Status".to_owned(),
        Role::Scalar(scalar) => scalar_type(scalar).to_owned(),
        Role::StaticText | Role::OwnedText => "IntPtr".to_owned(),
        other => return Err(format!("{}: a result of role {other:?}", function.name)),
    })
}

/// The parameter list; `native_to_managed` for a callback's (strings arrive as IntPtr).
fn parameters(
    model: &Model,
    function: &Function,
    native_to_managed: bool,
) -> Result<String, String> {
    let roles = parameter_roles(model.header, function)?;
    let mut list = Vec::new();
    for (parameter, role) in function.parameters.iter().zip(roles) {
        let name = identifier(&camel_case(&parameter.name));
        let declared = match role {
            Role::BorrowedText | Role::BorrowedBytes if native_to_managed => "IntPtr".to_owned(),
            Role::BorrowedText | Role::BorrowedBytes => "byte[]".to_owned(),
            Role::Scalar(Scalar::Bool) => "[MarshalAs(UnmanagedType.U1)] bool".to_owned(),
            Role::Scalar(scalar) => scalar_type(scalar).to_owned(),
            Role::ScalarOut(Scalar::Bool) => "[MarshalAs(UnmanagedType.U1)] out bool".to_owned(),
            Role::ScalarOut(scalar) => format!("out {}", scalar_type(scalar)),
            Role::OwnedOut => "out IntPtr".to_owned(),
            Role::Released | Role::UserData | Role::HandleReleased(_) => "IntPtr".to_owned(),
            Role::Handle(handle) => format!("{}Handle", pascal_case(&handle)),
            Role::HandleOut(handle) => format!("out {}Handle", pascal_case(&handle)),
            Role::Callback(callback) => pascal_case(&callback),
            other => return Err(format!("{}: a parameter of role {other:?}", function.name)),
        };
        list.push(format!("{declared} {name}"));
    }
    Ok(list.join(", "))
}

fn scalar_type(scalar: Scalar) -> &'static str {
    match scalar {
        Scalar::Int => "int",
        Scalar::Bool => "bool",
        Scalar::Size => "UIntPtr",
        Scalar::U16 => "ushort",
        Scalar::U32 => "uint",
        Scalar::U64 => "ulong",
    }
}

/// A parameter name that is a C# keyword gets an `@`.
fn identifier(name: &str) -> String {
    const KEYWORDS: [&str; 16] = [
        "base", "bool", "byte", "char", "checked", "decimal", "event", "fixed", "in", "lock",
        "object", "out", "params", "ref", "string", "value",
    ];
    match KEYWORDS.contains(&name) {
        true => format!("@{name}"),
        false => name.to_owned(),
    }
}

/// Text for an XML doc comment: `&`, `<`, `>` escaped, `` `code` `` as `<c>code</c>`.
pub fn xml(text: &str) -> String {
    let escaped = text
        .replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;");
    let mut out = String::with_capacity(escaped.len());
    for (index, piece) in escaped.split('`').enumerate() {
        match index % 2 {
            1 => write!(out, "<c>{piece}</c>").unwrap(),
            _ => out.push_str(piece),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn status_names_and_doc_text_become_csharp() {
        assert_eq!(enum_member("BUNQ_ERROR_INVALID_UTF8"), "ErrorInvalidUtf8");
        assert_eq!(enum_member("BUNQ_OK"), "Ok");
        assert_eq!(xml("a `x < y` & b"), "a <c>x &lt; y</c> &amp; b");
        assert_eq!(identifier("string"), "@string");
    }
}
