//! The markdown pages of the generated crates: they line up with the reference
//! pages in ../shared/reference, every link between them resolves, and every
//! type has one. (That their Rust examples compile is the crates' doctests.)

use std::path::{Path, PathBuf};

use sdkgen_tests::{fields_table, page_title, repo_root, ReferencePage};

/// The checked-in generated crates.
const CRATES: &[&str] = &[
    "generated",
    "tests/golden/authlete-ciba-inline",
    "tests/golden/names-and-enums",
    "tests/golden/schema-constructs",
    "tests/golden/openapi-31-constructs",
    "tests/golden/fidelity",
];

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Every markdown file below `dir`.
fn markdown_files(dir: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let mut stack = vec![dir.to_owned()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "md") {
                found.push(path);
            }
        }
    }
    found.sort();
    found
}

/// The page sdkgen writes for each reference page: same file name, same
/// folder, same title, same field rows in the same order with the same
/// Required marks, and Type cells naming the same types with the same links.
#[test]
fn generated_pages_line_up_with_the_reference_pages() {
    let pairs = [
        ("generated", "backchannelauthenticationfailapirequest.md"),
        (
            "tests/golden/authlete-ciba-inline",
            "backchannelauthenticationfailapirequestbody.md",
        ),
    ];
    for (krate, name) in pairs {
        let reference = ReferencePage::read(name);
        let path = repo_root()
            .join(krate)
            .join("docs/models/operations")
            .join(name);
        let ours = read(&path);
        assert_eq!(page_title(&ours), reference.title, "{}", path.display());
        let rows = fields_table(&ours);
        assert_eq!(rows.len(), reference.fields.len(), "{}", path.display());
        for (row, expected) in rows.iter().zip(&reference.fields) {
            assert_eq!(row.field, expected.field, "{name}");
            assert_eq!(row.required, expected.required, "{name}: {}", row.field);
            // `*string*` is Rust's `*String*`; `[models.X](p)` is `[models::X](p)`.
            let expected_ty = match expected.ty.split_once("](") {
                Some((text, link)) => format!("{}]({link}", text.replace('.', "::")),
                None if expected.ty == "*string*" => "*String*".to_owned(),
                None => panic!("{name}: a type the test does not know: {}", expected.ty),
            };
            assert_eq!(row.ty, expected_ty, "{name}: type of {}", row.field);
        }
        assert!(ours.contains("## Example Usage\n\n```rust\n"), "{name}");
    }
}

/// Every relative link in every page (types, tags, README) points at a file
/// that exists, and every anchor at a heading of its page.
#[test]
fn every_link_between_pages_resolves() {
    let mut links = 0;
    for krate in CRATES {
        let root = repo_root().join(krate);
        let mut pages = markdown_files(&root.join("docs"));
        pages.push(root.join("README.md"));
        for page in pages {
            let text = read(&page);
            for target in text
                .split("](")
                .skip(1)
                .filter_map(|rest| rest.split(')').next())
            {
                if target.starts_with("http") {
                    continue;
                }
                let (file, anchor) = target.split_once('#').unwrap_or((target, ""));
                let resolved = if file.is_empty() {
                    page.clone()
                } else {
                    page.parent().unwrap().join(file)
                };
                assert!(
                    resolved.exists(),
                    "{}: link to {target} points at nothing",
                    page.display()
                );
                if !anchor.is_empty() {
                    let heading = format!("\n## {anchor}\n");
                    assert!(
                        read(&resolved).contains(&heading),
                        "{}: no heading for #{anchor} in {}",
                        page.display(),
                        resolved.display()
                    );
                }
                links += 1;
            }
        }
    }
    assert!(links > 50, "only {links} links checked");
}

/// Every type of `models` and `operations` has its page, and every page is of
/// a type.
#[test]
fn every_type_has_a_page() {
    for krate in CRATES {
        let root = repo_root().join(krate);
        for (module, folder) in [
            ("models", "docs/models"),
            ("operations", "docs/models/operations"),
        ] {
            let source = read(&root.join(format!("src/{module}.rs")));
            let mut types: Vec<String> = source
                .lines()
                .filter_map(|line| {
                    let rest = line
                        .strip_prefix("pub struct ")
                        .or_else(|| line.strip_prefix("pub enum "))
                        .or_else(|| line.strip_prefix("pub type "))?;
                    let name: String = rest
                        .chars()
                        .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                        .collect();
                    Some(name.to_ascii_lowercase())
                })
                .collect();
            types.sort();
            let mut pages: Vec<String> = std::fs::read_dir(root.join(folder))
                .unwrap()
                .filter_map(|e| {
                    let path = e.unwrap().path();
                    (path.extension()? == "md")
                        .then(|| path.file_stem().unwrap().to_string_lossy().into_owned())
                })
                .collect();
            pages.sort();
            assert_eq!(pages, types, "{krate}: pages of {module}");
        }
    }
}

/// Every markdown page is compiled as a doctest: `src/doc_pages.rs` (a
/// module only under `cfg(doctest)`, declared in `lib.rs`) includes each one
/// once, as the docs of its own item.
#[test]
fn every_page_is_a_doctest() {
    for krate in CRATES {
        let root = repo_root().join(krate);
        let lib = read(&root.join("src/lib.rs"));
        assert!(
            lib.contains("#[cfg(doctest)]\n#[rustfmt::skip]\npub mod doc_pages;"),
            "{krate}: lib.rs declares no doc_pages module"
        );
        let included = read(&root.join("src/doc_pages.rs"));
        // prettyplease breaks a long `include_str!(…)` over lines.
        let mut includes: Vec<&str> = included
            .match_indices("include_str!(")
            .map(|(at, found)| {
                let rest = included[at + found.len()..].trim_start();
                let rest = rest
                    .strip_prefix("\"../")
                    .expect("a path from the crate root");
                &rest[..rest.find('"').unwrap()]
            })
            .collect();
        let count = includes.len();
        includes.sort_unstable();
        includes.dedup();
        assert_eq!(includes.len(), count, "{krate}: a page included twice");
        let pages: Vec<String> = markdown_files(&root)
            .iter()
            .filter(|path| !path.starts_with(root.join("target")))
            .map(|path| {
                let relative = path.strip_prefix(&root).unwrap();
                relative.to_string_lossy().replace('\\', "/")
            })
            .collect();
        assert_eq!(includes, pages, "{krate}: pages and doctests");
        // One item per page, each named once.
        let items = included.matches("pub struct Page").count();
        assert_eq!(items, count, "{krate}");
    }
}
