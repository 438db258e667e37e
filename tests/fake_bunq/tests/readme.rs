//! The crate's README, written for users of the `fake-bunq` program, names every option
//! `--help` lists and every route the router serves, so that it cannot fall behind them.

use std::process::Command;

const README: &str = include_str!("../README.md");

#[test]
fn the_readme_lists_every_route() {
    for route in fake_bunq::routes() {
        let shown = format!("| `{} {}` |", route.method(), route.path_template());
        assert!(README.contains(&shown), "README.md lacks the route {shown}");
        if let Some(name) = route.operation() {
            let row = format!("{shown} `{name}` |");
            assert!(README.contains(&row), "README.md lacks {row}");
        }
    }
}

#[test]
fn the_readme_lists_every_option() {
    let help = Command::new(env!("CARGO_BIN_EXE_fake-bunq"))
        .arg("--help")
        .output()
        .expect("fake-bunq --help runs");
    let usage = String::from_utf8(help.stdout).expect("UTF-8 help");
    let options: Vec<&str> = usage
        .lines()
        .filter_map(|line| line.split_whitespace().next())
        .filter(|word| word.starts_with("--"))
        .map(|word| word.trim_end_matches(','))
        .collect();
    assert!(options.len() >= 13, "{options:?}");
    for option in options {
        assert!(
            README.contains(&format!("`{option}")),
            "README.md lacks the option {option}"
        );
    }
}
