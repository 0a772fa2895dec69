//! Stage 2, resolve: the loaded document to the IR. Every `$ref` is followed,
//! every inline schema gets a named type, and every name is decided here through
//! `naming`; emit only prints what it is given.

mod cycles;
mod defaults;
mod features;
pub mod formats;
mod graph;
mod idempotency;
mod implied_tags;
mod operation;
mod pagination;
mod schema;
mod security;
mod select;
mod setters;
pub mod split;
mod streams;
mod tagged_names;
mod uploads;
mod webhooks;
mod wire;

pub use webhooks::parse_signature;

use std::collections::BTreeMap;

use openapiv3::{OpenAPI, ReferenceOr};

use crate::config::Settings;
pub use crate::error::Warning;
use crate::error::{Error, Location, Result};
use crate::ir::{Api, Module, Server, ServerVariable, TypeDef};
use crate::naming::{self, Scope};
use crate::pointer::{escape, unescape};

/// The IR of a document and what was passed over on the way.
#[derive(Debug, Clone)]
pub struct Resolved {
    /// The API, ready to emit.
    pub api: Api,
    /// Constructs that were passed over.
    pub warnings: Vec<Warning>,
}

/// Resolves a loaded document into the IR. `file` names it in errors.
pub fn resolve(file: &str, doc: &OpenAPI) -> Result<Resolved> {
    resolve_with(file, doc, &Settings::default(), Examples::All)
}

/// Which of the spec's example values the IR holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Examples {
    /// Those the docs show: a schema's, and the first of a parameter or a
    /// request body.
    ForDocs,
    /// Those, and every example of every JSON response
    /// ([`Response::examples`](crate::ir::Response::examples)), for tests
    /// that read them into the generated types. A large spec's response
    /// examples are tens of megabytes to copy.
    All,
}

/// [`resolve`], customised by `sdkgen.toml`'s `settings` (which operations,
/// which names, which schemas are the user's own types, which derives),
/// keeping the `examples` asked for.
pub fn resolve_with(
    file: &str,
    doc: &OpenAPI,
    settings: &Settings,
    examples: Examples,
) -> Result<Resolved> {
    select::check_names(doc, settings)?;
    let mut resolver = Resolver::new(file, doc, settings, examples);
    resolver.name_component_schemas()?;
    resolver.define_component_schemas()?;
    let mut security_schemes = resolver.security_schemes()?;
    // The document's own requirements are checked even when no operation
    // inherits them.
    resolver.security_of(&openapiv3::Operation::default(), "#")?;
    let mut operations = resolver.operations()?;
    let webhooks = resolver.webhooks()?;
    let webhook_signature = resolver.webhook_signature();
    resolver.authorization_scheme(&mut security_schemes, &mut operations);
    implied_tags::tag_unions(&mut resolver.types);
    tagged_names::name_by_tag(&mut resolver.types, &mut operations, &mut resolver.scopes);
    cycles::box_cycles(&mut resolver.types);
    defaults::name_default_fns(&mut resolver.types, &mut resolver.scopes);
    defaults::fix_constants(&mut resolver.types);
    setters::name_model_setters(&mut resolver.types);
    let servers = doc.servers.iter().map(server).collect();
    let mut api = Api {
        title: doc.info.title.clone(),
        version: doc.info.version.clone(),
        description: doc.info.description.clone(),
        servers,
        types: resolver.types,
        operations,
        security_schemes,
        notes: resolver
            .warnings
            .iter()
            .map(|w| (w.location.pointer.clone(), w.message.clone()))
            .collect(),
        features: Vec::new(),
        webhooks,
        webhook_signature,
        derives: BTreeMap::new(),
        extra_dependencies: settings
            .dependencies
            .iter()
            .map(|(name, value)| (name.clone(), value.to_string()))
            .collect(),
        serde_by_direction: true,
        lookup: Default::default(),
    };
    // Without a choice of operations every type is kept, reached or not.
    if !(settings.tags.is_empty() && settings.operations.is_empty()) {
        select::drop_unreached(&mut api);
    }
    select::add_derives(&mut api, settings)?;
    let before = resolver.warnings.len();
    formats::confine_adapted(&mut api, &mut resolver.warnings);
    // Said again in the docs of what they concern, as every warning is.
    api.notes.extend(
        resolver.warnings[before..]
            .iter()
            .map(|w| (w.location.pointer.clone(), w.message.clone())),
    );
    features::assign(&mut api);
    wire::assign(&mut api);
    Ok(Resolved {
        api,
        warnings: resolver.warnings,
    })
}

