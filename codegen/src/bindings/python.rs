//! The Python binding's `_abi.py`: the ABI version, the status enum, the handle and callback
//! types, every function's ctypes signature and the status → exception table (class names,
//! which `exceptions.py` resolves).

use std::fmt::Write;

use super::marshalling::{Role, Scalar, parameter_roles, pascal_case, result_role, status_member};
use super::settings_docs::wrap;
use super::{GeneratedFile, Model, generated_notice};

/// Where the file goes.
pub const PATH: &str = "bindings/python/src/bunq_context/_abi.py";

/// The Python binding's generated files.
pub fn files(model: &Model) -> Result<Vec<GeneratedFile>, String> {
    Ok(vec![GeneratedFile {
        path: PATH.to_owned(),
        content: abi_module(model)?,
    }])
}

fn abi_module(model: &Model) -> Result<String, String> {
    let header = model.header;
    let mut out = format!(
        "# {}\n",
        generated_notice("include/bunq.h and bindings/bindings.toml")
    );
    out.push_str(
        r#""""What include/bunq.h declares, for ctypes: the ABI version, the status codes, the
handle and callback types, every function's signature, and the exception class of each
status (by name: bunq_context.exceptions defines the classes).

Marshalling, from bunq.h's conventions: borrowed strings and buffers are ``c_char_p``;
owned results are ``c_void_p`` (copied, then released by the library: ``c_char_p`` would
copy the text and lose the pointer); each handle is a pointer to its own opaque type, so
that ctypes refuses one kind where another is expected.
"""

from __future__ import annotations

from ctypes import (
    CFUNCTYPE,
    POINTER,
    Structure,
    c_bool,
    c_char_p,
    c_int,
    c_size_t,
    c_uint16,
    c_uint32,
    c_uint64,
    c_void_p,
)
from enum import IntEnum
from typing import Any, Dict, Tuple

"#,
    );
    let constant = &model.data.library.abi_version_constant;
    writeln!(
        out,
        "#: ``{constant}``: the ``bunq_abi_version()`` this binding was generated for.\n\
         ABI_VERSION = {}\n\n\
         #: The library's SONAME on Linux: only a library of this ABI has it.\n\
         SONAME = \"{}\"\n\n",
        model.abi_version,
        model.soname()
    )
    .unwrap();
    status_enum(model, &mut out);
    for opaque in &header.opaque_types {
        let name = pascal_case(&opaque.name);
        let doc = format!("``{}``: {}", opaque.name, first_sentence(&opaque.doc));
        writeln!(
            out,
            "\nclass _{name}(Structure):\n{}\n\n\n{name}Pointer = POINTER(_{name})\n",
            docstring(&doc, "    ")
        )
        .unwrap();
    }
    for callback in &header.callbacks {
        let result = match result_role(header, callback)? {
            Role::Nothing => "None".to_owned(),
            other => ctype(&other, callback.name.as_str())?,
        };
        let arguments = parameter_roles(header, callback)?
            .iter()
            .map(|role| ctype(role, &callback.name))
            .collect::<Result<Vec<_>, _>>()?;
        let comment = format!("``{}``: {}", callback.name, first_sentence(&callback.doc));
        writeln!(
            out,
            "{}\n{} = CFUNCTYPE({result}, {})\n",
            wrap(&comment, 96, "#: ", "#: ").join("\n"),
            pascal_case(&callback.name),
            arguments.join(", ")
        )
        .unwrap();
    }
    out.push_str(
        "#: Every function of bunq.h: name, result type, argument types.\n\
         SIGNATURES: Tuple[Tuple[str, Any, Tuple[Any, ...]], ...] = (\n",
    );
    for function in &header.functions {
        let result = match result_role(header, function)? {
            Role::Nothing => "None".to_owned(),
            other => ctype(&other, &function.name)?,
        };
        let arguments = parameter_roles(header, function)?
            .iter()
            .map(|role| ctype(role, &function.name))
            .collect::<Result<Vec<_>, _>>()?;
        let tuple = match arguments.len() {
            0 => "()".to_owned(),
            1 => format!("({},)", arguments[0]),
            _ => format!("({})", arguments.join(", ")),
        };
        let line = format!("    (\"{}\", {result}, {tuple}),", function.name);
        if line.len() <= 100 {
            writeln!(out, "{line}").unwrap();
        } else if tuple.len() + 9 <= 100 {
            writeln!(
                out,
                "    (\n        \"{}\",\n        {result},\n        {tuple},\n    ),",
                function.name
            )
            .unwrap();
        } else {
            writeln!(
                out,
                "    (\n        \"{}\",\n        {result},\n        (",
                function.name
            )
            .unwrap();
            for argument in &arguments {
                writeln!(out, "            {argument},").unwrap();
            }
            out.push_str("        ),\n    ),\n");
        }
    }
    out.push_str(")\n\n");
    exception_table(model, &mut out);
    Ok(out)
}

fn status_enum(model: &Model, out: &mut String) {
    let status = model.status;
    let doc = format!(
        "The ``{}`` codes of bunq.h, same numbers: {}",
        status.name,
        lowercase_first(&status.doc)
    );
    writeln!(out, "class Status(IntEnum):\n{}\n", docstring(&doc, "    ")).unwrap();
    for (member, value) in &status.members {
        for line in member.doc.lines() {
            writeln!(out, "    #: {line}").unwrap();
        }
        writeln!(out, "    {} = {value}", status_member(&member.name)).unwrap();
    }
    out.push_str(
        "\n    @property\n    def c_name(self) -> str:\n        \
         \"\"\"The constant's name in ``bunq.h``, e.g. ``\"BUNQ_ERROR_API\"``.\"\"\"\n        \
         return \"BUNQ_\" + self.name\n\n",
    );
}

fn exception_table(model: &Model, out: &mut String) {
    out.push_str(
        "#: The exception class (of bunq_context.exceptions) for each failure status but bunq's\n\
         #: refusals.\n\
         EXCEPTION_BY_STATUS: Dict[Status, str] = {\n",
    );
    for (name, _, class) in &model.exception_by_status {
        writeln!(out, "    Status.{}: \"{class}\",", status_member(name)).unwrap();
    }
    let api = &model.data.exceptions.api;
    writeln!(
        out,
        "}}\n\n#: bunq's refusals: the class follows the HTTP status, as in bunq's official SDKs.\n\
         API_ERROR_STATUS = Status.{}\n\
         API_EXCEPTION_BY_HTTP_STATUS: Dict[int, str] = {{",
        status_member(&api.status)
    )
    .unwrap();
    for (code, class) in &model.api_exception_by_http_status {
        writeln!(out, "    {code}: \"{class}\",").unwrap();
    }
    writeln!(out, "}}\nAPI_EXCEPTION_OTHERWISE = \"{}\"", api.otherwise).unwrap();
}

/// The ctypes type of a role.
fn ctype(role: &Role, function: &str) -> Result<String, String> {
    Ok(match role {
        Role::Status => "c_int".to_owned(),
        Role::Scalar(scalar) => scalar_ctype(*scalar).to_owned(),
        Role::ScalarOut(scalar) => format!("POINTER({})", scalar_ctype(*scalar)),
        Role::BorrowedText | Role::BorrowedBytes | Role::StaticText => "c_char_p".to_owned(),
        Role::OwnedText | Role::Released | Role::UserData => "c_void_p".to_owned(),
        Role::OwnedOut => "POINTER(c_void_p)".to_owned(),
        Role::Handle(name) | Role::HandleReleased(name) => format!("{}Pointer", pascal_case(name)),
        Role::HandleOut(name) => format!("POINTER({}Pointer)", pascal_case(name)),
        Role::Callback(name) => pascal_case(name),
        Role::Nothing => return Err(format!("{function}: a void parameter")),
    })
}

fn scalar_ctype(scalar: Scalar) -> &'static str {
    match scalar {
        Scalar::Int => "c_int",
        Scalar::Bool => "c_bool",
        Scalar::Size => "c_size_t",
        Scalar::U16 => "c_uint16",
        Scalar::U32 => "c_uint32",
        Scalar::U64 => "c_uint64",
    }
}

/// The doc comment's first sentence, on one line.
pub fn first_sentence(doc: &str) -> String {
    let flat = doc.split_whitespace().collect::<Vec<_>>().join(" ");
    let end = flat
        .match_indices(". ")
        .map(|(index, _)| index)
        .find(|index| !(flat[..*index].ends_with("e.g") || flat[..*index].ends_with("i.e")));
    match end {
        Some(end) => flat[..=end].to_owned(),
        None => flat,
    }
}

fn lowercase_first(text: &str) -> String {
    let mut characters = text.chars();
    match characters.next() {
        Some(first) => first.to_lowercase().to_string() + characters.as_str(),
        None => String::new(),
    }
}

/// A docstring of `text`, wrapped, indented by `indent`.
fn docstring(text: &str, indent: &str) -> String {
    let mut lines = wrap(text, 96 - indent.len(), "", "");
    let last = lines.len() - 1;
    lines[0].insert_str(0, "\"\"\"");
    lines[last].push_str("\"\"\"");
    lines
        .iter()
        .map(|line| format!("{indent}{line}"))
        .collect::<Vec<_>>()
        .join("\n")
}
