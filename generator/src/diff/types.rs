//! Named types: models, and the request bodies, inline schemas and
//! responses by status of `operations`.

use super::{field_text, keyed, type_text, unraw, Changes, Class};
use crate::ir::{Api, Module, TypeDef, TypeKind, TypeRef};

/// A field of a struct or request type, as the diff compares it.
#[derive(Debug, Clone, Copy)]
pub(super) struct FieldView<'a> {
    pub ty: &'a TypeRef,
    pub required: bool,
    pub deprecated: bool,
    pub doc: Option<&'a str>,
    pub setter: Option<&'a str>,
    /// A required field `new` fills in itself (a tag): no argument.
    pub fixed: bool,
}

pub(super) fn compare(old: &Api, new: &Api, changes: &mut Changes) {
    let by_name = |api: &Api| -> Vec<(String, usize)> {
        api.types
            .iter()
            .enumerate()
            .map(|(at, def)| (path(def), at))
            .collect()
    };
    // A type gone while a new one of the very same shape appeared was
    // renamed (its schema's key changed).
    let mut renamed_to: Vec<String> = Vec::new();
    keyed(&by_name(old), &by_name(new), |name, before, after| {
        match (before, after) {
            (Some(&b), None) => {
                let gone = &old.types[b];
                let successor = new.types.iter().find(|def| {
                    def.module == gone.module
                        && def.kind == gone.kind
                        && !old.types.iter().any(|o| path(o) == path(def))
                });
                match successor {
                    Some(def) => {
                        renamed_to.push(path(def));
                        changes.push(
                            Class::Major,
                            "type renamed",
                            name,
                            format!("now `{}`", path(def)),
                        );
                    }
                    None => changes.push(Class::Major, "type removed", name, ""),
                }
            }
            (None, Some(_)) => {
                if !renamed_to.iter().any(|r| r == name) {
                    changes.push(Class::Minor, "type added", name, "");
                }
            }
            (Some(&b), Some(&a)) => compare_type(name, &old.types[b], &new.types[a], changes),
            (None, None) => {}
        }
    });
}

/// `models::Order`, `operations::CreateOrderError`.
fn path(def: &TypeDef) -> String {
    let module = match def.module {
        Module::Models => "models",
        Module::Operations => "operations",
    };
    format!("{module}::{}", def.name)
}

fn compare_type(item: &str, old: &TypeDef, new: &TypeDef, changes: &mut Changes) {
    match (old.deprecated, new.deprecated) {
        (false, true) => changes.push(Class::Minor, "type deprecated", item, ""),
        (true, false) => changes.push(Class::Minor, "type no longer deprecated", item, ""),
        _ => {}
    }
    if old.doc != new.doc {
        changes.push(Class::Patch, "docs changed", item, "the type's description");
    }
    match (&old.kind, &new.kind) {
        (TypeKind::Struct(a), TypeKind::Struct(b)) => {
            let fields = |s: &crate::ir::Struct| -> Vec<(String, usize)> {
                s.fields
                    .iter()
                    .enumerate()
                    .map(|(i, f)| (f.rust_name.clone(), i))
                    .collect()
            };
            keyed(&fields(a), &fields(b), |name, before, after| {
                compare_field(
                    &format!("{item}::{}", unraw(name)),
                    before.map(|&i| field_view(&a.fields[i])),
                    after.map(|&i| field_view(&b.fields[i])),
                    changes,
                );
            });
            if a.additional != b.additional {
                changes.push(
                    Class::Major,
                    "field type changed",
                    format!("{item}::additional_properties"),
                    format!(
                        "{} → {}",
                        type_text(&a.additional),
                        type_text(&b.additional)
                    ),
                );
            }
        }
        (TypeKind::Enum(a), TypeKind::Enum(b)) => {
            let values = |e: &crate::ir::StringEnum| -> Vec<(String, String)> {
                e.variants
                    .iter()
                    .map(|v| (v.rust_name.clone(), v.wire_value.clone()))
                    .collect()
            };
            compare_variants(item, &values(a), &values(b), |w| format!("`{w}`"), changes);
            catch_all(item, &a.unknown_variant, &b.unknown_variant, changes);
        }
        (TypeKind::IntEnum(a), TypeKind::IntEnum(b)) => {
            compare_variants(
                item,
                &a.variants,
                &b.variants,
                |v| format!("`{v}`"),
                changes,
            );
            catch_all(item, &a.unknown_variant, &b.unknown_variant, changes);
        }
        (TypeKind::Union(a), TypeKind::Union(b)) => {
            let alternatives = |u: &crate::ir::Union| -> Vec<(String, TypeRef)> {
                u.variants
                    .iter()
                    .map(|v| (v.rust_name.clone(), v.ty.clone()))
                    .collect()
            };
            compare_variants(item, &alternatives(a), &alternatives(b), type_text, changes);
            catch_all(item, &a.unknown_variant, &b.unknown_variant, changes);
        }
        (TypeKind::Statuses(a), TypeKind::Statuses(b)) => {
            let statuses = |v: &[crate::ir::StatusVariant]| -> Vec<(String, Option<TypeRef>)> {
                v.iter()
                    .map(|s| (s.rust_name.clone(), s.ty.clone()))
                    .collect()
            };
            compare_variants(
                item,
                &statuses(a),
                &statuses(b),
                |ty| ty.as_ref().map_or_else(|| "no body".to_owned(), type_text),
                changes,
            );
        }
        (TypeKind::Alias(a), TypeKind::Alias(b)) if a != b => changes.push(
            Class::Major,
            "type changed",
            item,
            format!("{} → {}", type_text(a), type_text(b)),
        ),
        (TypeKind::Alias(_), TypeKind::Alias(_)) => {}
        (TypeKind::External(a), TypeKind::External(b)) if a != b => {
            changes.push(Class::Major, "type changed", item, format!("`{a}` → `{b}`"))
        }
        (TypeKind::External(_), TypeKind::External(_)) => {}
        (a, b) => changes.push(
            Class::Major,
            "type changed",
            item,
            format!("{} → {}", kind_name(a), kind_name(b)),
        ),
    }
}

