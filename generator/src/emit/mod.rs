//! Stage 3, emit: the IR to token streams for each Rust file (in parts, see
//! [`Part`]: each makes its tokens when the formatter asks, on the thread that
//! formats them), plus the crate's non-Rust files from `templates/`. Nothing
//! here decides a name; names come from the IR.
//!
//! Generated code refers to its sibling modules through `super::`, never
//! `crate::`, so the same code works as a crate and when build.rs output is
//! included as a module of the user's crate.

mod blocking;
mod client;
mod docs;
mod example_code;
mod examples;
pub mod harness;
mod manifest;

pub use examples::{schema_types, take_example_cases, ExampleCase};
pub use manifest::{crate_version, OWN_DEPENDENCIES};
mod models;
mod operations;
mod pages;
mod paging;
mod readme_extras;
mod root;
mod rustdoc;
mod sdk_pages;
mod shapes;
pub mod split;
mod struct_de;
mod webhooks;
mod wire;

use std::collections::BTreeMap;
use std::sync::Arc;

use proc_macro2::{Ident, Span, TokenStream};
use quote::quote;

use crate::ir::{Api, Module, Operation, SplitPlan, TypeRef};
use crate::naming;
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
    /// Whether the crate holds the user's own code in `src/custom/`, which
    /// the root then declares.
    pub custom_code: bool,
}

/// One part of a module's code: one or more whole items (the first part of a
/// file may begin with its inner attributes), as the recipe that makes their
/// tokens from the IR. The formatter formats the parts of all files on as
/// many threads as there are cores and joins each file's in order: the text
/// is the same as the whole file's. Token streams cannot cross threads, so
/// the code is made on the thread that formats it, which also spreads the
/// making over the cores.
pub struct Part<'a>(Box<dyn Fn() -> TokenStream + Send + Sync + 'a>);

impl<'a> Part<'a> {
    /// The part whose tokens `make` makes.
    pub fn new(make: impl Fn() -> TokenStream + Send + Sync + 'a) -> Self {
        Part(Box::new(make))
    }

    /// Makes the part's tokens.
    pub fn tokens(&self) -> TokenStream {
        (self.0)()
    }
}

impl std::fmt::Debug for Part<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Part(..)")
    }
}

/// The source of one Rust module of the generated crate.
#[derive(Debug)]
pub enum ModuleBody<'a> {
    /// Generated code, in parts.
    Tokens(Vec<Part<'a>>),
    /// A runtime file copied as it is (already formatted).
    Text(&'static str),
}

/// One Rust module of the generated crate.
#[derive(Debug)]
pub struct ModuleSource<'a> {
    /// Its path below the crate root: `[]` is the root, `["runtime", "auth"]` is
    /// `runtime::auth`.
    pub path: Vec<String>,
    /// Whether it has child modules (and so is written as `mod.rs` in a crate).
    pub has_children: bool,
    /// Its code.
    pub body: ModuleBody<'a>,
}

/// The emitted crate, before formatting.
#[derive(Debug)]
pub struct Emitted<'a> {
    /// Inner attributes and docs of the crate root, written into `lib.rs`;
    /// none for code included as a module ([`Target::Module`]).
    pub crate_attrs: TokenStream,
    /// Items of the crate root only in `lib.rs` (the markdown pages compiled
    /// as doctests); none for code included as a module, whose host has no
    /// such files.
    pub crate_items: TokenStream,
    /// Every Rust module, root first.
    pub modules: Vec<ModuleSource<'a>>,
    /// Non-Rust files by path relative to the crate root (`Cargo.toml`,
    /// `README.md`).
    pub files: BTreeMap<String, String>,
}

/// What emit makes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    /// A whole crate: its code, `Cargo.toml`, README, markdown pages (as
    /// doctests), rustdoc examples and the blocking client.
    Crate,
    /// The code only, to be included as a module of another crate: no
    /// manifest, pages, examples (they would name a crate that does not exist
    /// there) or blocking module (a module has no features to turn it on).
    Module,
}

