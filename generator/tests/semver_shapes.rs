//! What makes a generated API safe to upgrade, read from the code sdkgen
//! writes for the evolution fixtures: `#[non_exhaustive]` types, setters,
//! the opaque catch-all, and `deprecated: true` carried to the code and the
//! pages. (That code written for v1 compiles against v2 is proved by the
//! `tests/consumer` crate.)

use std::collections::BTreeMap;
use std::path::Path;

fn files(release: &str) -> BTreeMap<String, String> {
    fixture(&format!("evolution-{release}"))
}

fn fixture(name: &str) -> BTreeMap<String, String> {
    let spec = Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("../tests/fixtures/{name}.yaml"));
    sdkgen::generate_file(&spec, &sdkgen::Config::default())
        .unwrap()
        .crate_files()
        .files
}

/// The lines from the doc comment above `item` to it.
fn attributes_of<'a>(text: &'a str, item: &str) -> Vec<&'a str> {
    let lines: Vec<&str> = text.lines().collect();
    let at = lines
        .iter()
        .position(|l| l.trim_start().starts_with(item))
        .unwrap_or_else(|| panic!("no `{item}`"));
    let start = lines[..at]
        .iter()
        .rposition(|l| !l.trim_start().starts_with("#[") && !l.trim_start().starts_with("///"))
        .map_or(0, |i| i + 1);
    lines[start..at].to_vec()
}

fn is_deprecated(text: &str, item: &str) -> bool {
    attributes_of(text, item)
        .iter()
        .any(|l| l.contains("#[deprecated(note = "))
}

#[test]
fn every_kind_of_type_is_non_exhaustive() {
    let v1 = files("v1");
    let models = &v1["src/models.rs"];
    for item in [
        "pub struct Order ",
        "pub enum OrderStatus ",
        "pub enum Channel ",
    ] {
        assert!(
            attributes_of(models, item).contains(&"#[non_exhaustive]"),
            "{item}"
        );
    }
    let operations = &v1["src/operations.rs"];
    assert!(
        attributes_of(operations, "pub struct ListOrdersRequest ").contains(&"#[non_exhaustive]")
    );
    // Responses by status, too: an API may document another.
    let shapes = &fixture("client-shapes")["src/operations.rs"];
    assert!(attributes_of(shapes, "pub enum CreateChargeError ").contains(&"#[non_exhaustive]"));
}

#[test]
fn models_have_setters_and_an_opaque_catch_all() {
    let models = &files("v1")["src/models.rs"];
    assert!(models.contains("pub fn quantity(mut self, value: i32) -> Self {"));
    // `note` is nullable: a setter for a value and one for `null`.
    assert!(models.contains("pub fn note(mut self, value: impl Into<String>) -> Self {"));
    assert!(models.contains("self.note = Some(Some(value.into()));"));
    assert!(models.contains("pub fn note_null(mut self) -> Self {"));
    assert!(models.contains("Unknown(super::runtime::unknown::UnknownValue<String>)"));
    assert!(models.contains("Unknown(super::runtime::unknown::UnknownValue<serde_json::Value>)"));
    assert!(!models.contains("Unknown(String)"));
}

#[test]
fn deprecated_items_are_marked_in_code_and_pages() {
    let v1 = files("v1");
    assert!(!v1["src/models.rs"].contains("deprecated"));
    let v2 = files("v2");
    let models = &v2["src/models.rs"];
    assert!(is_deprecated(models, "pub total:"));
    assert!(!is_deprecated(models, "pub tracking:"));
    assert!(is_deprecated(models, "pub struct Problem "));
    assert!(is_deprecated(models, "pub fn total("));
    let operations = &v2["src/operations.rs"];
    assert!(is_deprecated(operations, "pub limit:"));
    assert!(is_deprecated(operations, "pub fn limit("));
    assert!(!is_deprecated(operations, "pub fn after("));
    let client = &v2["src/client.rs"];
    assert!(is_deprecated(client, "pub fn delete_order("));
    assert!(!is_deprecated(client, "pub fn cancel_order("));
    assert!(is_deprecated(
        &v2["src/blocking.rs"],
        "pub fn delete_order("
    ));
    // The crate's own modules name those items, so they allow the lint;
    // v1, which deprecates nothing, allows nothing.
    for module in ["src/models.rs", "src/operations.rs", "src/client.rs"] {
        assert!(v2[module].contains("#![allow(deprecated)]"), "{module}");
        assert!(!v1[module].contains("#![allow(deprecated)]"), "{module}");
    }
    let order_page = &v2["docs/models/order.md"];
    assert!(
        order_page.contains("| `total` | *i64* | :heavy_minus_sign: | :warning: **Deprecated.** The price in cents."),
        "{order_page}"
    );
    assert!(v2["docs/models/problem.md"].contains("> :warning: **Deprecated** by the API"));
    let sdk_page = &v2["docs/sdks/default/README.md"];
    assert!(sdk_page.contains("* [delete_order](#delete_order) - Deletes an order that has not shipped. :warning: **Deprecated.**"), "{sdk_page}");
}