fn field_view(f: &crate::ir::Field) -> FieldView<'_> {
    FieldView {
        ty: &f.ty,
        required: f.required,
        deprecated: f.deprecated,
        doc: f.doc.as_deref(),
        setter: f.setter.as_deref(),
        fixed: f.fixed.is_some(),
    }
}

fn kind_name(kind: &TypeKind) -> &'static str {
    match kind {
        TypeKind::Struct(_) => "struct",
        TypeKind::Enum(_) => "string enum",
        TypeKind::IntEnum(_) => "integer enum",
        TypeKind::Alias(_) => "alias",
        TypeKind::Union(_) => "union",
        TypeKind::Statuses(_) => "enum of responses by status",
        TypeKind::External(_) => "a type of the user's",
    }
}

/// Variants of an enum, union or enum by status: one gone narrows the type
/// (code that names it breaks, and a value it took now reads as unknown);
/// one added is minor, as the enum is `#[non_exhaustive]`.
fn compare_variants<T: PartialEq>(
    item: &str,
    old: &[(String, T)],
    new: &[(String, T)],
    show: impl Fn(&T) -> String,
    changes: &mut Changes,
) {
    keyed(old, new, |name, before, after| {
        let variant = format!("{item}::{name}");
        match (before, after) {
            (Some(b), None) => changes.push(Class::Major, "variant removed", variant, show(b)),
            (None, Some(a)) => changes.push(Class::Minor, "variant added", variant, show(a)),
            (Some(b), Some(a)) if b != a => changes.push(
                Class::Major,
                "variant changed",
                variant,
                format!("{} → {}", show(b), show(a)),
            ),
            _ => {}
        }
    });
}

fn catch_all(item: &str, old: &str, new: &str, changes: &mut Changes) {
    if old != new {
        changes.push(
            Class::Major,
            "variant renamed",
            format!("{item}::{old}"),
            format!("the catch-all is now `{new}`"),
        );
    }
}

/// One field of a model or request type. Its setter is part of the API
/// too: a renamed setter breaks as a renamed field does.
pub(super) fn compare_field(
    item: &str,
    old: Option<FieldView<'_>>,
    new: Option<FieldView<'_>>,
    changes: &mut Changes,
) {
    match (old, new) {
        (Some(b), None) => changes.push(
            Class::Major,
            "field removed",
            item,
            field_text(b.ty, b.required),
        ),
        (None, Some(a)) if a.required && !a.fixed => changes.push(
            Class::Major,
            "required field added",
            item,
            format!("{}: `new` takes another argument", type_text(a.ty)),
        ),
        (None, Some(a)) => changes.push(
            Class::Minor,
            "field added",
            item,
            field_text(a.ty, a.required),
        ),
        (Some(b), Some(a)) => {
            let (before, after) = (field_text(b.ty, b.required), field_text(a.ty, a.required));
            if b.ty != a.ty {
                changes.push(
                    Class::Major,
                    "field type changed",
                    item,
                    format!("{before} → {after}"),
                );
            } else if b.required != a.required {
                let kind = if a.required {
                    "field became required"
                } else {
                    "field became optional"
                };
                changes.push(Class::Major, kind, item, format!("{before} → {after}"));
            } else if b.setter != a.setter {
                changes.push(
                    Class::Major,
                    "setter renamed",
                    item,
                    format!(
                        "`{}` → `{}`",
                        b.setter.unwrap_or("-"),
                        a.setter.unwrap_or("-")
                    ),
                );
            }
            match (b.deprecated, a.deprecated) {
                (false, true) => changes.push(Class::Minor, "field deprecated", item, ""),
                (true, false) => changes.push(Class::Minor, "field no longer deprecated", item, ""),
                _ => {}
            }
            if b.doc != a.doc {
                changes.push(
                    Class::Patch,
                    "docs changed",
                    item,
                    "the field's description",
                );
            }
        }
        (None, None) => {}
    }
}
