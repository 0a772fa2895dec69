//! `sdkgen generate --split`: the crate as a workspace. The models crate
//! holds the runtime, webhooks and the types more than one tag uses; each
//! group crate the request types and the client of one tag's operations
//! and the types only they use ([`crate::ir::SplitPlan`] says which);
//! the facade at the root is the whole crate's client, builder, blocking
//! client, README and pages, with `models` and `operations` re-exported, so
//! that code written for the unsplit crate compiles against it unchanged.
//! Cargo builds the group crates side by side, and a change to one group's
//! operations rebuilds that crate and the facade only.

use proc_macro2::TokenStream;
use quote::quote;

use super::manifest::{dependencies, toml_list, without_tracing};
use super::{client, ident, models, module, operations, runtime_needs, CrateInfo};
use super::{Emitted, Part, Target};
use crate::ir::{Api, Module, Operation, SplitGroup, SplitPlan, TypeDef};
use crate::naming::lib_name;

/// The facade: the crate as [`super::emit`] makes it, re-exporting the
/// workspace's other crates instead of holding their modules, its manifest
/// the workspace's root.
pub fn facade<'a>(api: &'a Api, info: &CrateInfo, plan: &'a SplitPlan) -> Emitted<'a> {
    super::emit_crate(api, info, Target::Crate, Some(plan))
}

/// The models crate: `models`, the inline types of operations, webhooks
/// and the runtime.
pub fn models_crate<'a>(api: &'a Api, info: &CrateInfo, plan: &SplitPlan) -> Emitted<'a> {
    let homes = std::sync::Arc::new(homes(api, plan));
    let shared = move |i: usize| homes[i].is_none();
    let has_webhooks = !api.webhooks.is_empty();
    let root = move || {
        let webhooks = has_webhooks.then(|| {
            quote! {
                #[rustfmt::skip]
                pub mod webhooks;
            }
        });
        quote! {
            #[rustfmt::skip]
            pub mod models;
            #[rustfmt::skip]
            pub mod operations;
            // Public for the other crates of the workspace, hidden from the
            // docs: the facade re-exports what users name.
            #[doc(hidden)]
            pub mod runtime;
            #webhooks
        }
    };
    let needs = runtime_needs(api, Target::Crate);
    let mut modules = vec![
        module(&[], true, vec![Part::new(root)]),
        module(
            &["models"],
            false,
            doc_and_types(
                api,
                Module::Models,
                " Types of the API's component schemas used by more than one tag's operations.",
                shared.clone(),
            ),
        ),
        module(
            &["operations"],
            false,
            doc_and_types(
                api,
                Module::Operations,
                " The types of schemas written inline in operations, used by more than one tag's operations.",
                shared,
            ),
        ),
    ];
    if !api.webhooks.is_empty() {
        modules.push(module(
            &["webhooks"],
            false,
            vec![Part::new(move || super::webhooks::webhooks_rs(api))],
        ));
    }
    if api.has_deprecated() {
        super::allow_deprecated(&mut modules);
    }
    modules.extend(super::runtime_modules(needs, &["runtime"]));
    let all_tags = api.features.iter().map(|f| f.name.clone());
    let mut features = format!(
        "default = {}\ntracing = [\"dep:tracing\"]\nfull-serde = []\n",
        toml_list(all_tags)
    );
    for feature in &api.features {
        features.push_str(&format!("{} = []\n", feature.name));
    }
    let manifest = manifest(
        info,
        &plan.models_crate,
        "The types and runtime",
        &dependencies(api),
        &features,
    );
    Emitted {
        crate_attrs: crate_attrs(&format!(
            "The types and runtime of the `{}` crate, which re-exports them.",
            info.name
        )),
        crate_items: TokenStream::new(),
        modules,
        files: [("Cargo.toml".to_owned(), manifest)].into(),
    }
}

