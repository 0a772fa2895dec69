//! Where a typed format can stand. `byte` is `Vec<u8>` whose serde is the
//! runtime's base64 adapters, which a struct field names with `#[serde(with
//! = …)]`: a field of the bytes, of nullable bytes, or of a list of them.
//! Anywhere else (a union alternative, an alias, a map's values, a
//! parameter, a whole body) `Vec<u8>`'s own serde would write a list of
//! numbers, so the string stays a `String` there, with a warning. The other
//! formats' types carry their own serde and stand anywhere.

use crate::error::{Location, Warning};
use crate::ir::{kind_refs_mut, Api, Format, TypeKind, TypeRef};

/// Whether a struct field of type `ty` can hold bytes: the runtime has an
/// adapter for its shape.
pub fn bytes_field(ty: &TypeRef) -> bool {
    const BYTES: TypeRef = TypeRef::Formatted(Format::Bytes);
    match ty {
        TypeRef::Nullable(inner) | TypeRef::Vec(inner) => **inner == BYTES,
        ty => *ty == BYTES,
    }
}

/// Turns every `byte` that is not a field `bytes_field` allows back into a
/// `String`, with a warning at the schema it belongs to.
pub fn confine_bytes(api: &mut Api, warnings: &mut Vec<Warning>) {
    let mut warn = |pointer: &str| {
        warnings.push(Warning {
            location: Location::pointer(pointer),
            message: "`format: byte` is read as bytes only in an object's property (itself, \
                      nullable, or a list of it); here it stays a String, the base64 text as \
                      sent"
                .to_owned(),
        })
    };
    for def in &mut api.types {
        let mut changed = false;
        if let TypeKind::Struct(body) = &mut def.kind {
            for field in &mut body.fields {
                if !bytes_field(&field.ty) {
                    changed |= demote(&mut field.ty);
                }
            }
            changed |= demote(&mut body.additional);
        } else {
            for ty in kind_refs_mut(&mut def.kind) {
                changed |= demote(ty);
            }
        }
        if changed {
            warn(&def.origin);
        }
    }
    for op in &mut api.operations {
        let mut changed = false;
        for ty in op.type_refs_mut() {
            changed |= demote(ty);
        }
        if changed {
            warn(&op.origin);
        }
    }
    for webhook in &mut api.webhooks {
        if demote(&mut webhook.payload) {
            warn(&webhook.origin);
        }
    }
}

/// Replaces bytes inside `ty` with `String`; whether it did.
fn demote(ty: &mut TypeRef) -> bool {
    match ty {
        TypeRef::Formatted(Format::Bytes) => {
            *ty = TypeRef::String;
            true
        }
        TypeRef::Vec(inner)
        | TypeRef::Map(inner)
        | TypeRef::Nullable(inner)
        | TypeRef::Boxed(inner) => demote(inner),
        _ => false,
    }
}
