//! How `sdkgen generate --split` cuts the crate into a workspace: which
//! crate holds each operation and each type, and the crates' names.

use super::graph::TypeGraph;
use crate::ir::{Api, SplitGroup, SplitPlan};
use crate::naming;

/// The crates of `sdkgen generate --split` for `api` as the package
/// `crate_name`: `{crate_name}-models`, one `{crate_name}-{feature}` per
/// tag's feature that is some operation's first, and
/// `{crate_name}-untagged` when operations have no feature. The reserved
/// feature names (`models`, `untagged`) keep them apart. A type only one
/// feature's operations reach lives in that feature's crate.
pub fn plan(api: &Api, crate_name: &str) -> SplitPlan {
    let group = |feature: Option<&str>| {
        let (crate_name, dir, field) = naming::split_crate(crate_name, feature);
        SplitGroup {
            crate_name,
            dir,
            field,
            types: Vec::new(),
            feature: feature.map(str::to_owned),
            operations: Vec::new(),
            enabled_by: Vec::new(),
        }
    };
    let mut groups: Vec<SplitGroup> = api.features.iter().map(|f| group(Some(&f.name))).collect();
    let mut untagged = group(None);
    for (index, op) in api.operations.iter().enumerate() {
        let home = op.features.first().and_then(|first| {
            groups
                .iter_mut()
                .find(|g| g.feature.as_deref() == Some(first.as_str()))
        });
        match home {
            Some(group) => group.operations.push(index),
            None => untagged.operations.push(index),
        }
    }
    groups.retain(|g| !g.operations.is_empty());
    for group in &mut groups {
        let mut features: Vec<String> = group
            .operations
            .iter()
            .flat_map(|&i| api.operations[i].features.iter().cloned())
            .collect();
        features.sort_unstable();
        features.dedup();
        group.enabled_by = features;
    }
    if !untagged.operations.is_empty() {
        groups.push(untagged);
    }
    home_types(api, &mut groups);
    SplitPlan {
        models_crate: naming::split_crate(crate_name, Some("models")).0,
        models_dir: naming::split_crate(crate_name, Some("models")).1,
        groups,
    }
}

/// Gives each group the types only its feature's operations reach (the
/// features pass gave such a type that one feature, and every type that
/// refers to it has it too, so nothing outside the group names them). A
/// type a webhook reaches stays with the webhooks, in the models crate.
fn home_types(api: &Api, groups: &mut [SplitGroup]) {
    let graph = TypeGraph::new(api);
    let webhooks = graph.reach(api.webhooks.iter().filter_map(|w| graph.find(&w.payload)));
    for (i, def) in api.types.iter().enumerate() {
        let ([feature], false) = (def.features.as_slice(), webhooks[i]) else {
            continue;
        };
        if let Some(group) = groups
            .iter_mut()
            .find(|g| g.feature.as_ref() == Some(feature))
        {
            group.types.push(i);
        }
    }
}
