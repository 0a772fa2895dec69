//! The functions that fill in a required field the server leaves out, with
//! the field's `default` (`#[serde(default = "…")]`). They are items of the
//! type's module, so their names are claimed in the module's scope with the
//! type names, once every type has its final name: two types `Paging
//! {size_max}` and `PagingSize {max}` both want `default_paging_size_max`,
//! and the second gets `default_paging_size_max2`.

use std::collections::BTreeMap;

use serde_json::Value;

use crate::ir::{type_index, DefaultFn, Literal, Module, TypeDef, TypeKind, TypeRef};
use crate::naming::{self, Scope};

/// Marks each required field whose type is an enum of one value (a
/// discriminated union's tag, a `const`) with that value's variant, so
/// that `new` fills it in (`Field::fixed`).
pub fn fix_constants(types: &mut [TypeDef]) {
    let index = type_index(types);
    let mut found: Vec<(usize, usize, String)> = Vec::new();
    for (at, def) in types.iter().enumerate() {
        let TypeKind::Struct(body) = &def.kind else {
            continue;
        };
        for (field_at, field) in body.fields.iter().enumerate() {
            let TypeRef::Named { module, name } = &field.ty else {
                continue;
            };
            let only = match index
                .get(&(*module, name.as_str()))
                .map(|&i| &types[i].kind)
            {
                Some(TypeKind::Enum(e)) if e.variants.len() == 1 => &e.variants[0].rust_name,
                Some(TypeKind::IntEnum(e)) if e.variants.len() == 1 => &e.variants[0].0,
                _ => continue,
            };
            if field.required {
                found.push((at, field_at, only.clone()));
            }
        }
    }
    for (at, field_at, variant) in found {
        if let TypeKind::Struct(body) = &mut types[at].kind {
            body.fields[field_at].fixed = Some(variant);
        }
    }
}

/// Gives each required field whose `default` is a literal of its type a
/// default function, named in its module's scope.
pub fn name_default_fns(types: &mut [TypeDef], scopes: &mut BTreeMap<Module, Scope>) {
    let index = type_index(types);
    let lookup = |ty: &TypeRef| match ty {
        TypeRef::Named { module, name } => index.get(&(*module, name.as_str())).map(|&i| &types[i]),
        _ => None,
    };
    let mut found: Vec<(usize, usize, Literal)> = Vec::new();
    for (at, def) in types.iter().enumerate() {
        let TypeKind::Struct(body) = &def.kind else {
            continue;
        };
        for (field_at, field) in body.fields.iter().enumerate() {
            let literal = match (&field.default, field.required) {
                (Some(value), true) => literal(&field.ty, value, |ty| lookup(ty)),
                _ => None,
            };
            if let Some(literal) = literal {
                found.push((at, field_at, literal));
            }
        }
    }
    for (at, field_at, literal) in found {
        let def = &mut types[at];
        let TypeKind::Struct(body) = &mut def.kind else {
            continue;
        };
        let field = &mut body.fields[field_at];
        let wanted = naming::default_fn_name(&def.name, &field.rust_name);
        let name = scopes.entry(def.module).or_default().claim(wanted);
        field.default_fn = Some(DefaultFn { name, literal });
    }
}

/// `value` as a Rust literal of `ty`, when it can be written so: a string,
/// boolean, number in range, empty array, or a listed value of a string enum.
/// Anything else is documentation only.
fn literal<'t>(
    ty: &TypeRef,
    value: &Value,
    lookup: impl Fn(&TypeRef) -> Option<&'t TypeDef>,
) -> Option<Literal> {
    let integer = |fits: fn(i128) -> bool| {
        let n = value
            .as_i64()
            .map(i128::from)
            .or(value.as_u64().map(i128::from))?;
        fits(n).then_some(Literal::Integer(n))
    };
    match (ty, value) {
        (TypeRef::String, Value::String(text)) => Some(Literal::String(text.clone())),
        (TypeRef::Bool, Value::Bool(flag)) => Some(Literal::Bool(*flag)),
        (TypeRef::F64, Value::Number(n)) => n.as_f64().map(Literal::Float),
        (TypeRef::I8, _) => integer(|n| i8::try_from(n).is_ok()),
        (TypeRef::I16, _) => integer(|n| i16::try_from(n).is_ok()),
        (TypeRef::I32, _) => integer(|n| i32::try_from(n).is_ok()),
        (TypeRef::I64, _) => integer(|n| i64::try_from(n).is_ok()),
        (TypeRef::U8, _) => integer(|n| u8::try_from(n).is_ok()),
        (TypeRef::U16, _) => integer(|n| u16::try_from(n).is_ok()),
        (TypeRef::U32, _) => integer(|n| u32::try_from(n).is_ok()),
        (TypeRef::U64, _) => integer(|n| u64::try_from(n).is_ok()),
        (TypeRef::Vec(_), Value::Array(items)) if items.is_empty() => Some(Literal::EmptyList),
        (TypeRef::Named { .. }, Value::String(wire)) => {
            let TypeKind::Enum(values) = &lookup(ty)?.kind else {
                return None;
            };
            let variant = values.variants.iter().find(|v| v.wire_value == *wire)?;
            Some(Literal::Variant(variant.rust_name.clone()))
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use crate::ir::{Api, Literal, TypeKind};

    fn api(schemas: &str) -> Api {
        crate::resolve::api_of_schemas(schemas)
    }

    fn default_fns(api: &Api, name: &str) -> Vec<Option<(String, Literal)>> {
        let def = api.types.iter().find(|t| t.name == name).unwrap();
        let TypeKind::Struct(body) = &def.kind else {
            panic!("{name} is not a struct");
        };
        body.fields
            .iter()
            .map(|f| {
                f.default_fn
                    .as_ref()
                    .map(|d| (d.name.clone(), d.literal.clone()))
            })
            .collect()
    }

    #[test]
    fn names_that_would_collide_are_claimed_apart() {
        let api = api("    Paging: {type: object, required: [size_max], properties: {size_max: {type: integer, default: 50}}}
    PagingSize: {type: object, required: [max], properties: {max: {type: integer, default: 10}}}
");
        assert_eq!(
            default_fns(&api, "Paging"),
            [Some((
                "default_paging_size_max".to_owned(),
                Literal::Integer(50)
            ))]
        );
        assert_eq!(
            default_fns(&api, "PagingSize"),
            [Some((
                "default_paging_size_max2".to_owned(),
                Literal::Integer(10)
            ))]
        );
    }

    #[test]
    fn only_required_fields_with_literal_defaults_get_one() {
        let api = api("    Mode: {type: string, enum: [fast, slow]}
    Job:
      type: object
      required: [mode, other, ratio, tiny, tags, name]
      properties:
        mode: {allOf: [{$ref: '#/components/schemas/Mode'}], default: slow}
        other: {allOf: [{$ref: '#/components/schemas/Mode'}], default: medium}
        ratio: {type: number, default: 0.5}
        tiny: {type: integer, format: int8, default: 300}
        tags: {type: array, items: {type: string}, default: []}
        name: {type: object, properties: {a: {type: string}}, default: {a: x}}
        optional: {type: string, default: x}
");
        let fns = default_fns(&api, "Job");
        let literals: Vec<Option<Literal>> = fns.into_iter().map(|f| f.map(|(_, l)| l)).collect();
        assert_eq!(
            literals,
            [
                Some(Literal::Variant("Slow".to_owned())),
                None,
                Some(Literal::Float(0.5)),
                None,
                Some(Literal::EmptyList),
                None,
                None,
            ]
        );
    }
}
