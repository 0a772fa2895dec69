//! `sdkgen generate --split`: the crate as a workspace. The models crate
//! holds every type and the runtime; each group crate the request types and
//! the client of one tag's operations ([`crate::ir::SplitPlan`] says which);
//! the facade at the root is the whole crate's client, builder, blocking
//! client, README and pages, with `models` and `operations` re-exported, so
//! that code written for the unsplit crate compiles against it unchanged.
//! Cargo builds the group crates side by side, and a change to one group's
//! operations rebuilds that crate and the facade only.

use proc_macro2::TokenStream;
use quote::quote;

use super::manifest::{dependencies, toml_list};
use super::{client, ident, models, module, operations, root, runtime_needs, CrateInfo};
use super::{Emitted, ModuleBody, ModuleSource, Part, Target};
use crate::ir::{Api, Module, SplitGroup, SplitPlan};
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
            models::types_rs(api, Module::Models, "Types of the API's component schemas."),
        ),
        module(
            &["operations"],
            false,
            models::types_rs(
                api,
                Module::Operations,
                "The types of schemas written inline in operations.",
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
    modules.push(module(
        &["runtime"],
        true,
        vec![Part::new(move || root::runtime_mod_rs(needs))],
    ));
    if api.has_deprecated() {
        super::allow_deprecated(&mut modules);
    }
    for (name, text) in crate::runtime::files(needs) {
        modules.push(ModuleSource {
            path: vec!["runtime".to_owned(), name.to_owned()],
            has_children: false,
            body: ModuleBody::Text(text),
        });
    }
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

/// The crate of one group: `group_api` is the API with only the group's
/// operations, none of them gated by a feature.
pub fn group_crate<'a>(
    group_api: &'a Api,
    info: &CrateInfo,
    plan: &SplitPlan,
    group: &SplitGroup,
) -> Emitted<'a> {
    let models_lib = lib_name(&plan.models_crate);
    let lib = models_lib.clone();
    let root = move || {
        let models_lib = ident(&lib);
        quote! {
            #[rustfmt::skip]
            pub mod client;
            #[rustfmt::skip]
            pub mod operations;
            pub use #models_lib::models;
            #[doc(hidden)]
            pub use #models_lib::runtime;
            pub use client::Client;
        }
    };
    // The inline types its feature compiles (those its operations name
    // among them), when there are any: an empty glob is unused.
    let inline = group_api.types.iter().any(|def| {
        def.module == Module::Operations
            && (def.features.is_empty()
                || group
                    .feature
                    .as_ref()
                    .is_some_and(|f| def.features.contains(f)))
    });
    let mut ops_parts = vec![Part::new(move || {
        let models_lib = ident(&models_lib);
        let inline = inline.then(|| quote!(pub use #models_lib::operations::*;));
        quote! {
            #![doc = " Request types of this crate's operations, and the types of schemas written inline in operations."]
            #inline
        }
    })];
    ops_parts.extend(operations::request_types(group_api));
    let mut modules = vec![
        module(&[], true, vec![Part::new(root)]),
        module(
            &["client"],
            false,
            client::client_rs(group_api, info, None, client::Shape::Group),
        ),
        module(&["operations"], false, ops_parts),
    ];
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
    let mut deps: String = dependencies(group_api)
        .lines()
        .filter(|line| !line.starts_with("tracing "))
        .map(|line| format!("{line}\n"))
        .collect();
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

/// `group`'s operations as an API of their own (types and all else kept),
/// compiled without features: its crate is compiled only when needed.
pub fn group_api(api: &Api, group: &SplitGroup) -> Api {
    let mut operations = Vec::with_capacity(group.operations.len());
    for &index in &group.operations {
        let mut op = api.operations[index].clone();
        op.features.clear();
        operations.push(op);
    }
    Api {
        operations,
        features: Vec::new(),
        webhooks: Vec::new(),
        ..api.clone()
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
