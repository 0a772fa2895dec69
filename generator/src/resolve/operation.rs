//! Operations: path items to `ir::Operation`, with their parameters, body,
//! responses and security requirements.

use openapiv3::{
    MediaType, Parameter as OaParameter, ParameterSchemaOrContent, PathItem, PathStyle, QueryStyle,
    ReferenceOr, RequestBody as OaRequestBody, StatusCode,
};

use super::schema::SchemaRef;
use super::{escape, follow, Resolver};
use crate::error::Result;
use crate::ir::{
    BodyContent, Method, Module, Operation, Paging, Parameter, ParameterLocation, PathSegment,
    RequestBody, Response, ResponseMedia, Status, StatusVariant, Style, TypeDef, TypeKind, TypeRef,
    ValueHints,
};
use crate::naming::{self, Scope};

/// The method names the client can have, in the order of `PathItem::iter`.
pub(super) fn method_of(name: &str) -> Option<Method> {
    Some(match name {
        "get" => Method::Get,
        "put" => Method::Put,
        "post" => Method::Post,
        "delete" => Method::Delete,
        "options" => Method::Options,
        "head" => Method::Head,
        "patch" => Method::Patch,
        "trace" => Method::Trace,
        _ => return None,
    })
}

/// Whether a media type is JSON (`application/json`, `…+json`, with parameters).
pub(super) fn is_json(media_type: &str) -> bool {
    let essence = media_type.split(';').next().unwrap_or("").trim();
    essence.eq_ignore_ascii_case("application/json")
        || essence.to_ascii_lowercase().ends_with("+json")
}

/// A media type without its parameters, lowercased (`Text/Event-Stream;
/// charset=utf-8` → `text/event-stream`).
pub(super) fn media_essence(media_type: &str) -> String {
    media_type
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase()
}

fn body_content(media_type: &str) -> BodyContent {
    let essence = media_essence(media_type);
    match essence.as_str() {
        _ if is_json(&essence) => BodyContent::Json,
        "application/x-www-form-urlencoded" => BodyContent::FormUrlEncoded,
        "multipart/form-data" => BodyContent::Multipart,
        "text/plain" => BodyContent::Text,
        _ => BodyContent::Other(essence),
    }
}

/// The JSON media type of a content map, if it offers one.
fn json_media(content: &indexmap::IndexMap<String, MediaType>) -> Option<(&String, &MediaType)> {
    content.iter().find(|(media_type, _)| is_json(media_type))
}

impl<'a> Resolver<'a> {
    /// Every operation of the document, in document order.
    pub(super) fn operations(&mut self) -> Result<Vec<Operation>> {
        let mut method_names = Scope::with_taken(naming::CLIENT_METHODS);
        let mut operations = Vec::new();
        let mut sources = Vec::new();
        for (path, item) in &self.doc.paths.paths {
            let pointer = format!("#/paths/{}", escape(path));
            let item = match item {
                ReferenceOr::Item(item) => item,
                ReferenceOr::Reference { reference } => {
                    return Err(self.error(
                        pointer,
                        format!("path item `$ref: {reference}` is not supported yet"),
                    ))
                }
            };
            for (method, operation) in item.iter() {
                let Some(method) = method_of(method) else {
                    continue;
                };
                let id = naming::operation_id(operation, method.as_str(), path);
                // Left out by `sdkgen.toml` before anything of it is read:
                // its inline types are never made, its errors never raised.
                if !super::select::selected(self.settings, &id, &operation.tags) {
                    continue;
                }
                let op_pointer = format!("{pointer}/{}", method.as_str().to_ascii_lowercase());
                operations.push(self.operation(
                    (id, path),
                    item,
                    method,
                    operation,
                    op_pointer,
                    &mut method_names,
                )?);
                sources.push(operation);
            }
        }
        // The methods that stream pages or events are named after every
        // operation's own, so that they never take an operation's name.
        for (op, source) in operations.iter_mut().zip(sources) {
            op.streaming = self.streaming(op, source, &mut method_names);
            // An operation that answers only a stream asks for it first.
            if let Some(streaming) = op.streaming.as_ref().filter(|s| s.twin.is_none()) {
                op.accept = Some(streaming.accept.clone());
            }
            op.paging = self.paging(op, source, &mut method_names)?;
        }
        Ok(operations)
    }

