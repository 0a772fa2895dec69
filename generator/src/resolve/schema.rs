//! Schemas to types: component schemas become named types in `models`; inline
//! schemas that need a Rust type of their own (objects with properties, enums,
//! unions) become named types in the module of where they stand.

use indexmap::IndexMap;
use openapiv3::{
    AdditionalProperties, IntegerFormat, ReferenceOr, Schema, SchemaKind, Type,
    VariantOrUnknownOrEmpty,
};

use super::{escape, unescape, Resolver};
use crate::error::Result;
use crate::ir::{
    Discriminator, Field, IntEnum, Module, StringEnum, Struct, TypeDef, TypeKind, TypeRef, Union,
    UnionVariant, ValueHints, Variant,
};
use crate::naming::{self, Scope};

/// How deep `allOf` may nest through references before it is taken for a cycle.
const MAX_ALL_OF_DEPTH: usize = 32;

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

type Properties = IndexMap<String, ReferenceOr<Box<Schema>>>;

/// A schema read for the Rust shape it takes, whether `openapiv3` typed it or
/// fell back to its untyped `AnySchema` (which it does for schemas it cannot
/// type, such as an integer whose bound does not fit in `i64`).
enum View<'a> {
    Object {
        properties: &'a Properties,
        required: &'a [String],
        additional: Option<&'a AdditionalProperties>,
    },
    StringEnum(Vec<String>),
    IntEnum(Vec<i64>),
    Scalar(TypeRef),
    Array(Option<SchemaRef<'a>>),
    AllOf(&'a [ReferenceOr<Schema>]),
    Union {
        members: &'a [ReferenceOr<Schema>],
        keyword: &'static str,
    },
    Not,
    Any,
}

fn view(schema: &Schema) -> View<'_> {
    match &schema.schema_kind {
        SchemaKind::Type(Type::Object(object)) => View::Object {
            properties: &object.properties,
            required: &object.required,
            additional: object.additional_properties.as_ref(),
        },
        SchemaKind::Type(Type::String(string)) => {
            let values: Vec<String> = string.enumeration.iter().flatten().cloned().collect();
            if values.is_empty() {
                View::Scalar(TypeRef::String)
            } else {
                View::StringEnum(values)
            }
        }
        SchemaKind::Type(Type::Integer(integer))
            if integer.enumeration.iter().any(Option::is_some) =>
        {
            View::IntEnum(integer.enumeration.iter().flatten().copied().collect())
        }
        SchemaKind::Type(Type::Integer(integer)) => {
            View::Scalar(integer_type(match &integer.format {
                VariantOrUnknownOrEmpty::Item(IntegerFormat::Int32) => Some("int32"),
                VariantOrUnknownOrEmpty::Item(IntegerFormat::Int64) => Some("int64"),
                VariantOrUnknownOrEmpty::Unknown(other) => Some(other.as_str()),
                VariantOrUnknownOrEmpty::Empty => None,
            }))
        }
        // JSON numbers are doubles: an `f32` for `format: float` would change
        // values such as -5.883 on their way back out.
        SchemaKind::Type(Type::Number(_)) => View::Scalar(TypeRef::F64),
        SchemaKind::Type(Type::Boolean(_)) => View::Scalar(TypeRef::Bool),
        SchemaKind::Type(Type::Array(array)) => View::Array(array.items.as_ref().map(Into::into)),
        SchemaKind::AllOf { all_of } => View::AllOf(all_of),
        SchemaKind::OneOf { one_of } => View::Union {
            members: one_of,
            keyword: "oneOf",
        },
        SchemaKind::AnyOf { any_of } => View::Union {
            members: any_of,
            keyword: "anyOf",
        },
        SchemaKind::Not { .. } => View::Not,
        SchemaKind::Any(any) => {
            if !any.all_of.is_empty() {
                return View::AllOf(&any.all_of);
            }
            if !any.one_of.is_empty() {
                return View::Union {
                    members: &any.one_of,
                    keyword: "oneOf",
                };
            }
            if !any.any_of.is_empty() {
                return View::Union {
                    members: &any.any_of,
                    keyword: "anyOf",
                };
            }
            match any.typ.as_deref() {
                Some("object") => View::Object {
                    properties: &any.properties,
                    required: &any.required,
                    additional: any.additional_properties.as_ref(),
                },
                Some("array") => View::Array(any.items.as_ref().map(Into::into)),
                Some("string") => {
                    let values: Vec<String> = any
                        .enumeration
                        .iter()
                        .filter_map(|v| v.as_str().map(str::to_owned))
                        .collect();
                    if values.is_empty() || values.len() != any.enumeration.len() {
                        View::Scalar(TypeRef::String)
                    } else {
                        View::StringEnum(values)
                    }
                }
                Some("integer") => {
                    let values: Vec<i64> =
                        any.enumeration.iter().filter_map(|v| v.as_i64()).collect();
                    if values.is_empty() || values.len() != any.enumeration.len() {
                        View::Scalar(integer_type(any.format.as_deref()))
                    } else {
                        View::IntEnum(values)
                    }
                }
                Some("number") => View::Scalar(TypeRef::F64),
                Some("boolean") => View::Scalar(TypeRef::Bool),
                None if !any.properties.is_empty() => View::Object {
                    properties: &any.properties,
                    required: &any.required,
                    additional: any.additional_properties.as_ref(),
                },
                None if any.items.is_some() => View::Array(any.items.as_ref().map(Into::into)),
                // An `enum` without `type` whose values are all strings is a
                // string enum; one of mixed kinds stays a JSON value.
                None if !any.enumeration.is_empty()
                    && any.enumeration.iter().all(serde_json::Value::is_string) =>
                {
                    View::StringEnum(
                        any.enumeration
                            .iter()
                            .filter_map(|v| v.as_str().map(str::to_owned))
                            .collect(),
                    )
                }
                _ => View::Any,
            }
        }
    }
}

