//! The file fields of `multipart/form-data` bodies: a property that is a
//! file (`format: binary`, or 3.1's `contentMediaType`, normalized to it), a
//! nullable file, or a list of files is sent as file parts, so its field is
//! an `Upload` (`Vec<Upload>`) rather than the `String` its schema reads as.
//!
//! An inline body's type is changed in place. A component body (FastAPI
//! puts every upload form in one, `Body_upload_file_files_post`) is changed
//! in place when nothing else refers to it; when something does (the same
//! schema sent or received as JSON, where a skipped field would lose data),
//! the multipart body gets a twin type `{Name}Form` with `Upload` fields and
//! the component stays as it is, with a warning saying so.

use openapiv3::{ReferenceOr, Schema, SchemaKind, Type};
use serde_json::Value;

use super::schema::SchemaRef;
use super::Resolver;
use crate::error::Result;
use crate::ir::{Module, TypeKind, TypeRef};
use crate::naming;
use crate::pointer::escape;

/// How a property of a multipart body is sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Shape {
    /// One file part (nullable or not: a part cannot be `null`).
    File,
    /// A file part per item.
    Files,
}

impl<'a> Resolver<'a> {
    /// The type of a multipart body whose schema is `schema` and whose type
    /// resolved as `ty`, with its file properties `Upload`s. `pointer` is
    /// the body's schema.
    pub(super) fn multipart_type(
        &mut self,
        ty: TypeRef,
        schema: &'a ReferenceOr<Schema>,
        pointer: &str,
    ) -> Result<TypeRef> {
        let (schema, reference) = match schema {
            ReferenceOr::Item(schema) => (schema, None),
            ReferenceOr::Reference { reference } => {
                match self.component_schema(reference, pointer)? {
                    (key, Some(schema)) => (schema, Some((reference.as_str(), key))),
                    (_, None) => return Ok(ty),
                }
            }
        };
        // Where the body's properties are written: the component's place
        // for a `$ref`.
        let at = match &reference {
            Some((_, key)) => format!("#/components/schemas/{}", escape(key)),
            None => pointer.to_owned(),
        };
        if !has_uploads(schema) {
            self.warn_unsendable_files(schema, &at);
            return Ok(ty);
        }
        let ty = match reference {
            Some((reference, key)) if self.referred_beside_multipart(reference) => {
                let TypeRef::Named { name, .. } = &ty else {
                    return Ok(ty);
                };
                let twin = naming::multipart_form_name(name);
                let twin = self.schema_type_named(
                    SchemaRef::Inline(schema),
                    &twin,
                    &twin,
                    Module::Operations,
                    pointer,
                )?;
                let twin_name = match &twin {
                    TypeRef::Named { name, .. } => name.clone(),
                    _ => return Ok(ty),
                };
                self.warn(
                    format!("#/components/schemas/{}", escape(&key)),
                    format!(
                        "schema `{key}` is a multipart body with file properties and is also \
                         used elsewhere; the multipart body is the type `{twin_name}`, whose \
                         file fields are `Upload`s, and `{name}` keeps them as strings"
                    ),
                );
                twin
            }
            _ => ty,
        };
        self.mark_uploads(&ty, schema, &at);
        Ok(ty)
    }

    /// Makes the file properties of `schema` (at `pointer`), whose type is
    /// `ty`, `Upload`s (and its nullable properties plain: no part is
    /// `null`), and warns about a file inside a property that cannot be one.
    fn mark_uploads(&mut self, ty: &TypeRef, schema: &Schema, pointer: &str) {
        let TypeRef::Named { module, name } = ty else {
            return;
        };
        let SchemaKind::Type(Type::Object(object)) = &schema.schema_kind else {
            return;
        };
        let shapes: Vec<(&String, Shape)> = object
            .properties
            .iter()
            .filter_map(|(key, property)| Some((key, shape(property)?)))
            .collect();
        self.warn_unsendable_files(schema, pointer);
        let def = self
            .types
            .iter_mut()
            .find(|def| def.module == *module && def.name == *name);
        let Some(TypeKind::Struct(fields)) = def.map(|def| &mut def.kind) else {
            return;
        };
        for field in &mut fields.fields {
            if let Some((_, shape)) = shapes.iter().find(|(key, _)| **key == field.wire_name) {
                field.ty = match shape {
                    Shape::File => TypeRef::Upload,
                    Shape::Files => TypeRef::Vec(Box::new(TypeRef::Upload)),
                };
            } else if let TypeRef::Nullable(inner) = &field.ty {
                // A part cannot be `null`; absent is its only "no value"
                // (FastAPI writes `anyOf: [T, null]` for every optional
                // form field).
                field.ty = (**inner).clone();
            }
        }
    }

    /// A warning for each property of a multipart body that holds a file
    /// deeper than a field can send one (inside an object, or beside other
    /// alternatives of a union): it is sent as text.
    fn warn_unsendable_files(&mut self, schema: &Schema, pointer: &str) {
        let SchemaKind::Type(Type::Object(object)) = &schema.schema_kind else {
            return;
        };
        for (key, property) in &object.properties {
            if shape(property).is_none() && property.as_item().is_some_and(|p| mentions_file(p)) {
                self.warn(
                    format!("{pointer}/properties/{}", escape(key)),
                    format!(
                        "property `{key}` of a multipart body holds a file (`format: binary`) \
                         that is not the property itself or the items of a list; sdkgen \
                         sends it as text, not as a file part"
                    ),
                );
            }
        }
    }