/// Emits `api` as `target`. The pages and other non-Rust files are made
/// here; the code is made when the formatter asks each [`Part`] for it.
pub fn emit<'a>(api: &'a Api, info: &CrateInfo, target: Target) -> Emitted<'a> {
    emit_crate(api, info, target, None)
}

/// [`emit`], or with `split` the facade of a split workspace: the same
/// crate root, client, blocking client, pages and README, its modules of
/// types and operations re-exported from the workspace's other crates
/// ([`split`]).
fn emit_crate<'a>(
    api: &'a Api,
    info: &CrateInfo,
    target: Target,
    split: Option<&'a SplitPlan>,
) -> Emitted<'a> {
    let lib = crate::naming::lib_name(&info.name);
    // A module for build.rs has no folder of its own to hold custom code.
    let custom_code = info.custom_code && target == Target::Crate;
    let examples = Arc::new(example_code::Examples::new(api, &lib));
    let runtime = match (target, split) {
        (Target::Crate, None) => {
            root::RuntimeHome::Crate(naming::lib_name(&naming::runtime_crate_name(&info.name)))
        }
        _ => root::RuntimeHome::Module,
    };
    let mut emitted = Emitted {
        crate_attrs: match target {
            Target::Crate => root::crate_attrs(api),
            Target::Module => TokenStream::new(),
        },
        crate_items: TokenStream::new(),
        modules: vec![module(
            &[],
            true,
            vec![Part::new(move || {
                root::root_items(api, custom_code, split, &runtime)
            })],
        )],
        files: BTreeMap::new(),
    };
    if target == Target::Crate {
        let site = pages::Site::new(api);
        let mut files = manifest::files(api, info, &examples, split);
        files.extend(pages::type_pages(api, &site, &examples));
        files.extend(sdk_pages::sdk_pages(api, &site, &examples));
        let mut gates = page_gates(api, &site);
        let markdown: Vec<(String, PageGate)> = files
            .keys()
            .filter(|path| path.ends_with(".md"))
            .map(|path| (path.clone(), gates.remove(path).unwrap_or_default()))
            .collect();
        emitted.crate_items = quote::quote! {
            /// The markdown pages of the crate, compiled as doctests.
            #[cfg(doctest)]
            #[rustfmt::skip]
            pub mod doc_pages;
            #[cfg(feature = "blocking")]
            #[rustfmt::skip]
            pub mod blocking;
        };
        emitted.files = files;
        emitted
            .modules
            .push(module(&["doc_pages"], false, root::doctest_pages(markdown)));
        emitted
            .modules
            .push(module(&["blocking"], false, blocking::blocking_rs(api)));
    }
    let examples = (target == Target::Crate).then_some(examples);
    if let Some(plan) = split {
        let client = client::client_rs(api, info, examples, client::Shape::Facade(plan));
        emitted.modules.push(module(&["client"], false, client));
        if api.has_deprecated() {
            allow_deprecated(&mut emitted.modules);
        }
        return emitted;
    }
    let needs = runtime_needs(api, target);
    emitted.modules.extend([
        module(
            &["client"],
            false,
            client::client_rs(api, info, examples, client::Shape::Whole),
        ),
        module(
            &["models"],
            false,
            models::types_rs(api, Module::Models, "Types of the API's component schemas."),
        ),
        module(&["operations"], false, operations::operations_rs(api)),
    ]);
    if !api.webhooks.is_empty() {
        emitted.modules.push(module(
            &["webhooks"],
            false,
            vec![Part::new(move || webhooks::webhooks_rs(api))],
        ));
    }
    if api.has_deprecated() {
        allow_deprecated(&mut emitted.modules);
    }
    // A crate's runtime is a crate of its own ([`runtime_crate`]); code
    // for build.rs has nowhere to put one.
    if target == Target::Module {
        emitted.modules.extend(runtime_modules(needs, &["runtime"]));
    }
    emitted
}