/// The Rust integer for an OpenAPI integer `format`.
fn integer_type(format: Option<&str>) -> TypeRef {
    match format {
        Some("int32") => TypeRef::I32,
        Some("int16") => TypeRef::I16,
        Some("int8") => TypeRef::I8,
        Some("uint8") => TypeRef::U8,
        Some("uint16") => TypeRef::U16,
        Some("uint32") => TypeRef::U32,
        Some("uint64" | "uint") => TypeRef::U64,
        _ => TypeRef::I64,
    }
}

/// What `schema` asks of a value beyond its type (`ValueHints`): of the
/// schema itself, of its items when it is an array, of its one member when
/// it wraps one (`anyOf: [X, null]` is read as a nullable `allOf: [X]`).
pub(super) fn value_hints(schema: &Schema) -> ValueHints {
    match &schema.schema_kind {
        SchemaKind::Type(Type::String(string)) => ValueHints {
            format: match &string.format {
                VariantOrUnknownOrEmpty::Item(format) => serde_json::to_value(format)
                    .ok()
                    .and_then(|v| v.as_str().map(str::to_owned)),
                VariantOrUnknownOrEmpty::Unknown(format) => Some(format.clone()),
                VariantOrUnknownOrEmpty::Empty => None,
            },
            pattern: string.pattern.clone(),
            minimum: None,
            maximum: None,
        },
        SchemaKind::Type(Type::Integer(integer)) => ValueHints {
            minimum: integer
                .minimum
                .map(|m| (m as f64, integer.exclusive_minimum)),
            maximum: integer
                .maximum
                .map(|m| (m as f64, integer.exclusive_maximum)),
            ..ValueHints::default()
        },
        SchemaKind::Type(Type::Number(number)) => ValueHints {
            minimum: number.minimum.map(|m| (m, number.exclusive_minimum)),
            maximum: number.maximum.map(|m| (m, number.exclusive_maximum)),
            ..ValueHints::default()
        },
        SchemaKind::Type(Type::Array(array)) => {
            match array.items.as_ref().and_then(|i| i.as_item()) {
                Some(items) => value_hints(items),
                None => ValueHints::default(),
            }
        }
        SchemaKind::AllOf { all_of: members }
        | SchemaKind::AnyOf { any_of: members }
        | SchemaKind::OneOf { one_of: members } => match members.as_slice() {
            [ReferenceOr::Item(only)] => value_hints(only),
            _ => ValueHints::default(),
        },
        _ => ValueHints::default(),
    }
}

fn doc_of(schema: &Schema) -> Option<String> {
    schema
        .schema_data
        .description
        .clone()
        .or_else(|| schema.schema_data.title.clone())
}

/// `ty` as a value that may be null, once.
fn nullable(ty: TypeRef) -> TypeRef {
    match ty {
        TypeRef::Nullable(_) | TypeRef::Json => ty,
        other => TypeRef::Nullable(Box::new(other)),
    }
}

