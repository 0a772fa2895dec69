//! What `sdkgen.toml` chooses: which operations are generated (by tag and by
//! operationId), with the types nothing left reaches dropped, and the
//! derives added to named types. Every name it gives must be in the
//! document, so that a typo is an error rather than a crate without the
//! operation.

use std::collections::BTreeSet;

use openapiv3::{OpenAPI, ReferenceOr};

use crate::config::Settings;
use crate::error::{Error, Result};
use crate::ir::{Api, Module, TypeKind};
use crate::naming;

/// Whether the operation with `id` and `tags` is generated.
pub fn selected(settings: &Settings, id: &str, tags: &[String]) -> bool {
    let (by_tag, by_id) = (&settings.tags, &settings.operations);
    let included = (by_tag.include.is_empty() && by_id.include.is_empty())
        || tags.iter().any(|t| by_tag.include.contains(t))
        || by_id.include.iter().any(|i| i == id);
    let excluded =
        tags.iter().any(|t| by_tag.exclude.contains(t)) || by_id.exclude.iter().any(|i| i == id);
    included && !excluded
}

/// Checks that every tag, operationId and schema key the settings name is
/// the document's.
pub fn check_names(doc: &OpenAPI, settings: &Settings) -> Result<()> {
    let mut tags = BTreeSet::new();
    let mut ids = BTreeSet::new();
    for (path, item) in &doc.paths.paths {
        let ReferenceOr::Item(item) = item else {
            continue;
        };
        for (method, operation) in item.iter() {
            tags.extend(operation.tags.iter().cloned());
            ids.insert(naming::operation_id(operation, method, path));
        }
    }
    let schemas: BTreeSet<&String> = doc
        .components
        .iter()
        .flat_map(|c| c.schemas.keys())
        .collect();
    let unknown = |key: &str, name: &str, what: &str| {
        Err(Error::Config(format!(
            "{key}: `{name}` is no {what} of the document"
        )))
    };
    for (key, filter, known, what) in [
        ("tags", &settings.tags, &tags, "operation's tag"),
        ("operations", &settings.operations, &ids, "operationId"),
    ] {
        for (list, names) in [("include", &filter.include), ("exclude", &filter.exclude)] {
            if let Some(name) = names.iter().find(|name| !known.contains(*name)) {
                return unknown(&format!("{key}.{list}"), name, what);
            }
        }
    }
    for id in settings.names.operations.keys() {
        if !ids.contains(id) {
            return unknown("names.operations", id, "operationId");
        }
    }
    if let Some(name) = settings
        .dependencies
        .keys()
        .find(|name| crate::emit::OWN_DEPENDENCIES.contains(&name.as_str()))
    {
        return Err(Error::Config(format!(
            "dependencies.{name}: the generated crate has this dependency of its own"
        )));
    }
    for (key, names) in [
        ("names.schemas", &settings.names.schemas),
        ("replace", &settings.replace),
    ] {
        for schema in names.keys() {
            if !schemas.contains(schema) {
                return unknown(key, schema, "component schema");
            }
        }
    }
    Ok(())
}

/// Drops the types that no operation or webhook left reaches, through any
/// chain of fields, variants and aliases.
pub fn drop_unreached(api: &mut Api) {
    let graph = super::graph::TypeGraph::new(api);
    let roots: Vec<usize> = api
        .operations
        .iter()
        .flat_map(|op| op.type_refs())
        .chain(api.webhooks.iter().map(|w| &w.payload))
        .filter_map(|ty| graph.find(ty))
        .collect();
    let mut keep = graph.reach(roots).into_iter();
    api.types.retain(|_| keep.next().unwrap_or(false));
}

/// Adds `derive.all` to every model, enum, union and request type, and
/// `derive.types` to the types it names (by Rust name); a name no type has
/// is an error.
pub fn add_derives(api: &mut Api, settings: &Settings) -> Result<()> {
    let derives = &settings.derive;
    if derives.all.is_empty() && derives.types.is_empty() {
        return Ok(());
    }
    let mut named: Vec<(Module, String, bool)> = api
        .types
        .iter()
        .map(|def| {
            // An alias has no derives of its own, and an enum of responses
            // may hold a download, which has few.
            let takes_all = !matches!(
                def.kind,
                TypeKind::Alias(_) | TypeKind::External(_) | TypeKind::Statuses(_)
            );
            (def.module, def.name.clone(), takes_all)
        })
        .collect();
    named.extend(
        api.operations
            .iter()
            .filter(|op| op.takes_request())
            .map(|op| (Module::Operations, op.request_type.clone(), true)),
    );
    for name in derives.types.keys() {
        if !named.iter().any(|(_, n, _)| n == name) {
            return Err(Error::Config(format!(
                "derive.types: `{name}` is no type of the generated crate"
            )));
        }
    }
    for (module, name, takes_all) in named {
        let mut list: Vec<String> = if takes_all {
            derives.all.clone()
        } else {
            Vec::new()
        };
        list.extend(derives.types.get(&name).into_iter().flatten().cloned());
        if !list.is_empty() {
            api.derives.insert((module, name), list);
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::selected;
    use crate::config::Settings;

    #[test]
    fn include_then_exclude() {
        let mut settings = Settings::default();
        let tags = |list: &[&str]| list.iter().map(|t| (*t).to_owned()).collect::<Vec<_>>();
        assert!(selected(&settings, "a", &[]));
        settings.tags.include = tags(&["Pets"]);
        assert!(selected(&settings, "a", &tags(&["Pets", "Admin"])));
        assert!(!selected(&settings, "b", &tags(&["Store"])));
        settings.operations.include = tags(&["b"]);
        assert!(selected(&settings, "b", &tags(&["Store"])));
        settings.tags.exclude = tags(&["Admin"]);
        assert!(!selected(&settings, "a", &tags(&["Pets", "Admin"])));
        settings.operations.exclude = tags(&["b"]);
        assert!(!selected(&settings, "b", &[]));
    }
}
