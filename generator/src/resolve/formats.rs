//! Where a typed format can stand. `byte` (`Vec<u8>`) and the `time`
//! crate's dates are read and written through the runtime's `text_format`
//! adapters, which a struct field names with `#[serde(with = …)]`: a field
//! of the value, of a nullable one, or of a list of them. Anywhere else (a
//! union alternative, an alias, a map's values, a parameter, a whole body)
//! the type's own serde would write something else (a list of numbers, a
//! tuple), so the string stays a `String` there, with a warning. The other
//! formats' types carry their own serde and stand anywhere.

use crate::error::{Location, Warning};
use crate::ir::{kind_refs_mut, Api, Format, TypeKind, TypeRef};

/// The format of a struct field of type `ty` that the runtime's adapter
/// for its shape reads (the value, a nullable one, a list of them).
pub fn adapted_field(ty: &TypeRef) -> Option<Format> {
    let leaf = match ty {
        TypeRef::Nullable(inner) | TypeRef::Vec(inner) => inner.as_ref(),
        ty => ty,
    };
    match leaf {
        TypeRef::Formatted(format) if format.needs_adapter() => Some(*format),
        _ => None,
    }
}

/// Turns every format that needs an adapter and stands where
/// `adapted_field` finds none back into a `String`, with a warning at the
/// schema it belongs to.
pub fn confine_adapted(api: &mut Api, warnings: &mut Vec<Warning>) {
    let mut warn = |pointer: &str| {
        warnings.push(Warning {
            location: Location::pointer(pointer),
            message: "`format: byte`, or a date read with the `time` crate, is typed only in \
                      an object's property (itself, nullable, or a list of it); here it stays \
                      a String, the text as sent"
                .to_owned(),
        })
    };
    for def in &mut api.types {
        let mut changed = false;
        if let TypeKind::Struct(body) = &mut def.kind {
            for field in &mut body.fields {
                if adapted_field(&field.ty).is_none() {
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

/// Replaces a format that needs an adapter inside `ty` with `String`;
/// whether it did.
fn demote(ty: &mut TypeRef) -> bool {
    match ty {
        TypeRef::Formatted(format) if format.needs_adapter() => {
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