/// Properties gathered from the members of an `allOf`, later ones replacing
/// earlier ones of the same name.
#[derive(Default)]
struct Merged<'a> {
    properties: Vec<(&'a str, SchemaRef<'a>, String)>,
    required: Vec<&'a str>,
    additional: Option<(&'a AdditionalProperties, String)>,
    /// Members that are not objects (a `$ref` to a string type, say).
    other: Vec<(SchemaRef<'a>, String)>,
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
            let kind = match (self.settings.replace.get(key), value) {
                // The user's own type (`replace`): the schema, whatever it
                // is, is not read.
                (Some(path), _) => TypeKind::External(path.clone()),
                (None, ReferenceOr::Reference { reference }) => {
                    self.check_alias_chain(key, &pointer)?;
                    TypeKind::Alias(self.component_ref(reference, &pointer)?)
                }
                (None, ReferenceOr::Item(schema)) => {
                    self.define_named(name.clone(), &name, Module::Models, schema, pointer)?;
                    continue;
                }
            };
            self.types.push(TypeDef {
                name,
                module: Module::Models,
                doc: None,
                origin: pointer,
                kind,
                examples: Vec::new(),
                features: Vec::new(),
                hints: ValueHints::default(),
                deprecated: false,
                wire: crate::ir::Wire::default(),
            });
        }
        Ok(())
    }

    /// A component schema that is only a `$ref` to another is a type alias; a
    /// chain of them that comes back to where it started would be an alias of
    /// itself.
    fn check_alias_chain(&self, start: &str, pointer: &str) -> Result<()> {
        let schemas = self.doc.components.as_ref().map(|c| &c.schemas);
        let mut chain = vec![start.to_owned()];
        let mut key = start.to_owned();
        while let Some(ReferenceOr::Reference { reference }) = schemas.and_then(|s| s.get(&key)) {
            let Some(next) = reference
                .strip_prefix("#/components/schemas/")
                .map(unescape)
            else {
                return Ok(());
            };
            chain.push(next.clone());
            if next == start {
                return Err(self.error(
                    pointer,
                    format!(
                        "`$ref` cycle: {} refer to each other and never to a schema",
                        chain.join(" → ")
                    ),
                ));
            }
            if chain[..chain.len() - 1].contains(&next) {
                // A cycle further along; it is reported from its own start.
                return Ok(());
            }
            key = next;
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
        let ty = match view(schema) {
            // `allOf` with one member is how specs add a description or
            // `nullable` to a `$ref`: the member's type.
            View::AllOf([member]) => {
                let at = format!("{pointer}/allOf/0");
                self.schema_type_named(member.into(), hint, child_prefix, module, &at)?
            }
            view if self.needs_definition(&view, pointer)? => {
                let name = self.claim_type_name(module, hint.to_owned());
                self.define_named(name, child_prefix, module, schema, pointer.to_owned())?
            }
            view => {
                let ty = self.plain_type(view, hint, module, pointer)?;
                self.with_format(schema, ty)
            }
        };
        let ty = if schema.schema_data.nullable {
            nullable(ty)
        } else {
            ty
        };
        self.inline_done.insert(pointer.to_owned(), ty.clone());
        Ok(ty)
    }

    /// Whether a schema needs a named Rust type: objects with properties (also
    /// when merged from an `allOf`), enums and unions.
    fn needs_definition(&self, view: &View<'a>, pointer: &str) -> Result<bool> {
        Ok(match view {
            View::Object { properties, .. } => !properties.is_empty(),
            View::StringEnum(_) | View::IntEnum(_) | View::Union { .. } => true,
            View::AllOf(members) => !self
                .merge_all_of(members, pointer, 0)?
                .properties
                .is_empty(),
            _ => false,
        })
    }

    /// The type a `$ref` to a component schema stands for (`Option` when the
    /// component is `nullable`).
    pub(super) fn component_ref(&self, reference: &str, pointer: &str) -> Result<TypeRef> {
        let (key, schema) = self.component_schema(reference, pointer)?;
        let named = TypeRef::Named {
            module: Module::Models,
            name: self.component_names[&key].clone(),
        };
        Ok(match schema {
            Some(schema) if schema.schema_data.nullable => nullable(named),
            _ => named,
        })
    }

    /// The key and (when it is not itself a reference) the schema of a
    /// `#/components/schemas/NAME` reference.
    pub(super) fn component_schema(
        &self,
        reference: &str,
        pointer: &str,
    ) -> Result<(String, Option<&'a Schema>)> {
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
        let schemas = self.doc.components.as_ref().map(|c| &c.schemas);
        match schemas.and_then(|s| s.get(&key)) {
            Some(ReferenceOr::Item(schema)) => Ok((key, Some(schema))),
            Some(ReferenceOr::Reference { .. }) => Ok((key, None)),
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
            examples: schema.schema_data.example.iter().cloned().collect(),
            features: Vec::new(),
            hints: value_hints(schema),
            deprecated: schema.schema_data.deprecated,
            wire: crate::ir::Wire::default(),
        });
        let kind = match view(schema) {
            View::Object {
                properties,
                required,
                additional,
            } if !properties.is_empty() => {
                let merged = Merged {
                    properties: properties
                        .iter()
                        .map(|(k, v)| {
                            (
                                k.as_str(),
                                v.into(),
                                format!("{pointer}/properties/{}", escape(k)),
                            )
                        })
                        .collect(),
                    required: required.iter().map(String::as_str).collect(),
                    additional: additional.map(|a| (a, format!("{pointer}/additionalProperties"))),
                    other: Vec::new(),
                };
                TypeKind::Struct(self.struct_of(merged, child_prefix, module, &pointer)?)
            }
            View::AllOf(members) if members.len() > 1 => {
                let merged = self.merge_all_of(members, &pointer, 0)?;
                if merged.properties.is_empty() {
                    TypeKind::Alias(self.all_of_type(merged, &name, module)?)
                } else {
                    TypeKind::Struct(self.struct_of(merged, child_prefix, module, &pointer)?)
                }
            }
            View::StringEnum(values) => TypeKind::Enum(string_enum(&values)),
            View::IntEnum(values) => TypeKind::IntEnum(int_enum(&values)),
            View::Union { members, keyword } => match enum_alternatives(members) {
                Some(values) => TypeKind::Enum(documented_string_enum(values.into_iter())),
                None => {
                    let discriminator = schema.schema_data.discriminator.as_ref();
                    TypeKind::Union(self.union_of(
                        members,
                        keyword,
                        discriminator,
                        child_prefix,
                        module,
                        &pointer,
                    )?)
                }
            },
            view => {
                let ty = match view {
                    View::AllOf([member]) => {
                        let at = format!("{pointer}/allOf/0");
                        self.schema_type(member.into(), &name, module, &at)?
                    }
                    view => {
                        let ty = self.plain_type(view, &name, module, &pointer)?;
                        self.with_format(schema, ty)
                    }
                };
                TypeKind::Alias(ty)
            }
        };
        self.types[index].kind = kind;
        Ok(TypeRef::Named { module, name })
    }

    /// Gathers the properties of every member of an `allOf`, following
    /// references into component schemas and nested `allOf`s.
    fn merge_all_of(
        &self,
        members: &'a [ReferenceOr<Schema>],
        pointer: &str,
        depth: usize,
    ) -> Result<Merged<'a>> {
        let mut merged = Merged::default();
        self.merge_into(&mut merged, members, pointer, depth)?;
        Ok(merged)
    }

    fn merge_into(
        &self,
        merged: &mut Merged<'a>,
        members: &'a [ReferenceOr<Schema>],
        pointer: &str,
        depth: usize,
    ) -> Result<()> {
        if depth > MAX_ALL_OF_DEPTH {
            return Err(self.error(pointer, "`allOf` members refer to each other in a cycle"));
        }
        for (index, member) in members.iter().enumerate() {
            let member_pointer = format!("{pointer}/allOf/{index}");
            let (schema, at) = match member {
                ReferenceOr::Reference { reference } => {
                    match self.component_schema(reference, &member_pointer)? {
                        (key, Some(schema)) => {
                            (schema, format!("#/components/schemas/{}", escape(&key)))
                        }
                        (_, None) => {
                            merged.other.push((member.into(), member_pointer));
                            continue;
                        }
                    }
                }
                ReferenceOr::Item(schema) => (schema, member_pointer.clone()),
            };
            match view(schema) {
                View::Object {
                    properties,
                    required,
                    additional,
                } => {
                    for (key, value) in properties {
                        merged.properties.retain(|(k, _, _)| k != key);
                        let at = format!("{at}/properties/{}", escape(key));
                        merged.properties.push((key, value.into(), at));
                    }
                    merged.required.extend(required.iter().map(String::as_str));
                    if let Some(additional) = additional {
                        merged.additional =
                            Some((additional, format!("{at}/additionalProperties")));
                    }
                }
                View::AllOf(inner) => self.merge_into(merged, inner, &at, depth + 1)?,
                // A member with no type of its own adds documentation, and
                // may allow properties no member lists
                // (`{additionalProperties: {}}`).
                View::Any => {
                    if let SchemaKind::Any(any) = &schema.schema_kind {
                        if let Some(additional) = &any.additional_properties {
                            merged.additional =
                                Some((additional, format!("{at}/additionalProperties")));
                        }
                    }
                }
                _ => merged.other.push((member.into(), member_pointer)),
            }
        }
        Ok(())
    }

    /// The type of an `allOf` whose members merge into no properties: the first
    /// member that has a type (a `$ref` to a string schema, say).
    fn all_of_type(&mut self, merged: Merged<'a>, name: &str, module: Module) -> Result<TypeRef> {
        match merged.other.first() {
            Some((member, at)) => {
                let at = at.clone();
                self.schema_type(*member, name, module, &at)
            }
            None => Ok(TypeRef::Map(Box::new(TypeRef::Json))),
        }
    }

    /// The fields of an object schema (or merged `allOf`) at `pointer`, in
    /// document order.
    fn struct_of(
        &mut self,
        merged: Merged<'a>,
        child_prefix: &str,
        module: Module,
        pointer: &str,
    ) -> Result<Struct> {
        let mut names = Scope::with_taken(&[naming::ADDITIONAL_PROPERTIES_FIELD]);
        let mut fields = Vec::with_capacity(merged.properties.len());
        for (wire_name, schema, pointer) in merged.properties {
            let hint = naming::nested_type_name(child_prefix, wire_name);
            let ty = self.schema_type(schema, &hint, module, &pointer)?;
            let (doc, one_way, default, hints, deprecated) = match schema {
                SchemaRef::Inline(schema) => (
                    doc_of(schema),
                    schema.schema_data.read_only || schema.schema_data.write_only,
                    schema.schema_data.default.clone(),
                    value_hints(schema),
                    schema.schema_data.deprecated,
                ),
                SchemaRef::Ref(_) => (None, false, None, ValueHints::default(), false),
            };
            fields.push(Field {
                rust_name: names.claim(naming::field_name(wire_name)),
                wire_name: wire_name.to_owned(),
                ty,
                // A read-only property is required in responses only, a write-only
                // one in requests only; as one type serves both, either may be
                // absent.
                required: merged.required.contains(&wire_name) && !one_way,
                doc,
                default,
                // Named once every type has its final name (`defaults`).
                default_fn: None,
                // Known once every enum is defined (`defaults::fix_constants`).
                fixed: None,
                hints,
                // Named once the type's fields are final (`name_setters`).
                setter: None,
                null_setter: None,
                deprecated,
            });
        }
        // A required property that no member lists still must be sent and
        // still comes back: it is kept as a required field of any JSON value.
        for wire_name in merged.required {
            if fields.iter().any(|f| f.wire_name == wire_name) {
                continue;
            }
            self.warn(
                format!("{pointer}/required"),
                format!(
                    "`required` names `{wire_name}`, which `properties` does not list; it is \
                     kept as a required field of any JSON value"
                ),
            );
            fields.push(Field {
                rust_name: names.claim(naming::field_name(wire_name)),
                wire_name: wire_name.to_owned(),
                ty: TypeRef::Json,
                required: true,
                doc: None,
                default: None,
                default_fn: None,
                fixed: None,
                hints: ValueHints::default(),
                setter: None,
                null_setter: None,
                deprecated: false,
            });
        }
        let (additional, closed) = match merged.additional {
            Some((AdditionalProperties::Schema(value), at)) => {
                let hint = naming::map_value_type_name(child_prefix);
                let ty = self.schema_type(value.as_ref().into(), &hint, module, &at)?;
                (ty, false)
            }
            Some((AdditionalProperties::Any(false), _)) => (TypeRef::Json, true),
            Some((AdditionalProperties::Any(true), _)) | None => (TypeRef::Json, false),
        };
        Ok(Struct {
            fields,
            additional,
            closed,
        })
    }

    /// The alternatives of a `oneOf` or `anyOf`.
    fn union_of(
        &mut self,
        members: &'a [ReferenceOr<Schema>],
        keyword: &str,
        discriminator: Option<&openapiv3::Discriminator>,
        child_prefix: &str,
        module: Module,
        pointer: &str,
    ) -> Result<Union> {
        let mut names = Scope::new();
        let mut variants = Vec::with_capacity(members.len());
        for (index, member) in members.iter().enumerate() {
            let at = format!("{pointer}/{keyword}/{index}");
            let hint = naming::union_member_type_name(child_prefix, index);
            let ty = self.schema_type(member.into(), &hint, module, &at)?;
            let tags = match discriminator {
                Some(discriminator) => self.tags_of(member.into(), discriminator),
                None => Vec::new(),
            };
            let hints = member.as_item().map(value_hints).unwrap_or_default();
            variants.push(UnionVariant {
                rust_name: names.claim(naming::union_variant_name(&ty)),
                ty,
                tags,
                hints,
            });
        }
        let taken: Vec<String> = variants.iter().map(|v| v.rust_name.clone()).collect();
        Ok(Union {
            variants,
            discriminator: discriminator.map(|d| Discriminator {
                property: d.property_name.clone(),
            }),
            unknown_variant: naming::unknown_variant_name(&taken),
        })
    }

    /// The discriminator values that pick `member`: the `mapping` entries
    /// that point at it; else the one value the alternative fixes its tag
    /// property to (a one-value `enum`); else, for a `$ref`, the schema's
    /// name, as OpenAPI says. A `$ref` wrapped in a one-member `allOf` (a
    /// `$ref` with siblings, in 3.1) is that `$ref`.
    fn tags_of(
        &self,
        member: SchemaRef<'a>,
        discriminator: &openapiv3::Discriminator,
    ) -> Vec<String> {
        let reference = match member {
            SchemaRef::Ref(reference) => Some(reference),
            SchemaRef::Inline(schema) => match view(schema) {
                View::AllOf([ReferenceOr::Reference { reference }]) => Some(reference.as_str()),
                _ => None,
            },
        };
        if let Some(reference) = reference {
            let name = reference.rsplit('/').next().map(unescape);
            // A mapping's target is a reference or, as OpenAPI also allows,
            // a schema's name.
            let mapped: Vec<String> = discriminator
                .mapping
                .iter()
                .filter(|(_, target)| {
                    *target == reference || name.as_deref() == Some(target.as_str())
                })
                .map(|(value, _)| value.clone())
                .collect();
            if !mapped.is_empty() {
                return mapped;
            }
        }
        if let Some(value) = self.fixed_value(member, &discriminator.property_name) {
            return vec![value];
        }
        reference
            .and_then(|r| r.rsplit('/').next())
            .map(unescape)
            .into_iter()
            .collect()
    }

    /// The one value an object schema fixes `property` to with a one-value
    /// string `enum`, following `$ref`s and `allOf`s.
    fn fixed_value(&self, schema: SchemaRef<'a>, property: &str) -> Option<String> {
        let schema = match schema {
            SchemaRef::Ref(reference) => self.component_schema(reference, "").ok()?.1?,
            SchemaRef::Inline(schema) => schema,
        };
        let found = match view(schema) {
            View::Object { properties, .. } => properties.get(property).map(SchemaRef::from),
            View::AllOf(members) => {
                let merged = self.merge_all_of(members, "", 0).ok()?;
                merged
                    .properties
                    .iter()
                    .find(|(name, _, _)| *name == property)
                    .map(|(_, schema, _)| *schema)
            }
            _ => None,
        }?;
        self.fixed_value_of(found, 0)
    }

    /// The value a one-value string enum schema holds.
    fn fixed_value_of(&self, schema: SchemaRef<'a>, depth: usize) -> Option<String> {
        if depth > MAX_ALL_OF_DEPTH {
            return None;
        }
        let schema = match schema {
            SchemaRef::Ref(reference) => self.component_schema(reference, "").ok()?.1?,
            SchemaRef::Inline(schema) => schema,
        };
        match view(schema) {
            View::StringEnum(values) => match values.as_slice() {
                [only] => Some(only.clone()),
                _ => None,
            },
            View::AllOf([member]) => self.fixed_value_of(member.into(), depth + 1),
            _ => None,
        }
    }

    /// `ty`, or the type `sdkgen.toml` gives a string of the schema's
    /// `format`.
    fn with_format(&self, schema: &Schema, ty: TypeRef) -> TypeRef {
        if ty != TypeRef::String {
            return ty;
        }
        value_hints(schema)
            .format
            .and_then(|format| self.settings.formats.of(&format))
            .map_or(ty, TypeRef::Formatted)
    }

    /// The type of a schema that needs no named type of its own: primitives,
    /// arrays and maps (whose elements may still need one).
    fn plain_type(
        &mut self,
        view: View<'a>,
        hint: &str,
        module: Module,
        pointer: &str,
    ) -> Result<TypeRef> {
        let ty = match view {
            View::Scalar(ty) => ty,
            View::Array(Some(items)) => {
                let item_hint = naming::item_type_name(hint);
                let items_pointer = format!("{pointer}/items");
                let item = self.schema_type(items, &item_hint, module, &items_pointer)?;
                TypeRef::Vec(Box::new(item))
            }
            View::Array(None) => TypeRef::Vec(Box::new(TypeRef::Json)),
            View::Object {
                additional: Some(AdditionalProperties::Schema(value)),
                ..
            } => {
                let value_hint = naming::map_value_type_name(hint);
                let value_pointer = format!("{pointer}/additionalProperties");
                let value =
                    self.schema_type(value.as_ref().into(), &value_hint, module, &value_pointer)?;
                TypeRef::Map(Box::new(value))
            }
            View::Object { .. } => TypeRef::Map(Box::new(TypeRef::Json)),
            View::AllOf(members) => {
                let merged = self.merge_all_of(members, pointer, 0)?;
                self.all_of_type(merged, hint, module)?
            }
            View::Any => TypeRef::Json,
            View::Not => {
                self.warn(
                    pointer,
                    "`not` is not generated; the value is kept as serde_json::Value",
                );
                TypeRef::Json
            }
            View::StringEnum(_) | View::IntEnum(_) | View::Union { .. } => {
                unreachable!("enums and unions are defined as named types")
            }
        };
        Ok(ty)
    }
}