/// The runtime crate of a crate ([`Target::Crate`], not split), in the
/// folder [`naming::RUNTIME_DIR`]: the runtime files as its modules, and
/// its manifest. The crate re-exports it as its `runtime` module. Cargo
/// compiles it apart from the generated code, and, as it does not change
/// with the spec, a change to the spec does not compile it again.
pub fn runtime_crate<'a>(api: &Api, info: &CrateInfo) -> Emitted<'a> {
    let needs = runtime_needs(api, Target::Crate);
    Emitted {
        crate_attrs: root::runtime_crate_attrs(),
        crate_items: TokenStream::new(),
        modules: runtime_modules(needs, &[]),
        files: manifest::runtime_files(api, info),
    }
}

/// The runtime at `at` (`[]`: a crate's root): its root, and the runtime
/// files copied as they are.
fn runtime_modules<'a>(needs: runtime::Needs, at: &[&str]) -> Vec<ModuleSource<'a>> {
    let mut modules = vec![module(
        at,
        true,
        vec![Part::new(move || root::runtime_mod_rs(needs))],
    )];
    for (name, text) in runtime::files(needs) {
        let mut path: Vec<String> = at.iter().map(|p| (*p).to_owned()).collect();
        path.push(name.to_owned());
        modules.push(ModuleSource {
            path,
            has_children: false,
            body: ModuleBody::Text(text),
        });
    }
    modules
}

