//! Inline alternatives of tagged unions, named by their tags. Resolve names an
//! inline `oneOf`/`anyOf` alternative by its position
//! (`AddressAllocatorVariant1`) before it knows whether the union has tags;
//! once it does (a `discriminator`, or one implied), the alternative takes the
//! union's name and its variant's (`AddressAllocatorExplicit`), and the
//! inline types inside it follow (`AddressAllocatorVariant1Type` →
//! `AddressAllocatorExplicitType`). A name already taken keeps the old one.

use std::collections::BTreeMap;

use crate::ir::{kind_refs_mut, Module, Operation, TypeDef, TypeKind, TypeRef};
use crate::naming::{self, Scope};

/// Renames the inline alternatives of every union with tags, and the types
/// inside them, claiming the names in `scopes`; every reference to them in
/// `types` and `operations` follows.
pub fn name_by_tag(
    types: &mut [TypeDef],
    operations: &mut [Operation],
    scopes: &mut BTreeMap<Module, Scope>,
) {
    let index = crate::ir::type_index(types);
    // (alternative's position, the name it wants), in document order.
    let mut wanted: Vec<(usize, String)> = Vec::new();
    for union_def in types.iter() {
        let TypeKind::Union(union) = &union_def.kind else {
            continue;
        };
        for variant in union.variants.iter().filter(|v| !v.tags.is_empty()) {
            let TypeRef::Named { module, name } = &variant.ty else {
                continue;
            };
            let Some(&at) = index.get(&(*module, name.as_str())) else {
                continue;
            };
            if is_inline_alternative(&union_def.origin, &types[at].origin) {
                let name = naming::tagged_member_type_name(&union_def.name, &variant.rust_name);
                wanted.push((at, name));
            }
        }
    }
    // Old name → new, by module.
    let mut renames: BTreeMap<Module, BTreeMap<String, String>> = BTreeMap::new();
    for (at, new) in wanted {
        let (module, old) = (types[at].module, types[at].name.clone());
        let scope = scopes.entry(module).or_default();
        let renamed = renames.entry(module).or_default();
        // Renamed already as part of an enclosing alternative, or the name
        // is someone else's.
        if renamed.contains_key(&old) || !scope.is_free(&new) {
            continue;
        }
        let new = scope.claim(new);
        let inside = format!("{}/", types[at].origin);
        for def in types.iter() {
            let nested = def.module == module
                && def.origin.starts_with(&inside)
                && def.name.starts_with(&old);
            if nested && !renamed.contains_key(&def.name) {
                let name = scope.claim(format!("{new}{}", &def.name[old.len()..]));
                renamed.insert(def.name.clone(), name);
            }
        }
        renamed.insert(old, new);
    }
    if renames.values().all(BTreeMap::is_empty) {
        return;
    }
    let new_name = |module: Module, name: &str| renames.get(&module)?.get(name).cloned();
    let rename = |ty: &mut TypeRef| {
        if let TypeRef::Named { module, name } = ty.innermost_mut() {
            if let Some(new) = new_name(*module, name) {
                *name = new;
            }
        }
    };
    for def in types.iter_mut() {
        if let Some(new) = new_name(def.module, &def.name) {
            def.name = new;
        }
        kind_refs_mut(&mut def.kind).into_iter().for_each(rename);
    }
    for op in operations {
        op.type_refs_mut().into_iter().for_each(rename);
    }
}

/// Whether the schema at `alternative` is written inline as one of the
/// alternatives of the union at `union` (`…/oneOf/0`), rather than referenced.
fn is_inline_alternative(union: &str, alternative: &str) -> bool {
    ["oneOf", "anyOf"].iter().any(|keyword| {
        alternative
            .strip_prefix(union)
            .and_then(|rest| rest.strip_prefix('/'))
            .and_then(|rest| rest.strip_prefix(keyword))
            .and_then(|rest| rest.strip_prefix('/'))
            .is_some_and(|index| !index.is_empty() && index.bytes().all(|b| b.is_ascii_digit()))
    })
}

#[cfg(test)]
mod tests {
    use super::is_inline_alternative;
    use crate::ir::{TypeKind, TypeRef};

    #[test]
    fn tagged_alternatives_and_what_is_inside_them_take_the_tag_unless_it_is_taken() {
        let text = "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths: {}\ncomponents:\n  schemas:\n    A:\n      oneOf:\n        - {type: object, required: [kind], properties: {kind: {type: string, enum: [x]}, spec: {type: object, properties: {n: {type: integer}}}}}\n        - {type: object, required: [kind], properties: {kind: {type: string, enum: [y]}}}\n    a_y: {type: string}\n";
        let loaded = crate::load::load("t.yaml", text).unwrap();
        let api = crate::resolve::resolve("t.yaml", &loaded.doc).unwrap().api;
        let mut names: Vec<&str> = api.types.iter().map(|t| t.name.as_str()).collect();
        names.sort_unstable();
        assert_eq!(
            names,
            [
                "A",
                "AVariant2",
                "AVariant2Kind",
                "AX",
                "AXKind",
                "AXSpec",
                "AY"
            ]
        );
        let union = api.types.iter().find(|t| t.name == "A").unwrap();
        let TypeKind::Union(union) = &union.kind else {
            panic!("A is a union");
        };
        let held: Vec<&str> = union
            .variants
            .iter()
            .map(|v| match &v.ty {
                TypeRef::Named { name, .. } => name.as_str(),
                other => panic!("{other:?}"),
            })
            .collect();
        assert_eq!(held, ["AX", "AVariant2"]);
        // Every reference follows the rename.
        for def in &api.types {
            if let TypeKind::Struct(body) = &def.kind {
                for field in &body.fields {
                    if let TypeRef::Named { name, .. } = &field.ty {
                        assert!(names.contains(&name.as_str()), "{} holds {name}", def.name);
                    }
                }
            }
        }
    }

    #[test]
    fn only_a_direct_inline_alternative_counts() {
        let union = "#/components/schemas/A";
        assert!(is_inline_alternative(
            union,
            "#/components/schemas/A/oneOf/0"
        ));
        assert!(is_inline_alternative(
            union,
            "#/components/schemas/A/anyOf/12"
        ));
        assert!(!is_inline_alternative(
            union,
            "#/components/schemas/A/oneOf/0/properties/x"
        ));
        assert!(!is_inline_alternative(
            union,
            "#/components/schemas/AB/oneOf/0"
        ));
        assert!(!is_inline_alternative(union, "#/components/schemas/B"));
        assert!(!is_inline_alternative(
            union,
            "#/components/schemas/A/oneOf/"
        ));
    }
}
