//! A struct's `Deserialize`, written out: the object read whole by the
//! runtime (`runtime::object`), then one line per field taking its property
//! out of it, and the rest kept as the other properties. serde's derive of
//! the same (a visitor, a field enum, and a buffer for the flattened map) was
//! the largest part of what a big crate took to check; these lines say what
//! its attributes said, field by field.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::models::{holds_null, is_upload, text_adapter};
use super::{ident, wire};
use crate::ir::{Api, Field, Struct, TypeDef, TypeRef};
use crate::naming;

/// `impl Deserialize for` the struct `def`, behind `gate` (its features) and
/// compiled only where the client reads it or with `full-serde`.
pub fn deserialize_impl(
    api: &Api,
    def: &TypeDef,
    body: &Struct,
    gate: &TokenStream,
) -> TokenStream {
    let name = ident(&def.name);
    let serde_gate = wire::gate(api, def.wire.deserializes());
    // Every field but the uploads is read into one tuple, checked once by
    // a `let … else`: a `?` per field cost the compiler more (each early
    // return drops the fields read before it). The reading is a function
    // inside `deserialize` that is not generic, so it is compiled once per
    // struct rather than once per deserializer; the deserializer gets its
    // error at the end.
    // The values are bound by position (`f0`, `f1`, …), not by the fields'
    // names: a name such as `foo` or a run of one-letter names would set off
    // clippy in the user's crate, and these never meet an item in scope.
    let (mut bindings, mut reads, mut fields) = (Vec::new(), Vec::new(), Vec::new());
    for f in &body.fields {
        let rust = ident(&f.rust_name);
        // Files are sent as parts of their own, never read from JSON.
        if is_upload(&f.ty) {
            fields.push(quote!(#rust: Default::default()));
            continue;
        }
        let value = format_ident!("f{}", bindings.len());
        reads.push(read(api, f));
        fields.push(quote!(#rust: #value));
        bindings.push(value);
    }
    let additional = ident(naming::ADDITIONAL_PROPERTIES_FIELD);
    quote! {
        #gate
        #serde_gate
        impl<'de> serde::Deserialize<'de> for #name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                fn read(mut object: super::runtime::object::Object) -> Result<#name, serde_json::Error> {
                    let (#(Some(#bindings),)* Some(rest),) = (#(#reads,)* object.rest(),) else {
                        return Err(object.error());
                    };
                    Ok(#name { #(#fields,)* #additional: rest })
                }
                match read(super::runtime::object::Object::read(deserializer)?) {
                    Ok(value) => Ok(value),
                    Err(error) => Err(serde::de::Error::custom(error)),
                }
            }
        }
    }
}

/// How one field is read, as the derive's attributes had it (see
/// `models::field`): a call giving `Some` value or `None`.
fn read(api: &Api, f: &Field) -> TokenStream {
    let key = &f.wire_name;
    if let Some(adapter) = text_adapter(&f.ty, f.required) {
        let adapter: syn::Path =
            syn::parse_str(&format!("{adapter}::deserialize")).expect("an adapter is a path");
        if f.required {
            quote!(object.required_with(#key, #adapter))
        } else {
            quote!(object.optional_with(#key, #adapter))
        }
    } else if let Some(default_fn) = &f.default_fn {
        let default_fn = ident(&default_fn.name);
        quote!(object.or_else(#key, #default_fn))
    } else if f.required && absent_is_none(api, &f.ty) {
        // serde's derive reads an absent `Option` as `None`.
        quote!(object.or_else(#key, Default::default))
    } else if f.required {
        quote!(object.required(#key))
    } else if holds_null(api, &f.ty) {
        // Absent stays `None`; a present `null` is `Some` of the type's null.
        quote!(object.present(#key))
    } else {
        quote!(object.optional(#key))
    }
}

/// Whether a field of type `ty` is an `Option` (directly, boxed, or through
/// aliases), which serde's derive reads as `None` when the property is
/// absent, required or not.
fn absent_is_none(api: &Api, ty: &TypeRef) -> bool {
    matches!(api.dealiased(ty, 0), (TypeRef::Nullable(_), _))
}
