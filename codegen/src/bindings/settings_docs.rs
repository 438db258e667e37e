//! The settings' documentation, from the list the C crate checks them against
//! (`bindings/c/src/boundary/settings.rs`), written where each language's users look:
//! - C: the doc comments of `bunq_client_create`, `bunq_client_restore` and
//!   `bunq_oauth_authorization_url` (between `// BEGIN settings` and `// END settings`
//!   lines of the C crate's sources; cbindgen copies them into bunq.h);
//! - Python: `_settings.py`, whose texts the calls' docstrings end with (`help()`);
//! - PHP: the class `BunqContext\Settings` (a constant per setting, PHPDoc on each);
//! - C#: the class `Bunq.Settings` (the same, XML docs);
//! - everyone: `docs/settings.md`.

use std::fmt::Write;
use std::path::Path;

use super::csharp::xml;
use super::marshalling::pascal_case;
use super::{COMMAND, GeneratedFile};
use crate::settings::{GROUPS, Group, Kind, Setting};

/// The generated Python module.
pub const PYTHON_PATH: &str = "bindings/python/src/bunq_context/_settings.py";
/// The generated PHP class.
pub const PHP_PATH: &str = "bindings/php/src/Settings.php";
/// The generated C# class.
pub const CSHARP_PATH: &str = "bindings/csharp/src/Settings.g.cs";
/// The generated page.
pub const DOCS_PATH: &str = "docs/settings.md";
/// The C crate's sources with generated doc comments.
pub const C_SOURCES: [&str; 2] = ["bindings/c/src/client.rs", "bindings/c/src/oauth.rs"];

const NOTICE_INPUT: &str = "bindings/c/src/boundary/settings.rs";

/// Each group with the name its `// BEGIN settings NAME` marker uses.
fn named_groups() -> [(&'static str, &'static Group); 4] {
    let [context, client, oauth, sandbox] = GROUPS;
    [
        ("CONTEXT", context),
        ("CLIENT", client),
        ("OAUTH", oauth),
        ("SANDBOX", sandbox),
    ]
}

/// The binding files (Python, PHP, C#) and the documentation page.
pub fn binding_files() -> Vec<GeneratedFile> {
    vec![
        GeneratedFile {
            path: PYTHON_PATH.to_owned(),
            content: python_module(),
        },
        GeneratedFile {
            path: PHP_PATH.to_owned(),
            content: php_class(),
        },
        GeneratedFile {
            path: CSHARP_PATH.to_owned(),
            content: csharp_class(),
        },
        GeneratedFile {
            path: DOCS_PATH.to_owned(),
            content: docs_page(),
        },
    ]
}

/// The C crate's sources under `root` with their settings regions rewritten.
pub fn c_sources(root: &Path) -> Result<Vec<GeneratedFile>, String> {
    C_SOURCES
        .iter()
        .map(|path| {
            let text = std::fs::read_to_string(root.join(path))
                .map_err(|error| format!("cannot read {path}: {error}"))?;
            Ok(GeneratedFile {
                path: (*path).to_owned(),
                content: with_regions(&text, path)?,
            })
        })
        .collect()
}

/// `text` with the doc-comment lines between each `// BEGIN settings NAME ...` and
/// `// END settings NAME` line replaced by the list of group NAME.
pub fn with_regions(text: &str, path: &str) -> Result<String, String> {
    let mut out = String::with_capacity(text.len());
    let mut lines = text.lines();
    let mut found = false;
    while let Some(line) = lines.next() {
        out.push_str(line);
        out.push('\n');
        let Some(rest) = line.trim_start().strip_prefix("// BEGIN settings ") else {
            continue;
        };
        found = true;
        let name = rest.split_whitespace().next().unwrap_or_default();
        let (_, group) = named_groups()
            .into_iter()
            .find(|(group_name, _)| *group_name == name)
            .ok_or(format!("{path}: no group of settings is called {name:?}"))?;
        let indent = &line[..line.len() - line.trim_start().len()];
        for bullet in bullets(group.settings, 88) {
            let separator = if bullet.is_empty() { "" } else { " " };
            writeln!(out, "{indent}///{separator}{bullet}").unwrap();
        }
        let end = format!("// END settings {name}");
        loop {
            match lines.next() {
                Some(line) if line.trim() == end => {
                    out.push_str(line);
                    out.push('\n');
                    break;
                }
                Some(line) if line.trim_start().starts_with("///") => {}
                _ => return Err(format!("{path}: `// BEGIN settings {name}` has no `{end}`")),
            }
        }
    }
    match found {
        true => Ok(out),
        false => Err(format!("{path} has no `// BEGIN settings` line")),
    }
}

