//! Schemas to types: component schemas become named types in `models`; inline
//! schemas that need a Rust type of their own (objects with properties, enums)
//! become named types in the module of where they stand.

use openapiv3::{
    AdditionalProperties, IntegerFormat, NumberFormat, ObjectType, ReferenceOr, Schema, SchemaKind,
    StringType, Type, VariantOrUnknownOrEmpty,
};

use super::{escape, unescape, Resolver};
use crate::error::Result;
use crate::ir::{Field, Module, StringEnum, Struct, TypeDef, TypeKind, TypeRef, Variant};
use crate::naming::{self, Scope};

/// A schema as it stands in the document: a `$ref`, or written inline. Properties
/// and items box their schemas and the rest do not; this erases the difference.
#[derive(Clone, Copy)]
pub(super) enum SchemaRef<'a> {
    Ref(&'a str),
    Inline(&'a Schema),
}

impl<'a> From<&'a ReferenceOr<Schema>> for SchemaRef<'a> {
    fn from(value: &'a ReferenceOr<Schema>) -> Self {
        match value {
            ReferenceOr::Reference { reference } => SchemaRef::Ref(reference),
            ReferenceOr::Item(schema) => SchemaRef::Inline(schema),
        }
    }
}

impl<'a> From<&'a ReferenceOr<Box<Schema>>> for SchemaRef<'a> {
    fn from(value: &'a ReferenceOr<Box<Schema>>) -> Self {
        match value {
            ReferenceOr::Reference { reference } => SchemaRef::Ref(reference),
            ReferenceOr::Item(schema) => SchemaRef::Inline(schema),
        }
    }
}

/// What Rust shape a schema takes.
enum Shape<'a> {
    Struct(&'a ObjectType),
    Enum(&'a StringType),
    Plain,
}

fn shape(schema: &Schema) -> Shape<'_> {
    match &schema.schema_kind {
        SchemaKind::Type(Type::Object(object)) if !object.properties.is_empty() => {
            Shape::Struct(object)
        }
        SchemaKind::Type(Type::String(string))
            if string.enumeration.iter().any(Option::is_some) =>
        {
            Shape::Enum(string)
        }
        _ => Shape::Plain,
    }
}

fn doc_of(schema: &Schema) -> Option<String> {
    schema
        .schema_data
        .description
        .clone()
        .or_else(|| schema.schema_data.title.clone())
}

impl<'a> Resolver<'a> {
    /// Defines every component schema under the name `name_component_schemas`
    /// gave it.
    pub(super) fn define_component_schemas(&mut self) -> Result<()> {
        let Some(components) = &self.doc.components else {
            return Ok(());
        };
        for (key, value) in &components.schemas {
            let name = self.component_names[key].clone();
            let pointer = format!("#/components/schemas/{}", escape(key));
            match value {
                ReferenceOr::Reference { reference } => {
                    let target = self.component_ref(reference, &pointer)?;
                    self.types.push(TypeDef {
                        name,
                        module: Module::Models,
                        doc: None,
                        origin: pointer,
                        kind: TypeKind::Alias(target),
                    });
                }
                ReferenceOr::Item(schema) => {
                    self.define_named(name.clone(), &name, Module::Models, schema, pointer)?;
                }
            }
        }
        Ok(())
    }

    /// The type of a schema standing at `pointer`. An inline schema that needs a
    /// type of its own is defined in `module` under the name `hint` (made unique).
    pub(super) fn schema_type(
        &mut self,
        schema: SchemaRef<'a>,
        hint: &str,
        module: Module,
        pointer: &str,
    ) -> Result<TypeRef> {
        self.schema_type_named(schema, hint, hint, module, pointer)
    }

    /// As `schema_type`, with the names of inline schemas inside it starting with
    /// `child_prefix` rather than with `hint` (an inline request body is
    /// `{Op}RequestBody`, its properties' types `{Op}{Property}`).
    pub(super) fn schema_type_named(
        &mut self,
        schema: SchemaRef<'a>,
        hint: &str,
        child_prefix: &str,
        module: Module,
        pointer: &str,
    ) -> Result<TypeRef> {
        let schema = match schema {
            SchemaRef::Ref(reference) => return self.component_ref(reference, pointer),
            SchemaRef::Inline(schema) => schema,
        };
        if let Some(done) = self.inline_done.get(pointer) {
            return Ok(done.clone());
        }
        let ty = match shape(schema) {
            Shape::Struct(_) | Shape::Enum(_) => {
                let name = self.claim_type_name(module, hint.to_owned());
                self.define_named(name, child_prefix, module, schema, pointer.to_owned())?
            }
            Shape::Plain => self.plain_type(schema, hint, module, pointer)?,
        };
        self.inline_done.insert(pointer.to_owned(), ty.clone());
        Ok(ty)
    }

    /// The type a `$ref` to a component schema stands for.
    pub(super) fn component_ref(&self, reference: &str, pointer: &str) -> Result<TypeRef> {
        let key = reference
            .strip_prefix("#/components/schemas/")
            .map(unescape)
            .ok_or_else(|| {
                self.error(
                    pointer,
                    format!(
                        "`$ref: {reference}` is not supported; expected #/components/schemas/NAME \
                         (references to other files are not supported yet)"
                    ),
                )
            })?;
        match self.component_names.get(&key) {
            Some(name) => Ok(TypeRef::Named {
                module: Module::Models,
                name: name.clone(),
            }),
            None => Err(self.error(
                pointer,
                format!("`$ref: {reference}` points at nothing: there is no schema `{key}`"),
            )),
        }
    }

