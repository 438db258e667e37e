//! README.md and the pages of `docs/` hold together: every relative link leads to a file
//! (and a heading) that exists, every code block is of a kind a test reads, and every page is
//! compiled as a doctest, so that its Rust samples are.

use std::collections::HashMap;
use std::path::{Component, Path, PathBuf};

/// Pages that other changes are adding: links to them are not checked until they exist.
/// Empty this list when they have landed (the test fails while a listed page exists).
const PAGES_STILL_TO_LAND: &[&str] = &[];

/// The info strings a code block may have, and what reads each.
const BLOCK_KINDS: &[(&str, &str)] = &[
    ("c", "tests/c/run.sh compiles and runs it"),
    (
        "python",
        "bindings/python/tests/test_documentation_examples.py runs it",
    ),
    ("python fragment", "the same compiles it"),
    (
        "php",
        "bindings/php/tests/DocumentationExamplesTest.php runs it",
    ),
    ("php fragment", "the same lints it"),
    (
        "csharp",
        "bindings/csharp/tests/DocumentationExamplesTests.cs compiles and runs it",
    ),
    ("sh", "commands, not a program"),
    ("ini", "settings, not a program"),
    ("text", "output, not a program"),
];

fn repository() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// README.md and every page of docs/, as paths relative to the repository.
fn pages() -> Vec<PathBuf> {
    let mut pages: Vec<PathBuf> = std::fs::read_dir(repository().join("docs"))
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|extension| extension == "md"))
        .map(|path| path.strip_prefix(repository()).unwrap().to_path_buf())
        .collect();
    pages.sort();
    pages.insert(0, PathBuf::from("README.md"));
    pages
}

fn read(page: &Path) -> String {
    std::fs::read_to_string(repository().join(page)).unwrap()
}

/// One fenced code block: the line its fence opens on and its info string.
struct Block {
    line: usize,
    info: String,
}

/// The text outside fenced code blocks, and the blocks.
fn split_fences(text: &str) -> (String, Vec<Block>) {
    let mut prose = String::new();
    let mut blocks = Vec::new();
    let mut inside = false;
    for (index, line) in text.lines().enumerate() {
        if let Some(info) = line.trim_start().strip_prefix("```") {
            if !inside {
                blocks.push(Block {
                    line: index + 1,
                    info: info.trim().to_owned(),
                });
            }
            inside = !inside;
            prose.push('\n');
        } else if !inside {
            prose.push_str(line);
            prose.push('\n');
        } else {
            prose.push('\n');
        }
    }
    (prose, blocks)
}

