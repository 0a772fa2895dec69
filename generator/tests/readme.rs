//! The README tells build.rs users which dependencies the generated module
//! needs; they must be exactly what a generated crate's Cargo.toml lists.

use std::path::Path;

/// The lines of the `[dependencies]` table in `text`, up to the next table,
/// without comments.
fn dependencies(text: &str) -> Vec<&str> {
    text.lines()
        .skip_while(|line| *line != "[dependencies]")
        .skip(1)
        .take_while(|line| !line.starts_with('[') && !line.starts_with("```"))
        .map(|line| line.split(" #").next().unwrap_or("").trim_end())
        .filter(|line| !line.trim().is_empty() && !line.starts_with('#'))
        .collect()
}

#[test]
fn readme_lists_the_dependencies_of_a_generated_crate() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let readme = std::fs::read_to_string(root.join("README.md")).unwrap();
    // A generated crate that needs every optional dependency but
    // `eventsource-stream` (tests/golden/production), with it added; a
    // module has no features, so no optional `tracing` and a TLS backend
    // chosen, and it carries the runtime that a crate has as a crate of
    // its own (its path dependency).
    let manifest =
        std::fs::read_to_string(root.join("tests/golden/production/Cargo.toml")).unwrap();
    let mut expected: Vec<String> = dependencies(&manifest)
        .into_iter()
        .filter(|line| !line.contains("optional = true") && !line.contains("path = "))
        .map(|line| {
            line.replace(
                "\"multipart\", \"stream\"",
                "\"multipart\", \"rustls-tls\", \"stream\"",
            )
        })
        .chain(["eventsource-stream = \"0.2\"".to_owned()])
        .collect();
    expected.sort();
    let build_rs = readme
        .split("### From build.rs")
        .nth(1)
        .expect("the README has a build.rs section");
    let listed = dependencies(build_rs);
    assert!(listed.len() >= 7, "{listed:?}");
    assert_eq!(listed, expected);
}
