//! Named types: structs, open enums and aliases.

use proc_macro2::TokenStream;
use quote::quote;

use super::docs::{doc_attrs, doc_or, text_or};
use super::wire::{self, Need};
use super::{field_type_tokens, gate, ident, shapes, type_tokens, unraw, Part};
use crate::ir::{
    Api, IntEnum, Literal, Module, StatusVariant, StringEnum, Struct, TypeDef, TypeKind, TypeRef,
    Union, UnionVariant, ALIAS_DEPTH,
};
use crate::naming;

/// The file of all types that live in `module`, headed by `module_doc`.
/// One part per type, after the module's doc.
pub fn types_rs<'a>(api: &'a Api, module: Module, module_doc: &str) -> Vec<Part<'a>> {
    let module_doc = format!(" {module_doc}");
    let mut parts = vec![Part::new(move || quote!(#![doc = #module_doc]))];
    parts.extend(types_in(api, module));
    parts
}

/// Every type of `module`, in the order resolve defined them, one part each.
pub fn types_in(api: &Api, module: Module) -> impl Iterator<Item = Part<'_>> + '_ {
    types_where(api, module, |_| true)
}

/// The types of `module` whose position in `api.types` `keep` takes, one
/// part each (a split workspace's crates hold some each).
pub fn types_where<'a>(
    api: &'a Api,
    module: Module,
    keep: impl Fn(usize) -> bool + 'a,
) -> impl Iterator<Item = Part<'a>> + 'a {
    api.types
        .iter()
        .enumerate()
        .filter(move |(i, def)| def.module == module && keep(*i))
        .map(move |(_, def)| Part::new(move || type_def(api, def)))
}

/// The docs of a type whose schema has none: the schema's key, or for an
/// inline `oneOf`/`anyOf` alternative (whose key is its position) which
/// alternative of which schema it is.
fn fallback_doc(origin: &str) -> String {
    let mut segments = origin.rsplitn(3, '/');
    let (last, keyword, parent) = (segments.next(), segments.next(), segments.next());
    match (last.map(str::parse::<usize>), keyword, parent) {
        (Some(Ok(index)), Some("oneOf" | "anyOf"), Some(parent)) => {
            format!("Alternative {} of `{parent}`.", index + 1)
        }
        _ => format!("The `{}` schema.", last.unwrap_or("")),
    }
}

fn type_def(api: &Api, def: &TypeDef) -> TokenStream {
    let mut text = text_or(def.doc.as_deref(), fallback_doc(&def.origin));
    append_notes(&mut text, api.notes_under(&def.origin));
    let docs = doc_or(Some(&text), "");
    // Every item of the type (the definition and its impls) carries the
    // type's `cfg`.
    let gate = &gate(&def.features);
    match &def.kind {
        TypeKind::Struct(fields) => struct_def(api, def, docs, fields, gate),
        TypeKind::Enum(values) => enum_def(api, def, docs, values, gate),
        TypeKind::Union(union) => union_def(api, def, docs, union, gate),
        TypeKind::IntEnum(values) => int_enum_def(api, def, docs, values, gate),
        TypeKind::Statuses(variants) => statuses_def(api, def, docs, variants, gate),
        TypeKind::Alias(target) => {
            let name = ident(&def.name);
            let target = type_tokens(target, Some(def.module));
            quote! {
                #docs
                #gate
                pub type #name = #target;
            }
        }
        TypeKind::External(path) => {
            let name = ident(&def.name);
            let path: syn::Path =
                syn::parse_str(path).expect("sdkgen.toml's check keeps paths valid");
            quote! {
                #docs
                #gate
                pub type #name = #path;
            }
        }
    }
}

fn struct_def(
    api: &Api,
    def: &TypeDef,
    docs: TokenStream,
    body: &Struct,
    gate: &TokenStream,
) -> TokenStream {
    let name = ident(&def.name);
    // `Deserialize` is written out (`struct_de`); the fields' serde
    // attributes are `Serialize`'s, read only where it is derived.
    let serde = wire::derives(api, Need::of(def.wire.serializes()), Need::Never, None);
    let ser_gated = !serde.always.contains(&"serde::Serialize");
    let mut default_fns = Vec::new();
    let fields: Vec<TokenStream> = body
        .fields
        .iter()
        .map(|f| {
            let fallback = format!("The `{}` property.", f.wire_name);
            let mut text = text_or(f.doc.as_deref(), fallback);
            if let Some(value) = &f.default {
                text.push_str(&format!("\n\nDefault: `{value}`."));
            }
            // A required field the server leaves out takes its default, when
            // that can be written as a Rust literal of its type.
            if let Some(default_fn) = &f.default_fn {
                let fn_ident = ident(&default_fn.name);
                let ty = type_tokens(&f.ty, Some(def.module));
                let expr = literal_tokens(&default_fn.literal, &f.ty, def.module);
                // Only `Deserialize` calls it.
                let serde_gate = wire::gate(api, def.wire.deserializes());
                default_fns.push(quote! {
                    #gate
                    #serde_gate
                    fn #fn_ident() -> #ty {
                        #expr
                    }
                });
            }
            let docs = doc_or(Some(&text), "");
            let spec = FieldSpec {
                name: &f.rust_name,
                key: &f.wire_name,
                ty: &f.ty,
                required: f.required,
                default_fn: f.default_fn.as_ref().map(|d| d.name.as_str()),
                holds_null: !f.required && holds_null(api, &f.ty),
                deprecated: f.deprecated,
                serde_gated: ser_gated,
                derived_de: false,
            };
            field(spec, docs, def.module)
        })
        .collect();
    let additional = {
        let name = ident(naming::ADDITIONAL_PROPERTIES_FIELD);
        let value = type_tokens(&body.additional, Some(def.module));
        let doc = if body.closed {
            " Properties the schema does not allow, should a server send some anyway: kept, so \
             that they are written back as they came."
        } else {
            " Properties the schema does not list, by name."
        };
        let flatten = wire::helper_attr(quote!(flatten), ser_gated);
        quote! {
            #[doc = #doc]
            #flatten
            pub #name: std::collections::BTreeMap<String, #value>,
        }
    };
    let all_optional = body.fields.iter().all(|f| !f.required);
    let args: Vec<Arg<'_>> = body
        .fields
        .iter()
        .map(|f| Arg {
            name: &f.rust_name,
            ty: &f.ty,
            required: f.required,
            fixed: f.fixed.as_deref(),
        })
        .collect();
    // `new` fills the listed fields; the map of the others starts empty.
    let constructor = constructor(&args, Some(naming::ADDITIONAL_PROPERTIES_FIELD), def.module);
    // Required fields that all hold their one allowed value: `new()` takes
    // nothing, and is the default (as clippy's `new_without_default` asks).
    let fixed_default = (!all_optional
        && body.fields.iter().all(|f| !f.required || f.fixed.is_some()))
    .then(|| {
        quote! {
            #gate
            impl Default for #name {
                fn default() -> Self {
                    Self::new()
                }
            }
        }
    });
    let setters = body.fields.iter().filter_map(|f| {
        let spec = SetterSpec {
            setter: f.setter.as_deref()?,
            field: &f.rust_name,
            ty: &f.ty,
            null_setter: f.null_setter.as_deref(),
            deprecated: f.deprecated,
        };
        Some(setter(spec, def.module))
    });
    let deprecated = deprecated_attr(def.deprecated);
    // A struct whose fields may all be absent has an obvious default: empty.
    let mut builtin = vec!["Clone", "Debug"];
    builtin.extend(all_optional.then_some("Default"));
    builtin.push("PartialEq");
    builtin.extend(&serde.always);
    let derives = derive_attr(api, def.module, &def.name, &builtin);
    let serde_attrs = serde.attrs;
    let deserialize = super::struct_de::deserialize_impl(api, def, body, gate);
    quote! {
        #docs
        #gate
        #deprecated
        #derives
        #serde_attrs
        #[non_exhaustive]
        pub struct #name {
            #(#fields)*
            #additional
        }

        #deserialize

        #gate
        impl #name {
            #constructor
            #(#setters)*
        }

        #fixed_default

        #(#default_fns)*
    }
}