/// Heads each generated module (not the root nor the runtime's, which name
/// none of the API's items) with `#![allow(deprecated)]`. The crate's own code must
/// still name what the API deprecates: serde impls and constructors its
/// fields, the client its methods and types. The lint is for the crate's
/// users, who still get it wherever they use such an item.
pub(crate) fn allow_deprecated(modules: &mut [ModuleSource<'_>]) {
    for module in modules
        .iter_mut()
        .filter(|m| !m.path.is_empty() && m.path != ["runtime"])
    {
        if let ModuleBody::Tokens(parts) = &mut module.body {
            parts.insert(0, Part::new(|| quote::quote!(#![allow(deprecated)])));
        }
    }
}

/// The runtime modules (and so dependencies) the crate needs.
pub fn runtime_needs(api: &Api, target: Target) -> runtime::Needs {
    let formats = api.formats();
    runtime::Needs {
        streams: api.has_streams(),
        idempotency_keys: api.makes_idempotency_keys(),
        webhooks: !api.webhooks.is_empty(),
        text_format: formats.iter().any(|f| f.needs_adapter()),
        time_format: formats.iter().any(|f| {
            matches!(
                f,
                crate::ir::Format::TimeDateTime | crate::ir::Format::TimeDate
            )
        }),
        oauth2: api.has_oauth2(),
        tracing_feature: target == Target::Crate,
    }
}

/// The features a markdown page's code needs.
#[derive(Debug, Clone, Default)]
pub(crate) enum PageGate {
    /// None.
    #[default]
    Open,
    /// Any one of these (a type's page: any feature that compiles it).
    Any(Vec<String>),
    /// All of these (the README, whose examples call operations of several
    /// tags).
    All(Vec<String>),
}

impl PageGate {
    /// The `cfg` attribute of an item that holds the page.
    pub(crate) fn attr(&self) -> TokenStream {
        match self {
            PageGate::Open => TokenStream::new(),
            PageGate::Any(features) => gate(features),
            PageGate::All(features) => quote::quote!(#[cfg(all(#(feature = #features),*))]),
        }
    }
}

/// The gate of each markdown page whose code needs features: a type's page
/// that of its type, a tag's page its tag's feature, and the README every
/// feature.
fn page_gates(api: &Api, site: &pages::Site) -> BTreeMap<String, PageGate> {
    let mut gates = BTreeMap::new();
    if api.features.is_empty() {
        return gates;
    }
    let mut add = |path: Option<&str>, features: &[String]| {
        if let (Some(path), false) = (path, features.is_empty()) {
            gates.insert(path.to_owned(), PageGate::Any(features.to_vec()));
        }
    };
    for op in &api.operations {
        add(
            site.page(Module::Operations, &op.request_type),
            &op.features,
        );
    }
    for def in &api.types {
        add(site.page(def.module, &def.name), &def.features);
    }
    for feature in &api.features {
        for tag in &feature.tags {
            add(
                Some(&naming::tag_page(tag)),
                std::slice::from_ref(&feature.name),
            );
        }
    }
    let all = api.features.iter().map(|feature| feature.name.clone());
    gates.insert("README.md".to_owned(), PageGate::All(all.collect()));
    gates
}

pub(crate) fn module<'a>(
    path: &[&str],
    has_children: bool,
    parts: Vec<Part<'a>>,
) -> ModuleSource<'a> {
    ModuleSource {
        path: path.iter().map(|p| (*p).to_owned()).collect(),
        has_children,
        body: ModuleBody::Tokens(parts),
    }
}

/// `#[cfg(feature = "…")]` for an item that any of `features` compiles
/// (`any(…)` for several); nothing for one that is always compiled.
pub(crate) fn gate(features: &[String]) -> TokenStream {
    match features {
        [] => TokenStream::new(),
        [one] => quote!(#[cfg(feature = #one)]),
        several => quote!(#[cfg(any(#(feature = #several),*))]),
    }
}

/// Most methods in one `impl` block: a block is one part of its file for
/// the formatter (see [`Part`]), so smaller blocks spread the work
/// over more threads.
const METHODS_PER_BLOCK: usize = 40;

/// Methods of `Client`, one per operation, grouped by the features that
/// compile them: the first always-compiled ones to go inside the main `impl`
/// block, then parts of further `impl` blocks: the other always-compiled
/// methods, and one block per set of features (in the order of its first
/// operation), so that a feature left off takes its operations' methods with
/// it. `method` makes one method.
pub(crate) fn client_methods<'a, M>(api: &'a Api, method: M) -> (Vec<&'a Operation>, Vec<Part<'a>>)
where
    M: Fn(&Operation) -> TokenStream + Clone + Send + Sync + 'a,
{
    let mut groups: Vec<(&[String], Vec<&Operation>)> = vec![(&[], Vec::new())];
    for op in &api.operations {
        match groups
            .iter_mut()
            .find(|(features, _)| *features == op.features.as_slice())
        {
            Some((_, ops)) => ops.push(op),
            None => groups.push((&op.features, vec![op])),
        }
    }
    let mut main = None;
    let mut blocks = Vec::new();
    for (features, ops) in groups {
        for chunk in ops.chunks(METHODS_PER_BLOCK) {
            if features.is_empty() && main.is_none() {
                main = Some(chunk.to_vec());
                continue;
            }
            let (chunk, method) = (chunk.to_vec(), method.clone());
            blocks.push(Part::new(move || {
                let gate = gate(features);
                let methods: TokenStream = chunk.iter().map(|op| method(op)).collect();
                quote! {
                    #gate
                    impl Client {
                        #methods
                    }
                }
            }));
        }
    }
    (main.unwrap_or_default(), blocks)
}

/// Where a new client sends requests: the first server, or, when the spec lists
/// none, a local address the caller is expected to replace with `base_url`.
/// The first server's URL, where a new client sends requests; `None` when
/// the spec lists no server (its clients need a `base_url`).
pub(crate) fn default_base_url(api: &Api) -> Option<&str> {
    api.servers.first().map(|s| s.url.as_str())
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
        TypeRef::Formatted(format) => {
            let ty: syn::Type = syn::parse_str(format.rust_type()).expect("a Rust type");
            quote!(#ty)
        }
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