    /// The operation whose id and path are `(id, path)`.
    fn operation(
        &mut self,
        (id, path): (String, &str),
        item: &'a PathItem,
        method: Method,
        operation: &'a openapiv3::Operation,
        pointer: String,
        method_names: &mut Scope,
    ) -> Result<Operation> {
        let named = self.naming_id(&id).to_owned();
        let wanted = naming::method_name(&named);
        let method_name = method_names.claim(wanted.clone());
        if method_name != wanted {
            self.warn(
                &pointer,
                format!(
                    "operationId `{named}` is taken (by another operation, or by a method of \
                     the client); this operation's method is `{method_name}`"
                ),
            );
        }
        let request_type =
            self.claim_type_name(Module::Operations, naming::request_type_name(&named));
        let base = naming::operation_base(&named);

        let mut fields = Scope::new();
        let mut parameters = self.parameters(item, operation, &base, &pointer, &mut fields)?;
        self.declare_path_placeholders(path, &mut parameters, &pointer, &mut fields);
        self.drop_stray_path_parameters(path, &mut parameters, &pointer);
        let path_segments = self.path_segments(path, &parameters, &pointer)?;
        let mut body = match &operation.request_body {
            Some(body) => self.request_body(body, &named, &base, &pointer, &mut fields)?,
            None => None,
        };
        let encoding_method = body
            .as_ref()
            .filter(|body| {
                body.contents.contains(&BodyContent::Json)
                    && body.contents.contains(&BodyContent::FormUrlEncoded)
            })
            .map(|_| method_names.claim(naming::encoding_method_name(&method_name)));
        name_setters(&mut parameters, body.as_mut());
        let responses = self.responses(operation, &base, &pointer)?;
        let accept = accept_header(&responses);
        let label = format!("{} {path}", method.as_str());
        let success = self.outcome_type(&responses, true, &base, &label, &pointer);
        let error = self.outcome_type(&responses, false, &base, &label, &pointer);
        let security = self.security_of(operation, &pointer)?;
        let idempotency = self.idempotency(operation, &parameters, &pointer);

        Ok(Operation {
            id,
            method_name,
            encoding_method,
            request_type,
            deprecated: operation.deprecated,
            method,
            path: path.to_owned(),
            path_segments,
            summary: operation.summary.clone(),
            description: operation.description.clone(),
            tags: operation.tags.clone(),
            parameters,
            body,
            responses,
            success,
            error,
            security,
            idempotency,
            accept,
            // OpenAPI: the operation's servers override its path item's,
            // which override the document's.
            servers: if operation.servers.is_empty() {
                &item.servers
            } else {
                &operation.servers
            }
            .iter()
            .map(super::server)
            .collect(),
            origin: pointer,
            // Set by `features::assign` once every type is known.
            features: Vec::new(),
            // Set by `operations` once every operation has its own method.
            paging: Paging::Single,
            streaming: None,
        })
    }