/// A default's literal as a Rust expression of the field's type `ty`.
fn literal_tokens(literal: &Literal, ty: &TypeRef, module: Module) -> TokenStream {
    match literal {
        Literal::String(text) => quote!(String::from(#text)),
        Literal::Bool(flag) => quote!(#flag),
        Literal::Float(f) => {
            let literal = proc_macro2::Literal::f64_unsuffixed(*f);
            quote!(#literal)
        }
        Literal::Integer(n) => {
            let literal = proc_macro2::Literal::i128_unsuffixed(*n);
            quote!(#literal)
        }
        Literal::EmptyList => quote!(Vec::new()),
        Literal::Variant(variant) => {
            let path = type_tokens(ty, Some(module));
            let variant = ident(variant);
            quote!(#path::#variant)
        }
    }
}

/// Whether `null` is a value of `ty` itself (any JSON value, a nullable
/// type, an alias of one, a union with an alternative that holds null): an
/// optional field of it must keep a present `null` apart from an absent
/// field.
pub(crate) fn holds_null(api: &Api, ty: &TypeRef) -> bool {
    holds_null_within(api, ty, 0)
}

/// [`holds_null`], following at most a few named types into each other (a
/// union may hold itself through an alias); past them, no.
fn holds_null_within(api: &Api, ty: &TypeRef, depth: usize) -> bool {
    match api.dealiased(ty, depth) {
        (TypeRef::Json | TypeRef::Nullable(_), _) => true,
        (named @ TypeRef::Named { .. }, depth) if depth < ALIAS_DEPTH => {
            match api.named(named).map(|def| &def.kind) {
                Some(TypeKind::Union(union)) => union
                    .variants
                    .iter()
                    .any(|v| holds_null_within(api, &v.ty, depth + 1)),
                _ => false,
            }
        }
        _ => false,
    }
}

/// What `field` writes a struct field from.
pub(crate) struct FieldSpec<'a> {
    /// The Rust name.
    pub name: &'a str,
    /// The JSON key.
    pub key: &'a str,
    /// The type, before any `Option`.
    pub ty: &'a TypeRef,
    /// Whether it must be there.
    pub required: bool,
    /// The function that fills a required field the JSON leaves out.
    pub default_fn: Option<&'a str>,
    /// Whether `null` is a value of the type itself, to keep apart from an
    /// absent field (`holds_null`).
    pub holds_null: bool,
    /// Whether the field is deprecated.
    pub deprecated: bool,
    /// Whether its type derives serde's traits only with `full-serde`, so
    /// that its serde attributes must be read only then.
    pub serde_gated: bool,
    /// Whether its type derives `Deserialize` (else only `Serialize` reads
    /// the attributes, and those only reading needs are left out).
    pub derived_de: bool,
}

/// One struct field with its docs and serde attributes: renamed when the Rust
/// name differs from the key, left out of the JSON when optional and `None`,
/// filled by the default function when a required field is absent, and a
/// present `null` kept apart from an absent field when the type holds null.
pub(crate) fn field(spec: FieldSpec<'_>, docs: TokenStream, module: Module) -> TokenStream {
    let FieldSpec {
        name,
        key,
        ty,
        required,
        default_fn,
        holds_null,
        deprecated,
        serde_gated,
        derived_de,
    } = spec;
    let serde_attr = |args: &[TokenStream]| wire::helper_attr(quote!(#(#args),*), serde_gated);
    let rust = ident(name);
    let deprecated = deprecated_attr(deprecated);
    let docs = quote!(#docs #deprecated);
    if is_upload(ty) {
        // Files are sent as parts of their own, never as JSON.
        let ty = field_type_tokens(ty, required, Some(module));
        let skip = serde_attr(&[quote!(skip)]);
        return quote! {
            #docs
            #skip
            pub #rust: #ty,
        };
    }
    let adapter = text_adapter(ty, required);
    let ty = field_type_tokens(ty, required, Some(module));
    let mut serde_args = Vec::new();
    if unraw(name) != key {
        serde_args.push(quote!(rename = #key));
    }
    if let Some(adapter) = adapter {
        // Bytes and `time`'s dates travel as text their types' serde does
        // not write: the runtime's adapter for the field's shape reads and
        // writes them (and keeps `null` apart from absent).
        if !required {
            if derived_de {
                serde_args.push(quote!(default));
            }
            serde_args.push(quote!(skip_serializing_if = "Option::is_none"));
        }
        serde_args.push(quote!(with = #adapter));
        let serde_attr = serde_attr(&serde_args);
        return quote! {
            #docs
            #serde_attr
            pub #rust: #ty,
        };
    }
    if let Some(default_fn) = default_fn.filter(|_| derived_de) {
        serde_args.push(quote!(default = #default_fn));
    }
    if !required {
        serde_args.push(quote!(skip_serializing_if = "Option::is_none"));
        if holds_null && derived_de {
            // Absent stays `None`; a present `null` becomes `Some(None)`
            // (`Some(Value::Null)` for a JSON value), not `None`.
            serde_args.push(quote!(default));
            serde_args.push(quote!(
                deserialize_with = "super::runtime::nullable::deserialize"
            ));
        }
    }
    let serde_attr = (!serde_args.is_empty()).then(|| serde_attr(&serde_args));
    quote! {
        #docs
        #serde_attr
        pub #rust: #ty,
    }
}

/// The runtime's serde adapter for a field of a format that needs one
/// (bytes, `time`'s dates), by the field's shape; `None` for any other.
pub(super) fn text_adapter(ty: &TypeRef, required: bool) -> Option<String> {
    crate::resolve::formats::adapted_field(ty)?;
    let shape = match (ty, required) {
        (TypeRef::Vec(_), true) => "::list",
        (TypeRef::Vec(_), false) => "::option_list",
        (TypeRef::Nullable(_), false) => "::nullable",
        (TypeRef::Nullable(_), true) | (_, false) => "::option",
        (_, true) => "",
    };
    Some(format!("super::runtime::text_format{shape}"))
}

/// Whether a field holds uploads (`Upload` or a list of them).
pub(crate) fn is_upload(ty: &TypeRef) -> bool {
    match ty {
        TypeRef::Upload => true,
        TypeRef::Vec(item) => is_upload(item),
        _ => false,
    }
}

/// An operation's enum of responses by status. It does not derive
/// `Deserialize`: the client picks the variant from the status and reads the
/// body as its type.
fn statuses_def(
    api: &Api,
    def: &TypeDef,
    docs: TokenStream,
    variants: &[StatusVariant],
    gate: &TokenStream,
) -> TokenStream {
    let name = ident(&def.name);
    let arms = variants.iter().map(|variant| {
        let status = naming::status_key(variant.status);
        let docs = match variant.doc.as_deref().map(str::trim) {
            Some(doc) if !doc.is_empty() => doc_attrs(&format!("`{status}`: {doc}")),
            _ => doc_attrs(&format!("`{status}`.")),
        };
        let variant_name = ident(&variant.rust_name);
        match &variant.ty {
            Some(ty) => {
                let ty = type_tokens(ty, Some(def.module));
                quote!(#docs #variant_name(#ty),)
            }
            None => quote!(#docs #variant_name,),
        }
    });
    // A download is a body still arriving: it can be neither copied,
    // compared nor written as JSON, and neither can an enum that holds one.
    // The others write their body as it came (`null` for none), to log or
    // pass on.
    let derives = if variants.iter().any(|v| v.ty == Some(TypeRef::Download)) {
        quote!(#[derive(Debug)])
    } else {
        // Written as JSON only with `full-serde`: the client never does.
        let serde = wire::derives(api, Need::WithFeature, Need::Never, Some(quote!(untagged)));
        let paths = ["Clone", "Debug", "PartialEq"]
            .into_iter()
            .chain(serde.always)
            .map(|path| path.parse::<TokenStream>().expect("a path is tokens"));
        let attrs = serde.attrs;
        quote! {
            #[derive(#(#paths),*)]
            #attrs
        }
    };
    quote! {
        #docs
        #gate
        // One variant per status, each holding its body in place: a
        // response is built once per call, and boxing the large ones would
        // only add an allocation and a `*` at every match.
        #[allow(clippy::large_enum_variant)]
        #derives
        #[non_exhaustive]
        pub enum #name {
            #(#arms)*
        }
    }
}

/// The names clippy's `disallowed_names` lint flags by default.
const CLIPPY_PLACEHOLDER_NAMES: &[&str] = &["foo", "baz", "quux"];

/// A field as `constructor` sees it.
pub(crate) struct Arg<'a> {
    /// The field's Rust name.
    pub name: &'a str,
    /// Its type, before any `Option`.
    pub ty: &'a TypeRef,
    /// Whether it is an argument (required) or starts as `None`.
    pub required: bool,
    /// The variant of its type's only value, which `new` fills in (a
    /// required field only).
    pub fixed: Option<&'a str>,
}

/// `new(required…)`: one argument per required field, every optional field
/// `None`, and `defaulted` (a field outside `fields`) `Default::default()`.
/// Shared by models and request types.
pub(crate) fn constructor(
    fields: &[Arg<'_>],
    defaulted: Option<&str>,
    module: Module,
) -> TokenStream {
    let required: Vec<&Arg<'_>> = fields
        .iter()
        .filter(|f| f.required && f.fixed.is_none())
        .collect();
    let params = required.iter().map(|field| {
        let name = ident(field.name);
        match field.ty {
            TypeRef::String => quote!(#name: impl Into<String>),
            ty => {
                let ty = type_tokens(ty, Some(module));
                quote!(#name: #ty)
            }
        }
    });
    let defaulted = defaulted.map(|name| {
        let name = ident(name);
        quote!(#name: Default::default())
    });
    let inits = fields.iter().map(|field| {
        let name = ident(field.name);
        if let Some(variant) = field.fixed {
            let ty = type_tokens(field.ty, Some(module));
            let variant = ident(variant);
            return quote!(#name: #ty::#variant);
        }
        match (field.required, field.ty) {
            (true, TypeRef::String) => quote!(#name: #name.into()),
            (true, _) => quote!(#name),
            (false, _) => quote!(#name: None),
        }
    });
    // Each required field is one argument, so wide schemas make long lists; a
    // struct literal stays available for those who prefer it.
    let too_many = (required.len() > 7).then(|| quote!(#[allow(clippy::too_many_arguments)]));
    // Arguments are named after the schema's properties, and some schemas do
    // have properties called `foo`, which clippy's placeholder-name lint flags.
    let placeholder = required
        .iter()
        .any(|f| CLIPPY_PLACEHOLDER_NAMES.contains(&f.name))
        .then(|| quote!(#[allow(clippy::disallowed_names)]));
    let fixed = fields.iter().any(|f| f.fixed.is_some());
    let doc = match (required.is_empty(), fixed) {
        (true, false) => " Creates a value with every field empty.",
        (true, true) => {
            " Creates a value with its one-value fields (a union's tag) set and the others empty."
        }
        (false, false) => {
            " Creates a value from its required fields; the optional ones start empty."
        }
        (false, true) => {
            " Creates a value from its required fields; a field that allows one value (a \
             union's tag) holds it, the optional ones start empty."
        }
    };
    quote! {
        #[doc = #doc]
        #too_many
        #placeholder
        pub fn new(#(#params),*) -> Self {
            Self { #(#inits,)* #defaulted }
        }
    }
}

/// What `setter` writes one method from.
pub(crate) struct SetterSpec<'a> {
    /// The method's name.
    pub setter: &'a str,
    /// The field it sets.
    pub field: &'a str,
    /// The field's type, before the `Option` of an optional field.
    pub ty: &'a TypeRef,
    /// The method that sets the field to `null`; with one, the value
    /// setter takes the value inside the nullable type.
    pub null_setter: Option<&'a str>,
    /// Whether the field is deprecated, and so are its setters.
    pub deprecated: bool,
}

/// `value.field(x)`: sets an optional field and returns the value, so that
/// calls chain after `new`; its argument is `value`, whatever the field is
/// called. A nullable field with a null setter gets both: `field(x)` for a
/// value and `field_null()` for an explicit `null`. Shared by models and
/// request types.
pub(crate) fn setter(spec: SetterSpec<'_>, module: Module) -> TokenStream {
    let SetterSpec {
        setter,
        field,
        ty,
        null_setter,
        deprecated,
    } = spec;
    let method = ident(setter);
    let name = ident(field);
    let deprecated = deprecated_attr(deprecated);
    let (inner, wrap_null) = match (ty, null_setter) {
        (TypeRef::Nullable(inner), Some(_)) => (inner.as_ref(), true),
        _ => (ty, false),
    };
    let (param, mut value) = setter_argument(inner, module);
    if wrap_null {
        value = quote!(Some(#value));
    }
    let doc = format!(" Sets `{}`.", unraw(field));
    let null = null_setter.map(|null_setter| {
        let method = ident(null_setter);
        let doc = format!(" Sets `{}` to `null`, which is sent as such.", unraw(field));
        quote! {
            #[doc = #doc]
            #deprecated
            pub fn #method(mut self) -> Self {
                self.#name = Some(None);
                self
            }
        }
    });
    quote! {
        #[doc = #doc]
        #deprecated
        pub fn #method(mut self, value: #param) -> Self {
            self.#name = Some(#value);
            self
        }
        #null
    }
}

/// The argument a setter of `ty` takes and the expression that turns
/// `value` into `ty`: text as `impl Into<String>`, a boxed type unboxed.
fn setter_argument(ty: &TypeRef, module: Module) -> (TokenStream, TokenStream) {
    match ty {
        TypeRef::String => (quote!(impl Into<String>), quote!(value.into())),
        TypeRef::Boxed(inner) => {
            let (param, value) = setter_argument(inner, module);
            (param, quote!(Box::new(#value)))
        }
        ty => (type_tokens(ty, Some(module)), quote!(value)),
    }
}

/// `#[derive(…)]` of a type: sdkgen's own derives (`builtin`, paths), then
/// those `sdkgen.toml` adds to the type `name` of `module`, less any of
/// sdkgen's or serde's (compared by their last segment: `Serialize` is
/// `serde::Serialize`).
pub(crate) fn derive_attr(api: &Api, module: Module, name: &str, builtin: &[&str]) -> TokenStream {
    let last = |path: &str| path.rsplit("::").next().unwrap_or(path).to_owned();
    // serde's traits are sdkgen's to derive or write by hand (the enums').
    let taken: Vec<String> = builtin
        .iter()
        .copied()
        .chain(["Serialize", "Deserialize"])
        .map(last)
        .collect();
    let added = api
        .derives
        .get(&(module, name.to_owned()))
        .into_iter()
        .flatten();
    let paths: Vec<syn::Path> = builtin
        .iter()
        .copied()
        .chain(
            added
                .map(String::as_str)
                .filter(|d| !taken.contains(&last(d))),
        )
        .map(|d| syn::parse_str(d).expect("derives are checked paths"))
        .collect();
    quote!(#[derive(#(#paths),*)])
}

/// `#[deprecated]` with the note every deprecated item carries, when
/// `deprecated`.
pub(crate) fn deprecated_attr(deprecated: bool) -> Option<TokenStream> {
    deprecated.then(|| {
        quote!(#[deprecated(note = "deprecated by the API; it may be removed in a later version")])
    })
}

/// A string enum: one variant per known value and a catch-all that keeps any
/// other value.
fn enum_def(
    api: &Api,
    def: &TypeDef,
    docs: TokenStream,
    values: &StringEnum,
    gate: &TokenStream,
) -> TokenStream {
    let name = ident(&def.name);
    let unknown = ident(&values.unknown_variant);
    let variants = values.variants.iter().map(|variant| {
        let rust = ident(&variant.rust_name);
        let wire = &variant.wire_value;
        let docs = match variant.doc.as_deref().map(str::trim) {
            Some(text) if !text.is_empty() => doc_attrs(&format!("`{wire}`: {text}")),
            _ => doc_attrs(&format!("`{wire}`")),
        };
        quote! {
            #docs
            #rust,
        }
    });
    let from_arms = values.variants.iter().map(|variant| {
        let rust = ident(&variant.rust_name);
        let wire = &variant.wire_value;
        quote!(#wire => Self::#rust,)
    });
    let wire = wire_impls(
        &name,
        gate,
        quote!(String),
        quote!(value.as_str()),
        quote!(serializer.serialize_str(self.as_str())),
        from_arms,
        &unknown,
    );
    let arms = values.variants.iter().map(|variant| {
        let rust = ident(&variant.rust_name);
        let wire = &variant.wire_value;
        quote!(Self::#rust => #wire,)
    });
    let unknown_doc = doc_attrs(
        "A value this version of the SDK does not know, kept as it was sent so that it \
         serializes back unchanged. It is never one of the values above: those always read as \
         their variants.",
    );
    let deprecated = deprecated_attr(def.deprecated);
    let derives = derive_attr(
        api,
        def.module,
        &def.name,
        &["Clone", "Debug", "PartialEq", "Eq", "Hash"],
    );
    quote! {
        #docs
        #gate
        #deprecated
        #derives
        #[non_exhaustive]
        pub enum #name {
            #(#variants)*
            #unknown_doc
            #unknown(super::runtime::unknown::UnknownValue<String>),
        }

        #gate
        impl #name {
            /// The value as it is sent on the wire.
            pub fn as_str(&self) -> &str {
                match self {
                    #(#arms)*
                    Self::#unknown(value) => value.as_str(),
                }
            }
        }

        #gate
        impl std::fmt::Display for #name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        #wire
    }
}

/// A union: an enum with one variant per alternative and an open catch-all.
///
/// Unions allow `clippy::large_enum_variant`: their variants are the API's own
/// types, held in place so that matching on them stays plain; boxing the large
/// ones would make every match and constructor clumsier for a saving only in
/// the rare unions whose alternatives differ much in size.
fn union_def(
    api: &Api,
    def: &TypeDef,
    docs: TokenStream,
    union: &Union,
    gate: &TokenStream,
) -> TokenStream {
    let name = ident(&def.name);
    let unknown = ident(&union.unknown_variant);
    let variants = union.variants.iter().map(|variant| {
        let rust = ident(&variant.rust_name);
        let ty = type_tokens(&variant.ty, Some(def.module));
        let doc = match variant.tags.as_slice() {
            [] => format!(" A `{}` value.", variant.rust_name),
            tags => format!(" Selected by `{}`.", tags.join("`, `")),
        };
        quote! {
            #[doc = #doc]
            #rust(#ty),
        }
    });
    let unknown_doc = " A value that matches no alternative, kept as it was sent.";
    let deprecated = deprecated_attr(def.deprecated);
    // `Deserialize` is written out below.
    let serde = wire::derives(
        api,
        Need::of(def.wire.serializes()),
        Need::Never,
        Some(quote!(untagged)),
    );
    let mut builtin = vec!["Clone", "Debug", "PartialEq"];
    builtin.extend(&serde.always);
    let derives = derive_attr(api, def.module, &def.name, &builtin);
    let serde_attrs = serde.attrs;
    let deserialize_gate = wire::gate(api, def.wire.deserializes());
    let definition = quote! {
        #docs
        #gate
        #deprecated
        #derives
        #serde_attrs
        #[allow(clippy::large_enum_variant)]
        #[non_exhaustive]
        pub enum #name {
            #(#variants)*
            #[doc = #unknown_doc]
            #unknown(super::runtime::unknown::UnknownValue<serde_json::Value>),
        }
    };
    // The alternatives without a tag are chosen by how well the value fits
    // each (`runtime::union`), then tried in that order; so is a tagged one
    // that may be `null`, for `null`, which has no tag.
    let untagged: Vec<(usize, &UnionVariant, TokenStream)> = union
        .variants
        .iter()
        .filter_map(|v| match (v.tags.is_empty(), &v.ty) {
            (true, ty) => Some((v, shapes::shape(api, ty))),
            (false, TypeRef::Nullable(_)) => Some((v, quote!(super::runtime::union::Shape::Null))),
            (false, _) => None,
        })
        .enumerate()
        .map(|(index, (v, shape))| (index, v, shape))
        .collect();
    // The statements that return the first alternative that reads, best
    // fit first; after them the value matches none.
    let tries = (!untagged.is_empty()).then(|| {
        let shapes = untagged.iter().map(|(_, _, shape)| shape);
        let arms = untagged.iter().map(|(index, variant, _)| {
            let rust = ident(&variant.rust_name);
            let index = proc_macro2::Literal::usize_unsuffixed(*index);
            quote!(#index => serde::Deserialize::deserialize(&value).map(Self::#rust),)
        });
        quote! {
            const SHAPES: &[super::runtime::union::Shape] = &[#(#shapes),*];
            for index in super::runtime::union::ranked(&value, SHAPES) {
                let read: Result<Self, serde_json::Error> = match index {
                    #(#arms)*
                    _ => continue,
                };
                if let Ok(found) = read {
                    return Ok(found);
                }
            }
        }
    });
    // With a discriminator the tag picks the alternative, which reads the
    // whole object: the alternatives' own types keep the tag property, so
    // serde's internally tagged enums, which take it away first, do not fit.
    // A tag no alternative has is weighed as an untagged value.
    let tagged: Vec<&UnionVariant> = union
        .variants
        .iter()
        .filter(|v| !v.tags.is_empty())
        .collect();
    let body = match (&union.discriminator, tagged.is_empty()) {
        (Some(discriminator), false) => {
            let property = &discriminator.property;
            let arms = tagged.iter().map(|variant| {
                let rust = ident(&variant.rust_name);
                let tags = &variant.tags;
                quote!(Some(#(#tags)|*) => serde_json::from_value(value).map(Self::#rust),)
            });
            quote! {
                let variant = match value.get(#property).and_then(serde_json::Value::as_str) {
                    #(#arms)*
                    _ => {
                        #tries
                        return Ok(Self::#unknown(super::runtime::unknown::UnknownValue::new(value)));
                    }
                };
                variant.map_err(serde::de::Error::custom)
            }
        }
        _ => quote! {
            #tries
            Ok(Self::#unknown(super::runtime::unknown::UnknownValue::new(value)))
        },
    };
    quote! {
        #definition

        #gate
        #deserialize_gate
        impl<'de> serde::Deserialize<'de> for #name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let value = serde_json::Value::deserialize(deserializer)?;
                #body
            }
        }
    }
}

/// Adds what sdkgen passed over to a doc text, one paragraph each.
pub(crate) fn append_notes<'a>(text: &mut String, notes: impl Iterator<Item = &'a str>) {
    for note in notes {
        text.push_str(&format!("\n\n**Generator note:** {note}"));
    }
}

/// An integer enum: an integer on the wire, a variant per listed value, and
/// the catch-all for others.
fn int_enum_def(
    api: &Api,
    def: &TypeDef,
    docs: TokenStream,
    values: &IntEnum,
    gate: &TokenStream,
) -> TokenStream {
    let name = ident(&def.name);
    let unknown = ident(&values.unknown_variant);
    let variants = values.variants.iter().map(|(rust, value)| {
        let rust = ident(rust);
        let doc = format!(" `{value}`");
        quote! {
            #[doc = #doc]
            #rust,
        }
    });
    let literal = |value: &i64| proc_macro2::Literal::i64_unsuffixed(*value);
    let to_value = values.variants.iter().map(|(rust, value)| {
        let (rust, value) = (ident(rust), literal(value));
        quote!(Self::#rust => #value,)
    });
    let from_value = values.variants.iter().map(|(rust, value)| {
        let (rust, value) = (ident(rust), literal(value));
        quote!(#value => Self::#rust,)
    });
    let wire = wire_impls(
        &name,
        gate,
        quote!(i64),
        quote!(value),
        quote!(serializer.serialize_i64(self.value())),
        from_value,
        &unknown,
    );
    let deprecated = deprecated_attr(def.deprecated);
    let derives = derive_attr(
        api,
        def.module,
        &def.name,
        &["Clone", "Copy", "Debug", "PartialEq", "Eq", "Hash"],
    );
    quote! {
        #docs
        #gate
        #deprecated
        #derives
        #[non_exhaustive]
        pub enum #name {
            #(#variants)*
            /// A value this version of the SDK does not know, kept as it was sent. It is
            /// never one of the values above.
            #unknown(super::runtime::unknown::UnknownValue<i64>),
        }

        #gate
        impl #name {
            /// The value as it is sent on the wire.
            pub fn value(self) -> i64 {
                match self {
                    #(#to_value)*
                    Self::#unknown(value) => value.into_inner(),
                }
            }
        }

        #wire
    }
}

/// `From<wire>` and serde's two impls of an enum with a catch-all variant,
/// through its wire type (`String`, `i64`): `scrutinee` is what `arms` match
/// a `value: wire` by, `serialize` writes `self`. Written out rather than
/// derived: the derive writes variants as strings, and with an untagged
/// catch-all it buffers each value to try the known names first, which is
/// several times the code to compile.
fn wire_impls(
    name: &proc_macro2::Ident,
    gate: &TokenStream,
    wire: TokenStream,
    scrutinee: TokenStream,
    serialize: TokenStream,
    arms: impl Iterator<Item = TokenStream>,
    unknown: &proc_macro2::Ident,
) -> TokenStream {
    quote! {
        #gate
        impl From<#wire> for #name {
            /// The variant for a wire value; a value it does not know is kept in
            /// the catch-all.
            fn from(value: #wire) -> Self {
                match #scrutinee {
                    #(#arms)*
                    _ => Self::#unknown(super::runtime::unknown::UnknownValue::new(value)),
                }
            }
        }

        #gate
        impl serde::Serialize for #name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                #serialize
            }
        }

        #gate
        impl<'de> serde::Deserialize<'de> for #name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                // A match, not `.map(Self::from)`: that compiled a
                // `Result::map` and a call shim per enum and deserializer.
                match <#wire as serde::Deserialize>::deserialize(deserializer) {
                    Ok(value) => Ok(Self::from(value)),
                    Err(error) => Err(error),
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::fallback_doc;

    #[test]
    fn an_undocumented_alternative_says_whose_it_is() {
        assert_eq!(
            fallback_doc("#/components/schemas/Allocation/oneOf/1"),
            "Alternative 2 of `#/components/schemas/Allocation`."
        );
        assert_eq!(
            fallback_doc("#/components/schemas/Pet/properties/tag"),
            "The `tag` schema."
        );
        assert_eq!(
            fallback_doc("#/components/schemas/oneOf"),
            "The `oneOf` schema."
        );
    }
}
