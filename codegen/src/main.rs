//! `bunq-codegen api-table [--check]`: writes `src/api/operations.rs` and prints what the
//! table holds. `bunq-codegen bindings [--check]`: writes the settings' documentation into
//! the C crate's sources, `include/bunq.h` and every binding's generated files. With
//! `--check`, either only says whether the committed files are current.

use std::process::ExitCode;

use bunq_codegen::bindings::{self, Mode};
use bunq_codegen::{api_table, repository_root};

const USAGE: &str = "usage: bunq-codegen (api-table | bindings) [--check]\n\
    api-table   regenerate src/api/operations.rs from codegen/data/ (bunq's description and SDK)\n\
    bindings    regenerate the settings' documentation in bindings/c/src/, include/bunq.h\n\
    \x20           (cbindgen) and, from it and bindings/bindings.toml, the bindings' generated\n\
    \x20           files (Python, PHP, C#) and docs/settings.md\n\
    --check     write nothing; fail when a committed file is stale";

fn main() -> ExitCode {
    let arguments: Vec<String> = std::env::args().skip(1).collect();
    let check = arguments.iter().any(|argument| argument == "--check");
    match arguments.first().map(String::as_str) {
        Some("api-table") => run_api_table(check),
        Some("bindings") => run_bindings(check),
        _ => {
            eprintln!("{USAGE}");
            ExitCode::from(2)
        }
    }
}

fn run_bindings(check: bool) -> ExitCode {
    let mode = if check { Mode::Check } else { Mode::Write };
    match bindings::regenerate(&repository_root(), mode) {
        Ok(stale) if stale.is_empty() => {
            println!("every generated file is current");
            ExitCode::SUCCESS
        }
        Ok(stale) if check => {
            eprintln!("stale: {}\nrun `{}`", stale.join(", "), bindings::COMMAND);
            ExitCode::FAILURE
        }
        Ok(stale) => {
            for path in stale {
                println!("wrote {path}");
            }
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("bunq-codegen: {error}");
            ExitCode::FAILURE
        }
    }
}

fn run_api_table(check: bool) -> ExitCode {
    let root = repository_root();
    let table = match api_table::generate_from_directory(&root.join(api_table::DATA_DIRECTORY)) {
        Ok(table) => table,
        Err(error) => {
            eprintln!("bunq-codegen: {error}");
            return ExitCode::FAILURE;
        }
    };
    print!("{}", table.summary());
    let path = root.join(api_table::OUTPUT_PATH);
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    if committed == table.source {
        println!("{} is current", api_table::OUTPUT_PATH);
        return ExitCode::SUCCESS;
    }
    if check {
        eprintln!(
            "{} is stale: run `{}`",
            api_table::OUTPUT_PATH,
            api_table::COMMAND
        );
        return ExitCode::FAILURE;
    }
    match std::fs::write(&path, &table.source) {
        Ok(()) => {
            println!("wrote {}", api_table::OUTPUT_PATH);
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("bunq-codegen: cannot write {}: {error}", path.display());
            ExitCode::FAILURE
        }
    }
}