/// One setting in a sentence: `"timeout_ms": a whole number of milliseconds, default 60000
/// (60 s). How long ...`.
fn sentence(setting: &Setting) -> String {
    format!(
        "\"{}\": {}, {}. {}",
        setting.name,
        setting.kind.words(),
        default_phrase(setting),
        setting.meaning
    )
}

fn default_phrase(setting: &Setting) -> String {
    match setting.default.starts_with("required") {
        true => setting.default.to_owned(),
        false => format!("default {}", setting.default),
    }
}

/// A bulleted list of `settings` (and of their nested settings, indented), wrapped at
/// `width` columns.
fn bullets(settings: &[Setting], width: usize) -> Vec<String> {
    let mut lines = Vec::new();
    for setting in settings {
        lines.extend(wrap(&sentence(setting), width, "- ", "  "));
        for field in setting.kind.fields() {
            lines.extend(wrap(&sentence(field), width, "  - ", "    "));
        }
    }
    lines
}

/// `text` wrapped at `width` columns, the first line after `first`, the others after `rest`.
pub(crate) fn wrap(text: &str, width: usize, first: &str, rest: &str) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = first.to_owned();
    let mut empty = true;
    for word in text.split_whitespace() {
        if !empty && line.len() + 1 + word.len() > width {
            lines.push(line);
            line = rest.to_owned();
            empty = true;
        }
        if !empty {
            line.push(' ');
        }
        line.push_str(word);
        empty = false;
    }
    lines.push(line);
    lines
}

/// A group's title, where it is taken, and its list, as plain text.
fn group_text(group: &Group, width: usize) -> String {
    let mut lines = wrap(
        &format!("{}. {}", group.title, group.taken_by),
        width,
        "",
        "",
    );
    lines.push(String::new());
    lines.extend(bullets(group.settings, width));
    lines.join("\n")
}

fn python_module() -> String {
    let mut out = format!(
        "# Generated from {NOTICE_INPUT} by `{COMMAND}`; do not edit.\n\
         \"\"\"The settings the library takes, documented: the calls that take them end their\n\
         docstrings with these texts (see ``help(bunq_context.Client.create)``).\"\"\"\n\n\
         from typing import Dict\n\n\
         #: Per group of settings: its title, which calls take it, and every setting with its type,\n\
         #: default and meaning.\n\
         GROUPS: Dict[str, str] = {{\n"
    );
    for (name, group) in named_groups() {
        let text = group_text(group, 88)
            .replace('\\', "\\\\")
            .replace("\"\"\"", "\\\"\\\"\\\"");
        writeln!(
            out,
            "    \"{}\": \"\"\"\\\n{text}\n\"\"\",",
            name.to_lowercase()
        )
        .unwrap();
    }
    out.push_str("}\n");
    out
}