    /// Path-item parameters merged with the operation's; an operation parameter
    /// replaces a path-item one with the same name and location.
    fn parameters(
        &mut self,
        item: &'a PathItem,
        operation: &'a openapiv3::Operation,
        base: &str,
        op_pointer: &str,
        fields: &mut Scope,
    ) -> Result<Vec<Parameter>> {
        let path_pointer = op_pointer.rsplit_once('/').map_or(op_pointer, |(p, _)| p);
        let mut merged: Vec<(&'a OaParameter, String)> = Vec::new();
        let sources = [
            (&item.parameters, format!("{path_pointer}/parameters")),
            (&operation.parameters, format!("{op_pointer}/parameters")),
        ];
        for (list, list_pointer) in sources {
            for (index, value) in list.iter().enumerate() {
                let parameters = self.doc.components.as_ref().map(|c| &c.parameters);
                let here = format!("{list_pointer}/{index}");
                let (parameter, at) = follow(self, value, "parameters", parameters, &here)?;
                let data = parameter.parameter_data_ref();
                merged.retain(|(p, _)| {
                    let other = p.parameter_data_ref();
                    !(other.name == data.name && location(p) == location(parameter))
                });
                merged.push((parameter, at));
            }
        }

        let mut parameters = Vec::with_capacity(merged.len());
        for (parameter, at) in merged {
            let data = parameter.parameter_data_ref();
            if location(parameter) == ParameterLocation::Header {
                if data.name.eq_ignore_ascii_case("authorization") {
                    // OpenAPI ignores it, yet specs without security schemes
                    // declare their credential this way (keeper's bearer
                    // token): it becomes one, set on the client.
                    self.warn(
                        &at,
                        "header parameter `Authorization` is not a parameter in OpenAPI 3; \
                         it is sent from the client's credentials instead \
                         (`ClientBuilder::authorization`, the whole header value)",
                    );
                    self.authorization_headers
                        .push((op_pointer.to_owned(), data.required));
                    continue;
                }
                if let Some(why) = reserved_header(&data.name) {
                    self.warn(
                        &at,
                        format!(
                            "header parameter `{}` is ignored, as OpenAPI says: {why}",
                            data.name
                        ),
                    );
                    continue;
                }
            }
            let hint = naming::nested_type_name(base, &data.name);
            let ty = match &data.format {
                ParameterSchemaOrContent::Schema(schema) => {
                    let at = format!("{at}/schema");
                    // A parameter written by its style cannot carry `null`
                    // (FastAPI writes `anyOf: [T, null]` for every optional
                    // one): absent is the only "no value".
                    match self.schema_type(
                        SchemaRef::from(schema),
                        &hint,
                        Module::Operations,
                        &at,
                    )? {
                        TypeRef::Nullable(inner) => *inner,
                        ty => ty,
                    }
                }
                ParameterSchemaOrContent::Content(content) => {
                    match content.iter().find_map(|(media_type, media)| {
                        media.schema.as_ref().map(|schema| (media_type, schema))
                    }) {
                        Some((media_type, schema)) => {
                            let at = format!("{at}/content/{}/schema", escape(media_type));
                            self.schema_type(schema.into(), &hint, Module::Operations, &at)?
                        }
                        None => TypeRef::String,
                    }
                }
            };
            let location = location(parameter);
            let example = match &data.example {
                Some(value) => Some(value.clone()),
                None => self
                    .examples_of(&data.examples, &at, Take::First)?
                    .into_iter()
                    .next()
                    .map(|(_, v)| v),
            };
            let style = match &data.format {
                ParameterSchemaOrContent::Content(content)
                    if content.keys().next().is_some_and(|m| is_json(m)) =>
                {
                    Style::Json
                }
                _ => Self::style_of(parameter),
            };
            let (default, hints) = match &data.format {
                ParameterSchemaOrContent::Schema(ReferenceOr::Item(schema)) => (
                    schema.schema_data.default.clone(),
                    super::schema::value_hints(schema),
                ),
                _ => (None, ValueHints::default()),
            };
            parameters.push(Parameter {
                default,
                hints,
                style,
                // Named with the body's once both are known (`name_setters`).
                setter: None,
                example,
                wire_name: data.name.clone(),
                rust_name: fields.claim(naming::field_name(&data.name)),
                location,
                // Path parameters are always required, whatever the document says.
                required: data.required || location == ParameterLocation::Path,
                ty,
                doc: data.description.clone(),
                deprecated: data.deprecated.unwrap_or(false),
            });
        }
        Ok(parameters)
    }

    /// A `{name}` of the path template that no path parameter declares (a
    /// vendor spec has `/certificates/{certificate_id}` beside a parameter
    /// `cert_id`): when it is the only one and exactly one declared path
    /// parameter is not in the template, that parameter is it; otherwise
    /// each becomes a required string path parameter of its own name. A
    /// warning either way.
    fn declare_path_placeholders(
        &mut self,
        path: &str,
        parameters: &mut Vec<Parameter>,
        pointer: &str,
        fields: &mut Scope,
    ) {
        let placeholders = path_placeholders(path);
        let undeclared: Vec<&str> = placeholders
            .iter()
            .copied()
            .filter(|name| {
                !parameters
                    .iter()
                    .any(|p| p.location == ParameterLocation::Path && p.wire_name == *name)
            })
            .collect();
        let mut unused: Vec<&mut Parameter> = parameters
            .iter_mut()
            .filter(|p| {
                p.location == ParameterLocation::Path
                    && !placeholders.contains(&p.wire_name.as_str())
            })
            .collect();
        if let ([name], [parameter]) = (undeclared.as_slice(), unused.as_mut_slice()) {
            let declared = std::mem::replace(&mut parameter.wire_name, (*name).to_owned());
            self.warn(
                pointer,
                format!(
                    "path `{path}` names `{{{name}}}`, which no parameter declares, and declares \
                     path parameter `{declared}`, which the path does not name; `{declared}` is \
                     taken to be `{{{name}}}`"
                ),
            );
            return;
        }
        for name in undeclared {
            self.warn(
                pointer,
                format!(
                    "path `{path}` names `{{{name}}}`, but the operation declares no path \
                     parameter `{name}`; it is sent as a required string"
                ),
            );
            parameters.push(Parameter {
                wire_name: name.to_owned(),
                rust_name: fields.claim(naming::field_name(name)),
                location: ParameterLocation::Path,
                required: true,
                ty: TypeRef::String,
                doc: None,
                example: None,
                style: Style::Simple,
                setter: None,
                default: None,
                hints: ValueHints::default(),
                deprecated: false,
            });
        }
    }

    /// A path parameter that the path template does not name cannot be sent;
    /// real specs have them (Authlete 2.3.12 declares `subject` in both path
    /// and query of a path without `{subject}`), so it is dropped with a warning.
    fn drop_stray_path_parameters(
        &mut self,
        path: &str,
        parameters: &mut Vec<Parameter>,
        pointer: &str,
    ) {
        let mut dropped = Vec::new();
        parameters.retain(|p| {
            let stray = p.location == ParameterLocation::Path
                && !path.contains(&format!("{{{}}}", p.wire_name));
            if stray {
                dropped.push(p.wire_name.clone());
            }
            !stray
        });
        for name in dropped {
            self.warn(
                pointer,
                format!(
                    "path parameter `{name}` is declared but path `{path}` has no `{{{name}}}`; \
                     it is left out"
                ),
            );
        }
    }

    /// Splits a path template into literals and parameters (every `{name}` is
    /// declared by then: `declare_path_placeholders`), checking that every
    /// `{name}` is a declared path parameter.
    fn path_segments(
        &self,
        path: &str,
        parameters: &[Parameter],
        pointer: &str,
    ) -> Result<Vec<PathSegment>> {
        let mut segments = Vec::new();
        let mut rest = path;
        while let Some(open) = rest.find('{') {
            let Some(close) = rest[open..].find('}').map(|c| open + c) else {
                return Err(self.error(pointer, format!("path `{path}` has an unclosed `{{`")));
            };
            if open > 0 {
                segments.push(PathSegment::Literal(rest[..open].to_owned()));
            }
            let name = &rest[open + 1..close];
            let index = parameters
                .iter()
                .position(|p| p.location == ParameterLocation::Path && p.wire_name == name)
                .ok_or_else(|| {
                    self.error(
                        pointer,
                        format!(
                            "path `{path}` names `{{{name}}}`, but the operation declares no \
                             path parameter `{name}`; add it under `parameters` with `in: path`"
                        ),
                    )
                })?;
            segments.push(PathSegment::Parameter(index));
            rest = &rest[close + 1..];
        }
        if !rest.is_empty() {
            segments.push(PathSegment::Literal(rest.to_owned()));
        }
        Ok(segments)
    }

    fn request_body(
        &mut self,
        body: &'a ReferenceOr<OaRequestBody>,
        id: &str,
        base: &str,
        op_pointer: &str,
        fields: &mut Scope,
    ) -> Result<Option<RequestBody>> {
        let bodies = self.doc.components.as_ref().map(|c| &c.request_bodies);
        let here = format!("{op_pointer}/requestBody");
        let (body, at) = follow(self, body, "requestBodies", bodies, &here)?;
        let contents: Vec<BodyContent> = body.content.keys().map(|m| body_content(m)).collect();
        // The body's type comes from the JSON media type when there is one (the
        // others of the same operation carry the same schema in every spec we
        // know), else from the first media type.
        let chosen = json_media(&body.content).or_else(|| body.content.iter().next());
        let Some((media_type, media)) = chosen else {
            self.warn(
                here,
                "request body has no content; the operation sends none",
            );
            return Ok(None);
        };
        let schema_pointer = format!("{at}/content/{}/schema", escape(media_type));
        let (ty, schema_name) = match (&media.schema, body_content(media_type)) {
            (_, BodyContent::Text) => (TypeRef::String, None),
            (_, BodyContent::Other(_)) => (TypeRef::Upload, None),
            (Some(ReferenceOr::Reference { reference }), _) => {
                let name = reference
                    .rsplit('/')
                    .next()
                    .map(|key| self.schema_key_name(&super::unescape(key)).into_owned());
                (self.component_ref(reference, &schema_pointer)?, name)
            }
            (Some(ReferenceOr::Item(schema)), _) => {
                let name = naming::request_body_type_name(id);
                let ty = self.schema_type_named(
                    SchemaRef::Inline(schema),
                    &name,
                    base,
                    Module::Operations,
                    &schema_pointer,
                )?;
                (ty, None)
            }
            (None, _) => (TypeRef::Json, None),
        };
        let send_as = body_content(media_type);
        let ty = match (&send_as, &media.schema) {
            (BodyContent::Multipart, Some(schema)) => {
                self.multipart_type(ty, schema, &schema_pointer)?
            }
            _ => ty,
        };
        let example = self
            .media_examples(
                media,
                &format!("{at}/content/{}", escape(media_type)),
                Take::First,
            )?
            .into_iter()
            .next()
            .map(|(_, value)| value);
        let rust_name = fields.claim(naming::body_field_name(schema_name.as_deref()));
        let encoding = match body
            .content
            .iter()
            .find(|(m, _)| body_content(m) == BodyContent::FormUrlEncoded)
        {
            Some((_, form)) => self.form_encoding(&form.encoding),
            None => Vec::new(),
        };
        Ok(Some(RequestBody {
            setter: None,
            encoding,
            example,
            send_as,
            key: naming::body_key(&rust_name),
            rust_name,
            ty,
            required: body.required,
            contents,
            doc: body.description.clone(),
        }))
    }

    fn responses(
        &mut self,
        operation: &'a openapiv3::Operation,
        base: &str,
        op_pointer: &str,
    ) -> Result<Vec<Response>> {
        let entries = operation
            .responses
            .responses
            .iter()
            .map(|(code, value)| {
                let status = match code {
                    StatusCode::Code(code) => Status::Code(*code),
                    StatusCode::Range(hundreds) => Status::Range(*hundreds as u8),
                };
                (status, naming::status_key(status), value)
            })
            .chain(
                operation
                    .responses
                    .default
                    .iter()
                    .map(|value| (Status::Default, naming::status_key(Status::Default), value)),
            );
        let first_success = operation
            .responses
            .responses
            .keys()
            .find(|code| matches!(code, StatusCode::Code(200..=299)))
            .cloned();

        let mut responses = Vec::new();
        let components = self.doc.components.as_ref().map(|c| &c.responses);
        for (status, key, value) in entries {
            let here = format!("{op_pointer}/responses/{}", escape(&key));
            let (response, at) = follow(self, value, "responses", components, &here)?;
            // A schema inside a shared component response is shared too: it lives
            // in `models` and is named after the component.
            let (module, hint) = match at.strip_prefix("#/components/responses/") {
                Some(name) => (Module::Models, naming::component_response_type_name(name)),
                None => {
                    let primary = first_success.as_ref().is_some_and(|c| match c {
                        StatusCode::Code(c) => Status::Code(*c) == status,
                        StatusCode::Range(_) => false,
                    });
                    (
                        Module::Operations,
                        naming::response_type_name(base, &key, primary),
                    )
                }
            };
            let content = if cannot_carry_body(status) {
                if !response.content.is_empty() {
                    self.warn(
                        &here,
                        format!("a {key} response carries no body, so its `content` is ignored"),
                    );
                }
                None
            } else {
                Some(&response.content)
            };
            let stream = match content.filter(|_| status.is_success()) {
                Some(content) => self.response_stream(content, &hint, module, &at)?,
                None => None,
            };
            let (body, media) = match content.and_then(json_media) {
                Some((media_type, media)) => match &media.schema {
                    Some(schema) => {
                        let at = format!("{at}/content/{}/schema", escape(media_type));
                        let ty = self.schema_type(schema.into(), &hint, module, &at)?;
                        (Some(ty), ResponseMedia::Json)
                    }
                    None => (Some(TypeRef::Json), ResponseMedia::Json),
                },
                // A success body of another media type is read as a stream,
                // text or bytes; an error body of one is returned raw.
                None => match content.and_then(|c| c.keys().next()) {
                    Some(_) if stream.is_some() => {
                        let stream = stream.as_ref().expect("checked");
                        (
                            Some(stream.item.clone()),
                            ResponseMedia::Stream(stream.format),
                        )
                    }
                    Some(media_type) if status.is_success() => {
                        if media_type.starts_with("text/") {
                            (Some(TypeRef::String), ResponseMedia::Text)
                        } else {
                            (Some(TypeRef::Download), ResponseMedia::Binary)
                        }
                    }
                    _ => (None, ResponseMedia::Json),
                },
            };
            let examples = match content.and_then(json_media) {
                Some((media_type, media)) => {
                    let at = format!("{at}/content/{}", escape(media_type));
                    let take = match self.examples {
                        super::Examples::All => Take::All,
                        super::Examples::ForDocs => Take::Nothing,
                    };
                    self.media_examples(media, &at, take)?
                }
                None => Vec::new(),
            };
            responses.push(Response {
                stream,
                headers: response.headers.keys().cloned().collect(),
                media_types: content
                    .into_iter()
                    .flat_map(|c| c.keys().cloned())
                    .collect(),
                status,
                body,
                media,
                examples,
                doc: Some(response.description.clone()).filter(|d| !d.trim().is_empty()),
            });
        }
        responses.sort_by_key(|r| r.status);
        Ok(responses)
    }
}

impl Resolver<'_> {
    /// The body type of the success (or error) responses: their one type, or
    /// an enum of them by status when they differ. Error statuses without a
    /// body stay out of the error enum (they are returned as unexpected, with
    /// their raw body).
    fn outcome_type(
        &mut self,
        responses: &[Response],
        success: bool,
        base: &str,
        label: &str,
        pointer: &str,
    ) -> Option<TypeRef> {
        let members: Vec<&Response> = responses
            .iter()
            .filter(|r| r.status.is_success() == success)
            .filter(|r| success || r.body.is_some())
            .collect();
        let first = members.first()?;
        if members
            .iter()
            .all(|r| r.body == first.body && r.media == first.media)
        {
            return first.body.clone();
        }
        let variants = members
            .iter()
            .map(|r| StatusVariant {
                rust_name: naming::status_variant_name(r.status),
                status: r.status,
                ty: r.body.clone(),
                media: r.media,
                doc: r.doc.clone(),
            })
            .collect();
        let wanted = if success {
            naming::success_enum_name(base)
        } else {
            naming::error_enum_name(base)
        };
        let name = self.claim_type_name(Module::Operations, wanted);
        let what = if success { "success" } else { "error" };
        self.types.push(TypeDef {
            name: name.clone(),
            module: Module::Operations,
            doc: Some(format!(
                "The {what} responses of `{label}`, one variant per status: their bodies differ."
            )),
            origin: format!("{pointer}/responses"),
            kind: TypeKind::Statuses(variants),
            examples: Vec::new(),
            features: Vec::new(),
            hints: ValueHints::default(),
            deprecated: false,
            wire: crate::ir::Wire::default(),
        });
        Some(TypeRef::Named {
            module: Module::Operations,
            name,
        })
    }
}

