//! `bunq-codegen api-table [--check]`: writes `src/api/operations.rs` (or, with `--check`,
//! only says whether the committed file is current) and prints what the table holds.

use std::process::ExitCode;

use bunq_codegen::{api_table, repository_root};

const USAGE: &str = "usage: bunq-codegen api-table [--check]\n\
    api-table   regenerate src/api/operations.rs from codegen/data/ (bunq's description and SDK)\n\
    --check     write nothing; fail when the committed file is stale";

fn main() -> ExitCode {
    let arguments: Vec<String> = std::env::args().skip(1).collect();
    let check = arguments.iter().any(|argument| argument == "--check");
    match arguments.first().map(String::as_str) {
        Some("api-table") => run_api_table(check),
        _ => {
            eprintln!("{USAGE}");
            ExitCode::from(2)
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
