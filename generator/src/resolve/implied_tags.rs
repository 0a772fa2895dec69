//! Unions that are tagged without saying so. Many specs (every Dropshot API,
//! for one) write a tagged union as a `oneOf` of objects that each require a
//! property — `type`, `kind` — fixed by a one-value `enum` to a value of its
//! own, and give no `discriminator`. Read untagged, such a union tries each
//! alternative in turn and keeps the first that parses, which picks the wrong
//! one when alternatives share their other fields; and serde's code for that
//! is large to compile. The property is a discriminator in all but name, so it
//! is used as one: the tag picks the alternative.

use std::collections::BTreeMap;

use crate::ir::{Discriminator, Module, TypeDef, TypeKind, TypeRef};
use crate::naming::{self, Scope};

/// Gives each union with no `discriminator`, whose alternatives all fix the
/// same required property to values that differ, that property as its
/// discriminator, and each alternative its value as its tag and its name.
pub fn tag_unions(types: &mut [TypeDef]) {
    let index = crate::ir::type_index(types);
    let found: Vec<(usize, String, Vec<String>)> = types
        .iter()
        .enumerate()
        .filter_map(|(at, def)| {
            let TypeKind::Union(union) = &def.kind else {
                return None;
            };
            if union.discriminator.is_some() || union.variants.len() < 2 {
                return None;
            }
            let fixed: Option<Vec<Vec<(&str, &str)>>> = union
                .variants
                .iter()
                .map(|v| fixed_properties(types, &index, &v.ty))
                .collect();
            let (property, values) = common_tag(&fixed?)?;
            Some((at, property, values))
        })
        .collect();
    for (at, property, values) in found {
        if let TypeKind::Union(union) = &mut types[at].kind {
            union.discriminator = Some(Discriminator { property });
            // The alternatives are most often inline, named by position
            // (`…Variant1`); their tag says what they are (and, in
            // `tagged_names`, what their types are called).
            let mut names = Scope::new();
            for (variant, value) in union.variants.iter_mut().zip(values) {
                variant.rust_name = names.claim(naming::variant_name(&value));
                variant.tags = vec![value];
            }
            let taken: Vec<String> = union.variants.iter().map(|v| v.rust_name.clone()).collect();
            union.unknown_variant = naming::unknown_variant_name(&taken);
        }
    }
}

/// The required properties of the struct `ty` names (or a nullable one)
/// whose type is a string enum of one value, with that value; `None` when
/// `ty` is not a struct.
fn fixed_properties<'t>(
    types: &'t [TypeDef],
    index: &BTreeMap<(Module, &str), usize>,
    ty: &TypeRef,
) -> Option<Vec<(&'t str, &'t str)>> {
    let lookup = |ty: &TypeRef| match ty {
        TypeRef::Named { module, name } => index.get(&(*module, name.as_str())).map(|&i| &types[i]),
        _ => None,
    };
    // A nullable alternative (`null`, or the object) is tagged the same.
    let object = match ty {
        TypeRef::Nullable(inner) => inner,
        other => other,
    };
    let TypeKind::Struct(fields) = &lookup(object)?.kind else {
        return None;
    };
    Some(
        fields
            .fields
            .iter()
            .filter(|f| f.required)
            .filter_map(|f| match &lookup(&f.ty)?.kind {
                TypeKind::Enum(values) => match values.variants.as_slice() {
                    [only] => Some((f.wire_name.as_str(), only.wire_value.as_str())),
                    _ => None,
                },
                _ => None,
            })
            .collect(),
    )
}

/// The first property (in the first alternative's order) that every
/// alternative fixes, to values that all differ, with those values in order.
fn common_tag(fixed: &[Vec<(&str, &str)>]) -> Option<(String, Vec<String>)> {
    fixed.first()?.iter().find_map(|(property, _)| {
        let values: Vec<&str> = fixed
            .iter()
            .map(|props| props.iter().find(|(p, _)| p == property).map(|(_, v)| *v))
            .collect::<Option<_>>()?;
        let mut distinct = values.clone();
        distinct.sort_unstable();
        distinct.dedup();
        (distinct.len() == values.len()).then(|| {
            (
                (*property).to_owned(),
                values.into_iter().map(str::to_owned).collect(),
            )
        })
    })
}

#[cfg(test)]
mod tests {
    use crate::ir::{Api, TypeKind};

    fn api(schemas: &str) -> Api {
        crate::resolve::api_of_schemas(schemas)
    }

    fn tags_of(api: &Api, name: &str) -> Option<(String, Vec<Vec<String>>)> {
        let def = api.types.iter().find(|t| t.name == name).unwrap();
        let TypeKind::Union(union) = &def.kind else {
            panic!("{name} is not a union");
        };
        let property = union.discriminator.as_ref()?.property.clone();
        Some((
            property,
            union
                .variants
                .iter()
                .map(|v| vec![v.rust_name.clone(), v.tags.join(",")])
                .collect(),
        ))
    }

    const SHAPES: &str = "    Shape:
      oneOf:
        - {type: object, required: [kind, radius], properties: {kind: {type: string, enum: [circle]}, radius: {type: number}}}
        - {type: object, required: [kind, side], properties: {kind: {type: string, enum: [square]}, side: {type: number}}}
";

    #[test]
    fn a_required_one_value_property_that_differs_is_the_tag() {
        let api = api(SHAPES);
        assert_eq!(
            tags_of(&api, "Shape"),
            Some((
                "kind".to_owned(),
                vec![
                    vec!["Circle".to_owned(), "circle".to_owned()],
                    vec!["Square".to_owned(), "square".to_owned()]
                ]
            ))
        );
    }

    #[test]
    fn no_tag_when_values_repeat_or_the_property_is_optional_or_missing() {
        let repeated = SHAPES.replace("enum: [square]", "enum: [circle]");
        assert_eq!(tags_of(&api(&repeated), "Shape"), None);
        let optional = SHAPES.replace("required: [kind, side]", "required: [side]");
        assert_eq!(tags_of(&api(&optional), "Shape"), None);
        let open = SHAPES.replace("enum: [square]", "enum: [square, box]");
        assert_eq!(tags_of(&api(&open), "Shape"), None);
        let scalar = SHAPES.replace(
            "        - {type: object, required: [kind, side], properties: {kind: {type: string, enum: [square]}, side: {type: number}}}\n",
            "        - {type: string}\n",
        );
        assert_eq!(tags_of(&api(&scalar), "Shape"), None);
    }
}