/// A server with its variables replaced by their defaults, so that its URL can
/// be used as it is.
fn server(server: &openapiv3::Server) -> Server {
    let mut url = server.url.clone();
    for (name, variable) in server.variables.iter().flatten() {
        url = url.replace(&format!("{{{name}}}"), &variable.default);
    }
    Server {
        url: url.trim_end_matches('/').to_owned(),
        template: server.url.trim_end_matches('/').to_owned(),
        description: server.description.clone(),
        variables: server
            .variables
            .iter()
            .flatten()
            .map(|(name, variable)| ServerVariable {
                name: name.clone(),
                default: variable.default.clone(),
                values: variable.enumeration.clone(),
                description: variable.description.clone(),
            })
            .collect(),
    }
}

/// The state of one resolve run.
struct Resolver<'a> {
    file: &'a str,
    doc: &'a OpenAPI,
    settings: &'a Settings,
    /// Which example values to copy into the IR.
    examples: Examples,
    /// Rust names of component schemas, by their key in the document.
    component_names: BTreeMap<String, String>,
    /// Types defined so far, in the order they were met.
    types: Vec<TypeDef>,
    /// Type names taken in each module.
    scopes: BTreeMap<Module, Scope>,
    /// Inline schemas already resolved, by JSON pointer, so a schema reached twice
    /// (a shared component response) is defined once.
    inline_done: BTreeMap<String, crate::ir::TypeRef>,
    /// The operations (by pointer) that declare an `Authorization` header
    /// parameter, and whether it is required: it becomes a credential
    /// (`authorization_scheme`).
    authorization_headers: Vec<(String, bool)>,
    /// FastAPI default operationIds and the route name each is named by
    /// (`naming::route_name`).
    route_names: BTreeMap<String, String>,
    /// Every `$ref` of the document that is not a multipart request body's
    /// schema, gathered the first time `uploads` needs to know.
    refs_beside_multipart: Option<std::collections::BTreeSet<String>>,
    warnings: Vec<Warning>,
}

impl<'a> Resolver<'a> {
    fn new(file: &'a str, doc: &'a OpenAPI, settings: &'a Settings, examples: Examples) -> Self {
        Resolver {
            file,
            doc,
            settings,
            examples,
            component_names: BTreeMap::new(),
            types: Vec::new(),
            scopes: BTreeMap::new(),
            inline_done: BTreeMap::new(),
            authorization_headers: Vec::new(),
            // `names.shorten = false` keeps FastAPI's ids whole.
            route_names: if settings.names.shorten {
                route_names(doc)
            } else {
                BTreeMap::new()
            },
            refs_beside_multipart: None,
            warnings: Vec::new(),
        }
    }

    /// Claims a unique type name in `module`.
    fn claim_type_name(&mut self, module: Module, wanted: String) -> String {
        self.scopes.entry(module).or_default().claim(wanted)
    }