/// `text` without its code spans (a run of backticks up to the next run of the same length).
fn without_code_spans(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(start) = rest.find('`') {
        out.push_str(&rest[..start]);
        let run = rest[start..].chars().take_while(|&c| c == '`').count();
        let after = &rest[start + run..];
        let closing = find_run(after, run);
        match closing {
            Some(end) => rest = &after[end + run..],
            None => {
                out.push_str(&rest[start..start + run]);
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// Where a run of exactly `length` backticks starts in `text`.
fn find_run(text: &str, length: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut index = 0;
    while index < bytes.len() {
        if bytes[index] == b'`' {
            let run = bytes[index..].iter().take_while(|&&b| b == b'`').count();
            if run == length {
                return Some(index);
            }
            index += run;
        } else {
            index += 1;
        }
    }
    None
}

/// The targets of the inline links and images of `prose`: what stands between `](` and `)`.
fn link_targets(prose: &str) -> Vec<String> {
    prose
        .split("](")
        .skip(1)
        .filter_map(|after| after.split_once(')').map(|(target, _)| target))
        .map(|target| {
            target
                .split_whitespace()
                .next()
                .unwrap_or_default()
                .to_owned()
        })
        .collect()
}

/// The anchors GitHub gives the headings of a page: lower case, punctuation dropped, spaces
/// as hyphens, `-1`, `-2`, ... after a repeated one.
fn anchors(text: &str) -> Vec<String> {
    let (prose, _) = split_fences(text);
    let mut seen: HashMap<String, usize> = HashMap::new();
    let mut anchors = Vec::new();
    for line in prose.lines() {
        let Some(heading) = line.strip_prefix('#') else {
            continue;
        };
        let title = heading.trim_start_matches('#').trim();
        let slug: String = title
            .chars()
            .filter_map(|c| match c {
                ' ' => Some('-'),
                c if c.is_alphanumeric() || c == '-' || c == '_' => Some(c),
                _ => None,
            })
            .flat_map(char::to_lowercase)
            .collect();
        let count = seen.entry(slug.clone()).or_insert(0);
        anchors.push(match *count {
            0 => slug.clone(),
            n => format!("{slug}-{n}"),
        });
        *count += 1;
    }
    anchors
}

/// `path` with `.` and `..` resolved, relative to the repository.
fn normalize(path: &Path) -> PathBuf {
    let mut normal = PathBuf::new();
    for component in path.components() {
        match component {
            Component::ParentDir => {
                normal.pop();
            }
            Component::CurDir => {}
            other => normal.push(other),
        }
    }
    normal
}

/// What is wrong with the link to `target` from `page`, if anything.
fn broken(page: &Path, target: &str) -> Option<String> {
    if target.contains("://") || target.starts_with("mailto:") {
        return None;
    }
    let (file, anchor) = target.split_once('#').unwrap_or((target, ""));
    let linked = match file {
        "" => page.to_path_buf(),
        file => normalize(&page.parent().unwrap().join(file)),
    };
    let path = repository().join(&linked);
    if !path.exists() {
        return match PAGES_STILL_TO_LAND.contains(&linked.to_str().unwrap()) {
            true => None,
            false => Some(format!("{} does not exist", linked.display())),
        };
    }
    if anchor.is_empty() || path.extension().is_none_or(|extension| extension != "md") {
        return None;
    }
    match anchors(&std::fs::read_to_string(&path).unwrap()).contains(&anchor.to_owned()) {
        true => None,
        false => Some(format!("{} has no heading #{anchor}", linked.display())),
    }
}

#[test]
fn every_relative_link_leads_to_a_file_and_heading_that_exist() {
    let mut failures = Vec::new();
    let mut links = 0;
    for page in pages() {
        let (prose, _) = split_fences(&read(&page));
        for target in link_targets(&without_code_spans(&prose)) {
            links += 1;
            if let Some(reason) = broken(&page, &target) {
                failures.push(format!("{}: ({target}): {reason}", page.display()));
            }
        }
    }
    assert!(
        links > 50,
        "only {links} links found: is the link reader broken?"
    );
    assert!(
        failures.is_empty(),
        "broken links:\n{}",
        failures.join("\n")
    );
}

#[test]
fn no_page_still_to_land_exists_already() {
    let landed: Vec<&&str> = PAGES_STILL_TO_LAND
        .iter()
        .filter(|page| repository().join(page).exists())
        .collect();
    assert!(
        landed.is_empty(),
        "these pages exist now: remove them from PAGES_STILL_TO_LAND in tests/docs_pages.rs, \
         so that links to them are checked: {landed:?}"
    );
}

#[test]
fn every_code_block_is_of_a_kind_a_test_reads() {
    let mut failures = Vec::new();
    for page in pages() {
        let (_, blocks) = split_fences(&read(&page));
        for block in blocks {
            // rustdoc compiles ```rust blocks (`no_run`: without running them), except
            // `ignore`d ones.
            let known = (block.info.starts_with("rust") && !block.info.contains("ignore"))
                || BLOCK_KINDS.iter().any(|(kind, _)| *kind == block.info);
            if !known {
                failures.push(format!(
                    "{}:{}: ```{}",
                    page.display(),
                    block.line,
                    block.info
                ));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "code blocks no test reads (give one of the kinds ```rust or ```rust,no_run (never \
         ignore), {}):\n{}",
        BLOCK_KINDS
            .iter()
            .map(|(kind, reader)| format!("```{kind} ({reader})"))
            .collect::<Vec<_>>()
            .join(", "),
        failures.join("\n")
    );
}

#[test]
fn every_page_is_compiled_as_a_doctest() {
    let lib = std::fs::read_to_string(repository().join("src/lib.rs")).unwrap();
    let missing: Vec<String> = pages()
        .iter()
        .map(|page| format!("#[doc = include_str!(\"../{}\")]", page.display()))
        .filter(|include| !lib.contains(include.as_str()))
        .collect();
    assert!(
        missing.is_empty(),
        "src/lib.rs does not include these pages as #[cfg(doctest)] items, so their Rust \
         samples are not compiled:\n{}",
        missing.join("\n")
    );
}

#[test]
fn the_readers_themselves_work() {
    let text = "# Top\n\nSee [a](b.md#c) and `[not](a link)` and ``` `[x](y)` ```.\n\n\
                ```rust,no_run\nlet [a](b) = 1;\n```\n\n## Top\n\n## C#\n\n## C\n";
    let (prose, blocks) = split_fences(text);
    assert_eq!(link_targets(&without_code_spans(&prose)), ["b.md#c"]);
    assert_eq!(blocks.len(), 1);
    assert_eq!(
        (blocks[0].line, blocks[0].info.as_str()),
        (5, "rust,no_run")
    );
    assert_eq!(anchors(text), ["top", "top-1", "c", "c-1"]);
}
