//! The command line of the small flow examples: `--name value` pairs in, an exit code and a
//! one-line reason out.

use std::collections::HashMap;
use std::error::Error;
use std::process::ExitCode;

/// Success, or `<example> failed: <reason>` on standard error and exit code 1.
pub fn exit_code(example: &str, outcome: Result<(), Box<dyn Error>>) -> ExitCode {
    match outcome {
        Ok(()) => ExitCode::SUCCESS,
        Err(reason) => {
            eprintln!("{example} failed: {reason}");
            ExitCode::FAILURE
        }
    }
}

/// `--name value` pairs; anything else is refused, so that a typo is not silently ignored.
pub fn parse_arguments(known: &[&str]) -> Result<HashMap<String, String>, String> {
    let mut arguments = HashMap::new();
    let mut words = std::env::args().skip(1);
    while let Some(name) = words.next() {
        if !known.contains(&name.as_str()) {
            return Err(format!(
                "unknown argument {name:?} (known: {})",
                known.join(", ")
            ));
        }
        let value = words.next().ok_or(format!("{name} needs a value"))?;
        arguments.insert(name, value);
    }
    Ok(arguments)
}