    /// Component schemas are named before any is defined, so that a `$ref` can be
    /// turned into a name whatever the order of definitions, and so that component
    /// names win over inline names that happen to coincide.
    fn name_component_schemas(&mut self) -> Result<()> {
        let Some(components) = &self.doc.components else {
            return Ok(());
        };
        // The names `sdkgen.toml` gives are claimed first, as they are:
        // another schema yields, not them.
        for (key, name) in &self.settings.names.schemas {
            let claimed = self.claim_type_name(Module::Models, name.clone());
            // `type_name` leaves an UpperCamelCase name that shadows nothing
            // as it is.
            if &claimed != name || naming::type_name(name) != *name {
                return Err(Error::Config(format!(
                    "names.schemas.{key}: `{name}` cannot name a type (taken by another, not \
                     UpperCamelCase, or shadowing std's prelude or the crate's root)"
                )));
            }
            self.component_names.insert(key.clone(), claimed);
        }
        for key in components.schemas.keys() {
            if self.component_names.contains_key(key) {
                continue;
            }
            let key_name = self.schema_key_name(key);
            let name = self.claim_type_name(Module::Models, naming::type_name(&key_name));
            self.component_names.insert(key.clone(), name);
        }
        Ok(())
    }

    /// What a component schema is named after: its key, or for a FastAPI
    /// body component its route's (`naming::fastapi_body_key`).
    fn schema_key_name<'k>(&self, key: &'k str) -> std::borrow::Cow<'k, str> {
        naming::fastapi_body_key(key, |id| self.route_names.get(id).cloned())
            .map_or(std::borrow::Cow::Borrowed(key), std::borrow::Cow::Owned)
    }

    /// What an operation is named after: its id, or a FastAPI default id's
    /// route name.
    fn naming_id<'i>(&'i self, id: &'i str) -> &'i str {
        if let Some(name) = self.settings.names.operations.get(id) {
            return name;
        }
        self.route_names.get(id).map_or(id, String::as_str)
    }

    fn error(&self, pointer: impl Into<String>, message: impl Into<String>) -> Error {
        Error::spec(self.file, Location::pointer(pointer), message)
    }

    fn warn(&mut self, pointer: impl Into<String>, message: impl Into<String>) {
        self.warnings.push(Warning {
            location: Location::pointer(pointer),
            message: message.into(),
        });
    }
}

/// Every operationId of `doc` that is FastAPI's default for its operation,
/// with its route name.
fn route_names(doc: &OpenAPI) -> BTreeMap<String, String> {
    let mut names = BTreeMap::new();
    for (path, item) in &doc.paths.paths {
        let ReferenceOr::Item(item) = item else {
            continue;
        };
        for (method, operation) in item.iter() {
            let Some(id) = &operation.operation_id else {
                continue;
            };
            if let Some(route) = naming::route_name(id, method, path) {
                names.insert(id.clone(), route.to_owned());
            }
        }
    }
    names
}

/// Follows `value` through local `$ref`s of the form `#/components/{section}/NAME`
/// to the item, returning it with its JSON pointer (`pointer` itself when `value`
/// is inline).
fn follow<'a, T>(
    resolver: &Resolver<'a>,
    value: &'a ReferenceOr<T>,
    section: &str,
    map: Option<&'a indexmap::IndexMap<String, ReferenceOr<T>>>,
    pointer: &str,
) -> Result<(&'a T, String)> {
    let mut current = value;
    let mut current_pointer = pointer.to_owned();
    let mut seen: Vec<&str> = Vec::new();
    loop {
        let reference = match current {
            ReferenceOr::Item(item) => return Ok((item, current_pointer)),
            ReferenceOr::Reference { reference } => reference.as_str(),
        };
        let prefix = format!("#/components/{section}/");
        let Some(escaped) = reference.strip_prefix(&prefix) else {
            return Err(resolver.error(
                current_pointer,
                format!(
                    "`$ref: {reference}` is not supported here; expected a reference of the \
                     form {prefix}NAME (references to other files are not supported yet)"
                ),
            ));
        };
        if seen.contains(&escaped) {
            return Err(resolver.error(
                current_pointer,
                format!("`$ref: {reference}` is part of a reference cycle"),
            ));
        }
        seen.push(escaped);
        let Some(next) = map.and_then(|m| m.get(&unescape(escaped))) else {
            return Err(resolver.error(
                current_pointer,
                format!("`$ref: {reference}` points at nothing: there is no such entry"),
            ));
        };
        current = next;
        current_pointer = format!("{prefix}{escaped}");
    }
}