/// Every distinct setting name and the groups it appears in.
fn constants() -> Vec<(&'static str, Vec<(&'static Group, &'static Setting)>)> {
    let mut names: Vec<(&'static str, Vec<(&'static Group, &'static Setting)>)> = Vec::new();
    for group in GROUPS {
        for setting in group.settings {
            match names.iter_mut().find(|(name, _)| *name == setting.name) {
                Some((_, uses)) => uses.push((group, setting)),
                None => names.push((setting.name, vec![(group, setting)])),
            }
        }
    }
    names
}

/// A constant's documentation: the setting's sentence, per group when it is in several.
fn constant_text(uses: &[(&Group, &Setting)]) -> String {
    match uses {
        [(_, setting)] => sentence(setting),
        _ => uses
            .iter()
            .map(|(group, setting)| format!("{}: {}", group.title, sentence(setting)))
            .collect::<Vec<_>>()
            .join(" "),
    }
}

fn php_class() -> String {
    let mut out = format!(
        "<?php\n\n// Generated from {NOTICE_INPUT} by `{COMMAND}`; do not edit.\n\n\
         declare(strict_types=1);\n\nnamespace BunqContext;\n\n\
         /**\n * The settings the calls that make a client take (an array, or JSON text): their\n \
         * names, types, defaults and meaning. A name that is none of them, or a value of the wrong\n \
         * type, is refused with a message naming the setting (and the closest valid name).\n"
    );
    for (_, group) in named_groups() {
        out.push_str(" *\n");
        for line in group_text(group, 88).lines() {
            let separator = if line.is_empty() { "" } else { " " };
            writeln!(out, " *{separator}{line}").unwrap();
        }
    }
    out.push_str(" */\nfinal class Settings\n{\n");
    for (name, uses) in constants() {
        out.push_str("    /**\n");
        for line in wrap(&constant_text(&uses), 88, "", "") {
            writeln!(out, "     * {line}").unwrap();
        }
        writeln!(
            out,
            "     */\n    public const {} = '{name}';\n",
            name.to_ascii_uppercase()
        )
        .unwrap();
    }
    out.push_str("    private function __construct()\n    {\n    }\n}\n");
    out
}

fn csharp_class() -> String {
    let mut out = format!(
        "// Generated from {NOTICE_INPUT} by `{COMMAND}`; do not edit.\n\
         namespace Bunq\n{{\n    \
         /// <summary>The settings the calls that make a client take (a JSON object, or a\n    \
         /// dictionary written as one): their names, types, defaults and meaning. A name that is\n    \
         /// none of them, or a value of the wrong type, is refused with a message naming the\n    \
         /// setting (and the closest valid name).</summary>\n    /// <remarks>\n"
    );
    for (_, group) in named_groups() {
        writeln!(
            out,
            "    /// <para><b>{}</b>. {}</para>\n    /// <list type=\"bullet\">",
            xml(group.title),
            xml(group.taken_by)
        )
        .unwrap();
        for setting in group.settings {
            write!(
                out,
                "    /// <item><description>{}",
                xml(&sentence(setting))
            )
            .unwrap();
            if !setting.kind.fields().is_empty() {
                out.push_str("<list type=\"bullet\">");
                for field in setting.kind.fields() {
                    write!(
                        out,
                        "<item><description>{}</description></item>",
                        xml(&sentence(field))
                    )
                    .unwrap();
                }
                out.push_str("</list>");
            }
            out.push_str("</description></item>\n");
        }
        out.push_str("    /// </list>\n");
    }
    out.push_str("    /// </remarks>\n    public static class Settings\n    {\n");
    for (name, uses) in constants() {
        writeln!(
            out,
            "        /// <summary>{}</summary>\n        public const string {} = \"{name}\";\n",
            xml(&constant_text(&uses)),
            pascal_case(name)
        )
        .unwrap();
    }
    out.truncate(out.trim_end().len());
    out.push_str("\n    }\n}\n");
    out
}

fn docs_page() -> String {
    let mut out = format!(
        "# Settings\n\n<!-- Generated from {NOTICE_INPUT} by `{COMMAND}`; do not edit. -->\n\n\
         Every setting the calls that make a client take, in every language: a JSON object in C\n\
         (`bunq_client_create`, `bunq_client_restore`, ...), keywords or a mapping in Python, an\n\
         array in PHP, a dictionary or JSON text in C#. A name that is none of these, or a value\n\
         of the wrong type, is refused with a message naming the setting, e.g. `unknown setting\n\
         \"timeout_msec\"; did you mean \"timeout_ms\"?` or `the setting \"timeout_ms\" must be a\n\
         whole number of milliseconds, not a string: write the number without quotes`. In Rust\n\
         the same settings are `Config::builder()` and `ContextBuilder` (see\n\
         [configuration and HTTPS](configuration-and-https.md)).\n"
    );
    for (_, group) in named_groups() {
        writeln!(
            out,
            "\n## {}\n\n{}\n\n| setting | type | default | meaning |\n| --- | --- | --- | --- |",
            group.title, group.taken_by
        )
        .unwrap();
        for setting in group.settings {
            table_row(&mut out, "", setting);
            for field in setting.kind.fields() {
                table_row(&mut out, &format!("{}.", setting.name), field);
            }
        }
    }
    out
}

fn table_row(out: &mut String, prefix: &str, setting: &Setting) {
    let words = match &setting.kind {
        Kind::Switch(_) => "true, false or an object (below)".to_owned(),
        Kind::Object(_) => "an object (below)".to_owned(),
        other => other.words(),
    };
    writeln!(
        out,
        "| `{prefix}{}` | {words} | {} | {} |",
        setting.name, setting.default, setting.meaning
    )
    .unwrap();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_region_is_replaced_and_a_missing_end_is_an_error() {
        let text = "/// Before.\n// BEGIN settings SANDBOX (generated)\n/// stale\n// END settings SANDBOX\nfn f() {}\n";
        let fresh = with_regions(text, "x.rs").unwrap();
        assert!(fresh.starts_with("/// Before.\n// BEGIN settings SANDBOX (generated)\n/// - \"environment\": \"SANDBOX\", default \"SANDBOX\"."), "{fresh}");
        assert!(
            fresh.ends_with("// END settings SANDBOX\nfn f() {}\n"),
            "{fresh}"
        );
        assert!(!fresh.contains("stale"));
        let error = with_regions("// BEGIN settings SANDBOX\nfn f() {}\n", "x.rs").unwrap_err();
        assert!(
            error.contains("has no `// END settings SANDBOX`"),
            "{error}"
        );
        let error = with_regions("// BEGIN settings NONE\n", "x.rs").unwrap_err();
        assert!(
            error.contains("no group of settings is called \"NONE\""),
            "{error}"
        );
    }

    #[test]
    fn lines_wrap_with_their_indent() {
        assert_eq!(wrap("aa bb cc dd", 7, "- ", "  "), ["- aa bb", "  cc dd"]);
    }
}