/// The listed values of an integer enum, with unique variant names (`1` →
/// `V1`, `-1` → `Minus1`).
fn int_enum(values: &[i64]) -> IntEnum {
    let mut names = Scope::new();
    let mut variants: Vec<(String, i64)> = Vec::new();
    for value in values {
        if variants.iter().any(|(_, v)| v == value) {
            continue;
        }
        variants.push((
            names.claim(naming::variant_name(&value.to_string())),
            *value,
        ));
    }
    let taken: Vec<String> = variants.iter().map(|(name, _)| name.clone()).collect();
    IntEnum {
        unknown_variant: naming::unknown_variant_name(&taken),
        variants,
    }
}

/// The values of a `oneOf`/`anyOf` whose alternatives are all inline string
/// enums, each with its alternative's description: how specs (every Dropshot
/// API) document enum values one by one. It is one enum, not a union of
/// enums of one value each.
fn enum_alternatives(members: &[ReferenceOr<Schema>]) -> Option<Vec<(String, Option<String>)>> {
    if members.is_empty() {
        return None;
    }
    let mut values = Vec::new();
    for member in members {
        let ReferenceOr::Item(schema) = member else {
            return None;
        };
        let View::StringEnum(listed) = view(schema) else {
            return None;
        };
        if schema.schema_data.nullable {
            return None;
        }
        let doc = schema.schema_data.description.clone();
        values.extend(listed.into_iter().map(|value| (value, doc.clone())));
    }
    Some(values)
}

/// The listed values of a string enum, with unique variant names.
fn string_enum(values: &[String]) -> StringEnum {
    documented_string_enum(values.iter().map(|v| (v.clone(), None)))
}

/// A string enum whose values may each have a description.
fn documented_string_enum(values: impl Iterator<Item = (String, Option<String>)>) -> StringEnum {
    let mut names = Scope::new();
    let mut seen = Vec::new();
    let mut variants = Vec::new();
    for (value, doc) in values {
        // A value listed twice is one variant.
        if seen.contains(&value) {
            continue;
        }
        seen.push(value.clone());
        variants.push(Variant {
            rust_name: names.claim(naming::variant_name(&value)),
            wire_value: value,
            doc,
        });
    }
    let taken: Vec<String> = variants.iter().map(|v| v.rust_name.clone()).collect();
    StringEnum {
        unknown_variant: naming::unknown_variant_name(&taken),
        variants,
    }
}