/// The `{name}`s of a path template, in order (an unclosed `{` ends them:
/// `path_segments` reports it).
fn path_placeholders(path: &str) -> Vec<&str> {
    let mut names = Vec::new();
    let mut rest = path;
    while let Some(open) = rest.find('{') {
        let Some(close) = rest[open..].find('}').map(|c| open + c) else {
            break;
        };
        names.push(&rest[open + 1..close]);
        rest = &rest[close + 1..];
    }
    names
}

impl<'a> Resolver<'a> {
    /// A media type's `example` and the values of its `examples` (following
    /// references into `components.examples`), each with its JSON pointer:
    /// as many as `take` says, every reference followed all the same (a
    /// dangling one is an error whatever is taken).
    fn media_examples(
        &self,
        media: &'a MediaType,
        at: &str,
        take: Take,
    ) -> Result<Vec<(String, serde_json::Value)>> {
        let mut examples: Vec<(String, serde_json::Value)> = media
            .example
            .iter()
            .filter(|_| take != Take::Nothing)
            .map(|value| (format!("{at}/example"), value.clone()))
            .collect();
        let take = match take {
            Take::First if !examples.is_empty() => Take::Nothing,
            take => take,
        };
        examples.extend(self.examples_of(&media.examples, at, take)?);
        Ok(examples)
    }

