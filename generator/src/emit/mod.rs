//! Stage 3, emit: the IR to one token stream per Rust file, plus the crate's
//! non-Rust files from `templates/`. Nothing here decides a name; names come
//! from the IR.
//!
//! Generated code refers to its sibling modules through `super::`, never
//! `crate::`, so the same code works as a crate and when build.rs output is
//! included as a module of the user's crate.

mod blocking;
mod client;
mod docs;
mod example_code;
mod examples;
mod manifest;

pub use examples::{example_cases, ExampleCase};
pub use manifest::crate_version;
mod models;
mod operations;
mod pages;
mod root;
mod rustdoc;
mod sdk_pages;

use std::collections::BTreeMap;

use proc_macro2::{Ident, Span, TokenStream};
use quote::quote;

use crate::ir::{Api, Module, TypeRef};
use crate::runtime;

/// What the generated crate is called and where it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CrateInfo {
    /// The package name (`authlete`).
    pub name: String,
    /// The package version, valid semver.
    pub version: String,
    /// The spec's file name, for the "generated from" headers.
    pub spec_name: String,
}

/// The source of one Rust module of the generated crate.
#[derive(Debug, Clone)]
pub enum ModuleBody {
    /// Generated code, to be formatted.
    Tokens(TokenStream),
    /// A runtime file copied as it is (already formatted).
    Text(&'static str),
}

/// One Rust module of the generated crate.
#[derive(Debug, Clone)]
pub struct ModuleSource {
    /// Its path below the crate root: `[]` is the root, `["runtime", "auth"]` is
    /// `runtime::auth`.
    pub path: Vec<String>,
    /// Whether it has child modules (and so is written as `mod.rs` in a crate).
    pub has_children: bool,
    /// Its code.
    pub body: ModuleBody,
}

/// The emitted crate, before formatting.
#[derive(Debug, Clone)]
pub struct Emitted {
    /// Inner attributes and docs of the crate root: written into `lib.rs`, left
    /// out when the code is included as a module.
    pub crate_attrs: TokenStream,
    /// Items of the crate root only in `lib.rs` (the markdown pages compiled
    /// as doctests), left out when the code is included as a module, whose
    /// host has no such files.
    pub crate_items: TokenStream,
    /// Every Rust module, root first.
    pub modules: Vec<ModuleSource>,
    /// Non-Rust files by path relative to the crate root (`Cargo.toml`,
    /// `README.md`).
    pub files: BTreeMap<String, String>,
}

/// Emits the whole crate for `api`.
pub fn emit(api: &Api, info: &CrateInfo) -> Emitted {
    let lib = crate::naming::lib_name(&info.name);
    let examples = example_code::Examples::new(api, &lib);
    let site = pages::Site::new(api);
    let mut files = manifest::files(api, info, &examples);
    files.extend(pages::type_pages(api, &site, &examples));
    files.extend(sdk_pages::sdk_pages(api, &site, &examples));
    let markdown: Vec<&str> = files
        .keys()
        .map(String::as_str)
        .filter(|path| path.ends_with(".md"))
        .collect();
    let mut crate_items = root::doctest_pages(&markdown);
    // Only a crate has features: build.rs output, a module of its host, has
    // no blocking client.
    crate_items.extend(quote::quote! {
        #[cfg(feature = "blocking")]
        #[rustfmt::skip]
        pub mod blocking;
    });
    let (crate_attrs, root) = root::lib_rs(api);
    let mut modules = vec![
        module(&[], true, root),
        module(&["blocking"], false, blocking::blocking_rs(api)),
        module(&["client"], false, client::client_rs(api, info, &examples)),
        module(
            &["models"],
            false,
            models::types_rs(api, Module::Models, "Types of the API's component schemas."),
        ),
        module(&["operations"], false, operations::operations_rs(api)),
        module(&["runtime"], true, root::runtime_mod_rs()),
    ];
    for (name, text) in runtime::FILES {
        modules.push(ModuleSource {
            path: vec!["runtime".to_owned(), (*name).to_owned()],
            has_children: false,
            body: ModuleBody::Text(text),
        });
    }
    Emitted {
        crate_attrs,
        crate_items,
        modules,
        files,
    }
}

fn module(path: &[&str], has_children: bool, tokens: TokenStream) -> ModuleSource {
    ModuleSource {
        path: path.iter().map(|p| (*p).to_owned()).collect(),
        has_children,
        body: ModuleBody::Tokens(tokens),
    }
}

/// Where a new client sends requests: the first server, or, when the spec lists
/// none, a local address the caller is expected to replace with `base_url`.
pub(crate) fn default_base_url(api: &Api) -> &str {
    api.servers
        .first()
        .map_or("http://localhost", |s| s.url.as_str())
}

/// An identifier from a name the IR decided, raw (`r#type`) or not.
pub(crate) fn ident(name: &str) -> Ident {
    match name.strip_prefix("r#") {
        Some(raw) => Ident::new_raw(raw, Span::call_site()),
        None => Ident::new(name, Span::call_site()),
    }
}

/// The Rust type for `ty` as written from inside module `from` (`None` for a
/// root-level module such as `client`).
pub(crate) fn type_tokens(ty: &TypeRef, from: Option<Module>) -> TokenStream {
    match ty {
        TypeRef::String => quote!(String),
        TypeRef::Bool => quote!(bool),
        TypeRef::I32 => quote!(i32),
        TypeRef::I64 => quote!(i64),
        TypeRef::I8 => quote!(i8),
        TypeRef::I16 => quote!(i16),
        TypeRef::U8 => quote!(u8),
        TypeRef::U16 => quote!(u16),
        TypeRef::U32 => quote!(u32),
        TypeRef::U64 => quote!(u64),
        TypeRef::F64 => quote!(f64),
        TypeRef::Json => quote!(serde_json::Value),
        TypeRef::Download => quote!(super::runtime::download::Download),
        TypeRef::Upload => quote!(super::runtime::upload::Upload),
        TypeRef::Named { module, name } => {
            let name = ident(name);
            if Some(*module) == from {
                quote!(#name)
            } else {
                let module = module_ident(*module);
                quote!(super::#module::#name)
            }
        }
        TypeRef::Vec(item) => {
            let item = type_tokens(item, from);
            quote!(Vec<#item>)
        }
        TypeRef::Map(value) => {
            let value = type_tokens(value, from);
            quote!(std::collections::BTreeMap<String, #value>)
        }
        TypeRef::Nullable(inner) => {
            let inner = type_tokens(inner, from);
            quote!(Option<#inner>)
        }
        TypeRef::Boxed(inner) => {
            let inner = type_tokens(inner, from);
            quote!(Box<#inner>)
        }
    }
}

/// The type of a field that may be absent: `Option<T>` unless required.
pub(crate) fn field_type_tokens(ty: &TypeRef, required: bool, from: Option<Module>) -> TokenStream {
    let ty = type_tokens(ty, from);
    if required {
        ty
    } else {
        quote!(Option<#ty>)
    }
}

pub(crate) fn module_ident(module: Module) -> Ident {
    match module {
        Module::Models => ident("models"),
        Module::Operations => ident("operations"),
    }
}

/// A field name as serde sees it: without the `r#` of a raw identifier.
pub(crate) fn unraw(name: &str) -> &str {
    name.strip_prefix("r#").unwrap_or(name)
}
