//! The command line of the small flow examples: `--name value` pairs.

use std::collections::HashMap;

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