    /// The values of an `examples` map (of a media type or a parameter at
    /// `at`), following references into `components.examples`, each with its
    /// JSON pointer; as many as `take` says.
    fn examples_of(
        &self,
        entries: &'a indexmap::IndexMap<String, ReferenceOr<openapiv3::Example>>,
        at: &str,
        take: Take,
    ) -> Result<Vec<(String, serde_json::Value)>> {
        let components = self.doc.components.as_ref().map(|c| &c.examples);
        let mut examples = Vec::new();
        for (name, example) in entries {
            let here = format!("{at}/examples/{}", escape(name));
            let (example, pointer) = follow(self, example, "examples", components, &here)?;
            let wanted = match take {
                Take::All => true,
                Take::First => examples.is_empty(),
                Take::Nothing => false,
            };
            if let (true, Some(value)) = (wanted, &example.value) {
                examples.push((format!("{pointer}/value"), value.clone()));
            }
        }
        Ok(examples)
    }
}

/// How many example values to copy out of the document: a large spec's
/// are tens of megabytes, and the docs show one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Take {
    /// None (their references are still followed, for the errors).
    Nothing,
    /// The first that has a value.
    First,
    /// All.
    All,
}

impl Resolver<'_> {
    /// How a parameter's value is written (its `style` and `explode`).
    fn style_of(parameter: &OaParameter) -> Style {
        let explode = parameter.parameter_data_ref().explode;
        match parameter {
            OaParameter::Query { style, .. } => match style {
                QueryStyle::Form if explode == Some(false) => Style::FormJoined,
                QueryStyle::Form => Style::Form,
                QueryStyle::SpaceDelimited => Style::SpaceDelimited,
                QueryStyle::PipeDelimited => Style::PipeDelimited,
                QueryStyle::DeepObject => Style::DeepObject,
            },
            // A path parameter's `explode` defaults to false.
            OaParameter::Path {
                style: PathStyle::Label,
                ..
            } => Style::Label {
                explode: explode == Some(true),
            },
            OaParameter::Path {
                style: PathStyle::Matrix,
                ..
            } => Style::Matrix {
                explode: explode == Some(true),
            },
            OaParameter::Path { .. } | OaParameter::Header { .. } => Style::Simple,
            OaParameter::Cookie { .. } => Style::Form,
        }
    }

    /// The styles a form body's `encoding` gives its properties.
    fn form_encoding(
        &self,
        encoding: &indexmap::IndexMap<String, openapiv3::Encoding>,
    ) -> Vec<(String, Style)> {
        encoding
            .iter()
            .filter_map(|(name, encoding)| {
                // openapiv3 reads a missing `explode` as false, so `style:
                // form` cannot be told from `style: form, explode: false`; it is
                // taken as the specification's default, exploded.
                let style = match encoding.style.as_ref()? {
                    QueryStyle::Form => return None,
                    QueryStyle::SpaceDelimited => Style::SpaceDelimited,
                    QueryStyle::PipeDelimited => Style::PipeDelimited,
                    QueryStyle::DeepObject => Style::DeepObject,
                };
                Some((name.clone(), style))
            })
            .collect()
    }
}

