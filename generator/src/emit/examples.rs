//! The spec's JSON examples paired with the Rust type each must read into, for
//! checking that generated types accept what the spec itself shows.

use super::type_tokens;
use crate::ir::{Api, Module, TypeKind, TypeRef};

/// One example and the type it must round-trip through.
#[derive(Debug, Clone, PartialEq)]
pub struct ExampleCase {
    /// JSON pointer of the example in the spec.
    pub source: String,
    /// The Rust type, as a path from outside the crate (`authlete::models::Pet`).
    pub rust_type: String,
    /// The example.
    pub json: serde_json::Value,
}

/// Every example of a component schema or a JSON response, moved out of
/// `api` (its emitting is done; the values can be large). `crate_path` is
/// how code outside the crate names it (its library name).
pub fn take_example_cases(api: &mut Api, crate_path: &str) -> Vec<ExampleCase> {
    let mut cases = Vec::new();
    for def in &mut api.types {
        let ty = TypeRef::Named {
            module: def.module,
            name: def.name.clone(),
        };
        for (index, json) in std::mem::take(&mut def.examples).into_iter().enumerate() {
            cases.push(ExampleCase {
                source: format!("{}/example{}", def.origin, suffix(index)),
                rust_type: outside_path(&ty, crate_path),
                json,
            });
        }
    }
    for op in &mut api.operations {
        for response in &mut op.responses {
            let Some(body) = &response.body else {
                continue;
            };
            for (source, json) in std::mem::take(&mut response.examples) {
                cases.push(ExampleCase {
                    source,
                    rust_type: outside_path(body, crate_path),
                    json,
                });
            }
        }
    }
    cases
}

/// The Rust type of each component schema, as `(JSON pointer, path from
/// outside the crate)`, in document order: what a test that reads values of
/// the spec's schemas into the generated types names. A component sent only
/// as a multipart form is left out: its type is no JSON type.
pub fn schema_types(api: &Api, crate_path: &str) -> Vec<(String, String)> {
    api.types
        .iter()
        .filter(|def| {
            def.origin
                .strip_prefix("#/components/schemas/")
                .is_some_and(|key| !key.contains('/'))
        })
        // A component made a multipart form (its files `Upload`s, which
        // have no JSON; `resolve::uploads`) is never JSON on the wire.
        .filter(|def| {
            !matches!(&def.kind, TypeKind::Struct(body)
                if body.fields.iter().any(|f| super::models::is_upload(&f.ty)))
        })
        .map(|def| {
            let ty = TypeRef::Named {
                module: def.module,
                name: def.name.clone(),
            };
            (def.origin.clone(), outside_path(&ty, crate_path))
        })
        .collect()
}

fn suffix(index: usize) -> String {
    if index == 0 {
        String::new()
    } else {
        format!("/{index}")
    }
}

/// `ty` written from outside the crate: emit writes it from a sibling module
/// (`super::models::Pet`), and `super` becomes the crate's name.
fn outside_path(ty: &TypeRef, crate_path: &str) -> String {
    let from_root: Option<Module> = None;
    type_tokens(ty, from_root)
        .to_string()
        .replace("super ::", &format!("{crate_path} ::"))
        .replace(' ', "")
}
