//! The core's modules import each other in one direction only: no import circle, at the top
//! (`client` -> `context` -> `exchange` -> `transport` ...) nor among the children of one
//! module (`client/renewal.rs` -> `client/sender.rs`, never back). Read from the `crate::`
//! and `super::` paths of `src/` (tests inside a file aside), so a new circle fails here with
//! the files that make it.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

/// Every `.rs` file under `dir`.
fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files.extend(rust_files(&path));
        } else if path.extension().is_some_and(|extension| extension == "rs") {
            files.push(path);
        }
    }
    files
}

/// The module path of a file: `src/client/renewal.rs` is `["client", "renewal"]`,
/// `src/client/mod.rs` is `["client"]`, `src/lib.rs` is `[]`.
fn module_of(src: &Path, file: &Path) -> Vec<String> {
    let relative = file.strip_prefix(src).unwrap().with_extension("");
    let mut parts: Vec<String> = relative
        .components()
        .map(|part| part.as_os_str().to_string_lossy().into_owned())
        .collect();
    if matches!(parts.last().map(String::as_str), Some("mod" | "lib")) {
        parts.pop();
    }
    parts
}

/// The code of a file without comments and without its `#[cfg(test)] mod tests`.
fn code_of(text: &str) -> String {
    let without_tests = match text.find("#[cfg(test)]\nmod tests") {
        Some(start) => &text[..start],
        None => text,
    };
    without_tests
        .lines()
        .filter(|line| !line.trim_start().starts_with("//"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The paths named after `prefix` (`crate::` or `super::`), up to two segments each.
fn paths_after<'a>(code: &'a str, prefix: &str) -> Vec<Vec<&'a str>> {
    code.match_indices(prefix)
        .map(|(at, _)| {
            code[at + prefix.len()..]
                .split("::")
                .take(2)
                .map(|segment| {
                    let end = segment
                        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
                        .unwrap_or(segment.len());
                    &segment[..end]
                })
                .collect()
        })
        .collect()
}

type Graph = BTreeMap<String, BTreeSet<String>>;

/// The edges between modules, at the top and among the children of each module.
fn import_graphs(src: &Path) -> BTreeMap<String, Graph> {
    let files = rust_files(src);
    let modules: BTreeSet<Vec<String>> = files.iter().map(|file| module_of(src, file)).collect();
    let is_module = |path: &[&str]| {
        modules.contains(&path.iter().map(|part| part.to_string()).collect::<Vec<_>>())
    };
    let mut graphs: BTreeMap<String, Graph> = BTreeMap::new();
    let mut add = |parent: &str, from: &str, to: &str| {
        if from != to {
            graphs
                .entry(parent.to_owned())
                .or_default()
                .entry(from.to_owned())
                .or_default()
                .insert(to.to_owned());
        }
    };
    for file in &files {
        let module = module_of(src, file);
        let Some(top) = module.first() else { continue };
        let code = code_of(&fs::read_to_string(file).unwrap());
        for path in paths_after(&code, "crate::") {
            if is_module(&path[..1]) {
                add("crate", top, path[0]);
            }
            if path.len() == 2 && path[0] == top && module.len() >= 2 && is_module(&path) {
                add(top, &module[1], path[1]);
            }
        }
        // `super::x` from a child of `top` names a sibling.
        if module.len() == 2 && fs::metadata(src.join(top)).is_ok_and(|meta| meta.is_dir()) {
            for path in paths_after(&code, "super::") {
                if is_module(&[top.as_str(), path[0]]) {
                    add(top, &module[1], path[0]);
                }
            }
        }
    }
    graphs
}

/// A circle in `graph`, as the modules along it, if there is one.
fn find_circle(graph: &Graph) -> Option<Vec<String>> {
    fn visit(
        graph: &Graph,
        node: &str,
        path: &mut Vec<String>,
        done: &mut BTreeSet<String>,
    ) -> Option<Vec<String>> {
        if let Some(start) = path.iter().position(|seen| seen == node) {
            let mut circle = path[start..].to_vec();
            circle.push(node.to_owned());
            return Some(circle);
        }
        if done.contains(node) {
            return None;
        }
        path.push(node.to_owned());
        for next in graph.get(node).into_iter().flatten() {
            if let Some(circle) = visit(graph, next, path, done) {
                return Some(circle);
            }
        }
        path.pop();
        done.insert(node.to_owned());
        None
    }
    let mut done = BTreeSet::new();
    graph
        .keys()
        .find_map(|node| visit(graph, node, &mut Vec::new(), &mut done))
}

#[test]
fn no_module_imports_one_that_imports_it_back() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let graphs = import_graphs(&src);
    assert!(
        graphs["crate"].len() > 10,
        "the top-level graph was read: {:?}",
        graphs["crate"].keys()
    );
    for (parent, graph) in &graphs {
        if let Some(circle) = find_circle(graph) {
            panic!(
                "an import circle among the modules of {parent}: {}",
                circle.join(" -> ")
            );
        }
    }
}

#[test]
fn the_circle_finder_finds_a_circle() {
    let mut graph = Graph::new();
    for (from, to) in [("a", "b"), ("b", "c"), ("c", "a"), ("c", "d")] {
        graph
            .entry(from.to_owned())
            .or_default()
            .insert(to.to_owned());
    }
    let circle = find_circle(&graph).expect("a -> b -> c -> a");
    assert_eq!(circle.first(), circle.last());
    assert_eq!(circle.len(), 4);
    graph.get_mut("c").unwrap().remove("a");
    assert_eq!(find_circle(&graph), None);
}
