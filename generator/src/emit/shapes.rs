//! The runtime's `union::Shape` of each alternative of a union: what the
//! generated `Deserialize` weighs a value against before it tries the
//! alternatives (see `templates/runtime/src/union.rs`).

use proc_macro2::TokenStream;
use quote::quote;

use crate::ir::{Api, Struct, TypeKind, TypeRef};

/// How far shapes follow named unions and aliases into each other; past it
/// an alternative is `Any` and only reading it tells. Structs are never
/// followed into their fields, so a type that holds itself ends here too.
const MAX_DEPTH: usize = 3;

/// The `Shape` of a value of `ty`, as a constant expression.
pub fn shape(api: &Api, ty: &TypeRef) -> TokenStream {
    shape_at(api, ty, 0)
}

fn shape_at(api: &Api, ty: &TypeRef, depth: usize) -> TokenStream {
    let path = quote!(super::runtime::union);
    match ty {
        // A formatted string may not parse: then the next alternative is
        // tried, as for any that does not read.
        TypeRef::String | TypeRef::Formatted(_) => quote!(#path::Shape::String),
        TypeRef::Bool => quote!(#path::Shape::Bool),
        TypeRef::I8
        | TypeRef::I16
        | TypeRef::I32
        | TypeRef::I64
        | TypeRef::U8
        | TypeRef::U16
        | TypeRef::U32
        | TypeRef::U64 => quote!(#path::Shape::Integer),
        TypeRef::F64 => quote!(#path::Shape::Number),
        TypeRef::Json | TypeRef::Download | TypeRef::Upload => quote!(#path::Shape::Any),
        TypeRef::Vec(item) => {
            let item = shape_at(api, item, depth);
            quote!(#path::Shape::Array(&#item))
        }
        TypeRef::Map(value) => {
            let value = shape_at(api, value, depth);
            quote!(#path::Shape::Map(&#value))
        }
        TypeRef::Nullable(inner) => {
            let inner = shape_at(api, inner, depth);
            quote!(#path::Shape::Nullable(&#inner))
        }
        TypeRef::Boxed(inner) => shape_at(api, inner, depth),
        TypeRef::Named { .. } => match api.named(ty).map(|def| &def.kind) {
            _ if depth >= MAX_DEPTH => quote!(#path::Shape::Any),
            Some(TypeKind::Struct(body)) => object(api, body),
            Some(TypeKind::Enum(values)) => {
                let listed = values.variants.iter().map(|v| &v.wire_value);
                quote!(#path::Shape::Enum(&[#(#listed),*]))
            }
            Some(TypeKind::IntEnum(values)) => {
                let listed = values
                    .variants
                    .iter()
                    .map(|(_, n)| proc_macro2::Literal::i64_unsuffixed(*n));
                quote!(#path::Shape::IntEnum(&[#(#listed),*]))
            }
            Some(TypeKind::Union(union)) => {
                let alternatives = union
                    .variants
                    .iter()
                    .map(|v| shape_at(api, &v.ty, depth + 1));
                quote!(#path::Shape::OneOf(&[#(#alternatives),*]))
            }
            Some(TypeKind::Alias(target)) => shape_at(api, target, depth + 1),
            Some(TypeKind::Statuses(_) | TypeKind::External(_)) | None => {
                quote!(#path::Shape::Any)
            }
        },
    }
}

/// An object's shape: the properties it lists, those it requires, those a
/// one-value enum fixes (its tags), and whether it is closed.
fn object(api: &Api, body: &Struct) -> TokenStream {
    let properties = body.fields.iter().map(|f| &f.wire_name);
    let required = body
        .fields
        .iter()
        .filter(|f| f.required)
        .map(|f| &f.wire_name);
    let tags = body.fields.iter().filter_map(|f| {
        let TypeKind::Enum(values) = &api.named(&f.ty)?.kind else {
            return None;
        };
        let [only] = values.variants.as_slice() else {
            return None;
        };
        let (property, value) = (&f.wire_name, &only.wire_value);
        Some(quote!((#property, #value)))
    });
    let closed = body.closed;
    quote! {
        super::runtime::union::Shape::Object(&super::runtime::union::Object {
            properties: &[#(#properties),*],
            required: &[#(#required),*],
            tags: &[#(#tags),*],
            closed: #closed,
        })
    }
}
