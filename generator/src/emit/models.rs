//! Named types: structs, open enums and aliases.

use proc_macro2::TokenStream;
use quote::quote;

use super::docs::{doc_attrs, doc_or};
use super::{field_type_tokens, ident, type_tokens, unraw};
use crate::ir::{Api, Module, StringEnum, Struct, TypeDef, TypeKind, TypeRef};

/// The file of all types that live in `module`, headed by `module_doc`.
pub fn types_rs(api: &Api, module: Module, module_doc: &str) -> TokenStream {
    let module_doc = format!(" {module_doc}");
    let types = types_in(api, module);
    quote! {
        #![doc = #module_doc]
        #types
    }
}

/// Every type of `module`, in the order resolve defined them.
pub fn types_in(api: &Api, module: Module) -> TokenStream {
    api.types
        .iter()
        .filter(|def| def.module == module)
        .map(type_def)
        .collect()
}

fn type_def(def: &TypeDef) -> TokenStream {
    let fallback = format!(
        "The `{}` schema.",
        def.origin.rsplit('/').next().unwrap_or("")
    );
    let docs = doc_or(def.doc.as_deref(), &fallback);
    match &def.kind {
        TypeKind::Struct(fields) => struct_def(def, docs, fields),
        TypeKind::Enum(values) => enum_def(def, docs, values),
        TypeKind::Alias(target) => {
            let name = ident(&def.name);
            let target = type_tokens(target, Some(def.module));
            quote! {
                #docs
                pub type #name = #target;
            }
        }
    }
}

fn struct_def(def: &TypeDef, docs: TokenStream, body: &Struct) -> TokenStream {
    let name = ident(&def.name);
    let fields = body.fields.iter().map(|f| {
        let fallback = format!("The `{}` property.", f.wire_name);
        let docs = doc_or(f.doc.as_deref(), &fallback);
        field(
            &f.rust_name,
            &f.wire_name,
            &f.ty,
            f.required,
            docs,
            def.module,
        )
    });
    let all_optional = body.fields.iter().all(|f| !f.required);
    // A struct whose fields may all be absent has an obvious default: empty.
    let default = all_optional.then(|| quote!(Default,));
    let args: Vec<Arg<'_>> = body
        .fields
        .iter()
        .map(|f| Arg {
            name: &f.rust_name,
            ty: &f.ty,
            required: f.required,
        })
        .collect();
    let constructor = constructor(&args, def.module);
    quote! {
        #docs
        #[derive(Clone, Debug, #default PartialEq, serde::Serialize, serde::Deserialize)]
        pub struct #name {
            #(#fields)*
        }

        impl #name {
            #constructor
        }
    }
}

/// One struct field with its docs and serde attributes: renamed when the Rust
/// name differs from `key`, left out of the JSON when optional and `None`.
pub(crate) fn field(
    name: &str,
    key: &str,
    ty: &TypeRef,
    required: bool,
    docs: TokenStream,
    module: Module,
) -> TokenStream {
    let rust = ident(name);
    let ty = field_type_tokens(ty, required, Some(module));
    let mut serde_args = Vec::new();
    if unraw(name) != key {
        serde_args.push(quote!(rename = #key));
    }
    if !required {
        serde_args.push(quote!(skip_serializing_if = "Option::is_none"));
    }
    let serde_attr = (!serde_args.is_empty()).then(|| quote!(#[serde(#(#serde_args),*)]));
    quote! {
        #docs
        #serde_attr
        pub #rust: #ty,
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
}

/// `new(required…)`: one argument per required field, every optional field
/// `None`. Shared by models and request types.
pub(crate) fn constructor(fields: &[Arg<'_>], module: Module) -> TokenStream {
    let required: Vec<&Arg<'_>> = fields.iter().filter(|f| f.required).collect();
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
    let inits = fields.iter().map(|field| {
        let name = ident(field.name);
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
    let doc = if required.is_empty() {
        " Creates a value with every field empty."
    } else {
        " Creates a value from its required fields; the optional ones start empty."
    };
    quote! {
        #[doc = #doc]
        #too_many
        #placeholder
        pub fn new(#(#params),*) -> Self {
            Self { #(#inits),* }
        }
    }
}

fn enum_def(def: &TypeDef, docs: TokenStream, values: &StringEnum) -> TokenStream {
    let name = ident(&def.name);
    let unknown = ident(&values.unknown_variant);
    let variants = values.variants.iter().map(|variant| {
        let rust = ident(&variant.rust_name);
        let wire = &variant.wire_value;
        let doc = format!(" `{wire}`");
        let rename = (variant.rust_name != *wire).then(|| quote!(#[serde(rename = #wire)]));
        quote! {
            #[doc = #doc]
            #rename
            #rust,
        }
    });
    let arms = values.variants.iter().map(|variant| {
        let rust = ident(&variant.rust_name);
        let wire = &variant.wire_value;
        quote!(Self::#rust => #wire,)
    });
    let unknown_doc = doc_attrs(
        "A value this version of the SDK does not know, kept as it was sent so that it \
         serializes back unchanged.",
    );
    quote! {
        #docs
        #[derive(Clone, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
        pub enum #name {
            #(#variants)*
            #unknown_doc
            #[serde(untagged)]
            #unknown(String),
        }

        impl #name {
            /// The value as it is sent on the wire.
            pub fn as_str(&self) -> &str {
                match self {
                    #(#arms)*
                    Self::#unknown(value) => value,
                }
            }
        }

        impl std::fmt::Display for #name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
    }
}