    /// Defines a named type for `schema`. `child_prefix` starts the names of inline
    /// schemas inside it.
    fn define_named(
        &mut self,
        name: String,
        child_prefix: &str,
        module: Module,
        schema: &'a Schema,
        pointer: String,
    ) -> Result<TypeRef> {
        // The definition goes in before its children so that the generated file
        // reads top-down; its kind is filled in once they are resolved.
        let index = self.types.len();
        self.types.push(TypeDef {
            name: name.clone(),
            module,
            doc: doc_of(schema),
            origin: pointer.clone(),
            kind: TypeKind::Alias(TypeRef::Json),
        });
        let kind = match shape(schema) {
            Shape::Struct(object) => {
                TypeKind::Struct(self.struct_of(object, child_prefix, module, &pointer)?)
            }
            Shape::Enum(string) => TypeKind::Enum(string_enum(string)),
            Shape::Plain => TypeKind::Alias(self.plain_type(schema, &name, module, &pointer)?),
        };
        self.types[index].kind = kind;
        Ok(TypeRef::Named { module, name })
    }

    /// The fields of an object schema, in document order.
    fn struct_of(
        &mut self,
        object: &'a ObjectType,
        child_prefix: &str,
        module: Module,
        pointer: &str,
    ) -> Result<Struct> {
        let mut names = Scope::new();
        let mut fields = Vec::with_capacity(object.properties.len());
        for (wire_name, value) in &object.properties {
            let field_pointer = format!("{pointer}/properties/{}", escape(wire_name));
            let hint = naming::nested_type_name(child_prefix, wire_name);
            let schema = SchemaRef::from(value);
            let ty = self.schema_type(schema, &hint, module, &field_pointer)?;
            let doc = match schema {
                SchemaRef::Inline(schema) => doc_of(schema),
                SchemaRef::Ref(_) => None,
            };
            fields.push(Field {
                rust_name: names.claim(naming::field_name(wire_name)),
                wire_name: wire_name.clone(),
                ty,
                required: object.required.contains(wire_name),
                doc,
            });
        }
        Ok(Struct { fields })
    }

    /// The type of a schema that needs no named type of its own: primitives,
    /// arrays and maps (whose elements may still need one).
    fn plain_type(
        &mut self,
        schema: &'a Schema,
        hint: &str,
        module: Module,
        pointer: &str,
    ) -> Result<TypeRef> {
        let ty = match &schema.schema_kind {
            SchemaKind::Type(Type::String(_)) => TypeRef::String,
            SchemaKind::Type(Type::Boolean(_)) => TypeRef::Bool,
            SchemaKind::Type(Type::Integer(integer)) => match integer.format {
                VariantOrUnknownOrEmpty::Item(IntegerFormat::Int32) => TypeRef::I32,
                _ => TypeRef::I64,
            },
            SchemaKind::Type(Type::Number(number)) => match number.format {
                VariantOrUnknownOrEmpty::Item(NumberFormat::Float) => TypeRef::F32,
                _ => TypeRef::F64,
            },
            SchemaKind::Type(Type::Array(array)) => match &array.items {
                Some(items) => {
                    let item_hint = naming::item_type_name(hint);
                    let items_pointer = format!("{pointer}/items");
                    let item =
                        self.schema_type(items.into(), &item_hint, module, &items_pointer)?;
                    TypeRef::Vec(Box::new(item))
                }
                None => TypeRef::Vec(Box::new(TypeRef::Json)),
            },
            SchemaKind::Type(Type::Object(object)) => match &object.additional_properties {
                Some(AdditionalProperties::Schema(value)) => {
                    let value_hint = naming::map_value_type_name(hint);
                    let value_pointer = format!("{pointer}/additionalProperties");
                    let value = self.schema_type(
                        value.as_ref().into(),
                        &value_hint,
                        module,
                        &value_pointer,
                    )?;
                    TypeRef::Map(Box::new(value))
                }
                _ => TypeRef::Map(Box::new(TypeRef::Json)),
            },
            SchemaKind::Any(_) => TypeRef::Json,
            SchemaKind::AllOf { .. }
            | SchemaKind::OneOf { .. }
            | SchemaKind::AnyOf { .. }
            | SchemaKind::Not { .. } => {
                self.warn(
                    pointer,
                    "allOf/oneOf/anyOf/not are not generated yet; the value is kept as \
                     serde_json::Value",
                );
                TypeRef::Json
            }
        };
        Ok(ty)
    }
}

/// The listed values of a string enum, with unique variant names.
fn string_enum(string: &StringType) -> StringEnum {
    let mut names = Scope::new();
    let variants: Vec<Variant> = string
        .enumeration
        .iter()
        .flatten()
        .map(|value| Variant {
            rust_name: names.claim(naming::variant_name(value)),
            wire_value: value.clone(),
        })
        .collect();
    let taken: Vec<String> = variants.iter().map(|v| v.rust_name.clone()).collect();
    StringEnum {
        unknown_variant: naming::unknown_variant_name(&taken),
        variants,
    }
}
