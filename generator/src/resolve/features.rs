//! Cargo features, one per tag, so that a user who needs one group of the API
//! compiles only that group. An operation is compiled when any of its tags'
//! features is on; a type when any operation that reaches it is (through
//! fields, variants, parameters, bodies and responses). A type that an
//! untagged operation reaches, or that no operation reaches (a component schema
//! kept for its own sake), is always compiled, and so is everything it refers
//! to: a gated type is only ever referred to from code gated at least as
//! narrowly.

use std::collections::{BTreeMap, BTreeSet};

use super::graph::TypeGraph;
use crate::ir::{Api, Feature, Operation};
use crate::naming;

/// Above this many, per-tag features are not made: crates.io takes at most
/// 300 features, and a list that long is no help in choosing.
const MAX_FEATURES: usize = 250;

/// Fills in `api.features` and the `features` of every operation and type.
/// With fewer than two tag features (or more than `MAX_FEATURES`) nothing is
/// gated: one feature would only be a switch for the whole crate.
pub fn assign(api: &mut Api) {
    let mut features: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for tag in api.operations.iter().flat_map(|op| &op.tags) {
        if let Some(name) = naming::feature_name(tag) {
            let tags = features.entry(name).or_default();
            if !tags.contains(tag) {
                tags.push(tag.clone());
            }
        }
    }
    if features.len() < 2 || features.len() > MAX_FEATURES {
        return;
    }
    api.features = features
        .into_iter()
        .map(|(name, tags)| Feature { name, tags })
        .collect();
    let op_features: Vec<Vec<String>> = api.operations.iter().map(tag_features).collect();

    let graph = TypeGraph::new(api);
    let mut reach: Vec<BTreeSet<String>> = vec![BTreeSet::new(); graph.len()];
    let mut always_roots = Vec::new();
    for (op, features) in api.operations.iter().zip(&op_features) {
        let roots: Vec<usize> = op
            .type_refs()
            .into_iter()
            .filter_map(|ty| graph.find(ty))
            .collect();
        if features.is_empty() {
            always_roots.extend(roots);
        } else {
            spread(&graph, &mut reach, roots, features);
        }
    }
    always_roots.extend((0..graph.len()).filter(|&i| reach[i].is_empty()));
    let always = graph.reach(always_roots);

    for (i, def) in api.types.iter_mut().enumerate() {
        if !always[i] {
            def.features = std::mem::take(&mut reach[i]).into_iter().collect();
        }
    }
    for (op, features) in api.operations.iter_mut().zip(op_features) {
        op.features = features;
    }
}

/// The features of an operation's tags, sorted, without repeats.
fn tag_features(op: &Operation) -> Vec<String> {
    let set: BTreeSet<String> = op
        .tags
        .iter()
        .filter_map(|tag| naming::feature_name(tag))
        .collect();
    set.into_iter().collect()
}

