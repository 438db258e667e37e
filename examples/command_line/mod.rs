//! The command line of the small flow examples: `--name value` pairs and `--flag`s in, an
//! exit code and a one-line reason out; and where a new API key may be used from.

use std::collections::HashMap;
use std::error::Error;
use std::process::ExitCode;

use bunq::Environment;

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

/// The options every example knows besides its own: where the API key may be used from.
pub const ADDRESS_OPTIONS: [&str; 1] = ["--permitted-ip"];
/// `--permit-any-ip`: outside the sandbox, register the key for every address.
pub const ANY_IP_FLAG: &str = "--permit-any-ip";

/// `--name value` pairs (`known` and [`ADDRESS_OPTIONS`]) and the value-less
/// [`ANY_IP_FLAG`] (kept with an empty value); anything else is refused, so that a typo is
/// not silently ignored.
pub fn parse_arguments(known: &[&str]) -> Result<HashMap<String, String>, String> {
    let known: Vec<&str> = known.iter().copied().chain(ADDRESS_OPTIONS).collect();
    let mut arguments = HashMap::new();
    let mut words = std::env::args().skip(1);
    while let Some(name) = words.next() {
        if name == ANY_IP_FLAG {
            arguments.insert(name, String::new());
            continue;
        }
        if !known.contains(&name.as_str()) {
            return Err(format!(
                "unknown argument {name:?} (known: {}, {ANY_IP_FLAG})",
                known.join(", ")
            ));
        }
        let value = words.next().ok_or(format!("{name} needs a value"))?;
        arguments.insert(name, value);
    }
    Ok(arguments)
}

/// The `permitted_ips` of a new context: `--permitted-ip ADDRESS` when given; otherwise
/// every address (`*`), but outside the sandbox and the fake only with `--permit-any-ip`:
/// there anyone holding a production key bound to `*` could use it from anywhere. Decided
/// before any network call.
pub fn permitted_ips(
    environment: &Environment,
    arguments: &HashMap<String, String>,
) -> Result<Vec<String>, String> {
    if let Some(address) = arguments.get("--permitted-ip") {
        return Ok(vec![address.clone()]);
    }
    if environment.is_sandbox() || arguments.contains_key(ANY_IP_FLAG) {
        return Ok(vec!["*".to_owned()]);
    }
    Err(format!(
        "refusing to register a production API key for every IP address (permitted_ips \
         [\"*\"]) at {}: pass --permitted-ip ADDRESS (this machine's public address), or \
         {ANY_IP_FLAG} if anyone holding the key may use it",
        environment.base_url()
    ))
}
