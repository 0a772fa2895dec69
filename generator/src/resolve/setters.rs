//! The setters of models: one per optional field, and one more that sets an
//! optional nullable field to `null`, claimed per type in one pass once the
//! fields are final, beside the methods every model has.

use crate::ir::{TypeDef, TypeKind, TypeRef};
use crate::naming::{self, Scope};

/// Names the setters of every struct's optional fields. A required field is
/// an argument of `new`; a field that holds its one allowed value (a tag)
/// is filled in by `new` and needs none.
pub fn name_model_setters(types: &mut [TypeDef]) {
    for def in types {
        let TypeKind::Struct(body) = &mut def.kind else {
            continue;
        };
        let mut methods = Scope::with_taken(naming::VALUE_METHODS);
        for field in body.fields.iter_mut().filter(|f| !f.required) {
            field.setter = Some(naming::claim_setter(&mut methods, &field.rust_name));
        }
        // After every value setter, so that a field called `x_null` keeps
        // its own name and the null setter of `x` is the one renumbered.
        for field in body.fields.iter_mut().filter(|f| !f.required) {
            if matches!(field.ty, TypeRef::Nullable(_)) {
                field.null_setter = Some(naming::claim_null_setter(&mut methods, &field.rust_name));
            }
        }
    }
}