    /// Whether anything but a multipart request body's schema refers to
    /// `reference` (a `$ref` anywhere else in the document).
    fn referred_beside_multipart(&mut self, reference: &str) -> bool {
        let doc = self.doc;
        self.refs_beside_multipart
            .get_or_insert_with(|| {
                let json = serde_json::to_value(doc).unwrap_or(Value::Null);
                let mut refs = std::collections::BTreeSet::new();
                walk_refs(&json, &mut String::from("#"), &mut |at, found| {
                    if !is_multipart_body_schema(at) {
                        refs.insert(found.to_owned());
                    }
                });
                refs
            })
            .contains(reference)
    }
}

/// How `property` is sent as a part, when it is a file or files.
fn shape(property: &ReferenceOr<Box<Schema>>) -> Option<Shape> {
    let schema = property.as_item()?;
    match &schema.schema_kind {
        SchemaKind::Type(Type::String(string)) if is_binary(string) => Some(Shape::File),
        SchemaKind::Type(Type::Array(array)) => match shape(array.items.as_ref()?)? {
            Shape::File => Some(Shape::Files),
            Shape::Files => None,
        },
        // `anyOf: [file, null]`, normalized to a nullable one-member `allOf`.
        SchemaKind::AllOf { all_of: members }
        | SchemaKind::AnyOf { any_of: members }
        | SchemaKind::OneOf { one_of: members } => match members.as_slice() {
            [only] => shape(&box_ref(only)),
            _ => None,
        },
        _ => None,
    }
}

/// A `ReferenceOr<Schema>` as the boxed form properties use.
fn box_ref(schema: &ReferenceOr<Schema>) -> ReferenceOr<Box<Schema>> {
    match schema {
        ReferenceOr::Item(item) => ReferenceOr::Item(Box::new(item.clone())),
        ReferenceOr::Reference { reference } => ReferenceOr::Reference {
            reference: reference.clone(),
        },
    }
}

/// Whether any property of `schema` is a file or files.
fn has_uploads(schema: &Schema) -> bool {
    match &schema.schema_kind {
        SchemaKind::Type(Type::Object(object)) => {
            object.properties.values().any(|p| shape(p).is_some())
        }
        _ => false,
    }
}

/// Whether `schema` holds a `format: binary` string anywhere inline.
fn mentions_file(schema: &Schema) -> bool {
    let inline = |s: &ReferenceOr<Schema>| s.as_item().is_some_and(mentions_file);
    let boxed = |s: &ReferenceOr<Box<Schema>>| s.as_item().is_some_and(|s| mentions_file(s));
    match &schema.schema_kind {
        SchemaKind::Type(Type::String(string)) => is_binary(string),
        SchemaKind::Type(Type::Array(array)) => array.items.as_ref().is_some_and(boxed),
        SchemaKind::Type(Type::Object(object)) => object.properties.values().any(boxed),
        SchemaKind::AllOf { all_of: members }
        | SchemaKind::AnyOf { any_of: members }
        | SchemaKind::OneOf { one_of: members } => members.iter().any(inline),
        _ => false,
    }
}

/// Whether a string schema is a file.
pub(super) fn is_binary(string: &openapiv3::StringType) -> bool {
    matches!(
        string.format,
        openapiv3::VariantOrUnknownOrEmpty::Item(openapiv3::StringFormat::Binary)
    )
}

/// Whether the `$ref` at `pointer` is the schema of a multipart request
/// body (of an operation or of `components.requestBodies`).
fn is_multipart_body_schema(pointer: &str) -> bool {
    let Some(body) = pointer.strip_suffix("/content/multipart~1form-data/schema") else {
        return false;
    };
    body.ends_with("/requestBody")
        || (body.starts_with("#/components/requestBodies/") && body.matches('/').count() == 3)
}

/// Calls `found(pointer, reference)` for every `$ref` string in `value`.
fn walk_refs(value: &Value, pointer: &mut String, found: &mut impl FnMut(&str, &str)) {
    match value {
        Value::Object(map) => {
            for (key, child) in map {
                let len = pointer.len();
                pointer.push('/');
                crate::pointer::push_escaped(pointer, key);
                match (key.as_str(), child) {
                    ("$ref", Value::String(reference)) => found(&pointer[..len], reference),
                    _ => walk_refs(child, pointer, found),
                }
                pointer.truncate(len);
            }
        }
        Value::Array(items) => {
            for (index, child) in items.iter().enumerate() {
                let len = pointer.len();
                pointer.push('/');
                pointer.push_str(&index.to_string());
                walk_refs(child, pointer, found);
                pointer.truncate(len);
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::is_multipart_body_schema;

    #[test]
    fn multipart_body_schemas_are_told_by_their_pointer() {
        assert!(is_multipart_body_schema(
            "#/paths/~1files/post/requestBody/content/multipart~1form-data/schema"
        ));
        assert!(is_multipart_body_schema(
            "#/components/requestBodies/Upload/content/multipart~1form-data/schema"
        ));
        assert!(!is_multipart_body_schema(
            "#/paths/~1files/post/requestBody/content/application~1json/schema"
        ));
        assert!(!is_multipart_body_schema(
            "#/paths/~1files/post/responses/200/content/multipart~1form-data/schema"
        ));
        assert!(!is_multipart_body_schema(
            "#/components/schemas/A/properties/content/multipart~1form-data/schema"
        ));
    }
}