/// The crate of one group: `group_api` is [`groups_api`] holding the
/// group's operations ([`set_group`]); `api` the whole API, whose features
/// say which of the models crate's types the group's feature compiles.
pub fn group_crate<'a>(
    group_api: &'a Api,
    api: &Api,
    info: &CrateInfo,
    plan: &SplitPlan,
    group: &SplitGroup,
) -> Emitted<'a> {
    let homes = homes(group_api, plan);
    let index = plan.groups.iter().position(|g| g == group);
    let owned = std::sync::Arc::new(
        homes
            .iter()
            .map(|home| home.is_some() && *home == index)
            .collect::<Vec<bool>>(),
    );
    let owns = |module: Module| {
        group_api
            .types
            .iter()
            .zip(owned.iter())
            .any(|(def, own)| *own && def.module == module)
    };
    let feature = group.feature.as_deref();
    let glob_models = shared_compiled(api, &homes, Module::Models, feature);
    let glob_operations = shared_compiled(api, &homes, Module::Operations, feature);
    let own_models = owns(Module::Models);
    let models_lib = lib_name(&plan.models_crate);
    let lib = models_lib.clone();
    let root = move || {
        let models_lib = ident(&lib);
        let models = if own_models {
            quote! {
                #[rustfmt::skip]
                pub mod models;
            }
        } else {
            quote!(pub use #models_lib::models;)
        };
        quote! {
            #[rustfmt::skip]
            pub mod client;
            #models
            #[rustfmt::skip]
            pub mod operations;
            #[doc(hidden)]
            pub use #models_lib::runtime;
            pub use client::Client;
        }
    };
    let glob = move |on: bool, module: &'static str| {
        let models_lib = lib_name(&plan.models_crate);
        Part::new(move || {
            let models_lib = ident(&models_lib);
            let module = ident(module);
            if on {
                quote!(pub use #models_lib::#module::*;)
            } else {
                TokenStream::new()
            }
        })
    };
    let own = move |i: usize| owned[i];
    let mut ops_parts = vec![
        Part::new(
            || quote!(#![doc = " Request types of this crate's operations, and the types of schemas written inline in them."]),
        ),
        glob(glob_operations, "operations"),
    ];
    ops_parts.extend(operations::request_types(group_api));
    ops_parts.extend(models::types_where(
        group_api,
        Module::Operations,
        own.clone(),
    ));
    let mut modules = vec![
        module(&[], true, vec![Part::new(root)]),
        module(
            &["client"],
            false,
            client::client_rs(group_api, info, None, client::Shape::Group),
        ),
        module(&["operations"], false, ops_parts),
    ];
    if own_models {
        let mut parts = vec![
            Part::new(
                || quote!(#![doc = " Types of the API's component schemas only this crate's operations use."]),
            ),
            glob(glob_models, "models"),
        ];
        parts.extend(models::types_where(group_api, Module::Models, own));
        modules.push(module(&["models"], false, parts));
    }
    if group_api.has_deprecated() {
        super::allow_deprecated(&mut modules);
    }
    // Its types in the models crate are those of its operations' first
    // feature (every type an operation reaches has its features).
    let models_features = group
        .feature
        .iter()
        .map(|f| format!(", features = [\"{f}\"]"))
        .collect::<String>();
    let mut deps = without_tracing(&dependencies(group_api));
    deps.push_str(&format!(
        "{} = {{ path = \"../models\", version = \"={}\", default-features = false{models_features} }}\n",
        plan.models_crate, info.version
    ));
    let what = match &group.feature {
        Some(feature) => format!("The operations of the `{feature}` feature"),
        None => "The operations without a tag".to_owned(),
    };
    let features = format!("full-serde = [\"{}/full-serde\"]\n", plan.models_crate);
    let manifest = manifest(info, &group.crate_name, &what, &deps, &features);
    Emitted {
        crate_attrs: crate_attrs(&format!(
            "{what} of the `{}` crate, which re-exports them: request types and a client \
             its `Client` hands their calls to.",
            info.name
        )),
        crate_items: TokenStream::new(),
        modules,
        files: [("Cargo.toml".to_owned(), manifest)].into(),
    }
}

/// What the tag crates are made from: the API with every type (a tag crate
/// emits its own and names the shared ones), no feature on any type or
/// operation (a tag crate is compiled only when needed), no webhooks, and
/// no operations until [`set_group`] puts a group's in. One copy of the
/// types for every group: a copy each cost more than the groups' code on
/// large specs (15.6 s of the 10× GitHub spec's split generation).
pub fn groups_api(api: &Api) -> Api {
    let types = api
        .types
        .iter()
        .map(|def| TypeDef {
            features: Vec::new(),
            ..def.clone()
        })
        .collect();
    Api {
        title: api.title.clone(),
        version: api.version.clone(),
        description: api.description.clone(),
        servers: api.servers.clone(),
        types,
        operations: Vec::new(),
        security_schemes: api.security_schemes.clone(),
        notes: api.notes.clone(),
        features: Vec::new(),
        webhooks: Vec::new(),
        webhook_signature: api.webhook_signature.clone(),
        derives: api.derives.clone(),
        extra_dependencies: api.extra_dependencies.clone(),
        serde_by_direction: api.serde_by_direction,
        lookup: Default::default(),
    }
}

/// Puts `group`'s operations of `api`, without their features, into
/// `groups_api` ([`groups_api`]) in place of the previous group's.
pub fn set_group(groups_api: &mut Api, api: &Api, group: &SplitGroup) {
    groups_api.operations = group
        .operations
        .iter()
        .map(|&index| Operation {
            features: Vec::new(),
            ..api.operations[index].clone()
        })
        .collect();
}

/// Which crate holds each type of `api.types`: `Some(g)` the group at `g`
/// in the plan, `None` the models crate.
fn homes(api: &Api, plan: &SplitPlan) -> Vec<Option<usize>> {
    let mut homes = vec![None; api.types.len()];
    for (g, group) in plan.groups.iter().enumerate() {
        for &i in &group.types {
            homes[i] = Some(g);
        }
    }
    homes
}

/// Whether the models crate compiles any type of `module` when `feature`
/// (or, `None`, no tag's feature) is on: an empty glob of them would be an
/// unused import.
fn shared_compiled(
    api: &Api,
    homes: &[Option<usize>],
    module: Module,
    feature: Option<&str>,
) -> bool {
    api.types.iter().zip(homes).any(|(def, home)| {
        home.is_none()
            && def.module == module
            && (def.features.is_empty()
                || feature.is_some_and(|f| def.features.iter().any(|d| d == f)))
    })
}

/// A module's inner doc and the types of it `keep` takes.
fn doc_and_types<'a>(
    api: &'a Api,
    module: Module,
    doc: &'static str,
    keep: impl Fn(usize) -> bool + Send + Sync + 'a,
) -> Vec<Part<'a>> {
    let mut parts = vec![Part::new(move || quote!(#![doc = #doc]))];
    parts.extend(models::types_where(api, module, keep));
    parts
}

/// A facade's `models`, `operations` and `runtime`: the models crate's,
/// and those of each group crate compiled (its request types, and the types
/// only its operations use), each glob there when it brings something.
pub(super) fn facade_modules(api: &Api, plan: &SplitPlan) -> TokenStream {
    let homes = homes(api, plan);
    let models = ident(&lib_name(&plan.models_crate));
    let shared = |module: Module| {
        let defs: Vec<&crate::ir::TypeDef> = api
            .types
            .iter()
            .zip(&homes)
            .filter(|(def, home)| home.is_none() && def.module == module)
            .map(|(def, _)| def)
            .collect();
        if defs.is_empty() {
            return None;
        }
        if defs.iter().any(|def| def.features.is_empty()) {
            return Some(TokenStream::new());
        }
        let mut features: Vec<String> = defs.iter().flat_map(|d| d.features.clone()).collect();
        features.sort_unstable();
        features.dedup();
        Some(super::gate(&features))
    };
    let globs = |module: Module, name: &str, takes: &dyn Fn(usize, &SplitGroup) -> bool| {
        let name = ident(name);
        let mut tokens = shared(module)
            .map(|gate| quote!(#gate pub use #models::#name::*;))
            .unwrap_or_default();
        for (g, group) in plan.groups.iter().enumerate() {
            if takes(g, group) {
                let lib = ident(&lib_name(&group.crate_name));
                let gate = super::gate(&group.enabled_by);
                tokens.extend(quote!(#gate pub use #lib::#name::*;));
            }
        }
        tokens
    };
    let owns = |g: usize, module: Module| {
        api.types
            .iter()
            .zip(&homes)
            .any(|(def, home)| *home == Some(g) && def.module == module)
    };
    let any_own_models = (0..plan.groups.len()).any(|g| owns(g, Module::Models));
    let models_module = if any_own_models {
        let globs = globs(Module::Models, "models", &|g, _| owns(g, Module::Models));
        quote! {
            /// Types of the API's component schemas.
            pub mod models {
                #globs
            }
        }
    } else {
        quote!(pub use #models::models;)
    };
    let operations = globs(Module::Operations, "operations", &|g, group| {
        owns(g, Module::Operations)
            || group
                .operations
                .iter()
                .any(|&i| api.operations[i].takes_request())
    });
    quote! {
        #models_module
        /// Request types of the operations, and the types of schemas written
        /// inline in operations.
        pub mod operations {
            #operations
        }
        #[doc(hidden)]
        pub use #models::runtime;
    }
}

fn crate_attrs(doc: &str) -> TokenStream {
    let doc = format!(" {doc} Generated by sdkgen (`generate --split`).");
    quote! {
        #![doc = #doc]
        #![forbid(unsafe_code)]
        #![warn(missing_docs)]
    }
}

/// The manifest of a crate of the workspace other than the facade.
fn manifest(info: &CrateInfo, name: &str, what: &str, deps: &str, features: &str) -> String {
    format!(
        "# @generated by sdkgen from {spec}. Do not edit: regenerate instead.\n\
         [package]\n\
         name = \"{name}\"\n\
         version = \"{version}\"\n\
         edition = \"2021\"\n\
         description = \"{what} of the `{facade}` crate (split by sdkgen)\"\n\n\
         [dependencies]\n{deps}\n[features]\n{features}",
        spec = info.spec_name,
        version = info.version,
        facade = info.name,
    )
}