/// The API of a document that has only `schemas` (YAML lines indented
/// under `components.schemas`), for the passes' unit tests.
#[cfg(test)]
pub(crate) fn api_of_schemas(schemas: &str) -> Api {
    let text = format!(
        "openapi: 3.0.3\ninfo: {{title: t, version: '1'}}\npaths: {{}}\ncomponents:\n  schemas:\n{schemas}"
    );
    let loaded = crate::load::load("t.yaml", &text).unwrap();
    resolve("t.yaml", &loaded.doc).unwrap().api
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ir::{BodyContent, Style, TypeKind, TypeRef};

    fn resolve_yaml(text: &str) -> Result<Resolved> {
        let loaded = crate::load::load("t.yaml", text)?;
        resolve("t.yaml", &loaded.doc)
    }

    #[test]
    fn an_operation_takes_its_own_servers_else_its_path_items() {
        let resolved = resolve_yaml(
            "openapi: 3.0.3\ninfo: {title: t, version: '1'}\nservers: [{url: 'https://api.example.com'}]\npaths:\n  /a:\n    servers: [{url: 'https://{h}.example.com/', variables: {h: {default: up}}}]\n    get: {operationId: inherits, responses: {'204': {description: x}}}\n    put: {operationId: own, servers: [{url: 'https://own.example.com'}], responses: {'204': {description: x}}}\n  /b:\n    get: {operationId: none, responses: {'204': {description: x}}}\n",
        )
        .unwrap();
        let urls = |id: &str| -> Vec<String> {
            let op = resolved
                .api
                .operations
                .iter()
                .find(|op| op.id == id)
                .unwrap();
            op.servers.iter().map(|s| s.url.clone()).collect()
        };
        assert_eq!(urls("inherits"), ["https://up.example.com"]);
        assert_eq!(urls("own"), ["https://own.example.com"]);
        assert!(urls("none").is_empty());
    }

    #[test]
    fn server_variables_take_their_defaults() {
        let resolved = resolve_yaml(
            "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths: {}\nservers:\n  - url: https://{region}.example.com/{base}/\n    variables:\n      region: {default: eu}\n      base: {default: v2}\n",
        )
        .unwrap();
        assert_eq!(resolved.api.servers[0].url, "https://eu.example.com/v2");
    }

    #[test]
    fn a_one_of_of_string_enums_is_one_enum_and_other_one_ofs_stay_unions() {
        let kind = |one_of: &str| {
            let text = format!(
                "openapi: 3.0.3\ninfo: {{title: t, version: '1'}}\npaths: {{}}\ncomponents:\n  schemas:\n    K:\n      oneOf: {one_of}\n"
            );
            let api = resolve_yaml(&text).unwrap().api;
            api.types.into_iter().find(|t| t.name == "K").unwrap().kind
        };
        let TypeKind::Enum(values) =
            kind("[{type: string, enum: [a], description: First.}, {type: string, enum: [b, c]}]")
        else {
            panic!("not one enum");
        };
        let listed: Vec<(&str, Option<&str>)> = values
            .variants
            .iter()
            .map(|v| (v.wire_value.as_str(), v.doc.as_deref()))
            .collect();
        assert_eq!(listed, [("a", Some("First.")), ("b", None), ("c", None)]);
        // A free string beside the enum, or no alternatives at all, is a union.
        assert!(matches!(
            kind("[{type: string, enum: [a]}, {type: string}]"),
            TypeKind::Union(_)
        ));
        assert!(matches!(kind("[]"), TypeKind::Union(_)));
    }

    #[test]
    fn dangling_refs_are_located() {
        let error = resolve_yaml(
            "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths: {}\ncomponents:\n  schemas:\n    a:\n      type: object\n      properties:\n        b: {$ref: '#/components/schemas/missing'}\n",
        )
        .unwrap_err();
        assert_eq!(
            error.to_string(),
            "t.yaml:#/components/schemas/a/properties/b: `$ref: #/components/schemas/missing` \
             points at nothing: there is no schema `missing`"
        );
    }

    #[test]
    fn undeclared_security_schemes_are_located() {
        let error = resolve_yaml(
            "openapi: 3.0.3\ninfo: {title: t, version: '1'}\nsecurity: [{nope: []}]\npaths:\n  /a:\n    get:\n      responses: {'204': {description: ok}}\n",
        )
        .unwrap_err();
        assert!(
            error
                .to_string()
                .starts_with("t.yaml:#/security/0: security requirement names scheme `nope`"),
            "{error}"
        );
    }

    const SHAPES: &str = r#"
openapi: 3.0.3
info: {title: t, version: '1'}
paths:
  /x:
    post:
      operationId: make
      parameters:
        - {name: a, in: query, schema: {type: array, items: {type: string}}}
        - {name: b, in: query, explode: false, schema: {type: array, items: {type: string}}}
        - {name: c, in: query, style: deepObject, schema: {type: object}}
        - {name: d, in: query, style: pipeDelimited, schema: {type: array, items: {type: string}}}
        - {name: e, in: header, schema: {type: string}}
      requestBody:
        content:
          application/json:
            schema: {type: object, properties: {m: {type: object}}}
          application/x-www-form-urlencoded:
            schema: {type: object, properties: {m: {type: object}}}
            encoding:
              m: {style: deepObject, explode: true}
      responses:
        '200': {description: ok, content: {application/json: {schema: {type: string}}}}
        '202': {description: accepted}
        '404': {description: gone, content: {application/json: {schema: {type: integer}}}}
        '409': {description: clash, content: {application/json: {schema: {type: boolean}}}}
        '500': {description: broken}
"#;

    #[test]
    fn parameter_styles_and_form_encodings_are_read() {
        let api = resolve_yaml(SHAPES).unwrap().api;
        let op = &api.operations[0];
        let styles: Vec<Style> = op.parameters.iter().map(|p| p.style).collect();
        assert_eq!(
            styles,
            [
                Style::Form,
                Style::FormJoined,
                Style::DeepObject,
                Style::PipeDelimited,
                Style::Simple
            ]
        );
        let body = op.body.as_ref().unwrap();
        assert_eq!(body.send_as, BodyContent::Json);
        assert_eq!(body.encoding, [("m".to_owned(), Style::DeepObject)]);
        assert_eq!(op.encoding_method.as_deref(), Some("make_as"));
    }

    #[test]
    fn differing_bodies_become_enums_by_status() {
        let api = resolve_yaml(SHAPES).unwrap().api;
        let op = &api.operations[0];
        let variants = |ty: &Option<TypeRef>| match &api.named(ty.as_ref().unwrap()).unwrap().kind {
            TypeKind::Statuses(variants) => variants
                .iter()
                .map(|v| (v.rust_name.clone(), v.ty.clone()))
                .collect::<Vec<_>>(),
            other => panic!("{other:?}"),
        };
        assert_eq!(
            variants(&op.success),
            [
                ("Ok".to_owned(), Some(TypeRef::String)),
                ("Accepted".to_owned(), None)
            ]
        );
        // 500 has no body: it stays an unexpected status, out of the enum.
        assert_eq!(
            variants(&op.error),
            [
                ("NotFound".to_owned(), Some(TypeRef::I64)),
                ("Conflict".to_owned(), Some(TypeRef::Bool))
            ]
        );
        assert_eq!(
            op.success,
            Some(TypeRef::Named {
                module: Module::Operations,
                name: "MakeSuccess".to_owned()
            })
        );
    }
}