fn location(parameter: &OaParameter) -> ParameterLocation {
    match parameter {
        OaParameter::Query { .. } => ParameterLocation::Query,
        OaParameter::Header { .. } => ParameterLocation::Header,
        OaParameter::Path { .. } => ParameterLocation::Path,
        OaParameter::Cookie { .. } => ParameterLocation::Cookie,
    }
}

/// Why a header parameter of this name is ignored, when it is: OpenAPI 3
/// leaves `Accept` and `Content-Type` to the responses and the body (and
/// `Authorization` to the security schemes: see `parameters`).
fn reserved_header(name: &str) -> Option<&'static str> {
    Some(match name.to_ascii_lowercase().as_str() {
        "accept" => "the client sends the media types the responses document",
        "content-type" => "the body's media type sets it",
        _ => return None,
    })
}

/// Whether a response of `status` can carry no body (RFC 9110: 204, 205 and
/// 304), whatever the spec documents for it.
fn cannot_carry_body(status: Status) -> bool {
    matches!(status, Status::Code(204 | 205 | 304))
}

/// The `Accept` header for an operation: every media type its responses
/// document, JSON first (each list in document order, without repeats), the
/// others at a lower preference; `None` when they document none.
fn accept_header(responses: &[Response]) -> Option<String> {
    let mut json: Vec<&str> = Vec::new();
    let mut other: Vec<&str> = Vec::new();
    for media_type in responses.iter().flat_map(|r| &r.media_types) {
        let list = if is_json(media_type) {
            &mut json
        } else {
            &mut other
        };
        if !list.contains(&media_type.as_str()) {
            list.push(media_type);
        }
    }
    let values: Vec<String> = json
        .iter()
        .map(|m| (*m).to_owned())
        .chain(other.iter().map(|m| format!("{m};q=0.9")))
        .collect();
    (!values.is_empty()).then(|| values.join(", "))
}

/// Names the request type's setter of each optional parameter and of an
/// optional body: the field's own name, unless the type already has a method
/// of that name (`new`), then `set_` and the name.
fn name_setters(parameters: &mut [Parameter], body: Option<&mut RequestBody>) {
    let mut methods = Scope::with_taken(naming::VALUE_METHODS);
    for parameter in parameters.iter_mut().filter(|p| !p.required) {
        parameter.setter = Some(naming::claim_setter(&mut methods, &parameter.rust_name));
    }
    if let Some(body) = body.filter(|b| !b.required) {
        body.setter = Some(naming::claim_setter(&mut methods, &body.rust_name));
    }
}