#[test]
fn the_runtime_is_hidden_and_what_users_name_is_at_the_root() {
    let files = files("v1");
    let lib = &files["src/lib.rs"];
    // The runtime is a crate of its own, re-exported under the name the
    // generated modules use, and it says it is not the crate's API.
    assert!(
        lib.contains("#[doc(hidden)]\npub use orders_runtime as runtime;"),
        "{lib}"
    );
    assert!(files["Cargo.toml"]
        .contains("orders-runtime = { path = \"runtime\", version = \"=1.0.0\" }"));
    assert!(files["runtime/src/lib.rs"].contains("can change in any version"));
    // The README tells users it is there and is published first; a split
    // workspace, whose models crate holds the runtime, has no such crate.
    assert!(files["README.md"].contains("the crate `orders-runtime` in `runtime/`"));
    let spec = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/evolution-v1.yaml");
    let split = sdkgen::Config {
        split: true,
        ..sdkgen::Config::default()
    };
    let split = sdkgen::generate_file(&spec, &split)
        .unwrap()
        .crate_files()
        .files;
    assert!(!split["README.md"].contains("-runtime"));
    assert!(!split.keys().any(|path| path.starts_with("runtime/")));
    for item in [
        "ApiResponse",
        "UnknownValue",
        "AuthError",
        "InvalidRequest",
        "RetryPolicy",
        "Upload",
        "Download",
    ] {
        // Named by a re-export of the runtime, not only in the docs.
        let exported = lib.lines().any(|line| {
            line.starts_with("pub use runtime::")
                && line
                    .split(|c: char| !c.is_alphanumeric() && c != '_')
                    .any(|word| word == item)
        });
        assert!(exported, "{item} is not re-exported:\n{lib}");
    }
}

/// The runtime crate does not change with the spec's operations and
/// types: after a spec change cargo finds it built (the writer keeps the
/// modification time of unchanged files). v2 adds operations, fields and
/// deprecations to v1, and a version: only the version line differs.
#[test]
fn a_spec_change_leaves_the_runtime_crate_as_it_was() {
    let runtime_of = |release: &str| -> BTreeMap<String, String> {
        let spec = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join(format!("../tests/fixtures/evolution-{release}.yaml"));
        let text = std::fs::read_to_string(spec).unwrap();
        // One file name for both, as a user who edits the spec has.
        sdkgen::generate("orders.yaml", &text, &sdkgen::Config::default())
            .unwrap()
            .crate_files()
            .files
            .into_iter()
            .filter(|(path, _)| path.starts_with("runtime/"))
            .collect()
    };
    let (v1, v2) = (runtime_of("v1"), runtime_of("v2"));
    assert!(v1.len() > 10, "{:?}", v1.keys());
    assert_eq!(v1.keys().collect::<Vec<_>>(), v2.keys().collect::<Vec<_>>());
    for (path, text) in &v1 {
        if path == "runtime/Cargo.toml" {
            assert_eq!(text.lines().count(), v2[path].lines().count());
            let changed: Vec<(&str, &str)> = text
                .lines()
                .zip(v2[path].lines())
                .filter(|(a, b)| a != b)
                .collect();
            assert_eq!(changed, [("version = \"1.0.0\"", "version = \"1.1.0\"")]);
        } else {
            assert_eq!(text, &v2[path], "{path}");
        }
    }
    // While the crates themselves differ.
    assert_ne!(files("v1")["src/models.rs"], files("v2")["src/models.rs"]);
}

#[test]
fn a_build_rs_module_keeps_its_allowance_where_rust_allows_it() {
    let spec = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/evolution-v2.yaml");
    let module = sdkgen::generate_module_file(&spec, &sdkgen::Config::default()).unwrap();
    // Inner attributes must open their module: a misplaced one does not parse.
    let file = syn::parse_file(&module.source).unwrap();
    let models = file
        .items
        .iter()
        .find_map(|item| match item {
            syn::Item::Mod(m) if m.ident == "models" => Some(m),
            _ => None,
        })
        .unwrap();
    assert!(models
        .attrs
        .iter()
        .any(|a| a.path().is_ident("allow") && matches!(a.style, syn::AttrStyle::Inner(_))));
}