/// Adds `features` to every type reachable from `roots`, visiting a type again
/// only when it gains a feature.
fn spread(
    graph: &TypeGraph,
    reach: &mut [BTreeSet<String>],
    roots: Vec<usize>,
    features: &[String],
) {
    let mut stack = roots;
    while let Some(i) = stack.pop() {
        let mut gained = false;
        for feature in features {
            gained |= reach[i].insert(feature.clone());
        }
        if gained {
            stack.extend(graph.refs(i));
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::ir::Api;

    fn api(yaml: &str) -> Api {
        let loaded = crate::load::load("t.yaml", yaml).unwrap();
        crate::resolve::resolve("t.yaml", &loaded.doc).unwrap().api
    }

    fn features_of<'a>(api: &'a Api, name: &str) -> &'a [String] {
        &api.types.iter().find(|d| d.name == name).unwrap().features
    }

    const SPEC: &str = r##"
openapi: 3.0.3
info: {title: T, version: "1"}
paths:
  /pets:
    get:
      operationId: listPets
      tags: [Pets]
      responses:
        "200": {description: ok, content: {application/json: {schema: {type: array, items: {$ref: "#/components/schemas/Pet"}}}}}
  /stores:
    get:
      operationId: listStores
      tags: [Store Front, Pets]
      responses:
        "200": {description: ok, content: {application/json: {schema: {$ref: "#/components/schemas/Store"}}}}
  /health:
    get:
      operationId: health
      responses:
        "200": {description: ok, content: {application/json: {schema: {$ref: "#/components/schemas/Health"}}}}
components:
  schemas:
    Pet: {type: object, properties: {owner: {$ref: "#/components/schemas/Owner"}}}
    Owner: {type: object, properties: {name: {type: string}}}
    Store: {type: object, properties: {owner: {$ref: "#/components/schemas/Owner"}}}
    Health: {type: object, properties: {status: {$ref: "#/components/schemas/Status"}}}
    Status: {type: string, enum: [up, down]}
"##;

    const UNUSED: &str = r##"
    Unused: {type: object, properties: {pet: {$ref: "#/components/schemas/Pet"}}}
"##;

    #[test]
    fn each_tag_is_a_feature_and_types_follow_the_operations_that_reach_them() {
        let api = api(SPEC);
        let names: Vec<&str> = api.features.iter().map(|f| f.name.as_str()).collect();
        assert_eq!(names, ["pets", "store-front"]);
        assert_eq!(api.feature_of_tag("Store Front"), Some("store-front"));
        let op = |id: &str| api.operations.iter().find(|o| o.id == id).unwrap();
        assert_eq!(op("listPets").features, ["pets"]);
        assert_eq!(op("listStores").features, ["pets", "store-front"]);
        // Untagged: always compiled, with what it uses.
        assert!(op("health").features.is_empty());
        assert!(features_of(&api, "Health").is_empty());
        assert!(features_of(&api, "Status").is_empty());
        // Reached through a field from both tags' operations.
        assert_eq!(features_of(&api, "Owner"), ["pets", "store-front"]);
        assert_eq!(features_of(&api, "Store"), ["pets", "store-front"]);
    }

    #[test]
    fn a_type_no_operation_reaches_is_always_compiled_and_so_is_what_it_uses() {
        let api = api(&format!("{SPEC}{}", UNUSED.trim_start_matches('\n')));
        assert!(features_of(&api, "Unused").is_empty());
        // Pet is listPets' only, but Unused (always there) holds one.
        assert!(features_of(&api, "Pet").is_empty());
        assert!(features_of(&api, "Owner").is_empty());
    }

    #[test]
    fn a_split_puts_each_operation_in_its_first_features_crate() {
        let api = api(SPEC);
        let plan = crate::resolve::split::plan(&api, "shop");
        assert_eq!(plan.models_crate, "shop-models");
        let groups: Vec<(&str, &str, Vec<&str>, &[String])> = plan
            .groups
            .iter()
            .map(|g| {
                let ops = g.operations.iter().map(|&i| api.operations[i].id.as_str());
                (
                    g.crate_name.as_str(),
                    g.dir.as_str(),
                    ops.collect(),
                    &g.enabled_by[..],
                )
            })
            .collect();
        // `store-front` has no operation of its own: `listStores` lives in
        // the pets crate, which either feature turns on.
        assert_eq!(
            groups,
            [
                (
                    "shop-pets",
                    "crates/pets",
                    vec!["listPets", "listStores"],
                    &["pets".to_owned(), "store-front".to_owned()][..]
                ),
                ("shop-untagged", "crates/untagged", vec!["health"], &[][..]),
            ]
        );
        assert_eq!(plan.groups[1].field, "untagged_ops");
        // Only listPets reaches Pet: it lives in the pets crate. Owner and
        // Store (both features), Health (untagged) stay in the models crate.
        let names = |g: usize| -> Vec<&str> {
            plan.groups[g]
                .types
                .iter()
                .map(|&i| api.types[i].name.as_str())
                .collect()
        };
        assert_eq!(names(0), ["Pet"]);
        assert!(names(1).is_empty());
    }

    #[test]
    fn one_tag_makes_no_features() {
        let api = api(&SPEC.replace("[Store Front, Pets]", "[Pets]"));
        assert!(api.features.is_empty());
        assert!(api.operations.iter().all(|o| o.features.is_empty()));
        assert!(api.types.iter().all(|d| d.features.is_empty()));
    }
}
